package io.etlhub.pipeline;

import io.etlhub.connector.CheckLine;
import org.springframework.stereotype.Component;

import java.io.PrintStream;
import java.util.Map;

/** {@code run check}: one line per check; exit code 1 when any check failed (warnings do not count). */
@Component
class CheckCommand implements CliCommand {
    private final ConfigurationCheck check;

    CheckCommand(ConfigurationCheck check) {
        this.check = check;
    }

    @Override
    public String name() { return "check"; }

    @Override
    public int run(Map<String, String> parameters, PrintStream out) {
        ConfigurationCheck.Report report = check.run();
        report.lines().forEach(out::println);
        long failed = report.lines().stream().filter(l -> l.status() == CheckLine.Status.FAIL).count();
        out.println(failed == 0 ? "check: all OK" : "check: " + failed + " fault(s)");
        return report.ok() ? 0 : 1;
    }
}
