package io.etlhub.archive;

import io.etlhub.connector.ConfigFiles;
import org.springframework.mock.env.MockEnvironment;

import java.nio.file.Path;

/** The shipped mappings/archive-customers.yml, read as the hub reads it. */
final class ArchiveMappings {
    private ArchiveMappings() {}

    static ArchiveMapping customers() {
        return new ConfigFiles(new MockEnvironment()).read(Path.of("mappings/archive-customers.yml"), ArchiveMapping.class);
    }
}
