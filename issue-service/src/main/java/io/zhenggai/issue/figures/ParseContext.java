package io.zhenggai.issue.figures;

import java.util.Objects;

/**
 * What the caller knows about a quantity that the token itself does not say, usually from the surrounding sentence:
 * that 51.64亿 is money, that 较年初降低0.05个百分点 is a change, that 预计一季度贷款余额883.94亿元 is a forecast, that
 * a completion rate of 120% is 超额 (over-fulfilled).
 *
 * <p>Words inside the token itself (预计, 约, 下降, 超额 …) are read as well; the context only adds to them.
 *
 * @param moneyContext     a bare 亿 or 万 means yuan
 * @param change           whether the quantity is a change (变化量) and which way
 * @param forecast         预计: the value is a forecast
 * @param exceedingAllowed 超额: a stated rate may exceed 100%
 * @param qualifier        a bound the caller read elsewhere, or {@code null}; it must agree with the text
 */
public record ParseContext(boolean moneyContext, Change change, boolean forecast, boolean exceedingAllowed,
                           Qualifier qualifier) {

    /**
     * Whether a quantity is a change, a signed delta (增加3家, 下降0.05个百分点), rather than a level. A change may be
     * negative, a level may not (except a difference of rates, which is a change by nature).
     */
    public enum Change {
        /** A level (存量), the default. */
        NONE,
        /** A change whose sign is in the number itself (-3家, +5%). */
        SIGNED,
        /** 增加, 增长, 提高, 提升, 上升, 上涨, 增多: the printed number is added. */
        INCREASE,
        /** 下降, 降低, 减少, 下滑, 回落, 压降: the printed number is subtracted. */
        DECREASE;

        public boolean isChange() {
            return this != NONE;
        }
    }

    /** No money context, a level, exact, not a forecast. */
    public static final ParseContext DEFAULT = new ParseContext(false, Change.NONE, false, false, null);

    public ParseContext {
        Objects.requireNonNull(change, "change");
    }

    /** A bare 亿 or 万 means yuan (the caller saw 资产, 投资, 资金 … around it). */
    public ParseContext withMoney() {
        return new ParseContext(true, change, forecast, exceedingAllowed, qualifier);
    }

    /** A signed change whose sign is in the number itself. */
    public ParseContext withChange() {
        return new ParseContext(moneyContext, Change.SIGNED, forecast, exceedingAllowed, qualifier);
    }

    /**
     * A change in the direction of {@code verb} (增加, 增长, 提高 … or 下降, 降低, 减少 …).
     *
     * @throws QuantityException {@code MALFORMED}, naming the verb, if it is not a change verb
     */
    public ParseContext withChange(String verb) {
        Change direction = QuantityGrammar.changeOf(verb);
        if (direction == null) {
            throw new QuantityException(QuantityException.Reason.MALFORMED, verb, verb,
                    "not a change verb: " + verb);
        }
        return new ParseContext(moneyContext, direction, forecast, exceedingAllowed, qualifier);
    }

    /** 预计: a forecast. */
    public ParseContext withForecast() {
        return new ParseContext(moneyContext, change, true, exceedingAllowed, qualifier);
    }

    /** 超额: a stated rate may exceed 100%. */
    public ParseContext withExceeding() {
        return new ParseContext(moneyContext, change, forecast, true, qualifier);
    }

    /** A bound read elsewhere in the sentence. */
    public ParseContext withQualifier(Qualifier bound) {
        return new ParseContext(moneyContext, change, forecast, exceedingAllowed, bound);
    }
}
