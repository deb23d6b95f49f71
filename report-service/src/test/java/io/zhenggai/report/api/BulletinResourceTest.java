package io.zhenggai.report.api;

import static io.zhenggai.report.Api.given;
import static io.zhenggai.report.Events.forecast;
import static io.zhenggai.report.Events.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.zhenggai.report.Api;
import io.zhenggai.report.Events;
import io.zhenggai.report.Kafka;

/**
 * The bulletin over HTTP, on a scripted ledger sent to the topic as issue-service would send it:
 * <pre>
 *   issue  list        place          history                                                  as of 2023-05-10
 *   A      main        (一)1.(1)      report 2023-03-31 (a RATE_MISMATCH found on it),          IN_PROGRESS
 *                                      report 2023-05-10 with 3.1亿元 新材料 and the NPL forecast
 *   B      main        (一)2.         report 2023-05-10, MAKE_LONG_TERM 2023-05-10              LONG_TERM
 *   C      main        (二)1.(1)      –                                                        NOT_STARTED
 *   D      attachment  (一)1.         report 2023-05-10 已完成 with the same 3.1亿元, COMPLETE   COMPLETED
 * </pre>
 * The formats and their content types, the file names, as-of answers on both clocks, the office's appendix, the
 * next-steps text, and the refusals (400, 404, 406, 412) as problems.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BulletinResourceTest {

    private static final String MARKDOWN = "text/markdown";
    private static final String HTML = "text/html";
    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private static final String TITLE = "中共测试区委关于市委第五巡察组反馈意见整改进展情况的通报";
    private static final String TREE = """
            [{"key": "main", "title": "%s", "theme": null, "aspects": [
               {"numbering": "(一)", "title": "关于聚焦党中央各项决策部署在基层的落实情况方面", "path": "一", "groups": [],
                "categories": [{"numbering": "1.", "title": "学习贯彻落实不够深入", "path": "一/1"},
                               {"numbering": "2.", "title": "关于安全生产存在较多薄弱环节的问题", "path": "一/2"}]},
               {"numbering": "(二)", "title": "关于作风建设方面", "path": "二", "groups": [],
                "categories": [{"numbering": "1.", "title": "作风不实", "path": "二/1"}]}]},
             {"key": "attachment-1", "title": "关于落实黄河国家战略重点任务方面存在问题整改进展情况",
              "theme": "黄河国家战略重点任务", "aspects": [
               {"numbering": "(一)", "title": "关于生态环境保护方面", "path": "一", "groups": [],
                "categories": [{"numbering": "1.", "title": "关于互花米草治理成效不佳的问题", "path": "一/1"}]}]}]
            """.formatted(TITLE);
    private static final String MISMATCH = "所列比率80%与分项不符：16件/21件＝76.19% (the stated rate 80% does not "
            + "match its parts: 16件/21件 = 76.19%)";

    private final Events.Inspection ledger = new Events.Inspection().tree(TREE, LocalDate.of(2022, 6, 22),
            LocalDate.of(2022, 9, 30), Map.of("aspects", 2, "categories", 3, "suggestions", 4));
    private boolean sent;

    @BeforeEach
    void sendTheLedger() {
        if (sent) {
            return;
        }
        sent = true;
        Events.Issue a = ledger.issue("main", "一", 1, "关于理论学习中心组学习制度执行不够严格的问题")
                .place("(一)", "1.", "(1)");
        Events.Issue b = ledger.issue("main", "一", 2, "关于安全生产存在较多薄弱环节的问题").place("(一)", "2.", null)
                .text("安全生产责任制落实不到位。", List.of());
        Events.Issue c = ledger.issue("main", "二", 1, "关于作风不实的问题").place("(二)", "1.", "(1)");
        Events.Issue d = ledger.issue("attachment-1", "一", 1, "关于互花米草治理成效不佳的问题")
                .place("(一)", "1.", null);
        LocalDate march = LocalDate.of(2023, 3, 31);
        LocalDate may = LocalDate.of(2023, 5, 10);
        Kafka.send(ledger.created(), a.created(ledger.feedbackDate), b.created(ledger.feedbackDate),
                c.created(ledger.feedbackDate), d.created(ledger.feedbackDate));
        Kafka.send(a.progress(march, "梳理信访积案21件，已化解16件，化解率80%。", List.of("梳理信访积案21件，已化解16件，化解率80%。"),
                        null, Map.of("RATE_MISMATCH", MISMATCH)),
                a.progress(may, "一是新材料产业项目已完成投资3.1亿元。\n二是预计一季度不良率2.41%。",
                        List.of("一是新材料产业项目已完成投资3.1亿元。", "二是预计一季度不良率2.41%。"), null, Map.of(),
                        reading("investment.completed", Map.of("industry", "新材料"), "310000000", "CNY", "MONEY",
                                "3.1亿元"),
                        forecast(reading("loan.balance", Map.of("period", "Q1"), "88394000000", "CNY", "MONEY",
                                "883.94亿元")),
                        forecast(reading("loan.npl", Map.of("period", "Q1"), "2127000000", "CNY", "MONEY",
                                "21.27亿元"))),
                b.progress(may, "严格落实安全生产责任制。", List.of("严格落实安全生产责任制。"), null, Map.of()),
                b.transition("MAKE_LONG_TERM", "LONG_TERM", may),
                d.progress(may, "新材料产业项目已完成投资3.1亿元。", List.of("新材料产业项目已完成投资3.1亿元。"), "已完成",
                        Map.of(), reading("investment.completed", Map.of("industry", "新材料"), "310000000", "CNY",
                                "MONEY", "3.1亿元")),
                d.transition("COMPLETE", "COMPLETED", may));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().queryParam("inspection", ledger.id).get("/api/reports/summary").then()
                        .body("issues.total", equalTo(4)).body("issues.byStatus.COMPLETED", equalTo(1))
                        .body("issues.byStatus.LONG_TERM", equalTo(1)));
    }

    private Response bulletin(String asOf, String format) {
        var request = given().accept("*/*");
        if (asOf != null) {
            request.queryParam("asOf", asOf);
        }
        if (format != null) {
            request.queryParam("format", format);
        }
        return request.get("/api/bulletins/" + ledger.id);
    }

    @Test
    void shouldWriteTheBulletinAsMarkdownInTheShapeOfTheSeed() {
        Response response = bulletin("2023-05-10", "md");
        response.then().statusCode(200).contentType(startsWith(MARKDOWN)).header(BulletinResource.FINDINGS, "0");
        assertThat(response.contentType()).containsIgnoringCase("charset=UTF-8");
        String text = response.asString();
        assertThat(text).startsWith(TITLE + "\n====").contains(
                "2022年6月22日至2022年9月30日，市委第五巡察组对" + ledger.targetUnit + "先后开展了黄河流域生态保护和高质量发展专项巡察，"
                        + "同时开展了常规巡察，并于2022年12月7日反馈了巡察意见。",
                "\n\n一、整改工作基本情况\n\n市委第五巡察组反馈的意见中指出存在2个方面3类问题，并提出4项意见建议。\n\n",
                "截至2023年5月10日，整改台账共列问题4个（其中正文所列3个，附件所列1个），已完成整改1个，长期坚持1个，正在整改1个，"
                        + "尚未启动1个，整改完成率25%，较4月末提高25个百分点。",
                // the same 3.1亿元 reported under two issues counts once; the NPL ratio is a forecast
                "已完成投资3.1亿元", "不良贷款率预计2.41%",
                "\n\n二、市委第五巡察组反馈意见整改落实进展情况\n\n（一）关于聚焦党中央各项决策部署在基层的落实情况方面\n\n"
                        + "1.学习贯彻落实不够深入。\n\n（1）关于理论学习中心组学习制度执行不够严格的问题。\n\n"
                        + "整改成效：一是新材料产业项目已完成投资3.1亿元。\n\n二是预计一季度不良率2.41%。\n\n"
                        + "2.关于安全生产存在较多薄弱环节的问题。安全生产责任制落实不到位。\n\n整改成效：长期坚持。严格落实安全生产责任制。\n\n"
                        + "（二）关于作风建设方面\n\n1.作风不实。\n\n（1）关于作风不实的问题。\n\n三、下一步工作\n\n",
                "\n\n附件：关于落实黄河国家战略重点任务方面存在问题整改进展情况\n\n中共测试区委\n\n2023年5月10日\n\n附件\n\n"
                        + "关于落实黄河国家战略重点任务方面存在问题整改进展情况\n\n（一）关于生态环境保护方面\n\n"
                        + "1.关于互花米草治理成效不佳的问题。\n\n整改成效：已完成。新材料产业项目已完成投资3.1亿元。\n")
                .doesNotContain("数据核对情况");
        String disposition = response.header("Content-Disposition");
        assertThat(disposition).startsWith("inline; filename=\"bulletin-2023-05-10.md\"; filename*=UTF-8''");
        assertThat(URLDecoder.decode(disposition.substring(disposition.indexOf("''") + 2), StandardCharsets.UTF_8))
                .isEqualTo("整改进展情况通报-" + ledger.targetUnit + "-2023-05-10.md");
    }

    @Test
    void shouldPrintWhatStoodAtAnEarlierDateAndTellTheOfficeOfTheFindingsOnIt() {
        Response response = bulletin("2023-04-01", null);
        response.then().statusCode(200).contentType(startsWith(MARKDOWN)).header(BulletinResource.FINDINGS, "1");
        String text = response.asString();
        assertThat(text).contains("截至2023年4月1日，整改台账共列问题4个（其中正文所列3个，附件1所列1个），已完成整改0个，正在整改1个，"
                        + "尚未启动3个，整改完成率0%，与3月末持平。",
                "（1）关于理论学习中心组学习制度执行不够严格的问题。\n\n整改成效：梳理信访积案21件，已化解16件，化解率80%。\n\n"
                        + "2.关于安全生产存在较多薄弱环节的问题。安全生产责任制落实不到位。\n\n（二）",
                "\n\n附件2\n\n数据核对情况\n\n",
                "◆ 正文（一）1.（1）“关于理论学习中心组学习制度执行不够严格的问题”：所列比率80%与分项不符：16件/21件＝76.19%\n")
                .doesNotContain("已完成投资3.1亿元", "预计2.41%", "(the stated rate");
        // before the feedback the inspection was not in the ledger
        bulletin("2022-12-06", null).then().statusCode(404).contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("inspectionId"));
    }

    /**
     * As of today on the effective clock the bulletin is the live one. On the recorded clock too, but for the change of
     * the completion rate since the end of last month, which that clock reads as the system knew it then: these events
     * were all recorded today, so it has nothing to compare with.
     */
    @Test
    void shouldAnswerAsOfTodayAsItAnswersLive() {
        String live = bulletin(null, "md").then().statusCode(200).extract().asString();
        String today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        assertThat(bulletin(today, "md").asString()).isEqualTo(live);
        String recorded = given().accept(MARKDOWN).queryParam("asOf", today).queryParam("basis", "recorded")
                .get("/api/bulletins/" + ledger.id).then().statusCode(200).extract().asString();
        assertThat(recorded).isEqualTo(live.replaceFirst("，(较\\d+月末提高[0-9.]+个百分点|与\\d+月末持平)。", "。"));
    }

    @Test
    void shouldWriteWordAndHtmlAndChooseByAcceptWhenNoFormatIsNamed() throws Exception {
        Response word = bulletin("2023-05-10", "docx");
        word.then().statusCode(200).contentType(DOCX);
        assertThat(word.header("Content-Disposition"))
                .startsWith("attachment; filename=\"bulletin-2023-05-10.docx\"; filename*=UTF-8''");
        try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(word.asByteArray()))) {
            List<String> paragraphs = document.getParagraphs().stream().map(XWPFParagraph::getText).toList();
            assertThat(paragraphs.get(0)).isEqualTo(TITLE);
            assertThat(paragraphs).contains("一、整改工作基本情况", "整改成效：已完成。新材料产业项目已完成投资3.1亿元。",
                    "2023年5月10日");
        }
        given().accept(HTML).queryParam("asOf", "2023-05-10").get("/api/bulletins/" + ledger.id).then()
                .statusCode(200).contentType(startsWith(HTML))
                .body(org.hamcrest.Matchers.containsString("<h2>一、整改工作基本情况</h2>"));
        given().accept(DOCX).get("/api/bulletins/" + ledger.id).then().statusCode(200).contentType(DOCX);
        given().accept("application/json;q=0.9, text/markdown;q=0.5").get("/api/bulletins/" + ledger.id).then()
                .statusCode(200).contentType(startsWith(MARKDOWN));
    }

    @Test
    void shouldRefuseBadInputAsProblemsNamingTheField() {
        given().accept("*/*").get("/api/bulletins/not-a-uuid").then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE).body("errors[0].field", equalTo("inspectionId"));
        given().accept("*/*").get("/api/bulletins/" + UUID.randomUUID()).then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE).body("errors[0].field", equalTo("inspectionId"));
        bulletin(null, "pdf").then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("format"));
        bulletin("2999-01-01", null).then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("asOf"));
        given().accept("*/*").queryParam("basis", "recorded").get("/api/bulletins/" + ledger.id).then()
                .statusCode(400).body("errors[0].field", equalTo("basis"));
        given().accept(HTML).queryParam("format", "docx").get("/api/bulletins/" + ledger.id).then().statusCode(406)
                .contentType(Problem.MEDIA_TYPE).body("errors[0].field", equalTo("Accept"));
        given().accept("application/json").get("/api/bulletins/" + ledger.id).then().statusCode(406)
                .contentType(Problem.MEDIA_TYPE).body("errors[0].field", equalTo("Accept"));
        Api.as("bulletin-unit", "unit", "党政办公室").accept("*/*").get("/api/bulletins/" + ledger.id).then()
                .statusCode(403).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void shouldKeepTheOfficesNextStepsAndPrintThem() {
        String path = "/api/bulletins/" + ledger.id + "/next-steps";
        given().get(path).then().statusCode(200).header("ETag", "\"0\"").body("stored", equalTo(false))
                .body("version", equalTo(0)).body("text", startsWith("下一步，将继续保持政治定力"));
        given().contentType("application/json").header("If-Match", "\"0\"")
                .body("{\"text\": \"持续跟踪督办长期坚持的问题。\\n\\n完善制度，建立长效机制。\"}").put(path).then()
                .statusCode(200).header("ETag", "\"1\"").body("version", equalTo(1)).body("stored", equalTo(true))
                .body("updatedBy", equalTo(Api.STAFF));
        assertThat(bulletin("2023-05-10", "md").asString())
                .contains("\n\n三、下一步工作\n\n持续跟踪督办长期坚持的问题。\n\n完善制度，建立长效机制。\n\n附件：");
        // another writer read version 0 too: refused, nothing changed
        given().contentType("application/json").header("If-Match", "\"0\"").body("{\"text\": \"别的文字。\"}").put(path)
                .then().statusCode(412).contentType(Problem.MEDIA_TYPE).body("errors[0].field", equalTo("If-Match"));
        given().contentType("application/json").body("{\"text\": \"  \"}").put(path).then().statusCode(400)
                .body("errors[0].field", equalTo("text"));
        given().contentType("application/json").body("{\"text\": \"" + "长".repeat(20_001) + "\"}").put(path).then()
                .statusCode(400).body("errors[0].field", equalTo("text"));
        given().contentType("application/json").body("{\"text\": \"下一步。\"}")
                .put("/api/bulletins/" + UUID.randomUUID() + "/next-steps").then().statusCode(404)
                .body("errors[0].field", equalTo("inspectionId"));
        Api.as("bulletin-leader", "leader").contentType("application/json").body("{\"text\": \"领导改的。\"}").put(path)
                .then().statusCode(403);
        given().get(path).then().statusCode(200).body("version", equalTo(1))
                .body("text", equalTo("持续跟踪督办长期坚持的问题。\n\n完善制度，建立长效机制。"));
    }
}
