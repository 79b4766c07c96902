package io.etlhub.receipts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;

/**
 * One ERP receipt document as the hub understands it, whatever ERP it came from. Amounts are
 * signed (a red receipt or a refund is negative) and rounded to 2 decimals HALF_UP;
 * {@code localAmount} is {@code amount x exchangeRate}. {@code problem} says why a document cannot
 * be used (it then goes to the unmatched queue, never silently away).
 */
public record ReceiptDocument(
        String system,
        String documentId,
        String documentNo,
        LocalDate documentDate,
        String customerCode,
        String currencyRaw,
        String currency,
        BigDecimal exchangeRate,
        BigDecimal amount,
        BigDecimal localAmount,
        String memo,
        String version,
        boolean audited,
        String problem) {

    public static BigDecimal money(BigDecimal value) {
        return value == null ? null : value.setScale(2, RoundingMode.HALF_UP);
    }

    public ReceiptDocument withMemo(String newMemo) {
        return new ReceiptDocument(system, documentId, documentNo, documentDate, customerCode, currencyRaw, currency,
                exchangeRate, amount, localAmount, newMemo, version, audited, problem);
    }

    public String label() {
        return system + " " + (documentNo == null ? "?" : documentNo) + " (id " + documentId + ")";
    }

    /** What the hub compares to see whether a document changed since it was applied (not the row version). */
    public String contentHash() {
        String text = String.join("\u001f", documentNo, String.valueOf(documentDate), customerCode, currencyRaw,
                plain(exchangeRate), plain(amount), memo, String.valueOf(audited), problem);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String plain(BigDecimal v) {
        return v == null ? "null" : v.stripTrailingZeros().toPlainString();
    }
}
