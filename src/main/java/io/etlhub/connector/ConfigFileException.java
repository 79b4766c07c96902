package io.etlhub.connector;

import java.nio.file.Path;

/** An admin-editable file (route, connector, mapping) that cannot be used: says which file, which line and what is wrong. */
public class ConfigFileException extends RuntimeException {
    private final Path file;
    private final int line;

    public ConfigFileException(Path file, int line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
    }

    public Path file() { return file; }

    public int line() { return line; }
}
