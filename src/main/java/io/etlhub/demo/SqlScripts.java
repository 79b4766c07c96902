package io.etlhub.demo;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import javax.sql.DataSource;

/** Runs one of the demo/<dialect>/ schema scripts on a data source. */
public final class SqlScripts {
    private SqlScripts() {}

    public static void run(DataSource dataSource, String classpathScript) {
        ResourceDatabasePopulator populator = new ResourceDatabasePopulator(new ClassPathResource(classpathScript));
        populator.setSqlScriptEncoding("UTF-8");
        populator.execute(dataSource);
    }
}
