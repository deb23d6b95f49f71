package io.zhenggai.report;

import static io.zhenggai.report.Api.given;
import static io.zhenggai.report.Events.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.zhenggai.report.projection.DeadlineWarnings;

/**
 * Summary, breakdowns and drill-through on a scripted ledger of seven issues, sent to the topic as issue-service would
 * send them. Dates are relative to today in Asia/Shanghai, so that warnings, overdue and stale issues are what they
 * would be on the day the test runs.
 * <pre>
 *   issue  place            leaders units               deadline  history                                  now
 *   A      main 一/1        张三    经济发展局           T+5       progress T-1                              IN_PROGRESS YELLOW
 *   B      main 一/1        张三    经济发展局 财政金融局 T-3       progress T-40                             IN_PROGRESS RED overdue stale late
 *   C      main 一/2        李四    财政金融局           T+60      progress T-2, COMPLETE T-1                COMPLETED GREEN on time
 *   D      main 二/1        李四    –                    T-10      progress T-20, COMPLETE T-5, CLOSE T-4    CLOSED late
 *   E      附件 一/1        –       –                    –         created                                   NOT_STARTED
 *   F      main 二/1        –       –                    –         progress T-5, MAKE_LONG_TERM T-5          LONG_TERM
 *   G      main 一/2        –       经济发展局           T+30      progress, COMPLETE, CLOSE, 回头看 T-1     IN_PROGRESS GREEN
 * </pre>
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportsTest {

    private static final LocalDate T = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @Inject
    DeadlineWarnings warnings;

    private final Events.Inspection ledger = new Events.Inspection();
    private Events.Issue a;
    private Events.Issue b;
    private Events.Issue c;
    private Events.Issue d;
    private Events.Issue e;
    private Events.Issue f;
    private Events.Issue g;

    private boolean sent;

    /** Once per class, but after Quarkus has pointed REST Assured at the application (it does not before @BeforeAll). */
    @BeforeEach
    void sendTheLedger() {
        if (sent) {
            return;
        }
        sent = true;
        a = ledger.issue("main", "一", 1, "A").responsibility(List.of("张三"), List.of("经济发展局"), List.of("科技"))
                .deadline(T.plusDays(5));
        b = ledger.issue("main", "一", 1, "B").responsibility(List.of("张三"), List.of("经济发展局", "财政金融局"), List.of())
                .deadline(T.minusDays(3));
        c = ledger.issue("main", "一", 2, "C").responsibility(List.of("李四"), List.of("财政金融局"), List.of())
                .group("一是产业发展").deadline(T.plusDays(60));
        d = ledger.issue("main", "二", 1, "D").responsibility(List.of("李四"), List.of(), List.of())
                .deadline(T.minusDays(10));
        e = ledger.issue("yellow-river", "一", 1, "E");
        f = ledger.issue("main", "二", 1, "F");
        g = ledger.issue("main", "一", 2, "G").responsibility(List.of(), List.of("经济发展局"), List.of())
                .deadline(T.plusDays(30));
        Kafka.send(ledger.created(), a.created(), b.created(), c.created(), d.created(), e.created(), f.created(),
                g.created());
        Kafka.send(a.progress(T.minusDays(1)));
        Kafka.send(b.progress(T.minusDays(40), reading("unclassified", Map.of(), "3", "个", "COUNT", "3个")));
        Kafka.send(c.progress(T.minusDays(2)), c.transition("COMPLETE", "COMPLETED", T.minusDays(1)));
        Kafka.send(d.progress(T.minusDays(20)), d.transition("COMPLETE", "COMPLETED", T.minusDays(5)),
                d.transition("CLOSE", "CLOSED", T.minusDays(4)));
        Kafka.send(f.progress(T.minusDays(5)), f.transition("MAKE_LONG_TERM", "LONG_TERM", T.minusDays(5)));
        Kafka.send(g.progress(T.minusDays(10)), g.transition("COMPLETE", "COMPLETED", T.minusDays(9)),
                g.transition("CLOSE", "CLOSED", T.minusDays(8)), g.reopen(T.minusDays(1)));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().queryParam("inspection", ledger.id).get("/api/reports/summary").then()
                        .body("issues.total", equalTo(7))
                        .body("issues.byStatus", equalTo(Map.of("NOT_STARTED", 1, "IN_PROGRESS", 3, "COMPLETED", 1,
                                "CLOSED", 1, "LONG_TERM", 1))));
    }

    /**
     * As of today, on either clock, every answer equals the live one: the effective timelines and recorded versions
     * end in the state issue_view holds, warnings computed on read agree with the stored ones, and every reading and
     * event of this ledger is effective and recorded by today.
     */
    @Test
    void shouldAnswerAsOfTodayAsLive() {
        List<String> paths = List.of("/api/reports/summary", "/api/reports/summary?staleDays=7",
                "/api/reports/breakdown?by=aspect", "/api/reports/breakdown?by=category",
                "/api/reports/breakdown?by=list", "/api/reports/breakdown?by=unit", "/api/reports/breakdown?by=leader",
                "/api/reports/breakdown?by=tag", "/api/reports/drill?measure=total",
                "/api/reports/drill?measure=overdue", "/api/reports/drill?measure=late",
                "/api/reports/drill?measure=stale", "/api/reports/drill?measure=YELLOW",
                "/api/reports/drill?measure=LONG_TERM", "/api/reports/drill?by=unit&key=财政金融局&measure=total",
                "/api/indicators/issue.completion_rate/values?by=aspect",
                "/api/indicators/issue.on_time_rate/values?by=unit",
                "/api/reports/drill?indicator=issue.completion_rate");
        for (String path : paths) {
            Map<String, Object> live = answer(given().queryParam("inspection", ledger.id), path);
            assertThat(live.get("asOf")).isNull();
            for (String basis : List.of("effective", "recorded")) {
                for (String asOf : List.of(T.toString(), java.time.Instant.now().toString())) {
                    Map<String, Object> then = answer(given().queryParam("inspection", ledger.id)
                            .queryParam("asOf", asOf).queryParam("basis", basis), path);
                    assertThat(then.remove("basis")).isEqualTo(basis);
                    assertThat(then.remove("asOf")).isNotNull();
                    live.remove("basis");
                    live.remove("asOf");
                    assertThat(then).as(path + " as of " + asOf + " (" + basis + ")").isEqualTo(live);
                }
            }
        }
    }

    private static Map<String, Object> answer(io.restassured.specification.RequestSpecification request, String path) {
        return request.get(path).then().statusCode(200).extract().jsonPath().getMap("");
    }

    @Test
    void shouldSummariseTheLedger() {
        given().queryParam("inspection", ledger.id).get("/api/reports/summary").then().statusCode(200)
                .body("today", equalTo(T.toString()))
                .body("zone", equalTo("Asia/Shanghai"))
                .body("staleDays", equalTo(30))
                .body("inspections", equalTo(1))
                .body("issues.completedOrClosed", equalTo(2))
                .body("issues.completionRate.display", equalTo("28.57%"))
                .body("issues.completionRate.numerator", equalTo(2))
                .body("issues.completionRate.denominator", equalTo(7))
                .body("issues.closureRate.display", equalTo("14.29%"))
                .body("issues.overdue", equalTo(1))
                .body("issues.byWarning", equalTo(Map.of("RED", 1, "YELLOW", 1, "GREEN", 2, "NONE", 3)))
                .body("issues.stale", equalTo(1))
                .body("issues.onTime", equalTo(1))
                .body("issues.late", equalTo(2))
                .body("issues.onTimeRate.display", equalTo("33.33%"))
                .body("indicators.find { it.code == 'issue.completion_rate' }.value.display", equalTo("28.57%"))
                .body("indicators.find { it.code == 'issue.on_time_rate' }.value.display", equalTo("33.33%"));
    }

    @Test
    void shouldMakeStalenessConfigurable() {
        given().queryParam("inspection", ledger.id).queryParam("staleDays", 7).get("/api/reports/summary").then()
                .statusCode(200)
                .body("staleDays", equalTo(7))
                .body("issues.stale", equalTo(2)); // B (T-40) and G (last progress T-10)
    }

    @Test
    void shouldBreakDownByAspectInBulletinOrder() {
        given().queryParam("inspection", ledger.id).queryParam("by", "aspect").get("/api/reports/breakdown").then()
                .statusCode(200)
                .body("groups.key", equalTo(List.of(ledger.id + "/main/一", ledger.id + "/main/二",
                        ledger.id + "/yellow-river/一")))
                .body("groups.label", equalTo(List.of("（一）方面一", "（二）方面二", "（一）方面一")))
                .body("groups.counts.total", equalTo(List.of(4, 2, 1)))
                .body("groups.counts.completedOrClosed", equalTo(List.of(1, 1, 0)))
                .body("groups[0].counts.completionRate.display", equalTo("25%"))
                .body("groups[1].counts.closureRate.display", equalTo("50%"))
                .body("groups[2].counts.completionRate.display", equalTo("0%"));
    }

    @Test
    void shouldBreakDownByEveryGrouping() {
        given().queryParam("inspection", ledger.id).queryParam("by", "list").get("/api/reports/breakdown").then()
                .body("groups.label", equalTo(List.of("市委巡察组反馈意见", "附件")))
                .body("groups.counts.total", equalTo(List.of(6, 1)));
        given().queryParam("inspection", ledger.id).queryParam("by", "category").get("/api/reports/breakdown").then()
                .body("groups.counts.total", equalTo(List.of(2, 2, 2, 1)));
        given().queryParam("inspection", ledger.id).queryParam("by", "group").get("/api/reports/breakdown").then()
                .body("groups.key", equalTo(java.util.Arrays.asList(ledger.id + "/main/一/一是产业发展", null)))
                .body("groups.label", equalTo(java.util.Arrays.asList("一是产业发展", null)))
                .body("groups.counts.total", equalTo(List.of(1, 6)));
        given().queryParam("inspection", ledger.id).queryParam("by", "inspection").get("/api/reports/breakdown").then()
                .body("groups.key", equalTo(List.of(ledger.id.toString())))
                .body("groups[0].label", equalTo("市委第五巡察组 → " + ledger.targetUnit + "（2022-12-07）"));
        // an issue counts under each of its units, and under none when it has none
        given().queryParam("inspection", ledger.id).queryParam("by", "unit").get("/api/reports/breakdown").then()
                .body("groups.key", equalTo(java.util.Arrays.asList("经济发展局", "财政金融局", null)))
                .body("groups.counts.total", equalTo(List.of(3, 2, 3)))
                .body("groups.counts.overdue", equalTo(List.of(1, 1, 0)));
        given().queryParam("inspection", ledger.id).queryParam("by", "leader").get("/api/reports/breakdown").then()
                .body("groups.key", equalTo(java.util.Arrays.asList("张三", "李四", null)))
                .body("groups.counts.completedOrClosed", equalTo(List.of(0, 2, 0)))
                .body("groups[1].counts.completionRate.display", equalTo("100%"));
        given().queryParam("inspection", ledger.id).queryParam("by", "tag").get("/api/reports/breakdown").then()
                .body("groups.key", equalTo(java.util.Arrays.asList("科技", null)))
                .body("groups.counts.total", equalTo(List.of(1, 6)));
    }

    @Test
    void shouldAgreeWithTheCompletionRateIndicatorByAspect() {
        given().queryParam("inspection", ledger.id).queryParam("by", "aspect")
                .get("/api/indicators/issue.completion_rate/values").then().statusCode(200)
                .body("groups.key", equalTo(List.of(ledger.id + "/main/一", ledger.id + "/main/二",
                        ledger.id + "/yellow-river/一")))
                .body("groups.value.display", equalTo(List.of("25%", "50%", "0%")))
                .body("groups[0].label", equalTo("（一）方面一"));
    }

    @Test
    void shouldDrillIntoACountDownToItsEvents() {
        given().queryParam("inspection", ledger.id).queryParam("measure", "overdue").get("/api/reports/drill").then()
                .statusCode(200)
                .body("count", equalTo(1))
                .body("issues.title", equalTo(List.of("B")))
                .body("issues[0].warning", equalTo("RED"))
                .body("events.type", equalTo(List.of("zhenggai.issue.created.v1",
                        "zhenggai.issue.progress-reported.v1")));
        given().queryParam("inspection", ledger.id).queryParam("by", "unit").queryParam("key", "财政金融局")
                .queryParam("measure", "total").get("/api/reports/drill").then().statusCode(200)
                .body("issues.title", equalTo(List.of("B", "C")));
        // key= (empty) names the group without a value, as a breakdown's null key
        given().get("/api/reports/drill?by=unit&key=&measure=total&inspection=" + ledger.id).then().statusCode(200)
                .body("issues.title", equalTo(List.of("D", "E", "F")));
        given().queryParam("inspection", ledger.id).queryParam("measure", "late").get("/api/reports/drill").then()
                .body("issues.title", equalTo(List.of("B", "D")))
                .body("issues.find { it.title == 'D' }.completedOn", equalTo(T.minusDays(5).toString()));
        given().queryParam("inspection", ledger.id).queryParam("measure", "IN_PROGRESS").get("/api/reports/drill")
                .then().body("issues.title", equalTo(List.of("A", "B", "G")))
                .body("issues.find { it.title == 'G' }.completedOn", nullValue());
        // an issue indicator's drill-through lists the issues it counted, the numerator's first, each part in
        // bulletin order, cut at the limit (and shown in bulletin order)
        List<String> all = given().queryParam("inspection", ledger.id).queryParam("measure", "total")
                .get("/api/reports/drill").then().extract().path("issues.title");
        List<String> completed = given().queryParam("inspection", ledger.id).queryParam("measure", "completedOrClosed")
                .get("/api/reports/drill").then().extract().path("issues.title");
        List<String> counted = new java.util.ArrayList<>(completed);
        all.stream().filter(t -> !completed.contains(t)).forEach(counted::add);
        List<String> firstThree = all.stream().filter(counted.subList(0, 3)::contains).toList();
        assertThat(completed).hasSizeLessThan(3);
        given().queryParam("inspection", ledger.id).queryParam("indicator", "issue.completion_rate")
                .queryParam("limit", 3).get("/api/reports/drill").then().statusCode(200)
                .body("value.issues", equalTo(7))
                .body("truncated", equalTo(true))
                .body("issues.title", equalTo(firstThree));
        // a count's events are the first of its page's issues' events in the order they were recorded, cut at the
        // limit: those of the whole list, kept to the page's issues
        List<Map<String, Object>> every = given().queryParam("inspection", ledger.id).queryParam("measure", "total")
                .get("/api/reports/drill").then().statusCode(200).extract().path("events");
        JsonPath page = given().queryParam("inspection", ledger.id).queryParam("measure", "total")
                .queryParam("limit", 2).get("/api/reports/drill").then().statusCode(200).extract().jsonPath();
        List<String> pageIssues = page.getList("issues.id");
        List<Map<String, Object>> expected = every.stream()
                .filter(e -> pageIssues.contains(e.get("aggregateId"))).limit(2).toList();
        assertThat(every.stream().filter(e -> pageIssues.contains(e.get("aggregateId")))).hasSizeGreaterThan(2);
        assertThat(page.getList("events", Map.class)).isEqualTo(expected);
        assertThat(page.getBoolean("truncated")).isTrue();
    }

    @Test
    void shouldRecomputeWarningsForANewDay() {
        try {
            warnings.recompute(T.plusDays(6)); // A's deadline T+5 has passed
            // the stored colour is the new day's, but the answers judge the day they are asked on: the list from
            // memory (issue 16) as the summary's counts, so a drill-through lists exactly the issues its count counts
            given().queryParam("inspection", ledger.id).queryParam("measure", "RED").get("/api/reports/drill").then()
                    .body("count", equalTo(1));
            given().queryParam("inspection", ledger.id).get("/api/reports/summary").then()
                    .body("issues.byWarning.RED", equalTo(1)).body("issues.byWarning.YELLOW", equalTo(1));
        } finally {
            warnings.recompute(T);
        }
        given().queryParam("inspection", ledger.id).get("/api/reports/summary").then()
                .body("issues.byWarning.RED", equalTo(1)).body("issues.byWarning.YELLOW", equalTo(1));
    }

    @Test
    void shouldRecomputeTheWarningWhenTheDeadlineChanges() {
        Events.Inspection other = new Events.Inspection();
        Events.Issue issue = other.issue("main", "一", 1, "H").deadline(T.plusDays(30));
        Kafka.send(other.created(), issue.created());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("inspection", other.id)
                .get("/api/reports/summary").then().body("issues.byWarning.GREEN", equalTo(1)));
        Kafka.send(issue.newDeadline(T.plusDays(3)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("inspection", other.id)
                .get("/api/reports/summary").then().body("issues.byWarning.YELLOW", equalTo(1)));
    }

    @Test
    void shouldAnswerBadParametersWithAProblemNamingTheField() {
        given().queryParam("by", "colour").get("/api/reports/breakdown").then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors[0].field", equalTo("by"));
        given().get("/api/reports/breakdown").then().statusCode(400).body("errors[0].field", equalTo("by"));
        given().queryParam("inspection", "not-a-uuid").get("/api/reports/summary").then().statusCode(400)
                .body("errors[0].field", equalTo("inspection"));
        given().queryParam("staleDays", "-3").get("/api/reports/summary").then().statusCode(400)
                .body("errors[0].field", equalTo("staleDays"));
        given().queryParam("measure", "everything").get("/api/reports/drill").then().statusCode(400)
                .body("errors[0].field", equalTo("measure"));
        given().queryParam("measure", "total").queryParam("by", "unit").get("/api/reports/drill").then()
                .statusCode(400).body("errors[0].field", equalTo("key"));
        given().queryParam("indicator", "no.such").get("/api/reports/drill").then().statusCode(404)
                .contentType("application/problem+json").body("errors[0].field", equalTo("code"));
        given().get("/api/no-such-thing").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shouldPublishOpenApiWithExamples() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/indicators/{code}/values'.get.responses.'200'.content.'application/json'.examples",
                        org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/reports/drill'.get.parameters.name", org.hamcrest.Matchers.hasItem("measure"));
    }

    @Test
    void shouldListIssuesWithoutProgressAsStaleByCreationDate() {
        given().queryParam("inspection", ledger.id).queryParam("measure", "stale").get("/api/reports/drill").then()
                .body("issues", hasSize(1)).body("issues[0].title", equalTo("B"));
    }
}
