package io.etlhub.quality;

import io.etlhub.pipeline.AuditLog;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;

/** Checks a month, stores the report with its history, and renders a stored report as .xlsx. */
@Service
public class HealthReportService {
    static final int TREND_MONTHS = 12;

    private final QualityChecker checker;
    private final HealthReports reports;
    private final MessageSource messages;
    private final Clock clock;
    private final AuditLog audit;

    public HealthReportService(QualityChecker checker, HealthReports reports, MessageSource messages, Clock clock, AuditLog audit) {
        this.audit = audit;
        this.checker = checker;
        this.reports = reports;
        this.messages = messages;
        this.clock = clock;
    }

    /** The month a report is for when none is named: the previous calendar month (hub time zone). */
    public ReportPeriod defaultPeriod() {
        return new ReportPeriod(YearMonth.now(clock).minusMonths(1));
    }

    public HealthReport generate(ReportPeriod period, Long runId, String trigger, String actor) {
        List<RuleOutcome> outcomes = checker.check(period);
        long id = reports.save(period, outcomes, checker.settings(), runId, trigger, actor, LocalDateTime.now(clock));
        // Audited here, whoever asked (schedule, console, REST, CLI).
        audit.record(actor, "HEALTH_REPORT", "health report " + period, null, "report " + id + ", run " + runId);
        return reports.get(id);
    }

    public void writeXlsx(HealthReport report, Locale locale, OutputStream out) throws IOException {
        YearMonth month = YearMonth.parse(report.period());
        new HealthWorkbook(messages, locale).write(report, reports.trend(month, TREND_MONTHS), month, TREND_MONTHS, out);
    }

    public void writeXlsx(HealthReport report, Locale locale, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        // Written next to the target and moved into place, so a failed run leaves no half-written workbook.
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        try (OutputStream out = Files.newOutputStream(partial)) {
            writeXlsx(report, locale, out);
        }
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    public static Locale locale(String lang) {
        if (lang == null || lang.isBlank() || lang.equalsIgnoreCase("zh") || lang.equalsIgnoreCase("zh-CN")) return Locale.SIMPLIFIED_CHINESE;
        if (lang.equalsIgnoreCase("en")) return Locale.ENGLISH;
        throw new io.etlhub.pipeline.Refusal("lang must be zh or en, found '" + lang + "'", "quality.refused.badLang", lang);
    }
}
