package io.zhenggai.issue.figures;

/**
 * How the printed number bounds the true value. Whether a figure is a forecast (预计) is orthogonal to this and is
 * kept in {@link Quantity#forecast()}, because bulletins combine the two (预计全年完成投资50亿元以上).
 */
public enum Qualifier {
    /** The number as printed (3.1亿元). */
    EXACT,
    /** A lower bound, strict or not: 140余家, 100多人, 50亿元以上, 20万方及以上, 超过3家, 不低于4次. */
    AT_LEAST,
    /** An upper bound, strict or not: 50人以下, 3天以内, 不足10家, 不到5%, 低于2%, 不超过3家. */
    AT_MOST,
    /** 约, 大约, 近, 将近, 接近, 左右. */
    APPROXIMATE,
    /** 若干: a quantity is asserted but no number is given, so the value is {@code null}. */
    UNSPECIFIED
}
