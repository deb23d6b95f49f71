package io.zhenggai.report.api;

import static io.zhenggai.report.Api.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A pool of two connections (Flyway needs two at startup) that the test itself holds: a request that needs the database waits out the acquisition
 * timeout and is answered 503 with Retry-After, as a problem in Chinese — not 500. Once the connection is back, the
 * same request succeeds, so the 503 came from the pool and nothing else.
 */
@QuarkusTest
@TestProfile(PoolExhaustedTest.TwoConnections.class)
class PoolExhaustedTest {

    public static class TwoConnections implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.max-size", String.valueOf(POOL),
                    "quarkus.datasource.jdbc.min-size", "0",
                    "quarkus.datasource.jdbc.initial-size", "0",
                    "quarkus.datasource.jdbc.acquisition-timeout", "2S",
                    // keep what the other test classes stored: this restart need not wipe the database
                    "quarkus.flyway.clean-at-start", "false");
        }
    }

    static final int POOL = 2;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void answersServiceUnavailableWhileThePoolIsExhausted() throws Exception {
        try (Connection first = holdAConnection(); Connection second = holdAConnection()) {
            given().get("/api/reports/summary").then()
                    .statusCode(503)
                    .contentType(Problem.MEDIA_TYPE)
                    .header("Retry-After", equalTo(String.valueOf(ProblemMapper.RETRY_AFTER_SECONDS)))
                    .body("type", equalTo("https://zhenggai.io/problems/service-unavailable"))
                    .body("status", equalTo(503))
                    .body("detail", containsString("服务繁忙，请稍后重试"))
                    .body("detail", containsString("数据库连接"));
        }
        given().get("/api/reports/summary").then().statusCode(200);
    }

    /** One of the pool's connections, waiting while a background job (intake, projections) has it for a moment. */
    private Connection holdAConnection() throws InterruptedException {
        SQLException last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                Connection connection = dataSource.getConnection();
                connection.createStatement().execute("select 1");
                return connection;
            } catch (SQLException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        fail("could not take a connection of the pool", last);
        return null;
    }
}
