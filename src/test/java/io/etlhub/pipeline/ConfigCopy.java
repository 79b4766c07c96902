package io.etlhub.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** routes/, connectors/ and mappings/ copied into a temporary folder, for a test to change them there. */
final class ConfigCopy {
    private ConfigCopy() {}

    static Path of(Path source) {
        try {
            Path dir = Files.createTempDirectory("etlhub-config");
            for (String folder : List.of("routes", "connectors", "mappings")) {
                Files.createDirectories(dir.resolve(folder));
                try (Stream<Path> files = Files.list(source.resolve(folder))) {
                    for (Path f : files.toList()) Files.copy(f, dir.resolve(folder).resolve(f.getFileName()));
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
