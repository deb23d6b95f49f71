package io.zhenggai.issue.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.zhenggai.issue.journal.ContractTest;
import io.zhenggai.issue.journal.Journal;
import io.zhenggai.local.test.JwtTestResource;

/**
 * The loop every 督查督办 system runs, walked through the API with the tokens of three roles on the seed bulletin:
 * <pre>
 *   step                                         who                      event
 *   import the seed (53 issues, no responsibility) office zhao           (the import's own)
 *   交办 all 53 in one request, one stale item     office zhao           52 × assigned (the stale one: 412 alone)
 *   签收                                           unit li (党政办公室)      signed
 *   preview a report                              unit li                 none
 *   report progress, figures typed in the text    unit li                 progress-reported (readings + warnings)
 *   upload a PDF (佐证材料)                         unit li                 evidence-added
 *   申请销号 COMPLETE with the PDF                  unit li                 status-changed (attachments)
 *   退回 RETURN with a reason                      office zhao             status-changed
 *   申请销号 again                                 unit li                 status-changed
 *   销号 CLOSE                                     office qian             status-changed
 *   延期申请, approved                             unit li, office zhao    extension-requested, extension-decided
 *   领导批示                                       leader 张三              instruction-added
 *   更正 of a wrong report, then 撤回               unit li, office zhao    progress-corrected × 2
 * </pre>
 * Refusals on the way (a co-responsible unit asking for completion, a leader who does not lead the issue, a unit
 * reporting before it signed …) journal nothing. Every step's event is checked against the contract.
 */
@QuarkusTest
class WorkflowTest {

    static final String LEAD = "党政办公室";
    static final String CO = "经济发展局";
    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    static final Path SEED = Path.of("..", "seeds", "dongying-edz-rectification-2023-05-10.txt");

    static final String OFFICE = JwtTestResource.token("office-zhao", "office");
    static final String OTHER_OFFICE = JwtTestResource.token("office-qian", "office");
    static final String UNIT = JwtTestResource.token("unit-li", "unit", LEAD);
    static final String CO_UNIT = JwtTestResource.token("unit-wang", "unit", CO);
    static final String LEADER = JwtTestResource.named("leader-zhang", "张三", "leader");
    static final String OTHER_LEADER = JwtTestResource.named("leader-li", "李四", "leader");
    static final String VIEWER = JwtTestResource.token("viewer-sun", "viewer");

    static final String REPORT = "目前全区新材料产业项目已开工18个,开工率67%,已完成投资3.1亿元。"
            + "排查信访积案21件,已化解16件,未化解5件,化解率90%。";

    Validator contract;

    @Inject
    Journal journal;

