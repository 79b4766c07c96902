package io.etlhub.archive;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static io.etlhub.archive.Workbooks.row;

/**
 * Generates samples/客户档案.xlsx, the legacy archive the README's import example uses: two branch
 * sheets the way sales offices kept them (a title row above the header, different header names, blank
 * cells meaning "as above", full-width text, phones and dates written every way, one customer twice).
 * Generated once and committed; rerun after changing it:
 * {@code mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.etlhub.archive.SampleArchive}
 */
public final class SampleArchive {
    private SampleArchive() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "samples/客户档案.xlsx");
        Workbooks.xlsx(file, east(), south());
        System.out.println("written " + file.toAbsolutePath());
    }

    private static Workbooks.SheetSpec east() {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(row("华东区客户档案（2019年整理，业务部）"));
        rows.add(row("客户名称", "统一社会信用代码", "联系人", "手机", "电话", "邮箱", "地址", "行业", "地区", "成立日期", "业务员",
                "注册资本", "登记日期"));
        rows.add(row("苏州恒远精密机械有限公司", code("91320505MA1M000"), "周建国", "138 1234 5601", "0512-6655 1201",
                "zhoujg@hengyuan-jx.cn", "苏州市高新区长江路 18 号", "精密机械", "江苏", LocalDate.of(2009, 3, 18), "张伟", "500万", "2019/4/2"));
        rows.add(row("宁波博达电子科技有限公司", code("91330201MA2A000"), "陈晓燕", "+86 139-0574-5602", "", "CHENXY@BODA-TECH.COM",
                "宁波市北仑区明州路 99 号", "电子科技", null, "2012.6.1", null, "1000", "2019-04-05"));
        rows.add(row("无锡华盛汽车零部件有限公司", code("91320214MA1N000"), "王磊", "13912345603", "0510 8520 1203", "",
                "无锡市新吴区锡梅路 7 号", "汽车零部件", "江苏", "2015年8月20日", "李娜", "2,000万元", LocalDate.of(2019, 4, 8)));
        rows.add(row("常州新材科技有限公司（常州）", code("91320411MA1P000"), "赵敏", "１３６１２３４５６０４", "", "zhaomin@xincai.com",
                "常州市新北区通江路 12 号", "新材料", null, "2017/11/3", null, "300万", "2019/4/9"));
        rows.add(row("苏州恒远精密机械有限公司", code("91320505MA1M000"), "周建国", "13812345601", "", "",
                "", "精密机械", "江苏", "", "张伟", "", "2019/5/6"));
        return new Workbooks.SheetSpec("华东", rows);
    }

    private static Workbooks.SheetSpec south() {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(row("华南片区客户表"));
        rows.add(row());
        rows.add(row("公司名称", "税号", "负责人", "手机号码", "座机", "电子邮箱", "公司地址", "所属行业", "片区", "注册日期", "客户经理",
                "注册资金", "更新日期"));
        rows.add(row("东莞捷达模具有限公司", code("91441900MA4U000"), "黄志强", "137 2234 5605", "0769-2233 1205",
                "huangzq@jieda-mold.cn", "东莞市长安镇振安路 66 号", "模具", "广东", "2010-05-12", "刘洋", "800万", "2020/3/1"));
        rows.add(row("佛山粤华五金制品有限公司", code("91440604MA4W000"), "梁美玲", "13822345606", "0757 8233 1206", "",
                "佛山市禅城区季华路 3 号", "五金制品", null, "2013.9.9", null, "500", "2020/3/2"));
        rows.add(row("深圳智造装备有限公司", "", "吴俊", "13922345607", "", "wujun@zhizao-eq.com",
                "深圳市宝安区福海街道 1 号", "智能装备", "广东", LocalDate.of(2018, 1, 15), "杨帆", "1500万", "2020/3/5"));
        return new Workbooks.SheetSpec("华南", rows);
    }

    /** A valid 统一社会信用代码 from its first 15 characters (two zeros and the check character added). */
    private static String code(String first15) {
        String first17 = first15 + "12";
        return first17 + CreditCodeRule.checkChar(first17);
    }
}
