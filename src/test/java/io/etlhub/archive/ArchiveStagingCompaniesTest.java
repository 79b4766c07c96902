package io.etlhub.archive;

import io.etlhub.support.TestMariaDb;
import io.etlhub.connector.HubStoreMigrations;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which rows of a file are one company, from the staging file when reading could tell, else set-based in the hub store:
 * on the tests' MariaDB (UPDATE ... JOIN) and on H2 in MySQL mode, the demo's hub store (MERGE INTO ... USING), both
 * migrated as the hub migrates them.
 */
class ArchiveStagingCompaniesTest {
    @TempDir
    static Path work;

    static final String X = ArchiveImportIntegrationTest.code("91330100MA2XXXXX0");
    static final String Y = ArchiveImportIntegrationTest.code("91330100MA2YYYYY0");
    static final CustomerKeys KEYS = new CustomerKeys(ArchiveMappings.customers().dedup());
    static final String Z = ArchiveImportIntegrationTest.code("91330100MA2ZZZZZ0");

    static JdbcTemplate hub(String kind) {
        DriverManagerDataSource ds = kind.equals("h2")
                ? new DriverManagerDataSource("jdbc:h2:mem:staging" + System.nanoTime()
                        + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1", "sa", "")
                : new DriverManagerDataSource(TestMariaDb.get().freshDatabase("it_staging"), TestMariaDb.get().user(), TestMariaDb.get().password());
        HubStoreMigrations.migrate(ds);
        return new JdbcTemplate(ds);
    }

    static Map<String, String> values(String... pairs) {
        Map<String, String> v = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) if (pairs[i + 1] != null) v.put(pairs[i], pairs[i + 1]);
        return v;
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "h2"})
    void rowsAreGroupedByCreditCodeElseNameWithPhonesToChooseAmongCodes(String kind) {
        ArchiveStaging staging = new ArchiveStaging(hub(kind), work);
        List<Map<String, String>> rows = List.of(
                values("name", "甲公司", "credit-code", X, "mobile", "13800000001"),   // 2
                values("name", "甲公司", "credit-code", Y, "mobile", "13800000002"),   // 3: another company of the same name
                values("name", "甲公司", "landline", "0571-88880000", "mobile", "13800000002"), // 4: Y by its phone
                values("name", "甲公司"),                                                // 5: nothing to choose by: the first code, X
                values("name", "乙有限责任公司"),                                         // 6
                values("name", "乙（有限公司）", "mobile", "13900000000"),                // 7: same name written otherwise
                values("name", "丙公司", "credit-code", Z),                              // 8
                values("name", "丙 公司"),                                               // 9: the only code under its name
                values("mobile", "13700000000"),                                         // 10, 11: no name, no code (a mapping
                values("mobile", "13700000000"));                                        // without a required name): each its own
        try (ArchiveStaging.Writer writer = stage(staging, 1, new CompanyIndex(), KEYS, rows)) {
            assertThat(companies(staging, writer)).containsExactly(List.of(2, 5), List.of(3, 4), List.of(6, 7), List.of(8, 9), List.of(10), List.of(11));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "h2"})
    void rowsThatAllCarryACreditCodeAreGroupedWhileReadingAsInSql(String kind) {
        // Rows 2 to 6: row 4 is Y's company whatever its name, row 6 X's.
        List<Map<String, String>> rows = List.of(values("name", "甲公司", "credit-code", X, "mobile", "13800000001"),
                values("name", "乙公司", "credit-code", Y), values("name", "甲公司", "credit-code", Y, "mobile", "13800000002"),
                values("name", "丙公司", "credit-code", Z), values("name", "甲 公司", "credit-code", X));
        ArchiveStaging staging = new ArchiveStaging(hub(kind), work);
        List<List<Integer>> expected = List.of(List.of(2, 6), List.of(3, 4), List.of(5));
        try (ArchiveStaging.Writer writer = stage(staging, 1, new CompanyIndex(), KEYS, rows)) {
            assertThat(companies(staging, writer)).isEqualTo(expected);
        }
        // The same rows grouped in SQL only, as a second import.
        try (ArchiveStaging.Writer writer = write(staging, 2, new CompanyIndex(), KEYS, rows)) {
            writer.loadIntoHub(true);
            staging.assignCompanies(2, KEYS);
            assertThat(companies(staging, writer)).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "h2"})
    void creditCodesMeetingOnOneHashStayTwoCompanies(String kind) {
        ArchiveStaging staging = new ArchiveStaging(hub(kind), work);
        CompanyIndex everyCodeCollides = new CompanyIndex(code -> 42L);
        try (ArchiveStaging.Writer writer = stage(staging, 1, everyCodeCollides, KEYS, List.of(
                values("name", "甲公司", "credit-code", X),     // 2
                values("name", "乙公司", "credit-code", Y),     // 3: same hash as X, another company
                values("name", "丙公司", "credit-code", Z),     // 4
                values("name", "乙公司", "credit-code", Y)))) { // 5
            assertThat(companies(staging, writer)).containsExactly(List.of(2), List.of(3, 5), List.of(4));
        }
    }

    /** Stages the rows (rows 2, 3, ... of sheet S) as the import does, then groups them into companies; close the writer. */
    private static ArchiveStaging.Writer stage(ArchiveStaging staging, long importId, CompanyIndex index, CustomerKeys keys,
                                               List<Map<String, String>> rows) {
        ArchiveStaging.Writer writer = write(staging, importId, index, KEYS, rows);
        staging.assignCompanies(importId, keys, writer);
        return writer;
    }

    private static ArchiveStaging.Writer write(ArchiveStaging staging, long importId, CompanyIndex index, CustomerKeys keys,
                                               List<Map<String, String>> rows) {
        ArchiveStaging.Writer writer = staging.writer(importId, index, line -> { });
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> v = rows.get(i);
            writer.row(new ArchiveRow("S", i + 2, v, null), keys.creditCode(v), keys.nameKey(v));
        }
        writer.flush();
        return writer;
    }

    /** The row numbers of each company, in the order the merge reads them. */
    private static List<List<Integer>> companies(ArchiveStaging staging, ArchiveStaging.Writer writer) {
        List<List<Integer>> companies = new ArrayList<>();
        long[] current = {-1};
        staging.forEachCompanyRow(writer, 3, page -> page.forEach(r -> {
            if (r.companySeq() != current[0]) companies.add(new ArrayList<>());
            current[0] = r.companySeq();
            companies.get(companies.size() - 1).add(r.row());
        }));
        return companies;
    }
}
