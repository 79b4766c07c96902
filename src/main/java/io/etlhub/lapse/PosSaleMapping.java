package io.etlhub.lapse;

import io.etlhub.connector.TableMapping;

import java.util.List;

/**
 * The typed view of a POS mapping (mappings/sixun-pos.yml): the sale-line table and its columns by
 * the hub's names, the payment lines that name the member of a ticket, which sell_way values are
 * returns, and optionally the stock table and the member table (tiers, read by the backtest). No POS name
 * is written in Java.
 */
public record PosSaleMapping(String pos, TableMapping lines, TableMapping payments, List<String> returnValues,
                             TableMapping stock, TableMapping members) {

    public boolean isReturn(Object sellWay) {
        return sellWay != null && returnValues != null && returnValues.contains(sellWay.toString().trim());
    }

    /** Throws naming the file and what is missing. */
    public PosSaleMapping checked(String file) {
        if (pos == null || pos.isBlank()) throw new IllegalArgumentException(file + ": pos (a short name of the POS) is required");
        if (lines == null) throw new IllegalArgumentException(file + ": lines (the sale-line table) is required");
        for (String field : List.of("ticket", "line", "store", "item", "amount", "quantity", "sold-at", "sell-way")) {
            if (!lines.has(field)) throw new IllegalArgumentException(file + ": lines.columns." + field + " is required");
        }
        if (!lines.has("card") && (payments == null || !payments.has("ticket") || !payments.has("card"))) {
            throw new IllegalArgumentException(file + ": the member needs lines.columns.card or payments (columns ticket and card)");
        }
        return this;
    }
}
