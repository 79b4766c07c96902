package io.etlhub.lapse;

/** One new POS row as the rhythm takes it: a sale line, or a payment line naming a ticket's member. */
sealed interface PosChange {
    record Line(SaleLine line) implements PosChange {}

    /** {@code card} null when the payment names no member. */
    record Payment(String pos, String ticket, String card) implements PosChange {}
}
