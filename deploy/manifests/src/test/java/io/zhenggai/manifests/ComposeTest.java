package io.zhenggai.manifests;

import static io.zhenggai.manifests.Manifests.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.zhenggai.local.Topics;

/** deploy/compose/compose.yaml: images, the KRaft cluster, topics, probes, ports, secrets and Prometheus' targets. */
class ComposeTest {

    private static final Map<String, Object> COMPOSE = Deployments.composeFile();
    private static final Map<String, Object> SERVICES = map(COMPOSE, "services");
    static final Pattern SECRET_NAME = Pattern.compile("PASSWORD|SECRET|PRIVATE");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) {
        assertThat(SERVICES).containsKey(name);
        return (Map<String, Object>) SERVICES.get(name);
    }

    @Test
    void shouldRunEveryPart() {
        assertThat(SERVICES).containsKeys("kafka-1", "kafka-2", "kafka-3", "postgres", "keycloak", "issue-service",
                "report-service-1", "report-service-2", "prometheus", "grafana");
        for (String name : List.of("issue-service", "report-service-1", "report-service-2")) {
            assertThat(service(name).get("image")).as(name)
                    .isEqualTo("zhenggai/" + Deployments.serviceOf(name) + ":1.0.0-SNAPSHOT");
        }
    }

    @Test
    void shouldRunThreeKraftBrokersOfTheOfficialImageReplicatingThreeTimes() {
        for (int node = 1; node <= 3; node++) {
            Map<String, Object> broker = service("kafka-" + node);
            Map<String, Object> env = map(broker, "environment");
            assertThat(broker.get("image")).isEqualTo("apache/kafka:4.1.2");
            assertThat(env.get("KAFKA_NODE_ID")).isEqualTo(String.valueOf(node));
            assertThat(env.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
            assertThat(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS"))
                    .isEqualTo("1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093");
            assertThat(env.get("KAFKA_ADVERTISED_LISTENERS")).isEqualTo("PLAINTEXT://kafka-" + node + ":9092");
            assertThat(env).containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
                    .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
            assertThat(map(broker, "healthcheck")).isNotEmpty();
        }
    }

    @Test
    void shouldCreateTheTopicsAsTheLocalRunDoes() {
        String command = String.join(" ", stringList(service("topics").get("command")));
        Map<String, String> events = topic(command, Topics.EVENTS);
        assertThat(events).containsEntry("partitions", String.valueOf(Topics.DEFAULT_PARTITIONS))
                .containsEntry("replication-factor", "3").containsEntry("retention.ms", "-1")
                .containsEntry("retention.bytes", "-1").containsEntry("min.insync.replicas", "2")
                .containsEntry("max.message.bytes", String.valueOf(Topics.MAX_MESSAGE_BYTES));
        Map<String, String> dlq = topic(command, Topics.DLQ);
        assertThat(dlq).containsEntry("replication-factor", "3").containsEntry("retention.ms", "-1")
                .containsEntry("max.message.bytes", String.valueOf(Topics.DLQ_MAX_MESSAGE_BYTES));
        assertThat(Integer.parseInt(map(service("kafka-1"), "environment").get("KAFKA_REPLICA_FETCH_MAX_BYTES")
                .toString())).isGreaterThanOrEqualTo(Topics.DLQ_MAX_MESSAGE_BYTES);
    }

    /** The options and configs of one kafka-topics.sh --create in the command. */
    private static Map<String, String> topic(String command, String name) {
        Matcher create = Pattern.compile("--topic " + Pattern.quote(name) + " (.*?)(&&|$)").matcher(command);
        assertThat(create.find()).as("a kafka-topics.sh --create of " + name).isTrue();
        Map<String, String> options = new java.util.LinkedHashMap<>();
        Matcher option = Pattern.compile("--(config )?([\\w.-]+)[ =]([^ ]+)").matcher(create.group(1));
        while (option.find()) {
            options.put(option.group(2), option.group(3));
        }
        return options;
    }

    @Test
    void shouldCheckReadinessOnTheHealthEndpointOfEachServicesPort() {
        for (String name : List.of("issue-service", "report-service-1", "report-service-2")) {
            int port = name.startsWith("issue") ? 8080 : 8090;
            assertThat(String.join(" ", stringList(map(service(name), "healthcheck").get("test")))).as(name)
                    .contains("http://localhost:" + port + "/q/health/ready");
            assertThat(stringList(service(name).get("ports"))).as(name).anyMatch(p -> p.endsWith(":" + port));
            assertThat(map(service(name), "environment").get("ZHENGGAI_HTTP_HOST")).isEqualTo("0.0.0.0");
        }
    }

    @Test
    void shouldKeepSecretsOutOfTheComposeFile() throws Exception {
        List<String> inlined = new ArrayList<>();
        SERVICES.forEach((name, definition) -> map(asMap(definition), "environment").forEach((variable, value) -> {
            if (SECRET_NAME.matcher(variable).find() && !variable.endsWith("_FILE")) {
                inlined.add(name + ": " + variable);
            }
        }));
        assertThat(inlined).as("secrets set in compose.yaml").isEmpty();
        for (Object definition : SERVICES.values()) {
            for (Object file : Deployments.envFiles(asMap(definition))) {
                assertThat(file.toString()).startsWith("secrets/");
                assertThat(Manifests.COMPOSE.resolve(file.toString().replace("secrets/", "secrets.example/")))
                        .exists();
            }
        }
        map(COMPOSE, "secrets").values().forEach(secret ->
                assertThat(asMap(secret).get("file").toString()).startsWith("secrets/"));
        assertThat(Files.readAllLines(Manifests.ROOT.resolve(".gitignore"))).contains("deploy/compose/secrets/");
    }

    @Test
    void shouldScrapeEveryServiceInstanceOnItsMetricsPath() {
        Map<String, Object> prometheus = Manifests.documents(
                Manifests.OBSERVABILITY.resolve("prometheus/prometheus.yml")).get(0).content();
        List<String> targets = new ArrayList<>();
        for (Map<String, Object> job : Manifests.list(prometheus, "scrape_configs")) {
            assertThat(job.get("metrics_path")).isEqualTo("/q/metrics");
            for (Map<String, Object> config : Manifests.list(job, "static_configs")) {
                for (String target : stringList(config.get("targets"))) {
                    assertThat(Deployments.serviceOf(target)).as(target).isEqualTo(job.get("job_name"));
                    targets.add(target.split(":")[0]);
                }
            }
        }
        assertThat(targets).containsExactlyInAnyOrder("issue-service", "report-service-1", "report-service-2");
        assertThat(stringList(service("prometheus").get("volumes"))).anyMatch(v -> v.contains("alerts.yml"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<String> stringList(Object value) {
        return value instanceof List ? ((List<Object>) value).stream().map(String::valueOf).toList()
                : List.of(String.valueOf(value));
    }
}
