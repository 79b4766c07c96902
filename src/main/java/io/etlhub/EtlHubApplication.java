package io.etlhub;

import io.etlhub.pipeline.CommandLineRun;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class EtlHubApplication {
    public static void main(String[] args) {
        if (CommandLineRun.isRunCommand(args)) {
            System.exit(CommandLineRun.execute(EtlHubApplication.class, args));
        }
        SpringApplication.run(EtlHubApplication.class, args);
    }
}
