package io.etlhub.quality;

import io.etlhub.connector.TableMapping;
import org.apache.kafka.connect.data.Struct;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;

/**
 * Turns one Debezium change of the CRM opportunity table into a row of quality_stage_history when
 * the stage changed (insert: from nothing; update: before -> after). The binlog position is the
 * row's key, so a change delivered twice (a replay after a crash) is stored once.
 */
public class StageChangeRecorder {
    private final JdbcTemplate hub;
    private final ZoneId zone;
    private final Clock clock;

    public StageChangeRecorder(JdbcTemplate hub, ZoneId zone, Clock clock) {
        this.hub = hub;
        this.zone = zone;
        this.clock = clock;
    }

    /** One exchange of the etlhub-cdc endpoint (Camel's Debezium headers) on the opportunity table of mappings/crm.yml. */
    @SuppressWarnings("unchecked")
    public boolean record(TableMapping opportunity, org.apache.camel.Exchange exchange) {
        var m = exchange.getMessage();
        Object before = m.getHeader(org.apache.camel.component.debezium.DebeziumConstants.HEADER_BEFORE);
        Object after = m.getBody();
        return record(opportunity, m.getHeader(org.apache.camel.component.debezium.DebeziumConstants.HEADER_OPERATION, String.class),
                before instanceof Struct b ? b : null, after instanceof Struct a ? a : null,
                m.getHeader(org.apache.camel.component.debezium.DebeziumConstants.HEADER_SOURCE_METADATA, Map.class));
    }

    /** @return true when a new stage change was stored. */
    public boolean record(TableMapping opportunity, String operation, Struct before, Struct after, Map<String, Object> source) {
        if (after == null || !("c".equals(operation) || "u".equals(operation))) return false;
        String stageCol = opportunity.col("stage");
        String to = text(after.get(stageCol));
        String from = before == null ? null : text(before.get(stageCol));
        if ("u".equals(operation) && Objects.equals(from, to)) return false;
        Object id = after.get(opportunity.col("id"));
        Object ts = source == null ? null : source.get("ts_ms");
        LocalDateTime changedAt = ts instanceof Number n && n.longValue() > 0
                ? LocalDateTime.ofInstant(Instant.ofEpochMilli(n.longValue()), zone) : LocalDateTime.now(clock);
        String position = source == null ? "no-source/" + id + "/" + changedAt
                : source.get("server_id") + "/" + source.get("file") + "/" + source.get("pos") + "/" + source.get("row") + "/" + id
                + "/" + from + ">" + to;
        try {
            hub.update("INSERT INTO quality_stage_history (opportunity_id, opportunity_no, owner, from_stage, to_stage, changed_at, "
                            + "source_position, captured_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    ((Number) id).longValue(), text(after.get(opportunity.col("number"))),
                    text(after.get(opportunity.col("owner"))), from, to, Timestamp.valueOf(changedAt),
                    position.length() > 200 ? position.substring(0, 200) : position, Timestamp.valueOf(LocalDateTime.now(clock)));
            return true;
        } catch (DuplicateKeyException replayed) {
            return false;
        }
    }

    private static String text(Object v) {
        return v == null ? null : v.toString();
    }
}
