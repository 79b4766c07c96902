package io.etlhub;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Features reach each other only through their base packages, and never in a cycle. */
class ModuleStructureTest {
    @Test
    void modulesRespectTheirBoundaries() {
        ApplicationModules.of(EtlHubApplication.class).verify();
    }
}
