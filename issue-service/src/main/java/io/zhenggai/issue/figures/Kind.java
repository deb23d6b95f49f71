package io.zhenggai.issue.figures;

/**
 * What a quantity measures (量纲). Two quantities can be added only when their {@link Unit}s are equal, which
 * implies equal kinds; the kind is what a metric definition checks a reading against.
 */
public enum Kind {
    /** 金额: base units CNY, USD, EUR, HKD (a currency is never converted to another). */
    MONEY,
    /** 数量 counted with a classifier (量词: 个, 家, 人次 …); the classifier is the unit. */
    COUNT,
    /** 面积: base unit m². */
    AREA,
    /** 长度: base unit m. */
    LENGTH,
    /** 体积 / 水量: base unit m³. */
    VOLUME,
    /** 重量 / 产量: base unit t. */
    MASS,
    /** 功率 / 装机容量: base unit kW. */
    POWER,
    /** 电量: base unit kWh. */
    ENERGY,
    /** 比率 (…率, 占比): a fraction, 2.41% = 0.0241. */
    RATE,
    /**
     * 百分点: the difference of two rates, 0.05个百分点 = 0.0005. Kept apart from {@link #RATE} because adding it to a
     * rate is meaningful while averaging it with one is not.
     */
    DIFFERENCE_OF_RATES,
    /** A quotient of two units, such as 万方/日 (m³/d), 立方米/万元 (m³/CNY) or 亿元/平方公里 (CNY/m²). */
    COMPOUND,
    /**
     * 时间 (日, 小时, 月, 年). Only ever the denominator of a {@link #COMPOUND} unit: a bare 2023年 or 5月 is a date,
     * not a reading, so no quantity has this kind.
     */
    TIME
}
