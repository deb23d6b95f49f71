package io.zhenggai.issue.supervision;

import static io.zhenggai.issue.Api.office;
import static io.zhenggai.issue.supervision.RemindersTest.unit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.zhenggai.issue.Api;
import io.zhenggai.issue.journal.AggregateType;
import io.zhenggai.issue.journal.ContractTest;
import io.zhenggai.issue.journal.EventTypes;
import io.zhenggai.issue.journal.Journal;
import io.zhenggai.issue.journal.JournalEntry;

/**
 * The inbox follower never stalls on one journal entry, and never skips one for a passing failure:
 * <pre>
 *   journal                                               the follower
 *   an urge, a reminder it cannot apply, another urge     sets the reminder aside (inbox_skip, once, listed for the
 *                                                         operator), both urges reach the inbox
 *   an urge while a transaction holds inbox_item locked   lock timeout: stops before it, records no skip; once the
 *                                                         lock is gone the urge reaches the inbox
 * </pre>
 * The unapplicable entry is one the contract accepts (the journal of these tests is checked against it whole,
 * {@code ContractTest}): a YELLOW reminder of an issue whose snapshot has no deadline, which no sweep makes but an
 * older or foreign writer could; its 临期 title needs the deadline, so applying it throws.
 */
@QuarkusTest
class InboxSkipTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    InboxFollower follower;

    @Inject
    Journal journal;

    @Inject
    DataSource dataSource;

    @Test
    void shouldSkipAnEntryItCannotApplyRecordItAndApplyTheEntriesAfterIt() throws Exception {
        String unit = "跳过测试局-" + UUID.randomUUID();
        String issue = RemindersTest.assigned(unit, LocalDate.now(MovableClock.ZONE).plusDays(60));
        urge(issue, "第一次催办");
        JournalEntry unapplicable = yellowReminderWithoutDeadline(issue, unit);
        JournalEntry second = urge(issue, "第二次催办");

        // the journal of these tests stays valid as a whole (ContractTest reads all of it)
        io.vertx.core.json.JsonArray published = new io.vertx.core.json.JsonArray(Api.as("op", "operator")
                .get("/api/journal?after=" + (unapplicable.position() - 1) + "&limit=1").then().statusCode(200)
                .extract().asString());
        assertThat(ContractTest.contract().validate(published.getJsonObject(0)).getValid()).isTrue();

        follower.catchUp();

        unit(unit).get("/api/inbox?kind=URGE").then().statusCode(200).body("total", equalTo(2))
                .body("items.message", equalTo(List.of("第二次催办", "第一次催办")));
        unit(unit).get("/api/inbox?kind=REMINDER").then().statusCode(200).body("total", equalTo(0));
        assertThat(position()).isGreaterThanOrEqualTo(second.position());
        JsonNode skips = JSON.readTree(Api.as("op", "operator").get("/api/admin/inbox-skips?limit=500").then()
                .statusCode(200).extract().asString());
        List<JsonNode> mine = find(skips, unapplicable.eventId());
        assertThat(mine).hasSize(1);
        JsonNode skip = mine.get(0);
        assertThat(skip.path("position").asLong()).isEqualTo(unapplicable.position());
        assertThat(skip.path("eventType").asText()).isEqualTo(EventTypes.ISSUE_REMINDED);
        assertThat(skip.path("aggregateId").asText()).isEqualTo(unapplicable.aggregateId().toString());
        assertThat(skip.path("exception").asText()).isEqualTo(NullPointerException.class.getName());
        assertThat(skip.path("error").asText()).startsWith("NullPointerException");
        assertThat(skip.path("skippedAt").asText()).isNotEmpty();

        // read again (a lost position): still one record, and the urges are not doubled
        execute("UPDATE supervision_position SET last = " + (unapplicable.position() - 1));
        follower.catchUp();
        assertThat(find(JSON.readTree(Api.as("op", "operator").get("/api/admin/inbox-skips?limit=500").then()
                .statusCode(200).extract().asString()), unapplicable.eventId())).hasSize(1);
        unit(unit).get("/api/inbox?kind=URGE").then().statusCode(200).body("total", equalTo(2));
    }

    @Test
    void shouldRetryAnEntryThatFailsForAPassingReasonAndNeverSkipIt() throws Exception {
        String unit = "重试跟随局-" + UUID.randomUUID();
        String issue = RemindersTest.assigned(unit, LocalDate.now(MovableClock.ZONE).plusDays(60));
        follower.catchUp();
        JournalEntry urge;
        try (Connection locker = dataSource.getConnection(); Statement statement = locker.createStatement()) {
            locker.setAutoCommit(false);
            // another transaction holds the inbox against writes: the follower's insert waits out its lock timeout
            statement.execute("LOCK TABLE inbox_item IN EXCLUSIVE MODE");
            urge = urge(issue, "锁定期间的催办");
            follower.catchUp();
            assertThat(position()).as("stopped before the urge").isLessThan(urge.position());
            assertThat(skipsOf(urge.eventId())).as("a lock timeout is no reason to skip").isZero();
            unit(unit).get("/api/inbox?kind=URGE").then().statusCode(200).body("total", equalTo(0));
            locker.rollback();
            locker.setAutoCommit(true);
        }

        follower.catchUp();
        unit(unit).get("/api/inbox?kind=URGE").then().statusCode(200).body("total", equalTo(1))
                .body("items[0].message", equalTo("锁定期间的催办")).body("items[0].eventId",
                        equalTo(urge.eventId().toString()));
        assertThat(position()).isGreaterThanOrEqualTo(urge.position());
        assertThat(skipsOf(urge.eventId())).isZero();
    }

    /** 催办 through the API; returns its journal entry. */
    JournalEntry urge(String issue, String message) {
        office().body("{\"message\": \"%s\"}".formatted(message)).post("/api/issues/" + issue + "/urge").then()
                .statusCode(201);
        List<JournalEntry> history = journal.history(UUID.fromString(issue));
        return history.get(history.size() - 1);
    }

    /**
     * A reminded event the contract accepts and the follower cannot apply: the issue's latest snapshot without its
     * deadline, YELLOW, under an aggregate of its own (so that the issue's sequence stays its own).
     */
    JournalEntry yellowReminderWithoutDeadline(String issue, String unit) {
        List<JournalEntry> history = journal.history(UUID.fromString(issue));
        ObjectNode snapshot = history.get(history.size() - 1).payload().path("issue").deepCopy();
        UUID aggregate = UUID.randomUUID();
        snapshot.put("id", aggregate.toString());
        snapshot.putNull("deadline");
        Map<String, Object> payload = Map.of("issue", snapshot, "reminder", Map.of("level", "YELLOW",
                "day", LocalDate.now(MovableClock.ZONE).toString(), "recipients", List.of(unit)));
        QuarkusTransaction.requiringNew().run(() -> journal.append(AggregateType.ISSUE, aggregate, 1,
                EventTypes.ISSUE_REMINDED, null, SupervisionEvents.SYSTEM_ACTOR, payload));
        return journal.history(aggregate).get(0); // with its position: the commit waited for it
    }

    static List<JsonNode> find(JsonNode skips, UUID eventId) {
        List<JsonNode> found = new java.util.ArrayList<>();
        skips.forEach(skip -> {
            if (skip.path("eventId").asText().equals(eventId.toString())) {
                found.add(skip);
            }
        });
        return found;
    }

    long skipsOf(UUID eventId) throws SQLException {
        return single("SELECT count(*) FROM inbox_skip WHERE event_id = '" + eventId + "'");
    }

    long position() throws SQLException {
        return single("SELECT last FROM supervision_position WHERE id = 1");
    }

    long single(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