    @BeforeEach
    void loadContract() throws IOException {
        contract = ContractTest.contract();
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** The seed bulletin as the bulletin of an inspection of its own, so that no other test's import meets it. */
    static String importSeed() throws IOException {
        String text = Files.readString(SEED, StandardCharsets.UTF_8);
        assertThat(text).contains("组对东营经济技术开发区党工委");
        String tagged = text.replace("组对东营经济技术开发区党工委",
                "组对东营经济技术开发区" + UUID.randomUUID().toString().substring(0, 8) + "党工委");
        return as(OFFICE).contentType("text/plain; charset=utf-8").body(tagged.getBytes(StandardCharsets.UTF_8))
                .post("/api/imports/bulletins").then().log().ifValidationFails().statusCode(201)
                .body("outcome", equalTo("IMPORTED")).body("changes.issuesCreated", equalTo(53))
                .extract().path("inspectionId");
    }

    JsonArray history(String issue) {
        return new JsonArray(as(VIEWER).get("/api/issues/" + issue + "/history").then().statusCode(200).extract()
                .asString());
    }

    /** Runs a step and checks that it journaled exactly one event, of {@code type}, next in sequence, valid. */
    <T> T step(String issue, String type, Supplier<T> call) {
        int before = history(issue).size();
        T result = call.get();
        JsonArray after = history(issue);
        assertThat(after.size()).as("one event for %s", type).isEqualTo(before + 1);
        JsonObject event = after.getJsonObject(before);
        assertThat(event.getString("type")).isEqualTo(type);
        assertThat(event.getLong("sequence")).isEqualTo(before + 1L);
        OutputUnit valid = contract.validate(event);
        assertThat(valid.getValid()).as("%s against the contract: %s", type, valid.getErrors()).isTrue();
        return result;
    }

    /** Runs a refused request and checks that it journaled nothing. */
    void refused(String issue, Runnable call) {
        int before = history(issue).size();
        call.run();
        assertThat(history(issue).size()).as("a refusal journals nothing").isEqualTo(before);
    }

    JsonObject lastEvent(String issue) {
        JsonArray events = history(issue);
        return events.getJsonObject(events.size() - 1);
    }

    static String etag(String issue) {
        return as(OFFICE).get("/api/issues/" + issue).then().statusCode(200).extract().header("ETag");
    }

    @Test
    void shouldWalkTheLoopFromAssignmentToClosingWithOneEventPerStep() throws IOException {
        String inspection = importSeed();
        List<Map<String, Object>> seeded = as(OFFICE).get("/api/issues?inspection=" + inspection + "&size=500")
                .then().statusCode(200).body("total", equalTo(53)).extract().path("items");
        assertThat(seeded).allSatisfy(i -> {
            assertThat(i.get("assignment")).as("the seed states no responsibility").isNull();
            assertThat(i.get("leadUnit")).isNull();
        });

        // 交办: every seed issue in one request; the item with a stale ETag alone is refused
        String target = seeded.get(0).get("id").toString();
        String second = seeded.get(1).get("id").toString();
        String stale = seeded.get(5).get("id").toString();
        LocalDate deadline = TODAY.plusDays(60);
        List<String> items = new ArrayList<>();
        for (Map<String, Object> issue : seeded) {
            String id = issue.get("id").toString();
            String ifMatch = id.equals(stale) ? "\"999\"" : "\"" + issue.get("sequence") + "\"";
            String measures = id.equals(target)
                    ? ", \"measureDeadlines\": [{\"measure\": 0, \"deadline\": \"%s\"}]".formatted(TODAY.plusDays(20))
                    : "";
            items.add("""
                    {"issueId": "%s", "ifMatch": %s, "leadUnit": "%s", "coUnits": ["%s"], "leadLeaders": ["张三"],
                     "deadline": "%s", "note": "请于期限内完成整改"%s}""".formatted(id, quote(ifMatch), LEAD, CO, deadline,
                    measures));
        }
        long journalBefore = journalSize();
        ValidatableResponse assigned = as(OFFICE).body("{\"items\": [" + String.join(",", items) + "]}")
                .post("/api/issues/assignments").then().log().ifValidationFails().statusCode(200)
                .body("assigned", equalTo(52)).body("refused", equalTo(1)).body("items", hasSize(53));
        List<Map<String, Object>> outcomes = assigned.extract().path("items");
        for (Map<String, Object> outcome : outcomes) {
            if (outcome.get("issueId").equals(stale)) {
                assertThat(outcome.get("status")).isEqualTo(412);
                assertThat(((Map<?, ?>) outcome.get("problem")).get("type"))
                        .isEqualTo("https://zhenggai.io/problems/precondition-failed");
                assertThat(outcome.get("issue")).isNull();
            } else {
                assertThat(outcome.get("status")).isEqualTo(200);
                assertThat(((Map<?, ?>) outcome.get("issue")).get("leadUnit")).isEqualTo(LEAD);
            }
        }
        assertThat(journalSize() - journalBefore).as("one assigned event per applied item").isEqualTo(52L);
        as(OFFICE).get("/api/issues/" + stale).then().body("assignment", nullValue())
                .body("responsibleUnits", hasSize(0));
        JsonObject assignedEvent = lastEvent(target);
        assertThat(assignedEvent.getString("type")).isEqualTo("zhenggai.issue.assigned.v1");
        assertThat(contract.validate(assignedEvent).getValid()).isTrue();
        JsonObject assignment = assignedEvent.getJsonObject("data").getJsonObject("assignment");
        assertThat(assignment.getString("leadUnit")).isEqualTo(LEAD);
        assertThat(assignment.getJsonArray("coUnits").getList()).containsExactly(CO);
        assertThat(assignment.getJsonArray("measureDeadlines").getJsonObject(0).getInteger("measure")).isZero();
        assertThat(assignedEvent.getJsonObject("data").getJsonObject("issue").getJsonArray("responsibleUnits")
                .getList()).containsExactly(LEAD, CO);
        as(OFFICE).get("/api/issues/" + target).then().statusCode(200)
                .body("leadUnit", equalTo(LEAD)).body("responsibleUnits", equalTo(List.of(LEAD, CO)))
                .body("leadLeaders", equalTo(List.of("张三"))).body("deadline", equalTo(deadline.toString()))
                .body("originalDeadline", equalTo(deadline.toString()))
                .body("assignment.state", equalTo("ASSIGNED")).body("assignment.signedAt", nullValue())
                .body("measures[0].deadline", equalTo(TODAY.plusDays(20).toString()));

        // unsigned assignments are visible: to the office as a filter, to the lead unit as awaiting its signature
        as(OFFICE).get("/api/issues?inspection=" + inspection + "&assignment=UNSIGNED").then()
                .body("total", equalTo(52));
        as(OFFICE).get("/api/issues?inspection=" + inspection + "&assignment=NONE").then()
                .body("total", equalTo(1)).body("items[0].id", equalTo(stale));
        as(UNIT).get("/api/issues?inspection=" + inspection + "&awaitingMySignature=true").then()
                .body("total", equalTo(52));
        as(CO_UNIT).get("/api/issues?inspection=" + inspection + "&awaitingMySignature=true").then()
                .body("total", equalTo(0));

        // 签收: not before it, not by a co-responsible unit, not without If-Match
        refused(target, () -> as(UNIT).header("If-Match", etag(target)).body("{\"text\": \"" + REPORT + "\"}")
                .post("/api/issues/" + target + "/progress").then().statusCode(409)
                .body("type", equalTo("https://zhenggai.io/problems/not-signed")));
        refused(target, () -> as(CO_UNIT).header("If-Match", etag(target)).body("{}")
                .post("/api/issues/" + target + "/signature").then().statusCode(403)
                .body("type", equalTo("https://zhenggai.io/problems/not-lead-unit")));
        refused(target, () -> as(UNIT).body("{}").post("/api/issues/" + target + "/signature").then()
                .statusCode(428));
        step(target, "zhenggai.issue.signed.v1", () -> as(UNIT).header("If-Match", etag(target))
                .body("{\"note\": \"已签收，即刻办理\"}").post("/api/issues/" + target + "/signature").then()
                .statusCode(200).body("assignment.state", equalTo("SIGNED"))
                .body("assignment.signedBy", equalTo("unit-li")));
        assertThat(lastEvent(target).getJsonObject("data").getJsonObject("signature").getString("unit"))
                .isEqualTo(LEAD);
        refused(target, () -> as(UNIT).header("If-Match", etag(target)).body("{}")
                .post("/api/issues/" + target + "/signature").then().statusCode(409)
                .body("type", equalTo("https://zhenggai.io/problems/already-signed")));
        as(UNIT).get("/api/issues?inspection=" + inspection + "&awaitingMySignature=true").then()
                .body("total", equalTo(51));

        // the figures typed into a report: previewed (nothing stored), then reported
        String sequenceBefore = etag(target);
        refused(target, () -> as(UNIT).body("{\"text\": \"" + REPORT + "\"}")
                .post("/api/issues/" + target + "/progress/preview").then().log().ifValidationFails()
                .statusCode(200).body("source", equalTo("TEXT"))
                .body("warnings.kind", equalTo(List.of("RATE_MISMATCH")))
                .body("readings.metric", hasItem("investment.completed")));
        assertThat(etag(target)).isEqualTo(sequenceBefore);
        List<Map<String, Object>> readings = step(target, "zhenggai.issue.progress-reported.v1", () ->
                as(UNIT).body("{\"text\": \"" + REPORT + "\"}").post("/api/issues/" + target + "/progress").then()
                        .log().ifValidationFails().statusCode(201)
                        .body("progress[0].source", equalTo("TEXT"))
                        .body("progress[0].unit", equalTo(LEAD))
                        .body("progress[0].warnings[0].kind", equalTo("RATE_MISMATCH"))
                        .extract().<List<Map<String, Object>>>path("progress[0].readings"));
        Map<String, Object> investment = readings.stream()
                .filter(r -> r.get("metric").equals("investment.completed")).findFirst().orElseThrow();
        assertThat(new BigDecimal(investment.get("value").toString())).isEqualByComparingTo("310000000");
        assertThat(investment.get("unit")).isEqualTo("CNY");
        JsonObject reported = lastEvent(target).getJsonObject("data").getJsonObject("report");
        assertThat(reported.getString("source")).isEqualTo("TEXT");
        assertThat(reported.getJsonArray("warnings").getJsonObject(0).getString("message")).contains("90%");

        // 申请销号: the lead unit with a note; a co-responsible unit reports but does not ask
        refused(target, () -> as(CO_UNIT).header("If-Match", etag(target))
                .body("{\"action\": \"COMPLETE\", \"note\": \"已完成\"}").post("/api/issues/" + target + "/transitions")
                .then().statusCode(403).body("type", equalTo("https://zhenggai.io/problems/not-lead-unit")));
        refused(target, () -> as(UNIT).header("If-Match", etag(target)).body("{\"action\": \"COMPLETE\"}")
                .post("/api/issues/" + target + "/transitions").then().statusCode(422)
                .body("errors[0].field", equalTo("note")));
        // 佐证材料: the unit uploads a PDF (an event of its own) and asks with it
        byte[] ledgerPdf = "%PDF-1.7\n1 0 obj <</Type /Catalog>> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        String pdf = step(target, "zhenggai.issue.evidence-added.v1", () -> as(UNIT).contentType("application/pdf")
                .body(ledgerPdf).post("/api/issues/" + target + "/evidence?name=开工台账.pdf").then().statusCode(201)
                .extract().path("id"));
        step(target, "zhenggai.issue.status-changed.v1", () -> as(UNIT).header("If-Match", etag(target))
                .body("{\"action\": \"COMPLETE\", \"note\": \"产业项目均已开工\", \"evidenceIds\": [\"" + pdf + "\"]}")
                .post("/api/issues/" + target + "/transitions").then().statusCode(200)
                .body("status", equalTo("COMPLETED")).body("awaitingDecision", equalTo("COMPLETION")));
        assertThat(lastEvent(target).getJsonObject("data").getJsonObject("change").getJsonArray("attachments")
                .getJsonObject(0).getString("name")).isEqualTo("开工台账.pdf");
        assertThat(as(OFFICE).get("/api/issues/" + target + "/evidence/" + pdf).then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray()).as("downloaded byte for byte")
                .isEqualTo(ledgerPdf);
        assertThat(lastEvent(target).getJsonObject("data").getJsonObject("change").getString("note"))
                .isEqualTo("产业项目均已开工");
        as(OFFICE).get("/api/issues?inspection=" + inspection + "&awaitingDecision=COMPLETION").then()
                .body("items.id", hasItem(target));

        // 退回 with a reason, asked again, closed (销号) by another office user
        refused(target, () -> as(OFFICE).header("If-Match", etag(target)).body("{\"action\": \"RETURN\"}")
                .post("/api/issues/" + target + "/transitions").then().statusCode(422)
                .body("errors[0].field", equalTo("reason")));
        step(target, "zhenggai.issue.status-changed.v1", () -> as(OFFICE).header("If-Match", etag(target))
                .body("{\"action\": \"RETURN\", \"reason\": \"佐证材料不足，投资额无凭证\"}")
                .post("/api/issues/" + target + "/transitions").then().statusCode(200)
                .body("status", equalTo("IN_PROGRESS")).body("returnedCount", equalTo(1))
                .body("awaitingDecision", nullValue()));
        step(target, "zhenggai.issue.status-changed.v1", () -> as(UNIT).header("If-Match", etag(target))
                .body("{\"action\": \"COMPLETE\", \"note\": \"已补充投资凭证\", \"evidence\": [\"投资凭证.pdf\"]}")
                .post("/api/issues/" + target + "/transitions").then().statusCode(200)
                .body("status", equalTo("COMPLETED")));
        refused(target, () -> as(UNIT).header("If-Match", etag(target))
                .body("{\"action\": \"CLOSE\", \"verificationNote\": \"核验通过\", \"evidence\": [\"核验报告.pdf\"]}")
                .post("/api/issues/" + target + "/transitions").then().statusCode(403));
        step(target, "zhenggai.issue.status-changed.v1", () -> as(OTHER_OFFICE).header("If-Match", etag(target))
                .body("{\"action\": \"CLOSE\", \"verificationNote\": \"核验通过\", \"evidence\": [\"核验报告.pdf\"]}")
                .post("/api/issues/" + target + "/transitions").then().statusCode(200)
                .body("status", equalTo("CLOSED")).body("returnedCount", equalTo(1))
                .body("awaitingDecision", nullValue()));
        List<String> transitions = new ArrayList<>();
        history(target).forEach(e -> {
            JsonObject change = ((JsonObject) e).getJsonObject("data").getJsonObject("change");
            if (change != null) {
                transitions.add(change.getString("transition"));
            }
        });
        assertThat(transitions).containsSubsequence("COMPLETE", "RETURN", "COMPLETE", "CLOSE");

        // 延期申请, approved: the deadline moves, the original stays, the history has both
        step(second, "zhenggai.issue.signed.v1", () -> as(UNIT).header("If-Match", etag(second)).body("{}")
                .post("/api/issues/" + second + "/signature").then().statusCode(200));
        LocalDate later = deadline.plusDays(30);
        refused(second, () -> as(UNIT).header("If-Match", etag(second))
                .body("{\"requestedDeadline\": \"%s\", \"reason\": \"项目审批延后\"}".formatted(deadline.minusDays(1)))
                .post("/api/issues/" + second + "/extensions").then().statusCode(422)
                .body("errors[0].field", equalTo("requestedDeadline")));
        String extension = step(second, "zhenggai.issue.extension-requested.v1", () -> as(UNIT)
                .header("If-Match", etag(second))
                .body("{\"requestedDeadline\": \"%s\", \"reason\": \"项目审批延后\"}".formatted(later))
                .post("/api/issues/" + second + "/extensions").then().log().ifValidationFails().statusCode(201)
                .body("awaitingDecision", equalTo("EXTENSION")).body("deadline", equalTo(deadline.toString()))
                .extract().path("extensions[0].id"));
        refused(second, () -> as(UNIT).header("If-Match", etag(second))
                .body("{\"requestedDeadline\": \"%s\", \"reason\": \"再次申请\"}".formatted(later.plusDays(1)))
                .post("/api/issues/" + second + "/extensions").then().statusCode(409)
                .body("type", equalTo("https://zhenggai.io/problems/decision-pending")));
        refused(second, () -> as(UNIT).header("If-Match", etag(second))
                .body("{\"action\": \"COMPLETE\", \"note\": \"已完成\"}").post("/api/issues/" + second + "/transitions")
                .then().statusCode(409).body("type", equalTo("https://zhenggai.io/problems/decision-pending")));
        step(second, "zhenggai.issue.extension-decided.v1", () -> as(OFFICE).header("If-Match", etag(second))
                .body("{\"decision\": \"APPROVED\", \"note\": \"同意延期\"}")
                .post("/api/issues/" + second + "/extensions/" + extension + "/decision").then().statusCode(200)
                .body("deadline", equalTo(later.toString())).body("originalDeadline", equalTo(deadline.toString()))
                .body("extensionCount", equalTo(1)).body("awaitingDecision", nullValue())
                .body("extensions[0].decision", equalTo("APPROVED")));
        JsonObject decided = lastEvent(second).getJsonObject("data").getJsonObject("extension");
        assertThat(decided.getString("previousDeadline")).isEqualTo(deadline.toString());
        assertThat(decided.getString("newDeadline")).isEqualTo(later.toString());
        assertThat(decided.getString("originalDeadline")).isEqualTo(deadline.toString());
        refused(second, () -> as(OFFICE).header("If-Match", etag(second)).body("{\"decision\": \"REJECTED\", "
                        + "\"note\": \"不同意\"}").post("/api/issues/" + second + "/extensions/" + extension + "/decision")
                .then().statusCode(409).body("type", equalTo("https://zhenggai.io/problems/already-decided")));
        as(VIEWER).get("/api/issues/" + second).then().body("extensions", hasSize(1))
                .body("extensions[0].currentDeadline", equalTo(deadline.toString()));

        // 领导批示: the lead leader only
        step(second, "zhenggai.issue.instruction-added.v1", () -> as(LEADER)
                .body("{\"text\": \"请加快推进，月底前报送进展\"}").post("/api/issues/" + second + "/instructions").then()
                .statusCode(201).body("instructions[0].leader", equalTo("张三")));
        refused(second, () -> as(OTHER_LEADER).body("{\"text\": \"我不牵头此事\"}")
                .post("/api/issues/" + second + "/instructions").then().statusCode(403)
                .body("type", equalTo("https://zhenggai.io/problems/not-lead-leader")));
        refused(second, () -> as(UNIT).body("{\"text\": \"单位不批示\"}").post("/api/issues/" + second + "/instructions")
                .then().statusCode(403));
        as(UNIT).get("/api/issues/" + second).then().body("instructions.text", equalTo(List.of("请加快推进，月底前报送进展")));

        // a wrong report corrected by its unit: both stay, the replacement has the same date
        String wrong = step(second, "zhenggai.issue.progress-reported.v1", () -> as(UNIT)
                .body("{\"asOf\": \"2023-05-10\", \"text\": \"已完成投资3.1亿元\"}")
                .post("/api/issues/" + second + "/progress").then().statusCode(201).extract().path("progress[0].id"));
        refused(second, () -> as(CO_UNIT).header("If-Match", etag(second))
                .body("{\"kind\": \"WITHDRAWN\", \"reason\": \"不是我们报的\"}")
                .post("/api/issues/" + second + "/progress/" + wrong + "/corrections").then().statusCode(403)
                .body("type", equalTo("https://zhenggai.io/problems/not-reporting-unit")));
        String replacement = step(second, "zhenggai.issue.progress-corrected.v1", () -> as(UNIT)
                .header("If-Match", etag(second))
                .body("{\"kind\": \"CORRECTED\", \"reason\": \"投资额填报有误\", \"text\": \"已完成投资3.2亿元\"}")
                .post("/api/issues/" + second + "/progress/" + wrong + "/corrections").then().log().ifValidationFails()
                .statusCode(200).body("progress[0].corrects", equalTo(wrong))
                .body("progress[0].asOf", equalTo("2023-05-10")).body("progress[0].state", equalTo("CURRENT"))
                .extract().path("progress[0].id"));
        JsonObject corrected = lastEvent(second);
        assertThat(corrected.getString("effectivedate")).isEqualTo("2023-05-10");
        JsonObject correction = corrected.getJsonObject("data").getJsonObject("correction");
        assertThat(correction.getString("reportId")).isEqualTo(wrong);
        assertThat(correction.getString("kind")).isEqualTo("CORRECTED");
        assertThat(correction.getJsonObject("report").getString("asOf")).isEqualTo("2023-05-10");
        assertThat(new BigDecimal(correction.getJsonObject("report").getJsonArray("readings").getJsonObject(0)
                .getValue("value").toString())).isEqualByComparingTo("320000000");
        List<String> types = new ArrayList<>();
        history(second).forEach(e -> types.add(((JsonObject) e).getString("type")));
        assertThat(types).containsSubsequence("zhenggai.issue.progress-reported.v1",
                "zhenggai.issue.progress-corrected.v1");
        as(VIEWER).get("/api/issues/" + second).then()
                .body("progress.find { it.id == '%s' }.state".formatted(wrong), equalTo("CORRECTED"))
                .body("progress.find { it.id == '%s' }.supersededBy".formatted(wrong), equalTo(replacement));
        refused(second, () -> as(UNIT).header("If-Match", etag(second))
                .body("{\"kind\": \"WITHDRAWN\", \"reason\": \"再撤一次\"}")
                .post("/api/issues/" + second + "/progress/" + wrong + "/corrections").then().statusCode(409)
                .body("type", equalTo("https://zhenggai.io/problems/report-corrected")));
        step(second, "zhenggai.issue.progress-corrected.v1", () -> as(OFFICE).header("If-Match", etag(second))
                .body("{\"kind\": \"WITHDRAWN\", \"reason\": \"重复填报\"}")
                .post("/api/issues/" + second + "/progress/" + replacement + "/corrections").then().statusCode(200)
                .body("progress[0].state", equalTo("WITHDRAWN")));
        assertThat(lastEvent(second).getJsonObject("data").getJsonObject("correction").getValue("report")).isNull();
    }

