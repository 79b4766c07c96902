package io.etlhub.pipeline;

import java.io.PrintStream;
import java.util.Map;

/**
 * A one-shot command of the CLI that is not a route ({@code run check}, {@code run init-crm}):
 * {@link CommandLineRun} runs it instead of a route of the same name. Returns the exit code.
 */
public interface CliCommand {
    String name();

    int run(Map<String, String> parameters, PrintStream out) throws Exception;
}
