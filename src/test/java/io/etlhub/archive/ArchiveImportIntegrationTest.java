package io.etlhub.archive;

import io.etlhub.pipeline.RouteRunner;
import io.etlhub.pipeline.RunSummary;
import io.etlhub.pipeline.Trigger;
import io.etlhub.support.HubIntegrationTest;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.etlhub.archive.Workbooks.row;
import static org.assertj.core.api.Assertions.assertThat;

/** The import-archive route on real MariaDB: an archive file into the reference CRM, with merges, duplicates and the report. */
class ArchiveImportIntegrationTest extends HubIntegrationTest {
    @Autowired
    java.time.Clock clock;
    // Valid codes: check characters computed by CreditCodeRule (its own test checks the algorithm by hand).
    static final String CODE_A = code("91330100MA2AAAAA0");
    static final String CODE_C = code("91330300MA2CCCCC0");

    @Autowired
    RouteRunner runner;
    @Autowired
    TestRestTemplate rest;

    @TempDir
    Path dir;

    static String code(String first17) {
        return first17 + CreditCodeRule.checkChar(first17);
    }

    @BeforeEach
    void existingCustomers() {
        crmDb().update("INSERT INTO crm_customer (id, name, credit_code, phone, email, owner, updated_at) VALUES "
                + "(1, '杭州甲乙机械有限公司', ?, NULL, 'old@jiayi.com', '王五', '2025-01-01 09:00:00'), "
                + "(2, '宁波丙丁贸易（集团）有限公司', NULL, '139-0000-1111', NULL, '赵六', '2025-01-01 09:00:00')", CODE_A);
    }

    Path archive() throws Exception {
        List<List<Object>> r = new ArrayList<>();
        r.add(row("客户名称", "统一社会信用代码", "手机", "电话", "邮箱", "行业", "地区", "成立日期", "联系人"));
        r.add(row("杭州甲乙机械有限公司", CODE_A.toLowerCase(), "138 1234 5678", null, "new@jiayi.com", "机械", "浙江", "2010.6.1", "张三")); // 2: merge into 1 by code
        r.add(row("宁波丙丁贸易(集团)有限公司", null, "+86 139 0000 1111", null, null, null, null, null, null));  // 3: merge into 2 by name + phone; region carried down
        r.add(row("温州戊己电器有限公司", CODE_C, "13700002222", null, null, "电器", "浙江", LocalDate.of(2015, 1, 20), "李四")); // 4: new
        r.add(row("温州戊己电器 有限公司", CODE_C, null, null, null, null, null, null, null));                 // 5: duplicate of 4 (code)
        r.add(row("温州戊己电器有限公司", null, "137-0000-2222", null, null, null, null, null, null));          // 6: duplicate of 4 (name + phone)
        r.add(row("", null, "13600000000", null, null, null, null, null, null));                                // 7: rejected, no name
        r.add(row("苏州庚辛精密有限公司", "12345", null, "0512 6677 8899", null, "精密", "江苏", "2001年2月3日", null)); // 8: new, bad code dropped
        return Workbooks.xlsx(dir.resolve("华东客户档案.xlsx"), new Workbooks.SheetSpec("客户", r));
    }

    RunSummary run(Path file) {
        return runner.run("import-archive", Trigger.CLI, "test", Map.of("arg1", file.toString()));
    }

