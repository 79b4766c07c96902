package io.etlhub;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Writes the module documentation (component diagrams, module canvases) into docs/modules. */
class ModuleDocumentationTest {
    @Test
    void writesModuleDocs() throws Exception {
        Path out = Path.of("docs/modules");
        new Documenter(ApplicationModules.of(EtlHubApplication.class), out.toString())
                .writeDocumentation();
        assertThat(out.resolve("components.puml")).exists();
        // The events show as "listens to": notification hears receipts and pipeline without calling them
        assertThat(Files.readString(out.resolve("components.puml")))
                .contains("Rel(EtlHubApplication.EtlHubApplication.Notification, EtlHubApplication.EtlHubApplication.Receipts, \"listens to\"");
    }
}
