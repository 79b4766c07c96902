package io.etlhub.pipeline;

import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A busy or stopped route is a Conflict (409): keyed like a refusal, never taken for bad input. */
class RouteConflictsTest {

    @Test
    void aBusyRouteNamesItsKeyAndWhoHoldsIt() {
        RouteBusyException here = new RouteBusyException("receipts-u8");
        assertThat(here.key()).isEqualTo("pipeline.refused.busy");
        assertThat(here.args()).containsExactly("receipts-u8");
        assertThat(here.getMessage()).isEqualTo("route 'receipts-u8' is already running; try again when that run has ended");

        RouteBusyException elsewhere = new RouteBusyException("receipts-u8", "host-1:42");
        assertThat(elsewhere.key()).isEqualTo("pipeline.refused.busyElsewhere");
        assertThat(elsewhere.args()).containsExactly("receipts-u8", "host-1:42");
        assertThat(elsewhere.getMessage()).contains("already running in hub process host-1:42");

        // the lease may not know the holder: then it reads as this process's run
        assertThat(new RouteBusyException("receipts-u8", null).key()).isEqualTo("pipeline.refused.busy");
    }

    @Test
    void aStoppedRouteSaysWhetherItCannotStart() {
        RouteStoppedException stopped = new RouteStoppedException("receipts-k3", ServiceStatus.Stopped, false, null);
        assertThat(stopped.key()).isEqualTo("pipeline.refused.stopped");
        assertThat(stopped.args()).containsExactly("receipts-k3");
        assertThat(stopped.getMessage()).isEqualTo("route receipts-k3 is stopped: start it to run it");

        RouteStoppedException failing = new RouteStoppedException("receipts-k3", null, true, new IllegalStateException("K3 down"));
        assertThat(failing.key()).isEqualTo("pipeline.refused.cannotStart");
        assertThat(failing.args()).containsExactly("receipts-k3", "K3 down");
        assertThat(failing.getMessage()).isEqualTo("route receipts-k3 is not started: it cannot start (K3 down), Camel retries it with back-off");
    }

    @Test
    void conflictsAreNoIllegalArgumentSoBadInputHandlersDoNotTakeThem() {
        assertThat(new RouteBusyException("r")).isInstanceOf(Conflict.class).isNotInstanceOf(IllegalArgumentException.class);
        assertThat(new RouteStoppedException("r", null, false, null)).isInstanceOf(Conflict.class)
                .isNotInstanceOf(IllegalArgumentException.class);
    }
}
