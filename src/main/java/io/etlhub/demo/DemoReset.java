package io.etlhub.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * {@code --etlhub.demo.reset=true} (or ETLHUB_DEMO_RESET=true): deletes the embedded demo's databases
 * under etlhub.demo.dir before anything opens them, so this start seeds a fresh demo. Runs before the
 * hub store is migrated, hence a listener on the prepared environment and not a bean. Refuses while
 * another hub (the demo server or a one-shot run) has the databases open.
 */
public class DemoReset implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {
    private static final Logger log = LoggerFactory.getLogger(DemoReset.class);

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment environment = event.getEnvironment();
        if (!environment.getProperty("etlhub.demo.reset", Boolean.class, false)) return;
        String dir = environment.getProperty(DemoDirectory.PROPERTY);
        if (dir == null) return;
        int deleted = reset(Path.of(dir));
        log.info("demo reset: deleted {} database files under {}; this start seeds a fresh demo", deleted, dir);
    }

    /** Deletes the H2 database files of the folder; fails when a running hub holds one of them open. */
    static int reset(Path dir) {
        if (!Files.isDirectory(dir)) return 0;
        List<Path> files = list(dir);
        for (Path f : files) {
            String server = f.getFileName().toString().endsWith(".lock.db") ? serverOf(f) : null;
            if (server != null && reachable(server)) {
                throw new IllegalStateException("demo reset refused: " + f + " is open in a running hub (H2 server " + server
                        + "); stop it first, then start again with --etlhub.demo.reset=true");
            }
        }
        for (Path f : files) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                throw new UncheckedIOException("demo reset: cannot delete " + f + ": " + e.getMessage(), e);
            }
        }
        return files.size();
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".db")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("demo reset: cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The host:port an AUTO_SERVER database's owner listens on, from its H2 lock file. */
    private static String serverOf(Path lockFile) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(lockFile)) {
            p.load(in);
        } catch (IOException e) {
            return null;
        }
        return p.getProperty("server");
    }

    /** A lock file left by a killed hub names a server nobody answers on any more. */
    private static boolean reachable(String server) {
        int colon = server.lastIndexOf(':');
        if (colon < 0) return false;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(server.substring(0, colon), Integer.parseInt(server.substring(colon + 1))), 2000);
            return true;
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }
}
