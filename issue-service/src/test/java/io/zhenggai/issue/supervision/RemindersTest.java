package io.zhenggai.issue.supervision;

import static io.zhenggai.issue.Api.office;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.zhenggai.issue.Api;
import io.zhenggai.local.test.JwtTestResource;

/**
 * 督办 with the business clock moved forward:
 * <pre>
 *   day               sweep (twice, then from two threads)   inbox of 督办测试局    robots (企业微信, 钉钉, 飞书)
 *   deadline − 5      one YELLOW reminder                    one YELLOW item        each one, signed
 *   deadline + 1      one RED reminder                       one RED item (+ 张三)   each one more, signed
 *   the same again    nothing                                nothing new            nothing new
 *   a lost follower position, a republished journal, a delivery whose commit is lost: nothing twice, except the one
 *   delivery redelivered with the same X-Zhenggai-Delivery id (at least once, with an idempotency id)
 * </pre>
 */
@QuarkusTest
class RemindersTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    MovableClock clock;

    @Inject
    Reminders reminders;

    @Inject
    InboxFollower follower;

    @Inject
    WebhookWorker worker;

    @Inject
    DataSource dataSource;

    @Inject
    io.micrometer.core.instrument.MeterRegistry meters;

    @ConfigProperty(name = "zhenggai.webhooks.feishu.url")
    String feishuUrl;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void shouldRemindYellowAndRedOnceEachInTheInboxAndAtTheRobots() throws Exception {
        LocalDate deadline = LocalDate.now(MovableClock.ZONE).plusDays(20);
        String issue = assignedAndSigned(WebhookReceiver.UNIT, deadline);

        clock.moveTo(deadline.minusDays(5));
        sweepTwiceAndConcurrently(deadline.minusDays(5));
        assertThat(reminders(issue)).containsExactly("YELLOW " + deadline.minusDays(5));
        deliverAll();
        await().atMost(Duration.ofSeconds(20)).until(() -> received(issue).size() == 3);

        clock.moveTo(deadline.plusDays(1));
        sweepTwiceAndConcurrently(deadline.plusDays(1));
        assertThat(reminders(issue)).containsExactly("YELLOW " + deadline.minusDays(5), "RED " + deadline.plusDays(1));
        deliverAll();
        await().atMost(Duration.ofSeconds(20)).until(() -> received(issue).size() == 6);

        // the same day again, and a follower that lost its position and reads the whole journal again
        sweepTwiceAndConcurrently(deadline.plusDays(1));
        execute("UPDATE supervision_position SET last = 0");
        deliverAll();
        // the journal republished to Kafka (what a replay of report-service reads): nothing is sent from it
        long last = as("op", "operator").get("/api/journal?after=0&limit=1").then().statusCode(200).extract()
                .jsonPath().getLong("[0].position");
        as("op", "operator").body("{\"fromPosition\": %d, \"toPosition\": %d}".formatted(last, last + 100000))
                .post("/api/journal/republish").then().statusCode(200);
        deliverAll();
        assertThat(reminders(issue)).hasSize(2);
        assertThat(deliveries(issue)).isEqualTo(6);
        assertThat(reminderEvents(issue)).containsExactly("YELLOW", "RED");

        // each robot got YELLOW then RED, once each, in its own shape, signed
        List<WebhookReceiver.Received> got = received(issue);
        assertThat(got.stream().map(r -> r.path()).sorted().toList())
                .containsExactly("/ding", "/ding", "/feishu", "/feishu", "/wecom", "/wecom");
        assertThat(got.stream().map(r -> r.header("X-Zhenggai-Delivery")).distinct()).hasSize(6);
        for (WebhookReceiver.Received r : got) {
            String name = r.path().substring(1);
            assertThat(r.header("X-Zhenggai-Signature")).as(name)
                    .isEqualTo(RobotMessages.bodySignature(WebhookReceiver.SECRETS.get(name), r.body()));
            JsonNode body = JSON.readTree(r.body());
            switch (name) {
                case "wecom" -> {
                    assertThat(body.path("msgtype").asText()).isEqualTo("text");
                    assertThat(body.path("text").path("content").asText()).contains("【整改督办】");
                }
                case "ding" -> {
                    assertThat(body.path("msgtype").asText()).isEqualTo("markdown");
                    assertThat(body.path("markdown").path("text").asText()).startsWith("**【整改督办】");
                    Map<String, String> query = query(r.query());
                    assertThat(query.get("access_token")).isEqualTo("robot-token");
                    assertThat(query.get("sign")).isEqualTo(RobotMessages.dingTalkSign(
                            WebhookReceiver.SECRETS.get("ding"), query.get("timestamp")));
                    assertThat(Long.parseLong(query.get("timestamp")))
                            .isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(120_000L));
                }
                case "feishu" -> {
                    assertThat(body.path("msg_type").asText()).isEqualTo("text");
                    assertThat(body.path("content").path("text").asText()).contains("【整改督办】");
                    assertThat(body.path("sign").asText()).isEqualTo(RobotMessages.feishuSign(
                            WebhookReceiver.SECRETS.get("feishu"), body.path("timestamp").asText()));
                }
                default -> throw new AssertionError(name);
            }
        }
        assertThat(got.stream().filter(r -> r.path().equals("/wecom"))
                .map(RemindersTest::firstLine))
                .satisfiesExactly(yellow -> assertThat(yellow).contains("临期提醒").contains("还有5天"),
                        red -> assertThat(red).contains("逾期催办").contains("已逾期1天"));

        // the unit's inbox: one YELLOW and one RED; the lead leader hears of RED
        unit(WebhookReceiver.UNIT).get("/api/inbox?kind=REMINDER&issue=" + issue).then().statusCode(200)
                .body("total", equalTo(2)).body("items.level", equalTo(List.of("RED", "YELLOW")))
                .body("items[0].title", org.hamcrest.Matchers.startsWith("逾期催办"));
        RestAssured.given().auth().oauth2(JwtTestResource.named("remind-leader", "督办领导", "leader"))
                .get("/api/inbox?issue=" + issue).then().statusCode(200).body("total", equalTo(1))
                .body("items[0].level", equalTo("RED"));
    }

    @Test
    void shouldRedeliverWithTheSameIdWhenTheCommitAfterTheReceiversAnswerIsLost() throws Exception {
        LocalDate deadline = LocalDate.now(MovableClock.ZONE).plusDays(3);
        String issue = assignedAndSigned(WebhookReceiver.UNIT, deadline);
        clock.moveTo(deadline.plusDays(2));
        reminders.sweep(deadline.plusDays(2)); // RED (and YELLOW never: the clock jumped past it)
        follower.catchUp();
        // a worker that sends and then dies before its commit: the receiver has it, our row is still PENDING
        int lostAttempts = lostCommit();
        assertThat(lostAttempts).isPositive();
        List<WebhookReceiver.Received> first = received(issue);
        assertThat(first).isNotEmpty();
        deliverAll();
        await().atMost(Duration.ofSeconds(20)).until(() -> deliveredCount(issue) == 3);
        List<WebhookReceiver.Received> all = received(issue);
        // at least once: a repeat carries the same delivery id, so the receiver can drop it
        Map<String, Long> byDelivery = all.stream().collect(Collectors.groupingBy(
                r -> r.header("X-Zhenggai-Delivery"), Collectors.counting()));
        assertThat(byDelivery).hasSize(3);
        assertThat(first).allSatisfy(r -> assertThat(byDelivery.get(r.header("X-Zhenggai-Delivery"))).isEqualTo(2));
    }

    @Test
    void shouldRetryAFailingReceiverWithBackoffAndLogEveryAttempt() throws Exception {
        String issue = assignedAndSigned(WebhookReceiver.RETRY_UNIT, LocalDate.now(MovableClock.ZONE).plusDays(60));
        office().body("{\"message\": \"请于本周五前报送整改进展\"}").post("/api/issues/" + issue + "/urge").then()
                .statusCode(201);
        follower.catchUp();
        double retriesBefore = attempts("retry");
        double deliveredBefore = attempts("delivered");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            worker.deliverDue();
            return deliveredCount(issue) == 1;
        });
        // the attempts are counted for the dashboards and the alert ZhenggaiWebhookRetrying (other deliveries of this
        // class may be due in the same rounds, hence at least)
        assertThat(attempts("retry")).isGreaterThanOrEqualTo(retriesBefore + 2);
        assertThat(attempts("delivered")).isGreaterThanOrEqualTo(deliveredBefore + 1);
        JsonNode log = JSON.readTree(as("op", "operator").get("/api/admin/webhook-deliveries?webhook=flaky&limit=500")
                .then().statusCode(200).extract().asString());
        JsonNode delivery = null;
        for (JsonNode d : log) {
            if (d.path("issueId").asText().equals(issue)) {
                delivery = d;
            }
        }
        assertThat(delivery).isNotNull();
        assertThat(delivery.path("state").asText()).isEqualTo("DELIVERED");
        assertThat(delivery.path("level").asText()).isEqualTo("URGE");
        assertThat(delivery.path("attemptCount").asInt()).isEqualTo(3);
        assertThat(delivery.path("attempts").findValuesAsText("status")).containsExactly("503", "503", "200");
        WebhookReceiver.Received got = received(issue).get(0);
        JsonNode body = JSON.readTree(got.body());
        assertThat(body.path("deliveryId").asText()).isEqualTo(got.header("X-Zhenggai-Delivery"))
                .isEqualTo(delivery.path("id").asText());
        assertThat(body.path("text").asText()).contains("请于本周五前报送整改进展");
        assertThat(got.header("X-Zhenggai-Signature"))
                .isEqualTo(RobotMessages.bodySignature(WebhookReceiver.SECRETS.get("flaky"), got.body()));
    }

    private double attempts(String outcome) {
        return meters.get("zhenggai.webhook.attempts").tag("outcome", outcome).counter().count();
    }

    @Test
    void shouldPutUrgesAndTasksInTheRightInboxesOnly() {
        String unitName = "收件测试局-" + UUID.randomUUID();
        String issue = assigned(unitName, LocalDate.now(MovableClock.ZONE).plusDays(60));
        follower.catchUp();
        // the lead unit has a task to sign; once it signs, the task is done
        unit(unitName).get("/api/inbox?kind=SIGN&open=true").then().statusCode(200).body("total", equalTo(1))
                .body("items[0].issueId", equalTo(issue)).body("items[0].task", equalTo(true));
        unit(unitName).header("If-Match", "*").body("{}").post("/api/issues/" + issue + "/signature").then()
                .statusCode(200);
        office().header("If-Match", "*").body("{\"message\": \"请加快进度\", \"units\": [\"%s\"]}".formatted(unitName))
                .post("/api/issues/" + issue + "/urge").then().statusCode(201);
        follower.catchUp();
        unit(unitName).get("/api/inbox?kind=SIGN&open=true").then().statusCode(200).body("total", equalTo(0));
        int unread = unit(unitName).get("/api/inbox").then().statusCode(200).extract().path("unread");
        String item = unit(unitName).get("/api/inbox?kind=URGE&unread=true").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].message", equalTo("请加快进度"))
                .body("items[0].read", equalTo(false)).extract().path("items[0].id");
        // another unit neither sees nor reads it; the office's inbox holds no unit's items
        unit("经济发展局").get("/api/inbox?issue=" + issue).then().statusCode(200).body("total", equalTo(0));
        unit("经济发展局").post("/api/inbox/" + item + "/read").then().statusCode(404);
        office().get("/api/inbox?issue=" + issue).then().statusCode(200).body("total", equalTo(0));
        as("viewer", "viewer").get("/api/inbox").then().statusCode(403);
        unit(unitName).post("/api/inbox/" + item + "/read").then().statusCode(200).body("read", equalTo(true))
                .body("readBy", equalTo("remind-unit"));
        unit(unitName).get("/api/inbox").then().statusCode(200).body("unread", equalTo(unread - 1));
        unit(unitName).get("/api/inbox?unread=false&kind=URGE").then().statusCode(200).body("total", equalTo(1));
        // urging a unit that is not the issue's is refused, and a closed issue is not urged
        office().body("{\"message\": \"x\", \"units\": [\"经济发展局\"]}").post("/api/issues/" + issue + "/urge")
                .then().statusCode(422).body("errors[0].field", equalTo("units[0]"));
    }

    // ---- helpers

    static String assignedAndSigned(String unit, LocalDate deadline) {
        String issue = assigned(unit, deadline);
        unit(unit).header("If-Match", "*").body("{\"note\": \"已签收\"}").post("/api/issues/" + issue + "/signature")
                .then().statusCode(200);
        return issue;
    }

    static String assigned(String unit, LocalDate deadline) {
        String issue = Api.issue(Api.inspection(), null);
        office().body("""
                        {"items": [{"issueId": "%s", "ifMatch": "*", "leadUnit": "%s", "leadLeaders": ["督办领导"],
                                    "deadline": "%s"}]}""".formatted(issue, unit, deadline))
                .post("/api/issues/assignments").then().statusCode(200).body("assigned", equalTo(1));
        return issue;
    }

    void sweepTwiceAndConcurrently(LocalDate day) throws Exception {
        reminders.sweep(day);
        reminders.sweep(day);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> sweep = () -> reminders.sweep(day);
            for (var result : pool.invokeAll(List.of(sweep, sweep))) {
                result.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    void deliverAll() {
        follower.catchUp();
        worker.deliverDue();
    }

    /** Claims and sends due deliveries in a transaction that then rolls back, as if the worker died before commit. */
    int lostCommit() {
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                attempts.set(worker.deliverBatch());
                QuarkusTransaction.setRollbackOnly();
            });
        } catch (io.quarkus.narayana.jta.QuarkusTransactionException expected) {
            // rolled back, as a crash before the commit would
        }
        return attempts.get();
    }

    List<String> reminders(String issue) throws SQLException {
        return query("SELECT level || ' ' || day FROM reminder WHERE issue_id = ? ORDER BY day", issue);
    }

    List<String> reminderEvents(String issue) {
        return office().get("/api/issues/" + issue + "/history").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.type == 'zhenggai.issue.reminded.v1' }.data.reminder.level");
    }

    long deliveries(String issue) throws SQLException {
        return Long.parseLong(query("SELECT count(*) FROM webhook_delivery WHERE issue_id = ?", issue).get(0));
    }

    long deliveredCount(String issue) throws SQLException {
        return Long.parseLong(query("SELECT count(*) FROM webhook_delivery WHERE issue_id = ? AND state = 'DELIVERED'",
                issue).get(0));
    }

    List<String> query(String sql, String issue) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, UUID.fromString(issue));
            try (ResultSet rows = statement.executeQuery()) {
                List<String> values = new java.util.ArrayList<>();
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
                return values;
            }
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** What the receiver took about the issue (its deliveries name the issue in their text or their generic body). */
    List<WebhookReceiver.Received> received(String issue) throws Exception {
        String base = feishuUrl.substring(0, feishuUrl.indexOf("/feishu"));
        String all = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/_received")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        List<WebhookReceiver.Received> received = JSON.readValue(all, new TypeReference<>() { });
        List<String> ids = query("SELECT CAST(id AS TEXT) FROM webhook_delivery WHERE issue_id = ?", issue);
        return received.stream().filter(r -> ids.contains(r.header("X-Zhenggai-Delivery"))).toList();
    }

    static String firstLine(WebhookReceiver.Received wecom) {
        try {
            return JSON.readTree(wecom.body()).path("text").path("content").asText().split("\n")[0];
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> query(String rawQuery) {
        return Arrays.stream(rawQuery.split("&")).map(p -> p.split("=", 2)).collect(Collectors.toMap(p -> p[0],
                p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }

    static RequestSpecification unit(String unit) {
        return RestAssured.given().auth().oauth2(JwtTestResource.token("remind-unit", "unit", unit))
                .contentType(ContentType.JSON);
    }

    static RequestSpecification as(String subject, String role) {
        return Api.as(subject, role);
    }
}
