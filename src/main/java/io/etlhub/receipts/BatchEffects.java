package io.etlhub.receipts;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A batch's per-opportunity effects as one text in its receipt_batch row ("id:delta;id:delta"), instead of
 * a receipt_batch_effect row each (issue 15: a first load wrote almost one such row per document). The
 * effects are written once, with the batch, and read only whole, summed over the batches of a commit
 * interval, so nothing needs them as rows.
 */
final class BatchEffects {
    private BatchEffects() {}

    static String write(Map<Long, BigDecimal> deltas) {
        StringBuilder text = new StringBuilder(deltas.size() * 16);
        deltas.forEach((opportunity, delta) -> {
            if (text.length() > 0) text.append(';');
            text.append(opportunity).append(':').append(delta.toPlainString());
        });
        return text.toString();
    }

    /** Adds the effects written by {@link #write} to {@code sums}, per opportunity. */
    static void addTo(String text, Map<Long, BigDecimal> sums) {
        if (text.isEmpty()) return;
        int from = 0;
        while (from < text.length()) {
            int end = text.indexOf(';', from);
            if (end < 0) end = text.length();
            int colon = text.indexOf(':', from);
            if (colon < 0 || colon > end) throw new IllegalStateException("receipt_batch.effects: no 'id:delta' at " + from);
            sums.merge(Long.parseLong(text, from, colon, 10), new BigDecimal(text.substring(colon + 1, end)), BigDecimal::add);
            from = end + 1;
        }
    }
}
