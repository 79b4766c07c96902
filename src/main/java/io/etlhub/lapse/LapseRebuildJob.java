package io.etlhub.lapse;

import io.etlhub.pipeline.RouteDefinition;
import io.etlhub.pipeline.RouteJob;
import io.etlhub.pipeline.RunContext;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * {@code etlhub:lapse-rebuild} ({@code java -jar etl-hub.jar run lapse-rebuild}): visits and members
 * computed again from every captured sale line into shadow tables swapped in at the end
 * ({@link RhythmRebuild}). Fired triggers stay: an episode that fired does not fire again after a rebuild.
 */
@Component
class LapseRebuildJob implements RouteJob {
    private final RhythmRebuild rebuild;

    LapseRebuildJob(RhythmRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @Override
    public String kind() { return "lapse-rebuild"; }

    @Override
    public List<String> counters() { return List.of("members", "visits"); }

    @Override
    public void run(RouteDefinition route, RunContext context) {
        RhythmRebuild.Result result = rebuild.rebuild();
        context.set("members", result.members());
        context.set("visits", result.visits());
        context.output("phases", result.phases());
    }
}
