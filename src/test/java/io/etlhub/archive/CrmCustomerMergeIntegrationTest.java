package io.etlhub.archive;

import io.etlhub.connector.MappingCatalog;
import io.etlhub.crm.CrmSchema;
import io.etlhub.support.HubIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The merge policies against the reference CRM: fill blanks only, or overwrite only what is older than the row. */
class CrmCustomerMergeIntegrationTest extends HubIntegrationTest {
    @Autowired
    MappingCatalog mappings;

    CrmSchema crm;

    @BeforeEach
    void customer() {
        crm = mappings.read("crm", CrmSchema.class);
        // Last changed in the CRM on 2025-01-01.
        crmDb().update("INSERT INTO crm_customer (id, name, email, contact, updated_at) VALUES "
                + "(1, '杭州甲乙机械有限公司', 'crm@jiayi.com', NULL, '2025-01-01 09:00:00')");
    }

    CrmCustomerMerge merge(String policy) {
        ArchiveMapping m = ArchiveMappings.customers();
        ArchiveMapping withPolicy = new ArchiveMapping(m.kind(), m.description(), m.target(), m.minHeaderMatches(), m.headerSearchRows(),
                m.fields(), m.dedup(), new ArchiveMapping.Merge(policy, "record-date"));
        CrmCustomerMerge merge = new CrmCustomerMerge(new io.etlhub.crm.CrmTable(crm.table("customer"), crmDb(), connectors.transactions("crm")), withPolicy, "test.xlsx", java.time.LocalDateTime.of(2026, 11, 24, 18, 0));
        merge.loadExisting();
        return merge;
    }

    final List<CellIssue> lines = new java.util.ArrayList<>();

