package io.etlhub.pipeline;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The route configuration every route in routes/ shares ({@code routeConfigurationId: etlhub-runs},
 * required by the file checks; routes the hub builds in Java keep their own error handling): a failed run is redelivered (attempts and
 * back-off from etlhub.runs.redelivery) and then goes to the dead-letter channel, which keeps it in
 * the hub's dead-letter store with the parameters that replay it ({@link DeadLetters}; replay is the
 * hub's own, {@link RouteAdmin#replay}).
 */
@Component
class RunErrorHandling extends RouteConfigurationBuilder {
    static final String ID = "etlhub-runs";
    static final String DEAD_LETTER_BEAN = "etlhubDeadLetterChannel";

    private final int attempts;
    private final long delayMillis;
    private final double multiplier;

    RunErrorHandling(@Value("${etlhub.runs.redelivery.attempts:0}") int attempts,
                     @Value("${etlhub.runs.redelivery.delay-millis:10000}") long delayMillis,
                     @Value("${etlhub.runs.redelivery.back-off-multiplier:2}") double multiplier) {
        this.attempts = attempts;
        this.delayMillis = delayMillis;
        this.multiplier = multiplier;
    }

    @Override
    public void configuration() {
        routeConfiguration(ID).errorHandler(deadLetterChannel("bean:" + DEAD_LETTER_BEAN)
                .maximumRedeliveries(attempts).redeliveryDelay(delayMillis).useExponentialBackOff()
                .backOffMultiplier(multiplier).logExhausted(false).logStackTrace(false));
    }

    /** The dead-letter channel's endpoint: writes the failed run into the hub's store. */
    @Component(DEAD_LETTER_BEAN)
    static class DeadLetterChannel implements Processor {
        private final DeadLetters deadLetters;
        private final RouteCatalog routes;

        DeadLetterChannel(DeadLetters deadLetters, RouteCatalog routes) {
            this.deadLetters = deadLetters;
            this.routes = routes;
        }

        @Override
        public void process(Exchange exchange) {
            // A failed event of an event route stays an incomplete publication (handed out again), not a dead letter.
            if (notDeadLettered(exchange.getFromRouteId())) return;
            Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            RunSummary summary = exchange.getProperty(RouteRunner.SUMMARY, RunSummary.class);
            // The run's own error (with its one-line cause first when the hub recognises it), else the exception.
            String error = summary != null && summary.error() != null ? summary.error()
                    : failure == null ? "unknown failure" : failure.getClass().getSimpleName() + ": " + failure.getMessage();
            io.etlhub.connector.DeadLetterSink.Letter letter =
                    exchange.getProperty(io.etlhub.connector.DeadLetterSink.LETTER, io.etlhub.connector.DeadLetterSink.Letter.class);
            boolean replay = Trigger.REPLAY.name().equals(exchange.getMessage().getHeader(RouteRunner.TRIGGER, String.class));
            if (letter != null) {
                // A record of the route's start (a change event): kept whole, replayable (RouteAdmin#replay).
                if (!replay) deadLetters.deadLetter(exchange.getFromRouteId(), letter, error);
                return;
            }
            RunContext run = exchange.getProperty(RouteRunner.RUN_CONTEXT, RunContext.class);
            if (run == null) {
                // Failed in a step before the run started: keep it too, under the route, without a run.
                run = new RunContext(0, exchange.getFromRouteId(), Trigger.valueOf(exchange.getMessage().getHeader(
                        RouteRunner.TRIGGER, Trigger.SCHEDULE.name(), String.class)), null, RouteRunner.parameters(exchange));
            }
            // A failed replay goes back to its own letter (RouteAdmin#replay) instead of adding a new one.
            if (run.trigger() != Trigger.REPLAY) {
                deadLetters.record(run, run.runId() == 0 ? "exchange " + exchange.getExchangeId() : "run " + run.runId(),
                        run.parameters(), error);
            }
        }

        private boolean notDeadLettered(String routeId) {
            return routes.all().stream().anyMatch(r -> r.id().equals(routeId) && routes.jobFor(r) instanceof ChangeJob c && !c.deadLetters());
        }
    }
}
