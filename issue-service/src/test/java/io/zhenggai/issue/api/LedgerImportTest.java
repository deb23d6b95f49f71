package io.zhenggai.issue.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Validator;
import io.zhenggai.issue.Api;
import io.zhenggai.issue.LedgerWorkbooks;
import io.zhenggai.issue.importing.LedgerLayout;
import io.zhenggai.issue.journal.ContractTest;
import io.zhenggai.issue.journal.Journal;
import io.zhenggai.issue.supervision.Reminders;
import io.zhenggai.local.test.JwtTestResource;

/**
 * The Excel ledger read back into issue-service ({@code POST /api/imports/ledger}), on ledgers shaped as report-service
 * exports them ({@link LedgerWorkbooks#exported}), each test on an inspection of its own (feedback 2022-12-07):
 * <pre>
 *   row  issue  state                                             responsibility
 *   2    A      NOT_STARTED, deadline 2030-01-01                  张三; 党政办公室 (never assigned)
 *   3    B      IN_PROGRESS, progress 已制定整改方案 (2023-01-10)    张三; 党政办公室 (never assigned)
 *   4    C      NOT_STARTED, assigned (交办), deadline 2030-06-30   张三; 党政办公室 lead, 经济发展局 co
 * </pre>
 * Refusals answer problems whose fields name the row and the column in Chinese (第2行「完成时限」), and store nothing:
 * the journal's last position and every issue's sequence stay as they were.
 */
@QuarkusTest
class LedgerImportTest {

    static final String PATH = "/api/imports/ledger";

    @Inject
    Journal journal;

    @Inject
    Reminders reminders;

    String inspection;
    String a;
    String b;
    String c;

    @BeforeEach
    void ledger() {
        inspection = Api.inspection();
        a = Api.issue(inspection, "2030-01-01");
        b = Api.issue(inspection, null);
        Api.office().body("{\"asOf\": \"2023-01-10\", \"text\": \"已制定整改方案\"}").post("/api/issues/" + b + "/progress")
                .then().statusCode(201);
        c = Api.issue(inspection, null);
        Api.office().body("""
                        {"items": [{"issueId": "%s", "ifMatch": "*", "leadUnit": "党政办公室", "coUnits": ["经济发展局"],
                                    "leadLeaders": ["张三"], "deadline": "2030-06-30"}]}""".formatted(c))
                .post("/api/issues/assignments").then().statusCode(200);
    }

    static JsonPath issue(String id) {
        return Api.office().get("/api/issues/" + id).then().statusCode(200).extract().jsonPath();
    }

