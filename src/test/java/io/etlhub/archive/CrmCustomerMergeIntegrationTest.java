package io.etlhub.archive;

import io.etlhub.connector.CrmSchema;
import io.etlhub.connector.MappingCatalog;
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
        CrmCustomerMerge merge = new CrmCustomerMerge(crmDb(), crm.table("customer"), withPolicy, "test.xlsx");
        merge.loadExisting();
        return merge;
    }

    Map<String, Object> row() {
        return crmDb().queryForMap("SELECT email, contact FROM crm_customer WHERE id = 1");
    }

    @Test
    void fillBlanksNeverReplacesAValue() {
        crmDb().update("UPDATE crm_customer SET mobile = '13812345678' WHERE id = 1");
        CrmCustomerMerge merge = merge("fill-blanks");
        merge.apply(List.of(Map.of("name", "杭州甲乙机械有限公司", "mobile", "138 1234 5678".replace(" ", ""), "email", "new@jiayi.com",
                "contact", "张三", "record-date", "2026-01-01")));
        assertThat(merge.merged()).isEqualTo(1);
        assertThat(row()).containsEntry("email", "crm@jiayi.com").containsEntry("contact", "张三");
    }

    @Test
    void overwriteOlderKeepsANewerCrmValue() {
        // Matched by name + phone: give both sides the same mobile.
        crmDb().update("UPDATE crm_customer SET mobile = '13812345678', updated_at = '2025-01-01 09:00:00' WHERE id = 1");
        CrmCustomerMerge merge = merge("overwrite-older");
        // Recorded 2024-12-01, before the CRM's 2025-01-01: the CRM's e-mail stays, the blank contact is filled.
        merge.apply(List.of(Map.of("name", "杭州甲乙机械有限公司", "mobile", "13812345678", "email", "old-file@jiayi.com",
                "contact", "张三", "record-date", "2024-12-01")));
        assertThat(merge.merged()).isEqualTo(1);
        assertThat(row()).containsEntry("email", "crm@jiayi.com").containsEntry("contact", "张三");

        crmDb().update("UPDATE crm_customer SET updated_at = '2025-01-01 09:00:00' WHERE id = 1");
        // Recorded 2025-06-01, after the CRM's last change: the archive's value wins.
        merge("overwrite-older").apply(List.of(Map.of("name", "杭州甲乙机械有限公司", "mobile", "13812345678",
                "email", "newer-file@jiayi.com", "record-date", "2025-06-01")));
        assertThat(row()).containsEntry("email", "newer-file@jiayi.com").containsEntry("contact", "张三");
    }

    @Test
    void sameNameAndPhoneButAnotherCreditCodeIsAnotherCompany() {
        crmDb().update("UPDATE crm_customer SET mobile = '13812345678', credit_code = ? WHERE id = 1",
                ArchiveImportIntegrationTest.CODE_A);
        CrmCustomerMerge merge = merge("fill-blanks");
        merge.apply(List.of(Map.of("name", "杭州甲乙机械有限公司", "mobile", "13812345678", "credit-code", ArchiveImportIntegrationTest.CODE_C)));
        assertThat(merge.inserted()).isEqualTo(1);
        assertThat(merge.merged()).isZero();
    }
}
