package io.etlhub.crm;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.etlhub.connector.ConnectorCatalog;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only the crm module reads and writes the CRM. Three checks, each with a test that it catches what it claims:
 * <ul>
 * <li>no method outside io.etlhub.crm asks {@link Crm} for the CRM's database ({@code jdbc()}, {@code transactions()},
 * {@code connect()}, {@code dialect()});</li>
 * <li>no method outside io.etlhub.crm takes a CRM table's mapping ({@code Crm.table}, {@code CrmSchema.table(s)})
 * and runs SQL through a JdbcTemplate in the same method (building CRM SQL of its own);</li>
 * <li>the original rule, below.</li>
 * </ul>
 * No class is exempt (quality's data-health rules ask {@link CrmQualityReads} since issue 10).
 * <p>
 * The original rule: only the crm module opens the CRM's database: no method (lambda bodies are methods of their own)
 * outside io.etlhub.crm takes the CRM connector's id (CrmSchema.connector() or Crm.connector()) and
 * asks the ConnectorCatalog for a pool, template, transaction, connection or dialect. Taking the id
 * to name it in a permission check is fine, and so is opening another connector elsewhere in the
 * class. demo is exempt: it seeds the stand-in CRM the same way it seeds the stand-in U8 and K3.
 */
class CrmAccessTest {
    private static final Set<String> DATABASE_LOOKUPS = Set.of("jdbc", "dataSource", "transactions", "connect", "dialect");

    private static final Set<String> CRM_DATABASE = Set.of("jdbc", "transactions", "connect", "dialect");
    private static final Set<String> CRM_TABLES = Set.of("table", "tables");
    private static final Set<String> SQL_CALLS = Set.of("query", "queryForList", "queryForMap", "queryForObject",
            "queryForRowSet", "queryForStream", "update", "batchUpdate", "execute");

    @Test
    void noFeatureOutsideCrmTakesTheCrmDatabaseOrBuildsCrmSql() {
        JavaClasses hub = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.etlhub");
        assertThat(hub.contain(CrmQualityReads.class)).as("the hub's classes were imported").isTrue();
        assertThat(crmSqlOutsideCrm(hub, "io.etlhub.crm", "io.etlhub.demo")).as("CRM database or CRM SQL outside io.etlhub.crm")
                .isEmpty();
    }

    @Test
    void theCrmSqlCheckCatchesTheDatabaseTakenAndSqlBuiltOnACrmTable() {
        Map<String, List<String>> found = crmSqlOutsideCrm(new ClassFileImporter().importClasses(TakesTheCrmTemplate.class,
                BuildsCrmSql.class, BuildsCrmSqlInALambda.class, ChecksTheCrmAndReadsTheErp.class));
        Set<String> owners = new java.util.TreeSet<>();
        found.keySet().forEach(unit -> owners.add(owner(unit)));
        assertThat(owners).containsExactlyInAnyOrder(TakesTheCrmTemplate.class.getName(), BuildsCrmSql.class.getName(),
                BuildsCrmSqlInALambda.class.getName());
    }

    /** Method to what it does with the CRM: takes its database from Crm, or takes a CRM table and runs SQL. */
    static Map<String, List<String>> crmSqlOutsideCrm(JavaClasses classes, String... exemptPackages) {
        Map<String, List<String>> found = new TreeMap<>();
        for (JavaClass c : classes) {
            if (exempted(c.getName(), exemptPackages)) continue;
            for (JavaCodeUnit unit : c.getCodeUnits()) {
                List<String> database = new ArrayList<>();
                List<String> tables = new ArrayList<>();
                List<String> sql = new ArrayList<>();
                for (JavaMethodCall call : unit.getMethodCallsFromSelf()) {
                    JavaClass target = call.getTargetOwner();
                    if (target.isEquivalentTo(Crm.class) && CRM_DATABASE.contains(call.getName())) database.add(call.getDescription());
                    if ((target.isEquivalentTo(Crm.class) || target.isEquivalentTo(CrmSchema.class)) && CRM_TABLES.contains(call.getName())) {
                        tables.add(call.getDescription());
                    }
                    if ((target.isAssignableTo(JdbcOperations.class) || target.isAssignableTo(NamedParameterJdbcOperations.class))
                            && SQL_CALLS.contains(call.getName())) {
                        sql.add(call.getDescription());
                    }
                }
                List<String> what = new ArrayList<>(database);
                if (!tables.isEmpty() && !sql.isEmpty()) { what.addAll(tables); what.addAll(sql); }
                if (!what.isEmpty()) found.put(unit.getFullName(), what);
            }
        }
        return found;
    }

    /** The class of a code unit's full name (lambdas belong to the class that holds them). */
    private static String owner(String unitFullName) {
        String withoutMember = unitFullName.substring(0, unitFullName.lastIndexOf('.', unitFullName.indexOf('(')));
        return withoutMember;
    }

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

    /** Forbidden: the CRM's template from Crm. */
    static class TakesTheCrmTemplate {
        JdbcTemplate crm(Crm crm) {
            return crm.jdbc();
        }
    }

    /** Forbidden: SQL on a CRM table, run on a template obtained elsewhere. */
    static class BuildsCrmSql {
        int customers(Crm crm, JdbcTemplate db) {
            io.etlhub.connector.TableMapping t = crm.schema().table("customer");
            return db.queryForObject("SELECT COUNT(*) FROM " + t.table(), Integer.class);
        }
    }

    /** The same, in a lambda. */
    static class BuildsCrmSqlInALambda {
        Runnable touch(Crm crm, JdbcTemplate db) {
            return () -> db.update("UPDATE " + crm.table("opportunity").table() + " SET x = 1");
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
