package io.etlhub.console;

import io.etlhub.pipeline.ErrorTexts;
import io.etlhub.receipts.LedgerEntry;
import io.etlhub.receipts.UnmatchedReceipts;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.etlhub.crm.CrmCustomers;
import io.etlhub.reconciliation.ReconciliationService;

import java.security.Principal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Finance's page: the unmatched receipts queue, with assign to an opportunity (picked, not typed) and dismiss. */
@Controller
class ReceiptsConsoleController {
    /** The queue the page pages through (oldest first); more is a sign the receipts routes need attention. */
    private static final int QUEUE_LIMIT = 2000;
    private static final int OPEN_PER_CUSTOMER = 30;
    private final UnmatchedReceipts queue;
    private final MessageSource messages;
    private final CrmCustomers customers;
    private final ReconciliationService reconciliation;
    private final ErrorTexts errorTexts;

    ReceiptsConsoleController(UnmatchedReceipts queue, MessageSource messages, CrmCustomers customers,
                              ReconciliationService reconciliation, ErrorTexts errorTexts) {
        this.errorTexts = errorTexts;
        this.customers = customers;
        this.reconciliation = reconciliation;
        this.queue = queue;
        this.messages = messages;
    }

    /**
     * The queue, paged: each receipt with its customer's name, its match suggestions and the customer's open
     * opportunities to pick from (a number is typed only when the customer has none).
     */
    @GetMapping("/console/receipts")
    String list(@RequestParam(defaultValue = "false") boolean dismissed, ListPage.Request paging, Model model) {
        List<LedgerEntry> all = queue.list(dismissed, QUEUE_LIMIT);
        Map<String, String> names = customers.namesByCode(all.stream().map(LedgerEntry::customerCode).toList());
        ListPage<LedgerEntry> page = ListPage.of(all, paging, e -> String.join(" ", nz(e.documentNo()), nz(e.customerCode()),
                nz(names.get(e.customerCode())), nz(e.memo())), e -> true, Map.of("dismissed", dismissed ? "true" : ""));
        List<String> codes = page.items().stream().map(LedgerEntry::customerCode).toList();
        model.addAttribute("page", page);
        model.addAttribute("names", names);
        model.addAttribute("openOpportunities", customers.openOpportunities(codes, OPEN_PER_CUSTOMER));
        LocalDate earliest = page.items().stream().map(LedgerEntry::documentDate).filter(java.util.Objects::nonNull)
                .min(LocalDate::compareTo).orElse(null);
        model.addAttribute("suggestions", earliest == null ? Map.of() : reconciliation.suggestions(earliest));
        model.addAttribute("dismissed", dismissed);
        return "console/receipts";
    }

    @PostMapping("/console/receipts/assign")
    String assign(@RequestParam String system, @RequestParam String documentId, @RequestParam String opportunityNo,
                  @RequestParam(required = false) String note,
                  @RequestParam(defaultValue = "false") boolean confirmCustomerMismatch, Principal user, RedirectAttributes flash) {
        try {
            LedgerEntry after = queue.assign(system, documentId, opportunityNo, user.getName(), note, confirmCustomerMismatch);
            flash.addFlashAttribute("notice", text("console.receipts.assigned", documentId, opportunityNo, after.state()));
        } catch (UnmatchedReceipts.CustomerMismatchException e) {
            flash.addFlashAttribute("error", text(e.key(), e.args()));
        } catch (RuntimeException e) {
            flash.addFlashAttribute("error", failure(e));
        }
        return "redirect:/console/receipts";
    }

    @PostMapping("/console/receipts/dismiss")
    String dismiss(@RequestParam String system, @RequestParam String documentId, @RequestParam String note,
                   Principal user, RedirectAttributes flash) {
        try {
            LedgerEntry after = queue.dismiss(system, documentId, user.getName(), note);
            flash.addFlashAttribute("notice", text("console.receipts.dismissed", documentId));
        } catch (RuntimeException e) {
            flash.addFlashAttribute("error", failure(e));
        }
        return "redirect:/console/receipts";
    }

    /** A refusal's own sentence; any other failure without SQL or server paths for finance (ErrorTexts). */
    private String failure(RuntimeException e) {
        java.util.Locale locale = LocaleContextHolder.getLocale();
        return errorTexts.explain(e, locale).withDetail(messages, locale);
    }

    private static String nz(String s) { return s == null ? "" : s; }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
