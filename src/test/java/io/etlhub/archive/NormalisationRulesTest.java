package io.etlhub.archive;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each normalisation rule, case by case. */
class NormalisationRulesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2019.3.5|2019-03-05",
            "2019/03/05|2019-03-05",
            "2019年3月5日|2019-03-05",
            "2019-3-5|2019-03-05",
            "２０１９－３－５|2019-03-05",
            "20190305|2019-03-05",
            "2019-03-05 10:30:00|2019-03-05",
            "2019-03-05T10:30|2019-03-05",
            // Excel serial: 43466 is 2019-01-01; + 31 (Jan) + 28 (Feb) + 4 = 43529 is 2019-03-05.
            "43529|2019-03-05",
            "43529.5|2019-03-05"})
    void dates(String in, String out) {
        assertThat(new DateRule().apply(in)).isEqualTo(Cleaned.of(out));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"2019-02-30", "去年", "2019-13-01", "1850-01-01", "0"})
    void badDates(String in) {
        assertThat(new DateRule().apply(in).rejectReason()).isEqualTo("archive.reason.date");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1,234.5|1234.50",
            "１２３|123.00",
            "50万元|500000.00",
            "12.5万|125000.00",
            "¥ 1,000.005|1000.01",
            "300元|300.00",
            "-7|-7.00"})
    void numbersStoredAsText(String in, String out) {
        assertThat(new NumberRule().apply(in)).isEqualTo(Cleaned.of(out));
    }

    @Test
    void notANumber() {
        assertThat(new NumberRule().apply("约一百万").rejectReason()).isEqualTo("archive.reason.number");
    }

    @Test
    void fullWidthToHalfWidthAndTrimming() {
        assertThat(Widths.half("　ＡＢＣ１２３　 公司  名 ")).isEqualTo("ABC123 公司 名");
        assertThat(new TextRule().apply("   ")).isEqualTo(Cleaned.BLANK);
        assertThat(new TextRule().apply(" 张三\t")).isEqualTo(Cleaned.of("张三"));
    }

    @Test
    void companyNamesKeepChineseBracketsAndCompareLoosely() {
        assertThat(new CompanyNameRule().apply(" 上海某某(集团)有限公司 ")).isEqualTo(Cleaned.of("上海某某（集团）有限公司"));
        assertThat(CompanyNameRule.key("上海 某某（集团）有限公司")).isEqualTo(CompanyNameRule.key("上海某某(集团)有限公司"));
        assertThat(CompanyNameRule.key("abc 科技")).isEqualTo("ABC科技");
    }

    @Test
    void oneCompanyNameKeyForEveryWayOfWritingIt() {
        String key = CompanyNameRule.key("宁波丙丁贸易（集团）有限公司");
        assertThat(List.of("宁波丙丁贸易(集团)有限公司", "宁波丙丁贸易 (集团) 有限责任公司", "　宁波丙丁贸易【集团】有限公司 ",
                "宁波丙丁贸易集团有限公司", "宁波丙丁贸易（集团）（有限公司）")).allSatisfy(n -> assertThat(CompanyNameRule.key(n)).as(n).isEqualTo(key));
        assertThat(CompanyNameRule.key("ＡＢＣ Trading Co., Ltd.")).isEqualTo(CompanyNameRule.key("abc trading co., ltd."));
        // Another legal form is another company.
        assertThat(CompanyNameRule.key("宁波丙丁贸易股份有限公司")).isNotEqualTo(CompanyNameRule.key("宁波丙丁贸易有限公司"));
        assertThat(CompanyNameRule.key(" 　")).isNull();
    }

    @Test
    void rowsOfOneCompanyMergeByTheMappingsPolicy() {
        ArchiveMapping m = ArchiveMappings.customers();
        ArchiveMapping overwriteOlder = new ArchiveMapping(m.kind(), m.description(), m.target(), m.minHeaderMatches(), m.headerSearchRows(),
                m.fields(), m.dedup(), new ArchiveMapping.Merge("overwrite-older", "record-date"));
        List<StagedRow> rows = List.of(
                new StagedRow(1, 1, "S", 2, Map.of("name", "甲公司", "email", "old@a.com", "record-date", "2020-01-01")),
                new StagedRow(2, 1, "S", 3, Map.of("name", "甲公司", "email", "new@a.com", "owner", "王五", "record-date", "2023-05-01")),
                new StagedRow(3, 1, "S", 4, Map.of("name", "甲公司", "email", "older@a.com", "address", "杭州", "record-date", "2019-01-01")));
        for (ArchiveMapping mapping : List.of(m, overwriteOlder)) {
            List<Company> companies = new java.util.ArrayList<>();
            List<CellIssue> lines = new java.util.ArrayList<>();
            CompanyFolder folder = new CompanyFolder(mapping, new FieldLabels(mapping), lines::add, companies::add);
            rows.forEach(folder::accept);
            folder.finish();
            assertThat(folder.merged()).isEqualTo(2);
            assertThat(companies).singleElement().satisfies(c -> {
                assertThat(c.row).isEqualTo(2);
                // fill-blanks keeps the first e-mail; overwrite-older takes the later-recorded one, never the older.
                assertThat(c.values).containsEntry("email", mapping == m ? "old@a.com" : "new@a.com")
                        .containsEntry("owner", "王五").containsEntry("address", "杭州");
                assertThat(c.asOf).isEqualTo(java.time.LocalDate.of(2023, 5, 1).atStartOfDay());
            });
            assertThat(lines).extracting(CellIssue::row, CellIssue::value).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(3, mapping == m ? "业务员: 王五" : "邮箱: old@a.com -> new@a.com; 业务员: 王五"),
                    org.assertj.core.groups.Tuple.tuple(4, "地址: 杭州"));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "+86 138 1234 5678|13812345678",
            "138-1234-5678|13812345678",
            "8613812345678|13812345678",
            "0086 13812345678|13812345678",
            "１３８１２３４５６７８|13812345678",
            "(0571) 8888 6666|0571-88886666",
            "0571-88886666|0571-88886666",
            "010 12345678|010-12345678",
            "+86 21 5555 1234|021-55551234",
            "+86-10-12345678|010-12345678",
            "0755-8888666 转 801|0755-8888666-801",
            "0571-88886666-801|0571-88886666-801",
            "（0512）66778899|0512-66778899"})
    void phones(String in, String out) {
        assertThat(new PhoneRule(false).apply(in)).isEqualTo(Cleaned.of(out));
    }

    @Test
    void badPhones() {
        assertThat(new PhoneRule(false).apply("88886666").rejectReason()).isEqualTo("archive.reason.phone.area-code");
        assertThat(new PhoneRule(false).apply("电话待补").rejectReason()).isEqualTo("archive.reason.phone");
        assertThat(new PhoneRule(false).apply("0571-123").rejectReason()).isEqualTo("archive.reason.phone");
        assertThat(new PhoneRule(true).apply("0571-88886666").rejectReason()).isEqualTo("archive.reason.mobile");
        assertThat(new PhoneRule(true).apply("+86 138 1234 5678")).isEqualTo(Cleaned.of("13812345678"));
    }

    @Test
    void creditCodeCheckDigit() {
        // 91350100M000100Y4 + check: values 9,1,3,5,0,1,0,0,M=21,0,0,0,1,0,0,Y=30,4 times weights
        // 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28 = 9+3+27+135+0+26+0+0+420+0+0+0+8+0+0+900+112 = 1640;
        // 1640 mod 31 = 28 (31 x 52 = 1612); 31 - 28 = 3 -> check character '3'.
        assertThat(CreditCodeRule.checkChar("91350100M000100Y4")).isEqualTo('3');
        CreditCodeRule rule = new CreditCodeRule();
        assertThat(rule.apply(" 91350100m000100y43 ")).isEqualTo(Cleaned.of("91350100M000100Y43"));
        assertThat(rule.apply("９１３５０１００Ｍ０００１００Ｙ４３")).isEqualTo(Cleaned.of("91350100M000100Y43"));
        assertThat(rule.apply("91350100M000100Y44").rejectReason()).isEqualTo("archive.reason.credit-code.check");
        assertThat(rule.apply("91350100M000100Y4").rejectReason()).isEqualTo("archive.reason.credit-code.length");
        assertThat(rule.apply("91350100I000100Y43").rejectReason()).isEqualTo("archive.reason.credit-code.char");
    }

    @Test
    void creditCodeWhoseCheckSumIsAMultipleOf31HasCheckZero() {
        // All zeros: sum 0, 0 mod 31 = 0, 31 - 0 = 31 -> 0.
        assertThat(CreditCodeRule.checkChar("00000000000000000")).isEqualTo('0');
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            " Foo@Example.COM |foo@example.com",
            "foo＠example．com|foo@example.com",
            "mailto:sales@abc.com.cn|sales@abc.com.cn"})
    void emails(String in, String out) {
        assertThat(new EmailRule().apply(in)).isEqualTo(Cleaned.of(out));
    }

    @Test
    void badEmails() {
        assertThat(new EmailRule().apply("foo@bar").rejectReason()).isEqualTo("archive.reason.email");
        assertThat(new EmailRule().apply("无").rejectReason()).isEqualTo("archive.reason.email");
    }

    @Test
    void headerKeysIgnoreWidthSpacesAndMarks() {
        assertThat(ArchiveMapping.headerKey(" *客户 名称：")).isEqualTo("客户名称");
        assertThat(ArchiveMapping.headerKey("E-Mail")).isEqualTo("e-mail");
    }

    @Test
    void aDecimalsIntegerDigitsAreCountedWithoutLeadingZeros() {
        CrmColumnLimits.Limit money = new CrmColumnLimits.Limit(0, 5, 2); // DECIMAL(5,2): three digits before the point
        assertThat(money.check("000123.45")).isNull();
        assertThat(money.check("-0999")).isNull();
        assertThat(money.check("0000")).isNull();
        assertThat(money.check("1234")).containsExactly("archive.reason.too-large", "3");
        assertThat(money.check("-01234.5")).containsExactly("archive.reason.too-large", "3");
    }
}
