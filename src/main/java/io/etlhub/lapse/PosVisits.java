package io.etlhub.lapse;

import io.etlhub.connector.ConnectorCatalog;
import io.etlhub.connector.TableMapping;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Members' visits read straight from the POS database with the POS mapping (the backtest's history, not
 * the rhythm store's): one (day, store) per member, day and store with a sale line that is not a return,
 * the member taken from the line or the ticket's payment lines; tiers from the mapping's member table.
 */
@Component
class PosVisits {
    /** A member's visits in day order, and the member's tier (null when the POS does not say). */
    record Member(String card, String tier, List<LocalDate> days, List<String> stores) {}

    private final ConnectorCatalog connectors;
    private final PosMappings mappings;
    private final PosMemberTiers memberTiers;

    PosVisits(ConnectorCatalog connectors, PosMappings mappings, PosMemberTiers memberTiers) {
        this.connectors = connectors;
        this.mappings = mappings;
        this.memberTiers = memberTiers;
    }

    List<Member> read(String connector, String mappingId, LocalDate until) {
        PosSaleMapping m = mappings.get(mappingId);
        TableMapping l = m.lines();
        String card = l.has("card") ? "l." + l.col("card") : "p.card";
        String from = l.table() + " l" + (l.has("card") ? "" : " JOIN (SELECT DISTINCT " + m.payments().col("ticket") + " AS ticket, "
                + m.payments().col("card") + " AS card FROM " + m.payments().table() + ") p ON p.ticket = l." + l.col("ticket"));
        List<Object> args = new ArrayList<>();
        StringBuilder notReturn = new StringBuilder();
        List<String> returns = m.returnValues() == null ? List.of() : m.returnValues();
        if (!returns.isEmpty()) {
            notReturn.append(" AND l.").append(l.col("sell-way")).append(" NOT IN (").append(String.join(", ", returns.stream().map(r -> "?").toList())).append(")");
            args.addAll(returns);
        }
        args.add(Date.valueOf(until.plusDays(1)));
        String sql = "SELECT DISTINCT " + card + " AS visit_card, CAST(l." + l.col("sold-at") + " AS DATE) AS visit_day, l." + l.col("store")
                + " AS visit_store FROM " + from + " WHERE " + card + " IS NOT NULL" + notReturn + " AND l." + l.col("sold-at") + " < ? "
                + "ORDER BY visit_card, visit_day";
        Map<String, String> tiers = tiers(connector, m);
        List<Member> out = new ArrayList<>();
        Map<String, Member> byCard = new HashMap<>();
        connectors.jdbc(connector).query(sql, rs -> {
            String c = rs.getString(1).trim();
            Member member = byCard.computeIfAbsent(c, k -> {
                Member fresh = new Member(k, tiers.get(k), new ArrayList<>(), new ArrayList<>());
                out.add(fresh);
                return fresh;
            });
            member.days().add(rs.getDate(2).toLocalDate());
            member.stores().add(rs.getString(3));
        }, args.toArray());
        return out;
    }

    private Map<String, String> tiers(String connector, PosSaleMapping m) {
        Map<String, String> tiers = new HashMap<>();
        memberTiers.each(connector, m, tiers::put);
        return tiers;
    }
}
