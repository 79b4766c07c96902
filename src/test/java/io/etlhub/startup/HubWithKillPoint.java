package io.etlhub.startup;

import io.etlhub.EtlHubApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The hub exactly as EtlHubApplication starts it, plus one Flyway callback bean (a {@link KillPoint},
 * from the system property etlhub.test.kill-point) that Spring Boot hands to the hub store's Flyway and
 * CrmReferenceSchema to the CRM preparation's. Test classpath only.
 */
public final class HubWithKillPoint {
    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(EtlHubApplication.class);
        String spec = System.getProperty("etlhub.test.kill-point");
        application.addInitializers((ConfigurableApplicationContext context) ->
                context.getBeanFactory().registerSingleton("killPoint", new KillPoint(spec)));
        application.run(args);
    }
}
