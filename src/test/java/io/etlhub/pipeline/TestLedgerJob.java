package io.etlhub.pipeline;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.concurrent.atomic.AtomicBoolean;

/** Test-only bean: a route kind that writes one row per run into test_ledger, or fails while {@link #failing} is set. */
@TestConfiguration
class TestLedgerJob {
    static final AtomicBoolean failing = new AtomicBoolean();
    /** Calls of the job: a redelivered exchange calls it again. */
    static final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();

    @Bean
    RouteJob testLedgerRouteJob(JdbcTemplate hub) {
        return new RouteJob() {
            @Override
            public String kind() { return "test-ledger"; }

            @Override
            public java.util.List<String> counters() { return java.util.List.of("written"); }

            @Override
            public void run(RouteDefinition route, RunContext context) {
                                calls.incrementAndGet();
                if (failing.get()) throw new IllegalStateException("target table locked (test fault)");
                hub.execute("CREATE TABLE IF NOT EXISTS test_ledger (record_key VARCHAR(50), run_id BIGINT)");
                hub.update("INSERT INTO test_ledger (record_key, run_id) VALUES (?, ?)", context.parameter("key"), context.runId());
                context.count("written", 1);
            }
        };
    }
}
