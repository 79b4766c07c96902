package io.etlhub.lapse;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One POS sale line as the rhythm keeps it: amount signed (a return is negative and is no visit),
 * card null while the ticket's member is not known yet.
 */
public record SaleLine(String pos, String ticket, String line, String store, String item, String category, LocalDate day,
                       BigDecimal amount, BigDecimal quantity, boolean isReturn, String card) {

    public SaleLine withCard(String c) {
        return new SaleLine(pos, ticket, line, store, item, category, day, amount, quantity, isReturn, c);
    }
}
