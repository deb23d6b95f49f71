package io.zhenggai.issue.ledger;

import java.math.BigDecimal;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * 数据: one figure of a progress report, parsed once into an exact decimal in a base unit.
 *
 * @param metric      what it measures, e.g. {@code investment.completed}
 * @param dimensions  what it is about, e.g. industry=新材料, batch=2021耕地保护督察
 * @param value       in {@code unit}; null for 若干 (no number)
 * @param unit        the base unit symbol (CNY, USD, m³/d, 个, …)
 * @param kind        MONEY, COUNT, RATE, DIFFERENCE_OF_RATES, …
 * @param qualifier   EXACT, AT_LEAST, APPROXIMATE, UNSPECIFIED
 * @param forecast    预计: a forecast, not an achieved figure
 * @param change      a signed change (下降/增加 …) rather than a level
 * @param display     the Chinese display form, e.g. 3.1亿元
 * @param phrase      the counting phrase it was read with (已完成投资, 已开工), when known
 * @param sourceText  the text the figure was read from
 * @param parts       for a stated rate, its numerator and denominator when known
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Reading(String metric, Map<String, String> dimensions, BigDecimal value, String unit, String kind,
                      String qualifier, boolean forecast, boolean change, BigDecimal statedValue, String statedUnit,
                      String display, String phrase, String sourceText, RateParts parts) {

    /** The parts of a stated rate: 已完成整改7个 of 需要整改10个. */
    public record RateParts(BigDecimal numerator, BigDecimal denominator, String unit) {
    }
}
