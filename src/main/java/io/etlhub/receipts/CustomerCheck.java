package io.etlhub.receipts;

import java.util.Locale;

/**
 * What happens to a receipt whose ERP customer is not the opportunity's customer (the CRM customer's
 * ERP code): UNMATCHED queues it with reason CUSTOMER_MISMATCH, WARN applies it and records the
 * warning, OFF does not compare. CONFIRMED is finance's explicit "yes, across customers" on an assignment.
 */
enum CustomerCheck {
    UNMATCHED, WARN, OFF, CONFIRMED;

    /** The customer-mismatch setting of a receipt source mapping; unset = unmatched. */
    static CustomerCheck parse(String setting) {
        if (setting == null || setting.isBlank()) return UNMATCHED;
        return switch (setting.trim().toLowerCase(Locale.ROOT)) {
            case "unmatched" -> UNMATCHED;
            case "warn" -> WARN;
            case "off" -> OFF;
            default -> throw new IllegalArgumentException("customer-mismatch must be unmatched, warn or off, found '" + setting + "'");
        };
    }
}
