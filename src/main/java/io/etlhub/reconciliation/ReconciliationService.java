package io.etlhub.reconciliation;

import io.etlhub.pipeline.Refusal;
import io.etlhub.connector.MappingCatalog;
import io.etlhub.receipts.LedgerEntry;
import io.etlhub.receipts.UnmatchedReceipts;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/** Builds reconciliations and confirms match suggestions through the receipts queue (audited there). */
@Service
public class ReconciliationService {
    private final ReconciliationSource source;
    private final MappingCatalog mappings;
    /** Lazily: the queue needs the route catalog, which needs the route jobs, one of which uses this. */
    private final ObjectProvider<UnmatchedReceipts> queue;
    private final Clock clock;

    ReconciliationService(ReconciliationSource source, MappingCatalog mappings, ObjectProvider<UnmatchedReceipts> queue,
                          Clock clock) {
        this.source = source;
        this.mappings = mappings;
        this.queue = queue;
        this.clock = clock;
    }

    public ReconciliationSettings settings() {
        return mappings.read("reconciliation", ReconciliationSettings.class);
    }

    public ReconciliationReport report(Period period) {
        return new ReconciliationBuilder(settings()).build(source.load(period));
    }

    /**
     * The match suggestions of today's unmatched receipts dated from {@code from}, by "system/documentId" (finance's
     * queue shows them next to each receipt).
     */
    public java.util.Map<String, List<ReconciliationReport.Suggestion>> suggestions(LocalDate from) {
        LocalDate today = LocalDate.now(clock);
        java.util.Map<String, List<ReconciliationReport.Suggestion>> out = new java.util.HashMap<>();
        report(new Period(from, today.isAfter(from) ? today : from)).unmatched().stream()
                .filter(u -> "UNMATCHED".equals(u.state()) && !u.suggestions().isEmpty())
                .forEach(u -> out.put(u.system() + "/" + u.documentId(), u.suggestions()));
        return out;
    }

    /**
     * Applies a 1:1 suggestion for an unmatched receipt: the opportunity must be among the receipt's suggestions as at
     * today (a period report shows them as at its end; an opportunity paid since is no candidate any more); a split cannot be applied (one ledger document pays one opportunity); an ambiguous one
     * needs a note saying why this opportunity. Exactly once and audited by {@link UnmatchedReceipts#assign}.
     */
    public LedgerEntry confirm(String system, String documentId, LocalDate documentDate, String opportunityNo, String actor,
                               String note) {
        if (opportunityNo == null || opportunityNo.isBlank()) throw new Refusal("opportunityNo is required", "reconciliation.refused.noOpportunity", documentId);
        if (documentDate == null) throw new Refusal("documentDate is required (the receipt's date)", "reconciliation.refused.noDate", documentId);
        LocalDate today = LocalDate.now(clock);
        ReconciliationReport report = report(new Period(documentDate, today.isAfter(documentDate) ? today : documentDate));
        ReconciliationReport.UnmatchedReceipt receipt = report.unmatched().stream()
                .filter(u -> u.system().equals(system) && u.documentId().equals(documentId) && "UNMATCHED".equals(u.state()))
                .findFirst().orElseThrow(() -> new Refusal(
                        "receipt " + system + "/" + documentId + " dated " + documentDate + " is not an unmatched receipt",
                        "reconciliation.refused.notUnmatched", system, documentId, documentDate));
        List<ReconciliationReport.Suggestion> chosen = receipt.suggestions().stream()
                .filter(s -> s.opportunityNos().contains(opportunityNo.trim())).toList();
        ReconciliationReport.Suggestion oneToOne = chosen.stream().filter(s -> !s.split()).findFirst().orElse(null);
        if (oneToOne == null) {
            throw chosen.isEmpty()
                    ? new Refusal(opportunityNo + " is not a suggestion for receipt " + system + "/" + documentId,
                            "reconciliation.refused.notSuggested", opportunityNo, receipt.documentNo())
                    : new Refusal(opportunityNo + " is only part of a split suggestion: record the receipt in the ERP as separate documents or assign it by hand",
                            "reconciliation.refused.split", opportunityNo, receipt.documentNo());
        }
        if (oneToOne.ambiguous() && (note == null || note.isBlank())) {
            throw new Refusal("the suggestion is ambiguous (another opportunity scores the same): a note saying why " + opportunityNo + " is required",
                    "reconciliation.refused.ambiguous", opportunityNo, receipt.documentNo());
        }
        String audit = "reconciliation suggestion, score " + oneToOne.score().toPlainString()
                + (oneToOne.ambiguous() ? " (ambiguous)" : "") + (note == null || note.isBlank() ? "" : ": " + note.trim());
        return queue.getObject().confirmSuggestion(system, documentId, opportunityNo.trim(), actor, audit);
    }
}
