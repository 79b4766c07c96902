package io.etlhub.receipts;

import io.etlhub.connector.ConnectorCatalog;
import io.etlhub.connector.Dialect;
import io.etlhub.connector.IncrementalReader;
import io.etlhub.connector.IncrementalReader.Cursor;
import io.etlhub.connector.MappingCatalog;
import io.etlhub.connector.RowBatches;
import io.etlhub.connector.TableNeed;
import io.etlhub.crm.CrmOpportunities;
import io.etlhub.crm.Opportunity;
import io.etlhub.pipeline.FaultInjection;
import io.etlhub.pipeline.ReadAhead;
import io.etlhub.pipeline.RouteDefinition;
import io.etlhub.pipeline.RouteJob;
import io.etlhub.pipeline.RunContext;
import io.etlhub.pipeline.Watermarks;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Route kind {@code receipts}: ERP receipt documents into CRM opportunities. Reads the source
 * incrementally page by page; each page is one batch, applied whole or not at all (to the CRM together
 * with the other batches of its commit interval); then, when due,
 * scans the source's keys to reverse documents deleted since they were applied.
 */
@Component
class ReceiptSync implements RouteJob {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ReceiptSync.class);
    private final ConnectorCatalog connectors;
    private final MappingCatalog mappings;
    private final Watermarks watermarks;
    private final ReceiptLedger ledger;
    private final ReceiptBatches batches;
    private final CrmOpportunities crm;
    private final ReceiptMatcher matcher;
    private final FaultInjection faults;
    private final Clock clock;

    ReceiptSync(ConnectorCatalog connectors, MappingCatalog mappings, Watermarks watermarks, ReceiptLedger ledger,
                ReceiptBatches batches, CrmOpportunities crm, ReceiptMatcher matcher, FaultInjection faults, Clock clock) {
        this.connectors = connectors;
        this.mappings = mappings;
        this.watermarks = watermarks;
        this.ledger = ledger;
        this.batches = batches;
        this.crm = crm;
        this.matcher = matcher;
        this.faults = faults;
        this.clock = clock;
    }

    @Override
    public String kind() { return "receipts"; }

    @Override
    public List<String> counters() { return List.of("read", "applied", "reversed", "unmatched", "unchanged"); }

    @Override
    public void validate(RouteDefinition route) {
        if (route.source() == null || route.source().connector() == null || route.source().mapping() == null) {
            throw new IllegalArgumentException("etlhub:receipts needs the options source and sourceMapping");
        }
        ReceiptSourceMapping m = mappings.read(route.source().mapping(), ReceiptSourceMapping.class);
        try {
            m.validate();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mapping " + route.source().mapping() + ": " + e.getMessage());
        }
    }

    /** The ERP tables it reads (SELECT only) and the CRM opportunities and journal it writes. */
    @Override
    public List<TableNeed> tablesNeeded(RouteDefinition route) {
        List<TableNeed> needs = new ArrayList<>(mappings.read(route.source().mapping(), ReceiptSourceMapping.class)
                .tablesNeeded(route.source().connector()));
        needs.add(TableNeed.of(crm.schema().connector(), crm.schema().table("opportunity"), "SELECT", "UPDATE"));
        needs.add(TableNeed.of(crm.schema().connector(), crm.schema().table("apply-journal"), "SELECT", "INSERT"));
        return needs;
    }

    @Override
    public void run(RouteDefinition route, RunContext context) {
        ReceiptSourceMapping mapping = mappings.read(route.source().mapping(), ReceiptSourceMapping.class);
        mapping.validate();
        String connector = route.source().connector();
        JdbcTemplate source = connectors.jdbc(connector);
        Dialect dialect = connectors.dialect(connector);
        IncrementalReader reader = new IncrementalReader(source, dialect, mapping.readSpec(dialect));
        ReceiptRows rows = new ReceiptRows(mapping, "mappings/" + route.source().mapping() + ".yml", reader,
                crm.schema().localCurrency());
        int batchSize = route.batchSizeOr(1000);
        String actor = ReceiptLedger.ROUTE_ACTOR + route.id();

        int resumed = batches.resumePending(route.id());
        if (resumed > 0) context.output("resumedBatches", resumed);

        Cursor cursor = reader.startingAt(watermarks.load(route.id()));
        Long upperBound = reader.safeUpperBound();
        if (upperBound != null && cursor.version() != null && Long.parseLong(cursor.version()) > upperBound) {
            // Row versions went backwards: the ERP database was restored from a backup. Read everything
            // again; the ledger turns documents that did not change into no-ops.
            log.warn("route {}: source row version {} is below the watermark {}; the source was restored, rescanning",
                    route.id(), upperBound, cursor.version());
            context.output("rescanAfterRestore", true);
            cursor = Cursor.START;
        }
        CommitInterval interval = new CommitInterval(batchSize);
        List<String> pending = new ArrayList<>();
        // The next page is read and decided while this one is written: pages hold different documents
        // (each document has one version in the read range), so deciding one does not wait for the other.
        // A first load (no document of this system in the ledger yet) has nothing to look up: every document
        // read is new, and in the read range each document has one version, so no page finds another's.
        // Should another route of the same system insert one meanwhile, the ledger's key refuses the batch whole.
        boolean firstLoad = !ledger.holdsAny(mapping.system());
        PageSource decided = new PageSource(reader, new ReceiptLines(mapping, source), rows, mapping, cursor, upperBound,
                batchSize, route.id(), !firstLoad);
        try (ReadAhead<DecidedPage> pages = new ReadAhead<>("receipts-read-" + route.id(), decided)) {
            for (DecidedPage page; (page = pages.next()) != null; ) {
                context.count("read", page.read());
                faults.reached("receipts.after-read");
                Cursor last = page.last();
                String batchId = batches.recordPending(route.id(), context.runId(), page.decisions(), actor,
                        () -> watermarks.save(route.id(), last));
                if (batchId != null) pending.add(batchId);
                if (interval.due(pending.size())) {
                    batches.applyPending(route.id(), pending);
                    pending.clear();
                    interval.restart();
                }
                count(page.decisions(), context);
            }
        }
        batches.applyPending(route.id(), pending);

        rematchUnmatched(route, mapping, batchSize, context, actor);

        Integer option = route.intOption("keyScanEveryRuns");
        int every = option == null ? 1 : option;
        // A first load has nothing older than itself to find deleted: its scan is left to the next run (not counted).
        if (!firstLoad && watermarks.keyScanDue(route.id(), every)) {
            reverseDeleted(route, mapping, source, batchSize, context, actor);
        }
    }

    /**
     * How long recorded batches wait for their CRM transaction: one CRM transaction per 500,000
     * documents or 20 seconds, whichever comes first, instead of one per batch. Each opportunity is
     * then updated once per interval; the CRM lags the ledger by at most one interval. The time bound
     * is the one that counts at full speed; each interval updates every opportunity it touched and
     * looks up their last receipt dates, so a first load over many opportunities pays that per interval.
     */
    private static final class CommitInterval {
        private static final int DOCUMENTS = 500_000;
        private static final long NANOS = 20_000_000_000L;
        private final int batches;
        private long started = System.nanoTime();

        CommitInterval(int batchSize) { this.batches = Math.max(1, DOCUMENTS / batchSize); }

        boolean due(int pendingBatches) {
            return pendingBatches >= batches || (pendingBatches > 0 && System.nanoTime() - started >= NANOS);
        }

        void restart() { started = System.nanoTime(); }
    }

    /** A page read from the source and decided against the ledger and the CRM, not written yet. */
    private record DecidedPage(int read, List<ReceiptDecision> decisions, Cursor last) {}

    /** Reads and decides page after page from the cursor on, on the read-ahead thread. */
    private final class PageSource implements ReadAhead.Source<DecidedPage> {
        private final IncrementalReader reader;
        private final ReceiptLines lines;
        private final ReceiptRows rows;
        private final ReceiptSourceMapping mapping;
        private final Long upperBound;
        private final int batchSize;
        private final String routeId;
        private final boolean lookUp;
        private final Map<String, Opportunity> known = new HashMap<>();
        private Cursor cursor;
        private boolean done;

        PageSource(IncrementalReader reader, ReceiptLines lines, ReceiptRows rows, ReceiptSourceMapping mapping, Cursor cursor,
                   Long upperBound, int batchSize, String routeId, boolean lookUp) {
            this.reader = reader;
            this.lines = lines;
            this.rows = rows;
            this.mapping = mapping;
            this.cursor = cursor;
            this.upperBound = upperBound;
            this.batchSize = batchSize;
            this.routeId = routeId;
            this.lookUp = lookUp;
        }

        @Override
        public DecidedPage next() {
            if (done) return null;
            IncrementalReader.Page page = reader.next(cursor, upperBound, batchSize);
            if (page.isEmpty()) return null;
            lines.addTo(page.rows());
            List<ReceiptDocument> docs = new ArrayList<>(page.rows().size());
            for (Map<String, Object> row : page.rows()) docs.add(toDocument(rows, mapping, row));
            List<ReceiptDecision> decisions = decide(docs, routeId, mapping.customerCheck(), known, lookUp);
            cursor = page.last();
            done = page.rows().size() < batchSize;
            return new DecidedPage(docs.size(), decisions, cursor);
        }
    }

    private static ReceiptDocument toDocument(ReceiptRows rows, ReceiptSourceMapping mapping, Map<String, Object> row) {
        try {
            return rows.toDocument(row);
        } catch (RuntimeException e) {
            // A row the hub cannot read still reaches finance, with what was wrong.
            String id = String.valueOf(row.get(IncrementalReader.KEY_ALIAS));
            return new ReceiptDocument(mapping.system(), id, String.valueOf(row.get("document_no")), null, null, null,
                    null, null, null, null, String.valueOf(row.get("memo")), null, true,
                    "cannot read document: " + e.getMessage());
        }
    }

    List<ReceiptDecision> decide(List<ReceiptDocument> docs, String routeId, CustomerCheck check) {
        return decide(docs, routeId, check, new HashMap<>(), true);
    }

    /**
     * Decides a page. {@code known}: opportunities already looked up in this run, by number; the ones
     * the page needs besides are looked up and added, so a run asks the CRM for each opportunity once.
     * {@code lookUpLedger}: whether the documents' ledger entries are looked up (not on a first load).
     */
    private List<ReceiptDecision> decide(List<ReceiptDocument> docs, String routeId, CustomerCheck check, Map<String, Opportunity> known,
                                         boolean lookUpLedger) {
        String system = docs.get(0).system();
        Map<String, LedgerEntry> previous = lookUpLedger ? ledger.find(system, docs.stream().map(ReceiptDocument::documentId).toList()) : Map.of();
        List<List<String>> candidates = new ArrayList<>(docs.size());
        Set<String> needed = new HashSet<>();
        for (ReceiptDocument d : docs) {
            LedgerEntry p = previous.get(d.documentId());
            List<String> numbers = matcher.candidateNumbers(d, p == null ? null : p.manualOpportunityNo());
            candidates.add(numbers);
            needed.addAll(numbers);
        }
        Set<String> missing = new HashSet<>(needed);
        missing.removeAll(known.keySet());
        if (known.size() + missing.size() > KNOWN_OPPORTUNITIES) {
            known.clear();
            missing = needed;
        }
        List<String> lookUp = new ArrayList<>(missing);
        for (List<String> chunk : RowBatches.chunks(lookUp, RowBatches.IN_LIST)) known.putAll(crm.findByNumbers(chunk));
        LocalDateTime now = LocalDateTime.now(clock);
        List<ReceiptDecision> decisions = new ArrayList<>(docs.size());
        for (int i = 0; i < docs.size(); i++) {
            ReceiptDocument d = docs.get(i);
            ReceiptMatch match = matcher.matchNumbers(d, candidates.get(i), known, check);
            decisions.add(ReceiptDecider.decide(d, previous.get(d.documentId()), match, routeId, now));
        }
        return decisions;
    }

    /** How many looked-up opportunities a run keeps at most (a first load over a large CRM stays bounded). */
    private static final int KNOWN_OPPORTUNITIES = 200_000;

    /**
     * Receipts that waited for an opportunity the CRM did not have (or had closed), or whose customer did
     * not match (the CRM customer's ERP code may have been corrected), are tried again.
     */
    private void rematchUnmatched(RouteDefinition route, ReceiptSourceMapping mapping, int batchSize, RunContext context,
                                  String actor) {
        List<LedgerEntry> waiting = ledger.unmatchedForRetry(route.id(),
                List.of(UnmatchedReason.UNKNOWN_OPPORTUNITY.name(), UnmatchedReason.OPPORTUNITY_CLOSED.name(),
                        UnmatchedReason.CUSTOMER_MISMATCH.name()));
        int rematched = 0;
        for (int from = 0; from < waiting.size(); from += batchSize) {
            List<LedgerEntry> chunk = waiting.subList(from, Math.min(waiting.size(), from + batchSize));
            Set<String> numbers = new HashSet<>();
            List<ReceiptDocument> docs = new ArrayList<>();
            for (LedgerEntry e : chunk) {
                ReceiptDocument d = e.asDocument(mapping.isoCurrency(e.currency()));
                docs.add(d);
                numbers.addAll(matcher.candidateNumbers(d, e.manualOpportunityNo()));
            }
            Map<String, Opportunity> opportunities = crm.findByNumbers(numbers);
            LocalDateTime now = LocalDateTime.now(clock);
            List<ReceiptDecision> decisions = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                LedgerEntry e = chunk.get(i);
                ReceiptDecision d = ReceiptDecider.rematch(e, matcher.match(docs.get(i), e.manualOpportunityNo(), opportunities,
                        mapping.customerCheck()), now);
                if (d.next() != null) decisions.add(d);
            }
            if (decisions.isEmpty()) continue;
            batches.process(route.id(), context.runId(), decisions, actor, null);
            context.count("applied", decisions.size());
            rematched += decisions.size();
        }
        if (rematched > 0) context.output("rematched", rematched);
    }

    private void reverseDeleted(RouteDefinition route, ReceiptSourceMapping mapping, JdbcTemplate source, int batchSize,
                                RunContext context, String actor) {
        Set<String> present = new HashSet<>();
        source.query(mapping.keyScanSql(), rs -> { present.add(rs.getString(1)); });
        List<String> deleted = new ArrayList<>();
        long live = ledger.forEachLiveDocumentId(route.id(), id -> { if (!present.contains(id)) deleted.add(id); });
        if (present.isEmpty() && live > 0) {
            throw new IllegalStateException("key scan of " + mapping.headerTable() + " found no documents at all; refusing to reverse "
                    + live + " applied documents. Check connector " + route.source().connector());
        }
        deleted.sort(null);
        for (int from = 0; from < deleted.size(); from += batchSize) {
            List<String> chunk = deleted.subList(from, Math.min(deleted.size(), from + batchSize));
            Map<String, LedgerEntry> previous = ledger.find(mapping.system(), chunk);
            LocalDateTime now = LocalDateTime.now(clock);
            List<ReceiptDecision> decisions = new ArrayList<>();
            for (String id : chunk) {
                decisions.add(ReceiptDecider.gone(previous.get(id), LedgerEntry.DELETED, ReasonDetails.english(LedgerEntry.DELETED, mapping.system()), now));
            }
            batches.process(route.id(), context.runId(), decisions, actor, null);
            count(decisions, context);
        }
        context.output("deletedDocuments", deleted.size());
    }

    private static void count(List<ReceiptDecision> decisions, RunContext context) {
        Map<ReceiptDecision.Outcome, Integer> counts = new HashMap<>();
        for (ReceiptDecision d : decisions) counts.merge(d.outcome(), 1, Integer::sum);
        context.count("applied", counts.getOrDefault(ReceiptDecision.Outcome.APPLIED, 0));
        context.count("reversed", counts.getOrDefault(ReceiptDecision.Outcome.REVERSED, 0));
        context.count("unmatched", counts.getOrDefault(ReceiptDecision.Outcome.UNMATCHED, 0));
        context.count("unchanged", counts.getOrDefault(ReceiptDecision.Outcome.UNCHANGED, 0)
                + counts.getOrDefault(ReceiptDecision.Outcome.IGNORED, 0));
    }
}
