package io.zhenggai.manifests;

import static io.zhenggai.manifests.Manifests.at;
import static io.zhenggai.manifests.Manifests.list;
import static io.zhenggai.manifests.Manifests.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.zhenggai.local.Topics;

/**
 * deploy/kubernetes: Deployments with probes, resources, Services and PodDisruptionBudgets for both services; the
 * Strimzi Kafka in KRaft with three brokers; the topics as the local run creates them; no secret in the files; the
 * overlays patch what the base has.
 */
class KubernetesTest {

    private static final List<Manifests.Document> BASE = Manifests.documentsUnder(Manifests.KUBERNETES.resolve("base"));
    private static final Map<String, Integer> PORTS = Map.of("issue-service", 8080, "report-service", 8090);

    private static Manifests.Document find(List<Manifests.Document> documents, String kind, String name) {
        return documents.stream().filter(d -> kind.equals(d.kind()) && name.equals(d.name())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + "/" + name));
    }

    @Test
    void shouldListEveryFileOfTheBaseInItsKustomization() {
        Path base = Manifests.KUBERNETES.resolve("base");
        List<String> resources = ComposeTest.stringList(Manifests.documents(base.resolve("kustomization.yaml"))
                .get(0).content().get("resources"));
        Set<String> files = Manifests.yamlFiles(base).stream().map(f -> base.relativize(f).toString())
                .filter(f -> !f.equals("kustomization.yaml")).collect(Collectors.toSet());
        assertThat(resources).containsExactlyInAnyOrderElementsOf(files);
    }

    @Test
    void shouldProbeEachServiceOnItsHealthEndpoints() {
        for (String service : Deployments.SERVICES) {
            Map<String, Object> deployment = find(BASE, "Deployment", service).content();
            Map<String, Object> container = list(at(deployment, "spec", "template", "spec"), "containers").get(0);
            assertThat(container.get("image")).isEqualTo("zhenggai/" + service + ":1.0.0-SNAPSHOT");
            Map<String, Object> port = list(container, "ports").get(0);
            assertThat(port).containsEntry("containerPort", PORTS.get(service)).containsEntry("name", "http");
            Map<String, String> probes = Map.of("startupProbe", "/q/health/started",
                    "readinessProbe", "/q/health/ready", "livenessProbe", "/q/health/live");
            probes.forEach((probe, path) -> assertThat(at(container, probe, "httpGet"))
                    .as(service + " " + probe).containsEntry("path", path).containsEntry("port", "http"));
            assertThat(at(container, "resources", "requests")).containsKeys("cpu", "memory");
            assertThat(at(container, "resources", "limits")).containsKey("memory");
            assertThat(at(deployment, "spec", "template", "metadata", "annotations"))
                    .containsEntry("prometheus.io/path", "/q/metrics")
                    .containsEntry("prometheus.io/port", String.valueOf(PORTS.get(service)));

            Map<String, Object> labels = at(deployment, "spec", "selector", "matchLabels");
            assertThat(at(deployment, "spec", "template", "metadata", "labels")).containsAllEntriesOf(labels);
            Map<String, Object> svc = find(BASE, "Service", service).content();
            assertThat(at(svc, "spec", "selector")).isEqualTo(labels);
            assertThat(list(map(svc, "spec"), "ports")).as(service + " Service port")
                    .anyMatch(p -> PORTS.get(service).equals(p.get("port")) && "http".equals(p.get("targetPort")));
            Map<String, Object> pdb = find(BASE, "PodDisruptionBudget", service).content();
            assertThat(at(pdb, "spec", "selector", "matchLabels")).isEqualTo(labels);
        }
    }

    @Test
    void shouldKeepSecretsInSecretsNotInTheFiles() {
        List<Manifests.Document> all = Manifests.documentsUnder(Manifests.KUBERNETES);
        assertThat(all).filteredOn(d -> "Secret".equals(d.kind())).as("Secrets committed").isEmpty();
        for (Manifests.Document configMap : all.stream().filter(d -> "ConfigMap".equals(d.kind())).toList()) {
            assertThat(map(configMap.content(), "data").keySet()).as(configMap.toString())
                    .noneMatch(k -> ComposeTest.SECRET_NAME.matcher(k).find());
        }
        List<Deployments.Instance> instances = Deployments.kubernetes(Manifests.KUBERNETES.resolve("base"));
        assertThat(instances).extracting(Deployments.Instance::service)
                .containsExactlyInAnyOrderElementsOf(Deployments.SERVICES);
        for (Deployments.Instance instance : instances) {
            instance.env().values().stream().filter(s -> ComposeTest.SECRET_NAME.matcher(s.variable()).find())
                    .forEach(s -> assertThat(s.fromSecret()).as(s.where() + " " + s.variable()).isTrue());
            assertThat(instance.env()).containsKey("ZHENGGAI_DB_PASSWORD");
        }
    }

    @Test
    void shouldRunAKraftKafkaOfThreeBrokersReplicatingThreeTimes() {
        Map<String, Object> kafka = find(BASE, "Kafka", "zhenggai").content();
        assertThat(at(kafka, "metadata", "annotations")).containsEntry("strimzi.io/node-pools", "enabled")
                .containsEntry("strimzi.io/kraft", "enabled");
        assertThat(at(kafka, "spec", "kafka").get("version")).isEqualTo("4.1.2");
        assertThat(at(kafka, "spec", "kafka", "config")).containsEntry("default.replication.factor", 3)
                .containsEntry("min.insync.replicas", 2).containsEntry("offsets.topic.replication.factor", 3)
                .containsEntry("auto.create.topics.enable", false);
        assertThat((int) at(kafka, "spec", "kafka", "config").get("replica.fetch.max.bytes"))
                .isGreaterThanOrEqualTo(Topics.DLQ_MAX_MESSAGE_BYTES);
        Map<String, Object> pool = find(BASE, "KafkaNodePool", "dual-role").content();
        assertThat(at(pool, "metadata", "labels")).containsEntry("strimzi.io/cluster", "zhenggai");
        assertThat(map(pool, "spec").get("replicas")).isEqualTo(3);
        assertThat(ComposeTest.stringList(map(pool, "spec").get("roles"))).containsExactlyInAnyOrder("controller",
                "broker");
        assertThat(Deployments.kubernetes(Manifests.KUBERNETES.resolve("base")).get(0).env().get("ZHENGGAI_KAFKA")
                .value()).startsWith("zhenggai-kafka-bootstrap:");
    }

    @Test
    void shouldCreateTheTopicsAsTheLocalRunDoes() {
        Map<String, Object> events = find(BASE, "KafkaTopic", Topics.EVENTS).content();
        assertThat(map(events, "spec")).containsEntry("partitions", Topics.DEFAULT_PARTITIONS)
                .containsEntry("replicas", 3);
        assertThat(at(events, "spec", "config")).containsEntry("retention.ms", -1)
                .containsEntry("retention.bytes", -1).containsEntry("min.insync.replicas", 2)
                .containsEntry("max.message.bytes", Topics.MAX_MESSAGE_BYTES);
        Map<String, Object> dlq = find(BASE, "KafkaTopic", Topics.DLQ).content();
        assertThat(map(dlq, "spec")).containsEntry("replicas", 3);
        assertThat(at(dlq, "spec", "config")).containsEntry("retention.ms", -1)
                .containsEntry("max.message.bytes", Topics.DLQ_MAX_MESSAGE_BYTES);
        for (Manifests.Document topic : List.of(find(BASE, "KafkaTopic", Topics.EVENTS),
                find(BASE, "KafkaTopic", Topics.DLQ))) {
            assertThat(at(topic.content(), "metadata", "labels")).containsEntry("strimzi.io/cluster", "zhenggai");
        }
    }

    @Test
    void shouldPatchOnlyWhatTheBaseHasAndNeverRunMoreReportServicesThanPartitions() {
        for (String overlay : List.of("small", "large")) {
            Path directory = Manifests.KUBERNETES.resolve("overlays").resolve(overlay);
            Map<String, Object> kustomization = Manifests.documents(directory.resolve("kustomization.yaml")).get(0)
                    .content();
            assertThat(ComposeTest.stringList(kustomization.get("resources"))).containsExactly("../../base");
            for (Map<String, Object> patch : list(kustomization, "patches")) {
                for (Manifests.Document document : Manifests.documents(directory.resolve((String) patch.get("path")))) {
                    find(BASE, document.kind(), document.name()); // throws if the base has no such resource
                }
            }
            for (Map<String, Object> replicas : list(kustomization, "replicas")) {
                find(BASE, "Deployment", (String) replicas.get("name"));
                if ("report-service".equals(replicas.get("name"))) {
                    assertThat((int) replicas.get("count")).as(overlay)
                            .isBetween(1, Topics.DEFAULT_PARTITIONS);
                }
            }
        }
    }
}