    @Test
    void importsMergesDeduplicatesAndReports() throws Exception {
        Path file = archive();
        RunSummary summary = run(file);

        assertThat(summary.status()).as(summary.error()).isEqualTo("SUCCEEDED");
        // Read 7 data rows: 2 new (rows 4, 8), 2 merged (rows 2, 3), 2 duplicates (5, 6), 1 rejected (7).
        assertThat(summary.count("read")).isEqualTo(7);
        assertThat(summary.count("imported") + summary.count("merged")).isEqualTo(4);
        assertThat(summary.count("unchanged") + summary.count("duplicates")).isEqualTo(2);
        assertThat(summary.count("rejected")).isEqualTo(1);
        assertCounts(summary, 2, 2, 0, 2, 1);

        assertThat(crmDb().queryForObject("SELECT COUNT(*) FROM crm_customer", Integer.class)).isEqualTo(4);
        // Merged by credit code: blanks filled, the CRM's own e-mail kept.
        assertThat(crmDb().queryForMap("SELECT mobile, email, industry, region, contact, established_date FROM crm_customer WHERE id = 1"))
                .containsEntry("mobile", "13812345678").containsEntry("email", "old@jiayi.com").containsEntry("industry", "机械")
                .containsEntry("region", "浙江").containsEntry("contact", "张三")
                .containsEntry("established_date", java.sql.Date.valueOf("2010-06-01"));
        // Merged by name + phone (the CRM's phone 139-0000-1111 normalised); region carried down from row 2.
        assertThat(crmDb().queryForMap("SELECT mobile, region, owner FROM crm_customer WHERE id = 2"))
                .containsEntry("mobile", "13900001111").containsEntry("region", "浙江").containsEntry("owner", "赵六");
        Map<String, Object> wen = crmDb().queryForMap("SELECT credit_code, mobile, established_date, source_file FROM crm_customer WHERE name = '温州戊己电器有限公司'");
        assertThat(wen).containsEntry("credit_code", CODE_C).containsEntry("mobile", "13700002222")
                .containsEntry("established_date", java.sql.Date.valueOf("2015-01-20")).containsEntry("source_file", "华东客户档案.xlsx");
        Map<String, Object> su = crmDb().queryForMap("SELECT credit_code, landline, established_date FROM crm_customer WHERE name = '苏州庚辛精密有限公司'");
        assertThat(su.get("credit_code")).isNull();
        assertThat(su).containsEntry("landline", "0512-66778899").containsEntry("established_date", java.sql.Date.valueOf("2001-02-03"));

        Path report = Path.of((String) summary.outputs().get("report"));
        assertThat(report).isEqualTo(dir.resolve("华东客户档案-report.xlsx"));
        try (InputStream in = Files.newInputStream(report); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            Sheet s = wb.getSheet("汇总");
            assertThat(s.getRow(0).getCell(1).getStringCellValue()).isEqualTo("华东客户档案.xlsx");
            assertThat(s.getRow(2).getCell(1).getStringCellValue()).isEqualTo("成功");
            // read, imported, merged, unchanged, duplicate, rejected
            assertThat(List.of(3, 4, 5, 6, 7, 8).stream().map(i -> s.getRow(i).getCell(1).getNumericCellValue()).toList())
                    .containsExactly(7.0, 2.0, 2.0, 0.0, 2.0, 1.0);
            assertThat(wb.getSheet("明细").getRow(0).getCell(3).getStringCellValue()).isEqualTo("原始值");
        }
        assertThat(reportLines(report)).contains(
                "2|B 统一社会信用代码|" + CODE_A.toLowerCase() + "|" + CODE_A + "|已修改|已规范化（规则：credit-code）",
                "2|C 手机|138 1234 5678|13812345678|已修改|已规范化（规则：mobile）",
                "7|A 客户名称|||整行被拒绝|必填项为空",
                "8|B 统一社会信用代码|12345||单元格被拒绝|统一社会信用代码应为18位",
                "5||||文件内重复（已合并）|与工作表“客户”第 4 行是同一客户（统一社会信用代码相同），已合并，取用的值：-",
                "6||||文件内重复（已合并）|与工作表“客户”第 4 行是同一客户（客户名称和电话相同），已合并，取用的值：-",
                "2|||联系人: 张三; 手机: 13812345678; 行业: 机械; 地区: 浙江; 成立日期: 2010-06-01|已合并到CRM客户|"
                        + "合并到CRM已有客户 #1 杭州甲乙机械有限公司（统一社会信用代码相同），写入：联系人、手机、行业、地区、成立日期",
                // 行业 and 地区 carried down from row 2 (grouped columns).
                "3|||手机: 13900001111; 行业: 机械; 地区: 浙江|已合并到CRM客户|"
                        + "合并到CRM已有客户 #2 宁波丙丁贸易（集团）有限公司（客户名称和电话相同），写入：手机、行业、地区");
    }

    @Test
    void theReportWrittenDuringTheImportHoldsEveryStoredLineInOrder() throws Exception {
        Path report = Path.of((String) run(archive()).outputs().get("report"));

        // The report as it was written before issue 15: from the lines stored with the import, after the merge.
        long importId = hub.queryForObject("SELECT id FROM archive_import WHERE status = 'SUCCEEDED'", Long.class);
        Path fromStore = dir.resolve("from-store.xlsx");
        Map<String, Object> counts = hub.queryForMap("SELECT * FROM archive_import WHERE id = ?", importId);
        new ArchiveReport(ArchiveMessages.CHINESE).write(fromStore, "华东客户档案.xlsx", (String) counts.get("sha256"), "SUCCEEDED",
                new ImportCounts(num(counts, "rows_read"), num(counts, "imported"), num(counts, "merged"), num(counts, "unchanged"),
                        num(counts, "duplicates"), num(counts, "rejected"), num(counts, "changed_cells")),
                List.of(), null, lines -> new ArchiveStaging(hub, dir).forEachIssue(importId, lines));

        assertThat(reportLines(report)).hasSize(hub.queryForObject("SELECT COUNT(*) FROM archive_issue WHERE import_id = ?", Integer.class, importId))
                .containsExactlyElementsOf(reportLines(fromStore));
        assertThat(reportSummary(report)).isEqualTo(reportSummary(fromStore));
    }

    private static long num(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }

    /** The run's counts: new customers, changed ones, unchanged ones, rows merged within the file, rejected rows. */
    static void assertCounts(RunSummary summary, long imported, long merged, long unchanged, long duplicates, long rejected) {
        assertThat(summary.status()).as(summary.error()).isEqualTo("SUCCEEDED");
        assertThat(summary.outputs()).containsEntry("imported", imported).containsEntry("merged", merged).containsEntry("unchanged", unchanged)
                .containsEntry("duplicates", duplicates).containsEntry("rejected", rejected);
    }