    @Test
    void shouldResetTheSignatureWhenTheOfficeAssignsAgainAndKeepResponsibilityOutOfThePatch() throws IOException {
        String inspection = io.zhenggai.issue.Api.inspection();
        String issue = io.zhenggai.issue.Api.issue(inspection, null);
        assign(issue, "*", LEAD, TODAY.plusDays(30));
        as(UNIT).header("If-Match", "*").body("{}").post("/api/issues/" + issue + "/signature").then()
                .statusCode(200);
        refused(issue, () -> as(OFFICE).header("If-Match", "*").body("{\"responsibleUnits\": [\"财政局\"]}")
                .patch("/api/issues/" + issue).then().statusCode(409)
                .body("type", equalTo("https://zhenggai.io/problems/assigned")));
        step(issue, "zhenggai.issue.assigned.v1", () -> assign(issue, "*", CO, TODAY.plusDays(40)));
        as(OFFICE).get("/api/issues/" + issue).then().body("assignment.state", equalTo("ASSIGNED"))
                .body("leadUnit", equalTo(CO)).body("responsibleUnits", equalTo(List.of(CO, LEAD)));
        refused(issue, () -> as(UNIT).header("If-Match", "*").body("{}").post("/api/issues/" + issue + "/signature")
                .then().statusCode(403));
        step(issue, "zhenggai.issue.signed.v1", () -> as(CO_UNIT).header("If-Match", "*").body("{}")
                .post("/api/issues/" + issue + "/signature").then().statusCode(200));
    }

