package io.etlhub.pipeline;

/**
 * Named points between the steps of a run where a test can make the run crash, to prove that a
 * rerun ends with exact totals. In production the bean does nothing.
 */
public interface FaultInjection {
    void reached(String point);

    FaultInjection NONE = point -> {};
}
