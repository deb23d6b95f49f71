package io.zhenggai.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.zhenggai.local.ServiceProcess;

/**
 * 督办 across real processes: two packaged issue-service instances on one database, both sweeping for reminders,
 * following the journal into the inbox and delivering webhooks, and a receiver this test runs on the loopback. Both
 * instances configure the same webhook ({@code robot}, one delivery per event), each with a path of its own, so the
 * receiver knows which instance delivered. The receiver holds its answer to the first delivery it sees, and the
 * instance delivering it is SIGKILLed while it waits.
 * <pre>
 *   step                                             shown
 *   4 issues assigned through both instances:        each reminder journaled once (RED, YELLOW, for today) and in
 *   2 overdue (RED), 2 due in 2 days (YELLOW)        each recipient's inbox once (its units; RED also its leaders)
 *   the receiver holds delivery 1; SIGKILL of the    the other instance delivers it again with the same
 *   instance delivering it                           X-Zhenggai-Delivery id; every other delivery arrives once;
 *                                                    each is signed (HMAC-SHA256 of the body with the secret)
 *   the killed instance started again                nothing is sent, journaled or put in an inbox again over
 *                                                    several periods of every sweep, follower and worker
 *   report-service replays from the journal          the same: a replay sends nothing
 * </pre>
 * At least once, with an idempotency id, is the contract: a crash between the receiver's answer and the worker's
 * commit cannot be told apart from a crash before the answer, so the delivery is sent again under the same id.
 * Its own PostgreSQL, broker and processes ({@link OwnSystem}); logs in {@code <target>/e2e-logs/supervision-*} ({@link RunningSystem#target()}).
 */
class SupervisionCrashIT {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** How often every instance sweeps, follows the journal and looks for due deliveries. */
    static final Duration PERIOD = Duration.ofSeconds(1);
    static final String SECRET = "e2e-robot-secret-" + UUID.randomUUID();
    static final String OFFICE = RunningSystem.token("supervision-office", "office");
    static final String UNIT_A = "党政办公室";
    static final String UNIT_B = "经济发展局";
    static final ObjectMapper JSON = new ObjectMapper();

    static OwnSystem system;
    static Receiver receiver;
    static final Map<String, ServiceProcess> INSTANCES = new LinkedHashMap<>();
    static ServiceProcess reportService;
    static final long BEGAN = System.nanoTime();

    @BeforeAll
    static void startSystem() throws IOException {
        // the reminders are for today's business date: a run across midnight in Shanghai would see tomorrow's too
        ZonedDateTime now = ZonedDateTime.now(SHANGHAI);
        assumeTrue(Duration.between(now, now.toLocalDate().plusDays(1).atStartOfDay(SHANGHAI)).toMinutes() > 3,
                "too close to midnight in Asia/Shanghai");
        system = OwnSystem.start("supervision");
        receiver = Receiver.start();
        Path secret = RunningSystem.target().resolve("supervision-robot.secret");
        Files.writeString(secret, SECRET);
        for (String name : List.of("a", "b")) {
            // a fresh log per run: what its sweeps made is read from it at the end
            Files.deleteIfExists(RunningSystem.target().resolve("e2e-logs").resolve("supervision-issue-service-" + name
                    + ".log"));
            INSTANCES.put(name, system.issueService("supervision-issue-service-" + name, Map.of(
                    "zhenggai.reminders.every", seconds(PERIOD),
                    "zhenggai.inbox.every", seconds(PERIOD),
                    "zhenggai.webhook-delivery.every", seconds(PERIOD),
                    "zhenggai.webhook-delivery.initial-backoff", "PT1S",
                    "zhenggai.webhook-delivery.max-backoff", "PT2S",
                    // longer than the receiver ever holds an answer: the instance is killed while it waits
                    "zhenggai.webhook-delivery.timeout", "PT2M",
                    "zhenggai.webhooks.robot.url", receiver.url("/hook/" + name),
                    "zhenggai.webhooks.robot.secret-file", secret.toString())));
        }
        for (ServiceProcess service : INSTANCES.values()) {
            service.awaitHealthy(Duration.ofSeconds(120));
        }
        report("PostgreSQL, broker and both instances up");
    }

