package io.etlhub.lapse;

import io.etlhub.connector.ConnectorCatalog;
import io.etlhub.connector.TableMapping;
import org.springframework.stereotype.Component;

import java.util.function.BiConsumer;

/**
 * The members' tiers as the POS has them (the mapping's member table, e.g. Sixun's t_rm_vip_info.card_type),
 * streamed row by row: the backtest's tiers and the live rhythm's ({@link MemberTierSync}) come from here.
 */
@Component
class PosMemberTiers {
    private final ConnectorCatalog connectors;

    PosMemberTiers(ConnectorCatalog connectors) {
        this.connectors = connectors;
    }

    /** Whether the mapping names a member table with a card and a tier column. */
    static boolean mapped(PosSaleMapping mapping) {
        TableMapping members = mapping.members();
        return members != null && members.has("card") && members.has("tier");
    }

    /** Each member's card (trimmed) and tier (trimmed, null when blank); nothing when the mapping has no member table. */
    void each(String connector, PosSaleMapping mapping, BiConsumer<String, String> cardAndTier) {
        if (!mapped(mapping)) return;
        TableMapping members = mapping.members();
        connectors.jdbc(connector).query("SELECT " + members.col("card") + ", " + members.col("tier") + " FROM " + members.table()
                + " WHERE " + members.col("card") + " IS NOT NULL", rs -> {
            String tier = rs.getString(2);
            cardAndTier.accept(rs.getString(1).trim(), tier == null || tier.isBlank() ? null : tier.trim());
        });
    }
}
