package io.etlhub.pipeline;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The hub's output folder (etlhub.output-dir): a run started over HTTP or from the console writes its
 * files into run-{id}/ there, never to a path the caller names, and they are downloaded through
 * GET /api/runs/{id}/files/{name}.
 */
@Component
public class OutputFolder {
    /** A file name the hub makes itself: no folders, no leading dot. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,150}");

    private final Path root;

    public OutputFolder(@Value("${etlhub.output-dir:data/output}") String dir) {
        this.root = Path.of(dir).toAbsolutePath().normalize();
    }

    /** Where run {@code runId} writes its file {@code name} (the folder is created). */
    public Path file(long runId, String name) {
        if (!NAME.matcher(name).matches()) throw new IllegalArgumentException("not an output file name: " + name);
        Path dir = root.resolve("run-" + runId);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir.resolve(name);
    }

    /**
     * Where a run writes its file: the path its CLI caller gave ({@code explicit}, e.g. --out), else for a
     * run started by hand (console, HTTP) {@code name} in the output folder, with its download address in
     * the summary; null for other runs (nothing is written).
     */
    public Path target(RunContext context, String explicit, String name) {
        if (explicit != null && !explicit.isBlank()) return Path.of(explicit).toAbsolutePath();
        if (context.trigger() != Trigger.MANUAL) return null;
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        context.output("download", downloadPath(context.runId(), safe));
        return file(context.runId(), safe);
    }

    /** The download address of a run's file, for its summary. */
    public static String downloadPath(long runId, String name) {
        return "/api/runs/" + runId + "/files/" + name;
    }

    /** A run's file, when it exists; a name that is no plain file name is simply not found. */
    Optional<Path> find(long runId, String name) {
        if (name == null || !NAME.matcher(name).matches()) return Optional.empty();
        Path file = root.resolve("run-" + runId).resolve(name);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }
}
