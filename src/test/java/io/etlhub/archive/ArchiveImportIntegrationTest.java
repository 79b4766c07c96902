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
        crmDb().update("INSERT INTO crm_customer (id, name, credit_code, phone, email, owner) VALUES "
                + "(1, '杭州甲乙机械有限公司', ?, NULL, 'old@jiayi.com', '王五'), "
                + "(2, '宁波丙丁贸易（集团）有限公司', NULL, '139-0000-1111', NULL, '赵六')", CODE_A);
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
        assertThat(summary.count("rejected")).isEqualTo(1);
        assertThat(summary.outputs()).containsEntry("imported", 2L).containsEntry("merged", 2L)
                .containsEntry("duplicates", 2L).containsEntry("rejected", 1L);

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
            // read, imported, merged, duplicate, rejected
            assertThat(List.of(3, 4, 5, 6, 7).stream().map(i -> s.getRow(i).getCell(1).getNumericCellValue()).toList())
                    .containsExactly(7.0, 2.0, 2.0, 2.0, 1.0);
            List<String> lines = new ArrayList<>();
            Sheet d = wb.getSheet("明细");
            assertThat(d.getRow(0).getCell(3).getStringCellValue()).isEqualTo("原始值");
            for (Row row : d) {
                if (row.getRowNum() == 0) continue;
                lines.add((int) row.getCell(1).getNumericCellValue() + "|" + row.getCell(2).getStringCellValue() + "|"
                        + row.getCell(3).getStringCellValue() + "|" + row.getCell(4).getStringCellValue() + "|"
                        + row.getCell(5).getStringCellValue() + "|" + row.getCell(6).getStringCellValue());
            }
            assertThat(lines).contains(
                    "2|B 统一社会信用代码|" + CODE_A.toLowerCase() + "|" + CODE_A + "|已修改|已规范化（规则：credit-code）",
                    "2|C 手机|138 1234 5678|13812345678|已修改|已规范化（规则：mobile）",
                    "7||||整行被拒绝|必填项为空",
                    "8|B 统一社会信用代码|12345||单元格被拒绝|统一社会信用代码应为18位",
                    "5||||重复|与工作表“客户”第 4 行重复（统一社会信用代码相同）",
                    "6||||重复|与工作表“客户”第 4 行重复（客户名称和电话相同）");
        }
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
    void aCrmFailureLeavesTheCrmAsItWas() throws Exception {
        // 1,500 new customers: the first 1,000 are written in a first batch, then row 1,402's contact
        // (61 characters, the column holds 60) fails the second batch. Nothing may remain.
        List<List<Object>> r = new ArrayList<>();
        r.add(row("客户名称", "联系人"));
        for (int i = 1; i <= 1500; i++) r.add(row("测试客户" + i + "有限公司", i == 1401 ? "长".repeat(61) : "联系人" + i));
        Path file = Workbooks.xlsx(dir.resolve("big.xlsx"), new Workbooks.SheetSpec("S", r));
        List<Map<String, Object>> before = crmDb().queryForList("SELECT * FROM crm_customer ORDER BY id");

        RunSummary summary = run(file);

        assertThat(summary.status()).isEqualTo("FAILED");
        assertThat(summary.error()).contains("写入CRM失败，CRM未作任何修改");
        assertThat(crmDb().queryForList("SELECT * FROM crm_customer ORDER BY id")).isEqualTo(before);
        assertThat(hub.queryForObject("SELECT status FROM archive_import", String.class)).isEqualTo("FAILED");
        assertThat(dir.resolve("big-report.xlsx")).exists();

        // Fixed, the same file name imports: a failed attempt does not count as imported.
        r.set(1401, row("测试客户1401有限公司", "联系人1401"));
        assertThat(run(Workbooks.xlsx(dir.resolve("big.xlsx"), new Workbooks.SheetSpec("S", r))).status()).isEqualTo("SUCCEEDED");
        assertThat(crmDb().queryForObject("SELECT COUNT(*) FROM crm_customer", Integer.class)).isEqualTo(1502);
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
        for (int i = 0; i < 100; i++) {
            progress = ops.getForObject(progressUrl, Map.class);
            if ("DONE".equals(progress.get("phase")) || "FAILED".equals(progress.get("phase"))) break;
            Thread.sleep(200);
        }
        assertThat(progress.get("phase")).as(String.valueOf(progress)).isEqualTo("DONE");
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
        // The upload and its report live under etlhub.archive.upload-dir: leave nothing behind.
        org.springframework.util.FileSystemUtils.deleteRecursively(Path.of("data/archive/uploads", (String) started.getBody().get("token")));
    }
}