    /** The ledger as report-service would export it now: A, B, C in rows 2, 3, 4. */
    List<Map<String, Object>> exported() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String id : List.of(a, b, c)) {
            rows.add(new LinkedHashMap<>(LedgerWorkbooks.exported(issue(id))));
        }
        return rows;
    }

    static Response send(byte[] workbook, boolean dryRun) {
        return Api.office().contentType(LedgerWorkbooks.XLSX).body(workbook).post(PATH + "?dryRun=" + dryRun);
    }

    /** What a refusal must leave as it was: the journal's last position and the issues' sequences. */
    String stored() {
        return journal.lastPosition() + " " + issue(a).getLong("sequence") + " " + issue(b).getLong("sequence") + " "
                + issue(c).getLong("sequence");
    }

    @Test
    void shouldListExactlyTheEditedCellsInADryRunAndStoreNothing() {
        List<Map<String, Object>> rows = exported();
        rows.get(0).put("完成时限", LocalDate.parse("2030-03-31"));
        rows.get(1).put("最新进展", "新材料项目已完成投资5亿元，已开工18个");
        rows.get(2).put("配合单位", "经济发展局、财政金融局");
        String before = stored();
        JsonPath answer = send(LedgerWorkbooks.ledger(rows), true).then().statusCode(200)
                .contentType(startsWith("application/json")).extract().jsonPath();
        assertThat(answer.getString("outcome")).isEqualTo("DRY_RUN");
        assertThat(answer.getInt("rows")).isEqualTo(3);
        assertThat(answer.getInt("changed")).isEqualTo(3);
        assertThat(answer.getInt("refused")).isZero();
        assertThat(answer.getList("results.row", Integer.class)).containsExactly(2, 3, 4);
        assertThat(answer.getList("results.state", String.class)).containsOnly("CHANGED");
        assertThat(answer.<Map<String, String>>getList("results[0].changes")).containsExactly(
                Map.of("column", "完成时限", "from", "2030-01-01", "to", "2030-03-31"));
        assertThat(answer.<Map<String, String>>getList("results[1].changes")).containsExactly(
                Map.of("column", "最新进展", "from", "已制定整改方案", "to", "新材料项目已完成投资5亿元，已开工18个"));
        assertThat(answer.<Map<String, String>>getList("results[2].changes")).containsExactly(
                Map.of("column", "配合单位", "from", "经济发展局", "to", "经济发展局、财政金融局"));
        assertThat(answer.getList("results[1].figures", String.class)).as("read by the quantity parser")
                .containsExactly("5亿元", "18个");
        assertThat(answer.getList("results.events", List.class)).containsExactly(
                List.of("zhenggai.issue.updated.v1"), List.of("zhenggai.issue.progress-reported.v1"),
                List.of("zhenggai.issue.assigned.v1"));
        assertThat(answer.getString("results[0].numbering")).isEqualTo(issue(a).getString("aspect.numbering")
                + issue(a).getString("category.numbering") + issue(a).getString("numbering"));
        assertThat(stored()).as("a dry run stores nothing").isEqualTo(before);
    }

    @Test
    void shouldApplyTheEditsAsTheApisOwnStepsInOneTransaction() throws IOException {
        List<Map<String, Object>> rows = exported();
        rows.get(0).put("完成时限", LocalDate.parse("2030-03-31"));
        rows.get(1).put("最新进展", "新材料项目已完成投资5亿元，已开工18个");
        rows.get(1).put("状态表述", "基本完成");
        rows.get(2).put("配合单位", "经济发展局、财政金融局");
        long position = journal.lastPosition();
        long[] sequences = {issue(a).getLong("sequence"), issue(b).getLong("sequence"), issue(c).getLong("sequence")};
        JsonPath answer = send(LedgerWorkbooks.ledger(rows), false).then().statusCode(200).extract().jsonPath();
        assertThat(answer.getString("outcome")).isEqualTo("APPLIED");
        assertThat(answer.getInt("changed")).isEqualTo(3);

        JsonPath issueA = issue(a);
        assertThat(issueA.getString("deadline")).isEqualTo("2030-03-31");
        assertThat(issueA.getLong("sequence")).isEqualTo(sequences[0] + 1);
        JsonPath issueB = issue(b);
        assertThat(issueB.getString("progress[-1].text")).isEqualTo("新材料项目已完成投资5亿元，已开工18个");
        assertThat(issueB.getList("progress[-1].readings.display", String.class)).containsExactly("5亿元", "18个");
        assertThat(issueB.getString("statusLabel")).isEqualTo("基本完成");
        assertThat(issueB.getString("progress[-1].actor")).isEqualTo("office-clerk");
        JsonPath issueC = issue(c);
        assertThat(issueC.getList("responsibleUnits", String.class)).containsExactly("党政办公室", "经济发展局", "财政金融局");
        assertThat(issueC.getString("assignment.state")).as("assigned again: signed for anew").isEqualTo("ASSIGNED");
        assertThat(issueC.getString("deadline")).isEqualTo("2030-06-30");

        JsonArray events = new JsonArray(Api.as("ledger-operator", "operator").get("/api/journal?after=" + position)
                .then().statusCode(200).extract().asString());
        assertThat(events.stream().map(e -> ((JsonObject) e).getString("type"))).containsExactly(
                "zhenggai.issue.updated.v1", "zhenggai.issue.progress-reported.v1", "zhenggai.issue.assigned.v1");
        Validator contract = ContractTest.contract();
        for (Object event : events) {
            assertThat(contract.validate((JsonObject) event).getValid()).as(event.toString()).isTrue();
        }
        JsonObject updated = events.getJsonObject(0);
        assertThat(updated.getString("actor")).isEqualTo("office-clerk");
        assertThat(updated.getJsonObject("data").getJsonObject("changes").getJsonObject("deadline").getString("to"))
                .isEqualTo("2030-03-31");
        assertThat(updated.getJsonObject("data").getString("reason")).isEqualTo("整改台账导入（第2行）");
    }

    @Test
    void shouldRefuseARowWhoseIssueChangedSinceTheExportAndChangeNothing() {
        List<Map<String, Object>> rows = exported();
        Api.office().header("If-Match", "*").body("{\"deadline\": \"2030-02-28\"}").patch("/api/issues/" + a).then()
                .statusCode(200);
        rows.get(0).put("完成时限", LocalDate.parse("2030-03-31"));
        rows.get(1).put("最新进展", "已完成投资5亿元");
        JsonPath dryRun = send(LedgerWorkbooks.ledger(rows), true).then().statusCode(200).extract().jsonPath();
        assertThat(dryRun.getList("results.state", String.class)).containsExactly("REFUSED", "CHANGED");
        assertThat(dryRun.getString("results[0].errors[0].column")).isEqualTo("版本");
        assertThat(dryRun.getString("results[0].errors[0].message")).startsWith("该问题在导出后已有变更");

        String before = stored();
        send(LedgerWorkbooks.ledger(rows), false).then().statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://zhenggai.io/problems/ledger-rows-stale"))
                .body("errors[0].field", equalTo("第2行「版本」"))
                .body("errors[0].message", startsWith("该问题在导出后已有变更"))
                .body("detail", startsWith("整改台账未导入"));
        assertThat(stored()).as("the other row is not applied either").isEqualTo(before);
        assertThat(issue(a).getString("deadline")).as("not overwritten").isEqualTo("2030-02-28");
    }

    @Test
    void shouldNotTakeAReminderForAChangeOfTheRow() {
        List<Map<String, Object>> rows = exported();
        long version = issue(a).getLong("sequence");
        int made = QuarkusTransaction.requiringNew().call(() -> reminders.remind(UUID.fromString(a),
                LocalDate.parse("2030-01-05")));
        assertThat(made).as("RED (and STALE) reminders").isPositive();
        assertThat(issue(a).getLong("sequence")).isEqualTo(version + made);
        rows.get(0).put("完成时限", LocalDate.parse("2030-03-31"));
        send(LedgerWorkbooks.ledger(rows), false).then().statusCode(200).body("changed", equalTo(1));
        assertThat(issue(a).getString("deadline")).isEqualTo("2030-03-31");
    }

    @Test
    void shouldNameTheRowAndColumnOfEveryBadCellInChinese() {
        List<Map<String, Object>> rows = exported();
        rows.get(0).put("整改状态", "差不多了");
        rows.get(1).put("完成时限", "2030-02-30");
        rows.get(2).put("牵头单位", "党政办公室、经济发展局");
        String before = stored();
        JsonPath dryRun = send(LedgerWorkbooks.ledger(rows), true).then().statusCode(200).extract().jsonPath();
        assertThat(dryRun.getInt("refused")).isEqualTo(3);
        assertThat(dryRun.getList("results.errors.flatten().column", String.class))
                .containsExactly("整改状态", "完成时限", "牵头单位");
        assertThat(dryRun.getString("results[1].errors[0].message")).isEqualTo("“2030-02-30”不是有效的日期");
        assertThat(dryRun.getString("results[0].errors[0].message")).startsWith("不能识别“差不多了”");
        send(LedgerWorkbooks.ledger(rows), false).then().statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://zhenggai.io/problems/ledger-rows-refused"))
                .body("errors.field", org.hamcrest.Matchers.contains("第2行「整改状态」", "第3行「完成时限」",
                        "第4行「牵头单位」"))
                .body("errors[1].message", equalTo("“2030-02-30”不是有效的日期"));
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void shouldApplyNothingWhenTheLedgerRefusesOneRow() {
        List<Map<String, Object>> rows = exported();
        rows.get(0).put("完成时限", LocalDate.parse("2020-01-01")); // before the feedback date: the ledger refuses it
        rows.get(1).put("最新进展", "已完成投资5亿元");
        JsonPath dryRun = send(LedgerWorkbooks.ledger(rows), true).then().statusCode(200).extract().jsonPath();
        assertThat(dryRun.getList("results.state", String.class)).containsExactly("REFUSED", "CHANGED");
        assertThat(dryRun.getString("results[0].errors[0].column")).isEqualTo("完成时限");
        assertThat(dryRun.getString("results[0].errors[0].message")).startsWith("系统未接受此项更改")
                .contains("feedback date");
        String before = stored();
        send(LedgerWorkbooks.ledger(rows), false).then().statusCode(422)
                .body("errors[0].field", equalTo("第2行「完成时限」"));
        assertThat(stored()).as("row 3 is not applied without row 2").isEqualTo(before);
    }

    @Test
    void shouldMoveTheStatusForwardAndRefuseAStepBack() {
        List<Map<String, Object>> rows = exported();
        rows.get(0).put("整改状态", "已完成");
        rows.get(1).put("整改状态", "未启动");
        JsonPath dryRun = send(LedgerWorkbooks.ledger(rows), true).then().statusCode(200).extract().jsonPath();
        assertThat(dryRun.getList("results[0].events", String.class)).containsExactly(
                "zhenggai.issue.status-changed.v1", "zhenggai.issue.status-changed.v1");
        assertThat(dryRun.getString("results[1].errors[0].message")).startsWith("不能由“整改中”改为“未启动”");
        rows.get(1).put("整改状态", "基本完成"); // a status word of the genre: 整改中, as it is
        send(LedgerWorkbooks.ledger(rows), false).then().statusCode(200).body("changed", equalTo(1));
        JsonPath issueA = issue(a);
        assertThat(issueA.getString("status")).isEqualTo("COMPLETED");
        assertThat(issueA.getString("awaitingDecision")).isEqualTo("COMPLETION");
    }

    @Test
    void shouldChangeNothingForTheLedgerAsExportedAndTakeACutTextForTheTextItWasCutFrom() {
        String longText = "整改成效：" + "持续推进".repeat(9000);
        Api.office().body("{\"text\": \"" + longText + "\"}").post("/api/issues/" + a + "/progress").then()
                .statusCode(201);
        List<Map<String, Object>> rows = exported();
        LedgerLayout layout = LedgerLayout.load();
        rows.get(0).put("最新进展", layout.fit(longText));
        String before = stored();
        send(LedgerWorkbooks.ledger(rows), true).then().statusCode(200).body("unchanged", equalTo(3))
                .body("results", org.hamcrest.Matchers.empty());
        rows.get(0).put("最新进展", "另一段" + layout.fit(longText).substring(3));
        send(LedgerWorkbooks.ledger(rows), true).then().statusCode(200)
                .body("results[0].errors[0].column", equalTo("最新进展"))
                .body("results[0].errors[0].message", startsWith("以“"));
        send(LedgerWorkbooks.ledger(exported()), false).then().statusCode(200).body("changed", equalTo(0))
                .body("unchanged", equalTo(3));
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void shouldRefuseRowsThatNameNoIssueOfTheLedgerOrOneTwice() {
        List<Map<String, Object>> rows = exported();
        rows.get(1).put("问题ID", UUID.randomUUID().toString());
        rows.get(2).put("问题ID", a);
        rows.add(new LinkedHashMap<>(Map.of("问题", "新增的问题", "整改状态", "未启动")));
        JsonPath dryRun = send(LedgerWorkbooks.ledger(rows), true).then().statusCode(200).extract().jsonPath();
        assertThat(dryRun.getList("results.row", Integer.class)).containsExactly(3, 4, 5);
        assertThat(dryRun.getList("results.errors.flatten().message", String.class)).satisfiesExactly(
                m -> assertThat(m).startsWith("系统中没有这个问题"),
                m -> assertThat(m).isEqualTo("与第2行是同一问题：每个问题只能有一行"),
                m -> assertThat(m).startsWith("为空：新的问题不能经台账导入"));
    }

    @Test
    void shouldRefuseWhatIsNotTheLedgerWithProblems() throws IOException {
        String before = stored();
        send("整改台账".getBytes(StandardCharsets.UTF_8), false).then().statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://zhenggai.io/problems/not-a-workbook"))
                .body("errors[0].field", equalTo("body"));
        byte[] bomb = LedgerWorkbooks.padded(
                LedgerWorkbooks.ledger(exported()), 8 * 1024 * 1024);
        send(bomb, true).then().statusCode(413).contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://zhenggai.io/problems/workbook-too-large"));
        List<String> headers = new ArrayList<>(LedgerWorkbooks.HEADERS);
        headers.set(headers.indexOf("问题ID"), "编码");
        send(LedgerWorkbooks.workbook("整改台账", headers, exported()), true).then().statusCode(422)
                .body("type", equalTo("https://zhenggai.io/problems/ledger-layout"))
                .body("detail", org.hamcrest.Matchers.containsString("表头应为「问题ID」，实为「编码」"));
        Api.office().contentType("text/plain").body("整改台账").post(PATH).then().statusCode(415)
                .contentType(startsWith("application/problem+json"));
        Api.office().contentType(LedgerWorkbooks.XLSX).body(new byte[0]).post(PATH).then().statusCode(422)
                .contentType(startsWith("application/problem+json"));
        given().auth().oauth2(JwtTestResource.token("ledger-unit", "unit", "党政办公室"))
                .contentType(LedgerWorkbooks.XLSX).body(LedgerWorkbooks.ledger(List.of())).post(PATH).then()
                .statusCode(403).contentType(startsWith("application/problem+json"));
        assertThat(stored()).isEqualTo(before);
    }
}
