package io.zhenggai.issue.figures;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;

/**
 * The one place where a printed quantity becomes a {@link Quantity}: an exact value in a base unit, with its
 * qualifier, forecast and change flags, and the printed number and unit kept.
 *
 * <pre>
 *   3.1亿元            → 310000000 CNY, MONEY
 *   140余家            → 140 家, COUNT, AT_LEAST
 *   0.05个百分点        → 0.0005 Δ1, DIFFERENCE_OF_RATES
 *   2.41%             → 0.0241 1, RATE
 *   10.5万方/日         → 105000 m³/d, COMPOUND
 *   51.64亿 (money)    → 5164000000 CNY
 *   降低0.05个百分点     → -0.0005 Δ1, change
 *   若干家              → null 家, UNSPECIFIED
 * </pre>
 *
 * <p>A number outside the {@link Bounds} of any real figure is refused with a
 * {@link QuantityOutOfBoundsException}: before it is read when its text is too long, else as printed and in its base
 * unit (the check of the latter is in {@link Quantity}'s constructor, so no quantity escapes it).
 *
 * <p>Refusals ({@link QuantityException}): no number or conflicting bounds (MALFORMED); no unit, or a bare 亿/万
 * outside a money context (MISSING_UNIT); an uncatalogued unit, named (UNKNOWN_UNIT); a negative count
 * (NEGATIVE_COUNT) or a negative measure, rate or compound (NEGATIVE_VALUE) unless it is a change; a count that is
 * not whole (FRACTIONAL_COUNT); a stated rate above 100% unless 超额 or a change (RATE_ABOVE_100: a growth rate of
 * 150% is possible, a completion rate of 120% is a typo unless the bulletin says it was exceeded). A difference of
 * rates may always be negative.
 */
public final class QuantityParser {

    private QuantityParser() {
    }

    /** {@link #parse(String, ParseContext)} with {@link ParseContext#DEFAULT}. */
    public static Quantity parse(String text) {
        return parse(text, ParseContext.DEFAULT);
    }

    /**
     * Reads a whole token such as {@code 3.1亿元}, {@code 约123132人}, {@code 预计超过50亿元}, {@code 20万方及以上}.
     *
     * @throws QuantityException if it is not a quantity or not a possible one
     * @throws QuantityOutOfBoundsException if its number is outside the {@link Bounds} of any real figure
     */
    public static Quantity parse(String text, ParseContext context) {
        Objects.requireNonNull(context, "context");
        if (text == null || text.isBlank()) {
            throw new QuantityException(QuantityException.Reason.MALFORMED, text, text, "no quantity in an empty text");
        }
        Matcher strict = QuantityGrammar.WHOLE_TOKEN.matcher(text);
        if (strict.matches()) {
            QuantityToken token = QuantityScanner.toToken(strict, text, false);
            return convert(token.numberText(), token.unitText(), token.qualifierWords(), text.strip(), context);
        }
        Matcher loose = QuantityGrammar.LOOSE.matcher(text);
        if (!loose.matches()) {
            throw new QuantityException(QuantityException.Reason.MALFORMED, text, text,
                    "not a quantity: \"" + text + "\"");
        }
        if (QuantityGrammar.NUMBER_CONTINUES.matcher(loose.group("rest")).lookingAt()) {
            throw new QuantityException(QuantityException.Reason.MALFORMED, text, text,
                    "not a well-formed number in \"" + text + "\"");
        }
        List<String> words = new ArrayList<>();
        Matcher prefix = QuantityGrammar.PREFIX_WORD.matcher(loose.group("prefix"));
        while (prefix.find()) {
            words.add(prefix.group());
        }
        if (loose.group("mk") != null) {
            words.add(loose.group("mk"));
        }
        String unit = loose.group("rest").strip();
        Matcher inner = QuantityGrammar.MARKER_AFTER_MULTIPLIER.matcher(unit);
        if (inner.matches()) {
            words.add(inner.group(2));
            unit = inner.group(1) + inner.group(3);
        }
        if (loose.group("suffix") != null) {
            words.add(loose.group("suffix"));
        }
        return convert(loose.group("number"), unit, words, text.strip(), context);
    }

    /**
     * Reads a value and a unit given apart, as an API client sends them ({@code "3.1"}, {@code "亿元"}). The unit
     * may carry qualifier words as a token would ({@code 余家}).
     *
     * @throws QuantityException as {@link #parse(String, ParseContext)}
     */
    public static Quantity parse(BigDecimal statedValue, String statedUnit, ParseContext context) {
        Objects.requireNonNull(statedValue, "statedValue");
        // before it is written out: 1E+1000000000 would take a gigabyte as plain digits
        Bounds.checkStated(statedValue, statedValue.toString(), statedValue + (statedUnit == null ? "" : statedUnit));
        return parse(statedValue.toPlainString() + (statedUnit == null ? "" : statedUnit.strip()), context);
    }

