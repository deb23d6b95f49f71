/**
 * Figures (数字) in rectification bulletins: the one place where a printed quantity such as {@code 3.1亿元},
 * {@code 140余家} or {@code 0.05个百分点} becomes an exact {@link java.math.BigDecimal} in a base unit.
 *
 * <p>Entry points: {@link io.zhenggai.issue.figures.QuantityParser} (a whole token, or a value and a unit),
 * {@link io.zhenggai.issue.figures.QuantityScanner} (candidate tokens in a sentence),
 * {@link io.zhenggai.issue.figures.UnitCatalogue} (what a written unit means) and
 * {@link io.zhenggai.issue.figures.QuantityDisplay} (back to a Chinese display form).
 *
 * <p>Base units: CNY, USD, EUR, HKD (money); m² (area); m (length); m³ (volume); t (mass); kW (power);
 * kWh (energy); {@code 1}, a fraction (rates: 2.41% = 0.0241); {@code Δ1}, a difference of fractions
 * (0.05个百分点 = 0.0005); a count keeps its classifier (个, 家, …) as its unit; time (d, h, mo, a) appears only
 * as the denominator of a compound unit such as m³/d.
 *
 * <p>Floating point is never used: every conversion is a multiplication by an exact decimal factor followed by
 * one division, which is exact except for 亩 (1/15 公顷, no finite decimal expansion), see
 * {@link io.zhenggai.issue.figures.UnitCatalogue}.
 */
package io.zhenggai.issue.figures;
