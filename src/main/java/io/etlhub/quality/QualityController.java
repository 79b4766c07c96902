package io.etlhub.quality;

import io.etlhub.pipeline.RouteRunner;
import io.etlhub.pipeline.RunSummary;
import io.etlhub.pipeline.Trigger;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** /api/quality: run the data-health report on demand, list the stored reports, read one (JSON or .xlsx). */
@RestController
@RequestMapping("/api/quality")
class QualityController {
    static final String ROUTE = "health-report";

    private final RouteRunner runner;
    private final HealthReports reports;
    private final HealthReportService service;
    private final io.etlhub.pipeline.ApiErrors errors;

    QualityController(RouteRunner runner, HealthReports reports, HealthReportService service, io.etlhub.pipeline.ApiErrors errors) {
        this.errors = errors;
        this.runner = runner;
        this.reports = reports;
        this.service = service;
    }

    @PostMapping("/reports")
    ResponseEntity<RunSummary> run(@RequestParam(required = false) String month, Principal principal) {
        Map<String, String> params = new LinkedHashMap<>();
        if (month != null) params.put("month", ReportPeriod.parse(month).toString());
        RunSummary summary = runner.run(ROUTE, Trigger.MANUAL, principal.getName(), params);
        return ResponseEntity.status(summary.succeeded() ? HttpStatus.CREATED : HttpStatus.INTERNAL_SERVER_ERROR).body(summary);
    }

    @GetMapping("/reports")
    List<HealthReport.Summary> list(@RequestParam(defaultValue = "100") int limit) {
        return reports.list(limit);
    }

    @GetMapping("/reports/{id}")
    HealthReport get(@PathVariable long id) {
        return reports.get(id);
    }

    @GetMapping("/reports/{id}/xlsx")
    ResponseEntity<byte[]> xlsx(@PathVariable long id, @RequestParam(defaultValue = "zh") String lang) throws IOException {
        HealthReport report = reports.get(id);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        service.writeXlsx(report, HealthReportService.locale(lang), out);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=health-" + report.period() + ".xlsx")
                .header(HttpHeaders.CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .body(out.toByteArray());
    }

    /* Refusals answer {"status", "code", "error"}: code the bundle key, error in the reader's language (pipeline.ApiErrors). */

    @ExceptionHandler(HealthReports.NoSuchReportException.class)
    ResponseEntity<Map<String, Object>> notFound(HealthReports.NoSuchReportException e) {
        return errors.refused(HttpStatus.NOT_FOUND, e);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, Object>> badRequest(IllegalArgumentException e) {
        return errors.refused(HttpStatus.BAD_REQUEST, e);
    }
}
