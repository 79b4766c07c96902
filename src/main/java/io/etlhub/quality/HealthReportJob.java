package io.etlhub.quality;

import io.etlhub.pipeline.RouteDefinition;
import io.etlhub.pipeline.RouteJob;
import io.etlhub.pipeline.RunContext;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Route kind {@code health-report}: the month's data-health report. Parameters: month (2026-10;
 * default the previous month), out (an .xlsx path, CLI only), lang (zh default, en). The report is
 * stored and downloaded from /api/quality/reports/{id}/xlsx; a run also writes its workbook into the
 * step's outputDir option when one is set.
 */
@Component
class HealthReportJob implements RouteJob {
    private final HealthReportService service;
    private final QualityChecker checker;

    HealthReportJob(HealthReportService service, QualityChecker checker) {
        this.service = service;
        this.checker = checker;
    }

    @Override
    public String kind() { return "health-report"; }

    @Override
    public java.util.List<String> counters() { return java.util.List.of("metrics", "findings"); }

    @Override
    public void validate(RouteDefinition route) {
        checker.settings();
        HealthReportService.locale(route.option("lang", "zh"));
    }

    /** month: the report's month (empty: the previous month). */
    @Override
    public java.util.List<io.etlhub.pipeline.RunParameter> parameters() {
        return java.util.List.of(io.etlhub.pipeline.RunParameter.month("month", false));
    }

    @Override
    public void checkParameters(Map<String, String> parameters) {
        String month = parameters.get("month");
        if (month == null || month.isBlank()) return;
        try {
            java.time.YearMonth.parse(month.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw new io.etlhub.pipeline.BadRunParameterException("quality.param.badMonth", month);
        }
    }

    @Override
    public void run(RouteDefinition route, RunContext context) throws Exception {
        String month = context.parameter("month") != null ? context.parameter("month") : context.parameter("period");
        ReportPeriod period = month == null ? service.defaultPeriod() : ReportPeriod.parse(month);
        String lang = context.parameter("lang") != null ? context.parameter("lang") : route.option("lang", "zh");
        java.util.Locale locale = HealthReportService.locale(lang);
        HealthReport report = service.generate(period, context.runId(), context.trigger().name(), context.actor());
        Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
        report.metrics().forEach(m -> verdicts.merge(m.verdict(), 1, Integer::sum));
        long findings = report.findings().values().stream().mapToLong(java.util.List::size).sum();
        context.set("metrics", report.metrics().size());
        context.set("findings", findings);
        context.output("reportId", report.id());
        context.output("month", report.period());
        context.output("verdicts", verdicts);
        context.output("findings", findings);
        // Stored in the hub: anyone with the OPS role downloads it there, whoever started the run.
        context.output("download", "/api/quality/reports/" + report.id() + "/xlsx");
        Path out = outputFile(route, context, period);
        if (out != null) {
            service.writeXlsx(report, locale, out);
            context.output("file", out.toAbsolutePath().toString());
        }
    }

    /** --out (CLI only: over HTTP it is refused), else the route file's outputDir (set by an admin). */
    private static Path outputFile(RouteDefinition route, RunContext context, ReportPeriod period) {
        String out = context.parameter("out");
        if (out != null && !out.isBlank()) return Path.of(out);
        String dir = route.option("outputDir", "");
        return dir.isBlank() ? null : Path.of(dir).resolve("health-" + period + ".xlsx");
    }
}
