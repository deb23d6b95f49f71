package io.zhenggai.report.api;

import static io.zhenggai.report.Api.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A real pool exhausted by the test itself: it holds every connection the pool may open, so a request that needs the
 * database waits out the acquisition timeout and is answered 503 with Retry-After, as a problem in Chinese — not 500.
 * Once the connections are back, the same request succeeds, so the 503 came from the pool and nothing else. (No test
 * profile: a second Quarkus start in the same JVM would start a second embedded database.)
 */
@QuarkusTest
class PoolExhaustedTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void answersServiceUnavailableWhileThePoolIsExhausted() throws Exception {
        AgroalConnectionPoolConfiguration pool = dataSource.getConfiguration().connectionPoolConfiguration();
        Duration timeout = pool.acquisitionTimeout();
        List<Connection> held = new ArrayList<>();
        try {
            pool.setAcquisitionTimeout(Duration.ofSeconds(2));
            while (held.size() < pool.maxSize()) {
                held.add(takeAConnection());
            }
            given().get("/api/reports/summary").then()
                    .statusCode(503)
                    .contentType(Problem.MEDIA_TYPE)
                    .header("Retry-After", equalTo(String.valueOf(ProblemMapper.RETRY_AFTER_SECONDS)))
                    .body("type", equalTo("https://zhenggai.io/problems/service-unavailable"))
                    .body("status", equalTo(503))
                    .body("detail", containsString("服务繁忙，请稍后重试"))
                    .body("detail", containsString("数据库连接"));
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
            pool.setAcquisitionTimeout(timeout);
        }
        given().get("/api/reports/summary").then().statusCode(200);
    }

    /** A connection of the pool, waiting while a background job (intake, projections) has one for a moment. */
    private Connection takeAConnection() throws InterruptedException, SQLException {
        SQLException last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                Connection connection = dataSource.getConnection();
                connection.createStatement().execute("select 1");
                return connection;
            } catch (SQLException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw last;
    }
}
