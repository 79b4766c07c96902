package io.etlhub;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the module documentation (component diagrams, module canvases) in docs/modules current. The
 * Documenter lists relations in no fixed order, so a file is replaced only when its content changed,
 * not its order: a test run leaves the tree clean unless the module structure moved.
 */
class ModuleDocumentationTest {
    @Test
    void writesModuleDocs() throws Exception {
        Path generated = Path.of("target/module-docs");
        new Documenter(ApplicationModules.of(EtlHubApplication.class), generated.toString())
                .writeDocumentation();
        assertThat(generated.resolve("components.puml")).exists();
        // The events show as "listens to": notification hears receipts and pipeline without calling them
        assertThat(Files.readString(generated.resolve("components.puml")))
                .contains("Rel(EtlHubApplication.EtlHubApplication.Notification, EtlHubApplication.EtlHubApplication.Receipts, \"listens to\"");

        Path docs = Files.createDirectories(Path.of("docs/modules"));
        try (Stream<Path> files = Files.list(generated)) {
            for (Path file : files.toList()) {
                Path target = docs.resolve(file.getFileName());
                if (!Files.exists(target) || !sameLines(file, target)) {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static boolean sameLines(Path a, Path b) throws IOException {
        return normalised(a).equals(normalised(b));
    }

    /** Sorted lines without AsciiDoc's cell and list markers, which move with the order of the items. */
    private static List<String> normalised(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(l -> l.replaceFirst("^[|* ]+", "").strip()).sorted().toList();
    }
}