    @AfterAll
    static void stopSystem() {
        if (receiver != null) {
            receiver.close();
        }
        if (system != null) {
            system.close();
        }
    }

    /** An issue as this test assigned it: its expected reminder level, its units and its lead leader. */
    record Assigned(String id, String level, List<String> units, String leader) {
    }

    @Test
    void shouldRemindOnceAndDeliverAtLeastOnceUnderOneIdWhenTheDeliveringInstanceIsKilled() throws Exception {
        LocalDate today = LocalDate.now(SHANGHAI);
        ServiceProcess a = INSTANCES.get("a");
        ServiceProcess b = INSTANCES.get("b");
        String inspection = createInspection(a);
        List<Assigned> issues = List.of(
                assign(a, inspection, 1, today.minusDays(3), "RED", List.of(UNIT_A, UNIT_B), "张三"),
                assign(b, inspection, 2, today.plusDays(2), "YELLOW", List.of(UNIT_A), "李四"),
                assign(b, inspection, 3, today.minusDays(1), "RED", List.of(UNIT_B), "李四"),
                assign(a, inspection, 4, today.plusDays(2), "YELLOW", List.of(UNIT_B, UNIT_A), "张三"));

        report("4 issues assigned");
        // the first delivery anyone sends is held: the instance sending it waits for the answer
        Received held = receiver.held.get(90, TimeUnit.SECONDS);
        ServiceProcess killed = INSTANCES.get(held.instance());
        String survivor = held.instance().equals("a") ? "b" : "a";
        // its attempt's transaction is open: in the database the delivery is still PENDING and never attempted
        assertThat(count("SELECT count(*) FROM webhook_delivery WHERE id = '" + held.deliveryId()
                + "' AND state = 'PENDING' AND attempts = 0")).isOne();
        killed.kill();
        assertThat(killed.isAlive()).as("instance %s after SIGKILL", held.instance()).isFalse();
        receiver.release.countDown(); // its answer goes to a connection that is gone
        ServiceProcess alive = INSTANCES.get(survivor);
        // needed only for the replay at the end, from the survivor's journal: it starts while the checks run
        reportService = system.reportService("supervision-report-service",
                RunningSystem.journalAccess(alive.baseUrl()));
        report("instance %s was killed while delivering %s", held.instance(), held.deliveryId());

        await("the held delivery sent again").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> receiver.received().stream()
                        .filter(r -> r.deliveryId().equals(held.deliveryId())).count() == 2);
        // started again once the other instance has taken over; it starts while the checks below run
        killed.start();
        await("every reminder made and delivered").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> count("SELECT count(*) FROM reminder") == issues.size()
                        && count("SELECT count(*) FROM webhook_delivery WHERE state = 'DELIVERED'") == issues.size());

        // each reminder journaled once, for today, at the level its deadline gives
        Map<String, JsonNode> reminded = new LinkedHashMap<>();
        for (Assigned issue : issues) {
            List<JsonNode> events = reminded(alive, issue.id());
            assertThat(events).as("reminders of issue %s", issue.id()).hasSize(1);
            JsonNode reminder = events.get(0).path("data").path("reminder");
            assertThat(reminder.path("level").asText()).isEqualTo(issue.level());
            assertThat(reminder.path("day").asText()).isEqualTo(today.toString());
            assertThat(reminder.path("recipients").toString()).isEqualTo(JSON.valueToTree(issue.units()).toString());
            reminded.put(events.get(0).path("id").asText(), events.get(0));
        }
        assertThat(count("SELECT count(*) FROM reminder")).isEqualTo(issues.size());
        // … and in each recipient's inbox once: the units reminded; for RED also the issue's lead leader by name
        for (String unit : List.of(UNIT_A, UNIT_B)) {
            String token = RunningSystem.token("supervision-unit", "单位用户", "unit", List.of(unit));
            assertThat(reminderItems(alive, token))
                    .as("the reminders in %s's inbox", unit).containsExactlyInAnyOrderElementsOf(issues.stream()
                            .filter(issue -> issue.units().contains(unit)).map(issue -> eventOf(reminded, issue))
                            .toList());
        }
        for (String leader : List.of("张三", "李四")) {
            assertThat(reminderItems(alive, RunningSystem.token("supervision-leader", leader, "leader", List.of())))
                    .as("the reminders in %s's inbox", leader).containsExactlyInAnyOrderElementsOf(issues.stream()
                            .filter(issue -> issue.level().equals("RED") && issue.leader().equals(leader))
                            .map(issue -> eventOf(reminded, issue)).toList());
        }

        // the held delivery came twice, first from the killed instance, then from the other, under one id
        List<Received> received = receiver.received();
        Map<String, List<Received>> byDelivery = received.stream()
                .collect(Collectors.groupingBy(Received::deliveryId, LinkedHashMap::new, Collectors.toList()));
        assertThat(byDelivery.get(held.deliveryId())).extracting(Received::instance)
                .containsExactly(held.instance(), survivor);
        assertThat(byDelivery.entrySet().stream().filter(e -> !e.getKey().equals(held.deliveryId()))
                .filter(e -> e.getValue().size() != 1).map(Map.Entry::getKey).toList())
                .as("deliveries received more than once besides the one whose instance was killed").isEmpty();
        Map<String, JsonNode> log = deliveryLog(alive);
        assertThat(byDelivery.keySet()).as("the deliveries received are the deliveries made")
                .isEqualTo(log.keySet());
        for (Received r : received) {
            assertThat(r.signature()).as("signature of %s", r.deliveryId()).isEqualTo(signature(r.body()));
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.path("deliveryId").asText()).isEqualTo(r.deliveryId());
            assertThat(body.path("eventType").asText()).isEqualTo("zhenggai.issue.reminded.v1");
            assertThat(reminded).containsKey(body.path("eventId").asText());
        }
        // the killed attempt left no trace in the delivery log: it rolled back with the process
        assertThat(log.get(held.deliveryId()).path("state").asText()).isEqualTo("DELIVERED");
        assertThat(log.get(held.deliveryId()).path("attemptCount").asInt()).isEqualTo(1);
        report("%d deliveries, %d requests received; the held one delivered again by instance %s",
                byDelivery.size(), received.size(), survivor);

        // started again, the killed instance sends nothing more; nor does any other, period after period
        killed.awaitHealthy(Duration.ofSeconds(120));
        report("instance %s up again", held.instance());
        Effects settled = effects();
        sleep(PERIOD.multipliedBy(4));
        assertThat(effects()).as("after the killed instance started again").isEqualTo(settled);

        // a replay of report-service from the journal sends nothing either
        reportService.awaitHealthy(Duration.ofSeconds(120));
        report("report-service up; replaying from the journal");
        long replay = RunningSystem.asOperator(reportService.baseUrl()).contentType(ContentType.JSON)
                .body("{\"source\": \"journal\", \"autoSwitch\": true, \"note\": \"督办 crash test\"}")
                .post("/api/admin/replays").then().statusCode(202).extract().jsonPath().getLong("id");
        await("the replay switched in").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> Set.of("SWITCHED", "FAILED", "CANCELLED").contains(replayState(replay)));
        JsonNode done = JSON.readTree(RunningSystem.asOperator(reportService.baseUrl())
                .get("/api/admin/replays/" + replay).then().statusCode(200).extract().asString());
        assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("SWITCHED");
        assertThat(done.path("applied").asLong()).as("events the replay applied").isEqualTo(settled.journal());
        sleep(PERIOD.multipliedBy(3));
        assertThat(effects()).as("after a replay of report-service").isEqualTo(settled);
        report("settled at %s; report-service replay %d applied %d events and changed nothing", settled, replay,
                done.path("applied").asLong());
        reminderSweeps().forEach((instance, made) -> report("instance %s: %s", instance, made));
        report("done");
    }

    // --- what the system did that anyone outside it could notice

    /** What was sent, journaled, remembered and put in an inbox so far. */
    record Effects(int received, long deliveries, long reminders, long inboxItems, long journal) {
    }

    static Effects effects() throws SQLException {
        return new Effects(receiver.received().size(), count("SELECT count(*) FROM webhook_delivery"),
                count("SELECT count(*) FROM reminder"), count("SELECT count(*) FROM inbox_item"),
                count("SELECT last FROM journal_position"));
    }

    static long count(String sql) throws SQLException {
        return system.countInIssues(sql);
    }


    // --- the API of issue-service

    static RequestSpecification as(ServiceProcess instance, String token) {
        return given().baseUri(instance.baseUrl()).auth().oauth2(token).contentType(ContentType.JSON);
    }

    static String createInspection(ServiceProcess instance) {
        return as(instance, OFFICE).body("""
                        {"team": "市委第五巡察组", "targetUnit": "开发区-督办-%s", "kinds": ["ROUTINE"],
                         "feedbackDate": "2022-12-07",
                         "lists": [{"key": "main", "title": "市委巡察组反馈意见", "aspects": [
                           {"numbering": "（一）", "title": "关于聚焦党中央各项决策部署在基层的落实情况方面", "categories": [
                             {"numbering": "1.", "title": "学习贯彻落实习近平新时代中国特色社会主义思想不够深入"}]}]}]}
                        """.formatted(UUID.randomUUID()))
                .post("/api/inspections").then().statusCode(201).extract().path("id");
    }

    /** A new issue, assigned (交办) through {@code instance} to its units with a deadline. */
    static Assigned assign(ServiceProcess instance, String inspection, int number, LocalDate deadline, String level,
                           List<String> units, String leader) {
        String issue = as(instance, OFFICE).body("""
                        {"inspectionId": "%s", "listKey": "main", "categoryPath": "一/1", "numbering": "（%d）",
                         "title": "关于整改督办测试问题（%d）", "responsibleUnits": ["%s"]}"""
                        .formatted(inspection, number, number, units.get(0)))
                .post("/api/issues").then().statusCode(201).extract().path("id");
        String coUnits = units.stream().skip(1).map(unit -> "\"" + unit + "\"").collect(Collectors.joining(", "));
        as(instance, OFFICE).body("""
                        {"items": [{"issueId": "%s", "ifMatch": "*", "leadUnit": "%s", "coUnits": [%s],
                                    "leadLeaders": ["%s"], "deadline": "%s"}]}"""
                        .formatted(issue, units.get(0), coUnits, leader, deadline))
                .post("/api/issues/assignments").then().statusCode(200).body("assigned",
                        org.hamcrest.Matchers.equalTo(1));
        return new Assigned(issue, level, units, leader);
    }

    /** The issue's reminded events, from its history. */
    static List<JsonNode> reminded(ServiceProcess instance, String issue) throws IOException {
        JsonNode history = JSON.readTree(as(instance, OFFICE).get("/api/issues/" + issue + "/history").then()
                .statusCode(200).extract().asString());
        List<JsonNode> events = new ArrayList<>();
        history.forEach(event -> {
            if (event.path("type").asText().equals("zhenggai.issue.reminded.v1")) {
                events.add(event);
            }
        });
        return events;
    }

    static String eventOf(Map<String, JsonNode> reminded, Assigned issue) {
        return reminded.entrySet().stream().filter(e -> e.getValue().path("subject").asText().equals(issue.id()))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    /** The event ids of the reminders in the caller's inbox, one per item. */
    static List<String> reminderItems(ServiceProcess instance, String token) throws IOException {
        JsonNode page = JSON.readTree(as(instance, token).get("/api/inbox?kind=REMINDER&size=500").then()
                .statusCode(200).extract().asString());
        List<String> events = new ArrayList<>();
        page.path("items").forEach(item -> events.add(item.path("eventId").asText()));
        return events;
    }

    /** The webhook delivery log (operator), by delivery id. */
    static Map<String, JsonNode> deliveryLog(ServiceProcess instance) throws IOException {
        JsonNode log = JSON.readTree(RunningSystem.asOperator(instance.baseUrl())
                .get("/api/admin/webhook-deliveries?limit=500").then().statusCode(200).extract().asString());
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        log.forEach(delivery -> byId.put(delivery.path("id").asText(), delivery));
        return byId;
    }

    static String replayState(long replay) {
        return RunningSystem.asOperator(reportService.baseUrl()).get("/api/admin/replays/" + replay).then()
                .statusCode(200).extract().path("state");
    }

    /** What each instance's log says its sweeps made (both incarnations of the killed one). */
    static Map<String, String> reminderSweeps() {
        Map<String, String> made = new LinkedHashMap<>();
        INSTANCES.forEach((name, instance) -> {
            try (Stream<String> lines = Files.lines(instance.logFile())) {
                made.put(name, lines.filter(line -> line.contains("Reminder sweep:"))
                        .map(line -> line.substring(line.indexOf("Reminder sweep:"))).toList().toString());
            } catch (IOException | UncheckedIOException e) {
                made.put(name, "(cannot read " + instance.logFile() + ")");
            }
        });
        return made;
    }

    /** What a receiver that knows the secret expects in X-Zhenggai-Signature. */
    static String signature(String body) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    // --- the webhook receiver

    /** One request as it arrived: which instance sent it (its path), its delivery id, signature and body. */
    record Received(String instance, String deliveryId, String signature, String body) {
    }

    /** A group robot stand-in on the loopback: takes every request, but holds its answer to the first. */
    static final class Receiver implements AutoCloseable {

        final CompletableFuture<Received> held = new CompletableFuture<>();
        final CountDownLatch release = new CountDownLatch(1);
        private final List<Received> received = new CopyOnWriteArrayList<>();
        private final ExecutorService threads = Executors.newCachedThreadPool();
        private HttpServer server;

        static Receiver start() throws IOException {
            Receiver receiver = new Receiver();
            receiver.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            receiver.server.createContext("/hook/", receiver::handle);
            receiver.server.setExecutor(receiver.threads);
            receiver.server.start();
            return receiver;
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        List<Received> received() {
            return List.copyOf(received);
        }

        private void handle(HttpExchange exchange) {
            try {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String path = exchange.getRequestURI().getPath();
                Received request = new Received(path.substring(path.lastIndexOf('/') + 1),
                        exchange.getRequestHeaders().getFirst("X-Zhenggai-Delivery"),
                        exchange.getRequestHeaders().getFirst("X-Zhenggai-Signature"), body);
                received.add(request);
                if (held.complete(request) && !release.await(3, TimeUnit.MINUTES)) {
                    return;
                }
                byte[] answer = "{\"ok\": true}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
            } catch (IOException gone) {
                // the instance that sent it was killed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        }

        @Override
        public void close() {
            release.countDown();
            server.stop(0);
            threads.shutdownNow();
        }
    }

    // --- plumbing

    static String seconds(Duration duration) {
        return duration.toSeconds() + "s";
    }

    static void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }

    static void report(String format, Object... args) {
        System.out.printf("[SupervisionCrashIT +%.1f s] %s%n", (System.nanoTime() - BEGAN) / 1e9,
                format.formatted(args));
    }
}
