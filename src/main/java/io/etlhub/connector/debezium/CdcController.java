package io.etlhub.connector.debezium;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** GET /api/cdc: every capture with its state and lag (ADMIN, as all of /api/). */
@RestController
class CdcController {
    private final CdcEngines engines;

    CdcController(CdcEngines engines) {
        this.engines = engines;
    }

    @GetMapping("/api/cdc")
    List<CdcStatus> captures() {
        return engines.all();
    }
}
