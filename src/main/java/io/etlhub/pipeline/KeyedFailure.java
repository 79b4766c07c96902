package io.etlhub.pipeline;

import org.springframework.context.MessageSourceResolvable;

/**
 * A failure that names the reader's sentence: a bundle key and its arguments (a Refusal, a Conflict, ...). The
 * console and the API translate it (Refusal.text, ApiErrors: the key is the answer's code); its message stays English
 * for the log.
 */
public interface KeyedFailure extends MessageSourceResolvable {
    String key();

    Object[] args();

    /** The English message (Throwable's). */
    String getMessage();

    @Override
    default String[] getCodes() { return new String[] {key()}; }

    @Override
    default Object[] getArguments() { return args(); }

    @Override
    default String getDefaultMessage() { return getMessage(); }
}
