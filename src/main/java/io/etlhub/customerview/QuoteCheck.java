package io.etlhub.customerview;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Can we promise qty of an item by a date? Stock first (available now covers it?); else the line that
 * can build the shortfall earliest, given each line's free hours after its scheduled load and the
 * item's build rate from earlier work orders; then whether the customer's remaining credit covers the
 * amount. Pure: the caller gathers the figures.
 */
public final class QuoteCheck {
    /** Units per hour the line built the item at (from work orders: quantity / scheduled hours). */
    public record LineRate(String line, double unitsPerHour) {}

    public record Window(String line, LocalDate start, LocalDate end, double hours) {}

    public record Answer(boolean stockCovers, BigDecimal shortfall, Window window, boolean onTime,
                         BigDecimal amount, Boolean creditCovers, BigDecimal remainingCredit, List<Reason> reasons) {
        public boolean ok() {
            return (stockCovers || window != null && onTime) && !Boolean.FALSE.equals(creditCovers);
        }
    }

    private QuoteCheck() {}

    public static Answer check(String item, BigDecimal qty, LocalDate wanted, LocalDate today, BigDecimal available,
                               List<LineRate> rates, LineLoad load, int horizonDays, BigDecimal amount,
                               BigDecimal remainingCredit) {
        List<Reason> reasons = new ArrayList<>();
        BigDecimal have = available == null ? BigDecimal.ZERO : available.max(BigDecimal.ZERO);
        boolean stock = have.compareTo(qty) >= 0;
        BigDecimal shortfall = stock ? BigDecimal.ZERO : qty.subtract(have);
        Window best = null;
        boolean onTime = stock;
        if (stock) {
            reasons.add(Reason.of("quote.stock.covers", plain(have), plain(qty), item));
        } else {
            reasons.add(Reason.of("quote.stock.short", plain(have), plain(qty), plain(shortfall), item));
            for (LineRate r : rates) {
                if (r.unitsPerHour() <= 0) continue;
                double hours = shortfall.doubleValue() / r.unitsPerHour();
                Window w = earliest(r.line(), hours, today.plusDays(1), horizonDays, load);
                if (w != null && (best == null || w.end().isBefore(best.end()))) best = w;
            }
            if (rates.isEmpty()) {
                reasons.add(Reason.of("quote.line.no-history", item));
            } else if (best == null) {
                reasons.add(Reason.of("quote.line.no-capacity", horizonDays));
            } else {
                onTime = wanted == null || !best.end().isAfter(wanted);
                reasons.add(Reason.of(onTime ? "quote.line.window" : "quote.line.window-late", best.line(), best.start(),
                        best.end(), round1(best.hours()), wanted == null ? "" : wanted));
            }
        }
        Boolean credit = null;
        if (amount == null) {
            reasons.add(Reason.of("quote.credit.no-amount", remainingCredit == null ? "" : plain(remainingCredit)));
        } else if (remainingCredit == null) {
            reasons.add(Reason.of("quote.credit.unknown", plain(amount)));
        } else {
            credit = remainingCredit.compareTo(amount) >= 0;
            reasons.add(Reason.of(credit ? "quote.credit.covers" : "quote.credit.short", plain(amount), plain(remainingCredit)));
        }
        return new Answer(stock, shortfall, best, onTime, amount, credit, remainingCredit, reasons);
    }

    /** Walks the line's days from the first one with free hours until the free hours add up to the work. */
    static Window earliest(String line, double hours, LocalDate from, int horizonDays, LineLoad load) {
        LocalDate start = null;
        double sum = 0;
        for (int i = 0; i < horizonDays; i++) {
            LocalDate d = from.plusDays(i);
            double free = load.freeHours(line, d);
            if (free <= 0) continue;
            if (start == null) start = d;
            sum += free;
            if (sum + 1e-9 >= hours) return new Window(line, start, d, hours);
        }
        return null;
    }

    private static String plain(BigDecimal v) { return v.stripTrailingZeros().toPlainString(); }

    private static double round1(double v) { return BigDecimal.valueOf(v).setScale(1, RoundingMode.HALF_UP).doubleValue(); }
}
