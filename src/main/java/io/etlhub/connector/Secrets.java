package io.etlhub.connector;

import java.util.regex.Pattern;

/** Masks connection secrets wherever a URL is shown. */
public final class Secrets {
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password|pwd|key|token|secret)=([^;&]*)");

    private Secrets() {}

    public static String maskUrl(String url) {
        return url == null ? null : URL_PASSWORD.matcher(url).replaceAll("$1=******");
    }
}
