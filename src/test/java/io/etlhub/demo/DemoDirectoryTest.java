package io.etlhub.demo;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockPropertySource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** etlhub.demo.dir: the demo's folder, absolute, relative to the configuration folder and not to the working directory. */
class DemoDirectoryTest {
    @Test
    void aRelativeDataDirIsResolvedAgainstTheConfigurationFolder() {
        assertThat(dir("/opt/etl-hub", "data/demo")).isEqualTo("/opt/etl-hub/data/demo");
        assertThat(dir("/opt/etl-hub/", "./data/../data/demo")).isEqualTo("/opt/etl-hub/data/demo");
    }

    @Test
    void anAbsoluteDataDirIsKeptAndTheDefaultFolderIsTheWorkingDirectory() {
        assertThat(dir("/opt/etl-hub", "/var/lib/etl-hub/demo")).isEqualTo("/var/lib/etl-hub/demo");
        assertThat(dir(null, "data/demo")).isEqualTo(Path.of("data/demo").toAbsolutePath().toString());
    }

    @Test
    void followsPropertiesAddedLater() {
        StandardEnvironment environment = new StandardEnvironment();
        new DemoDirectory().postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty(DemoDirectory.PROPERTY)).isNull();
        environment.getPropertySources().addFirst(new MockPropertySource()
                .withProperty("etlhub.config-dir", "/srv/hub").withProperty("etlhub.demo.data-dir", "data/demo"));
        assertThat(environment.getProperty(DemoDirectory.PROPERTY)).isEqualTo("/srv/hub/data/demo");
    }

    private static String dir(String configDir, String dataDir) {
        StandardEnvironment environment = new StandardEnvironment();
        MockPropertySource properties = new MockPropertySource().withProperty("etlhub.demo.data-dir", dataDir);
        if (configDir != null) properties.withProperty("etlhub.config-dir", configDir);
        environment.getPropertySources().addFirst(properties);
        new DemoDirectory().postProcessEnvironment(environment, new SpringApplication());
        return environment.getProperty(DemoDirectory.PROPERTY);
    }
}
