package io.etlhub.connector.webhook;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The outbox for admins (ADMIN, as all of /api/): what was sent, what waits, what failed and why. */
@RestController
class NotificationController {
    private final Outbox outbox;

    NotificationController(Outbox outbox) {
        this.outbox = outbox;
    }

    @GetMapping("/api/notifications")
    List<Outbox.Entry> list(@RequestParam(required = false) String state, @RequestParam(required = false) String endpoint,
                            @RequestParam(defaultValue = "100") int limit) {
        return outbox.list(state, endpoint, limit);
    }

    /** Puts a FAILED notification back in the queue. */
    @PostMapping("/api/notifications/{id}/retry")
    ResponseEntity<Void> retry(@PathVariable long id) {
        return outbox.retry(id) ? ResponseEntity.noContent().build() : ResponseEntity.status(409).build();
    }
}
