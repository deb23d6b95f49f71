package io.zhenggai.issue.journal;

import static io.restassured.RestAssured.given;
import static io.zhenggai.issue.Api.as;
import static io.zhenggai.issue.Api.office;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.zhenggai.issue.Api;
import io.zhenggai.local.test.JwtTestResource;

/** Every event type this service emits is valid against the one contract file. */
@QuarkusTest
class ContractTest {

    static Validator contract() throws IOException {
        try (InputStream in = ContractTest.class.getResourceAsStream("/contract/rectification-events.schema.json")) {
            JsonObject schema = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return Validator.create(JsonSchema.of(schema), new JsonSchemaOptions().setDraft(Draft.DRAFT202012)
                    .setBaseUri("https://zhenggai.io/").setOutputFormat(OutputFormat.Basic));
        }
    }

    @Inject
    Journal journal;

    @Test
    void shouldEmitOnlyEventsThatTheContractAccepts() throws IOException {
        long before = journal.lastPosition();
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
                .body("{\"action\": \"COMPLETE\", \"evidenceIds\": [\"" + evidence + "\"]}")
                .post("/api/issues/" + issue + "/transitions").then().statusCode(200);
        as("b", "office").header("If-Match", "6")
                .body("{\"action\": \"CLOSE\", \"verificationNote\": \"ok\", \"evidence\": [\"x\"], "
                        + "\"evidenceIds\": [\"" + evidence + "\"]}")
                .post("/api/issues/" + issue + "/transitions").then().statusCode(200);
        as("b", "office").header("If-Match", "7").body("{\"action\": \"REOPEN\", \"reason\": \"回头看\"}")
                .post("/api/issues/" + issue + "/transitions").then().statusCode(200);

        Validator contract = contract();
        JsonArray events = new JsonArray(as("op", "operator").get("/api/journal?after=" + before + "&limit=5000").then()
                .statusCode(200).extract().asString());
        Set<String> seen = new HashSet<>();
        for (Object value : events) {
            JsonObject event = (JsonObject) value;
            OutputUnit result = contract.validate(event);
            assertThat(result.getValid()).as("%s: %s", event.getString("type"), result.getErrors()).isTrue();
            seen.add(event.getString("type"));
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(EventTypes.ALL);
        assertThat(events.stream().map(JsonObject.class::cast).filter(e -> e.getString("subject").equals(issue))
                .map(e -> e.getJsonObject("data").encode()).filter(data -> data.contains("\"attachments\"")))
                .as("the report, COMPLETE and CLOSE carry their attachments").hasSize(3);
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
