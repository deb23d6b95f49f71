package io.zhenggai.manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The configuration a service reads, collected from its sources: the keys of its {@code @ConfigProperty} fields and
 * {@code @ConfigMapping} interfaces (with whether each has a default), the properties of its
 * {@code application.properties} (outside test profiles) with the environment variables they name, and the
 * environment variables it reads itself.
 */
final class ServiceConfig {

    /** A key the code reads; {@code defaulted} when the code gives a default or the value is optional. */
    record Key(String name, boolean defaulted, String where) {
    }

    /** {@code ${NAME:default}} or {@code ${NAME}} in a property value. */
    record EnvReference(String property, String variable, String fallback) {
    }

    final String service;
    final Map<String, Key> keys = new LinkedHashMap<>();
    final Map<String, String> properties = new LinkedHashMap<>();
    final List<EnvReference> envReferences = new java.util.ArrayList<>();
    final Set<String> envRead = new LinkedHashSet<>();

    private static final Pattern CONFIG_PROPERTY = Pattern.compile(
            "@ConfigProperty\\(\\s*name\\s*=\\s*\"([^\"]+)\"\\s*(,\\s*defaultValue\\s*=)?");
    private static final Pattern MAPPING = Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern INTERFACE = Pattern.compile("\\binterface\\s+(\\w+)\\s*\\{");
    private static final Pattern METHOD = Pattern.compile(
            "((?:@\\w+(?:\\([^)]*\\))?\\s*)*)([\\w.]+(?:<[^;{}()]*>)?)\\s+(\\w+)\\(\\)\\s*;");
    private static final Pattern ENV = Pattern.compile("System\\.getenv\\(\"([A-Z0-9_]+)\"\\)");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::([^}]*))?}");

    ServiceConfig(String service) {
        this.service = service;
        Path module = Manifests.ROOT.resolve(service);
        try (Stream<Path> sources = Files.walk(module.resolve("src/main/java"))) {
            for (Path source : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
                read(Files.readString(source), module.relativize(source).toString());
            }
            readProperties(Files.readAllLines(module.resolve("src/main/resources/application.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void read(String java, String where) {
        Matcher property = CONFIG_PROPERTY.matcher(java);
        while (property.find()) {
            add(new Key(property.group(1), property.group(2) != null, where));
        }
        Matcher env = ENV.matcher(java);
        while (env.find()) {
            envRead.add(env.group(1));
        }
        Matcher mapping = MAPPING.matcher(java);
        while (mapping.find()) {
            int body = java.indexOf('{', mapping.end());
            readGroup(java, body, mapping.group(1), where);
        }
    }

    /** The methods of the interface whose body opens at {@code open}; nested group interfaces recursively. */
    private void readGroup(String java, int open, String prefix, String where) {
        String body = java.substring(open + 1, closing(java, open));
        // nested interfaces are read where a method returns them; blank them out of this level
        StringBuilder level = new StringBuilder(body);
        Matcher nested = INTERFACE.matcher(body);
        Map<String, Integer> groups = new LinkedHashMap<>();
        while (nested.find()) {
            int start = nested.end() - 1;
            int end = closing(body, start);
            groups.put(nested.group(1), open + 1 + start);
            for (int i = nested.start(); i <= end; i++) {
                level.setCharAt(i, ' ');
            }
        }
        String withoutComments = level.toString().replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\n]*", " ");
        Matcher method = METHOD.matcher(withoutComments);
        while (method.find()) {
            String annotations = method.group(1);
            String type = method.group(2);
            String key = prefix + "." + kebab(method.group(3));
            if (annotations.contains("@WithName")) {
                key = prefix + "." + annotations.replaceAll("(?s).*@WithName\\(\"([^\"]+)\"\\).*", "$1");
            }
            String simpleType = type.replaceAll("<.*", "");
            if (groups.containsKey(simpleType)) {
                readGroup(java, groups.get(simpleType), key, where);
            } else {
                boolean defaulted = annotations.contains("@WithDefault") || simpleType.startsWith("Optional")
                        || simpleType.equals("Map") || simpleType.endsWith(".Map");
                add(new Key(key, defaulted, where));
            }
        }
        // a group interface referenced from another file of the same mapping is not followed: none exists today
    }

    private static int closing(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            if (text.charAt(i) == '{') {
                depth++;
            } else if (text.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalStateException("unbalanced braces");
    }

    private void add(Key key) {
        keys.merge(key.name(), key, (a, b) -> a.defaulted() ? a : b);
    }

    private void readProperties(List<String> lines) {
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("%")) {
                continue; // test profiles do not run in production
            }
            int equals = trimmed.indexOf('=');
            String name = trimmed.substring(0, equals).strip();
            String value = trimmed.substring(equals + 1).strip();
            properties.put(name, value);
            Matcher reference = REFERENCE.matcher(value);
            while (reference.find()) {
                envReferences.add(new EnvReference(name, reference.group(1), reference.group(2)));
            }
        }
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** The environment variable Quarkus maps to a key: upper case, anything else than a letter or digit an _. */
    static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** Whether setting {@code variable} in the environment configures this service. */
    boolean understands(String variable) {
        return envRead.contains(variable)
                || envReferences.stream().anyMatch(r -> r.variable().equals(variable))
                || keys.keySet().stream().anyMatch(k -> envName(k).equals(variable))
                || properties.keySet().stream().anyMatch(k -> envName(k).equals(variable));
    }
}