    /** Reads a token found by {@link QuantityScanner}, with what the caller knows from the sentence. */
    public static Quantity parse(QuantityToken token, ParseContext context) {
        Objects.requireNonNull(context, "context");
        return convert(token.numberText(), token.unitText(), token.qualifierWords(), token.text(), context);
    }

    private static Quantity convert(String numberText, String unitText, List<String> words, String source,
                                    ParseContext context) {
        Qualifier bound = context.qualifier();
        boolean forecast = context.forecast();
        boolean exceeding = context.exceedingAllowed();
        ParseContext.Change change = context.change();
        for (String word : words) {
            QuantityGrammar.Meaning meaning = QuantityGrammar.meaningOf(word);
            if (meaning.bound() != null) {
                bound = agree(bound, meaning.bound(), word, source);
            }
            forecast |= meaning.forecast();
            exceeding |= meaning.exceeding();
            if (meaning.change().isChange()) {
                if (change == ParseContext.Change.INCREASE || change == ParseContext.Change.DECREASE) {
                    if (change != meaning.change()) {
                        throw malformed(word, source, "the change verb " + word + " contradicts the caller's");
                    }
                }
                change = meaning.change();
            }
        }
        BigDecimal stated;
        if (QuantityGrammar.SOME.equals(numberText)) {
            bound = agree(bound, Qualifier.UNSPECIFIED, numberText, source);
            stated = null;
        } else {
            if (bound == Qualifier.UNSPECIFIED) {
                throw malformed(numberText, source, "若干 (no number) contradicts the number in \"" + source + "\"");
            }
            Bounds.checkPrinted(numberText, source);
            stated = isDigits(numberText) ? Decimals.parseDigits(numberText) : chinese(numberText, source);
            Bounds.checkStated(stated, numberText, source);
        }
        if (bound == null) {
            bound = Qualifier.EXACT;
        }
        UnitCatalogue.UnitDefinition unit = UnitCatalogue.resolve(unitText, context.moneyContext(), source);
        Kind kind = unit.kind();
        BigDecimal value = null;
        if (stated != null) {
            value = unit.toBase(stated);
            if (change == ParseContext.Change.DECREASE) {
                value = value.negate();
            }
            check(value, kind, change.isChange(), exceeding, source, numberText);
        }
        return new Quantity(value, unit.base(), kind, bound, forecast, change.isChange(), source, stated,
                unit.stated());
    }

    private static void check(BigDecimal value, Kind kind, boolean change, boolean exceeding, String source,
                              String numberText) {
        if (kind == Kind.COUNT && value.stripTrailingZeros().scale() > 0) {
            throw new QuantityException(QuantityException.Reason.FRACTIONAL_COUNT, source, source,
                    "a count is a whole number: \"" + source + "\"");
        }
        if (change) {
            return;
        }
        if (value.signum() < 0) {
            if (kind == Kind.COUNT) {
                throw new QuantityException(QuantityException.Reason.NEGATIVE_COUNT, source, source,
                        "a count cannot be negative: \"" + source + "\"");
            }
            if (kind != Kind.DIFFERENCE_OF_RATES) {
                throw new QuantityException(QuantityException.Reason.NEGATIVE_VALUE, source, source,
                        "a level cannot be negative unless it is a change: \"" + source + "\"");
            }
        }
        if (kind == Kind.RATE && value.compareTo(BigDecimal.ONE) > 0 && !exceeding) {
            throw new QuantityException(QuantityException.Reason.RATE_ABOVE_100, source, source,
                    "a stated rate above 100% needs 超额: \"" + source + "\"");
        }
    }

    /** Two bounds for one quantity must be the same bound (超过100余家 is fine, 约50亿元以上 is not). */
    private static Qualifier agree(Qualifier current, Qualifier next, String word, String source) {
        if (current != null && current != next) {
            throw malformed(word, source, "conflicting qualifiers " + current + " and " + next + " in \""
                    + source + "\"");
        }
        return next;
    }

    private static boolean isDigits(String numberText) {
        for (int i = 0; i < numberText.length(); i++) {
            char c = numberText.charAt(i);
            if (c >= '0' && c <= '9' || c >= '０' && c <= '９') {
                return true;
            }
        }
        return false;
    }

    private static BigDecimal chinese(String numberText, String source) {
        try {
            return ChineseNumerals.parse(numberText);
        } catch (QuantityException e) {
            throw malformed(numberText, source, e.getMessage());
        }
    }

    private static QuantityException malformed(String offending, String source, String detail) {
        return new QuantityException(QuantityException.Reason.MALFORMED, offending, source, detail);
    }
}
