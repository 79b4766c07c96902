package io.etlhub.lapse.rules;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A member's history in the terms of the BG/NBD model, in days: {@code x} repeat visits (visits after
 * the first), {@code tx} days from the first to the last visit, {@code age} (the model's T) days from the
 * first visit to today.
 */
public record PurchaseHistory(int x, int tx, int age) {
    public PurchaseHistory {
        if (x < 0 || tx < 0 || age < tx) throw new IllegalArgumentException("history needs 0 <= x, 0 <= tx <= T; got x=" + x + " tx=" + tx + " T=" + age);
    }

    /** From sorted distinct visit days up to {@code today}; null when the member has no visit yet. */
    public static PurchaseHistory of(List<LocalDate> visitDays, LocalDate today) {
        if (visitDays.isEmpty()) return null;
        LocalDate first = visitDays.get(0);
        LocalDate last = visitDays.get(visitDays.size() - 1);
        return new PurchaseHistory(visitDays.size() - 1, (int) ChronoUnit.DAYS.between(first, last),
                (int) Math.max(ChronoUnit.DAYS.between(first, today), ChronoUnit.DAYS.between(first, last)));
    }
}
