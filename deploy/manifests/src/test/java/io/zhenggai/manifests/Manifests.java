package io.zhenggai.manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The deployment files under deploy/, parsed: YAML documents with the file each came from. */
final class Manifests {

    static final Path ROOT = Path.of(System.getProperty("zhenggai.root", "../..")).toAbsolutePath().normalize();
    static final Path COMPOSE = ROOT.resolve("deploy/compose");
    static final Path KUBERNETES = ROOT.resolve("deploy/kubernetes");
    static final Path OBSERVABILITY = ROOT.resolve("deploy/observability");

    /** One YAML document of a file. */
    record Document(Path file, Map<String, Object> content) {

        String kind() {
            return (String) content.get("kind");
        }

        String name() {
            return (String) map(content, "metadata").get("name");
        }

        @Override
        public String toString() {
            return ROOT.relativize(file) + " " + kind() + "/" + name();
        }
    }

    private Manifests() {
    }

    static List<Path> yamlFiles(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Document> documents(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false); // a key given twice is a mistake in a manifest, not an override
        try {
            List<Document> documents = new ArrayList<>();
            for (Object document : new Yaml(options).loadAll(Files.readString(file))) {
                if (document != null) {
                    documents.add(new Document(file, (Map<String, Object>) document));
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Document> documentsUnder(Path directory) {
        return yamlFiles(directory).stream().flatMap(f -> documents(f).stream()).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    /** A value at a path of keys, e.g. {@code at(doc, "spec", "template", "spec")}; empty map when absent. */
    static Map<String, Object> at(Map<String, Object> root, String... keys) {
        Map<String, Object> current = root;
        for (String key : keys) {
            current = map(current, key);
        }
        return current;
    }
}