    @Test
    void shouldRefuseAnAssignmentItemWithoutIfMatchOrWithAnUnknownMeasureAndApplyTheOthers() {
        String inspection = io.zhenggai.issue.Api.inspection();
        String a = io.zhenggai.issue.Api.issue(inspection, null);
        String b = io.zhenggai.issue.Api.issue(inspection, null);
        String c = io.zhenggai.issue.Api.issue(inspection, null);
        as(OFFICE).body("""
                        {"items": [
                          {"issueId": "%s", "leadUnit": "%s", "leadLeaders": ["张三"]},
                          {"issueId": "%s", "ifMatch": "1", "leadUnit": "%s", "leadLeaders": ["张三"],
                           "measureDeadlines": [{"measure": 3, "deadline": "2030-01-01"}]},
                          {"issueId": "%s", "ifMatch": "1", "leadUnit": "%s", "leadLeaders": ["张三"]},
                          {"issueId": "%s", "ifMatch": "1", "leadUnit": "%s", "leadLeaders": ["张三"]}]}"""
                        .formatted(a, LEAD, b, LEAD, c, LEAD, UUID.randomUUID(), LEAD))
                .post("/api/issues/assignments").then().log().ifValidationFails().statusCode(200)
                .body("items.status", equalTo(List.of(428, 422, 200, 404)))
                .body("items[1].problem.errors[0].field", equalTo("measureDeadlines[0].measure"))
                .body("assigned", equalTo(1));
        as(OFFICE).get("/api/issues/" + a).then().body("assignment", nullValue()).header("ETag", equalTo("\"1\""));
        as(OFFICE).get("/api/issues/" + b).then().body("assignment", nullValue()).header("ETag", equalTo("\"1\""));
        as(OFFICE).get("/api/issues/" + c).then().body("assignment.state", equalTo("ASSIGNED"));
        as(UNIT).body("{\"items\": [{\"issueId\": \"%s\", \"ifMatch\": \"*\", \"leadUnit\": \"x\"}]}".formatted(a))
                .post("/api/issues/assignments").then().statusCode(403);
    }

    ValidatableResponse assign(String issue, String ifMatch, String lead, LocalDate deadline) {
        String co = lead.equals(LEAD) ? CO : LEAD;
        return as(OFFICE).body("""
                        {"items": [{"issueId": "%s", "ifMatch": "%s", "leadUnit": "%s", "coUnits": ["%s"],
                                    "leadLeaders": ["张三"], "deadline": "%s"}]}""".formatted(issue, ifMatch, lead, co,
                        deadline))
                .post("/api/issues/assignments").then().statusCode(200).body("assigned", equalTo(1));
    }

    /** The journal's last position: positions are taken in the appending transaction, so they have no gaps. */
    long journalSize() {
        return journal.lastPosition();
    }

    static String quote(String text) {
        return "\"" + text.replace("\"", "\\\"") + "\"";
    }
}
