package io.zhenggai.issue.importing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.zhenggai.issue.figures.Kind;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The metric catalogue (指标目录): counting phrases to metric codes, and the dimension rules. It is data, kept in one
 * place ({@code importing/metric-catalogue.yaml}), so that a new bulletin's phrases are added there and not in code.
 */
public final class MetricCatalogue {

    static final String RESOURCE = "/importing/metric-catalogue.yaml";

    private final Map<String, MetricDefinition> metrics;
    private final List<DimensionRule> dimensions;
    private final List<MetricDefinition> rates;

    MetricCatalogue(List<MetricDefinition> metrics, List<DimensionRule> dimensions) {
        Map<String, MetricDefinition> byCode = new LinkedHashMap<>();
        for (MetricDefinition m : metrics) {
            if (byCode.put(m.code(), m) != null) {
                throw new IllegalArgumentException("metric listed twice: " + m.code());
            }
        }
        this.metrics = byCode;
        this.dimensions = List.copyOf(dimensions);
        this.rates = byCode.values().stream().filter(m -> m.isRate() && !m.share()).toList();
    }

    /** The catalogue on the class path. */
    public static MetricCatalogue load() {
        try (InputStream in = MetricCatalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MetricCatalogue read(InputStream yaml) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        List<MetricDefinition> metrics = new ArrayList<>();
        for (JsonNode m : root.path("metrics")) {
            metrics.add(new MetricDefinition(
                    m.path("code").asText(),
                    Kind.valueOf(m.path("kind").asText()),
                    strings(m.path("phrases")),
                    strings(m.path("context")),
                    text(m, "numerator"),
                    text(m, "denominator"),
                    text(m, "complement"),
                    m.path("share").asBoolean(false),
                    m.path("conflicts").asBoolean(true)));
        }
        List<DimensionRule> dimensions = new ArrayList<>();
        for (JsonNode d : root.path("dimensions")) {
            dimensions.add(new DimensionRule(d.path("key").asText(), strings(d.path("values")),
                    strings(d.path("followedBy")), text(d, "pattern"), text(d, "value"), d.path("carry").asBoolean(true),
                    strings(d.path("blockedBy"))));
        }
        return new MetricCatalogue(metrics, dimensions);
    }

    Optional<MetricDefinition> metric(String code) {
        return Optional.ofNullable(metrics.get(code));
    }

    /** The rates whose parts can be checked (not shares, which are checked by dimension). */
    List<MetricDefinition> rates() {
        return rates;
    }

    List<DimensionRule> dimensionRules() {
        return dimensions;
    }

    /**
     * The metrics whose phrases occur in the words before ({@code before}, ending at the number) or after
     * ({@code after}, starting after the unit) a number, best first: words before over words after, then the phrase
     * nearest the number, then an entry whose context the segment satisfies over one without context, then the
     * longest phrase.
     */
    List<PhraseMatch> matches(String before, String after, String segment) {
        List<PhraseMatch> found = new ArrayList<>();
        for (MetricDefinition m : metrics.values()) {
            boolean contextual = !m.context().isEmpty();
            if (contextual && m.context().stream().noneMatch(segment::contains)) {
                continue;
            }
            for (String phrase : m.phrases()) {
                int at = before.lastIndexOf(phrase);
                if (at >= 0) {
                    found.add(new PhraseMatch(m, phrase, true, before.length() - at - phrase.length(), contextual));
                }
                at = after.indexOf(phrase);
                if (at >= 0) {
                    found.add(new PhraseMatch(m, phrase, false, at, contextual));
                }
            }
        }
        found.sort(Comparator.comparing((PhraseMatch p) -> !p.before())
                .thenComparingInt(PhraseMatch::distance)
                .thenComparing(p -> !p.contextual())
                .thenComparing(p -> -p.phrase().length()));
        return found;
    }

    /**
     * A phrase of the catalogue found near a number.
     *
     * @param metric     the metric it names
     * @param phrase     the phrase as found
     * @param before     whether it is in the words before the number
     * @param distance   characters between the phrase and the number
     * @param contextual whether the metric's context words were required and found
     */
    record PhraseMatch(MetricDefinition metric, String phrase, boolean before, int distance, boolean contextual) {

        /** Whether the phrase governs the number directly (已完成投资3.1亿元, 投资为3.1亿元). */
        boolean tight() {
            return before && distance <= 2;
        }
    }

    private static List<String> strings(JsonNode node) {
        List<String> list = new ArrayList<>();
        node.forEach(n -> list.add(n.asText()));
        return list;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
