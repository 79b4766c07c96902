package io.etlhub.receipts;

import io.etlhub.crm.CrmOpportunities;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.security.Principal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

@RestController
@RequestMapping("/api/receipts")
class UnmatchedReceiptController {
    private final UnmatchedReceipts queue;
    private final ReceiptLedger ledger;
    private final MessageSource messages;
    private final CrmOpportunities crm;
    private final ReasonDetails reasonDetails;
    private final io.etlhub.pipeline.ApiErrors errors;

    UnmatchedReceiptController(UnmatchedReceipts queue, ReceiptLedger ledger, MessageSource messages, CrmOpportunities crm,
                               ReasonDetails reasonDetails, io.etlhub.pipeline.ApiErrors errors) {
        this.reasonDetails = reasonDetails;
        this.errors = errors;
        this.queue = queue;
        this.ledger = ledger;
        this.messages = messages;
        this.crm = crm;
    }

    /**
     * reason and reasonDetail as stored (English, for scripts); reasonText and reasonDetailText in the reader's language
     * (Accept-Language, zh-CN when none).
     */
    record ReceiptView(String system, String documentId, String documentNo, LocalDate documentDate, String customerCode,
                       String currency, BigDecimal amount, String memo, String state, String reason, String reasonText,
                       String reasonDetail, String reasonDetailText, String opportunityNo, BigDecimal appliedAmount, String manualOpportunityNo) {}

    /** confirmCustomerMismatch: finance confirms that the receipt pays another customer's opportunity. */
    record Assignment(String opportunityNo, String note, Boolean confirmCustomerMismatch) {}

    record Dismissal(String note) {}

    @GetMapping("/unmatched")
    List<ReceiptView> unmatched(@RequestParam(defaultValue = "false") boolean includeDismissed,
                                @RequestParam(defaultValue = "500") int limit, Locale locale) {
        return queue.list(includeDismissed, limit).stream().map(e -> view(e, locale)).toList();
    }

    @GetMapping("/{system}/{documentId}")
    Map<String, Object> document(@PathVariable String system, @PathVariable String documentId, Locale locale) {
        LedgerEntry e = queue.shown(ledger.get(system, documentId));
        if (e == null) throw new UnmatchedReceipts.NoSuchReceiptException(system, documentId);
        return Map.of("receipt", view(e, locale), "events", ledger.events(system, documentId));
    }

    /** An opportunity as the CRM shows it, with the ERP documents the hub applied to it. */
    @GetMapping("/opportunities/{number}")
    ResponseEntity<Map<String, Object>> opportunity(@PathVariable String number, Locale locale) {
        Map<String, Object> opp = crm.receiptView(number.trim().toUpperCase(Locale.ROOT));
        if (opp.isEmpty()) return errors.refused(HttpStatus.NOT_FOUND, "receipts.refused.noOpportunity", number);
        long id = ((Number) opp.get("id")).longValue();
        return ResponseEntity.ok(Map.of("opportunity", opp,
                "receipts", queue.shown(ledger.forOpportunity(id)).stream().map(e -> view(e, locale)).toList()));
    }

    @PostMapping("/unmatched/{system}/{documentId}/assign")
    ReceiptView assign(@PathVariable String system, @PathVariable String documentId, @RequestBody Assignment body,
                       Principal principal, Locale locale) {
        return view(queue.assign(system, documentId, body.opportunityNo(), principal.getName(), body.note(),
                Boolean.TRUE.equals(body.confirmCustomerMismatch())), locale);
    }

    @PostMapping("/unmatched/{system}/{documentId}/dismiss")
    ReceiptView dismiss(@PathVariable String system, @PathVariable String documentId, @RequestBody Dismissal body,
                        Principal principal, Locale locale) {
        return view(queue.dismiss(system, documentId, principal.getName(), body.note()), locale);
    }

    private ReceiptView view(LedgerEntry e, Locale locale) {
        String text = e.reason() == null ? null
                : messages.getMessage("receipts.reason." + e.reason(), null, e.reason(), locale);
        return new ReceiptView(e.system(), e.documentId(), e.documentNo(), e.documentDate(), e.customerCode(), e.currency(),
                e.amount(), e.memo(), e.state().name(), e.reason(), text, e.reasonDetail(),
                reasonDetails.text(e.reason(), e.reasonDetail(), locale), e.opportunityNo(),
                e.appliedAmount(), e.manualOpportunityNo());
    }

    /* Refusals answer {"status", "code", "error"}: code the bundle key, error in the reader's language (pipeline.ApiErrors). */

    @ExceptionHandler(UnmatchedReceipts.NoSuchReceiptException.class)
    ResponseEntity<Map<String, Object>> notFound(RuntimeException e) {
        return errors.refused(HttpStatus.NOT_FOUND, e);
    }

    /**
     * 409: the assignment needs finance's confirmation; the sentence says whose receipt and whose opportunity
     * ({@code message} repeats it, as earlier answers had it).
     */
    @ExceptionHandler(UnmatchedReceipts.CustomerMismatchException.class)
    ResponseEntity<Map<String, Object>> customerMismatch(UnmatchedReceipts.CustomerMismatchException e) {
        Map<String, Object> body = errors.refused(HttpStatus.CONFLICT, e).getBody();
        body.put("message", body.get("error"));
        body.put("reason", UnmatchedReason.CUSTOMER_MISMATCH.name());
        body.put("receiptCustomer", e.receiptCustomer());
        body.put("opportunityNo", e.opportunityNo());
        body.put("opportunityCustomer", e.opportunityCustomer());
        body.put("confirmWith", "confirmCustomerMismatch");
        return ResponseEntity.status(HttpStatus.CONFLICT).body(body);
    }

    @ExceptionHandler({IllegalArgumentException.class, IllegalStateException.class})
    ResponseEntity<Map<String, Object>> rejected(RuntimeException e) {
        return errors.refused(HttpStatus.UNPROCESSABLE_ENTITY, e);
    }
}
