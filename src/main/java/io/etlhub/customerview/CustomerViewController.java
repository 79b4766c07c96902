package io.etlhub.customerview;

import io.etlhub.pipeline.ApiErrors;
import io.etlhub.pipeline.ErrorTexts;
import io.etlhub.pipeline.Refusal;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
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
    private final ApiErrors errors;
    private final ErrorTexts callerTexts;

    CustomerViewController(CustomerViews views, QuoteTexts texts, ApiErrors errors, ErrorTexts callerTexts) {
        this.views = views;
        this.texts = texts;
        this.errors = errors;
        this.callerTexts = callerTexts;
    }

    @GetMapping("/api/customers/{code}/view")
    ResponseEntity<?> view(@PathVariable String code) {
        CustomerFigures f = views.figures(code);
        if (f == null) return notFound(code);
        return ResponseEntity.ok(f.errorsAs(callerTexts::forCaller));
    }

    @GetMapping("/api/customers/{code}/quote-check")
    ResponseEntity<?> quoteCheck(@PathVariable String code, @RequestParam String item, @RequestParam String qty,
                                 @RequestParam(required = false) String date, @RequestParam(required = false) String amount) {
        QuoteRequest asked;
        try {
            asked = QuoteRequest.parse(qty, date, amount);
        } catch (Refusal e) {
            return errors.refused(HttpStatus.BAD_REQUEST, e);
        }
        QuoteCheck.Answer a = views.quote(code, item.trim(), asked.quantity(), asked.wanted(), asked.amount());
        if (a == null) return notFound(code);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("customer", code);
        out.put("item", item.trim());
        out.put("qty", asked.quantity());
        out.put("date", asked.wanted());
        out.put("ok", a.ok());
        out.put("answer", a);
        out.put("reasons", texts.render(a.reasons(), LocaleContextHolder.getLocale()));
        return ResponseEntity.ok(out);
    }

    /** {"status": 404, "code": "cv.unknown", "error"} in the reader's language (pipeline.ApiErrors). */
    private ResponseEntity<?> notFound(String code) {
        return errors.refused(HttpStatus.NOT_FOUND, "cv.unknown", code);
    }
}
