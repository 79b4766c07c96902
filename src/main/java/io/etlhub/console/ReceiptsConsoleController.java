package io.etlhub.console;

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

import java.security.Principal;

/** Finance's page: the unmatched receipts queue, with assign to an opportunity and dismiss. */
@Controller
class ReceiptsConsoleController {
    private final UnmatchedReceipts queue;
    private final MessageSource messages;

    ReceiptsConsoleController(UnmatchedReceipts queue, MessageSource messages) {
        this.queue = queue;
        this.messages = messages;
    }

    @GetMapping("/console/receipts")
    String list(@RequestParam(defaultValue = "false") boolean dismissed, Model model) {
        model.addAttribute("receipts", queue.list(dismissed, 500));
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
            flash.addFlashAttribute("error", text("receipts.assign.customer-mismatch", e.documentNo(), e.receiptCustomer(),
                    e.opportunityNo(), e.opportunityCustomer()));
        } catch (RuntimeException e) {
            flash.addFlashAttribute("error", e.getMessage());
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
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/console/receipts";
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
