package io.zhenggai.report.intake;

import static io.zhenggai.report.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;

import javax.sql.DataSource;

/**
 * The intake status's newest applied event time, kept on the generation's change clock, against what it replaced:
 * the newest of the aggregates' last applied events in {@code applied_aggregate}.
 */
final class NewestAppliedTime {

    private NewestAppliedTime() {
    }

    /** Asserts the status reports the newest last event of the aggregates, and returns it. */
    static Instant reportedAsTheAggregatesHoldIt(DataSource dataSource) throws Exception {
        String text = given().get("/api/intake/status").then().statusCode(200).extract().path("newestAppliedEventTime");
        assertThat(text).isNotNull();
        Instant reported = Instant.parse(text);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            String active;
            try (ResultSet rs = statement.executeQuery(
                    "SELECT schema_name FROM public.generation WHERE state = 'ACTIVE'")) {
                assertThat(rs.next()).isTrue();
                active = rs.getString(1);
            }
            try (ResultSet rs = statement.executeQuery(
                    "SELECT max(last_event_time) FROM " + active + ".applied_aggregate")) {
                rs.next();
                assertThat(reported).isEqualTo(rs.getObject(1, java.time.OffsetDateTime.class).toInstant());
            }
        }
        return reported;
    }
}
