package io.etlhub.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

import java.nio.file.Path;

/**
 * Provides {@code etlhub.demo.dir}: the folder of the embedded demo's H2 databases as an absolute path,
 * {@code etlhub.demo.data-dir} resolved against the configuration folder. The server and a one-shot
 * run started from another working directory (ETLHUB_CONFIG_DIR, --config) so open the same files,
 * and H2 gets the explicit path its file URLs require. Computed on each look-up, so properties added
 * after start-up (tests) count too.
 */
public class DemoDirectory implements EnvironmentPostProcessor, Ordered {
    public static final String PROPERTY = "etlhub.demo.dir";
    static final String CONFIGURED = "etlhub.demo.data-dir";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new Resolved(environment));
    }

    /** After application.yml is loaded (ConfigDataEnvironmentPostProcessor). */
    @Override
    public int getOrder() { return Ordered.LOWEST_PRECEDENCE; }

    public static Path resolve(String configDir, String dataDir) {
        return Path.of(configDir == null || configDir.isBlank() ? "." : configDir).resolve(dataDir).toAbsolutePath().normalize();
    }

    /** Its source is not the environment itself: Spring Boot would expand that into a cycle. */
    private static final class Resolved extends PropertySource<Object> {
        private final ConfigurableEnvironment environment;

        Resolved(ConfigurableEnvironment environment) {
            super("etlhub-demo-dir", new Object());
            this.environment = environment;
        }

        @Override
        public Object getProperty(String name) {
            if (!PROPERTY.equals(name)) return null;
            String configured = environment.getProperty(CONFIGURED);
            if (configured == null || configured.isBlank()) return null;
            // H2 wants forward slashes on every platform.
            return resolve(environment.getProperty("etlhub.config-dir"), configured).toString().replace('\\', '/');
        }
    }
}
