package io.etlhub.archive;

import io.etlhub.pipeline.RouteRunner;
import io.etlhub.support.HubIntegrationTest;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.etlhub.archive.Workbooks.row;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drop folder's Camel route, added to the running Camel context for this test only (the
 * shared context has it off): inbox -> processing -> done with its report, or deleted with its report in failed/;
 * done/ and failed/ are cleaned after etlhub.archive.upload-retention-days as uploads are.
 */
class ArchiveDropFolderIntegrationTest extends HubIntegrationTest {
    @Autowired
    CamelContext camel;
    @Autowired
    RouteRunner runner;
    @Autowired
    UploadRetention retention;

    @TempDir
    Path root;

    @Test
    void goodFileEndsInDoneAndABadFileIsDeletedWithItsReportInFailedAndBothGoAfterTheRetention() throws Exception {
        String routeId = "archive-drop-folder-test";
        camel.addRoutes(new ArchiveDropFolder(runner, new ArchiveSettings.DropFolder(true, root.toString(), 100L), routeId));
        // Under the supervising route controller a route added to a running context is started explicitly.
        camel.getRouteController().startRoute(routeId);
        try {
            Path staged = Workbooks.xlsx(root.resolve("客户.xlsx"), new Workbooks.SheetSpec("S",
                    List.of(row("客户名称", "手机"), row("嘉兴子丑有限公司", "13800001111"))));
            Files.move(staged, root.resolve("inbox/客户.xlsx"));
            Files.writeString(root.resolve("inbox/notes.xlsx"), "not a workbook");

            for (int i = 0; i < 150 && !(Files.exists(root.resolve("done/客户.xlsx")) && Files.exists(root.resolve("failed/notes-report.xlsx"))
                    && isEmpty(root.resolve("processing"))); i++) {
                Thread.sleep(200);
            }
            assertThat(root.resolve("done/客户.xlsx")).exists();
            assertThat(root.resolve("done/客户-report.xlsx")).exists();
            // the rejected file is not kept; its report, naming the file and what is wrong, is
            assertThat(root.resolve("failed/notes.xlsx")).doesNotExist();
            assertThat(root.resolve("failed")).isDirectoryContaining(p -> p.getFileName().toString().equals("notes-report.xlsx"));
            assertThat(Files.list(root.resolve("failed")).toList()).hasSize(1);
            assertThat(reportText(root.resolve("failed/notes-report.xlsx"))).contains("notes.xlsx");
            assertThat(root.resolve("inbox")).isEmptyDirectory();
            assertThat(root.resolve("processing")).isEmptyDirectory();
            assertThat(crmDb().queryForList("SELECT mobile FROM crm_customer WHERE name = '嘉兴子丑有限公司'", String.class))
                    .containsExactly("13800001111");

            // done/ and failed/ are kept etlhub.archive.upload-retention-days (30), as uploads are
            ArchiveSettings.DropFolder folder = new ArchiveSettings.DropFolder(true, root.toString(), 100L);
            assertThat(retention.cleanDropFolder(folder)).isZero();
            java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.from(
                    java.time.Instant.now().minus(java.time.Duration.ofDays(31)));
            Files.setLastModifiedTime(root.resolve("done/客户.xlsx"), old);
            Files.setLastModifiedTime(root.resolve("failed/notes-report.xlsx"), old);
            assertThat(retention.cleanDropFolder(folder)).isEqualTo(2);
            assertThat(root.resolve("done/客户.xlsx")).doesNotExist();
            assertThat(root.resolve("failed/notes-report.xlsx")).doesNotExist();
            assertThat(root.resolve("done/客户-report.xlsx")).as("a file within the retention stays").exists();
        } finally {
            camel.getRouteController().stopRoute(routeId);
            camel.removeRoute(routeId);
        }
    }

    private static boolean isEmpty(Path folder) throws java.io.IOException {
        try (var files = Files.list(folder)) {
            return files.findAny().isEmpty();
        }
    }

    /** Every cell of the report's workbook, one text. */
    private static String reportText(Path report) throws java.io.IOException {
        StringBuilder text = new StringBuilder();
        try (var workbook = org.apache.poi.ss.usermodel.WorkbookFactory.create(report.toFile())) {
            workbook.forEach(sheet -> sheet.forEach(row -> row.forEach(cell -> text.append(cell.toString()).append(' '))));
        }
        return text.toString();
    }
}