    /** Merges rows (each its own company, as the file's first row 2, 3...) in one CRM transaction, as the importer does. */
    @SafeVarargs
    final void apply(CrmCustomerMerge merge, Map<String, String>... rows) {
        List<Company> companies = new java.util.ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            StagedRow r = new StagedRow(i + 1, i + 1, "S", i + 2, rows[i]);
            companies.add(new Company(r, new MergePolicy(ArchiveMappings.customers()).asOf(rows[i])));
        }
        connectors.transactions("crm").executeWithoutResult(tx -> merge.apply(companies, lines::add, tx));
    }

    Map<String, Object> row() {
        return crmDb().queryForMap("SELECT email, contact FROM crm_customer WHERE id = 1");
    }

    @Test
    void fillBlanksNeverReplacesAValue() {
        crmDb().update("UPDATE crm_customer SET mobile = '13812345678' WHERE id = 1");
        CrmCustomerMerge merge = merge("fill-blanks");
        apply(merge, Map.of("name", "杭州甲乙机械有限公司", "mobile", "138 1234 5678".replace(" ", ""), "email", "new@jiayi.com",
                "contact", "张三", "record-date", "2026-01-01"));
        assertThat(merge.merged()).isEqualTo(1);
        assertThat(row()).containsEntry("email", "crm@jiayi.com").containsEntry("contact", "张三");
    }

    @Test
    void overwriteOlderKeepsANewerCrmValue() {
        // Matched by name + phone: give both sides the same mobile.
        crmDb().update("UPDATE crm_customer SET mobile = '13812345678', updated_at = '2025-01-01 09:00:00' WHERE id = 1");
        CrmCustomerMerge merge = merge("overwrite-older");
        // Recorded 2024-12-01, before the CRM's 2025-01-01: the CRM's e-mail stays, the blank contact is filled.
        apply(merge, Map.of("name", "杭州甲乙机械有限公司", "mobile", "13812345678", "email", "old-file@jiayi.com",
                "contact", "张三", "record-date", "2024-12-01"));
        assertThat(merge.merged()).isEqualTo(1);
        assertThat(row()).containsEntry("email", "crm@jiayi.com").containsEntry("contact", "张三");

        crmDb().update("UPDATE crm_customer SET updated_at = '2025-01-01 09:00:00' WHERE id = 1");
        // Recorded 2025-06-01, after the CRM's last change: the archive's value wins.
        apply(merge("overwrite-older"), Map.of("name", "杭州甲乙机械有限公司", "mobile", "13812345678",
                "email", "newer-file@jiayi.com", "record-date", "2025-06-01"));
        assertThat(row()).containsEntry("email", "newer-file@jiayi.com").containsEntry("contact", "张三");
    }

    @Test
    void overwriteOlderComparesEachValueWithTheDateOfTheRowItCameFrom() {
        crmDb().update("UPDATE crm_customer SET contact = '王五' WHERE id = 1");
        CrmCustomerMerge merge = merge("overwrite-older");
        ArchiveMapping mapping = ArchiveMappings.customers();
        // Two rows of one company: the e-mail recorded after the CRM's last change, the contact before it.
        List<Company> companies = new java.util.ArrayList<>();
        CompanyFolder folder = new CompanyFolder(new ArchiveMapping(mapping.kind(), mapping.description(), mapping.target(),
                mapping.minHeaderMatches(), mapping.headerSearchRows(), mapping.fields(), mapping.dedup(),
                new ArchiveMapping.Merge("overwrite-older", "record-date")), new FieldLabels(mapping), lines::add, companies::add);
        folder.accept(new StagedRow(1, 1, "S", 2, Map.of("name", "杭州甲乙机械有限公司", "email", "newer@jiayi.com", "record-date", "2025-06-01")));
        folder.accept(new StagedRow(2, 1, "S", 3, Map.of("name", "杭州甲乙机械有限公司", "contact", "张三", "record-date", "2024-06-01")));
        folder.finish();
        connectors.transactions("crm").executeWithoutResult(tx -> merge.apply(companies, lines::add, tx));

        assertThat(row()).containsEntry("email", "newer@jiayi.com").containsEntry("contact", "王五");
    }

    @Test
    void sameNameAndPhoneButAnotherCreditCodeIsAnotherCompany() {
        crmDb().update("UPDATE crm_customer SET mobile = '13812345678', credit_code = ? WHERE id = 1",
                ArchiveImportIntegrationTest.CODE_A);
        CrmCustomerMerge merge = merge("fill-blanks");
        apply(merge, Map.of("name", "杭州甲乙机械有限公司", "mobile", "13812345678", "credit-code", ArchiveImportIntegrationTest.CODE_C));
        assertThat(merge.inserted()).isEqualTo(1);
        assertThat(merge.merged()).isZero();
        assertThat(crmDb().queryForList("SELECT credit_code FROM crm_customer WHERE name = '杭州甲乙机械有限公司' ORDER BY id", String.class))
                .containsExactly(ArchiveImportIntegrationTest.CODE_A, ArchiveImportIntegrationTest.CODE_C);
    }

    @Test
    void sameNameWithoutCreditCodeAndAnotherPhoneIsTheSameCompany() {
        crmDb().update("UPDATE crm_customer SET phone = '0571-88886666' WHERE id = 1");
        CrmCustomerMerge merge = merge("fill-blanks");
        // Written another way (half-width brackets are not in this name, but spaces, width and 有限责任公司 are), another phone.
        apply(merge, Map.of("name", "杭州甲乙机械有限责任公司", "mobile", "13900002222", "contact", "李四"));
        assertThat(merge.inserted()).isZero();
        assertThat(merge.merged()).isEqualTo(1);
        assertThat(crmDb().queryForObject("SELECT COUNT(*) FROM crm_customer", Integer.class)).isEqualTo(1);
        assertThat(crmDb().queryForMap("SELECT mobile, contact FROM crm_customer WHERE id = 1"))
                .containsEntry("mobile", "13900002222").containsEntry("contact", "李四");
        assertThat(lines).singleElement().satisfies(l -> {
            assertThat(l.kind()).isEqualTo(CellIssue.Kind.CRM_MERGED);
            assertThat(l.reason()).isEqualTo("archive.reason.crm-merged.name");
            assertThat(ArchiveMessages.CHINESE.get(l.reason(), (Object[]) l.detail().split("\t")))
                    .isEqualTo("合并到CRM已有客户 #1 杭州甲乙机械有限公司（客户名称相同），写入：联系人、手机");
            assertThat(l.value()).isEqualTo("联系人: 李四; 手机: 13900002222");
        });
    }

    @Test
    void aLaterCopyWithACreditCodeJoinsTheCustomerWithoutOne() {
        CrmCustomerMerge merge = merge("fill-blanks");
        apply(merge, Map.of("name", "杭州甲乙机械有限公司", "credit-code", ArchiveImportIntegrationTest.CODE_C));
        assertThat(merge.merged()).isEqualTo(1);
        assertThat(crmDb().queryForList("SELECT credit_code FROM crm_customer", String.class)).containsExactly(ArchiveImportIntegrationTest.CODE_C);
    }

    @Test
    void twoCompaniesOfOneNameWithTwoCreditCodesAreTwoCustomers() {
        CrmCustomerMerge merge = merge("fill-blanks");
        // One page: the first takes the customer without a code (and gives it its code), the second is another company.
        apply(merge, Map.of("name", "杭州甲乙机械有限公司", "credit-code", ArchiveImportIntegrationTest.CODE_A, "contact", "张三"),
                Map.of("name", "杭州甲乙机械有限公司", "credit-code", ArchiveImportIntegrationTest.CODE_C, "contact", "李四"));
        assertThat(merge.merged()).isEqualTo(1);
        assertThat(merge.inserted()).isEqualTo(1);
        assertThat(crmDb().queryForList("SELECT CONCAT(id = 1, ' ', credit_code, ' ', contact) FROM crm_customer ORDER BY id", String.class))
                .containsExactly("1 " + ArchiveImportIntegrationTest.CODE_A + " 张三", "0 " + ArchiveImportIntegrationTest.CODE_C + " 李四");
    }

    @Test
    void nothingNewLeavesTheCustomerAndItsUpdateTimeAlone() {
        CrmCustomerMerge merge = merge("fill-blanks");
        apply(merge, Map.of("name", "杭州甲乙机械有限公司", "email", "other@jiayi.com"));
        assertThat(merge.merged()).isZero();
        assertThat(merge.unchanged()).isEqualTo(1);
        assertThat(crmDb().queryForObject("SELECT updated_at FROM crm_customer WHERE id = 1", java.sql.Timestamp.class))
                .isEqualTo(java.sql.Timestamp.valueOf("2025-01-01 09:00:00"));
        assertThat(lines).singleElement().satisfies(l -> assertThat(l.kind()).isEqualTo(CellIssue.Kind.CRM_UNCHANGED));

        apply(merge, Map.of("name", "杭州甲乙机械有限公司", "contact", "张三"));
        assertThat(merge.merged()).isEqualTo(1);
        assertThat(crmDb().queryForObject("SELECT updated_at FROM crm_customer WHERE id = 1", java.sql.Timestamp.class))
                .isAfter(java.sql.Timestamp.valueOf("2025-01-01 09:00:00"));
    }
}
