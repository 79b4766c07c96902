package io.etlhub.pipeline;

import java.util.Set;

public class UnknownRouteException extends Refusal {
    public UnknownRouteException(String id, Set<String> known) {
        super("no route '" + id + "' in routes/ (known: " + known + ")", "pipeline.refused.unknownRoute", id);
    }
}
