package io.etlhub.pipeline;

import io.etlhub.EtlHubApplication;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The CLI ({@code java -jar etl-hub.jar run ...}) in this JVM, its exit code and output captured. */
record CliOutput(int exitCode, String output) {
    static CliOutput run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            code = CommandLineRun.execute(EtlHubApplication.class, args);
        } finally {
            System.setOut(original);
        }
        return new CliOutput(code, captured.toString(StandardCharsets.UTF_8));
    }

    List<String> lines() { return output.strip().lines().toList(); }

    String lastLine() { return lines().get(lines().size() - 1); }

    /** What the CLI printed itself, without the log lines of the start (they begin with a timestamp). */
    List<String> report() { return lines().stream().filter(l -> !l.matches("^\\d{4}-\\d{2}-\\d{2}T.*")).toList(); }
}
