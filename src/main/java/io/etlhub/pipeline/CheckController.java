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
    ConfigurationCheck.Shown check(java.util.Locale locale) {
        return check.shown(check.run(), locale);
    }
}
