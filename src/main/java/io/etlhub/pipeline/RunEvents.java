package io.etlhub.pipeline;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Publishes {@link RunFinished} in a hub transaction, which is what makes the registry store it. */
@Component
class RunEvents {
    private final ApplicationEventPublisher events;
    private final TransactionTemplate hubTransactions;

    RunEvents(ApplicationEventPublisher events, TransactionTemplate hubTransactions) {
        this.events = events;
        this.hubTransactions = hubTransactions;
    }

    void publish(RunFinished run) {
        hubTransactions.executeWithoutResult(tx -> events.publishEvent(
                new RunFinished(run.route(), run.kind(), run.runId(), run.status(), run.counters(), shortError(run.error()))));
    }

    /** The registry keeps an event in 4000 characters: the whole error is in the run's row. */
    private static String shortError(String error) {
        return error == null || error.length() <= 500 ? error : error.substring(0, 497) + "...";
    }
}
