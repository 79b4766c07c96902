package io.etlhub.receipts;

import io.etlhub.connector.Dialect;
import io.etlhub.connector.IncrementalReader;
import io.etlhub.connector.SqlColumnRefs;
import io.etlhub.connector.TableNeed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The typed view of a receipt source mapping (mappings/u8-receipts.yml, mappings/k3-receipts.yml):
 * the vendor's tables, and an SQL expression per hub field over the header {@code h} and lines {@code l}.
 */
public record ReceiptSourceMapping(
        String system,
        String headerTable,
        String lineTable,
        String lineLink,
        String lineAmount,
        String lineId,
        Fields fields,
        String documentFilter,
        String audited,
        String negativeWhen,
        IncrementalReader.VersionType versionType,
        Duration overlap,
        Map<String, String> safeUpperBound,
        Map<String, String> currencyCodes,
        String customerMismatch) {

    /**
     * currency: the currency as the ERP names it (U8: a name, K3: via T_BD_CURRENCY); currency-id, when
     * the document holds a reference, names the unknown id in an error.
     */
    public record Fields(String documentId, String documentNo, String documentDate, String customerCode,
                         String currency, String currencyId, String exchangeRate, String memo, String version) {}

    /** What a receipt whose ERP customer is not the opportunity's customer does (customer-mismatch). */
    CustomerCheck customerCheck() {
        return CustomerCheck.parse(customerMismatch);
    }

    void validate() {
        require(system, "system");
        require(headerTable, "header-table");
        require(lineTable, "line-table");
        require(lineLink, "line-link");
        require(lineAmount, "line-amount");
        require(documentFilter, "document-filter");
        require(audited, "audited");
        if (fields == null) throw new IllegalArgumentException("fields is missing");
        require(fields.documentId(), "fields.document-id");
        require(fields.documentNo(), "fields.document-no");
        require(fields.documentDate(), "fields.document-date");
        require(fields.currency(), "fields.currency");
        require(fields.memo(), "fields.memo");
        require(fields.version(), "fields.version");
        if (versionType == null) throw new IllegalArgumentException("version-type is missing (rowversion or datetime)");
        customerCheck();
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException(name + " is missing");
    }

    /**
     * The incremental read: one row per document, its header only; the line figures of a page come from
     * {@link #linesSql()} ({@link ReceiptLines}).
     */
    IncrementalReader.Spec readSpec(Dialect dialect) {
        String negative = negativeWhen == null || negativeWhen.isBlank() ? "1 = 0" : negativeWhen;
        String sql = "SELECT " + fields.documentId() + " AS " + IncrementalReader.KEY_ALIAS
                + ", " + fields.version() + " AS " + IncrementalReader.VERSION_ALIAS
                + ", " + fields.documentNo() + " AS document_no"
                + ", " + fields.documentDate() + " AS document_date"
                + ", " + orNull(fields.customerCode()) + " AS customer_code"
                + ", " + fields.currency() + " AS currency"
                + ", " + orNull(fields.exchangeRate()) + " AS exchange_rate"
                + ", " + fields.memo() + " AS memo"
                + ", CASE WHEN " + audited + " THEN 1 ELSE 0 END AS audited"
                + ", CASE WHEN " + negative + " THEN 1 ELSE 0 END AS negative"
                + ", " + orNull(fields.currencyId()) + " AS currency_id"
                + " FROM " + headerTable + " h WHERE (" + documentFilter + ")";
        String upper = safeUpperBound == null ? null : safeUpperBound.get(dialect.key());
        return new IncrementalReader.Spec(sql, fields.version(), fields.documentId(), versionType, overlap, upper);
    }

    /**
     * The line figures of the documents whose keys are bound as {@code :keys}, one row per document with lines:
     * the amount summed, how many lines, how many have no amount (SUM would skip such a line silently).
     */
    String linesSql() {
        return "SELECT " + lineLink + " AS line_document, SUM(" + lineAmount + ") AS amount, COUNT(*) AS line_count, "
                + "SUM(CASE WHEN " + lineAmount + " IS NULL THEN 1 ELSE 0 END) AS empty_lines FROM " + lineTable + " l "
                + "WHERE " + lineLink + " IN (:keys) GROUP BY " + lineLink;
    }

    /** The position (1 = first, in line-id order) of the first line of document {@code ?} (bound twice) whose amount is NULL. */
    String firstEmptyLineSql() {
        String ofDocument = " FROM " + lineTable + " l WHERE " + lineLink + " = ?";
        return "SELECT COUNT(*)" + ofDocument + " AND " + lineId + " <= (SELECT MIN(" + lineId + ")" + ofDocument
                + " AND " + lineAmount + " IS NULL)";
    }

    boolean linesNumbered() {
        return lineId != null && !lineId.isBlank();
    }

    /** The source tables and columns the mapping's expressions use: read, and only read, by the hub. */
    List<TableNeed> tablesNeeded(String connector) {
        List<String> expressions = new ArrayList<>(List.of(lineLink, lineAmount, documentFilter, audited));
        if (negativeWhen != null) expressions.add(negativeWhen);
        if (linesNumbered()) expressions.add(lineId);
        if (fields != null) {
            expressions.addAll(Arrays.asList(fields.documentId(), fields.documentNo(), fields.documentDate(), fields.customerCode(),
                    fields.currency(), fields.currencyId(), fields.exchangeRate(), fields.memo(), fields.version()));
        }
        return SqlColumnRefs.byTable(Map.of("h", headerTable, "l", lineTable), expressions).entrySet().stream()
                .map(e -> TableNeed.readOnly(connector, e.getKey(), e.getValue())).toList();
    }

    /** Every document key the source holds now, to find the ones deleted since they were read. */
    String keyScanSql() {
        return "SELECT " + fields.documentId() + " FROM " + headerTable + " h WHERE (" + documentFilter + ")";
    }

    String isoCurrency(String raw) {
        if (raw == null) return null;
        String trimmed = raw.trim();
        if (currencyCodes != null && currencyCodes.containsKey(trimmed)) return currencyCodes.get(trimmed);
        return trimmed.matches("[A-Z]{3}") ? trimmed : null;
    }

    private static String orNull(String expression) {
        return expression == null || expression.isBlank() ? "NULL" : expression;
    }
}
