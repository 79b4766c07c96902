package io.etlhub.archive;

/**
 * What a normalisation rule made of one cell: the value to keep (null when blank or rejected) and,
 * when the cell was rejected, the message key of the reason (i18n/archive).
 */
public record Cleaned(String value, String rejectReason) {
    public static final Cleaned BLANK = new Cleaned(null, null);

    public static Cleaned of(String value) { return new Cleaned(value, null); }

    public static Cleaned reject(String reasonKey) { return new Cleaned(null, reasonKey); }

    public boolean rejected() { return rejectReason != null; }
}
