package io.etlhub.reconciliation;

import io.etlhub.reconciliation.ReconciliationReport.Detail;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import java.util.Locale;

/**
 * The words of a reconciliation in the reader's language (i18n/reconciliation*.properties): reasons, details, the
 * ledger's states and unmatched reasons (receipts.reason.* of the receipts feature). Used by the workbook, the API and
 * the console (as bean reconciliationTexts), so no code such as UNMATCHED or NO_NUMBER reaches a Chinese reader.
 */
@Component
public class ReconciliationTexts {
    private final MessageSource messages;

    ReconciliationTexts(MessageSource messages) {
        this.messages = messages;
    }

    public String text(String key, Locale locale, Object... args) {
        return messages.getMessage("reconciliation." + key, args, key, locale);
    }

    public String reason(Reason reason, Locale locale) {
        return text("reason." + reason.name(), locale);
    }

    public String detail(Detail detail, Locale locale) {
        if (detail == null) return "";
        return text("detail." + detail.key(), locale, detail.args().toArray());
    }

    /** A ledger state (UNMATCHED, DISMISSED, ...) as the reader says it. */
    public String state(String state, Locale locale) {
        return state == null ? "" : text("state." + state, locale);
    }

    /** The receipts feature's unmatched reason (NO_NUMBER, ...), its own text; ours when it has none. */
    public String ledgerReason(String reason, Locale locale) {
        if (reason == null) return "";
        return messages.getMessage("receipts.reason." + reason, null,
                messages.getMessage("reconciliation.reason." + reason, null, reason, locale), locale);
    }
}
