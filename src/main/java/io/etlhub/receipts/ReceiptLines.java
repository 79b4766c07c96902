package io.etlhub.receipts;

import io.etlhub.connector.IncrementalReader;
import io.etlhub.connector.RowBatches;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The line figures of a page of receipt documents (amount, line count, first empty line), read with one
 * grouped query over the page's document keys instead of correlated subqueries per document (issue 15:
 * four per document cost the ERP more than the header read itself). Puts them into the page's rows under
 * the names {@link ReceiptRows} reads.
 */
final class ReceiptLines {
    private final ReceiptSourceMapping mapping;
    private final JdbcTemplate source;
    private final NamedParameterJdbcTemplate named;

    ReceiptLines(ReceiptSourceMapping mapping, JdbcTemplate source) {
        this.mapping = mapping;
        this.source = source;
        this.named = new NamedParameterJdbcTemplate(source);
    }

    void addTo(List<Map<String, Object>> rows) {
        Map<String, Map<String, Object>> byKey = new HashMap<>();
        List<Object> keys = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            Object key = row.get(IncrementalReader.KEY_ALIAS);
            byKey.put(String.valueOf(key), row);
            keys.add(key);
            row.put("amount", null);
            row.put("line_count", 0L);
            row.put("empty_line_no", 0L);
        }
        // IN_LIST keys per query: well under SQL Server's 2,100 parameters.
        for (List<Object> chunk : RowBatches.chunks(keys, RowBatches.IN_LIST)) {
            MapSqlParameterSource p = new MapSqlParameterSource("keys", chunk);
            named.query(mapping.linesSql(), p, rs -> {
                Map<String, Object> row = byKey.get(String.valueOf(rs.getObject("line_document")));
                if (row == null) return;
                row.put("amount", rs.getBigDecimal("amount"));
                row.put("line_count", rs.getLong("line_count"));
                long empty = rs.getLong("empty_lines");
                row.put("empty_line_no", empty > 0 && mapping.linesNumbered() ? firstEmptyLine(row) : empty);
            });
        }
    }

    /** The position (1 = first, in line-id order) of the document's first line whose amount is NULL (rare: one query). */
    private long firstEmptyLine(Map<String, Object> row) {
        Object key = row.get(IncrementalReader.KEY_ALIAS);
        Long position = source.queryForObject(mapping.firstEmptyLineSql(), Long.class, key, key);
        return position == null ? 0 : position;
    }
}
