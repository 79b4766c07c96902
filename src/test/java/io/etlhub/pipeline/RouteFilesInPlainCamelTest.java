package io.etlhub.pipeline;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.Route;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every file in routes/ is Camel YAML DSL that a plain Camel context (no Spring, no hub) loads and
 * starts as it is, with the hub's component (found through its META-INF/services entry) and the
 * hub's shared route configuration (its dead-letter channel here a list). Camel itself rejects an
 * option the component does not declare.
 */
class RouteFilesInPlainCamelTest {

    @Test
    void everyRouteFileLoadsAndStartsInAPlainCamelContext() throws Exception {
        List<Path> files;
        try (var list = Files.list(Path.of("routes"))) {
            files = list.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(5);
        try (CamelContext camel = plainContext()) {
            for (Path file : files) {
                PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString("file:" + file,
                        Files.readString(file, StandardCharsets.UTF_8)));
            }
            camel.start();
            for (Path file : files) {
                String id = file.getFileName().toString().replace(".yaml", "");
                Route route = camel.getRoute(id);
                assertThat(route).as(file + " is the route " + id).isNotNull();
                // A route shipped stopped (autoStartup: false, e.g. a capture waiting for its database) loads but does not start.
                assertThat(camel.getRouteController().getRouteStatus(id).isStarted()).as(id + " started")
                        .isEqualTo(route.isAutoStartup());
                assertThat(camel.getEndpoints()).as(id + " has an etlhub: step")
                        .anyMatch(e -> e instanceof EtlhubEndpoint step && e.getEndpointUri().startsWith("etlhub://"));
            }
            EtlhubEndpoint receipts = camel.getEndpoints().stream().filter(e -> e instanceof EtlhubEndpoint)
                    .map(EtlhubEndpoint.class::cast).filter(e -> e.getCapability().equals("receipts") && "u8".equals(e.getSource()))
                    .findFirst().orElseThrow();
            assertThat(receipts.getSourceMapping()).isEqualTo("u8-receipts");
            assertThat(receipts.getBatchSize()).isEqualTo(1000);
            assertThat(receipts.getKeyScanEveryRuns()).isEqualTo(1);
        }
    }

    @Test
    void camelRejectsAnOptionTheComponentDoesNotDeclare() throws Exception {
        try (CamelContext camel = plainContext()) {
            camel.start();
            assertThatThrownBy(() -> camel.getEndpoint("etlhub:receipts?source=u8&batchSise=10"))
                    .isInstanceOf(ResolveEndpointFailedException.class).hasMessageContaining("batchSise");
        }
    }

    /** A plain Camel context whose Quartz scheduler never fires (the routes' crons are real). */
    private static CamelContext plainContext() throws Exception {
        CamelContext camel = new DefaultCamelContext();
        List<Exchange> deadLetters = new java.util.ArrayList<>();
        camel.getRegistry().bind(RunErrorHandling.DEAD_LETTER_BEAN, (Processor) deadLetters::add);
        camel.addRoutesConfigurations(new RunErrorHandling(0, 1000, 2));
        QuartzComponent quartz = new QuartzComponent();
        quartz.setAutoStartScheduler(false);
        camel.addComponent("quartz", quartz);
        // The hub's CDC start (etlhub-cdc:) needs the hub store for its offsets: here a stub stands in for it.
        camel.addComponent("etlhub-cdc", new org.apache.camel.component.stub.StubComponent());
        return camel;
    }
}
