package io.etlhub.customerview;

import io.etlhub.pipeline.Refusal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * A quote check's quantity, wanted date and amount as the API and the console page give them: a value that is not one
 * is refused with the bundle's sentence (cv.refused.*) naming it.
 */
record QuoteRequest(BigDecimal quantity, LocalDate wanted, BigDecimal amount) {

    static QuoteRequest parse(String qty, String date, String amount) {
        BigDecimal quantity;
        try {
            quantity = new BigDecimal(qty.trim());
        } catch (NumberFormatException e) {
            quantity = null;
        }
        if (quantity == null || quantity.signum() <= 0) {
            throw new Refusal("qty must be a positive number, found '" + qty + "'", "cv.refused.badQty", qty);
        }
        LocalDate wanted;
        try {
            wanted = date == null || date.isBlank() ? null : LocalDate.parse(date.trim());
        } catch (DateTimeParseException e) {
            throw new Refusal("date must be yyyy-MM-dd, found '" + date + "'", "cv.refused.badDate", date);
        }
        try {
            return new QuoteRequest(quantity, wanted, amount == null || amount.isBlank() ? null : new BigDecimal(amount.trim()));
        } catch (NumberFormatException e) {
            throw new Refusal("amount must be a number, found '" + amount + "'", "cv.refused.badAmount", amount);
        }
    }
}
