package io.zhenggai.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;

/**
 * Every metric a Grafana panel (deploy/observability/grafana/dashboards) or a Prometheus alert rule
 * (deploy/observability/prometheus/alerts.yml) queries is one the packaged services expose at {@code /q/metrics},
 * and by the service its {@code job} label names: no panel shows "No data" for a metric that does not exist.
 */
class DashboardMetricsIT {

    private static final Path OBSERVABILITY = RunningSystem.root().resolve("deploy/observability");
    /** Series Prometheus makes itself, not the services. */
    private static final Set<String> PROMETHEUS_OWN = Set.of("up", "ALERTS", "ALERTS_FOR_STATE");

    @Test
    void shouldExposeEveryMetricThatADashboardOrAnAlertQueries() throws IOException {
        RunningSystem system = RunningSystem.get();
        // a write, so that the request timers and the relay's latency have samples, carried through to the intake
        String id = given().baseUri(system.issueService.baseUrl()).contentType(ContentType.JSON)
                .auth().oauth2(RunningSystem.token("e2e-office", "office"))
                .body("""
                        {"team": "市委第五巡察组", "targetUnit": "仪表盘-%s", "kinds": ["ROUTINE"],
                         "feedbackDate": "2022-12-07", "declared": {"aspects": 1, "categories": 1},
                         "lists": [{"key": "main", "title": "市委巡察组反馈意见", "aspects": [
                           {"numbering": "（一）", "title": "关于党的建设方面",
                            "categories": [{"numbering": "1.", "title": "学习贯彻不够深入"}]}]}]}
                        """.formatted(UUID.randomUUID()))
                .when().post("/api/inspections")
                .then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                RunningSystem.asOperator(system.reportService.baseUrl()).when().get("/api/reports/inspections")
                        .then().statusCode(200).body("id", hasItem(id)));

        List<Selector> queried = queried();
        assertThat(queried).as("selectors found in the dashboards and rules").hasSizeGreaterThan(30);
        Map<String, String> services = Map.of("issue-service", system.issueService.baseUrl(),
                "report-service", system.reportService.baseUrl());
        // meters registered on first use (a partition's lag once the intake holds it) may need a moment
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Map<String, Set<String>> exposed = Map.of(
                    "issue-service", exposed(services.get("issue-service")),
                    "report-service", exposed(services.get("report-service")));
            List<String> missing = new ArrayList<>();
            for (Selector selector : queried) {
                for (String job : selector.jobs(services.keySet())) {
                    if (!exposed.get(job).contains(selector.metric())) {
                        missing.add(job + " lacks " + selector.metric() + " (" + selector.source() + ")");
                    }
                }
            }
            assertThat(missing).as("metrics queried but not exposed").isEmpty();
        });
    }

    @Test
    void shouldFindTheMetricsAndJobsOfAQuery() {
        List<Selector> found = selectors("histogram_quantile(0.95, sum by (job, uri, le) (rate("
                + "http_server_requests_seconds_bucket{job=~\"issue-service|report-service\", uri!~\"/q/.*\"}"
                + "[$__rate_interval]))) / on (job) group_left max(zhenggai_relay_unpublished{job=\"issue-service\"}) "
                + "and up == 0", "test");
        assertThat(found).extracting(Selector::metric)
                .containsExactly("http_server_requests_seconds_bucket", "zhenggai_relay_unpublished");
        assertThat(found.get(0).jobs(Set.of("issue-service", "report-service")))
                .containsExactlyInAnyOrder("issue-service", "report-service");
        assertThat(found.get(1).jobs(Set.of("issue-service", "report-service"))).containsExactly("issue-service");
    }

    /** A metric in a query, with the jobs its selector names (by = or =~), and where it was found. */
    record Selector(String metric, String jobMatcher, String source) {

        Set<String> jobs(Set<String> all) {
            if (jobMatcher == null) {
                return all; // no job named: some service must have it, both are checked
            }
            Pattern jobs = Pattern.compile(jobMatcher);
            Set<String> named = new TreeSet<>();
            all.stream().filter(job -> jobs.matcher(job).matches()).forEach(named::add);
            return named;
        }
    }

    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(\\{[^}]*})?");
    private static final Pattern CLAUSE = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern JOB = Pattern.compile("\\bjob\\s*=(~?)\\s*\"([^\"]*)\"");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "group_left",
            "group_right", "by", "without", "on", "ignoring", "inf", "nan");

    static List<Selector> selectors(String expression, String source) {
        String query = CLAUSE.matcher(expression).replaceAll(" ").replaceAll("\\[[^]]*]", " ");
        List<Selector> found = new ArrayList<>();
        Matcher matcher = SELECTOR.matcher(query);
        while (matcher.find()) {
            String name = matcher.group(1);
            int after = matcher.end();
            while (after < query.length() && Character.isWhitespace(query.charAt(after))) {
                after++;
            }
            boolean function = matcher.group(2) == null && after < query.length() && query.charAt(after) == '(';
            if (function || KEYWORDS.contains(name.toLowerCase()) || PROMETHEUS_OWN.contains(name)
                    || (matcher.start() > 0 && query.charAt(matcher.start() - 1) == '$')) {
                continue;
            }
            String jobs = null;
            if (matcher.group(2) != null) {
                Matcher job = JOB.matcher(matcher.group(2));
                if (job.find()) {
                    jobs = job.group(1).isEmpty() ? Pattern.quote(job.group(2)) : job.group(2);
                }
            }
            found.add(new Selector(name, jobs, source));
        }
        return found;
    }

    private static List<Selector> queried() throws IOException {
        List<Selector> all = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(OBSERVABILITY.resolve("grafana/dashboards"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                for (JsonNode expr : json.readTree(file.toFile()).findValues("expr")) {
                    all.addAll(selectors(expr.asText(), file.getFileName() + ": " + expr.asText()));
                }
            }
        }
        Map<String, Object> rules = new Yaml().load(Files.readString(OBSERVABILITY.resolve("prometheus/alerts.yml")));
        for (Object group : (List<?>) rules.get("groups")) {
            for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
                Map<?, ?> r = (Map<?, ?>) rule;
                all.addAll(selectors(String.valueOf(r.get("expr")), "alerts.yml " + r.get("alert")));
            }
        }
        return all;
    }

    /** The names of the series a service exposes (histograms' _bucket, _count and _sum included). */
    private static Set<String> exposed(String baseUrl) {
        String text = given().baseUri(baseUrl).get("/q/metrics").then().statusCode(200).extract().asString();
        Set<String> names = new LinkedHashSet<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }
}
