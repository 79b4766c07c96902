package io.etlhub.archive;

/**
 * A file that cannot be imported as a whole (corrupt, encrypted, not Excel, no header, too many
 * rows...). {@code reason} is the message key in i18n/archive; the message is the localised text.
 */
public class ArchiveFileException extends RuntimeException {
    private final String reason;

    public ArchiveFileException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public ArchiveFileException(String reason, String message) {
        this(reason, message, null);
    }

    public String reason() { return reason; }
}
