package io.zhenggai.report.indicator;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.zhenggai.report.indicator.IndicatorStore.StoredIndicator;
import io.zhenggai.report.projection.AsOf;
import io.zhenggai.report.projection.IssueVisibility;
import io.zhenggai.report.store.InGeneration;

/**
 * Indicator values over the projections: a stored definition (the latest version, or the one named), evaluated over
 * the facts it needs, overall and optionally per group. Everything is computed on read from the reading facts and the
 * issue projection, so a new version of a definition never changes what an older version answers.
 */
@ApplicationScoped
@Transactional
@InGeneration
public class IndicatorService {

    @Inject
    IndicatorStore store;

    @Inject
    FactLoader facts;

    /** An indicator's value overall and, when asked for a grouping, per group. */
    public record Answer(StoredIndicator indicator, String by, IndicatorValue overall, List<GroupValue> groups) {
    }

    /** One group: its key (null for the facts without a value for {@code by}), its label when known, its value. */
    public record GroupValue(String key, String label, IndicatorValue value) {
    }

    /**
     * @param version null for the latest
     * @param by      a reading dimension (industry, batch, …) or an issue field (aspect, unit, leader, …); null for
     *                the overall value only
     * @param asOf    the moment to answer for; null for live
     * @throws IndicatorRefusal NOT_FOUND for an unknown code, a version it does not have, or a retired code asked
     *                          without a version; INVALID for a {@code by} that cannot be a dimension
     */
    public Answer values(String code, Integer version, String by, UUID inspection, AsOf asOf) {
        StoredIndicator indicator = find(code, version);
        if (by != null && !Syntax.NAME.matcher(by).matches()) {
            throw IndicatorRefusal.invalid("by", "expected a dimension (industry, batch, …) or an issue field ("
                    + IssueField.knownNames() + "), not '" + by + "'");
        }
        FactLoader.Facts loaded = facts.load(List.of(indicator.definition()), inspection, asOf, by, false);
        IndicatorEvaluator evaluator = new IndicatorEvaluator(loaded.catalogue());
        if (by == null) {
            return new Answer(indicator, null, evaluator.evaluate(indicator.definition(), loaded.set(), Window.all()),
                    List.of());
        }
        IndicatorBreakdown breakdown = evaluator.evaluateBy(indicator.definition(), loaded.set(), Window.all(), by);
        return new Answer(indicator, by, breakdown.overall(), breakdown.groups().stream()
                .map(g -> new GroupValue(g.key(), g.key() == null ? null : loaded.labels().get(g.key()), g.value()))
                .toList());
    }

    /**
     * The value a definition would have, evaluated as a stored one would be but stored nowhere: the web app shows it
     * before the office saves a new indicator.
     */
    public IndicatorValue preview(IndicatorDefinition definition, UUID inspection, AsOf asOf) {
        FactLoader.Facts loaded = facts.load(List.of(definition), inspection, asOf, null, false);
        return new IndicatorEvaluator(loaded.catalogue()).evaluate(definition, loaded.set(), Window.all());
    }

    /** The latest version of every indicator in use, overall: the headline figures of a summary. */
    public List<Answer> current(UUID inspection, AsOf asOf) {
        List<StoredIndicator> indicators = store.list(false);
        FactLoader.Facts loaded = facts.load(indicators.stream().map(StoredIndicator::definition).toList(), inspection,
                asOf, null, false);
        IndicatorEvaluator evaluator = new IndicatorEvaluator(loaded.catalogue());
        return indicators.stream()
                .map(i -> new Answer(i, null, evaluator.evaluate(i.definition(), loaded.set(), Window.all()), List.of()))
                .toList();
    }

    /**
     * The value of one figure, overall or of the group {@code key} of {@code by}. The issues it counted are listed by
     * {@link #countedIssues} (in the value only when they had to be loaded one by one).
     */
    public Answer figure(String code, Integer version, String by, String key, UUID inspection, AsOf asOf) {
        Answer answer = values(code, version, by, inspection, asOf);
        if (by == null) {
            return answer;
        }
        GroupValue group = answer.groups().stream()
                .filter(g -> java.util.Objects.equals(g.key(), key))
                .findFirst()
                .orElseThrow(() -> IndicatorRefusal.notFound("key", "indicator " + code + " has no group "
                        + (key == null ? "without " + by : by + " = " + key)));
        return new Answer(answer.indicator(), by, group.value(), List.of(group));
    }

    /**
     * The first {@code limit} issues a figure counted that {@code visible} lets the caller see, in the order its value
     * would list them.
     */
    public List<UUID> countedIssues(StoredIndicator indicator, String by, String key, UUID inspection, AsOf asOf,
                                    IssueVisibility visible, int limit) {
        return facts.countedIssues(indicator.definition(), by, key, inspection, asOf, visible, limit);
    }

    private StoredIndicator find(String code, Integer version) {
        StoredIndicator indicator = store.find(code, version).orElseThrow(() -> version == null
                ? IndicatorRefusal.notFound("code", "no indicator " + code)
                : IndicatorRefusal.notFound("version", "indicator " + code + " has no version " + version));
        if (version == null && indicator.retired()) {
            throw IndicatorRefusal.notFound("code", "indicator " + code + " was retired; name a version to see its "
                    + "answers");
        }
        return indicator;
    }
}
