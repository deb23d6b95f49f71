package io.zhenggai.issue.journal;

import static io.restassured.RestAssured.given;
import static io.zhenggai.issue.Api.as;
import static io.zhenggai.issue.Api.office;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.restassured.http.ContentType;
import io.zhenggai.issue.Api;
import io.zhenggai.issue.supervision.Reminders;
import io.zhenggai.local.test.JwtTestResource;

/** Every event type this service emits is valid against the one contract file. */
@QuarkusTest
public class ContractTest {

    public static Validator contract() throws IOException {
        try (InputStream in = ContractTest.class.getResourceAsStream("/contract/rectification-events.schema.json")) {
            JsonObject schema = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return Validator.create(JsonSchema.of(schema), new JsonSchemaOptions().setDraft(Draft.DRAFT202012)
                    .setBaseUri("https://zhenggai.io/").setOutputFormat(OutputFormat.Basic));
        }
    }

    @Inject
    Journal journal;

    @Inject
    Reminders reminders;

    @Test
    void shouldEmitOnlyEventsThatTheContractAccepts() throws IOException {
        long start = journal.lastPosition();
        String inspection = Api.inspection();
        String issue = Api.issue(inspection, "2030-01-01");
        String evidence = given().auth().oauth2(JwtTestResource.token("a", "office"))
                .contentType("application/pdf").body("%PDF-1.7\n%%EOF\n".getBytes(StandardCharsets.US_ASCII))
                .post("/api/issues/" + issue + "/evidence?name=核验报告.pdf").then().statusCode(201)
                .extract().path("id");
        office().body("{\"text\": \"附佐证材料\", \"evidenceIds\": [\"" + evidence + "\"]}")
                .post("/api/issues/" + issue + "/progress").then().statusCode(201);
        office().body("""
                {"asOf": "2023-05-10", "text": "已完成投资3.1亿元", "measures": ["一是…"],
                 "readings": [{"metric": "investment.completed", "dimensions": {"industry": "新材料"}, "quantity": "3.1亿元"},
                              {"metric": "enterprise.count", "quantity": "若干家"}]}""")
                .post("/api/issues/" + issue + "/progress").then().statusCode(201);
        office().header("If-Match", "4").body("{\"responsibleUnits\": [\"经济发展局\"]}").patch("/api/issues/" + issue)
                .then().statusCode(200);
        as("a", "office").header("If-Match", "5")
                .body("{\"action\": \"COMPLETE\", \"note\": \"已整改到位\", \"evidenceIds\": [\"" + evidence + "\"]}")
                .post("/api/issues/" + issue + "/transitions").then().statusCode(200);
        as("b", "office").header("If-Match", "6")
                .body("{\"action\": \"CLOSE\", \"verificationNote\": \"ok\", \"evidence\": [\"x\"], "
                        + "\"evidenceIds\": [\"" + evidence + "\"]}")
                .post("/api/issues/" + issue + "/transitions").then().statusCode(200);
        as("b", "office").header("If-Match", "7").body("{\"action\": \"REOPEN\", \"reason\": \"回头看\"}")
                .post("/api/issues/" + issue + "/transitions").then().statusCode(200);
        workflow(inspection);
        // 督办: an urge, and a RED reminder on the day after the deadline
        String urged = Api.issue(inspection, "2023-06-30");
        office().body("{\"message\": \"请按期报送整改进展\"}").post("/api/issues/" + urged + "/urge").then()
                .statusCode(201);
        QuarkusTransaction.requiringNew().run(() -> assertThat(reminders.remind(java.util.UUID.fromString(urged),
                java.time.LocalDate.of(2023, 7, 1))).isEqualTo(1));

        // every event in the journal (this test's, and whatever other tests wrote before), page by page
        Validator contract = contract();
        Set<String> seen = new HashSet<>();
        List<JsonObject> mine = new ArrayList<>();
        long after = 0;
        JsonArray events;
        do {
            events = new JsonArray(as("op", "operator").get("/api/journal?after=" + after + "&limit=5000").then()
                    .statusCode(200).extract().asString());
            for (Object value : events) {
                JsonObject event = (JsonObject) value;
                OutputUnit result = contract.validate(event);
                assertThat(result.getValid()).as("%s: %s", event.getString("type"), result.getErrors()).isTrue();
                if (event.getLong("position") > start) {
                    seen.add(event.getString("type"));
                    mine.add(event);
                }
                after = event.getLong("position");
            }
        } while (!events.isEmpty());
        assertThat(seen).as("this test's events cover every type").containsExactlyInAnyOrderElementsOf(EventTypes.ALL);
        assertThat(mine.stream().filter(e -> e.getString("subject").equals(issue))
                .map(e -> e.getJsonObject("data").encode()).filter(data -> data.contains("\"attachments\"")))
                .as("the report, COMPLETE and CLOSE carry their attachments").hasSize(3);
    }

