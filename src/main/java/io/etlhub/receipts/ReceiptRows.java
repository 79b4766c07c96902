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
        String document = documentNo == null ? "id " + documentId : documentNo;

        String problem = null;
        long lines = number(row.get("line_count"));
        long emptyLine = number(row.get("empty_line_no"));
        if (lines == 0) {
            problem = invalid("no-lines", document);
        } else if (emptyLine > 0) {
            problem = mapping.linesNumbered() ? invalid("empty-line", document, String.valueOf(emptyLine))
                    : invalid("empty-lines", document, String.valueOf(emptyLine), String.valueOf(lines));
        } else if (amount == null) {
            problem = invalid("no-amount", document);
        } else if (date == null) {
            problem = invalid("no-date", document);
        } else if (currency == null) {
            problem = currencyProblem(document, currencyRaw, text(row.get("currency_id")));
        } else if (rate == null && localCurrency.equals(currency)) {
            rate = BigDecimal.ONE;
        } else if (rate == null) {
            problem = invalid("no-rate", document, currency);
        } else if (rate.signum() <= 0) {
            problem = invalid("rate-not-positive", document, rate.stripTrailingZeros().toPlainString());
        }
        BigDecimal signed = amount == null || emptyLine > 0 ? null : (negative ? amount.negate() : amount);
        BigDecimal original = ReceiptDocument.money(signed);
        BigDecimal local = problem == null ? ReceiptDocument.money(signed.multiply(rate)) : null;
        return new ReceiptDocument(mapping.system(), documentId, documentNo, date, text(row.get("customer_code")),
                currencyRaw, currency, rate, original, local, memo(row.get("memo")),
                reader.versionText(row.get(IncrementalReader.VERSION_ALIAS)), audited, problem);
    }

    private String currencyProblem(String document, String raw, String id) {
        if (raw == null && id != null) return invalid("unknown-currency-id", document, id);
        if (raw == null) return invalid("no-currency", document);
        return invalid("no-iso-code", document, raw, mappingFile);
    }

    /** A document the hub cannot read: the sentence receipts.detail.INVALID_DOCUMENT.{what}, stored in English. */
    private static String invalid(String what, String... args) {
        return ReasonDetails.english(UnmatchedReason.INVALID_DOCUMENT.name() + "." + what, (Object[]) args);
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
