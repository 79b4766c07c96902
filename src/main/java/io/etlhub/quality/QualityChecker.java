package io.etlhub.quality;

import io.etlhub.connector.Dialect;
import io.etlhub.connector.MappingCatalog;
import io.etlhub.crm.Crm;
import io.etlhub.crm.CrmQualityReads;
import io.etlhub.crm.CrmSchema;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs every rule of mappings/quality.yml for a month, in the databases that hold the data: the hub's own tables
 * here, the CRM's through {@link CrmQualityReads} (the crm module builds and runs every CRM statement).
 */
@Service
public class QualityChecker {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(QualityChecker.class);
    private final MappingCatalog mappings;
    private final Crm crmAccess;
    private final CrmQualityReads crmReads;
    private final JdbcTemplate hub;
    private final Dialect hubDialect;
    private final String stageHistory;

    public QualityChecker(MappingCatalog mappings, Crm crmAccess, CrmQualityReads crmReads, JdbcTemplate hub,
                          @Value("${etlhub.quality.stage-history:auto}") String stageHistory) {
        this.mappings = mappings;
        this.crmAccess = crmAccess;
        this.crmReads = crmReads;
        this.hub = hub;
        this.hubDialect = hub.execute((java.sql.Connection c) -> Dialect.fromUrl(c.getMetaData().getURL()));
        this.stageHistory = stageHistory;
    }

    /** mappings/quality.yml, read and checked on every use so an admin's edit applies to the next report. */
    public QualitySettings settings() {
        QualitySettings settings = mappings.read("quality", QualitySettings.class);
        List<String> problems = settings.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(mappings.file("quality") + ": " + String.join("; ", problems));
        }
        return settings;
    }

    public List<RuleOutcome> check(ReportPeriod period) {
        return check(period, settings(), crmAccess.schema());
    }

    /** Every rule for a month; a rule switched off or missing its CRM table or column is "not configured". */
    List<RuleOutcome> check(ReportPeriod period, QualitySettings settings, CrmSchema crm) {
        boolean stageFromCrm = stageFromCrm(crm);
        Map<QualityRule, NotConfigured> off = notConfigured(settings, new MappedColumns(crm, crmAccess), stageFromCrm);
        Set<QualityRule> on = EnumSet.allOf(QualityRule.class);
        on.removeAll(off.keySet());
        List<RuleOutcome> outcomes = new ArrayList<>();
        timed("stage", period, () -> outcomes.addAll(new StageRules(stageSource(crm, stageFromCrm), settings).evaluate(period, on)));
        timed("lead", period, () -> outcomes.addAll(new LeadRules(crmReads, settings).evaluate(period, on)));
        timed("receipt", period, () -> outcomes.addAll(new ReceiptRules(hub, hubDialect, crmReads, settings).evaluate(period, on)));
        timed("customer", period, () -> outcomes.addAll(new CustomerRules(crmReads, settings).evaluate(period, on)));
        off.forEach((rule, why) -> outcomes.add(RuleOutcome.notConfigured(rule, why)));
        outcomes.sort(Comparator.comparing(o -> o.metric().rule().ordinal()));
        return outcomes;
    }

    /** Rules switched off in mappings/quality.yml, and rules whose CRM tables or columns are not there. */
    static Map<QualityRule, NotConfigured> notConfigured(QualitySettings settings, MappedColumns crm, boolean stageFromCrm) {
        Map<QualityRule, NotConfigured> off = new EnumMap<>(QualityRule.class);
        for (QualityRule rule : QualityRule.values()) {
            NotConfigured why = settings.disabled(rule) ? NotConfigured.switchedOff()
                    : crm.missing(RuleNeeds.of(rule, settings, stageFromCrm));
            if (why != null) off.put(rule, why);
        }
        return off;
    }

    private static void timed(String group, ReportPeriod period, Runnable rules) {
        long start = System.nanoTime();
        rules.run();
        log.info("quality {} rules for {} took {} ms", group, period, (System.nanoTime() - start) / 1_000_000);
    }

    /** crm: the CRM's mapped history table; hub: the Debezium-captured table; auto: crm when mapped. */
    boolean stageFromCrm(CrmSchema crm) {
        boolean crmMapped = crm.tables() != null && crm.tables().containsKey("stage-history");
        return switch (stageHistory) {
            case "crm" -> true;
            case "hub" -> false;
            case "auto" -> crmMapped;
            default -> throw new IllegalArgumentException("etlhub.quality.stage-history must be auto, crm or hub, found '" + stageHistory + "'");
        };
    }

    /** Null when the CRM's history is to be read but mappings/crm.yml has none (the stage rules are then not configured). */
    StageHistorySource stageSource(CrmSchema crm, boolean fromCrm) {
        if (!fromCrm) return StageHistorySource.hub(hub, hubDialect);
        return crm.tables() != null && crm.tables().containsKey("stage-history") ? StageHistorySource.crm(crmReads.stageHistory()) : null;
    }
}
