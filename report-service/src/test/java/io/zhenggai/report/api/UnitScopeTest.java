package io.zhenggai.report.api;

import static io.zhenggai.report.Events.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.zhenggai.report.Api;
import io.zhenggai.report.Events;
import io.zhenggai.report.Kafka;

/**
 * A {@code unit} caller reads totals whole, as the bulletin prints them, but every list of individual issues shows
 * only the issues its units are responsible for, and a list's own count counts what it lists.
 * <pre>
 *   issue   units            status       progress (investment.completed)
 *   甲1     甲               IN_PROGRESS  新材料 3.1亿元
 *   甲2     甲, 乙           COMPLETED    —
 *   乙1     乙               IN_PROGRESS  风电装备 10.2亿元
 * </pre>
 */
@QuarkusTest
class UnitScopeTest {

    private static final LocalDate BULLETIN = LocalDate.of(2023, 5, 10);
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String unitA = "甲单位-" + suffix;
    private final String unitB = "乙单位-" + suffix;
    private Events.Inspection inspection;
    private Events.Issue a1;
    private Events.Issue a2;
    private Events.Issue b1;

    @BeforeEach
    void ledger() {
        inspection = new Events.Inspection();
        a1 = inspection.issue("main", "一", 1, "甲1").responsibility(List.of("张三"), List.of(unitA), List.of());
        a2 = inspection.issue("main", "一", 1, "甲2").responsibility(List.of("张三"), List.of(unitA, unitB), List.of());
        b1 = inspection.issue("main", "一", 1, "乙1").responsibility(List.of("李四"), List.of(unitB), List.of());
        Kafka.send(inspection.created(), a1.created(inspection.feedbackDate), a2.created(inspection.feedbackDate),
                b1.created(inspection.feedbackDate),
                a1.progress(BULLETIN, reading("investment.completed", Map.of("industry", "新材料"), "310000000", "CNY",
                        "MONEY", "3.1亿元")),
                a2.progress(BULLETIN), a2.transition("COMPLETE", "COMPLETED", BULLETIN),
                b1.progress(BULLETIN, reading("investment.completed", Map.of("industry", "风电装备"), "1020000000",
                        "CNY", "MONEY", "10.2亿元")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Api.given()
                .queryParam("inspection", inspection.id.toString()).get("/api/reports/summary").then()
                .body("issues.total", equalTo(3)).body("issues.byStatus.COMPLETED", equalTo(1))
                .body("issues.byStatus.IN_PROGRESS", equalTo(2)));
    }

    private RequestSpecification unit(String... units) {
        return Api.as("unit-" + suffix, Roles.UNIT, units).queryParam("inspection", inspection.id.toString());
    }

    private static List<String> ids(JsonPath answer, String path) {
        return answer.getList(path, String.class);
    }

    @Test
    void shouldListOnlyTheUnitsIssuesBehindACountAndCountWhatItLists() {
        JsonPath all = unit(unitA).queryParam("measure", "total").get("/api/reports/drill").then().statusCode(200)
                .extract().jsonPath();
        assertThat(ids(all, "issues.id")).containsExactly(a1.id.toString(), a2.id.toString());
        assertThat(all.getLong("count")).isEqualTo(2);
        assertThat(ids(all, "visibleUnits")).containsExactly(unitA);
        assertThat(ids(all, "events.aggregateId")).isNotEmpty()
                .allMatch(id -> id.equals(a1.id.toString()) || id.equals(a2.id.toString()));

        JsonPath other = unit(unitB).queryParam("measure", "IN_PROGRESS").get("/api/reports/drill").then()
                .statusCode(200).extract().jsonPath();
        assertThat(ids(other, "issues.id")).containsExactly(b1.id.toString());
        assertThat(other.getLong("count")).isEqualTo(1);

        // the same drill-through for the office: every issue, nothing cut
        JsonPath office = Api.as("office-" + suffix, Roles.OFFICE).queryParam("inspection", inspection.id.toString())
                .queryParam("measure", "total").get("/api/reports/drill").then().statusCode(200).extract().jsonPath();
        assertThat(office.getLong("count")).isEqualTo(3);
        assertThat(office.getString("visibleUnits")).isNull();
    }

    @Test
    void shouldReadTotalsWholeAsTheBulletinPrintsThem() {
        unit(unitA).get("/api/reports/summary").then().statusCode(200).body("issues.total", equalTo(3));
        unit(unitA).queryParam("by", "unit").get("/api/reports/breakdown").then().statusCode(200)
                .body("groups.find { it.key == '%s' }.counts.total".formatted(unitB), equalTo(2));
        unit(unitA).get("/api/indicators/investment.completed/values").then().statusCode(200)
                .body("value.display", equalTo("13.3亿元"));
    }

    @Test
    void shouldCutTheDrillThroughOfAnIndicatorValueToTheUnitsIssuesAndTheirReports() {
        // a figure from readings: the value is the published one, the facts and reports only those of its issues
        JsonPath money = unit(unitA).queryParam("indicator", "investment.completed").get("/api/reports/drill").then()
                .statusCode(200).extract().jsonPath();
        assertThat(money.getString("value.display")).isEqualTo("13.3亿元");
        assertThat(ids(money, "readings.reports.flatten().issueId")).containsOnly(a1.id.toString());
        assertThat(ids(money, "readings.dimensions.industry")).containsExactly("新材料");
        assertThat(ids(money, "issues.id")).containsExactly(a1.id.toString());
        assertThat(ids(money, "events.aggregateId")).containsOnly(a1.id.toString());
        // a figure from issue counts: the issues it counted, the unit's only
        JsonPath rate = unit(unitB).queryParam("indicator", "issue.completion_rate").get("/api/reports/drill").then()
                .statusCode(200).extract().jsonPath();
        assertThat(ids(rate, "issues.id")).containsExactlyInAnyOrder(a2.id.toString(), b1.id.toString());
        assertThat(ids(rate, "events.aggregateId")).doesNotContain(a1.id.toString());
        JsonPath office = Api.given().queryParam("inspection", inspection.id.toString())
                .queryParam("indicator", "issue.completion_rate").get("/api/reports/drill").then().statusCode(200)
                .extract().jsonPath();
        assertThat(ids(office, "issues.id")).hasSize(3);
    }

    @Test
    void shouldListOnlyTheUnitsBackdatedEntries() {
        JsonPath backdated = unit(unitA).get("/api/reports/backdated").then().statusCode(200).extract().jsonPath();
        assertThat(ids(backdated, "events.event.aggregateId")).isNotEmpty()
                .allMatch(id -> id.equals(a1.id.toString()) || id.equals(a2.id.toString()));
        assertThat(ids(backdated, "visibleUnits")).containsExactly(unitA);
        // the office sees the other unit's entries too
        assertThat(ids(Api.given().queryParam("inspection", inspection.id.toString()).get("/api/reports/backdated")
                .then().statusCode(200).extract().jsonPath(), "events.event.aggregateId"))
                .contains(b1.id.toString());
    }

    @Test
    void shouldShowAUnitTokenWithoutUnitsNoIssueAtAll() {
        JsonPath none = unit().queryParam("measure", "total").get("/api/reports/drill").then().statusCode(200)
                .extract().jsonPath();
        assertThat(ids(none, "issues")).isEmpty();
        assertThat(none.getLong("count")).isZero();
        unit().get("/api/reports/summary").then().statusCode(200).body("issues.total", equalTo(3));
    }
}
