package io.zhenggai.report.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.zhenggai.local.test.JwtTestResource;
import io.zhenggai.report.Api;
import io.zhenggai.report.StoredState;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.sessions.JqwikSession;

/**
 * Thousands of generated hostile requests (jqwik's generators, seeded, driven from this {@code @QuarkusTest}): bodies
 * of every JSON shape and of no JSON at all, wrong types, huge and tiny numbers, NUL and lone surrogates, odd
 * content types and {@code If-Match} headers, malformed dates and numbers, unknown enum values and overflowing
 * paging parameters, in the query string and the path. Sent by callers who may make the call, to every write
 * operation and to the query parameters of every read: never a 5xx, every 4xx a problem naming the field, and a
 * refused request changes nothing stored.
 */
@QuarkusTest
class HostileInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Fixed so that a failure can be replayed; {@code -Dhostile.seed=…} tries others. */
    private static final long SEED = Long.getLong("hostile.seed", 20_240_611L);
    private static final int REQUESTS = Integer.getInteger("hostile.requests", 2_400);
    private static final int GEN_SIZE = 1000;

    @Inject
    DataSource dataSource;

    @TestHTTPResource("/")
    URI base;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String office = JwtTestResource.token("hostile-office", Roles.OFFICE);
    private final String operator = JwtTestResource.token("hostile-operator", Roles.OPERATOR);
    private final String unit = JwtTestResource.token("hostile-unit", Roles.UNIT, "党政办公室");

    // ---- generators -------------------------------------------------------------------------------------------

    private static final List<String> NASTY = List.of("", " ", "null", "true", "false", "-1", "0", "1", "-0",
            "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
            "99999999999999999999999999999", "1e999999999", "-1e-999999999", "1.5", "NaN", "Infinity", "0x10", "１２",
            "2023-02-30", "2023-13-01", "2023-3-1", "-999999999-01-01", "+999999999-12-31", "0000-01-01",
            "0001-01-01", "1899-12-31", "9999-12-31", "2023-03-31T25:00:00Z", "2023-03-31T10:00:00+18:00",
            "2023-03-31T10:00:00 08:00", "-292275055-05-16T16:47:04.192Z", "2023-03-31T10:00:00.123456789Z",
            "\u0000", "a\u0000b", "\ud800", "\udfff\ud800", "😀", "中文", "%", "%00", "%zz", "%2F", "../..", "/",
            "'; DROP TABLE indicator; --", "${jndi:ldap://127.0.0.1/x}", "<script>alert(1)</script>", "\r\n",
            "a".repeat(5000), "topic", "journal", "TOPIC", "effective", "recorded", "RECORDED", "aspect", "unit",
            "total", "overdue", "RED", "tag", "industry", "investment.completed", "issue.completion_rate",
            UUID.randomUUID().toString(), "00000000-0000-0000-0000-000000000000", "1-1-1-1-1");

    private static Arbitrary<String> text() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.of(NASTY)),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().all().ofMaxLength(40)),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().withCharRange('!', '~').ofMaxLength(20)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().map(String::valueOf)),
                net.jqwik.api.Tuple.of(1, Arbitraries.bigDecimals().map(d -> d.toString())));
    }

    /** Any JSON value, a few levels deep, with the fields the API knows among the keys. */
    private static Arbitrary<Object> json(int depth) {
        Arbitrary<Object> scalar = Arbitraries.oneOf(text().map(s -> (Object) s),
                Arbitraries.of((Object) null, Boolean.TRUE, Boolean.FALSE),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.of("1e999999999", "-1e-400", "123456789012345678901234567890.5", "0.0000000000000000001",
                        "-0.0", "1E+308", "4.9E-324").map(n -> (Object) new java.math.BigDecimal(n)),
                Arbitraries.doubles().map(d -> (Object) d));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> keys = Arbitraries.oneOf(Arbitraries.of("code", "name", "numerator", "denominator",
                "factor", "unit", "decimals", "description", "pairedBy", "stated", "source", "autoSwitch", "note",
                "acceptDifferences", "reason", "text"), text());
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, scalar),
                net.jqwik.api.Tuple.of(1, json(depth - 1).list().ofMaxSize(4).map(l -> (Object) l)),
                net.jqwik.api.Tuple.of(3, Arbitraries.maps(keys, json(depth - 1)).ofMaxSize(6).map(m -> (Object) m)));
    }

    /** A body: mostly a plausible request with a field or two gone wrong, else any JSON, else no JSON. */
    private static Arbitrary<String> body(Map<String, Object> valid) {
        Arbitrary<String> mutated = Combinators.combine(
                        Arbitraries.subsetOf(valid.keySet()), Arbitraries.maps(Arbitraries.of(valid.keySet())
                                .injectDuplicates(0.1), json(1)).ofMaxSize(3))
                .as((dropped, changed) -> {
                    Map<String, Object> body = new LinkedHashMap<>(valid);
                    dropped.forEach(body::remove);
                    body.putAll(changed);
                    return write(body);
                });
        Arbitrary<String> garbage = Arbitraries.oneOf(Arbitraries.of("", "{", "}", "[]", "{\"a\":}", "nul",
                        "{\"code\": \"x\",}", "[".repeat(3000) + "]".repeat(3000), "{\"a\":".repeat(2000),
                        "\u0000", "{\"name\": \"\\u0000\"}", "{\"name\": \"\\ud800\"}", "\"just a string\"", "42",
                        "{\"factor\": 1e999999999}", "{\"decimals\": 1e10}", "{\"decimals\": -2147483649}"),
                Arbitraries.strings().all().ofMaxLength(60));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, mutated),
                net.jqwik.api.Tuple.of(2, json(3).map(HostileInputTest::write)), net.jqwik.api.Tuple.of(2, garbage));
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A query string over the operation's own parameters and a few others, each hostile, encoded or raw. */
    private static Arbitrary<String> query(List<String> names) {
        Arbitrary<String> name = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, Arbitraries.of(names)),
                net.jqwik.api.Tuple.of(1, text()));
        Arbitrary<String> pair = Combinators.combine(name, text(), Arbitraries.integers().between(0, 9))
                .as((n, v, how) -> how == 0 ? raw(n) + "=" + raw(v) : how == 1 ? encode(n) : encode(n) + "="
                        + encode(v));
        return pair.list().ofMaxSize(5).map(pairs -> String.join("&", pairs));
    }

    /** Raw as a careless client would put it: only what the HTTP client itself refuses is escaped. */
    private static String raw(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(c > ' ' && c < 127 && c != '#' && c != '"' && c != '<' && c != '>' && c != '\\' && c != '^'
                    && c != '`' && c != '{' && c != '|' && c != '}' && c != '[' && c != ']' ? String.valueOf(c)
                    : URLEncoder.encode(String.valueOf(c), StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Mostly what the operations take, so that most bodies reach them; the rest is refused at the door (415). */
    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json",
            "application/json", "application/json", "application/json", "application/json", "application/json",
            "application/json", "application/json", "application/json", "application/json", "application/json",
            "application/json; charset=utf-8", "application/json; charset=utf-16",
            "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/problem+json", "*/*", "garbage", "application/json; charset=nonsense");
    private static final List<String> ACCEPTS = List.of("application/json", "*/*", "application/json",
            "application/json", "application/json", "application/json", "application/json", "application/json",
            "application/json", "application/json", "application/json", "application/json", "*/*", "*/*",
            "text/html", "application/xml", "application/problem+json", "garbage/", "text/*;q=0");

    // ---- targets ------------------------------------------------------------------------------------------------

    /** One request to send. */
    private record Hostile(String method, String path, String query, String contentType, String accept,
                           String ifMatch, String body, String token) {

        @Override
        public String toString() {
            return method + " " + path + (query.isEmpty() ? "" : "?" + query) + " [Content-Type: " + contentType
                    + ", Accept: " + accept + (ifMatch == null ? "" : ", If-Match: " + ifMatch) + "] "
                    + (body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }

    private static final Map<String, Object> INDICATOR = Map.of("code", "hostile.valid", "name", "恶意测试",
            "numerator", "issues(status = CLOSED)", "denominator", "issues()", "factor", 100, "unit", "%",
            "decimals", 1);
    private static final Map<String, Object> START = Map.of("source", "topic", "autoSwitch", false, "note", "x");
    private static final Map<String, Object> SWITCH = Map.of("acceptDifferences", true);
    private static final Map<String, Object> SKIP = Map.of("reason", "lost upstream");
    private static final Map<String, Object> NEXT_STEPS = Map.of("text", "持续抓好后续整改。");
    private static final List<String> READ_PARAMETERS = List.of("inspection", "staleDays", "asOf", "basis", "by",
            "key", "measure", "indicator", "version", "limit", "minLagDays", "retired", "format", "inspectionId");

    /** A path segment: hostile, percent-encoded so it reaches the operation, or a number that exists nowhere. */
    private static Arbitrary<String> segment(Set<String> taken) {
        return Arbitraries.oneOf(text(), Arbitraries.longs().map(String::valueOf))
                .filter(s -> !taken.contains(s.strip()) && !isSmallNumber(s))
                .map(HostileInputTest::encodeSegment);
    }

    /** Generations and replays that exist are 1, 2, 3 …: dropping or cancelling them is no hostile input. */
    private static boolean isSmallNumber(String text) {
        try {
            long value = Long.parseLong(text.strip());
            return value > -10 && value < 100_000;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String encodeSegment(String text) {
        String encoded = URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
        return encoded.isEmpty() ? "%20" : encoded;
    }

    private Arbitrary<Hostile> requests(Set<String> codes) {
        Arbitrary<String> contentType = Arbitraries.of(CONTENT_TYPES);
        Arbitrary<String> accept = Arbitraries.of(ACCEPTS);
        Arbitrary<String> ifMatch = Arbitraries.oneOf(Arbitraries.just(null), text(),
                Arbitraries.of("\"1\"", "W/\"2\"", "*", "\"99999999999\""));
        Arbitrary<String> code = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, Arbitraries.just("hostile.own")),
                net.jqwik.api.Tuple.of(3, segment(codes)));
        Arbitrary<String> noQuery = Arbitraries.just("");
        List<Arbitrary<Hostile>> writes = List.of(
                request("POST", Arbitraries.just("/api/indicators"), noQuery, contentType, accept, ifMatch,
                        body(INDICATOR), office),
                request("PUT", code.map(c -> "/api/indicators/" + c), noQuery, contentType, accept, ifMatch,
                        body(INDICATOR), office),
                request("DELETE", segment(codes).map(c -> "/api/indicators/" + c), noQuery, contentType, accept,
                        ifMatch, Arbitraries.just(null), office),
                request("POST", Arbitraries.just("/api/admin/replays"), noQuery, contentType, accept, ifMatch,
                        body(START), operator),
                request("POST", segment(Set.of()).map(i -> "/api/admin/replays/" + i + "/compare"), noQuery,
                        contentType, accept, ifMatch, Arbitraries.just(""), operator),
                request("POST", segment(Set.of()).map(i -> "/api/admin/replays/" + i + "/switch"),
                        query(List.of("acceptDifferences")), contentType, accept, ifMatch, body(SWITCH), operator),
                request("POST", segment(Set.of()).map(i -> "/api/admin/replays/" + i + "/cancel"), noQuery,
                        contentType, accept, ifMatch, Arbitraries.just(""), operator),
                request("DELETE", segment(Set.of()).map(n -> "/api/admin/generations/" + n), noQuery, contentType,
                        accept, ifMatch, Arbitraries.just(null), operator),
                request("POST", segment(Set.of()).map(a -> "/api/intake/gaps/" + a + "/skip"), noQuery, contentType,
                        accept, ifMatch, body(SKIP), operator),
                request("POST", segment(Set.of()).map(a -> "/api/intake/conflicts/" + a + "/dismiss"), noQuery,
                        contentType, accept, ifMatch, body(SKIP), operator),
                request("PUT", segment(Set.of()).map(i -> "/api/bulletins/" + i + "/next-steps"), noQuery,
                        contentType, accept, ifMatch, body(NEXT_STEPS), office));
        Arbitrary<String> readPath = Arbitraries.of("/api/reports/summary", "/api/reports/breakdown",
                "/api/reports/drill", "/api/reports/backdated", "/api/reports/inspections", "/api/indicators",
                "/api/indicators/investment.completed", "/api/indicators/issue.completion_rate/values",
                "/api/indicators/investment.completed/values", "/api/indicators/loan.npl_ratio/versions",
                "/api/metrics", "/api/intake/status", "/api/intake/dead-letters", "/api/intake/conflicts",
                "/api/admin/replays", "/api/admin/generations", "/api/bulletins/" + UUID.randomUUID(),
                "/api/bulletins/" + UUID.randomUUID() + "/next-steps", "/api/bulletins/not-an-inspection",
                "/api/reports/ledger.xlsx", "/api/reports/statistics.xlsx");
        Arbitrary<String> readToken = Arbitraries.of(office, unit);
        Arbitrary<Hostile> reads = Combinators.combine(readPath, query(READ_PARAMETERS), accept, readToken)
                .as((path, q, a, token) -> new Hostile("GET", path, q, null, a, null, null,
                        path.startsWith("/api/intake") || path.startsWith("/api/admin") ? operator : token));
        List<net.jqwik.api.Tuple.Tuple2<Integer, Arbitrary<Hostile>>> all = new ArrayList<>();
        writes.forEach(w -> all.add(net.jqwik.api.Tuple.of(2, w)));
        all.add(net.jqwik.api.Tuple.of(9, reads));
        return Arbitraries.frequencyOf(all.toArray(net.jqwik.api.Tuple.Tuple2[]::new));
    }

    private static Arbitrary<Hostile> request(String method, Arbitrary<String> path, Arbitrary<String> query,
                                              Arbitrary<String> contentType, Arbitrary<String> accept,
                                              Arbitrary<String> ifMatch, Arbitrary<String> body, String token) {
        return Combinators.combine(path, query, contentType, accept, ifMatch, body)
                .as((p, q, c, a, i, b) -> new Hostile(method, p, q, b == null ? null : c, a, i, b, token));
    }

    // ---- the test -------------------------------------------------------------------------------------------------

    @Test
    void shouldNeverFailOnHostileInputAndChangeNothingWhenRefusing() throws Exception {
        Set<String> codesBefore = codes();
        Api.given().contentType("application/json").body(write(Map.of("code", "hostile.own", "name", "恶意测试自有",
                "numerator", "issues()"))).post("/api/indicators");
        // a jqwik session gives the generators the lifecycle a @Property would (this test runs in Quarkus' JUnit)
        JqwikSession.start(String.valueOf(SEED));
        try {
            hostileRequests(codesBefore);
        } finally {
            JqwikSession.finish();
            retireCreatedSince(codesBefore);
        }
    }

    private void hostileRequests(Set<String> codesBefore) throws Exception {
        var generator = requests(codesBefore).generator(GEN_SIZE);
        Random random = new Random(SEED);
        List<String> wrong = new ArrayList<>();
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        long started = System.nanoTime();
        String stored = StoredState.of(dataSource);
        for (int i = 0; i < REQUESTS; i++) {
            Hostile request = generator.next(random).value();
            HttpResponse<String> response;
            try {
                response = send(request);
            } catch (IllegalArgumentException refusedByTheClient) {
                // the JDK client will not send some of what was generated (a header value with a line break)
                continue;
            }
            int status = response.statusCode();
            statuses.merge(status, 1, Integer::sum);
            String after = StoredState.of(dataSource);
            if (status >= 500) {
                wrong.add(status + " for " + request + ": " + response.body());
            } else if (status >= 400) {
                String problem = problem(response, status);
                if (problem != null) {
                    wrong.add(problem + " for " + request + ": " + response.body());
                }
                if (!after.equals(stored)) {
                    wrong.add(status + " changed what is stored (" + stored + " → " + after + ") for " + request);
                }
            } else if (request.path().equals("/api/admin/replays") && request.method().equals("POST")) {
                // a replay that did start is cancelled, so that the next ones meet a quiet service
                long id = JSON.readTree(response.body()).path("id").asLong();
                Api.given().post("/api/admin/replays/" + id + "/cancel").then().statusCode(200);
                after = StoredState.of(dataSource);
            }
            stored = after;
            if (wrong.size() > 20) {
                break;
            }
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        assertThat(wrong).as("seed %d: requests answered wrongly", SEED).isEmpty();
        assertThat(statuses.values().stream().mapToInt(Integer::intValue).sum()).isGreaterThanOrEqualTo(2_000);
        assertThat(statuses.keySet()).as("statuses seen %s in %d s", statuses, seconds).contains(200, 400);
        System.out.printf("HostileInputTest: %s in %d s (seed %d)%n", statuses, seconds, SEED);
    }

    /** Null when the response is a problem naming the offending field, else what is wrong with it. */
    private static String problem(HttpResponse<String> response, int status) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith(Problem.MEDIA_TYPE)) {
            return status + " is " + type + ", not a problem";
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(response.body());
        } catch (Exception e) {
            return status + " is no JSON";
        }
        if (problem.path("status").asInt() != status || !problem.path("type").isTextual()) {
            return status + " is a problem without its status or type";
        }
        boolean fieldExpected = Set.of(400, 413, 415, 422).contains(status);
        if (fieldExpected && !problem.path("errors").path(0).path("field").isTextual()) {
            return status + " names no field";
        }
        return null;
    }

    private HttpResponse<String> send(Hostile request) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "")
                        + request.path() + (request.query().isEmpty() ? "" : "?" + request.query())))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + request.token())
                .header("Accept", request.accept());
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        if (request.ifMatch() != null) {
            builder.header("If-Match", request.ifMatch());
        }
        HttpRequest.BodyPublisher body = request.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(request.body());
        return http.send(builder.method(request.method(), body).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static Set<String> codes() {
        return Set.copyOf(Api.given().queryParam("retired", "true").get("/api/indicators").then().statusCode(200)
                .extract().jsonPath().getList("code", String.class));
    }

    /** Definitions the generated requests made (valid ones happen) leave the other tests' lists. */
    private static void retireCreatedSince(Set<String> before) {
        for (String code : codes().stream().filter(c -> !before.contains(c)).collect(Collectors.toList())) {
            Api.given().delete("/api/indicators/" + encodeSegment(code));
        }
    }
}
