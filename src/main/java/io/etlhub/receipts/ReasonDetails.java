package io.etlhub.receipts;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a receipt is not applied, in detail ("paid by ERP customer C2, but opportunity ... belongs to ..."): stored in
 * English in the ledger and its events (the log, the API and older rows keep that text), written from the sentence
 * receipts.detail.REASON of messages_en.properties, and shown in the reader's language by reading the stored text
 * back against that same sentence. A detail of another shape (an ERP document's own problem) is shown as stored.
 * The console's templates use it as bean {@code reasonDetails}.
 */
@Component("reasonDetails")
public class ReasonDetails {
    private static final ResourceBundle ENGLISH = ResourceBundle.getBundle("messages", Locale.ENGLISH,
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)}");

    private final MessageSource messages;

    ReasonDetails(MessageSource messages) {
        this.messages = messages;
    }

    /** The detail as stored: the reason's English sentence with its values. */
    static String english(String reason, Object... args) {
        return new MessageFormat(ENGLISH.getString(key(reason)), Locale.ENGLISH).format(args);
    }

    /** A stored detail in the locale's language, or as stored when it is not the reason's sentence. */
    public String text(String reason, String stored, Locale locale) {
        if (reason == null || stored == null || !ENGLISH.containsKey(key(reason))) return stored;
        List<Integer> order = new ArrayList<>();
        Matcher m = readBack(ENGLISH.getString(key(reason)), order).matcher(stored);
        if (!m.matches()) return stored;
        Object[] args = new Object[order.stream().mapToInt(Integer::intValue).max().orElse(-1) + 1];
        for (int i = 0; i < order.size(); i++) args[order.get(i)] = m.group(i + 1);
        return messages.getMessage(key(reason), args, stored, locale);
    }

    /** The sentence as a pattern: its text literally ('' is one quote), each {n} a group; order gets the n of each group. */
    private static Pattern readBack(String sentence, List<Integer> order) {
        StringBuilder regex = new StringBuilder();
        Matcher p = PLACEHOLDER.matcher(sentence);
        int at = 0;
        while (p.find()) {
            regex.append(Pattern.quote(sentence.substring(at, p.start()).replace("''", "'"))).append("(.*)");
            order.add(Integer.parseInt(p.group(1)));
            at = p.end();
        }
        regex.append(Pattern.quote(sentence.substring(at).replace("''", "'")));
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static String key(String reason) { return "receipts.detail." + reason; }
}
