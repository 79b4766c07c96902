package io.etlhub.lapse;

import io.etlhub.pipeline.RouteDefinition;
import io.etlhub.pipeline.RouteJob;
import io.etlhub.pipeline.RunContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/**
 * {@code etlhub:lapse-rebuild} ({@code java -jar etl-hub.jar run lapse-rebuild}): visits and members
 * computed again from every captured sale line, in one hub transaction. Fired triggers stay: an
 * episode that fired does not fire again after a rebuild.
 */
@Component
class LapseRebuildJob implements RouteJob {
    private final RhythmStore store;
    private final TransactionTemplate tx;

    LapseRebuildJob(RhythmStore store, PlatformTransactionManager tm) {
        this.store = store;
        this.tx = new TransactionTemplate(tm);
    }

    @Override
    public String kind() { return "lapse-rebuild"; }

    @Override
    public List<String> counters() { return List.of("members"); }

    @Override
    public void run(RouteDefinition route, RunContext context) {
        Long members = tx.execute(s -> store.rebuild());
        context.set("members", members == null ? 0 : members);
    }
}
