package io.etlhub.pipeline;

import io.etlhub.connector.HubConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;

/**
 * Watches routes/, connectors/ and mappings/ and reloads the routes when a file changes, so an edit
 * takes effect without a restart. Events are gathered for a short quiet period first: editors write
 * a file in several steps.
 */
@Component
class ConfigWatcher implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ConfigWatcher.class);

    private final HubConfig config;
    private final RouteCatalog catalog;
    private final AuditLog audit;
    private final boolean enabled;
    private final long quietMillis;
    private volatile WatchService watcher;
    private volatile Thread thread;

    ConfigWatcher(HubConfig config, RouteCatalog catalog, AuditLog audit, @Value("${etlhub.console.watch-files:true}") boolean enabled,
                  @Value("${etlhub.console.watch-quiet-millis:500}") long quietMillis) {
        this.config = config;
        this.catalog = catalog;
        this.audit = audit;
        this.enabled = enabled;
        this.quietMillis = quietMillis;
    }

    @Override
    public void start() {
        if (!enabled) return;
        try {
            watcher = FileSystems.getDefault().newWatchService();
            for (String folder : new String[] {"routes", "connectors", "mappings"}) {
                Path dir = config.dir(folder);
                if (Files.isDirectory(dir)) {
                    dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                            StandardWatchEventKinds.ENTRY_DELETE);
                }
            }
        } catch (IOException e) {
            log.warn("cannot watch the configuration folders, changes need the reload action: {}", e.getMessage());
            return;
        }
        thread = new Thread(this::loop, "config-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                WatchKey key = watcher.take();
                boolean relevant = drain(key);
                // Gather the rest of an editor's save before reloading once.
                WatchKey more;
                while ((more = watcher.poll(quietMillis, TimeUnit.MILLISECONDS)) != null) relevant |= drain(more);
                if (!relevant) continue;
                try {
                    RouteCatalog.ReloadResult result = catalog.reload();
                    log.info("configuration changed on disk: routes {} loaded, rejected {}", result.routes(), result.rejected());
                    audit.record("file-watch", "RELOAD", "routes", null, "loaded " + result.routes() + ", rejected " + result.rejected());
                } catch (RuntimeException e) {
                    log.error("reload after a file change failed: {}", e.getMessage());
                }
            }
        } catch (InterruptedException | java.nio.file.ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True when a real config file changed (not an editor's hidden temp file). */
    private static boolean drain(WatchKey key) {
        boolean relevant = false;
        for (var event : key.pollEvents()) {
            String name = String.valueOf(event.context());
            if (!name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml"))) relevant = true;
        }
        key.reset();
        return relevant;
    }

    @Override
    public void stop() {
        if (thread != null) thread.interrupt();
        try {
            if (watcher != null) watcher.close();
        } catch (IOException ignored) {
            // closing on shutdown
        }
        thread = null;
    }

    @Override
    public boolean isRunning() { return thread != null; }
}
