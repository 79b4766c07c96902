package io.etlhub.quality;

import io.etlhub.connector.ConnectorCatalog;
import io.etlhub.connector.CrmSchema;
import io.etlhub.connector.Dialect;
import io.etlhub.connector.MappingCatalog;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Runs every rule of mappings/quality.yml for a month, in the databases that hold the data. */
@Service
public class QualityChecker {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(QualityChecker.class);
    private final MappingCatalog mappings;
    private final ConnectorCatalog connectors;
    private final JdbcTemplate hub;
    private final Dialect hubDialect;
    private final String stageHistory;

    public QualityChecker(MappingCatalog mappings, ConnectorCatalog connectors, JdbcTemplate hub,
                          @Value("${etlhub.quality.stage-history:auto}") String stageHistory) {
        this.mappings = mappings;
        this.connectors = connectors;
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
        QualitySettings settings = settings();
        CrmSchema crm = mappings.read("crm", CrmSchema.class);
        JdbcTemplate crmDb = connectors.jdbc(crm.connector());
        Dialect crmDialect = connectors.dialect(crm.connector());
        List<RuleOutcome> outcomes = new ArrayList<>();
        timed("stage", period, () -> outcomes.addAll(new StageRules(stageSource(crm), settings).evaluate(period)));
        timed("lead", period, () -> outcomes.addAll(new LeadRules(crmDb, crmDialect, crm.table("lead"), settings).evaluate(period)));
        timed("receipt", period, () -> outcomes.addAll(new ReceiptRules(hub, hubDialect, crmDb, crmDialect, crm, settings).evaluate(period)));
        timed("customer", period, () -> outcomes.addAll(new CustomerRules(crmDb, crmDialect, crm.table("customer"),
                crm.table("customer-change-log"), settings).evaluate(period)));
        outcomes.sort(Comparator.comparing(o -> o.metric().rule().ordinal()));
        return outcomes;
    }

    private static void timed(String group, ReportPeriod period, Runnable rules) {
        long start = System.nanoTime();
        rules.run();
        log.info("quality {} rules for {} took {} ms", group, period, (System.nanoTime() - start) / 1_000_000);
    }

    /** crm: the CRM's mapped history table; hub: the Debezium-captured table; auto: crm when mapped. */
    StageHistorySource stageSource(CrmSchema crm) {
        boolean crmMapped = crm.tables() != null && crm.tables().containsKey("stage-history");
        return switch (stageHistory) {
            case "crm" -> StageHistorySource.crm(crm, connectors);
            case "hub" -> StageHistorySource.hub(hub, hubDialect);
            case "auto" -> crmMapped ? StageHistorySource.crm(crm, connectors) : StageHistorySource.hub(hub, hubDialect);
            default -> throw new IllegalArgumentException("etlhub.quality.stage-history must be auto, crm or hub, found '" + stageHistory + "'");
        };
    }
}
