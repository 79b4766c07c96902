package io.etlhub.receipts;

import io.etlhub.pipeline.RunFinished;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Turns a finished receipts run with unmatched documents into {@link ReceiptsLeftUnmatched}. */
@Component
class UnmatchedReceiptsAnnouncer {
    private final ApplicationEventPublisher events;

    UnmatchedReceiptsAnnouncer(ApplicationEventPublisher events) {
        this.events = events;
    }

    @ApplicationModuleListener
    void on(RunFinished run) {
        if ("receipts".equals(run.kind()) && run.counter("unmatched") > 0) {
            events.publishEvent(new ReceiptsLeftUnmatched(run.route(), run.runId(), run.counter("unmatched")));
        }
    }
}
