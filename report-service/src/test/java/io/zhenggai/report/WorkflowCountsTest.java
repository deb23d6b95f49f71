package io.zhenggai.report;

import static io.zhenggai.report.Api.given;
import static io.zhenggai.report.Events.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * The workflow (issue 12) in report-service: 交办/签收, 退回, 延期 and 更正/撤回, sent to the topic as issue-service
 * would send them, counted in the summary and every breakdown, drilled into (a unit sees its own issues), and answered
 * as of a moment on both clocks. Inspection feedback 2023-01-10; E = 经济发展局, F = 财政金融局; times Asia/Shanghai,
 * each event recorded on its effective day unless said otherwise.
 * <pre>
 *   issue lead (co)  deadline         history                                                  now
 *   P     E (F)      03-31            assigned 01-15, signed 01-16, progress 02-01 新材料 1亿,     COMPLETED, awaiting
 *                                     COMPLETE 03-20, RETURN effective 03-22 recorded 03-24,      completion, returned 1,
 *                                     COMPLETE 03-25, 批示 04-20, evidence 04-21                  on time (both)
 *   Q     F          03-31            assigned 01-15 (never signed), progress 02-10 风电 0.5亿,    IN_PROGRESS, unsigned,
 *                                     更正 to 0.8亿 recorded 04-10 10:00 (effective 02-10)         late (both)
 *   R     E          02-28 → 04-30    assigned 01-15, signed 01-17, progress 02-05, extension     CLOSED, extended,
 *                                     asked 02-20, approved 02-22, COMPLETE 04-15, CLOSE 04-16    on time now, late
 *                                                                                                 against the original
 *   S     F          03-31            assigned 01-15, signed 01-18, progress 02-15 生物医药 2000万 IN_PROGRESS,
 *                                     and 03-01 3300万, extension asked 03-25, rejected 03-28,     late (both)
 *                                     撤回 of the 03-01 report recorded 04-12 10:00 (effective 03-01)
 *   T     E          05-31            assigned 01-15 (never signed), extension asked 04-01        NOT_STARTED, unsigned,
 *                                     (pending)                                                   awaiting extension
 *   U     E (old style, no workflow)  created                                                     NOT_STARTED
 * </pre>
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkflowCountsTest {

    private static final String E = "经济发展局";
    private static final String F = "财政金融局";
    private static final String VALUES = "/api/indicators/investment.completed/values";

    private final Events.Inspection ledger = new Events.Inspection(LocalDate.parse("2023-01-10"));
    private final Map<String, Long> lastSequences = new LinkedHashMap<>();
    private boolean sent;

    private static Instant at(String localDateTime) {
        return OffsetDateTime.parse(localDateTime + "+08:00").toInstant();
    }

    private static LocalDate day(String date) {
        return LocalDate.parse(date);
    }

    private static Events.Record at(String localDateTime, Supplier<Events.Record> event) {
        return Events.at(at(localDateTime), event);
    }

    @BeforeEach
    void sendTheLedger() {
        if (sent) {
            return;
        }
        sent = true;
        Events.Issue p = ledger.issue("main", "一", 1, "P");
        Events.Issue q = ledger.issue("main", "一", 1, "Q");
        Events.Issue r = ledger.issue("main", "一", 2, "R");
        Events.Issue s = ledger.issue("main", "二", 1, "S");
        Events.Issue t = ledger.issue("main", "二", 1, "T");
        Events.Issue u = ledger.issue("main", "二", 2, "U").responsibility(List.of("王五"), List.of(E), List.of());
        List<Events.Record> records = new ArrayList<>();
        records.add(ledger.created(at("2023-01-11T09:00:00")));
        for (Events.Issue issue : List.of(p, q, r, s, t, u)) {
            records.add(at("2023-01-12T10:00:00", () -> issue.created(issue.feedbackDate())));
        }
        records.add(at("2023-01-15T10:00:00", () -> p.assign(E, List.of(F), List.of("张三"), day("2023-03-31"),
                day("2023-01-15"))));
        records.add(at("2023-01-15T10:01:00", () -> q.assign(F, List.of(), List.of("李四"), day("2023-03-31"),
                day("2023-01-15"))));
        records.add(at("2023-01-15T10:02:00", () -> r.assign(E, List.of(), List.of("张三"), day("2023-02-28"),
                day("2023-01-15"))));
        records.add(at("2023-01-15T10:03:00", () -> s.assign(F, List.of(), List.of("李四"), day("2023-03-31"),
                day("2023-01-15"))));
        records.add(at("2023-01-15T10:04:00", () -> t.assign(E, List.of(), List.of("张三"), day("2023-05-31"),
                day("2023-01-15"))));
        records.add(at("2023-01-16T10:00:00", () -> p.sign(day("2023-01-16"))));
        records.add(at("2023-01-17T10:00:00", () -> r.sign(day("2023-01-17"))));
        records.add(at("2023-01-18T10:00:00", () -> s.sign(day("2023-01-18"))));

        records.add(at("2023-02-01T18:00:00", () -> p.progress(day("2023-02-01"),
                reading("investment.completed", Map.of("industry", "新材料"), "100000000", "CNY", "MONEY", "1亿元"))));
        records.add(at("2023-03-20T15:00:00", () -> p.transition("COMPLETE", "COMPLETED", day("2023-03-20"))));
        records.add(at("2023-03-24T10:00:00", () -> p.transition("RETURN", "IN_PROGRESS", day("2023-03-22"))));
        records.add(at("2023-03-25T10:00:00", () -> p.transition("COMPLETE", "COMPLETED", day("2023-03-25"))));
        records.add(at("2023-04-20T10:00:00", () -> p.instruction("张三", "抓紧验收")));
        records.add(at("2023-04-21T10:00:00", () -> p.evidence("验收报告.pdf")));

        records.add(at("2023-02-10T11:00:00", () -> q.progress(day("2023-02-10"),
                reading("investment.completed", Map.of("industry", "风电"), "50000000", "CNY", "MONEY", "5000万元"))));
        UUID qReport = q.lastReport();
        records.add(at("2023-04-10T10:00:00", () -> q.correct(qReport,
                reading("investment.completed", Map.of("industry", "风电"), "80000000", "CNY", "MONEY", "8000万元"))));

        records.add(at("2023-02-05T10:00:00", () -> r.progress(day("2023-02-05"))));
        records.add(at("2023-02-20T10:00:00", () -> r.requestExtension(day("2023-04-30"), day("2023-02-20"))));
        records.add(at("2023-02-22T10:00:00", () -> r.decideExtension(true, day("2023-02-22"))));
        records.add(at("2023-04-15T10:00:00", () -> r.transition("COMPLETE", "COMPLETED", day("2023-04-15"))));
        records.add(at("2023-04-16T10:00:00", () -> r.transition("CLOSE", "CLOSED", day("2023-04-16"))));

        records.add(at("2023-02-15T11:00:00", () -> s.progress(day("2023-02-15"),
                reading("investment.completed", Map.of("industry", "生物医药"), "20000000", "CNY", "MONEY", "2000万元"))));
        records.add(at("2023-03-01T11:00:00", () -> s.progress(day("2023-03-01"),
                reading("investment.completed", Map.of("industry", "生物医药"), "33000000", "CNY", "MONEY", "3300万元"))));
        UUID sMarch = s.lastReport();
        records.add(at("2023-03-25T11:00:00", () -> s.requestExtension(day("2023-06-30"), day("2023-03-25"))));
        records.add(at("2023-03-28T10:00:00", () -> s.decideExtension(false, day("2023-03-28"))));
        records.add(at("2023-04-12T10:00:00", () -> s.withdraw(sMarch)));

        records.add(at("2023-04-01T10:00:00", () -> t.requestExtension(day("2023-07-31"), day("2023-04-01"))));

        List<Events.Issue> issues = List.of(p, q, r, s, t, u);
        for (int k = 0; k < issues.size(); k++) {
            lastSequences.put(List.of("P", "Q", "R", "S", "T", "U").get(k), issues.get(k).sequence());
        }
        Kafka.send(records);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonPath drill = live().queryParam("measure", "total").get("/api/reports/drill").then().statusCode(200)
                    .extract().jsonPath();
            Map<String, Long> applied = new LinkedHashMap<>();
            List<String> titles = drill.getList("issues.title", String.class);
            List<Long> sequences = drill.getList("issues.sequence", Long.class);
            for (int k = 0; k < titles.size(); k++) {
                applied.put(titles.get(k), sequences.get(k));
            }
            assertThat(applied).isEqualTo(lastSequences);
        });
    }

    private RequestSpecification live() {
        return given().queryParam("inspection", ledger.id);
    }

    private RequestSpecification asOf(String asOf, String basis) {
        return live().queryParam("asOf", asOf).queryParam("basis", basis);
    }

    /** A caller of role unit with one unit, asking about this ledger. */
    private RequestSpecification unit(String unit) {
        return Api.as("unit-caller", "unit", unit).queryParam("inspection", ledger.id);
    }

    /** The drill-through of a count, for a request that names the ledger. */
    private static ValidatableResponse drill(RequestSpecification request, String measure) {
        return request.queryParam("measure", measure).get("/api/reports/drill").then().statusCode(200);
    }

    @Test
    void shouldCountTheWorkflowInTheSummary() {
        live().get("/api/reports/summary").then().statusCode(200)
                .body("issues.total", equalTo(6))
                .body("issues.byStatus", equalTo(Map.of("NOT_STARTED", 2, "IN_PROGRESS", 2, "COMPLETED", 1,
                        "CLOSED", 1, "LONG_TERM", 0)))
                .body("issues.unsigned", equalTo(2))
                .body("issues.returned", equalTo(1))
                .body("issues.extended", equalTo(1))
                .body("issues.awaitingCompletionDecision", equalTo(1))
                .body("issues.awaitingExtensionDecision", equalTo(1))
                // against the current deadline: P and R on time; Q, S and T open past theirs
                .body("issues.deadlineBasis", equalTo("CURRENT"))
                .body("issues.overdue", equalTo(3))
                .body("issues.onTime", equalTo(2))
                .body("issues.late", equalTo(3))
                .body("issues.onTimeRate.display", equalTo("40%"))
                // against the original deadline R (closed 04-15, first due 02-28) is late too
                .body("issues.onTimeAgainstOriginal", equalTo(1))
                .body("issues.lateAgainstOriginal", equalTo(4))
                .body("issues.onTimeRateAgainstOriginal.display", equalTo("20%"))
                .body("issues.onTimeRateAgainstOriginal.numerator", equalTo(1))
                .body("issues.onTimeRateAgainstOriginal.denominator", equalTo(5));
    }

    @Test
    void shouldCountTheWorkflowByUnitAndByLeadUnit() {
        // an issue counts under its lead and its co-responsible units: P under E and F
        JsonPath byUnit = live().queryParam("by", "unit").get("/api/reports/breakdown").then().statusCode(200)
                .extract().jsonPath();
        assertThat(byUnit.getList("groups.key", String.class)).containsExactlyInAnyOrder(E, F);
        Map<String, Object> e = byUnit.getMap("groups.find { it.key == '" + E + "' }.counts");
        Map<String, Object> f = byUnit.getMap("groups.find { it.key == '" + F + "' }.counts");
        assertThat(e).containsEntry("total", 4).containsEntry("unsigned", 1).containsEntry("returned", 1)
                .containsEntry("extended", 1).containsEntry("awaitingCompletionDecision", 1)
                .containsEntry("awaitingExtensionDecision", 1).containsEntry("onTime", 2).containsEntry("late", 1)
                .containsEntry("onTimeAgainstOriginal", 1).containsEntry("lateAgainstOriginal", 2)
                .containsEntry("deadlineBasis", "CURRENT");
        assertThat(f).containsEntry("total", 3).containsEntry("unsigned", 1).containsEntry("returned", 1)
                .containsEntry("extended", 0).containsEntry("awaitingCompletionDecision", 1)
                .containsEntry("awaitingExtensionDecision", 0).containsEntry("onTime", 1).containsEntry("late", 2)
                .containsEntry("onTimeAgainstOriginal", 1).containsEntry("lateAgainstOriginal", 2);
        // by lead unit only: each issue once, U (never assigned) under the null key
        live().queryParam("by", "leadUnit").get("/api/reports/breakdown").then().statusCode(200)
                .body("groups.key", equalTo(Arrays.asList(E, F, null)))
                .body("groups.counts.total", equalTo(List.of(3, 2, 1)))
                .body("groups.counts.unsigned", equalTo(List.of(1, 1, 0)))
                .body("groups.counts.extended", equalTo(List.of(1, 0, 0)))
                .body("groups.counts.awaitingExtensionDecision", equalTo(List.of(1, 0, 0)));
        // the other groupings count the same for free
        live().queryParam("by", "aspect").get("/api/reports/breakdown").then().statusCode(200)
                .body("groups.counts.total", equalTo(List.of(3, 3)))
                .body("groups.counts.unsigned", equalTo(List.of(1, 1)))
                .body("groups.counts.returned", equalTo(List.of(1, 0)))
                .body("groups.counts.extended", equalTo(List.of(1, 0)));
        live().queryParam("by", "leader").get("/api/reports/breakdown").then().statusCode(200)
                .body("groups.find { it.key == '张三' }.counts.unsigned", equalTo(1))
                .body("groups.find { it.key == '李四' }.counts.unsigned", equalTo(1))
                .body("groups.find { it.key == '王五' }.counts.unsigned", equalTo(0));
    }

    @Test
    void shouldDrillIntoEachWorkflowCount() {
        drill(live(), "unsigned").body("count", equalTo(2)).body("issues.title", equalTo(List.of("Q", "T")))
                .body("issues.assignment", equalTo(List.of("ASSIGNED", "ASSIGNED")))
                .body("issues.leadUnit", equalTo(List.of(F, E)));
        drill(live(), "returned").body("issues.title", equalTo(List.of("P")))
                .body("issues[0].returned", equalTo(1))
                .body("issues[0].status", equalTo("COMPLETED"))
                .body("issues[0].awaitingDecision", equalTo("COMPLETION"))
                .body("issues[0].responsibleUnits", equalTo(List.of(E, F)));
        drill(live(), "extended").body("issues.title", equalTo(List.of("R")))
                .body("issues[0].deadline", equalTo("2023-04-30"))
                .body("issues[0].originalDeadline", equalTo("2023-02-28"))
                .body("issues[0].extensions", equalTo(1))
                .body("events.type", org.hamcrest.Matchers.hasItems("zhenggai.issue.extension-requested.v1",
                        "zhenggai.issue.extension-decided.v1"));
        drill(live(), "awaitingCompletionDecision").body("issues.title", equalTo(List.of("P")));
        drill(live(), "awaitingExtensionDecision").body("issues.title", equalTo(List.of("T")));
        drill(live(), "onTime").body("issues.title", equalTo(List.of("P", "R")));
        drill(live(), "late").body("issues.title", equalTo(List.of("Q", "S", "T")));
        drill(live(), "onTimeAgainstOriginal").body("issues.title", equalTo(List.of("P")));
        drill(live(), "lateAgainstOriginal").body("issues.title", equalTo(List.of("Q", "R", "S", "T")));
        // S's extension was rejected: its deadline is still the original one
        drill(live(), "total").body("issues.find { it.title == 'S' }.deadline", equalTo("2023-03-31"))
                .body("issues.find { it.title == 'S' }.originalDeadline", equalTo("2023-03-31"))
                .body("issues.find { it.title == 'S' }.extensions", equalTo(0))
                .body("issues.find { it.title == 'U' }.assignment", org.hamcrest.Matchers.nullValue())
                .body("issues.find { it.title == 'U' }.leadUnit", org.hamcrest.Matchers.nullValue());
        // a group of a breakdown
        drill(live().queryParam("by", "unit").queryParam("key", F), "unsigned").body("issues.title",
                equalTo(List.of("Q")));
        drill(live().queryParam("by", "leadUnit").queryParam("key", E), "unsigned").body("issues.title",
                equalTo(List.of("T")));
        drill(live().queryParam("by", "leadUnit").queryParam("key", ""), "total").body("issues.title",
                equalTo(List.of("U")));
    }

    @Test
    void shouldShowAUnitOnlyItsOwnIssuesInTheDrills() {
        drill(unit(F), "unsigned").body("count", equalTo(1))
                .body("issues.title", equalTo(List.of("Q")))
                .body("visibleUnits", equalTo(List.of(F)));
        drill(unit(E), "unsigned").body("count", equalTo(1))
                .body("issues.title", equalTo(List.of("T")));
        // P is F's too (co-responsible)
        drill(unit(F), "returned").body("issues.title", equalTo(List.of("P")));
        drill(unit(F), "extended").body("count", equalTo(0)).body("issues", empty());
        drill(unit(E), "extended").body("issues.title", equalTo(List.of("R")));
        drill(unit(E), "lateAgainstOriginal").body("issues.title", equalTo(List.of("R", "T")));
        drill(unit("党政办公室"), "unsigned").body("count", equalTo(0));
        // the totals a unit reads stay whole, as a bulletin prints them
        unit(F).get("/api/reports/summary").then()
                .statusCode(200).body("issues.unsigned", equalTo(2));
    }

    @Test
    void shouldFollowTheWorkflowAsOfADateOnBothClocks() {
        for (String basis : List.of("effective", "recorded")) {
            asOf("2023-01-14", basis).get("/api/reports/summary").then().statusCode(200)
                    .body("issues.unsigned", equalTo(0));
            asOf("2023-01-15", basis).get("/api/reports/summary").then()
                    .body("issues.unsigned", equalTo(5));
            asOf("2023-01-20", basis).get("/api/reports/summary").then()
                    .body("issues.unsigned", equalTo(2));
            asOf("2023-02-21", basis).get("/api/reports/summary").then()
                    .body("issues.awaitingExtensionDecision", equalTo(1))
                    .body("issues.extended", equalTo(0));
            drill(asOf("2023-02-21", basis), "awaitingExtensionDecision").body("issues.title", equalTo(List.of("R")))
                    .body("issues[0].deadline", equalTo("2023-02-28"));
            asOf("2023-02-23", basis).get("/api/reports/summary").then()
                    .body("issues.awaitingExtensionDecision", equalTo(0))
                    .body("issues.extended", equalTo(1));
            drill(asOf("2023-02-23", basis), "extended").body("issues[0].deadline", equalTo("2023-04-30"))
                    .body("issues[0].originalDeadline", equalTo("2023-02-28"));
            // on 03-01 R is past its original deadline but not its extended one: late against the original only
            asOf("2023-03-01", basis).get("/api/reports/summary").then()
                    .body("issues.late", equalTo(0))
                    .body("issues.overdue", equalTo(0))
                    .body("issues.lateAgainstOriginal", equalTo(1));
            asOf("2023-03-21", basis).get("/api/reports/summary").then()
                    .body("issues.awaitingCompletionDecision", equalTo(1))
                    .body("issues.returned", equalTo(0));
            // on 04-20: P (03-25) on time against both, R (04-15) on time against 04-30 and late against 02-28, Q and
            // S open past 03-31, T not yet due (05-31)
            asOf("2023-04-20", basis).get("/api/reports/summary").then()
                    .body("today", equalTo("2023-04-20"))
                    .body("issues.onTime", equalTo(2))
                    .body("issues.late", equalTo(2))
                    .body("issues.onTimeRate.display", equalTo("50%"))
                    .body("issues.onTimeAgainstOriginal", equalTo(1))
                    .body("issues.lateAgainstOriginal", equalTo(3))
                    .body("issues.onTimeRateAgainstOriginal.display", equalTo("25%"))
                    .body("issues.overdue", equalTo(2))
                    .body("issues.awaitingExtensionDecision", equalTo(1));
        }
        // P's return took effect on 03-22 but was recorded on 03-24: on 03-23 the clocks differ
        asOf("2023-03-23", "effective").get("/api/reports/summary").then()
                .body("issues.returned", equalTo(1))
                .body("issues.awaitingCompletionDecision", equalTo(0));
        drill(asOf("2023-03-23", "effective"), "returned").body("issues[0].status", equalTo("IN_PROGRESS"));
        asOf("2023-03-23", "recorded").get("/api/reports/summary").then()
                .body("issues.returned", equalTo(0))
                .body("issues.awaitingCompletionDecision", equalTo(1));
        asOf("2023-03-23", "recorded").queryParam("by", "unit").get("/api/reports/breakdown").then()
                .body("groups.find { it.key == '" + F + "' }.counts.awaitingCompletionDecision", equalTo(1))
                .body("groups.find { it.key == '" + F + "' }.counts.returned", equalTo(0));
        asOf("2023-03-24", "recorded").get("/api/reports/summary").then()
                .body("issues.returned", equalTo(1))
                .body("issues.awaitingCompletionDecision", equalTo(0));
    }

    /**
     * Q's 0.5亿 corrected to 0.8亿 (recorded 04-10 10:00) and S's 3300万 of 03-01 withdrawn (recorded 04-12 10:00), both
     * effective on the corrected report's date. On the recorded clock the old figures hold until the correction was
     * recorded; on the effective clock the replacement counts in the corrected report's place and the withdrawn one
     * never counts.
     */
    @Test
    void shouldAnswerCorrectionsOnBothClocks() {
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("2023-04-09 recorded", 183000000);             // 1亿 + 0.5亿 + 0.33亿
        expected.put("2023-04-10T09:59:59+08:00 recorded", 183000000);
        expected.put("2023-04-10T10:00:00+08:00 recorded", 213000000); // 1亿 + 0.8亿 + 0.33亿
        expected.put("2023-04-11 recorded", 213000000);
        expected.put("2023-04-12T09:59:59+08:00 recorded", 213000000);
        expected.put("2023-04-12T10:00:00+08:00 recorded", 200000000); // 1亿 + 0.8亿 + 0.2亿
        expected.put("2023-02-09 effective", 100000000);
        expected.put("2023-02-12 effective", 180000000);             // Q's replacement from 02-10, never the 0.5亿
        expected.put("2023-03-05 effective", 200000000);             // S's 2000万 of 02-15: the 03-01 report withdrawn
        expected.put("2023-04-09 effective", 200000000);
        expected.forEach((moment, numerator) -> given().queryParam("inspection", ledger.id)
                .queryParam("asOf", moment.split(" ")[0]).queryParam("basis", moment.split(" ")[1]).get(VALUES)
                .then().statusCode(200).body("value.numerator", equalTo(numerator)));
        live().get(VALUES).then().statusCode(200).body("value.numerator", equalTo(200000000));
        asOf("2023-04-09", "recorded").queryParam("by", "industry").get(VALUES).then()
                .body("groups.find { it.key == '风电' }.value.numerator", equalTo(50000000))
                .body("groups.find { it.key == '生物医药' }.value.numerator", equalTo(33000000));
        asOf("2023-04-12", "recorded").queryParam("by", "industry").get(VALUES).then()
                .body("groups.find { it.key == '风电' }.value.numerator", equalTo(80000000))
                .body("groups.find { it.key == '生物医药' }.value.numerator", equalTo(20000000));
        // the summary's indicator figure agrees
        asOf("2023-04-11", "recorded").get("/api/reports/summary").then()
                .body("indicators.find { it.code == 'investment.completed' }.value.numerator", equalTo(213000000));

        // the drill-through names the figures counted then
        asOf("2023-04-09", "recorded").queryParam("indicator", "investment.completed").get("/api/reports/drill")
                .then().statusCode(200)
                .body("readings.find { it.dimensions.industry == '风电' }.value", equalTo(50000000))
                .body("readings.find { it.dimensions.industry == '生物医药' }.asOf", equalTo("2023-03-01"));
        asOf("2023-04-12", "recorded").queryParam("indicator", "investment.completed").get("/api/reports/drill")
                .then().statusCode(200)
                .body("readings.find { it.dimensions.industry == '风电' }.value", equalTo(80000000))
                .body("readings.find { it.dimensions.industry == '风电' }.asOf", equalTo("2023-02-10"))
                .body("readings.find { it.dimensions.industry == '生物医药' }.asOf", equalTo("2023-02-15"));

        // the issue's last progress date agrees with the figures: S's is 03-01 until the withdrawal, then 02-15
        drill(asOf("2023-04-11", "recorded"), "total")
                .body("issues.find { it.title == 'S' }.lastProgressDate", equalTo("2023-03-01"))
                .body("issues.find { it.title == 'Q' }.lastProgressDate", equalTo("2023-02-10"));
        drill(asOf("2023-04-12", "recorded"), "total")
                .body("issues.find { it.title == 'S' }.lastProgressDate", equalTo("2023-02-15"));
        for (String day : List.of("2023-03-05", "2023-04-11")) {
            drill(asOf(day, "effective"), "total")
                    .body("issues.find { it.title == 'S' }.lastProgressDate", equalTo("2023-02-15"))
                    .body("issues.find { it.title == 'Q' }.lastProgressDate", equalTo("2023-02-10"));
        }
        drill(live(), "total").body("issues.find { it.title == 'S' }.lastProgressDate", equalTo("2023-02-15"));
        // both corrections are events of their own: the history shows the report and its correction
        drill(live(), "total").body("events.findAll { it.type == 'zhenggai.issue.progress-corrected.v1' }"
                + ".effectiveDate", org.hamcrest.Matchers.containsInAnyOrder("2023-02-10", "2023-03-01"));
    }

    /**
     * As of now, on either clock, every answer equals the live one: timelines and versions end in issue_view's state.
     * Only an issue row's {@code sequence} on the effective clock may be lower: it is the last event that changed what
     * the timeline holds, and P's 批示 and evidence change nothing it holds.
     */
    @Test
    void shouldAnswerAsOfNowAsLive() {
        List<String> paths = new ArrayList<>(List.of("/api/reports/summary", "/api/reports/breakdown?by=unit",
                "/api/reports/breakdown?by=leadUnit", "/api/reports/breakdown?by=aspect", VALUES,
                VALUES + "?by=industry", "/api/reports/drill?indicator=investment.completed"));
        for (String measure : List.of("total", "unsigned", "returned", "extended", "awaitingCompletionDecision",
                "awaitingExtensionDecision", "onTimeAgainstOriginal", "lateAgainstOriginal", "late")) {
            paths.add("/api/reports/drill?measure=" + measure);
        }
        for (String path : paths) {
            Map<String, Object> now = live().get(path).then().statusCode(200).extract().jsonPath().getMap("");
            now.remove("asOf");
            now.remove("basis");
            for (String basis : List.of("effective", "recorded")) {
                Map<String, Object> then = asOf(Instant.now().toString(), basis).get(path).then().statusCode(200)
                        .extract().jsonPath().getMap("");
                then.remove("asOf");
                then.remove("basis");
                Map<String, Object> expected = now;
                if (basis.equals("effective")) {
                    expected = withoutPsSequence(now);
                    then = withoutPsSequence(then);
                }
                assertThat(then).as(path + " (" + basis + ")").isEqualTo(expected);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutPsSequence(Map<String, Object> answer) {
        Map<String, Object> copy = new LinkedHashMap<>(answer);
        if (copy.get("issues") instanceof List<?> issues) {
            copy.put("issues", issues.stream().map(i -> {
                Map<String, Object> issue = new LinkedHashMap<>((Map<String, Object>) i);
                if ("P".equals(issue.get("title"))) {
                    issue.remove("sequence");
                }
                return issue;
            }).toList());
        }
        return copy;
    }

    /** A replay from the topic, through these events, builds a generation equal to the live one and switches it in. */
    @Test
    void shouldReplayTheWorkflowEqualToTheLiveGeneration() {
        Map<String, Object> before = live().get("/api/reports/summary").then().extract().jsonPath().getMap("issues");
        Object recordedBefore = asOf("2023-04-11", "recorded").get(VALUES).then().extract().path("value.numerator");
        long id = given().contentType("application/json")
                .body("{\"source\": \"topic\", \"autoSwitch\": true, \"note\": \"workflow counts\"}")
                .post("/api/admin/replays").then().statusCode(202).extract().jsonPath().getLong("id");
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().get("/api/admin/replays/" + id).then().statusCode(200).body("state", equalTo("SWITCHED")));
        JsonPath replay = given().get("/api/admin/replays/" + id).then().extract().jsonPath();
        assertThat(replay.getBoolean("comparison.equal")).as(replay.prettify()).isTrue();
        assertThat(replay.getList("comparison.tables.table", String.class)).contains("issue_view", "issue_version",
                "issue_timeline", "issue_attributes", "reading_fact");
        assertThat(replay.getLong("comparison.tables.find { it.table == 'reading_fact' }.replayRows")).isPositive();
        assertThat(live().get("/api/reports/summary").then().extract().jsonPath().getMap("issues")).isEqualTo(before);
        asOf("2023-04-11", "recorded").get(VALUES).then().body("value.numerator", equalTo(recordedBefore));
    }
}
