package io.etlhub.customerview;

import java.util.List;

/** One reason of a quote check: a message key of i18n/customerview*.properties and its arguments. */
public record Reason(String key, List<Object> args) {
    public static Reason of(String key, Object... args) {
        return new Reason(key, List.of(args));
    }
}
