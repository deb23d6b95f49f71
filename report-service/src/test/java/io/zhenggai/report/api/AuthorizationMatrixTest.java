package io.zhenggai.report.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.zhenggai.local.JwtKeys;
import io.zhenggai.local.test.JwtTestResource;
import io.zhenggai.local.test.JwtTestResource.Forgery;
import io.zhenggai.report.Api;
import io.zhenggai.report.Events;
import io.zhenggai.report.Kafka;
import io.zhenggai.report.StoredState;

/**
 * Who may call what, generated from the service's own OpenAPI document: every operation it lists is called by every
 * kind of caller, and the status must be what the document says: 401 without a valid token (none, or any of six
 * forgeries), 403 for a role that is not among the scopes of the operation's {@code jwt} requirement, and otherwise
 * what {@link #TABLE} documents for that operation. An operation missing from the table fails the test, so a new
 * endpoint cannot escape it. Every 401 and 403 is a problem and changes nothing stored. Lists of issues that a
 * {@code unit} caller sees cut to its units (the operations marked {@value Roles#UNIT_SCOPED}) must show its own
 * issue and not the other unit's.
 * <p>
 * Operations that change state are called so that an authorised caller has nothing to break: a fresh indicator per
 * cell, and for replays, generations and gaps numbers that do not exist (404, "authorised, nothing to act on"); the
 * one replay started is cancelled at once. The refusals are decided before any of that state is looked at.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String UNIT_OF_ISSUE = "矩阵甲单位-" + SUFFIX;
    private static final String UNIT_OF_OTHER = "矩阵乙单位-" + SUFFIX;
    private static final long NO_SUCH_NUMBER = 999_999_999L;

    @Inject
    DataSource dataSource;

    /** The ledger the reads answer on: one inspection, one issue of each unit, entered after the feedback date. */
    private record Fixture(UUID inspection, UUID issueOfUnit, UUID issueOfOther) {
    }

    /** A caller: a bearer token (null for none) and the role it carries (null when it cannot be authenticated). */
    private record Caller(String name, String token, String role) {

        RequestSpecification spec() {
            RequestSpecification spec = RestAssured.given();
            return token == null ? spec : spec.auth().oauth2(token);
        }
    }

    /** How to call one operation, and what an authorised caller gets. */
    private record Row(Function<Fixture, String> prepare, Call call, Set<Integer> authorised, String why) {
    }

    @FunctionalInterface
    private interface Call {
        Response send(RequestSpecification as, Fixture fixture, String prepared);
    }

    private static Row row(Call call, Set<Integer> authorised, String why) {
        return new Row(f -> null, call, authorised, why);
    }

    private static Row row(Function<Fixture, String> prepare, Call call, Set<Integer> authorised, String why) {
        return new Row(prepare, call, authorised, why);
    }

    private static final String DEFINITION = """
            {"code": "%s", "name": "矩阵指标", "numerator": "issues(status = CLOSED)", "denominator": "issues()",
             "factor": 100, "unit": "%%", "decimals": 1}""";

    /** A fresh indicator defined by the office: what a PUT or DELETE cell acts on. */
    private static String freshIndicator(Fixture fixture) {
        String code = "matrix.i" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Api.given().contentType("application/json").body(DEFINITION.formatted(code)).post("/api/indicators")
                .then().statusCode(201);
        return code;
    }

    /** Every operation of the OpenAPI document, "METHOD path", with how to call it. */
    private static final Map<String, Row> TABLE = new LinkedHashMap<>();

    static {
        TABLE.put("GET /api/reports/summary", row((as, f, p) -> as.queryParam("inspection", f.inspection().toString())
                .get("/api/reports/summary"), Set.of(200), "totals"));
        TABLE.put("GET /api/reports/breakdown", row((as, f, p) -> as.queryParam("by", "unit")
                .queryParam("inspection", f.inspection().toString()).get("/api/reports/breakdown"), Set.of(200),
                "totals per unit"));
        TABLE.put("GET /api/reports/drill", row((as, f, p) -> as.queryParam("measure", "total")
                .queryParam("inspection", f.inspection().toString()).get("/api/reports/drill"), Set.of(200),
                "the issues of a count"));
        TABLE.put("GET /api/reports/backdated", row((as, f, p) -> as.queryParam("inspection", f.inspection().toString())
                .get("/api/reports/backdated"), Set.of(200), "back-dated events of the fixture's issues"));
        TABLE.put("GET /api/reports/ledger.xlsx", row((as, f, p) -> as.queryParam("inspectionId",
                f.inspection().toString()).get("/api/reports/ledger.xlsx"), Set.of(200),
                "the ledger workbook of the fixture's issues"));
        TABLE.put("GET /api/reports/statistics.xlsx", row((as, f, p) -> as.queryParam("inspectionId",
                f.inspection().toString()).get("/api/reports/statistics.xlsx"), Set.of(200), "totals per group"));
        TABLE.put("GET /api/reports/inspections", row((as, f, p) -> as.get("/api/reports/inspections"), Set.of(200),
                "inspections"));
        TABLE.put("GET /api/bulletins/{inspectionId}", row((as, f, p) -> as.accept("*/*").queryParam("format", "md")
                .get("/api/bulletins/" + f.inspection()), Set.of(200), "the office's publication: not for a unit"));
        TABLE.put("GET /api/bulletins/{inspectionId}/next-steps", row((as, f, p) ->
                as.get("/api/bulletins/" + f.inspection() + "/next-steps"), Set.of(200), "the default text"));
        TABLE.put("PUT /api/bulletins/{inspectionId}/next-steps", row((as, f, p) -> as.contentType("application/json")
                .body("{\"text\": \"矩阵下一步工作。\"}").put("/api/bulletins/" + f.inspection() + "/next-steps"),
                Set.of(200), "the office's words"));
        TABLE.put("GET /api/indicators", row((as, f, p) -> as.get("/api/indicators"), Set.of(200), "definitions"));
        TABLE.put("POST /api/indicators", row((as, f, p) -> as.contentType("application/json")
                .body(DEFINITION.formatted("matrix.n" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)))
                .post("/api/indicators"), Set.of(201), "a new code each time"));
        TABLE.put("GET /api/indicators/{code}", row((as, f, p) -> as.get("/api/indicators/investment.completed"),
                Set.of(200), "a built-in"));
        TABLE.put("PUT /api/indicators/{code}", row(AuthorizationMatrixTest::freshIndicator, (as, f, code) ->
                as.contentType("application/json").body(DEFINITION.formatted(code).replace("\"decimals\": 1",
                        "\"decimals\": 1, \"description\": \"changed\"")).put("/api/indicators/" + code),
                Set.of(200, 201), "a fresh indicator per cell"));
        TABLE.put("DELETE /api/indicators/{code}", row(AuthorizationMatrixTest::freshIndicator, (as, f, code) ->
                as.delete("/api/indicators/" + code), Set.of(204), "a fresh indicator per cell"));
        TABLE.put("GET /api/indicators/{code}/versions", row((as, f, p) ->
                as.get("/api/indicators/investment.completed/versions"), Set.of(200), "a built-in"));
        TABLE.put("GET /api/indicators/{code}/values", row((as, f, p) -> as.queryParam("by", "unit")
                .get("/api/indicators/issue.completion_rate/values"), Set.of(200), "a published figure by unit"));
        TABLE.put("GET /api/metrics", row((as, f, p) -> as.get("/api/metrics"), Set.of(200), "the catalogue"));
        TABLE.put("GET /api/intake/status", row((as, f, p) -> as.get("/api/intake/status"), Set.of(200), "status"));
        TABLE.put("POST /api/intake/gaps/{aggregateId}/skip", row((as, f, p) -> as.contentType("application/json")
                .body("{\"reason\": \"matrix\"}").post("/api/intake/gaps/" + UUID.randomUUID() + "/skip"),
                Set.of(404), "an aggregate without a gap: nothing to skip"));
        TABLE.put("GET /api/intake/dead-letters", row((as, f, p) -> as.get("/api/intake/dead-letters"), Set.of(200),
                "what the intake set aside"));
        TABLE.put("GET /api/intake/conflicts", row((as, f, p) -> as.get("/api/intake/conflicts"), Set.of(200),
                "conflicts"));
        TABLE.put("POST /api/intake/conflicts/{aggregateId}/dismiss", row((as, f, p) -> as.contentType("application/json")
                .body("{\"reason\": \"matrix\"}").post("/api/intake/conflicts/" + UUID.randomUUID() + "/dismiss"),
                Set.of(404), "an aggregate without a conflict: nothing to dismiss"));
        TABLE.put("POST /api/admin/replays", row((as, f, p) -> as.contentType("application/json")
                .body("{\"source\": \"topic\", \"note\": \"authorization matrix\"}").post("/api/admin/replays"),
                Set.of(202, 409), "started (and cancelled at once), or refused while another is open"));
        TABLE.put("GET /api/admin/replays", row((as, f, p) -> as.get("/api/admin/replays"), Set.of(200), "list"));
        TABLE.put("GET /api/admin/replays/{id}", row((as, f, p) -> as.get("/api/admin/replays/" + NO_SUCH_NUMBER),
                Set.of(404), "no such replay"));
        TABLE.put("POST /api/admin/replays/{id}/compare", row((as, f, p) ->
                as.post("/api/admin/replays/" + NO_SUCH_NUMBER + "/compare"), Set.of(404), "no such replay"));
        TABLE.put("POST /api/admin/replays/{id}/switch", row((as, f, p) -> as.queryParam("acceptDifferences", "true")
                .post("/api/admin/replays/" + NO_SUCH_NUMBER + "/switch"), Set.of(404), "no such replay"));
        TABLE.put("POST /api/admin/replays/{id}/cancel", row((as, f, p) ->
                as.post("/api/admin/replays/" + NO_SUCH_NUMBER + "/cancel"), Set.of(404), "no such replay"));
        TABLE.put("GET /api/admin/generations", row((as, f, p) -> as.get("/api/admin/generations"), Set.of(200),
                "list"));
        TABLE.put("DELETE /api/admin/generations/{number}", row((as, f, p) ->
                as.delete("/api/admin/generations/" + NO_SUCH_NUMBER / 1000), Set.of(404), "no such generation"));
    }

    private static List<Caller> callers() {
        List<Caller> callers = new ArrayList<>();
        callers.add(new Caller("no token", null, null));
        for (Forgery forgery : Forgery.values()) {
            callers.add(new Caller("forged " + forgery, JwtTestResource.forged(forgery), null));
        }
        callers.add(new Caller("office", JwtTestResource.token("m-office", Roles.OFFICE), Roles.OFFICE));
        callers.add(new Caller("unit of the issue", JwtTestResource.token("m-unit", Roles.UNIT, UNIT_OF_ISSUE),
                Roles.UNIT));
        callers.add(new Caller("unit of another issue", JwtTestResource.token("m-other", Roles.UNIT, UNIT_OF_OTHER),
                Roles.UNIT));
        callers.add(new Caller("leader", JwtTestResource.token("m-leader", Roles.LEADER), Roles.LEADER));
        callers.add(new Caller("viewer", JwtTestResource.token("m-viewer", Roles.VIEWER), Roles.VIEWER));
        callers.add(new Caller("operator", JwtTestResource.token("m-operator", Roles.OPERATOR), Roles.OPERATOR));
        callers.add(new Caller("journal-reader", JwtTestResource.token("m-journal", JwtKeys.JOURNAL_READER),
                JwtKeys.JOURNAL_READER));
        return callers;
    }

    /** An operation of the document: who may call it (null: anyone) and whether a unit's lists are cut. */
    private record Operation(String key, Set<String> roles, boolean unitScoped, Set<String> responses) {
    }

    private static List<Operation> operations() throws Exception {
        JsonNode document = JSON.readTree(RestAssured.given().get("/q/openapi?format=json").then().statusCode(200)
                .extract().asString());
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (!Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(method.getKey())) {
                    continue;
                }
                JsonNode operation = method.getValue();
                Set<String> roles = null;
                JsonNode security = operation.has("security") ? operation.get("security") : document.path("security");
                for (JsonNode requirement : security) {
                    roles = roles == null ? new TreeSet<>() : roles;
                    for (JsonNode role : requirement.path("jwt")) {
                        roles.add(role.asText());
                    }
                }
                Set<String> responses = new TreeSet<>();
                operation.path("responses").fieldNames().forEachRemaining(responses::add);
                operations.add(new Operation(method.getKey().toUpperCase() + " " + path.getKey(), roles,
                        operation.path(Roles.UNIT_SCOPED).asBoolean(false), responses));
            }
        }
        return operations;
    }

    private static Fixture fixture() {
        Events.Inspection inspection = new Events.Inspection();
        Events.Issue ofUnit = inspection.issue("main", "一", 1, "矩阵问题甲")
                .responsibility(List.of("张三"), List.of(UNIT_OF_ISSUE), List.of());
        Events.Issue ofOther = inspection.issue("main", "一", 1, "矩阵问题乙")
                .responsibility(List.of("李四"), List.of(UNIT_OF_OTHER), List.of());
        Kafka.send(inspection.created(), ofUnit.created(inspection.feedbackDate),
                ofOther.created(inspection.feedbackDate));
        Fixture fixture = new Fixture(inspection.id, ofUnit.id, ofOther.id);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Api.given()
                .queryParam("measure", "total").queryParam("inspection", inspection.id.toString())
                .get("/api/reports/drill").then().statusCode(200).extract().asString())
                .contains(fixture.issueOfUnit().toString(), fixture.issueOfOther().toString()));
        assertThat(inspection.feedbackDate).isBefore(LocalDate.now());
        return fixture;
    }

    @Test
    void shouldAnswerEveryCallerOfEveryOperationAsTheOpenApiDocumentSays() throws Exception {
        List<Operation> operations = operations();
        assertThat(operations.stream().map(Operation::key).toList())
                .as("operations of the OpenAPI document without a row in TABLE (add one: how to call it, what an "
                        + "authorised caller gets)").allMatch(TABLE::containsKey);
        assertThat(TABLE.keySet()).as("rows of TABLE for operations the document no longer lists")
                .allMatch(key -> operations.stream().anyMatch(o -> o.key().equals(key)));
        Fixture fixture = fixture();
        List<Caller> callers = callers();
        List<String> wrong = new ArrayList<>();
        int cells = 0;
        for (Operation operation : operations) {
            Row row = TABLE.get(operation.key());
            assertThat(operation.roles()).as(operation.key() + ": every operation of the API needs a token")
                    .isNotNull().isNotEmpty();
            assertThat(operation.responses()).as(operation.key() + " documents its refusals").contains("401", "403");
            assertThat(row.authorised().stream().map(String::valueOf).toList())
                    .as(operation.key() + ": the statuses an authorised caller gets are documented")
                    .allMatch(operation.responses()::contains);
            for (Caller caller : callers) {
                cells++;
                String prepared = row.prepare().apply(fixture);
                String before = StoredState.of(dataSource);
                Response response = row.call().send(caller.spec(), fixture, prepared);
                int status = response.statusCode();
                String cell = operation.key() + " as " + caller.name() + ": " + status;
                if (operation.key().equals("POST /api/admin/replays") && status == 202) {
                    Api.given().post("/api/admin/replays/" + response.jsonPath().getLong("id") + "/cancel").then()
                            .statusCode(200);
                }
                Set<Integer> expected = caller.role() == null ? Set.of(401)
                        : operation.roles().contains(caller.role()) ? row.authorised() : Set.of(403);
                if (!expected.contains(status)) {
                    wrong.add(cell + ", expected " + expected + " (" + row.why() + "): " + response.asString());
                    continue;
                }
                if (status == 401 || status == 403) {
                    if (!String.valueOf(response.contentType()).startsWith(Problem.MEDIA_TYPE)
                            || response.jsonPath().getInt("status") != status
                            || !response.jsonPath().getString("type").endsWith(status == 401 ? "/unauthenticated"
                            : "/forbidden")) {
                        wrong.add(cell + " is not a problem: " + response.contentType() + " " + response.asString());
                    }
                    String after = StoredState.of(dataSource);
                    if (!after.equals(before)) {
                        wrong.add(cell + " changed what is stored: " + before + " → " + after);
                    }
                } else if (operation.unitScoped()) {
                    String body = text(response);
                    boolean ofUnit = body.contains(fixture.issueOfUnit().toString());
                    boolean ofOther = body.contains(fixture.issueOfOther().toString());
                    boolean seesUnit = !caller.name().equals("unit of another issue");
                    boolean seesOther = !caller.name().equals("unit of the issue");
                    if (ofUnit != seesUnit || ofOther != seesOther) {
                        wrong.add(cell + " lists the issue of " + UNIT_OF_ISSUE + ": " + ofUnit + " (expected "
                                + seesUnit + "), of " + UNIT_OF_OTHER + ": " + ofOther + " (expected " + seesOther
                                + ")");
                    }
                }
            }
        }
        assertThat(wrong).as("cells answered otherwise than documented").isEmpty();
        assertThat(cells).isEqualTo(operations.size() * callers.size()).isGreaterThanOrEqualTo(28 * 14);
    }

    /** What a client reads in an answer: its text, or the text of every cell of a workbook. */
    private static String text(Response response) throws java.io.IOException {
        if (!String.valueOf(response.contentType()).startsWith(LedgerResource.XLSX)) {
            return response.asString();
        }
        StringBuilder text = new StringBuilder();
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
                new java.io.ByteArrayInputStream(response.asByteArray()))) {
            org.apache.poi.ss.usermodel.DataFormatter formatter = new org.apache.poi.ss.usermodel.DataFormatter();
            workbook.forEach(sheet -> sheet.forEach(row -> row.forEach(
                    cell -> text.append(formatter.formatCellValue(cell)).append('\t'))));
        }
        return text.toString();
    }

    @Test
    void shouldKeepHealthAndTheApiDocumentOpen() {
        RestAssured.given().get("/q/health").then().statusCode(200);
        RestAssured.given().get("/q/openapi").then().statusCode(200);
        RestAssured.given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