    /** The workflow's events, each produced by the service: 交办, 签收, a checked report, 延期, 批示, 更正 and 撤回. */
    static void workflow(String inspection) {
        String issue = Api.issue(inspection, "2030-01-01");
        var unit = io.restassured.RestAssured.given().auth()
                .oauth2(JwtTestResource.token("contract-unit", "unit", "党政办公室")).contentType(ContentType.JSON);
        office().body("""
                        {"items": [{"issueId": "%s", "ifMatch": "1", "leadUnit": "党政办公室", "coUnits": ["经济发展局"],
                                    "leadLeaders": ["张三"], "deadline": "2030-01-01", "note": "请按期完成"}]}"""
                        .formatted(issue))
                .post("/api/issues/assignments").then().statusCode(200).body("assigned", equalTo(1));
        unit.header("If-Match", "2").body("{\"note\": \"已签收\"}").post("/api/issues/" + issue + "/signature")
                .then().statusCode(200);
        String report = io.restassured.RestAssured.given().auth()
                .oauth2(JwtTestResource.token("contract-unit", "unit", "党政办公室")).contentType(ContentType.JSON)
                .body("{\"text\": \"已完成投资3.1亿元，已化解16件，未化解5件，化解率90%\"}")
                .post("/api/issues/" + issue + "/progress").then().statusCode(201)
                .body("progress[0].warnings[0].kind", equalTo("RATE_MISMATCH")).extract().path("progress[0].id");
        String extension = io.restassured.RestAssured.given().auth()
                .oauth2(JwtTestResource.token("contract-unit", "unit", "党政办公室")).contentType(ContentType.JSON)
                .header("If-Match", "4").body("{\"requestedDeadline\": \"2030-03-31\", \"reason\": \"审批延后\"}")
                .post("/api/issues/" + issue + "/extensions").then().statusCode(201).extract().path("extensions[0].id");
        office().header("If-Match", "5").body("{\"decision\": \"REJECTED\", \"note\": \"理由不充分\"}")
                .post("/api/issues/" + issue + "/extensions/" + extension + "/decision").then().statusCode(200);
        io.restassured.RestAssured.given().auth().oauth2(JwtTestResource.named("contract-leader", "张三", "leader"))
                .contentType(ContentType.JSON).body("{\"text\": \"请加快推进\"}")
                .post("/api/issues/" + issue + "/instructions").then().statusCode(201);
        String replacement = office().header("If-Match", "7")
                .body("{\"kind\": \"CORRECTED\", \"reason\": \"填报有误\", \"text\": \"已完成投资3.2亿元\"}")
                .post("/api/issues/" + issue + "/progress/" + report + "/corrections").then().statusCode(200)
                .extract().path("progress[0].id");
        office().header("If-Match", "8").body("{\"kind\": \"WITHDRAWN\", \"reason\": \"重复填报\"}")
                .post("/api/issues/" + issue + "/progress/" + replacement + "/corrections").then().statusCode(200);
    }

    @Test
    void shouldRejectEventsThatBreakTheContract() throws IOException {
        Validator contract = contract();
        JsonObject valid = new JsonObject(Map.of("specversion", "1.0")); // far from complete
        assertThat(contract.validate(valid).getValid()).isFalse();
        JsonArray events = new JsonArray(as("op", "operator").get("/api/journal?after=0&limit=1").then()
                .extract().asString());
        if (events.isEmpty()) {
            Api.inspection();
            events = new JsonArray(as("op", "operator").get("/api/journal?after=0&limit=1").then().extract().asString());
        }
        JsonObject event = events.getJsonObject(0);
        assertThat(contract.validate(event).getValid()).isTrue();
        for (String broken : List.of("sequence", "aggregateid", "data")) {
            JsonObject copy = event.copy();
            copy.remove(broken);
            assertThat(contract.validate(copy).getValid()).as("without %s", broken).isFalse();
        }
        assertThat(contract.validate(event.copy().put("sequence", 0)).getValid()).isFalse();
        assertThat(contract.validate(event.copy().put("type", "zhenggai.unknown.v1")).getValid()).isFalse();
    }
}
