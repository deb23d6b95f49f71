package io.zhenggai.local.test;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zhenggai.local.PostgresServer;

/**
 * A real PostgreSQL for {@code @QuarkusTest}: {@code @WithTestResource(value = PostgresTestResource.class,
 * initArgs = @ResourceArg(name = "database", value = "issues"))}.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private String database = "app";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        PostgresServer server = SharedInfrastructure.postgres().ensureDatabase(database);
        return Map.of(
                "quarkus.datasource.jdbc.url", server.jdbcUrl(database),
                "quarkus.datasource.username", PostgresServer.USER,
                "quarkus.datasource.password", "");
    }

    @Override
    public void stop() {
        // shared for the whole JVM, stopped by SharedInfrastructure
    }
}
