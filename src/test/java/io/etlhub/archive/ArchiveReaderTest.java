package io.etlhub.archive;

import org.apache.poi.ss.util.CellRangeAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.etlhub.archive.Workbooks.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading .xlsx and .xls by streaming, header detection, carry-down, and every kind of bad file. */
class ArchiveReaderTest {
    @TempDir
    Path dir;

    final ArchiveMapping mapping = ArchiveMappings.customers();
    final List<ArchiveRow> rows = new ArrayList<>();
    final List<CellIssue> issues = new ArrayList<>();

    SheetInterpreter read(Path file) {
        return read(file, 1_000_000);
    }

    SheetInterpreter read(Path file, long maxRows) {
        SheetInterpreter sheets = new SheetInterpreter(mapping, maxRows, ArchiveMessages.CHINESE, rows::add, issues::add);
        new ArchiveReader(ArchiveMessages.CHINESE, 0.01, 0xFFFFFFFFL).read(file, sheets);
        return sheets;
    }

    static Workbooks.SheetSpec branchSheet() {
        List<List<Object>> r = new ArrayList<>();
        r.add(row("华东分公司客户表"));                                   // title row above the header
        r.add(null);
        r.add(row("序号", "公司名称", "手机号", "电话", "成立日期", "地区", "邮箱"));
        r.add(row(1, "杭州甲乙机械有限公司", "138 1234 5678", "(0571)8888 6666", LocalDate.of(2019, 3, 5), "浙江", "Sales@JiaYi.com"));
        r.add(row(2, "宁波丙丁贸易(集团)有限公司", "+86 139-0000-1111", null, "2019年3月5日", null, null));
        r.add(row(3, "", "13700001111", null, null, null, null));         // no name: rejected
        r.add(row(4, "温州戊己电器", 13812345678L, null, 43529, "江苏", "not-an-email"));
        return new Workbooks.SheetSpec("华东", r, List.of(new CellRangeAddress(3, 4, 5, 5)));
    }

    @Test
    void readsXlsxWithHeaderBelowATitleAndCarriesGroupedColumnsDown() throws Exception {
        SheetInterpreter s = read(Workbooks.xlsx(dir.resolve("branch.xlsx"), branchSheet()));
        assertRows(s);
    }

    @Test
    void readsXlsTheSameWay() throws Exception {
        SheetInterpreter s = read(Workbooks.xls(dir.resolve("branch.xls"), branchSheet()));
        assertRows(s);
    }

    @Test
    void fileTypeComesFromTheBytesNotTheExtension() throws Exception {
        Path xlsxNamedXls = Workbooks.xlsx(dir.resolve("really-xlsx.xls"), branchSheet());
        read(xlsxNamedXls);
        assertThat(rows).hasSize(4);
    }

