package io.etlhub.pipeline;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** GET /api/check: the same checks as `run check`, for the console's routes page and monitoring. */
@RestController
class CheckController {
    private final ConfigurationCheck check;

    CheckController(ConfigurationCheck check) {
        this.check = check;
    }

    @GetMapping("/api/check")
    ConfigurationCheck.Report check() {
        return check.run();
    }
}
