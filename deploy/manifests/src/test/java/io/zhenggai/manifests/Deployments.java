package io.zhenggai.manifests;

import static io.zhenggai.manifests.Manifests.at;
import static io.zhenggai.manifests.Manifests.list;
import static io.zhenggai.manifests.Manifests.map;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment each deployment file gives each service: compose services (environment and env files, the latter
 * read from secrets.example, the committed template of the secrets) and Kubernetes containers (env, and envFrom
 * ConfigMaps). Values from a secret are marked as such.
 */
final class Deployments {

    static final List<String> SERVICES = List.of("issue-service", "report-service");

    /** A variable a deployment sets for a service, where, and whether from a secret (file or Secret). */
    record Setting(String variable, String value, boolean fromSecret, String where) {
    }

    /** One service instance as a deployment describes it. */
    record Instance(String service, String where, Map<String, Setting> env) {
    }

    private Deployments() {
    }

    static List<Instance> all() {
        List<Instance> all = new java.util.ArrayList<>(compose());
        all.addAll(kubernetes(Manifests.KUBERNETES.resolve("base")));
        return all;
    }

    static Map<String, Object> composeFile() {
        return Manifests.documents(Manifests.COMPOSE.resolve("compose.yaml")).get(0).content();
    }

    static String serviceOf(String composeName) {
        return SERVICES.stream().filter(composeName::startsWith).findFirst().orElse(null);
    }

    static List<Instance> compose() {
        List<Instance> instances = new java.util.ArrayList<>();
        map(composeFile(), "services").forEach((name, definition) -> {
            String service = serviceOf(name);
            if (service == null) {
                return;
            }
            @SuppressWarnings("unchecked") Map<String, Object> spec = (Map<String, Object>) definition;
            Map<String, Setting> env = new LinkedHashMap<>();
            String where = "compose " + name;
            for (Object file : envFiles(spec)) {
                Path template = Manifests.COMPOSE.resolve(file.toString().replace("secrets/", "secrets.example/"));
                for (String line : read(template)) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        String[] pair = line.split("=", 2);
                        env.put(pair[0], new Setting(pair[0], pair[1], true, where + " " + file));
                    }
                }
            }
            map(spec, "environment").forEach((variable, value) ->
                    env.put(variable, new Setting(variable, String.valueOf(value), false, where)));
            instances.add(new Instance(service, where, env));
        });
        return instances;
    }

    @SuppressWarnings("unchecked")
    static List<Object> envFiles(Map<String, Object> spec) {
        Object files = spec.get("env_file");
        return files == null ? List.of() : files instanceof List ? (List<Object>) files : List.of(files);
    }

    private static List<String> read(Path file) {
        try {
            return java.nio.file.Files.readAllLines(file);
        } catch (java.io.IOException e) {
            throw new AssertionError(file + " is missing: every env_file of compose.yaml has a template", e);
        }
    }

    static List<Instance> kubernetes(Path directory) {
        List<Manifests.Document> documents = Manifests.documentsUnder(directory);
        Map<String, Map<String, Object>> configMaps = new LinkedHashMap<>();
        documents.stream().filter(d -> "ConfigMap".equals(d.kind()))
                .forEach(d -> configMaps.put(d.name(), map(d.content(), "data")));
        List<Instance> instances = new java.util.ArrayList<>();
        for (Manifests.Document deployment : documents.stream().filter(d -> "Deployment".equals(d.kind())).toList()) {
            for (Map<String, Object> container : list(at(deployment.content(), "spec", "template", "spec"),
                    "containers")) {
                String where = deployment.toString();
                Map<String, Setting> env = new LinkedHashMap<>();
                for (Map<String, Object> from : list(container, "envFrom")) {
                    String name = (String) map(from, "configMapRef").get("name");
                    Map<String, Object> data = configMaps.get(name);
                    if (data == null) {
                        throw new AssertionError(where + " reads ConfigMap " + name + ", which is not in " + directory);
                    }
                    data.forEach((k, v) -> env.put(k, new Setting(k, String.valueOf(v), false,
                            where + " ConfigMap " + name)));
                }
                for (Map<String, Object> variable : list(container, "env")) {
                    String name = (String) variable.get("name");
                    boolean secret = !at(variable, "valueFrom", "secretKeyRef").isEmpty();
                    env.put(name, new Setting(name, String.valueOf(variable.get("value")), secret, where));
                }
                instances.add(new Instance((String) container.get("name"), where, env));
            }
        }
        return instances;
    }
}
