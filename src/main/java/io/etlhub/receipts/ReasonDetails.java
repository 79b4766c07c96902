package io.etlhub.receipts;

import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
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

    /**
     * A stored detail in the locale's language, or as stored when it is none of the reason's sentences (a reason may
     * have several: receipts.detail.INVALID_DOCUMENT.no-date, ...; the first that reads the text back is taken).
     */
    public String text(String reason, String stored, Locale locale) {
        if (reason == null || stored == null) return stored;
        return messages.getMessage(resolvable(reason, stored), locale);
    }

    /** The same as a resolvable (for a sentence that quotes the detail: MessageSource translates its arguments too). */
    static MessageSourceResolvable resolvable(String reason, String stored) {
        for (String key : SENTENCES.getOrDefault(reason, List.of())) {
            List<Integer> order = new ArrayList<>();
            Matcher m = readBack(ENGLISH.getString(key), order).matcher(stored);
            if (!m.matches()) continue;
            Object[] args = new Object[order.stream().mapToInt(Integer::intValue).max().orElse(-1) + 1];
            for (int i = 0; i < order.size(); i++) args[order.get(i)] = m.group(i + 1);
            return new DefaultMessageSourceResolvable(new String[] {key}, args, stored);
        }
        return new DefaultMessageSourceResolvable(new String[0], null, stored);
    }

    /** The sentences of each reason: receipts.detail.REASON and receipts.detail.REASON.variant, in key order. */
    private static final java.util.Map<String, List<String>> SENTENCES = ENGLISH.keySet().stream().filter(k -> k.startsWith("receipts.detail."))
            .sorted().collect(java.util.stream.Collectors.groupingBy(k -> k.substring("receipts.detail.".length()).replaceFirst("\\..*", ""),
                    java.util.stream.Collectors.toList()));

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
