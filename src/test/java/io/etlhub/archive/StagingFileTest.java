package io.etlhub.archive;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The staged rows' local file: what goes in comes back, in company order, and a file left by a dead import is cleaned. */
class StagingFileTest {
    @TempDir
    Path work;

    @Test
    void rowsComeBackAsWrittenCompanyByCompanyInFileOrder() {
        try (StagingFile file = StagingFile.create(work, 7)) {
            file.append(1, 1, "客户", 2, true, "91330100MA2XXXXX01", "甲公司", ArchiveStagingCompaniesTest.values("name", "甲公司", "mobile", "13800000001"));
            file.append(2, 2, "客户", 3, false, null, null, ArchiveStagingCompaniesTest.values("mobile", "bad"));
            file.append(3, 3, "客户", 4, true, "91330100MA2YYYYY01", "乙公司", ArchiveStagingCompaniesTest.values("name", "乙公司"));
            file.append(4, 1, "客户二", 2, true, "91330100MA2XXXXX01", "甲公司", ArchiveStagingCompaniesTest.values("name", "甲 公司", "owner", "王五"));
            file.append(5, 3, "客户二", 3, true, "91330100MA2YYYYY01", null, ArchiveStagingCompaniesTest.values("address", "x".repeat(70_000)));
            file.finishWriting();

            assertThat(file.read(4)).isEqualTo(new StagingFile.Staged(4, 1, "客户二", 2, true, "91330100MA2XXXXX01", "甲公司",
                    ArchiveStagingCompaniesTest.values("name", "甲 公司", "owner", "王五")));
            assertThat(file.read(2).valid()).isFalse();

            var pages = file.companyPages(new int[] {4, 1, 5, 3}, 2);
            List<String> read = new ArrayList<>();
            for (List<StagedRow> page; !(page = pages.get()).isEmpty(); ) {
                page.forEach(r -> read.add(r.seq() + "/" + r.companySeq() + " " + r.sheet() + "!" + r.row()
                        + " " + r.values().keySet()));
            }
            assertThat(read).containsExactly("1/1 客户!2 [name, mobile]", "4/1 客户二!2 [name, owner]", "3/3 客户!4 [name]",
                    "5/3 客户二!3 [address]");
        }
        assertThat(work).isEmptyDirectory();
    }

    @Test
    void aFileLeftByAnImportThatDiedIsDeletedOneInUseIsKept() throws Exception {
        // A process that died mid-import leaves its file without the lock (the lock ends with the process).
        Path orphan = Files.writeString(work.resolve("import-3-123" + StagingFile.SUFFIX), "rows of a crashed import");
        Path unrelated = Files.writeString(work.resolve("notes.txt"), "not a staging file");
        try (StagingFile running = StagingFile.create(work, 4)) {
            running.append(1, 1, "S", 2, true, null, "甲公司", Map.of("name", "甲公司"));

            assertThat(StagingFile.cleanOrphans(work)).containsExactly(3L);
            assertThat(orphan).doesNotExist();
            assertThat(running.path()).exists();
            assertThat(unrelated).exists();

            running.finishWriting();
            assertThat(running.read(1).nameKey()).isEqualTo("甲公司");
        }
        assertThat(StagingFile.cleanOrphans(work.resolve("not-there"))).isEmpty();
    }
}
