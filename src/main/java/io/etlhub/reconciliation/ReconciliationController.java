package io.etlhub.reconciliation;

import io.etlhub.receipts.LedgerEntry;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * /api/reconciliation (FINANCE or ADMIN): the report of a period (?period=2026-10 or ?from=&to=), its levels
 * with drill-down (customer -> its opportunities), differences, unmatched receipts with suggestions, and confirm.
 */
@RestController
@RequestMapping("/api/reconciliation")
class ReconciliationController {
    private final ReconciliationService service;
    private final ReconciliationTexts texts;
    private final io.etlhub.pipeline.ApiErrors errors;

    ReconciliationController(ReconciliationService service, ReconciliationTexts texts, io.etlhub.pipeline.ApiErrors errors) {
        this.service = service;
        this.texts = texts;
        this.errors = errors;
    }

    record Confirmation(String system, String documentId, @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate documentDate,
                        String opportunityNo, String note) {}

    record ReasonedDifference(ReconciliationReport.Difference difference, String reasonText, String detailText) {}

    @GetMapping
    Map<String, Object> summary(@RequestParam(required = false) String period, @RequestParam(required = false) String from,
                                @RequestParam(required = false) String to) {
        ReconciliationReport r = service.report(Period.of(period, from, to));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("period", r.period());
        out.put("reportCurrency", r.reportCurrency());
        out.put("control", r.control());
        out.put("totals", r.totals());
        out.put("differenceCount", r.differences().size());
        out.put("unmatchedCount", r.unmatched().size());
        return out;
    }

    /** The workbook for a period, as the CLI's --out writes it (Chinese headers, or English with lang=en). */
    @GetMapping("/xlsx")
    ResponseEntity<byte[]> xlsx(@RequestParam(required = false) String period, @RequestParam(required = false) String from,
                                @RequestParam(required = false) String to, @RequestParam(defaultValue = "zh") String lang)
            throws java.io.IOException {
        Period p = Period.of(period, from, to);
        ReconciliationReport report = service.report(p);
        java.nio.file.Path file = java.nio.file.Files.createTempFile("recon-", ".xlsx");
        try {
            new ReconciliationWorkbook(texts, "en".equalsIgnoreCase(lang) ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE)
                    .write(report, file);
            return ResponseEntity.ok()
                    .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=recon-" + p.label() + ".xlsx")
                    .header(org.springframework.http.HttpHeaders.CONTENT_TYPE,
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                    .body(java.nio.file.Files.readAllBytes(file));
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @GetMapping("/customers")
    List<ReconciliationReport.AmountLine> customers(@RequestParam(required = false) String period,
                                                    @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return service.report(Period.of(period, from, to)).customers();
    }

    /** All opportunity lines, or one customer's (drill-down) with ?customer=ERP code. */
    @GetMapping("/opportunities")
    List<ReconciliationReport.AmountLine> opportunities(@RequestParam(required = false) String period,
                                                        @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                                        @RequestParam(required = false) String customer) {
        return service.report(Period.of(period, from, to)).opportunities().stream()
                .filter(l -> customer == null || customer.equals(l.customerCode())).toList();
    }

    @GetMapping("/differences")
    List<ReasonedDifference> differences(@RequestParam(required = false) String period, @RequestParam(required = false) String from,
                                         @RequestParam(required = false) String to, @RequestParam(required = false) String customer,
                                         @RequestParam(required = false) String opportunity, Locale locale) {
        return service.report(Period.of(period, from, to)).differences().stream()
                .filter(d -> customer == null || customer.equals(d.customerCode()))
                .filter(d -> opportunity == null || opportunity.equals(d.opportunityNo()))
                .map(d -> new ReasonedDifference(d, texts.reason(d.reason(), locale), texts.detail(d.detail(), locale))).toList();
    }

    @GetMapping("/unmatched")
    List<ReconciliationReport.UnmatchedReceipt> unmatched(@RequestParam(required = false) String period,
                                                          @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return service.report(Period.of(period, from, to)).unmatched();
    }

    @PostMapping("/suggestions/confirm")
    Map<String, Object> confirm(@RequestBody Confirmation body, Principal principal) {
        LedgerEntry e = service.confirm(body.system(), body.documentId(), body.documentDate(), body.opportunityNo(),
                principal.getName(), body.note());
        return Map.of("system", e.system(), "documentId", e.documentId(), "state", e.state().name(),
                "opportunityNo", String.valueOf(e.opportunityNo()), "appliedAmount", e.appliedAmount());
    }

    /** A refused period or confirmation: {"status", "code", "error"} in the reader's language (pipeline.ApiErrors). */
    @ExceptionHandler({IllegalArgumentException.class, IllegalStateException.class})
    ResponseEntity<Map<String, Object>> rejected(RuntimeException e) {
        return errors.refused(HttpStatus.UNPROCESSABLE_ENTITY, e);
    }
}
