package io.etlhub.reconciliation;

import io.etlhub.pipeline.OutputFolder;
import io.etlhub.pipeline.RouteDefinition;
import io.etlhub.pipeline.RouteJob;
import io.etlhub.pipeline.RunContext;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Route kind {@code reconciliation}: builds the period's report, writes the .xlsx when --out is given
 * (CLI) or the run was started by hand (into the output folder, downloaded from there),
 * and fails the run (CLI exit 1) when the control total does not balance, after writing the file that shows it.
 */
@Component
class ReconcileJob implements RouteJob {
    private final ReconciliationService service;
    private final ReconciliationTexts texts;
    private final OutputFolder output;

    ReconcileJob(ReconciliationService service, ReconciliationTexts texts, OutputFolder output) {
        this.output = output;
        this.service = service;
        this.texts = texts;
    }

    @Override
    public String kind() { return "reconciliation"; }

    @Override
    public java.util.List<String> counters() { return java.util.List.of("documents", "unmatched", "differences"); }

    @Override
    public java.util.List<io.etlhub.pipeline.RunParameter> parameters() {
        return java.util.List.of(io.etlhub.pipeline.RunParameter.month("period", false),
                io.etlhub.pipeline.RunParameter.date("from"), io.etlhub.pipeline.RunParameter.date("to"));
    }

    @Override
    public void checkParameters(java.util.Map<String, String> parameters) {
        Period.ofRunParameters(parameters);
    }

    @Override
    public void run(RouteDefinition route, RunContext context) throws Exception {
        Period period = Period.of(context.parameter("period"), context.parameter("from"), context.parameter("to"));
        Locale locale = "en".equalsIgnoreCase(context.parameter("lang")) ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
        ReconciliationReport report = service.report(period);
        ReconciliationReport.ControlTotal control = report.control();
        context.count("documents", control.documents());
        context.count("unmatched", report.unmatched().stream().filter(u -> "UNMATCHED".equals(u.state())).count());
        context.count("differences", report.differences().size());
        context.output("period", period.label());
        context.output("erpReceipts", control.erpReceipts());
        context.output("matched", control.matched());
        context.output("unmatched", control.unmatched());
        context.output("dismissed", control.dismissed());
        context.output("invalidDocuments", control.invalid().stream().mapToLong(SourceData.InvalidAmount::documents).sum());
        context.output("controlDifference", control.difference());
        context.output("balanced", control.balanced());
        context.output("differences", report.differences().size());
        String out = context.parameter("out");
        if (out == null) out = context.parameter("arg1");
        Path file = output.target(context, out, "reconciliation-" + period.label() + ".xlsx");
        if (file != null) {
            new ReconciliationWorkbook(texts, locale).write(report, file);
            context.output("file", file.toString());
        }
        if (!control.balanced()) {
            throw new IllegalStateException("CONTROL TOTAL DOES NOT BALANCE for " + period.label() + ": ERP receipts "
                    + control.erpReceipts() + " <> matched " + control.matched() + " + unmatched " + control.unmatched()
                    + " + dismissed " + control.dismissed() + " (difference " + control.difference() + ")");
        }
    }
}
