package io.etlhub.receipts;

import io.etlhub.connector.IncrementalReader;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;

/** Turns one row of the incremental read into a {@link ReceiptDocument}, noting what is wrong with it. */
final class ReceiptRows {
    private final ReceiptSourceMapping mapping;
    private final IncrementalReader reader;
    private final String localCurrency;

    ReceiptRows(ReceiptSourceMapping mapping, IncrementalReader reader, String localCurrency) {
        this.mapping = mapping;
        this.reader = reader;
        this.localCurrency = localCurrency;
    }

    ReceiptDocument toDocument(Map<String, Object> row) {
        String documentId = String.valueOf(row.get(IncrementalReader.KEY_ALIAS));
        String documentNo = text(row.get("document_no"));
        LocalDate date = date(row.get("document_date"));
        String currencyRaw = text(row.get("currency"));
        String currency = mapping.isoCurrency(currencyRaw);
        BigDecimal rate = decimal(row.get("exchange_rate"));
        BigDecimal amount = decimal(row.get("amount"));
        boolean negative = number(row.get("negative")) == 1;
        boolean audited = number(row.get("audited")) == 1;

        String problem = null;
        if (amount == null) {
            problem = "no lines: the document has no amount";
        } else if (date == null) {
            problem = "document date is empty";
        } else if (rate == null && localCurrency.equals(currency)) {
            rate = BigDecimal.ONE;
        } else if (rate == null || rate.signum() <= 0) {
            problem = "exchange rate is empty or not positive: " + rate;
        }
        BigDecimal signed = amount == null ? null : (negative ? amount.negate() : amount);
        BigDecimal original = ReceiptDocument.money(signed);
        BigDecimal local = problem == null ? ReceiptDocument.money(signed.multiply(rate)) : null;
        return new ReceiptDocument(mapping.system(), documentId, documentNo, date, text(row.get("customer_code")),
                currencyRaw, currency, rate, original, local, text(row.get("memo")),
                reader.versionText(row.get(IncrementalReader.VERSION_ALIAS)), audited, problem);
    }

    private static String text(Object v) {
        if (v == null) return null;
        String s = v.toString().trim();
        return s.isEmpty() ? null : s;
    }

    private static long number(Object v) {
        return v == null ? 0 : ((Number) v).longValue();
    }

    private static BigDecimal decimal(Object v) {
        if (v == null) return null;
        if (v instanceof BigDecimal b) return b;
        if (v instanceof Double || v instanceof Float) return new BigDecimal(v.toString());
        if (v instanceof Number n) return BigDecimal.valueOf(n.longValue());
        return new BigDecimal(v.toString().trim());
    }

    private static LocalDate date(Object v) {
        if (v == null) return null;
        if (v instanceof java.sql.Date d) return d.toLocalDate();
        if (v instanceof Timestamp ts) return ts.toLocalDateTime().toLocalDate();
        if (v instanceof LocalDateTime ldt) return ldt.toLocalDate();
        if (v instanceof LocalDate ld) return ld;
        return LocalDate.parse(v.toString().substring(0, 10));
    }
}
