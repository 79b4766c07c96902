package io.etlhub.customerview;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * GET /api/customers/{code}/view: the customer's figures with their sources and as-of times;
 * GET /api/customers/{code}/quote-check?item=&qty=&date=[&amount=]: the quote check with its reasons
 * (in the request's language, ?lang=en or zh_CN).
 */
@RestController
class CustomerViewController {
    private final CustomerViews views;
    private final QuoteTexts texts;

    CustomerViewController(CustomerViews views, QuoteTexts texts) {
        this.views = views;
        this.texts = texts;
    }

    @GetMapping("/api/customers/{code}/view")
    ResponseEntity<?> view(@PathVariable String code) {
        CustomerFigures f = views.figures(code);
        if (f == null) return notFound(code);
        return ResponseEntity.ok(f);
    }

    @GetMapping("/api/customers/{code}/quote-check")
    ResponseEntity<?> quoteCheck(@PathVariable String code, @RequestParam String item, @RequestParam String qty,
                                 @RequestParam(required = false) String date, @RequestParam(required = false) String amount) {
        BigDecimal quantity;
        LocalDate wanted;
        BigDecimal value;
        try {
            quantity = new BigDecimal(qty.trim());
            if (quantity.signum() <= 0) throw new NumberFormatException();
        } catch (NumberFormatException e) {
            return bad("qty must be a positive number, found '" + qty + "'");
        }
        try {
            wanted = date == null || date.isBlank() ? null : LocalDate.parse(date.trim());
        } catch (DateTimeParseException e) {
            return bad("date must be yyyy-MM-dd, found '" + date + "'");
        }
        try {
            value = amount == null || amount.isBlank() ? null : new BigDecimal(amount.trim());
        } catch (NumberFormatException e) {
            return bad("amount must be a number, found '" + amount + "'");
        }
        QuoteCheck.Answer a = views.quote(code, item.trim(), quantity, wanted, value);
        if (a == null) return notFound(code);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("customer", code);
        out.put("item", item.trim());
        out.put("qty", quantity);
        out.put("date", wanted);
        out.put("ok", a.ok());
        out.put("answer", a);
        out.put("reasons", texts.render(a.reasons(), LocaleContextHolder.getLocale()));
        return ResponseEntity.ok(out);
    }

    private static ResponseEntity<?> notFound(String code) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no CRM customer with ERP code '" + code + "'"));
    }

    private static ResponseEntity<?> bad(String message) {
        return ResponseEntity.badRequest().body(Map.of("error", message));
    }
}
