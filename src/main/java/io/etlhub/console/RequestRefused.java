package io.etlhub.console;

import org.springframework.http.HttpStatus;

/**
 * A request the console cannot answer as asked: a record that does not exist (404) or a parameter it
 * cannot use (400). The message is a bundle key with its arguments, translated by ErrorAnswers.
 */
class RequestRefused extends RuntimeException {
    final HttpStatus status;
    final String key;
    final transient Object[] args;

    private RequestRefused(HttpStatus status, String key, Object... args) {
        super(key);
        this.status = status;
        this.key = key;
        this.args = args;
    }

    static RequestRefused notFound(String key, Object... args) { return new RequestRefused(HttpStatus.NOT_FOUND, key, args); }

    static RequestRefused badInput(String key, Object... args) { return new RequestRefused(HttpStatus.BAD_REQUEST, key, args); }
}
