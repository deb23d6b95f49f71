package io.zhenggai.report.indicator;

import static io.zhenggai.report.Api.given;
import static io.zhenggai.report.Events.change;
import static io.zhenggai.report.Events.forecast;
import static io.zhenggai.report.Events.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.zhenggai.report.Events;
import io.zhenggai.report.Kafka;
import io.zhenggai.report.SeedFigures;

/**
 * Indicators over seed-like readings sent to the topic as issue-service would: the bulletin's figures, each fact
 * counted once; definitions created, changed and retired through the API, and versions that keep their answers.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndicatorsTest {

    private static final LocalDate BULLETIN = LocalDate.of(2023, 5, 10);
    private static final LocalDate Q1_END = LocalDate.of(2023, 3, 31);

    private final Events.Inspection seed = new Events.Inspection();
    private Events.Issue industry;
    private Events.Issue attachment;
    private Events.Record attachmentProgress;

    /** The figures of the seed bulletin, under the issues that print them (some twice, as the seed does). */
    private boolean sent;

    /** Once per class, but after Quarkus has pointed REST Assured at the application (it does not before @BeforeAll). */
    @BeforeEach
    void sendSeedLikeLedger() {
        if (sent) {
            return;
        }
        sent = true;
        industry = seed.issue("main", "一", 1, "关于推动新兴产业发展不够有力的问题");
        Events.Issue foreignCapital = seed.issue("main", "一", 2, "关于稳外贸、稳外资成效较差的问题");
        Events.Issue land = seed.issue("main", "二", 1, "关于耕地保护工作不到位的问题");
        Events.Issue loans = seed.issue("main", "二", 2, "关于金融风险防范化解不够有力的问题");
        attachment = seed.issue("yellow-river", "一", 1, "关于黄河流域产业转型升级不够快的问题");
        Kafka.send(seed.created(), industry.created(), foreignCapital.created(), land.created(), loans.created(),
                attachment.created());
        Kafka.send(industry.progress(BULLETIN, investments()));
        Kafka.send(industry.progress(BULLETIN,
                reading("project.started", Map.of("industry", "新材料"), "18", "个", "COUNT", "18个"),
                reading("project.start_rate", Map.of("industry", "新材料"), "0.67", "1", "RATE", "67%"),
                reading("project.total", Map.of("industry", "风电装备"), "17", "个", "COUNT", "17个"),
                reading("project.started", Map.of("industry", "风电装备"), "9", "个", "COUNT", "9个"),
                reading("project.start_rate", Map.of("industry", "风电装备"), "0.53", "1", "RATE", "53%"),
                reading("project.total", Map.of("industry", "生物医药"), "8", "个", "COUNT", "8个"),
                reading("project.started", Map.of("industry", "生物医药"), "2", "个", "COUNT", "2个"),
                reading("project.start_rate", Map.of("industry", "生物医药"), "0.25", "1", "RATE", "25%")));
        Kafka.send(foreignCapital.progress(BULLETIN,
                reading("foreign_capital.in_place", Map.of(), "20230000", "USD", "MONEY", "2023万美元"),
                reading("foreign_capital.in_place", Map.of(), "20230000", "USD", "MONEY", "2023万美元"),
                reading("foreign_capital.in_place", Map.of("sector", "制造业", "enterprise", "信汇达"), "14650000",
                        "USD", "MONEY", "1465万美元"),
                reading("foreign_capital.in_place", Map.of("sector", "贸易", "enterprise", "聚智研"), "2370000", "USD",
                        "MONEY", "237万美元"),
                reading("foreign_capital.in_place", Map.of("enterprise", "百齐新材料", "origin", "日本"), "3210000",
                        "USD", "MONEY", "321万美元"),
                reading("foreign_capital.share", Map.of("sector", "制造业"), "0.724", "1", "RATE", "72.4%")));
        Kafka.send(land.progress(BULLETIN,
                reading("patches.total", Map.of("batch", "2021耕地保护督察"), "10", "个", "COUNT", "10个"),
                reading("patches.rectified", Map.of("batch", "2021耕地保护督察"), "7", "个", "COUNT", "7个"),
                reading("patches.total", Map.of("batch", "2022Q4遥感监测"), "9", "个", "COUNT", "9个"),
                reading("patches.rectified", Map.of("batch", "2022Q4遥感监测"), "5", "个", "COUNT", "5个")));
        Kafka.send(loans.progress(BULLETIN,
                reading("loan.npl", Map.of("entity", "方圆公司", "bank", "农业银行"), "700000000", "CNY", "MONEY",
                        "7亿元")));
        // 预计一季度贷款余额883.94亿元,不良贷款21.27亿元,不良率2.41%,较年初降低0.05个百分点
        Kafka.send(loans.progress(Q1_END.plusDays(1),
                forecast(reading("loan.balance", Map.of(), "88394000000", "CNY", "MONEY", "883.94亿元")),
                forecast(reading("loan.npl", Map.of(), "2127000000", "CNY", "MONEY", "21.27亿元")),
                forecast(reading("loan.npl_ratio", Map.of(), "0.0241", "1", "RATE", "2.41%")),
                change(forecast(reading("loan.npl_ratio", Map.of(), "0.0005", "1", "DIFFERENCE_OF_RATES",
                        "0.05个百分点")))));
        // the attachment prints the same investment paragraph again, for the same date
        attachmentProgress = attachment.progress(BULLETIN, investments());
        Kafka.send(attachmentProgress);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().queryParam("inspection", seed.id).get("/api/reports/summary").then()
                        .body("issues.byStatus.IN_PROGRESS", equalTo(5)));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().queryParam("inspection", seed.id).get("/api/indicators/investment.completed/values")
                        .then().body("value.issues", equalTo(2)));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                SeedFigures.check(service(), seed.id));
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode[] investments() {
        return new com.fasterxml.jackson.databind.node.ObjectNode[] {
                reading("investment.completed", Map.of("industry", "新材料"), "310000000", "CNY", "MONEY", "3.1亿元"),
                reading("investment.completed", Map.of("industry", "风电装备"), "1020000000", "CNY", "MONEY", "10.2亿元"),
                reading("investment.completed", Map.of("industry", "生物医药"), "33000000", "CNY", "MONEY", "3300万元")};
    }

    private RequestSpecification service() {
        return new RequestSpecBuilder().setAuth(io.restassured.RestAssured.oauth2(io.zhenggai.report.Api.token()))
                .build();
    }

    @Test
    void shouldYieldTheSeedBulletinsFigures() {
        SeedFigures.check(service(), seed.id);
    }

    @Test
    void shouldCountAFactPrintedTwiceOnceAndShowWhereItWasPrinted() {
        given().queryParam("inspection", seed.id).queryParam("by", "industry")
                .get("/api/indicators/investment.completed/values").then().statusCode(200)
                .body("value.display", equalTo("13.63亿元"))
                .body("value.facts", equalTo(3))
                .body("groups.key", equalTo(List.of("新材料", "生物医药", "风电装备")));

        given().queryParam("indicator", "investment.completed").queryParam("by", "industry")
                .queryParam("key", "新材料").queryParam("inspection", seed.id).get("/api/reports/drill").then()
                .statusCode(200)
                .body("value.display", equalTo("3.1亿元"))
                .body("readings", hasSize(1))
                .body("readings[0].reports", hasSize(2))
                .body("readings[0].reports.issueId", equalTo(List.of(industry.id.toString(),
                        attachment.id.toString())))
                .body("readings[0].reports.sourceText", equalTo(List.of("3.1亿元", "3.1亿元")))
                .body("issues.id", equalTo(List.of(industry.id.toString(), attachment.id.toString())))
                .body("events.id", hasItem(attachmentProgress.eventId().toString()))
                .body("events", hasSize(2));

        // the whole value's facts, cut at the limit: the facts listed carry their reports, and the cut is said
        given().queryParam("indicator", "investment.completed").queryParam("inspection", seed.id)
                .get("/api/reports/drill").then().statusCode(200)
                .body("readings", hasSize(3))
                .body("readings.every { it.reports.size() > 0 }", equalTo(true))
                .body("truncated", equalTo(false));
        given().queryParam("indicator", "investment.completed").queryParam("inspection", seed.id)
                .queryParam("limit", 2).get("/api/reports/drill").then().statusCode(200)
                .body("readings", hasSize(2))
                .body("readings.every { it.reports.size() > 0 }", equalTo(true))
                .body("truncated", equalTo(true));
    }

    @Test
    void shouldKeepANamedBorrowersLoanAndAChangeOutOfTheDistrictsRatio() {
        given().queryParam("inspection", seed.id).get("/api/indicators/loan.npl_ratio/values").then()
                .statusCode(200)
                .body("value.display", equalTo("2.41%"))
                .body("value.qualifier", equalTo("FORECAST"))
                .body("value.facts", equalTo(2));
    }

    @Test
    void shouldAnswerWithTheVersionAskedForAfterADefinitionChanged() {
        String code = "test.wind_investment_" + Long.toHexString(System.nanoTime());
        given().contentType(ContentType.JSON).body("""
                        {"code": "%s", "name": "风电投资", "numerator": "metric(investment.completed, industry = 风电装备)",
                         "unit": "CNY"}""".formatted(code))
                .post("/api/indicators").then().statusCode(201).header("ETag", "\"1\"")
                .body("version", equalTo(1)).body("decimals", equalTo(2)).body("builtIn", equalTo(false));
        String v1 = given().queryParam("inspection", seed.id).get("/api/indicators/" + code + "/values").then()
                .statusCode(200).body("value.display", equalTo("10.2亿元")).extract().asString();

        // the same meaning written differently is not a new version
        given().contentType(ContentType.JSON).body("""
                        {"name": "风电投资", "numerator": "metric( investment.completed , industry=风电装备 )", "unit": "CNY",
                         "factor": 1.00}""")
                .put("/api/indicators/" + code).then().statusCode(200).body("version", equalTo(1));
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body("""
                        {"name": "风电和新材料投资",
                         "numerator": "metric(investment.completed, industry in [风电装备, 新材料])", "unit": "CNY"}""")
                .put("/api/indicators/" + code).then().statusCode(201).header("ETag", "\"2\"")
                .body("version", equalTo(2)).body("latestVersion", equalTo(2));
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body("""
                        {"name": "x", "numerator": "metric(investment.completed)", "unit": "CNY"}""")
                .put("/api/indicators/" + code).then().statusCode(412)
                .contentType("application/problem+json").body("errors[0].field", equalTo("If-Match"));

        given().queryParam("inspection", seed.id).get("/api/indicators/" + code + "/values").then()
                .body("version", equalTo(2)).body("value.display", equalTo("13.3亿元"));
        String v1Again = given().queryParam("inspection", seed.id).queryParam("version", 1)
                .get("/api/indicators/" + code + "/values").then().statusCode(200).extract().asString();
        assertThat(v1Again).isEqualTo(v1);
        given().get("/api/indicators/" + code + "/versions").then().statusCode(200)
                .body("version", equalTo(List.of(1, 2)))
                .body("numerator", equalTo(List.of("metric(investment.completed, industry = 风电装备)",
                        "metric(investment.completed, industry in [新材料, 风电装备])")));

        given().delete("/api/indicators/" + code).then().statusCode(204);
        given().get("/api/indicators").then().body("code", not(hasItem(code)));
        given().get("/api/indicators/" + code + "/values").then().statusCode(404)
                .contentType("application/problem+json").body("errors[0].field", equalTo("code"));
        given().queryParam("inspection", seed.id).queryParam("version", 1)
                .get("/api/indicators/" + code + "/values").then().statusCode(200)
                .body("value.display", equalTo("10.2亿元"));
    }

    @Test
    void shouldListTheBuiltInsAsVersionOne() {
        given().get("/api/indicators").then().statusCode(200)
                .body("code", hasItem("loan.npl_ratio"))
                .body("find { it.code == 'loan.npl_ratio' }.version", equalTo(1))
                .body("find { it.code == 'loan.npl_ratio' }.author", equalTo("built-in"))
                .body("find { it.code == 'foreign_capital.manufacturing_share' }.decimals", equalTo(1));
        given().get("/api/indicators/issue.on_time_rate").then().statusCode(200).header("ETag", "\"1\"")
                .body("denominator", equalTo("issues(onTime = *)"));
    }

    @Test
    void shouldRefuseADefinitionThatDoesNotParseNamingTheFieldAndColumn() {
        given().contentType(ContentType.JSON).body("""
                        {"code": "test.broken", "name": "坏的", "numerator": "metric(loan.npl",
                         "denominator": "metric(loan.balance)"}""")
                .post("/api/indicators").then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://zhenggai.io/problems/indicator-syntax"))
                .body("errors[0].field", equalTo("numerator"))
                .body("errors[0].column", equalTo(16));
        given().contentType(ContentType.JSON).body("""
                        {"code": "Bad Code", "name": "x", "numerator": "1"}""")
                .post("/api/indicators").then().statusCode(422).body("errors[0].field", equalTo("code"));
        given().contentType(ContentType.JSON).body("""
                        {"code": "test.decimals", "name": "x", "numerator": "1", "decimals": 9}""")
                .post("/api/indicators").then().statusCode(400).body("errors[0].field", equalTo("decimals"));
        given().contentType(ContentType.JSON).body("""
                        {"code": "test.unknown_field", "name": "x", "numerator": "1", "colour": "red"}""")
                .post("/api/indicators").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("colour"));
        given().contentType(ContentType.JSON).body("""
                        {"code": "loan.npl_ratio", "name": "x", "numerator": "1"}""")
                .post("/api/indicators").then().statusCode(409).body("errors[0].field", equalTo("code"));
        given().get("/api/indicators/loan.npl_ratio/values?version=7").then().statusCode(404)
                .body("errors[0].field", equalTo("version"));
        given().get("/api/indicators/loan.npl_ratio/values?version=seven").then().statusCode(400)
                .body("errors[0].field", equalTo("version"));
        given().get("/api/indicators/loan.npl_ratio/values?by=no-such thing").then().statusCode(400)
                .body("errors[0].field", equalTo("by"));
    }

    @Test
    void shouldListTheMetricsReadingsCarry() {
        given().get("/api/metrics").then().statusCode(200)
                .body("find { it.metric == 'project.start_rate' }.overDimensions", equalTo("SINGLE"))
                .body("find { it.metric == 'investment.completed' }.dimensions", hasItem("industry"))
                .body("find { it.metric == 'investment.completed' }.overTime", equalTo("LAST"));
    }
}
