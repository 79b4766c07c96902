package io.etlhub.customerview;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.math.BigDecimal;
import java.time.LocalDate;

/** The console's page of one customer: the three figure groups with sources and as-of times, and the quote check. */
@Controller
class CustomerViewPage {
    private final CustomerViews views;
    private final QuoteTexts texts;

    CustomerViewPage(CustomerViews views, QuoteTexts texts) {
        this.views = views;
        this.texts = texts;
    }

    @GetMapping("/console/customers/{code}")
    String page(@PathVariable String code, @RequestParam(required = false) String item, @RequestParam(required = false) String qty,
                @RequestParam(required = false) String date, Model model) {
        model.addAttribute("code", code);
        model.addAttribute("f", views.figures(code));
        if (item != null && !item.isBlank() && qty != null && !qty.isBlank()) {
            try {
                LocalDate wanted = date == null || date.isBlank() ? null : LocalDate.parse(date);
                QuoteCheck.Answer a = views.quote(code, item.trim(), new BigDecimal(qty.trim()), wanted, null);
                if (a != null) {
                    model.addAttribute("quote", a);
                    model.addAttribute("reasons", texts.render(a.reasons(), LocaleContextHolder.getLocale()));
                }
            } catch (RuntimeException e) {
                model.addAttribute("quoteError", e.getMessage());
            }
            model.addAttribute("item", item);
            model.addAttribute("qty", qty);
            model.addAttribute("date", date);
        }
        return "console/customer-view";
    }
}
