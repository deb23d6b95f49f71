package io.zhenggai.report;

import static io.zhenggai.report.Api.given;
import static io.zhenggai.report.Events.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.zhenggai.report.indicator.BuiltInIndicators;
import io.zhenggai.report.indicator.FactLoader;
import io.zhenggai.report.indicator.IndicatorDefinition;
import io.zhenggai.report.indicator.IndicatorEvaluator;
import io.zhenggai.report.indicator.IndicatorSpec;
import io.zhenggai.report.indicator.IndicatorValue;
import io.zhenggai.report.projection.IssueStatus;
import io.zhenggai.report.indicator.Window;
import io.zhenggai.report.projection.AsOf;
import io.zhenggai.report.projection.IssueProjection;
import io.zhenggai.report.projection.IssueTimeline;
import io.zhenggai.report.projection.IssueVisibility;
import io.zhenggai.report.projection.Rows;
import io.zhenggai.report.store.Generations;
import io.restassured.specification.RequestSpecification;

/**
 * Answers as of a date or an instant, on both clocks, over a scripted history with a back-dated entry (补录). The
 * inspection's feedback date is 2023-01-10 and it was recorded on 01-11; times are Asia/Shanghai.
 * <pre>
 *   X  deadline 04-30  created (effective 01-10, recorded 01-12)
 *                      progress as of 02-01, 新材料 1亿 (recorded 02-01) → IN_PROGRESS
 *                      progress as of 03-01, 新材料 2亿 (recorded 03-02)
 *                      COMPLETE effective 03-20 (recorded 03-20 15:00), progress as of 03-20 (recorded 16:00)
 *   Y  deadline 03-31  created (effective 01-10, recorded 01-12)
 *                      progress as of 02-10 (recorded 02-10) → IN_PROGRESS
 *                      COMPLETE effective 03-15, recorded 04-05 15:00 (补录: 21 days late)
 *                      progress as of 02-20, 风电 0.5亿, recorded 04-06 (补录: 45 days late)
 * </pre>
 * On the effective basis Y was completed on 03-15, on time; on the recorded basis the ledger did not know that until
 * 04-05, so on 04-03 Y was open past its deadline: overdue and late.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AsOfTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Inject
    EntityManager em;

    @Inject
    Generations generations;

    @Inject
    FactLoader facts;

    private final Events.Inspection ledger = new Events.Inspection(LocalDate.parse("2023-01-10"));
    /** A second inspection: Z reports 1亿 as of 03-01, a forecast of 6亿 as of 12-31 on 03-10, and 2亿 as of 03-20. */
    private final Events.Inspection forecasts = new Events.Inspection(LocalDate.parse("2023-02-01"));
    private boolean sent;

    private static Instant at(String localDateTime) {
        return OffsetDateTime.parse(localDateTime + "+08:00").toInstant();
    }

    private static LocalDate day(String date) {
        return LocalDate.parse(date);
    }

    @BeforeEach
    void sendTheHistory() {
        if (sent) {
            return;
        }
        sent = true;
        Events.Issue x = ledger.issue("main", "一", 1, "X").responsibility(List.of("张三"), List.of("经济发展局"),
                List.of()).deadline(day("2023-04-30"));
        Events.Issue y = ledger.issue("main", "一", 2, "Y").responsibility(List.of("李四"), List.of("财政金融局"),
                List.of()).deadline(day("2023-03-31"));
        Kafka.send(ledger.created(at("2023-01-11T09:00:00")),
                Events.at(at("2023-01-12T10:00:00"), () -> x.created(x.feedbackDate())),
                Events.at(at("2023-01-12T10:05:00"), () -> y.created(y.feedbackDate())),
                Events.at(at("2023-02-01T18:00:00"), () -> x.progress(day("2023-02-01"),
                        reading("investment.completed", Map.of("industry", "新材料"), "100000000", "CNY", "MONEY",
                                "1亿元"))),
                Events.at(at("2023-02-10T11:00:00"), () -> y.progress(day("2023-02-10"))),
                Events.at(at("2023-03-02T09:00:00"), () -> x.progress(day("2023-03-01"),
                        reading("investment.completed", Map.of("industry", "新材料"), "200000000", "CNY", "MONEY",
                                "2亿元"))),
                Events.at(at("2023-03-20T15:00:00"), () -> x.transition("COMPLETE", "COMPLETED", day("2023-03-20"))),
                Events.at(at("2023-03-20T16:00:00"), () -> x.progress(day("2023-03-20"))),
                Events.at(at("2023-04-05T15:00:00"), () -> y.transition("COMPLETE", "COMPLETED", day("2023-03-15"))),
                Events.at(at("2023-04-06T10:00:00"), () -> y.progress(day("2023-02-20"),
                        reading("investment.completed", Map.of("industry", "风电"), "50000000", "CNY", "MONEY",
                                "5000万元"))));
        Events.Issue z = forecasts.issue("main", "一", 1, "Z").responsibility(List.of("王五"), List.of("经济发展局"),
                List.of()).deadline(day("2023-12-31"));
        Kafka.send(forecasts.created(at("2023-02-01T09:00:00")),
                Events.at(at("2023-02-01T10:00:00"), () -> z.created(z.feedbackDate())),
                Events.at(at("2023-03-02T09:00:00"), () -> z.progress(day("2023-03-01"),
                        reading("investment.completed", Map.of("industry", "新材料"), "100000000", "CNY", "MONEY",
                                "1亿元"))),
                Events.at(at("2023-03-10T09:00:00"), () -> z.progress(day("2023-12-31"),
                        Events.forecast(reading("investment.completed", Map.of("industry", "新材料"), "600000000",
                                "CNY", "MONEY", "6亿元")))),
                Events.at(at("2023-03-21T09:00:00"), () -> z.progress(day("2023-03-20"),
                        reading("investment.completed", Map.of("industry", "新材料"), "200000000", "CNY", "MONEY",
                                "2亿元"))));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().queryParam("inspection", forecasts.id).get("/api/indicators/investment.completed/values")
                        .then().body("value.numerator", equalTo(600000000)));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().queryParam("inspection", ledger.id).get("/api/reports/summary").then()
                        .body("issues.total", equalTo(2))
                        .body("issues.byStatus.COMPLETED", equalTo(2))
                        .body("indicators.find { it.code == 'investment.completed' }.value.numerator",
                                equalTo(250000000)));
    }

    private RequestSpecification asOf(String asOf, String basis) {
        RequestSpecification request = given().queryParam("inspection", ledger.id).queryParam("asOf", asOf);
        return basis == null ? request : request.queryParam("basis", basis);
    }

    @Test
    void shouldHaveNothingBeforeTheFeedbackDate() {
        asOf("2023-01-09", null).get("/api/reports/summary").then().statusCode(200)
                .body("asOf", equalTo("2023-01-09"))
                .body("basis", equalTo("effective"))
                .body("today", equalTo("2023-01-09"))
                .body("inspections", equalTo(0))
                .body("issues.total", equalTo(0))
                .body("indicators.find { it.code == 'investment.completed' }.value.value", nullValue())
                .body("indicators.find { it.code == 'issue.completion_rate' }.value.value", nullValue());
        // effective on the feedback date, though recorded two days later
        asOf("2023-01-10", "effective").get("/api/reports/summary").then().statusCode(200)
                .body("inspections", equalTo(1))
                .body("issues.total", equalTo(2))
                .body("issues.byStatus.NOT_STARTED", equalTo(2));
        asOf("2023-01-10", "recorded").get("/api/reports/summary").then().statusCode(200)
                .body("basis", equalTo("recorded"))
                .body("inspections", equalTo(0))
                .body("issues.total", equalTo(0));
        asOf("2023-01-11", "recorded").get("/api/reports/summary").then()
                .body("inspections", equalTo(1))
                .body("issues.total", equalTo(0));
    }

    @Test
    void shouldFollowStatusesOnTheEffectiveClock() {
        asOf("2023-02-05", null).get("/api/reports/summary").then().statusCode(200)
                .body("issues.byStatus.IN_PROGRESS", equalTo(1)) // X since 02-01
                .body("issues.byStatus.NOT_STARTED", equalTo(1));
        asOf("2023-03-15", "effective").get("/api/reports/summary").then()
                .body("issues.byStatus.IN_PROGRESS", equalTo(1))
                .body("issues.byStatus.COMPLETED", equalTo(1)) // Y, back-dated to 03-15
                .body("issues.onTime", equalTo(1));
        asOf("2023-03-31", "effective").get("/api/reports/summary").then()
                .body("issues.completedOrClosed", equalTo(2))
                .body("issues.completionRate.display", equalTo("100%"))
                .body("issues.byWarning", equalTo(Map.of("RED", 0, "YELLOW", 1, "GREEN", 1, "NONE", 0)));
    }

    @Test
    void shouldDifferOnTheTwoClocksWhereTheEntryWasBackdated() {
        // effective: Y completed on 03-15, on time; recorded: on 04-03 nobody knew, Y was open past its deadline
        asOf("2023-04-03", "effective").get("/api/reports/summary").then().statusCode(200)
                .body("issues.completedOrClosed", equalTo(2))
                .body("issues.overdue", equalTo(0))
                .body("issues.onTime", equalTo(2))
                .body("issues.late", equalTo(0));
        asOf("2023-04-03", "recorded").get("/api/reports/summary").then().statusCode(200)
                .body("today", equalTo("2023-04-03"))
                .body("issues.completedOrClosed", equalTo(1))
                .body("issues.byStatus.IN_PROGRESS", equalTo(1))
                .body("issues.overdue", equalTo(1))
                .body("issues.byWarning.RED", equalTo(1))
                .body("issues.onTime", equalTo(1))
                .body("issues.late", equalTo(1))
                .body("issues.onTimeRate.display", equalTo("50%"));
        // an instant is exact on the recorded basis: Y's completion was recorded at 15:00 on 04-05
        asOf("2023-04-05T14:59:59+08:00", "recorded").get("/api/reports/summary").then().statusCode(200)
                .body("asOf", equalTo("2023-04-05T06:59:59Z"))
                .body("issues.completedOrClosed", equalTo(1));
        asOf("2023-04-05T07:00:00Z", "recorded").get("/api/reports/summary").then()
                .body("issues.completedOrClosed", equalTo(2));
        // by the end of 04-06 both clocks agree, and with the live answer
        asOf("2023-04-06", "recorded").get("/api/reports/summary").then().body("issues.onTime", equalTo(2));
    }

    @Test
    void shouldBreakDownAsOfADate() {
        asOf("2023-04-03", "recorded").queryParam("by", "unit").get("/api/reports/breakdown").then().statusCode(200)
                .body("asOf", equalTo("2023-04-03"))
                .body("basis", equalTo("recorded"))
                .body("groups.key", equalTo(List.of("经济发展局", "财政金融局")))
                .body("groups.counts.overdue", equalTo(List.of(0, 1)));
        asOf("2023-04-03", "effective").queryParam("by", "unit").get("/api/reports/breakdown").then()
                .body("groups.counts.overdue", equalTo(List.of(0, 0)))
                .body("groups.counts.completedOrClosed", equalTo(List.of(1, 1)));
    }

    @Test
    void shouldCountReadingsAsKnownThen() {
        String values = "/api/indicators/investment.completed/values";
        // effective: Y's 0.5亿 as of 02-20 counts from 02-20, though recorded on 04-06
        asOf("2023-02-25", "effective").get(values).then().statusCode(200)
                .body("asOf", equalTo("2023-02-25"))
                .body("value.numerator", equalTo(150000000));
        asOf("2023-02-25", "recorded").get(values).then().body("value.numerator", equalTo(100000000));
        asOf("2023-03-05", "effective").queryParam("by", "industry").get(values).then()
                .body("value.numerator", equalTo(250000000))
                .body("groups.key", containsInAnyOrder("新材料", "风电"))
                // per industry too, the latest reading of each (2亿 of 03-01, not 1亿 of 02-01)
                .body("groups.find { it.key == '新材料' }.value.numerator", equalTo(200000000))
                .body("groups.find { it.key == '风电' }.value.numerator", equalTo(50000000));
        asOf("2023-02-25", "effective").queryParam("by", "industry").get(values).then()
                .body("groups.find { it.key == '新材料' }.value.numerator", equalTo(100000000));
        asOf("2023-03-05", "recorded").get(values).then().body("value.numerator", equalTo(200000000));
        asOf("2023-01-31", "effective").get(values).then().body("value.value", nullValue());
        // the issue-count indicators follow the same timeline as the counts
        asOf("2023-04-03", "recorded").get("/api/indicators/issue.completion_rate/values").then()
                .body("value.display", equalTo("50%"));
        asOf("2023-04-03", "effective").get("/api/indicators/issue.completion_rate/values").then()
                .body("value.display", equalTo("100%"));
    }

    /**
     * On the recorded clock, the latest value of a series is that of the latest date among the readings recorded by
     * then, even one dated after the day it was recorded (a forecast): from 03-10 the ledger knew the 6亿 for 12-31.
     */
    @Test
    void shouldTakeAReadingDatedAfterItWasRecordedAsTheLatestOnTheRecordedClock() {
        String values = "/api/indicators/investment.completed/values";
        for (String by : Arrays.asList(null, "industry")) {
            Map<String, Integer> expected = new LinkedHashMap<>();
            expected.put("2023-03-05 recorded", 100000000);
            expected.put("2023-03-15 recorded", 600000000);
            expected.put("2023-03-25 recorded", 600000000);
            expected.put("2023-03-15 effective", 100000000);
            expected.put("2023-03-25 effective", 200000000);
            expected.forEach((moment, numerator) -> {
                RequestSpecification request = given().queryParam("inspection", forecasts.id)
                        .queryParam("asOf", moment.split(" ")[0]).queryParam("basis", moment.split(" ")[1]);
                if (by != null) {
                    request.queryParam("by", by);
                }
                request.get(values).then().statusCode(200)
                        .body("value.numerator", equalTo(numerator))
                        .body("value.qualifier", equalTo(numerator == 600000000 ? "FORECAST" : "EXACT"));
            });
        }
        // an instant just before and just after the forecast was recorded
        given().queryParam("inspection", forecasts.id).queryParam("asOf", "2023-03-10T08:59:59+08:00")
                .queryParam("basis", "recorded").get(values).then().body("value.numerator", equalTo(100000000));
        given().queryParam("inspection", forecasts.id).queryParam("asOf", "2023-03-10T09:00:00+08:00")
                .queryParam("basis", "recorded").get(values).then().body("value.numerator", equalTo(600000000));
    }

    @Test
    void shouldDrillAsOfADateShowingBackdatedEvents() {
        asOf("2023-03-31", "effective").queryParam("measure", "completedOrClosed").get("/api/reports/drill").then()
                .statusCode(200)
                .body("asOf", equalTo("2023-03-31"))
                .body("count", equalTo(2))
                .body("issues.title", equalTo(List.of("X", "Y")))
                .body("issues.find { it.title == 'Y' }.completedOn", equalTo("2023-03-15"))
                .body("events.find { it.type == 'zhenggai.issue.status-changed.v1' && it.lagDays == 21 }.backdated",
                        equalTo(true))
                .body("events.find { it.lagDays == 21 }.effectiveDate", equalTo("2023-03-15"))
                // the back-dated progress report is effective 02-20: part of the ledger on 03-31 on this clock
                .body("events.lagDays", hasItem(45));
        asOf("2023-03-31", "recorded").queryParam("measure", "completedOrClosed").get("/api/reports/drill").then()
                .body("count", equalTo(1))
                .body("issues.title", equalTo(List.of("X")))
                .body("events.lagDays", not(hasItem(21)));
        asOf("2023-04-03", "recorded").queryParam("measure", "overdue").get("/api/reports/drill").then()
                .body("issues.title", equalTo(List.of("Y")))
                .body("issues[0].status", equalTo("IN_PROGRESS"))
                .body("issues[0].warning", equalTo("RED"))
                .body("events.sequence", equalTo(List.of(1, 2)));
        asOf("2023-02-25", "effective").queryParam("indicator", "investment.completed").get("/api/reports/drill")
                .then().statusCode(200)
                .body("value.numerator", equalTo(150000000))
                .body("readings.asOf", containsInAnyOrder("2023-02-01", "2023-02-20"))
                .body("readings.find { it.asOf == '2023-02-20' }.reports[0].effectiveDate", equalTo("2023-02-20"));
    }

    @Test
    void shouldListBackdatedEntriesLongestLagFirst() {
        given().queryParam("inspection", ledger.id).queryParam("minLagDays", 7).get("/api/reports/backdated").then()
                .statusCode(200)
                .body("minLagDays", equalTo(7))
                .body("asOf", nullValue())
                .body("events.event.lagDays", equalTo(List.of(45, 21)))
                .body("events.event.type", equalTo(List.of("zhenggai.issue.progress-reported.v1",
                        "zhenggai.issue.status-changed.v1")))
                .body("events.title", equalTo(List.of("Y", "Y")))
                .body("events[1].event.effectiveDate", equalTo("2023-03-15"))
                .body("events[1].event.recordedAt", equalTo("2023-04-05T07:00:00Z"));
        // by default every event effective before the day it was recorded: the creations (01-10, recorded 01-12) too
        given().queryParam("inspection", ledger.id).get("/api/reports/backdated").then()
                .body("events.event.lagDays", equalTo(List.of(45, 21, 2, 2, 1)));
        // known by the end of 04-05: the completion, not yet the progress report
        given().queryParam("inspection", ledger.id).queryParam("minLagDays", 7).queryParam("asOf", "2023-04-05")
                .queryParam("basis", "recorded").get("/api/reports/backdated").then()
                .body("basis", equalTo("recorded"))
                .body("events.event.lagDays", equalTo(List.of(21)));
        given().queryParam("inspection", ledger.id).queryParam("minLagDays", 7).queryParam("asOf", "2023-03-01")
                .get("/api/reports/backdated").then()
                .body("events.event.lagDays", equalTo(List.of(45)));
    }

    /**
     * The intake writes timelines incrementally (an event in date order touches the open row only); whatever it
     * wrote must be what {@link IssueTimeline#of} computes from the versions, for every issue in the database
     * (this class's and those of the other tests that ran in this JVM).
     */
    @Test
    void shouldWriteTimelinesAsTheTimelineFunctionComputesThem() {
        // X's history is in date order (a new segment per day, and one updated on 03-20), Y's has two back-dated
        // entries (recomputed)
        QuarkusTransaction.requiringNew().run(() -> {
            generations.bind();
            @SuppressWarnings("unchecked")
            List<Object> ids = em.createNativeQuery("SELECT DISTINCT issue_id FROM issue_version").getResultList();
            assertThat(ids).hasSizeGreaterThanOrEqualTo(2);
            for (Object id : ids) {
                @SuppressWarnings("unchecked")
                List<jakarta.persistence.Tuple> versions = em.createNativeQuery("SELECT "
                                + IssueProjection.VERSION_COLUMNS
                                + " FROM issue_version WHERE issue_id = ?1 ORDER BY sequence",
                                jakarta.persistence.Tuple.class)
                        .setParameter(1, id).getResultList();
                List<IssueTimeline.Segment> expected = IssueTimeline.of(versions.stream()
                        .map(IssueProjection::version).toList());
                @SuppressWarnings("unchecked")
                List<Object[]> rows = em.createNativeQuery("""
                                SELECT valid_from, CASE WHEN valid_to = 'infinity' THEN NULL ELSE valid_to END,
                                       status, attributes_id, completed_on, last_progress_date, reopened, created_on,
                                       sequence, assignment_state, awaiting_decision, extension_count, returned_count
                                FROM issue_timeline WHERE issue_id = ?1 ORDER BY valid_from""")
                        .setParameter(1, id).getResultList();
                List<IssueTimeline.Segment> written = rows.stream().map(r -> new IssueTimeline.Segment(
                        Rows.date(r[0]), Rows.date(r[1]), IssueStatus.valueOf((String) r[2]), Rows.uuid(r[3]),
                        Rows.date(r[4]), Rows.date(r[5]), ((Number) r[6]).intValue(), Rows.date(r[7]),
                        Rows.count(r[8]), new IssueTimeline.Workflow((String) r[9], (String) r[10],
                        ((Number) r[11]).intValue(), ((Number) r[12]).intValue()))).toList();
                assertThat(written).as("timeline of issue %s", id).isEqualTo(expected);
            }
            for (String table : List.of("issue_timeline", "issue_version")) {
                assertThat(Rows.count(em.createNativeQuery("SELECT count(*) FROM " + table
                        + " s JOIN issue_attributes a ON a.id = s.attributes_id"
                        + " WHERE s.deadline IS DISTINCT FROM a.deadline OR s.inspection_id <> a.inspection_id"
                        + " OR s.original_deadline IS DISTINCT FROM a.original_deadline")
                        .getSingleResult())).as("%s rows whose copies differ from their attributes", table).isZero();
            }
        });
    }

    /**
     * Values and breakdowns count issues as tallies in the database, and a drill-through lists a count's issues with
     * the terms' conditions written as SQL; loading every issue by id and evaluating in the JVM is the reference. All
     * three must agree, for the built-in issue indicators and definitions that use every kind of condition, under every
     * grouping and at several moments, over this ledger and over every issue the test database holds (other test
     * classes' ledgers: other units, tags, aspects, statuses).
     */
    @Test
    void shouldCountAndListIssuesInTheDatabaseAsIssueByIssue() {
        List<IndicatorDefinition> definitions = new ArrayList<>(List.of(BuiltInIndicators.byCode("issue.completion_rate"),
                BuiltInIndicators.byCode("issue.closure_rate"), BuiltInIndicators.byCode("issue.on_time_rate")));
        String[][] specs = {
                {"issues(unit = 财政金融局)", "issues()"},
                {"issues(tag = none, leader = *)", "issues(status in [NOT_STARTED, IN_PROGRESS])"},
                {"issues(overdue = true) + issues(warning in [RED, YELLOW])", "issues(onTime = *)"},
                {"issues(onTime = false, aspect = *)", "issues(category = none) + issues(inspection = *)"},
                {"issues(unit in [经济发展局, 财政金融局], status = COMPLETED)", "issues(list = *, tag = *)"}};
        for (int k = 0; k < specs.length; k++) {
            definitions.add(IndicatorDefinition.parse(IndicatorSpec.of("test.sql_" + k, "对照" + k, specs[k][0],
                    specs[k][1], BigDecimal.valueOf(100), "%", "")));
        }
        List<String> bys = Arrays.asList(null, "aspect", "category", "list", "inspection", "unit", "leader", "tag",
                "status", "warning", "onTime", "overdue", "industry");
        List<AsOf> moments = Arrays.asList(null, AsOf.date(day("2023-03-31"), AsOf.Basis.EFFECTIVE, SHANGHAI),
                AsOf.date(day("2023-04-03"), AsOf.Basis.RECORDED, SHANGHAI));
        int compared = 0;
        for (java.util.UUID inspection : Arrays.asList(ledger.id, null)) {
            for (AsOf moment : moments) {
                for (IndicatorDefinition definition : definitions) {
                    for (String by : bys) {
                        FactLoader.Facts byId = facts.load(List.of(definition), inspection, moment, by, true);
                        FactLoader.Facts tallied = facts.load(List.of(definition), inspection, moment, by, false);
                        assertThat(tallied.set().issues()).allMatch(f -> f.id() == null);
                        IndicatorEvaluator evaluator = new IndicatorEvaluator(byId.catalogue());
                        Map<String, IndicatorValue> expected = new LinkedHashMap<>();
                        Map<String, IndicatorValue> actual = new LinkedHashMap<>();
                        if (by == null) {
                            expected.put(null, evaluator.evaluate(definition, byId.set(), Window.all()));
                            actual.put(null, evaluator.evaluate(definition, tallied.set(), Window.all()));
                        } else {
                            evaluator.evaluateBy(definition, byId.set(), Window.all(), by).groups()
                                    .forEach(g -> expected.put(g.key(), g.value()));
                            evaluator.evaluateBy(definition, tallied.set(), Window.all(), by).groups()
                                    .forEach(g -> actual.put(g.key(), g.value()));
                        }
                        String what = definition.code() + " by " + by + " as of " + moment + " in " + inspection;
                        assertThat(actual.keySet()).as(what).containsExactlyElementsOf(expected.keySet());
                        for (Map.Entry<String, IndicatorValue> group : expected.entrySet()) {
                            IndicatorValue reference = group.getValue();
                            IndicatorValue value = actual.get(group.getKey());
                            String which = what + ", group " + group.getKey();
                            assertThat(value.value()).as(which).isEqualTo(reference.value());
                            assertThat(value.numerator()).as(which).isEqualTo(reference.numerator());
                            assertThat(value.denominator()).as(which).isEqualTo(reference.denominator());
                            assertThat(value.issueCount()).as(which).isEqualTo(reference.issueIds().size());
                            assertThat(facts.countedIssues(definition, by, group.getKey(), inspection, moment,
                                    IssueVisibility.ALL, 100_000))
                                    .as(which).containsExactlyElementsOf(reference.issueIds().stream()
                                            .map(java.util.UUID::fromString).toList());
                            compared++;
                        }
                    }
                }
            }
        }
        assertThat(compared).as("groups compared").isGreaterThan(500);
    }


    @Test
    void shouldRefuseBadMomentsNamingTheParameter() {
        String tomorrow = LocalDate.now(SHANGHAI).plusDays(1).toString();
        for (String bad : List.of("2023-02-30", "2023-03-31T10:00:00", "yesterday", tomorrow,
                Instant.now().plusSeconds(3600).toString())) {
            given().queryParam("asOf", bad).get("/api/reports/summary").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo("asOf"));
        }
        given().queryParam("asOf", "2023-03-31").queryParam("basis", "sideways").get("/api/reports/breakdown?by=aspect")
                .then().statusCode(400).body("errors[0].field", equalTo("basis"));
        given().queryParam("basis", "recorded").get("/api/indicators/issue.completion_rate/values").then()
                .statusCode(400).body("errors[0].field", equalTo("basis"));
        given().queryParam("asOf", "2023-13-01").get("/api/reports/drill?measure=total").then().statusCode(400)
                .body("errors[0].field", equalTo("asOf"))
                .body("detail", containsString("2023-13-01"));
        given().queryParam("asOf", "x").get("/api/reports/backdated").then().statusCode(400)
                .body("errors[0].field", equalTo("asOf"));
        given().queryParam("minLagDays", "0").get("/api/reports/backdated").then().statusCode(400)
                .body("errors[0].field", equalTo("minLagDays"));
        // an unencoded '+' arrives as a space: read as the offset it was
        given().urlEncodingEnabled(false).get("/api/reports/summary?asOf=2023-04-05T15:00:00+08:00&basis=recorded&"
                        + "inspection=" + ledger.id).then().statusCode(200)
                .body("asOf", equalTo("2023-04-05T07:00:00Z"))
                .body("issues.completedOrClosed", equalTo(2));
        given().queryParam("inspection", ledger.id).get("/api/reports/summary").then()
                .body("asOf", nullValue()).body("basis", nullValue()).body("issues.total", equalTo(2))
                .body("indicators", not(empty()));
    }
}
