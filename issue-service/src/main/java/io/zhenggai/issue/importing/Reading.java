package io.zhenggai.issue.importing;

import io.zhenggai.issue.figures.Quantity;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * A figure (数据) read from an issue's text: the quantity as the figures package parsed it, what it counts, and
 * where it stands.
 *
 * @param text       the figure as printed, with its qualifier words (140余家, 预计… is not part of it)
 * @param quantity   the exact value in a base unit, qualifier, forecast and change flags
 * @param phrase     the counting phrase: the catalogue phrase that named the metric, or the words around the number
 *                   when the catalogue does not know them
 * @param metric     the metric code, or {@link MetricDefinition#UNCLASSIFIED}
 * @param dimensions the dimensions read from the context, sorted by key (industry=新材料 …)
 * @param asOf       the date the figure stands for: a date the sentence states (截至2023年2月22日), else the report
 *                   date; {@code null} when neither is known
 * @param sentence   the sentence as printed
 * @param rate       for a rate: its parts, or {@link RateParts#STATED} when the text gives none; {@code null} for a
 *                   figure that is not a rate
 */
public record Reading(
        String text,
        Quantity quantity,
        String phrase,
        String metric,
        Map<String, String> dimensions,
        LocalDate asOf,
        String sentence,
        RateParts rate) {

    public Reading {
        dimensions = java.util.Collections.unmodifiableMap(new TreeMap<>(dimensions));
    }

    public boolean classified() {
        return !MetricDefinition.UNCLASSIFIED.equals(metric);
    }

    Reading withRate(RateParts parts) {
        return new Reading(text, quantity, phrase, metric, dimensions, asOf, sentence, parts);
    }

    Reading withMetric(String code) {
        return new Reading(text, quantity, phrase, code, dimensions, asOf, sentence, rate);
    }
}
