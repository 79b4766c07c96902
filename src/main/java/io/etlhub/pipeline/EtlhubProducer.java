package io.etlhub.pipeline;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/** Runs the step's capability for the exchange: one exchange of the route = one run of the hub. */
class EtlhubProducer extends DefaultProducer {
    private final EtlhubEndpoint endpoint;

    EtlhubProducer(EtlhubEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    /**
     * In the hub, a step whose source connector does not answer does not start, so neither does its
     * route: Camel's supervising route controller starts it again with back-off.
     */
    @Override
    protected void doStart() throws Exception {
        super.doStart();
        RouteRunner runner = endpoint.getCamelContext().getRegistry().findSingleByType(RouteRunner.class);
        if (runner != null) runner.checkSource(endpoint);
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        RouteRunner runner = endpoint.getCamelContext().getRegistry().findSingleByType(RouteRunner.class);
        if (runner == null) {
            throw new IllegalStateException("etlhub:" + endpoint.getCapability() + " runs only inside etl-hub (no RouteRunner in this Camel context)");
        }
        runner.execute(endpoint, exchange);
    }
}
