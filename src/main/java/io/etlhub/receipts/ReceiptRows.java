package io.etlhub.receipts;

import io.etlhub.connector.Blanks;
import io.etlhub.connector.IncrementalReader;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;

/**
 * Turns one row of the incremental read into a {@link ReceiptDocument}, noting what is wrong with it:
 * which field of which document (and which line), in words finance can act on.
 */
final class ReceiptRows {
    private final ReceiptSourceMapping mapping;
    private final String mappingFile;
    private final IncrementalReader reader;
    private final String localCurrency;

    /** mappingFile: where currency-codes live, named in an error about an unknown currency. */
    ReceiptRows(ReceiptSourceMapping mapping, String mappingFile, IncrementalReader reader, String localCurrency) {
        this.mapping = mapping;
        this.mappingFile = mappingFile;
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
        String document = "document " + (documentNo == null ? "id " + documentId : documentNo);

        String problem = null;
        long lines = number(row.get("line_count"));
        long emptyLine = number(row.get("empty_line_no"));
        if (lines == 0) {
            problem = document + ": the document has no lines";
        } else if (emptyLine > 0) {
            problem = mapping.linesNumbered() ? "line " + emptyLine + " of " + document + ": amount is empty"
                    : document + ": " + emptyLine + " of its " + lines + " lines have an empty amount";
        } else if (amount == null) {
            problem = document + ": amount is empty";
        } else if (date == null) {
            problem = document + ": document date is empty";
        } else if (currency == null) {
            problem = document + ": " + currencyProblem(currencyRaw, text(row.get("currency_id")));
        } else if (rate == null && localCurrency.equals(currency)) {
            rate = BigDecimal.ONE;
        } else if (rate == null) {
            problem = document + ": exchange rate is empty for currency " + currency;
        } else if (rate.signum() <= 0) {
            problem = document + ": exchange rate " + rate.stripTrailingZeros().toPlainString() + " is not positive";
        }
        BigDecimal signed = amount == null || emptyLine > 0 ? null : (negative ? amount.negate() : amount);
        BigDecimal original = ReceiptDocument.money(signed);
        BigDecimal local = problem == null ? ReceiptDocument.money(signed.multiply(rate)) : null;
        return new ReceiptDocument(mapping.system(), documentId, documentNo, date, text(row.get("customer_code")),
                currencyRaw, currency, rate, original, local, memo(row.get("memo")),
                reader.versionText(row.get(IncrementalReader.VERSION_ALIAS)), audited, problem);
    }

    private String currencyProblem(String raw, String id) {
        if (raw == null && id != null) {
            return "currency id " + id + " is unknown: the ERP's currency table has no code for it";
        }
        if (raw == null) return "currency is empty";
        return "currency '" + raw + "' has no ISO code: add it to currency-codes in " + mappingFile;
    }

    /** Codes and names: trimmed of every Unicode space; empty = null. */
    private static String text(Object v) {
        return v == null ? null : Blanks.trimToNull(v.toString());
    }

    /** The memo whole (trimmed as before, so content hashes of documents already read do not change). */
    private static String memo(Object v) {
        if (v == null || Blanks.isBlank(v.toString())) return null;
        return v.toString().trim();
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
