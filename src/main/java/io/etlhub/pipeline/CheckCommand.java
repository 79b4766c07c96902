package io.etlhub.pipeline;

import io.etlhub.connector.CheckLine;
import org.springframework.stereotype.Component;

import org.springframework.context.MessageSource;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * {@code run check [--lang en]}: one line per check, in Chinese unless --lang names another language of the bundles;
 * exit code 1 when any check failed (warnings do not count).
 */
@Component
class CheckCommand implements CliCommand {
    private final ConfigurationCheck check;
    private final MessageSource messages;

    CheckCommand(ConfigurationCheck check, MessageSource messages) {
        this.check = check;
        this.messages = messages;
    }

    @Override
    public String name() { return "check"; }

    @Override
    public int run(Map<String, String> parameters, PrintStream out) {
        Locale locale = parameters.containsKey("lang") ? Locale.forLanguageTag(parameters.get("lang").replace('_', '-'))
                : Locale.SIMPLIFIED_CHINESE;
        ConfigurationCheck.Report report = check.run();
        check.shown(report, locale).lines().forEach(out::println);
        long failed = report.lines().stream().filter(l -> l.status() == CheckLine.Status.FAIL).count();
        out.println(failed == 0 ? messages.getMessage("check.all-ok", null, locale)
                : messages.getMessage("check.faults", new Object[] {String.valueOf(failed)}, locale));
        return report.ok() ? 0 : 1;
    }
}
