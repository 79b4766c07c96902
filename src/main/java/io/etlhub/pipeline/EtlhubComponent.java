package io.etlhub.pipeline;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

import java.util.Map;

/**
 * The hub's own Camel component: {@code etlhub:<capability>?source=u8&sourceMapping=u8-receipts&...}.
 * Each capability (receipts, reconciliation, health-report, archive-import, ...) is one step of a
 * route; its options are declared on {@link EtlhubEndpoint}. Unknown options fail the endpoint, as
 * in any Camel component. The step does its work through the hub's {@link RouteRunner}, found in the
 * Camel registry when the step runs, so a plain Camel context loads routes/ with this component alone.
 */
@org.apache.camel.spi.annotations.Component("etlhub")
public class EtlhubComponent extends DefaultComponent {
    public static final String SCHEME = "etlhub";

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        EtlhubEndpoint endpoint = new EtlhubEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