    /** The report's detail lines as row|column|original|value|kind|reason. */
    static List<String> reportLines(Path report) throws Exception {
        List<String> lines = new ArrayList<>();
        try (InputStream in = Files.newInputStream(report); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            for (Row row : wb.getSheet("明细")) {
                if (row.getRowNum() == 0) continue;
                lines.add((row.getCell(1) == null ? "" : String.valueOf((int) row.getCell(1).getNumericCellValue())) + "|"
                        + row.getCell(2).getStringCellValue() + "|" + row.getCell(3).getStringCellValue() + "|"
                        + row.getCell(4).getStringCellValue() + "|" + row.getCell(5).getStringCellValue() + "|"
                        + row.getCell(6).getStringCellValue());
            }
        }
        return lines;
    }

    /** The report's summary sheet as label -> value. */
    static Map<String, String> reportSummary(Path report) throws Exception {
        Map<String, String> summary = new java.util.LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(report); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            for (Row row : wb.getSheet("汇总")) {
                var v = row.getCell(1);
                summary.put(row.getCell(0).getStringCellValue(), v.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC
                        ? String.valueOf((long) v.getNumericCellValue()) : v.getStringCellValue());
            }
        }
        return summary;
    }

    @Test
    void createdAndUpdatedTimesAreTheHubsClockNotTheDatabaseServersZone() throws Exception {
        java.time.LocalDateTime before = java.time.LocalDateTime.now(clock).minusSeconds(1).withNano(0);
        assertThat(run(archive()).status()).isEqualTo("SUCCEEDED");
        java.time.LocalDateTime after = java.time.LocalDateTime.now(clock).plusSeconds(1);
        // a customer the import created
        assertThat(crmDb().queryForObject("SELECT created_at FROM crm_customer WHERE name = '温州戊己电器有限公司'",
                java.sql.Timestamp.class).toLocalDateTime()).isBetween(before, after);
        // the merged customer 1: its update time moved to the import's
        assertThat(crmDb().queryForObject("SELECT updated_at FROM crm_customer WHERE id = 1", java.sql.Timestamp.class)
                .toLocalDateTime()).isBetween(before, after);
    }

    @Test
    void reimportingTheSameFileChangesNothing() throws Exception {
        Path file = archive();
        assertThat(run(file).status()).isEqualTo("SUCCEEDED");
        List<Map<String, Object>> before = crmDb().queryForList("SELECT * FROM crm_customer ORDER BY id");

        // Same content under another name: recognised by its SHA-256.
        Path copy = Files.copy(file, dir.resolve("copy.xls"));
        RunSummary again = run(copy);

        assertThat(again.status()).isEqualTo("SUCCEEDED");
        assertThat(again.outputs()).containsEntry("status", "ALREADY_IMPORTED").containsEntry("imported", 0L).containsEntry("merged", 0L);
        assertThat(again.count("imported") + again.count("merged")).isZero();
        assertThat(crmDb().queryForList("SELECT * FROM crm_customer ORDER BY id")).isEqualTo(before);
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM archive_import WHERE status = 'SUCCEEDED'", Integer.class)).isEqualTo(1);
    }

    @Test
    void aCrmFailureLeavesTheCrmAsItWasAndNamesSheetAndRow() throws Exception {
        // 1,500 new customers: the first 1,000 are written in a first batch, then the CRM refuses row
        // 1,402 (a check constraint of this CRM) in the second. Nothing may remain.
        List<List<Object>> r = new ArrayList<>();
        r.add(row("客户名称", "联系人"));
        for (int i = 1; i <= 1500; i++) r.add(row("测试客户" + i + "有限公司", i == 1401 ? "拒收" : "联系人" + i));
        Path file = Workbooks.xlsx(dir.resolve("big.xlsx"), new Workbooks.SheetSpec("S", r));
        List<Map<String, Object>> before = crmDb().queryForList("SELECT * FROM crm_customer ORDER BY id");

        RunSummary summary = runRefusingContact(file);

        assertThat(summary.status()).isEqualTo("FAILED");
        assertThat(summary.error()).contains("写入CRM失败（工作表“S”第 1402 行），CRM未作任何修改").doesNotContain("INSERT");
        assertThat(summary.count("read")).isEqualTo(1500);
        assertThat(summary.count("imported") + summary.count("merged")).isZero();
        assertThat(crmDb().queryForList("SELECT * FROM crm_customer ORDER BY id")).isEqualTo(before);
        assertThat(hub.queryForObject("SELECT status FROM archive_import", String.class)).isEqualTo("FAILED");
        assertThat(hub.queryForObject("SELECT rows_read FROM archive_import", Long.class)).isEqualTo(1500);
        assertThat(reportSummary(dir.resolve("big-report.xlsx"))).containsEntry("读取行数", "1500").containsEntry("新增客户", "0");

        assertThat(stagingFiles()).isEmpty();

        // The same file name imports now: a failed attempt does not count as imported.
        assertThat(run(file).status()).isEqualTo("SUCCEEDED");
        assertThat(crmDb().queryForObject("SELECT COUNT(*) FROM crm_customer", Integer.class)).isEqualTo(1502);
    }

    /**
     * Issue 15: new companies are written to the CRM while the file is read (EarlyInserts); the merge keeps those it would
     * insert as they are and takes back the others, so the CRM, the counts and the report end as the merge decides:
     * 2,500 new companies, the first 100 repeated later with a contact their first row lacked.
     */
    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void companiesWrittenWhileTheFileIsReadEndAsTheMergeDecides(org.springframework.boot.test.system.CapturedOutput output) throws Exception {
        List<List<Object>> r = new ArrayList<>();
        r.add(row("客户名称", "统一社会信用代码", "联系人"));
        for (int i = 1; i <= 2500; i++) r.add(row("早写客户" + i + "有限公司", numberedCode(i), null));
        for (int i = 1; i <= 100; i++) r.add(row("早写客户" + i + "有限公司", numberedCode(i), "联系人" + i));
        Path file = Workbooks.xlsx(dir.resolve("early.xlsx"), new Workbooks.SheetSpec("S", r));

        RunSummary summary = run(file);

        assertCounts(summary, 2500, 0, 0, 100, 0);
        assertThat(output).contains("early.xlsx: 2500 customers written while reading, 100 of them taken back (rewritten or merged)");
        assertThat(crmDb().queryForObject("SELECT COUNT(*) FROM crm_customer", Integer.class)).isEqualTo(2502);
        assertThat(crmDb().queryForObject("SELECT COUNT(DISTINCT credit_code) FROM crm_customer WHERE source_file = 'early.xlsx'", Integer.class))
                .isEqualTo(2500);
        List<Map<String, Object>> withContact = crmDb().queryForList(
                "SELECT name, contact FROM crm_customer WHERE contact IS NOT NULL ORDER BY id");
        assertThat(withContact).hasSize(100).allSatisfy(c -> assertThat(c.get("name").toString())
                .isEqualTo("早写客户" + c.get("contact").toString().substring(3) + "有限公司"));
    }

    /** Issue 15: when the CRM refuses a company written early, the merge writes every company and names the row refused. */
    @Test
    void aCompanyTheCrmRefusesWhileTheFileIsReadFailsTheImportNamingItsRow() throws Exception {
        List<List<Object>> r = new ArrayList<>();
        r.add(row("客户名称", "统一社会信用代码", "联系人"));
        for (int i = 1; i <= 1500; i++) r.add(row("早写客户" + i + "有限公司", numberedCode(i), i == 1200 ? "拒收" : null));
        Path file = Workbooks.xlsx(dir.resolve("refused.xlsx"), new Workbooks.SheetSpec("S", r));
        List<Map<String, Object>> before = crmDb().queryForList("SELECT * FROM crm_customer ORDER BY id");

        RunSummary summary = runRefusingContact(file);

        assertThat(summary.status()).isEqualTo("FAILED");
        assertThat(summary.error()).contains("写入CRM失败（工作表“S”第 1201 行），CRM未作任何修改");
        assertThat(crmDb().queryForList("SELECT * FROM crm_customer ORDER BY id")).isEqualTo(before);
    }

    /** Runs the import while the CRM refuses the contact 拒收 (a check constraint of this CRM). */
    private RunSummary runRefusingContact(Path file) {
        crmDb().execute("ALTER TABLE crm_customer ADD CONSTRAINT it_refused_contact CHECK (contact IS NULL OR contact <> '拒收')");
        try {
            return run(file);
        } finally {
            crmDb().execute("ALTER TABLE crm_customer DROP CONSTRAINT it_refused_contact");
        }
    }

    private static String numberedCode(int i) {
        return code(String.format("913301%011d", i));
    }

    @Autowired
    ArchiveService archive;

    /** Issue 15: rows that all carry a credit code are merged straight from the staging file, which is gone afterwards. */
    @Test
    void rowsThatAllCarryACreditCodeAreMergedFromTheStagingFileWhichIsThenDeleted() throws Exception {
        List<List<Object>> r = new ArrayList<>();
        r.add(row("客户名称", "统一社会信用代码", "手机", "联系人"));
        r.add(row("温州戊己电器有限公司", CODE_C, "13700002222", null));  // 2: new
        r.add(row("杭州甲乙机械有限公司", CODE_A, null, "张三"));          // 3: merged into customer 1 by its code
        r.add(row("温州戊己电器 有限公司", CODE_C, null, "李四"));         // 4: row 2's company (same code), gives the contact
        RunSummary summary = run(Workbooks.xlsx(dir.resolve("codes.xlsx"), new Workbooks.SheetSpec("客户", r)));

        assertCounts(summary, 1, 1, 0, 1, 0);
        assertThat(crmDb().queryForMap("SELECT name, mobile, contact FROM crm_customer WHERE credit_code = ?", CODE_C))
                .containsEntry("name", "温州戊己电器有限公司").containsEntry("mobile", "13700002222").containsEntry("contact", "李四");
        assertThat(crmDb().queryForObject("SELECT contact FROM crm_customer WHERE id = 1", String.class)).isEqualTo("张三");
        assertThat(reportLines(dir.resolve("codes-report.xlsx"))).contains(
                "4|||联系人: 李四|文件内重复（已合并）|与工作表“客户”第 2 行是同一客户（统一社会信用代码相同），已合并，取用的值：联系人");
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM archive_staging", Integer.class)).isZero();
        assertThat(stagingFiles()).isEmpty();
    }

    /**
     * A hub stopped in the middle of an import (killed: its staging file stays, unlocked, its import RUNNING, its CRM
     * transaction gone with the connection) leaves nothing behind once the next import starts: the import is FAILED as
     * interrupted, its staged rows, its file and the lines of CRM merges that were never committed are gone.
     */
    @Test
    void anImportCutShortByAStopIsEndedAsInterruptedAndCleanedUp() throws Exception {
        hub.update("INSERT INTO archive_import (id, file_name, sha256, kind, status, started_at) VALUES "
                + "(900, 'cut.xlsx', 'abc', 'customers', 'RUNNING', '2026-11-24 10:00:00')");
        hub.update("INSERT INTO archive_staging (import_id, seq, sheet_name, row_no, status, payload) VALUES (900, 1, 'S', 2, 'VALID', '{}')");
        hub.update("INSERT INTO archive_issue (import_id, sheet_name, row_no, kind, reason) VALUES (900, 'S', 2, 'CHANGED', 'archive.reason.phone'), "
                + "(900, 'S', 3, 'CRM_MERGED', 'archive.reason.crm-merged.name')");
        Path work = Files.createDirectories(Path.of(archive.settings().workDirOr()));
        Path left = Files.writeString(work.resolve("import-900-cut" + StagingFile.SUFFIX), "staged rows of the stopped import");

        assertCounts(run(archive()), 2, 2, 0, 2, 1);

        assertThat(left).doesNotExist();
        assertThat(hub.queryForMap("SELECT status, error FROM archive_import WHERE id = 900")).containsEntry("status", "FAILED")
                .containsEntry("error", "导入中断（导入过程中中台停止运行）；CRM未作任何修改，可重新导入该文件");
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM archive_staging WHERE import_id = 900", Integer.class)).isZero();
        assertThat(hub.queryForList("SELECT kind FROM archive_issue WHERE import_id = 900", String.class)).containsExactly("CHANGED");
    }

    /** The staging files left in the work folder (none once an import has ended, whichever way). */
    private List<Path> stagingFiles() throws Exception {
        Path work = Path.of(archive.settings().workDirOr());
        if (!Files.isDirectory(work)) return List.of();
        try (var files = Files.list(work)) {
            return files.filter(f -> f.getFileName().toString().endsWith(StagingFile.SUFFIX)).toList();
        }
    }

    @Test
    void anOverLongValueRejectsItsRowAtValidationWithTheCrmColumnLength() throws Exception {
        // The CRM's contact column holds 60 characters (read from its metadata, not configured).
        List<List<Object>> r = new ArrayList<>();
        r.add(row("客户名称", "联系人"));
        for (int i = 1; i <= 1500; i++) r.add(row("测试客户" + i + "有限公司", i == 1401 ? "长".repeat(61) : "联系人" + i));
        Path file = Workbooks.xlsx(dir.resolve("long.xlsx"), new Workbooks.SheetSpec("S", r));

        RunSummary summary = run(file);

        assertThat(summary.status()).as(summary.error()).isEqualTo("SUCCEEDED");
        assertThat(summary.count("read")).isEqualTo(1500);
        assertThat(summary.outputs()).containsEntry("imported", 1499L).containsEntry("rejected", 1L);
        assertThat(crmDb().queryForObject("SELECT COUNT(*) FROM crm_customer WHERE name = '测试客户1401有限公司'", Integer.class)).isZero();
        assertThat(reportLines(dir.resolve("long-report.xlsx"))).contains(
                "1402|B 联系人|" + "长".repeat(61) + "||单元格被拒绝|超过CRM字段长度：最多 60 个字符，此值 61 个，整行未导入",
                "1402|B 联系人|||整行被拒绝|超过CRM字段长度：最多 60 个字符，此值 61 个，整行未导入");
    }

    static final String CODE_D = code("91330300MA2DDDDD0");

    /** Rows of three companies written the ways people write them. */
    Path messy(Path file) throws Exception {
        List<List<Object>> r = new ArrayList<>();
        r.add(row("客户名称", "统一社会信用代码", "手机", "电话", "联系人", "地址", "业务员"));
        r.add(row("宁波壬癸贸易有限公司", null, null, null, "张三", null, null));                        // 2: no code, no phone
        r.add(row("宁波壬癸贸易　有限责任公司", null, null, null, null, "宁波市江东区中山路1号", null));   // 3: same by name: address kept
        r.add(row("温州子丑电器有限公司", null, "13700003333", "0577-8888 1111", null, null, null));     // 4
        r.add(row("温州子丑电器有限公司", null, null, "0577-88881111", "李四", null, null));             // 5: same name and its second phone
        r.add(row("温州子丑电器(有限公司)", CODE_D, null, null, null, "温州市鹿城区1号", null));          // 6: a later copy adds the code
        r.add(row("杭州甲乙机械有限公司", null, null, null, null, "杭州市西湖区文三路1号", null));        // 7: in the CRM with a code: by name
        r.add(row(" 宁波壬癸贸易 有限公司 ", null, null, null, null, null, "王五")); // 8: the owner only this copy has
        return Workbooks.xlsx(file, new Workbooks.SheetSpec("客户", r));
    }

    @Test
    void rowsOfOneCompanyAreMergedWithEveryValueKept() throws Exception {
        RunSummary summary = run(messy(dir.resolve("messy.xlsx")));

        assertThat(summary.status()).as(summary.error()).isEqualTo("SUCCEEDED");
        assertThat(summary.count("read")).isEqualTo(7);
        assertCounts(summary, 2, 1, 0, 4, 0);
        assertThat(crmDb().queryForObject("SELECT COUNT(*) FROM crm_customer", Integer.class)).isEqualTo(4);
        assertThat(crmDb().queryForMap("SELECT name, contact, owner, address FROM crm_customer WHERE name LIKE '宁波壬癸%'"))
                .containsEntry("name", "宁波壬癸贸易有限公司").containsEntry("contact", "张三").containsEntry("owner", "王五")
                .containsEntry("address", "宁波市江东区中山路1号");
        assertThat(crmDb().queryForMap("SELECT credit_code, mobile, landline, contact, address FROM crm_customer WHERE name LIKE '温州子丑%'"))
                .containsEntry("credit_code", CODE_D).containsEntry("mobile", "13700003333").containsEntry("landline", "0577-88881111")
                .containsEntry("contact", "李四").containsEntry("address", "温州市鹿城区1号");
        assertThat(crmDb().queryForMap("SELECT address FROM crm_customer WHERE id = 1")).containsEntry("address", "杭州市西湖区文三路1号");
        assertThat(reportLines(dir.resolve("messy-report.xlsx"))).contains(
                "3|||地址: 宁波市江东区中山路1号|文件内重复（已合并）|与工作表“客户”第 2 行是同一客户（客户名称相同），已合并，取用的值：地址",
                "5|||联系人: 李四|文件内重复（已合并）|与工作表“客户”第 4 行是同一客户（客户名称和电话相同），已合并，取用的值：联系人",
                "6|||统一社会信用代码: " + CODE_D + "; 地址: 温州市鹿城区1号|文件内重复（已合并）|"
                        + "与工作表“客户”第 4 行是同一客户（客户名称相同），已合并，取用的值：统一社会信用代码、地址",
                "8|||业务员: 王五|文件内重复（已合并）|与工作表“客户”第 2 行是同一客户（客户名称相同），已合并，取用的值：业务员",
                "7|||地址: 杭州市西湖区文三路1号|已合并到CRM客户|合并到CRM已有客户 #1 杭州甲乙机械有限公司（客户名称相同），写入：地址");
    }

    @Test
    void aReSavedCopyChangesNothing() throws Exception {
        assertThat(run(messy(dir.resolve("messy.xlsx"))).status()).isEqualTo("SUCCEEDED");
        List<Map<String, Object>> before = crmDb().queryForList("SELECT * FROM crm_customer ORDER BY id");

        // The same cells saved again, as .xls: other bytes, so not recognised by its hash.
        Path copy;
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(dir.resolve("messy.xlsx")));
             org.apache.poi.hssf.usermodel.HSSFWorkbook xls = new org.apache.poi.hssf.usermodel.HSSFWorkbook()) {
            Sheet to = xls.createSheet("客户");
            for (Row from : wb.getSheetAt(0)) {
                Row row = to.createRow(from.getRowNum());
                from.forEach(c -> row.createCell(c.getColumnIndex()).setCellValue(c.getStringCellValue()));
            }
            copy = dir.resolve("messy-again.xls");
            try (var out = Files.newOutputStream(copy)) {
                xls.write(out);
            }
        }
        RunSummary again = run(copy);

        assertThat(again.status()).as(again.error()).isEqualTo("SUCCEEDED");
        assertThat(again.outputs()).containsEntry("status", "SUCCEEDED").containsEntry("imported", 0L).containsEntry("merged", 0L)
                .containsEntry("unchanged", 3L).containsEntry("duplicates", 4L);
        assertThat(again.count("imported") + again.count("merged")).isZero();
        // Not a value, nor an update time, changed.
        assertThat(crmDb().queryForList("SELECT * FROM crm_customer ORDER BY id")).isEqualTo(before);
        assertThat(reportLines(dir.resolve("messy-again-report.xlsx")))
                .contains("7||||CRM客户未变|CRM已有客户 #1 杭州甲乙机械有限公司（客户名称相同），没有新的值，未修改");
    }

    @Test
    void aCompanyInTheCrmUnderItsNameWithAnotherPhoneIsNotCreatedAgain() throws Exception {
        List<List<Object>> r = new ArrayList<>();
        r.add(row("公司名称", "手机", "地址"));
        r.add(row("宁波丙丁贸易 (集团) 有限责任公司", "13600009999", "宁波市海曙区1号"));
        RunSummary summary = run(Workbooks.xlsx(dir.resolve("one.xlsx"), new Workbooks.SheetSpec("S", r)));

        assertThat(summary.outputs()).containsEntry("imported", 0L).containsEntry("merged", 1L);
        assertThat(crmDb().queryForList("SELECT id FROM crm_customer WHERE name LIKE '宁波丙丁%'", Long.class)).containsExactly(2L);
        assertThat(crmDb().queryForMap("SELECT phone, mobile, address FROM crm_customer WHERE id = 2")).containsEntry("phone", "139-0000-1111")
                .containsEntry("mobile", "13600009999").containsEntry("address", "宁波市海曙区1号");
    }

    @Test
    void messyCellsAreCleanedAndEveryProblemNamesSheetRowAndColumn() throws Exception {
        List<List<Object>> r = new ArrayList<>();
        r.add(row("客户名称", "手机", "电话", "注册资本", "行业", "建档日期", "客户来源", "备注", "客户等级", "开户行"));
        r.add(row("苏州寅卯精密有限公司", "0512-66668888", null, new Workbooks.Formula("1/0"), new Workbooks.Formula("NA()"),
                LocalDate.of(2018, 4, 2), "展会", "老客户，需回访", "A", "工商银行"));
        r.add(row("苏州辰巳精密有限公司", "0512-66661111", "0512-66662222", 300, null, null, "电话营销", null, "B", null));
        r.add(row(new Workbooks.Formula("NA()"), "13800001111", null, null, null, null, null, null, null, null));
        RunSummary summary = run(Workbooks.xlsx(dir.resolve("cells.xlsx"), new Workbooks.SheetSpec("华东", r)));

        assertThat(summary.status()).as(summary.error()).isEqualTo("SUCCEEDED");
        assertThat(summary.outputs()).containsEntry("imported", 2L).containsEntry("rejected", 1L)
                .containsEntry("unmappedColumns", "客户等级、开户行");
        Map<String, Object> yin = crmDb().queryForMap("SELECT mobile, landline, registered_capital, industry, created_date, "
                + "customer_source, remark FROM crm_customer WHERE name = '苏州寅卯精密有限公司'");
        assertThat(yin).containsEntry("landline", "0512-66668888").containsEntry("created_date", java.sql.Date.valueOf("2018-04-02"))
                .containsEntry("customer_source", "展会").containsEntry("remark", "老客户,需回访");
        assertThat(yin.get("mobile")).isNull();
        assertThat(yin.get("registered_capital")).isNull();
        assertThat(yin.get("industry")).isNull();
        // The landline field already holds another number: the one in the 手机 column stays there, still a landline.
        assertThat(crmDb().queryForMap("SELECT mobile, landline FROM crm_customer WHERE name = '苏州辰巳精密有限公司'"))
                .containsEntry("mobile", "0512-66661111").containsEntry("landline", "0512-66662222");
        assertThat(crmDb().queryForObject("SELECT COUNT(*) FROM crm_customer WHERE industry LIKE '%ERROR%' OR name LIKE '%N/A%'", Integer.class))
                .isZero();

        Path report = dir.resolve("cells-report.xlsx");
        List<String> lines = reportLines(report);
        assertThat(lines).contains(
                "2|B 手机|0512-66668888|0512-66668888|已修改|手机列中是座机号码：按座机保留，存入“电话”",
                "3|B 手机|0512-66661111|0512-66661111|已修改|手机列中是座机号码：按座机保留，存入“手机”",
                "2|D 注册资本|#DIV/0!||单元格被拒绝|公式结果为错误值 #DIV/0!，按空单元格处理",
                "2|E 行业|#N/A||单元格被拒绝|公式结果为错误值 #N/A，按空单元格处理",
                "4|A 客户名称|#N/A||单元格被拒绝|公式结果为错误值 #N/A，按空单元格处理",
                "4|A 客户名称|||整行被拒绝|必填项为空",
                "1|I 客户等级|客户等级||未导入的列|映射中没有此列，其内容未导入",
                "1|J 开户行|开户行||未导入的列|映射中没有此列，其内容未导入");
        assertThat(lines).filteredOn(l -> l.contains("未导入的列")).hasSize(2);
        assertThat(lines).noneMatch(l -> l.contains("不是数字") || l.contains("ERROR:"));
        assertThat(reportSummary(report)).containsEntry("未导入的列", "客户等级、开户行");
    }

    @Test
    void badFilesFailWithAClearMessageAndImportNothing() throws Exception {
        List<Map<String, Object>> before = crmDb().queryForList("SELECT * FROM crm_customer ORDER BY id");
        Path notExcel = Files.writeString(dir.resolve("客户.xlsx"), "客户名称,电话\n甲,010-12345678\n");
        Path noHeader = Workbooks.xlsx(dir.resolve("notes.xlsx"), new Workbooks.SheetSpec("S", List.of(row("备注"), row("无"))));
        Path empty = Files.createFile(dir.resolve("empty.xls"));

        assertThat(run(notExcel).error()).contains("不是 Excel 文件").contains("客户.xlsx");
        assertThat(run(noHeader).error()).contains("找不到可识别的表头");
        assertThat(run(empty).error()).contains("空文件");
        assertThat(run(dir.resolve("missing.xlsx")).error()).contains("文件不存在");

        assertThat(crmDb().queryForList("SELECT * FROM crm_customer ORDER BY id")).isEqualTo(before);
        assertThat(hub.queryForList("SELECT status FROM archive_import", String.class)).containsOnly("FAILED");
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM archive_staging", Integer.class)).isZero();
    }

    @Test
    void uploadOverRestWithPollableProgress() throws Exception {
        Path file = archive();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        LinkedMultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
        body.add("file", new FileSystemResource(file));
        TestRestTemplate ops = rest.withBasicAuth("ops", OPS_PASSWORD);

        assertThat(rest.withBasicAuth("finance", FINANCE_PASSWORD)
                .postForEntity("/api/archive/imports", new HttpEntity<>(body, headers), String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<Map> started = ops.postForEntity("/api/archive/imports", new HttpEntity<>(body, headers), Map.class);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String progressUrl = (String) started.getBody().get("progress");

        Map<?, ?> progress = Map.of();
        List<Integer> percents = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            progress = ops.getForObject(progressUrl, Map.class);
            percents.add((Integer) progress.get("percent"));
            if ("DONE".equals(progress.get("phase")) || "FAILED".equals(progress.get("phase"))) break;
            Thread.sleep(50);
        }
        assertThat(progress.get("phase")).as(String.valueOf(progress)).isEqualTo("DONE");
        assertThat(percents).as("the bar never goes back").isSorted();
        assertThat(progress.get("percent")).isEqualTo(100);
        assertThat(((Map<?, ?>) ((Map<?, ?>) progress.get("result")).get("counts")).get("imported")).isEqualTo(2);
        assertThat(crmDb().queryForObject("SELECT COUNT(*) FROM crm_customer", Integer.class)).isEqualTo(4);

        // The same progress as server-sent events: the stream ends once the import is done.
        HttpHeaders accept = new HttpHeaders();
        accept.setAccept(List.of(MediaType.TEXT_EVENT_STREAM));
        ResponseEntity<String> events = ops.exchange((String) started.getBody().get("events"), org.springframework.http.HttpMethod.GET,
                new HttpEntity<>(accept), String.class);
        assertThat(events.getBody()).contains("event:progress").contains("\"phase\":\"DONE\"").contains("\"percent\":100");

        ResponseEntity<byte[]> report = ops.getForEntity((String) started.getBody().get("report"), byte[].class);
        assertThat(report.getStatusCode()).isEqualTo(HttpStatus.OK);
        try (XSSFWorkbook wb = new XSSFWorkbook(new java.io.ByteArrayInputStream(report.getBody()))) {
            assertThat(wb.getSheet("汇总").getRow(3).getCell(1).getNumericCellValue()).isEqualTo(7.0);
        }
        assertThat(ops.getForObject("/api/archive/imports", List.class)).hasSize(1);
        // audited by the import itself, with who and what (issue 14)
        assertThat(hub.queryForList("SELECT CONCAT(actor, ' ', action, ' ', target, ' ', after_value) FROM audit_log WHERE action = 'ARCHIVE_IMPORT'",
                String.class)).singleElement().asString().startsWith("ops ARCHIVE_IMPORT archive customers 华东客户档案.xlsx succeeded")
                .contains("imported 2");
        // The upload and its report live under etlhub.archive.upload-dir: leave nothing behind.
        org.springframework.util.FileSystemUtils.deleteRecursively(Path.of("data/archive/uploads", (String) started.getBody().get("token")));
    }

    @Autowired
    UploadRetention retention;

    /** Issue 14: a rejected upload's file is deleted at once (its report stays); uploads older than the retention go. */
    @Test
    void aRejectedUploadIsDeletedAtOnceAndOldUploadsAfterTheRetention() throws Exception {
        Path bad = Files.writeString(dir.resolve("not-a-workbook.xlsx"), "this is no spreadsheet");
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        LinkedMultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
        body.add("file", new FileSystemResource(bad));
        TestRestTemplate ops = rest.withBasicAuth("ops", OPS_PASSWORD);
        ResponseEntity<Map> started = ops.postForEntity("/api/archive/imports", new HttpEntity<>(body, headers), Map.class);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        Path folder = Path.of("data/archive/uploads", (String) started.getBody().get("token")).toAbsolutePath();
        Map<?, ?> progress = Map.of();
        for (int i = 0; i < 100 && !"FAILED".equals(progress.get("phase")) && !"DONE".equals(progress.get("phase")); i++) {
            Thread.sleep(200);
            progress = ops.getForObject((String) started.getBody().get("progress"), Map.class);
        }
        assertThat(progress.get("phase")).isEqualTo("FAILED");
        for (int i = 0; i < 50 && Files.exists(folder.resolve("not-a-workbook.xlsx")); i++) Thread.sleep(100);
        assertThat(folder.resolve("not-a-workbook.xlsx")).doesNotExist();
        assertThat(hub.queryForList("SELECT after_value FROM audit_log WHERE action = 'ARCHIVE_IMPORT' AND actor = 'ops'", String.class))
                .singleElement().asString().startsWith("failed");

        Path old = Files.createDirectories(Path.of("data/archive/uploads", "retention-test-old"));
        Files.writeString(old.resolve("old.xlsx"), "x");
        Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(java.time.Duration.ofDays(31))));
        assertThat(retention.clean()).isGreaterThanOrEqualTo(1);
        assertThat(old).doesNotExist();
        assertThat(folder).exists(); // today's upload is kept
        org.springframework.util.FileSystemUtils.deleteRecursively(folder);
    }
}
