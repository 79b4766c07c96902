package io.etlhub.lapse.rules;

import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;

/**
 * The rules' reasons in words, Chinese and English, from i18n/lapse-rules*.properties: a reason is parts
 * ("usually every 6 days (90% within 9)", "silent 23 days", "probability active 0.18") joined.
 */
@Component
public class LapseReasons {
    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;
    private static final Locale EN = Locale.ENGLISH;
    private final MessageSource messages;

    public LapseReasons(MessageSource messages) {
        this.messages = messages;
    }

    /** Outside Spring (tests, the backtest's own use): the bundle itself. */
    public static LapseReasons fromBundle() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("i18n/lapse-rules");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return new LapseReasons(source);
    }

    /** One part of a reason: its message key and arguments. */
    public record Part(String key, Object... args) {}

    public static Part rhythm(GapStatistics.Rhythm r, double quantile) {
        long typical = Math.round(r.typical());
        long within = Math.round(Math.ceil(r.quantile()));
        long percent = Math.round(quantile * 100);
        return r.shrunk() ? new Part("lapse.reason.rhythmShrunk", typical, percent, within, r.ownGaps())
                : new Part("lapse.reason.rhythm", typical, percent, within);
    }

    public String zh(List<Part> parts) {
        return join(parts, ZH);
    }

    public String en(List<Part> parts) {
        return join(parts, EN);
    }

    private String join(List<Part> parts, Locale locale) {
        String separator = messages.getMessage("lapse.reason.separator", null, locale);
        StringBuilder out = new StringBuilder();
        for (Part p : parts) {
            if (!out.isEmpty()) out.append(separator);
            out.append(messages.getMessage(p.key(), p.args(), locale));
        }
        return out.toString();
    }
}
