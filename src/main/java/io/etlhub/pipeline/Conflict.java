package io.etlhub.pipeline;

/**
 * An action the present state refuses (the route is running, stopped, cannot start): like a {@link Refusal} it names
 * the reader's sentence (bundle key and arguments, English message for logs), but it is a 409, not bad input. So it
 * is no IllegalArgumentException: handlers of bad input (422/400) must not catch it.
 */
public abstract class Conflict extends RuntimeException implements KeyedFailure {
    private final String key;
    private final transient Object[] args;

    protected Conflict(String englishMessage, String key, Object... args) {
        super(englishMessage);
        this.key = key;
        this.args = args;
    }

    @Override
    public String key() { return key; }

    @Override
    public Object[] args() { return args; }
}
