package io.etlhub.customerview;

import io.etlhub.pipeline.Refusal;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;


/** The console's page of one customer: the three figure groups with sources and as-of times, and the quote check. */
@Controller
class CustomerViewPage {
    private final CustomerViews views;
    private final QuoteTexts texts;
    private final MessageSource messages;

    CustomerViewPage(CustomerViews views, QuoteTexts texts, MessageSource messages) {
        this.views = views;
        this.texts = texts;
        this.messages = messages;
    }

    @GetMapping("/console/customers/{code}")
    String page(@PathVariable String code, @RequestParam(required = false) String item, @RequestParam(required = false) String qty,
                @RequestParam(required = false) String date, Model model) {
        model.addAttribute("code", code);
        model.addAttribute("f", views.figures(code));
        if (item != null && !item.isBlank() && qty != null && !qty.isBlank()) {
            try {
                QuoteRequest asked = QuoteRequest.parse(qty, date, null);
                QuoteCheck.Answer a = views.quote(code, item.trim(), asked.quantity(), asked.wanted(), null);
                if (a != null) {
                    model.addAttribute("quote", a);
                    model.addAttribute("reasons", texts.render(a.reasons(), LocaleContextHolder.getLocale()));
                }
            } catch (Refusal e) {
                // a value that is not one, in the reader's words; any other failure is the error page (with its reference)
                model.addAttribute("quoteError", e.text(messages, LocaleContextHolder.getLocale()));
            }
            model.addAttribute("item", item);
            model.addAttribute("qty", qty);
            model.addAttribute("date", date);
        }
        return "console/customer-view";
    }
}
