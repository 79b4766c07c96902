package io.etlhub.customerview;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;

/** The quote check's reasons in the reader's language (i18n/customerview*.properties). */
@Component
class QuoteTexts {
    private final MessageSource messages;

    QuoteTexts(MessageSource messages) {
        this.messages = messages;
    }

    List<String> render(List<Reason> reasons, Locale locale) {
        return reasons.stream().map(r -> messages.getMessage(r.key(), r.args().stream().map(String::valueOf).toArray(), r.key(), locale)).toList();
    }
}
