package io.zhenggai.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Every configuration key the services read is set or defaulted, and what the deployments set is read: an env
 * variable in compose.yaml or deploy/kubernetes that no service understands is a typo that would go unnoticed.
 */
class ConfigKeysTest {

    private static final Map<String, ServiceConfig> CONFIG = Map.of(
            "issue-service", new ServiceConfig("issue-service"),
            "report-service", new ServiceConfig("report-service"));
    /** Defaults that work only on the developer's machine: a deployment must set these variables. */
    private static final Pattern LOCAL_ONLY = Pattern.compile("^$|127\\.0\\.0\\.1|localhost|\\.local-data");
    /** Variables of the runtime, not of the services' configuration. */
    private static final List<String> RUNTIME = List.of("JAVA_TOOL_OPTIONS");

    @Test
    void shouldCollectTheKeysTheServicesRead() {
        // the collection itself: a parser that found nothing would make every check below pass
        assertThat(CONFIG.get("issue-service").keys).containsKeys("kafka.bootstrap.servers",
                "zhenggai.metrics.allowed-networks", "zhenggai.reminders.every", "zhenggai.http.max-json-body");
        assertThat(CONFIG.get("issue-service").keys.get("zhenggai.relay.batch-size").defaulted()).isTrue();
        assertThat(CONFIG.get("report-service").keys).containsKeys("zhenggai.journal.url",
                "zhenggai.journal.oidc.token-url", "zhenggai.web.oidc.issuer", "zhenggai.web.demo-sign-in.enabled");
        assertThat(CONFIG.get("report-service").keys.get("kafka.bootstrap.servers").defaulted()).isFalse();
        assertThat(CONFIG.get("report-service").envRead).contains("ZHENGGAI_JOURNAL_CLIENT_SECRET");
        assertThat(Deployments.all()).extracting(Deployments.Instance::where).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void shouldSetOrDefaultEveryKeyTheServicesRead() {
        List<String> unset = new ArrayList<>();
        for (Deployments.Instance instance : Deployments.all()) {
            ServiceConfig config = CONFIG.get(instance.service());
            for (ServiceConfig.Key key : config.keys.values()) {
                boolean set = key.defaulted() || config.properties.containsKey(key.name())
                        || instance.env().containsKey(ServiceConfig.envName(key.name()));
                if (!set) {
                    unset.add(instance.where() + ": " + key.name() + " (" + key.where() + ")");
                }
            }
        }
        assertThat(unset).as("keys read without a default, a property or a variable").isEmpty();
    }

    @Test
    void shouldSetEveryVariableWhoseDefaultOnlyWorksLocally() {
        List<String> missing = new ArrayList<>();
        for (Deployments.Instance instance : Deployments.all()) {
            for (ServiceConfig.EnvReference reference : CONFIG.get(instance.service()).envReferences) {
                String fallback = reference.fallback() == null ? "" : reference.fallback();
                if (LOCAL_ONLY.matcher(fallback).find() && !instance.env().containsKey(reference.variable())) {
                    missing.add(instance.where() + ": " + reference.variable() + " (" + reference.property()
                            + ", local default '" + fallback + "')");
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void shouldSetOnlyVariablesTheServicesRead() {
        List<String> unknown = new ArrayList<>();
        for (Deployments.Instance instance : Deployments.all()) {
            ServiceConfig config = CONFIG.get(instance.service());
            for (Deployments.Setting setting : instance.env().values()) {
                if (RUNTIME.contains(setting.variable())) {
                    continue;
                }
                // a shared ConfigMap carries both services' settings: one of them must read each
                boolean shared = setting.where().contains("ConfigMap");
                boolean understood = shared ? CONFIG.values().stream().anyMatch(c -> c.understands(setting.variable()))
                        : config.understands(setting.variable());
                if (!understood) {
                    unknown.add(setting.where() + ": " + setting.variable());
                }
            }
        }
        assertThat(unknown).as("variables no service reads").isEmpty();
    }
}
