package io.etlhub.pipeline;

/**
 * A run-now parameter a route kind refused before the run started (no run row, no dead letter): a 400 with the
 * bundle's text {@code key} and its arguments, in the reader's language. The English message is for logs.
 */
public class BadRunParameterException extends Refusal {
    public BadRunParameterException(String key, Object... args) {
        this(key + " " + java.util.Arrays.toString(args), key, args);
    }

    protected BadRunParameterException(String logMessage, String key, Object... args) {
        super(logMessage, key, args);
    }
}
