package io.etlhub.lapse;

import io.etlhub.connector.ConnectorCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a store has an item in stock, where the POS mapping maps a stock table (read through the
 * connector etlhub.lapse.stock-connector). Null = not known (no stock table mapped, or the POS did
 * not answer): the message then says nothing about stock rather than guessing.
 */
@Component
class StockHints {
    private static final Logger log = LoggerFactory.getLogger(StockHints.class);

    private final ConnectorCatalog connectors;
    private final LapseSettings settings;

    StockHints(ConnectorCatalog connectors, LapseSettings settings) {
        this.connectors = connectors;
        this.settings = settings;
    }

    Map<String, Boolean> inStock(PosSaleMapping mapping, String store, List<String> items) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        items.forEach(i -> out.put(i, null));
        var t = mapping == null ? null : mapping.stock();
        if (t == null || items.isEmpty() || store == null) return out;
        try {
            String sql = "SELECT " + t.col("item") + ", SUM(" + t.col("quantity") + ") FROM " + t.table() + " WHERE " + t.col("store") + " = ? AND "
                    + t.col("item") + " IN (" + String.join(",", java.util.Collections.nCopies(items.size(), "?")) + ") GROUP BY " + t.col("item");
            Object[] args = new Object[items.size() + 1];
            args[0] = store;
            for (int i = 0; i < items.size(); i++) args[i + 1] = items.get(i);
            connectors.jdbc(settings.stockConnector()).query(sql, rs -> {
                BigDecimal q = rs.getBigDecimal(2);
                out.put(rs.getString(1).trim(), q != null && q.signum() > 0);
            }, args);
        } catch (RuntimeException e) {
            log.warn("stock of store {} not read from connector {} ({}): {}", store, settings.stockConnector(), t.table(), e.getMessage());
        }
        return out;
    }
}
