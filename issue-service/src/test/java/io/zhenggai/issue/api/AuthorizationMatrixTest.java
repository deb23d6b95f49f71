package io.zhenggai.issue.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiFunction;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.zhenggai.issue.Api;
import io.zhenggai.issue.journal.Journal;
import io.zhenggai.issue.supervision.InboxFollower;
import io.zhenggai.issue.supervision.Reminders;
import io.zhenggai.local.JwtKeys;
import io.zhenggai.local.test.JwtTestResource;
import io.zhenggai.local.test.JwtTestResource.Forgery;

/**
 * Every operation of the service's own OpenAPI document, called by every kind of caller, answers what the document
 * says: the roles of an operation are the scopes of its {@code jwt} security requirement.
 * <pre>
 *   caller                          expected
 *   no token, any forged token      401
 *   a role not listed               403
 *   a unit on another unit's issue  404   (operations on /api/issues/{id}…: as if the issue did not exist)
 *   otherwise                       one of the operation's documented 2xx answers
 * </pre>
 * Every 401, 403 and 404 is a problem document. {@link #CALLS} says, per operation, the roles issue 11 gives it
 * (which the document must state) and how to call it; an operation the document lists and the table does not fails
 * the test, so a new endpoint cannot escape it. A write expected to succeed gets an issue of its own, so that no
 * successful write changes what a later cell meets; a workflow step that needs a state (signed for, an extension
 * request, a report of the unit) is given a new issue in that state by the office and the issue's unit first.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    static final String UNIT = "党政办公室";
    static final String OTHER_UNIT = "经济发展局";
    static final String LEADER = "张三";
    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    /** The callers, each with its token (null: none) and the role it claims (null: none that counts). */
    record Caller(String label, String token, String role, boolean ofOtherUnit) {
    }

    /** What a call needs: the inspection and the issue it works on, its evidence, a journal position that exists. */
    record Fixture(String inspection, String issue, String evidence, long position) {
    }

    /** One operation: the roles issue 11 gives it, and how to call it with a fixture. */
    record Row(Set<String> roles, BiFunction<RequestSpecification, Fixture, Response> call) {
    }

    static final String OFFICE = "office";
    static final Set<String> READERS = Set.of(OFFICE, "unit", "leader", "viewer");

    static final Map<String, Row> CALLS = new LinkedHashMap<>();

    static final byte[] PDF = "%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    static void put(String operation, Set<String> roles, BiFunction<RequestSpecification, Fixture, Response> call) {
        CALLS.put(operation, new Row(roles, call));
    }

    static {
        put("GET /api/inspections", READERS, (as, f) -> as.get("/api/inspections"));
        put("POST /api/inspections", Set.of(OFFICE), (as, f) -> as.body(InspectionResourceTest.SEED_LIKE
                .formatted("矩阵-" + UUID.randomUUID())).post("/api/inspections"));
        put("GET /api/inspections/{id}", READERS, (as, f) -> as.get("/api/inspections/" + f.inspection()));
        put("GET /api/issues", READERS, (as, f) -> as.get("/api/issues?inspection=" + f.inspection()));
        put("POST /api/issues", Set.of(OFFICE), (as, f) -> as.body("""
                {"inspectionId": "%s", "listKey": "main", "categoryPath": "一/1", "numbering": "（%d）",
                 "title": "矩阵测试问题", "responsibleUnits": ["%s"]}"""
                .formatted(f.inspection(), 100_000 + (int) (Math.random() * 800_000), UNIT)).post("/api/issues"));
        put("GET /api/issues/{id}", READERS, (as, f) -> as.get("/api/issues/" + f.issue()));
        put("PATCH /api/issues/{id}", Set.of(OFFICE), (as, f) -> as.header("If-Match", "2")
                .body("{\"tags\": [\"复核\"]}").patch("/api/issues/" + f.issue()));
        put("GET /api/issues/{id}/history", READERS, (as, f) -> as.get("/api/issues/" + f.issue() + "/history"));
        put("POST /api/issues/{id}/progress", Set.of(OFFICE, "unit"), (as, f) -> as
                .body("{\"text\": \"已制定整改方案\"}").post("/api/issues/" + f.issue() + "/progress"));
        put("POST /api/issues/{id}/transitions", Set.of(OFFICE, "unit"), (as, f) -> as.header("If-Match", "2")
                .body("{\"action\": \"START\"}").post("/api/issues/" + f.issue() + "/transitions"));
        put("POST /api/issues/assignments", Set.of(OFFICE), (as, f) -> as.body("""
                {"items": [{"issueId": "%s", "ifMatch": "*", "leadUnit": "%s", "leadLeaders": ["%s"]}]}"""
                .formatted(f.issue(), UNIT, LEADER)).post("/api/issues/assignments"));
        put("POST /api/issues/{id}/signature", Set.of("unit"), (as, f) -> as.header("If-Match", "*").body("{}")
                .post("/api/issues/" + assigned(f, null) + "/signature"));
        put("POST /api/issues/{id}/progress/preview", Set.of(OFFICE, "unit"), (as, f) -> as
                .body("{\"text\": \"已开工18个，开工率67%\"}").post("/api/issues/" + f.issue() + "/progress/preview"));
        put("POST /api/issues/{id}/extensions", Set.of("unit"), (as, f) -> as.header("If-Match", "*")
                .body("{\"requestedDeadline\": \"2030-06-30\", \"reason\": \"项目审批延后\"}")
                .post("/api/issues/" + signed(f, "2030-01-01") + "/extensions"));
        put("POST /api/issues/{id}/extensions/{extensionId}/decision", Set.of(OFFICE), (as, f) -> {
            String issue = signed(f, "2030-01-01");
            String extension = unitOfTheIssue().header("If-Match", "*")
                    .body("{\"requestedDeadline\": \"2030-06-30\", \"reason\": \"项目审批延后\"}")
                    .post("/api/issues/" + issue + "/extensions").then().statusCode(201).extract()
                    .path("extensions[0].id");
            return as.header("If-Match", "*").body("{\"decision\": \"APPROVED\"}")
                    .post("/api/issues/" + issue + "/extensions/" + extension + "/decision");
        });
        put("POST /api/issues/{id}/instructions", Set.of("leader"), (as, f) -> as
                .body("{\"text\": \"请加快推进\"}").post("/api/issues/" + f.issue() + "/instructions"));
        put("POST /api/issues/{id}/progress/{reportId}/corrections", Set.of(OFFICE, "unit"), (as, f) -> {
            String report = unitOfTheIssue().body("{\"text\": \"已完成投资3.1亿元\"}")
                    .post("/api/issues/" + f.issue() + "/progress").then().statusCode(201).extract()
                    .path("progress[0].id");
            return as.header("If-Match", "*").body("{\"kind\": \"WITHDRAWN\", \"reason\": \"重复填报\"}")
                    .post("/api/issues/" + f.issue() + "/progress/" + report + "/corrections");
        });
        put("GET /api/issues/{id}/evidence", READERS, (as, f) -> as.get("/api/issues/" + f.issue() + "/evidence"));
        put("POST /api/issues/{id}/evidence", Set.of(OFFICE, "unit"), (as, f) -> as.contentType("application/pdf")
                .body(PDF).post("/api/issues/" + f.issue() + "/evidence?name=矩阵.pdf"));
        put("GET /api/issues/{id}/evidence/{evidenceId}", READERS, (as, f) -> as
                .get("/api/issues/" + f.issue() + "/evidence/" + f.evidence()));
        put("POST /api/imports/bulletins", Set.of(OFFICE), (as, f) -> as.contentType("text/plain; charset=utf-8")
                .body(bulletin().getBytes(StandardCharsets.UTF_8)).post("/api/imports/bulletins?dryRun=true"));
        put("POST /api/imports/ledger", Set.of(OFFICE), (as, f) -> as.contentType(io.zhenggai.issue.LedgerWorkbooks.XLSX)
                .body(io.zhenggai.issue.LedgerWorkbooks.ledger(List.of())).post("/api/imports/ledger?dryRun=true"));
        put("GET /api/journal", Set.of(OFFICE, "operator", JwtKeys.JOURNAL_READER), (as, f) -> as
                .get("/api/journal?after=" + (f.position() - 1) + "&limit=1"));
        put("POST /api/issues/{id}/urge", Set.of(OFFICE), (as, f) -> as.body("{\"message\": \"请加快推进\"}")
                .post("/api/issues/" + f.issue() + "/urge"));
        put("GET /api/inbox", Set.of(OFFICE, "unit", "leader"), (as, f) -> as.get("/api/inbox"));
        put("POST /api/inbox/{itemId}/read", Set.of(OFFICE, "unit", "leader"), (as, f) -> {
            // the caller's newest item (every caller with an inbox has one: inboxItems()); a refused caller has none
            String item = as.get("/api/inbox?size=1").then().extract().path("items[0].id");
            return as.post("/api/inbox/" + (item == null ? UUID.randomUUID() : item) + "/read");
        });
        put("GET /api/admin/webhook-deliveries", Set.of("operator"), (as, f) -> as
                .get("/api/admin/webhook-deliveries?limit=5"));
        put("GET /api/admin/inbox-skips", Set.of("operator"), (as, f) -> as.get("/api/admin/inbox-skips?limit=5"));
        put("POST /api/journal/republish", Set.of("operator"), (as, f) -> as
                .body("{\"fromPosition\": %d, \"toPosition\": %d}".formatted(f.position(), f.position()))
                .post("/api/journal/republish"));
    }

    @Inject
    Journal journal;

    @Inject
    Reminders reminders;

    @Inject
    InboxFollower follower;

    @Test
    void shouldAnswerEveryCallerOfEveryOperationAsTheDocumentSays() throws IOException {
        JsonNode document = new ObjectMapper().readTree(given().get("/q/openapi?format=json").then().statusCode(200)
                .extract().asString());
        List<Caller> callers = callers();
        Fixture shared = fixture();
        inboxItems(shared);
        Set<String> documented = new TreeSet<>();
        List<String> wrong = new ArrayList<>();
        int cells = 0;
        for (var path : document.get("paths").properties()) {
            for (var operation : path.getValue().properties()) {
                if (!METHODS.contains(operation.getKey())) {
                    continue;
                }
                String key = operation.getKey().toUpperCase() + " " + path.getKey();
                documented.add(key);
                assertThat(CALLS).as("how to call %s: add it to CALLS", key).containsKey(key);
                Set<String> roles = roles(operation.getValue());
                assertThat(roles).as("the roles %s states", key).isEqualTo(CALLS.get(key).roles());
                Set<Integer> success = successes(operation.getValue());
                assertThat(success).as("%s must document its 2xx answers", key).isNotEmpty();
                for (Caller caller : callers) {
                    int expected = expected(caller, roles, path.getKey());
                    Fixture fixture = expected == 0 && !key.startsWith("GET ") ? fixture() : shared;
                    RequestSpecification request = given().contentType(ContentType.JSON);
                    if (caller.token() != null) {
                        request = request.auth().oauth2(caller.token());
                    }
                    Response response = CALLS.get(key).call().apply(request, fixture);
                    cells++;
                    int status = response.statusCode();
                    boolean right = expected == 0 ? success.contains(status) : status == expected;
                    if (!right) {
                        wrong.add("%s as %s: %d, expected %s — %s".formatted(key, caller.label(), status,
                                expected == 0 ? success : expected, response.asString()));
                    } else if (status == 401 || status == 403 || status == 404) {
                        if (!response.contentType().startsWith(Problem.MEDIA_TYPE)) {
                            wrong.add("%s as %s: %d is not a problem document".formatted(key, caller.label(),
                                    status));
                        }
                    }
                }
            }
        }
        assertThat(wrong).as("cells answered otherwise than documented").isEmpty();
        assertThat(CALLS.keySet()).as("every call in the table is an operation of the document")
                .containsExactlyInAnyOrderElementsOf(documented);
        assertThat(cells).isEqualTo(documented.size() * callers.size());
    }

    /** 0 when the caller may call the operation (a documented 2xx is expected), else the refusal's status. */
    static int expected(Caller caller, Set<String> roles, String path) {
        if (caller.role() == null) {
            return 401;
        }
        if (!roles.contains(caller.role())) {
            return 403;
        }
        if (caller.ofOtherUnit() && path.startsWith("/api/issues/{id}")) {
            return 404;
        }
        return 0;
    }

    static List<Caller> callers() {
        List<Caller> callers = new ArrayList<>();
        callers.add(new Caller("no token", null, null, false));
        for (Forgery forgery : Forgery.values()) {
            callers.add(new Caller("forged " + forgery, JwtTestResource.forged(forgery), null, false));
        }
        callers.add(new Caller("office", JwtTestResource.token("matrix-office", "office"), "office", false));
        callers.add(new Caller("unit of the issue", JwtTestResource.token("matrix-unit", "unit", UNIT), "unit",
                false));
        callers.add(new Caller("unit of another issue", JwtTestResource.token("matrix-other-unit", "unit",
                OTHER_UNIT), "unit", true));
        callers.add(new Caller("leader", JwtTestResource.named("matrix-leader", LEADER, "leader"), "leader", false));
        callers.add(new Caller("viewer", JwtTestResource.token("matrix-viewer", "viewer"), "viewer", false));
        callers.add(new Caller("operator", JwtTestResource.token("matrix-operator", "operator"), "operator", false));
        callers.add(new Caller("journal-reader", JwtTestResource.token("report-service", JwtKeys.JOURNAL_READER),
                JwtKeys.JOURNAL_READER, false));
        return callers;
    }

    /** A fresh inspection with one issue of {@link #UNIT}, led by {@link #LEADER}, with one piece of evidence. */
    Fixture fixture() {
        String inspection = Api.inspection();
        String issue = Api.issue(inspection, null);
        String evidence = Api.office().contentType("application/pdf").body(PDF)
                .post("/api/issues/" + issue + "/evidence?name=fixture.pdf").then().statusCode(201).extract().path("id");
        return new Fixture(inspection, issue, evidence, journal.lastPosition());
    }

    /**
     * An item in every inbox the matrix reads: a RED reminder (to {@link #UNIT} and {@link #LEADER}), an urge to
     * {@link #OTHER_UNIT}, a completion for the office to verify.
     */
    void inboxItems(Fixture f) {
        String overdue = Api.issue(f.inspection(), "2023-06-30");
        QuarkusTransaction.requiringNew().run(() -> reminders.remind(UUID.fromString(overdue),
                java.time.LocalDate.of(2023, 7, 1)));
        String other = Api.issue(f.inspection(), null);
        Api.office().header("If-Match", "*").body("{\"responsibleUnits\": [\"%s\"]}".formatted(OTHER_UNIT))
                .patch("/api/issues/" + other).then().statusCode(200);
        Api.office().body("{\"message\": \"请加快推进\"}").post("/api/issues/" + other + "/urge").then()
                .statusCode(201);
        String completed = Api.issue(f.inspection(), null);
        Api.office().body("{\"text\": \"已制定整改方案\"}").post("/api/issues/" + completed + "/progress").then()
                .statusCode(201);
        Api.office().header("If-Match", "*").body("{\"action\": \"COMPLETE\", \"note\": \"已整改到位\"}")
                .post("/api/issues/" + completed + "/transitions").then().statusCode(200);
        follower.catchUp();
    }

    /** A user of {@link #UNIT}, the lead unit of every fixture's issue. */
    static RequestSpecification unitOfTheIssue() {
        return given().auth().oauth2(JwtTestResource.token("matrix-unit", "unit", UNIT)).contentType(ContentType.JSON);
    }

    /** A new issue of the fixture's inspection, assigned (交办) to {@link #UNIT} and not signed for. */
    static String assigned(Fixture f, String deadline) {
        String issue = Api.issue(f.inspection(), deadline);
        Api.office().body("""
                        {"items": [{"issueId": "%s", "ifMatch": "*", "leadUnit": "%s", "leadLeaders": ["%s"],
                                    "deadline": %s}]}""".formatted(issue, UNIT, LEADER,
                        deadline == null ? "null" : "\"" + deadline + "\""))
                .post("/api/issues/assignments").then().statusCode(200).body("assigned", org.hamcrest.Matchers.equalTo(1));
        return issue;
    }

    /** A new issue assigned to {@link #UNIT} and signed for (签收). */
    static String signed(Fixture f, String deadline) {
        String issue = assigned(f, deadline);
        unitOfTheIssue().header("If-Match", "*").body("{}").post("/api/issues/" + issue + "/signature").then()
                .statusCode(200);
        return issue;
    }

    static Set<String> roles(JsonNode operation) {
        Set<String> roles = new TreeSet<>();
        operation.path("security").forEach(requirement -> requirement.path("jwt").forEach(r -> roles.add(r.asText())));
        return roles;
    }

    static Set<Integer> successes(JsonNode operation) {
        Set<Integer> codes = new TreeSet<>();
        operation.path("responses").fieldNames().forEachRemaining(code -> {
            if (code.startsWith("2")) {
                codes.add(Integer.parseInt(code));
            }
        });
        return codes;
    }

    static String bulletin() {
        try {
            return Files.readString(Path.of("src/test/resources/bulletins/aspect-items.txt"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
