package io.etlhub.archive;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The import's user-facing texts (i18n/archive*.properties): Chinese by default, English on request.
 * Read straight from the bundle so the importer also works outside Spring (CLI, bench).
 */
public final class ArchiveMessages {
    public static final ArchiveMessages CHINESE = new ArchiveMessages(Locale.SIMPLIFIED_CHINESE);

    private final ResourceBundle bundle;

    public ArchiveMessages(Locale locale) {
        this.bundle = ResourceBundle.getBundle("i18n/archive", locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public static ArchiveMessages forLanguage(String language) {
        return language != null && language.toLowerCase(Locale.ROOT).startsWith("en") ? new ArchiveMessages(Locale.ENGLISH) : CHINESE;
    }

    public String get(String key, Object... args) {
        try {
            String pattern = bundle.getString(key);
            return args.length == 0 ? pattern : new MessageFormat(pattern, bundle.getLocale()).format(args);
        } catch (MissingResourceException e) {
            return key;
        }
    }

    /** A whole-file failure with its localised message. */
    public ArchiveFileException failure(String key, Throwable cause, Object... args) {
        return new ArchiveFileException(key, get(key, args), cause);
    }
}