    private void assertRows(SheetInterpreter s) {
        assertThat(s.dataRows()).isEqualTo(4);
        assertThat(rows).extracting(ArchiveRow::row).containsExactly(4, 5, 6, 7);
        assertThat(rows.get(0).values()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "name", "杭州甲乙机械有限公司", "mobile", "13812345678", "landline", "0571-88886666",
                "established-date", "2019-03-05", "region", "浙江", "email", "sales@jiayi.com"));
        // Region blank under a merged cell: carried down from the row above.
        assertThat(rows.get(1).values()).containsEntry("name", "宁波丙丁贸易（集团）有限公司")
                .containsEntry("mobile", "13900001111").containsEntry("established-date", "2019-03-05").containsEntry("region", "浙江");
        assertThat(rows.get(2).rejectReason()).isEqualTo("archive.reason.required");
        // A mobile typed as a number, a date as an Excel serial number, a bad e-mail dropped (the row kept).
        assertThat(rows.get(3).values()).containsEntry("mobile", "13812345678").containsEntry("established-date", "2019-03-05")
                .containsEntry("region", "江苏").doesNotContainKey("email");
        assertThat(issues).anySatisfy(i -> {
            assertThat(i.kind()).isEqualTo(CellIssue.Kind.REJECTED_CELL);
            assertThat(i.row()).isEqualTo(7);
            assertThat(i.column()).isEqualTo("G 邮箱");
            assertThat(i.original()).isEqualTo("not-an-email");
            assertThat(i.reason()).isEqualTo("archive.reason.email");
        });
        assertThat(issues).anySatisfy(i -> {
            assertThat(i.kind()).isEqualTo(CellIssue.Kind.CHANGED);
            assertThat(i.row()).isEqualTo(4);
            assertThat(i.original()).isEqualTo("138 1234 5678");
            assertThat(i.value()).isEqualTo("13812345678");
        });
        assertThat(issues).anySatisfy(i -> {
            assertThat(i.kind()).isEqualTo(CellIssue.Kind.REJECTED_ROW);
            assertThat(i.row()).isEqualTo(6);
        });
    }

    @Test
    void readsEverySheetAndSkipsOnesWithoutHeader() throws Exception {
        Workbooks.SheetSpec notes = new Workbooks.SheetSpec("说明", List.of(row("本表为2018年整理"), row("如有疑问联系张三")));
        Workbooks.SheetSpec second = new Workbooks.SheetSpec("华南", List.of(row("客户名称", "联系电话"), row("深圳庚辛电子", "0755-2345 6789")));
        SheetInterpreter s = read(Workbooks.xlsx(dir.resolve("multi.xlsx"), branchSheet(), notes, second));
        assertThat(s.sheetsWithHeader()).isEqualTo(2);
        assertThat(rows).extracting(ArchiveRow::sheet).containsExactly("华东", "华东", "华东", "华东", "华南");
        assertThat(rows.get(4).values()).containsEntry("landline", "0755-23456789");
        assertThat(issues).anySatisfy(i -> {
            assertThat(i.sheet()).isEqualTo("说明");
            assertThat(i.kind()).isEqualTo(CellIssue.Kind.SHEET_SKIPPED);
            assertThat(i.reason()).isEqualTo("archive.reason.no-header");
        });
    }

    @Test
    void sheetWhoseHeaderLacksTheRequiredColumnIsSkipped() throws Exception {
        read(Workbooks.xlsx(dir.resolve("noname.xlsx"), new Workbooks.SheetSpec("S", List.of(row("手机", "电话"), row("13812345678", "010-12345678")))));
        assertThat(rows).isEmpty();
        assertThat(issues).singleElement().satisfies(i -> {
            assertThat(i.reason()).isEqualTo("archive.reason.missing-column");
            assertThat(i.detail()).isEqualTo("客户名称");
        });
    }

    @Test
    void formulaCellsGiveTheirCachedResultAndAreReported() throws Exception {
        for (String ext : List.of("xlsx", "xls")) {
            rows.clear();
            issues.clear();
            Workbooks.SheetSpec sheet = new Workbooks.SheetSpec("S", List.of(row("客户名称", "手机", "注册资本"),
                    row(new Workbooks.Formula("CONCATENATE(\"苏州\",\"壬癸有限公司\")"), "13812345678", new Workbooks.Formula("100*3"))));
            Path file = dir.resolve("formula." + ext);
            if (ext.equals("xlsx")) Workbooks.xlsx(file, sheet); else Workbooks.xls(file, sheet);
            read(file);
            assertThat(rows).singleElement().satisfies(r -> assertThat(r.values())
                    .containsEntry("name", "苏州壬癸有限公司").containsEntry("registered-capital", "300.00"));
            assertThat(issues).filteredOn(i -> i.reason().equals("archive.reason.formula")).extracting(CellIssue::column)
                    .as(ext).containsExactly("A 客户名称", "C 注册资本");
        }
    }

    @Test
    void formulaErrorsAreEmptyCellsNamingTheError() throws Exception {
        for (String ext : List.of("xlsx", "xls")) {
            rows.clear();
            issues.clear();
            Workbooks.SheetSpec sheet = new Workbooks.SheetSpec("S", List.of(row("客户名称", "手机", "注册资本", "行业"),
                    row("苏州壬癸有限公司", new Workbooks.Formula("NA()"), new Workbooks.Formula("1/0"), new Workbooks.Formula("#REF!"))));
            Path file = dir.resolve("errors." + ext);
            if (ext.equals("xlsx")) Workbooks.xlsx(file, sheet); else Workbooks.xls(file, sheet);
            read(file);
            assertThat(rows).singleElement().satisfies(r -> assertThat(r.values()).as(ext).containsOnlyKeys("name"));
            assertThat(issues).as(ext).extracting(i -> i.column() + "|" + i.original() + "|" + i.kind() + "|" + i.reason() + "|" + i.detail())
                    .containsExactly("B 手机|#N/A|REJECTED_CELL|archive.reason.formula-error|#N/A",
                            "C 注册资本|#DIV/0!|REJECTED_CELL|archive.reason.formula-error|#DIV/0!",
                            "D 行业|#REF!|REJECTED_CELL|archive.reason.formula-error|#REF!");
        }
    }

    @Test
    void sharedStringsUnpackingToAGigabyteAreRefused() throws Exception {
        Path plain = Workbooks.xlsx(dir.resolve("plain.xlsx"), branchSheet());
        Path bomb = Workbooks.sharedStringsBomb(plain, dir.resolve("strings.xlsx"), 1L << 30);
        // About 20 MB: inflates 50-fold, within POI's ratio limit (0.01), so only the part limit stops it.
        assertThat(Files.size(bomb)).isBetween((long) (0.01 * (1L << 30)), 40L << 20);
        assertThatThrownBy(() -> read(bomb)).isInstanceOfSatisfying(ArchiveFileException.class, e -> {
            assertThat(e.reason()).isEqualTo("archive.error.part-too-large");
            assertThat(e.getMessage()).contains("strings.xlsx").contains("xl/sharedStrings.xml").contains("200 MB");
        });
    }

    @Test
    void emptyFile() throws Exception {
        Path file = Files.createFile(dir.resolve("empty.xlsx"));
        assertFails(file, "archive.error.empty-file", "空文件");
    }

    @Test
    void notExcel() throws Exception {
        Path file = Files.writeString(dir.resolve("customers.xlsx"), "客户名称,电话\n甲公司,010-12345678\n", StandardCharsets.UTF_8);
        assertFails(file, "archive.error.not-excel", "不是 Excel 文件");
    }

    @Test
    void truncatedFile() throws Exception {
        Path plain = Workbooks.xlsx(dir.resolve("plain.xlsx"), branchSheet());
        assertFails(Workbooks.truncated(plain, dir.resolve("cut.xlsx")), "archive.error.corrupt", "已损坏或不完整");
        Path plainXls = Workbooks.xls(dir.resolve("plain.xls"), branchSheet());
        assertFails(Workbooks.truncated(plainXls, dir.resolve("cut.xls")), "archive.error.corrupt", "已损坏或不完整");
    }

    @Test
    void corruptZip() throws Exception {
        byte[] bytes = new byte[4096];
        bytes[0] = 0x50; bytes[1] = 0x4B; bytes[2] = 3; bytes[3] = 4;
        for (int i = 4; i < bytes.length; i++) bytes[i] = (byte) (i * 31);
        assertFails(Files.write(dir.resolve("garbage.xlsx"), bytes), "archive.error.corrupt", "已损坏或不完整");
    }

    @Test
    void passwordProtectedXlsx() throws Exception {
        Path plain = Workbooks.xlsx(dir.resolve("plain.xlsx"), branchSheet());
        assertFails(Workbooks.encryptedXlsx(plain, dir.resolve("locked.xlsx")), "archive.error.encrypted", "密码保护");
    }

    @Test
    void passwordProtectedXls() throws Exception {
        assertFails(Workbooks.encryptedXls(dir.resolve("locked.xls"), branchSheet()), "archive.error.encrypted", "密码保护");
    }

    @Test
    void zipBomb() throws Exception {
        Path plain = Workbooks.xlsx(dir.resolve("plain.xlsx"), branchSheet());
        assertFails(Workbooks.zipBomb(plain, dir.resolve("bomb.xlsx")), "archive.error.zip-bomb", "压缩炸弹");
    }

    @Test
    void moreRowsThanAllowed() throws Exception {
        assertThatThrownBy(() -> read(Workbooks.xlsx(dir.resolve("big.xlsx"), branchSheet()), 3))
                .isInstanceOfSatisfying(ArchiveFileException.class, e -> {
                    assertThat(e.reason()).isEqualTo("archive.error.too-many-rows");
                    assertThat(e.getMessage()).contains("3");
                });
    }

    private void assertFails(Path file, String reason, String text) {
        assertThatThrownBy(() -> read(file)).isInstanceOfSatisfying(ArchiveFileException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.getMessage()).contains(text).contains(file.getFileName().toString());
        });
    }
}
