package io.etlhub.crm;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.etlhub.connector.ConnectorCatalog;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only the crm module opens the CRM's database: no method (lambda bodies are methods of their own)
 * outside io.etlhub.crm takes the CRM connector's id (CrmSchema.connector() or Crm.connector()) and
 * asks the ConnectorCatalog for a pool, template, transaction, connection or dialect. Taking the id
 * to name it in a permission check is fine, and so is opening another connector elsewhere in the
 * class. demo is exempt: it seeds the stand-in CRM the same way it seeds the stand-in U8 and K3.
 */
class CrmAccessTest {
    private static final Set<String> DATABASE_LOOKUPS = Set.of("jdbc", "dataSource", "transactions", "connect", "dialect");

    @Test
    void noFeatureOpensTheCrmDatabaseItself() {
        JavaClasses hub = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.etlhub");
        assertThat(hub.contain(Crm.class)).as("the hub's classes were imported").isTrue();

        assertThat(violations(hub, "io.etlhub.crm", "io.etlhub.demo")).isEmpty();
    }

    @Test
    void theCheckCatchesAMethodThatLooksTheCrmConnectorUp() {
        assertThat(violations(new ClassFileImporter().importClasses(OpensTheCrmItself.class))).hasSize(1);
        assertThat(violations(new ClassFileImporter().importClasses(OpensTheCrmInALambda.class))).hasSize(1);
    }

    @Test
    void namingTheCrmConnectorAndOpeningAnotherIsFine() {
        assertThat(violations(new ClassFileImporter().importClasses(ChecksTheCrmAndReadsTheErp.class))).isEmpty();
    }

    /** Method to the ConnectorCatalog lookups it makes while it also takes the CRM connector id. */
    static Map<String, List<String>> violations(JavaClasses classes, String... exemptPackages) {
        Map<String, List<String>> found = new TreeMap<>();
        for (JavaClass c : classes) {
            if (exempted(c.getName(), exemptPackages)) continue;
            for (JavaCodeUnit unit : c.getCodeUnits()) {
                boolean takesCrmId = false;
                List<String> lookups = new ArrayList<>();
                for (JavaMethodCall call : unit.getMethodCallsFromSelf()) {
                    JavaClass target = call.getTargetOwner();
                    if (call.getName().equals("connector") && (target.isEquivalentTo(CrmSchema.class) || target.isEquivalentTo(Crm.class))) {
                        takesCrmId = true;
                    }
                    if (target.isEquivalentTo(ConnectorCatalog.class) && DATABASE_LOOKUPS.contains(call.getName())) {
                        lookups.add(call.getDescription());
                    }
                }
                if (takesCrmId && !lookups.isEmpty()) found.put(unit.getFullName(), lookups);
            }
        }
        return found;
    }

    private static boolean exempted(String className, String... packages) {
        for (String p : packages) if (className.startsWith(p + ".")) return true;
        return false;
    }

    /** What the rule forbids: the CRM's template straight from the catalog. */
    static class OpensTheCrmItself {
        JdbcTemplate crm(Crm crm, ConnectorCatalog connectors) {
            return connectors.jdbc(crm.schema().connector());
        }
    }

    /** The same, in a lambda. */
    static class OpensTheCrmInALambda {
        Runnable crm(Crm crm, ConnectorCatalog connectors) {
            return () -> connectors.transactions(crm.connector());
        }
    }

    /** What receipts do: name the CRM connector for the grant check, read the ERP's own connector. */
    static class ChecksTheCrmAndReadsTheErp {
        String needs(Crm crm) {
            return crm.connector() + ":" + crm.table("opportunity").table();
        }

        JdbcTemplate erp(ConnectorCatalog connectors) {
            return connectors.jdbc("u8");
        }
    }
}
