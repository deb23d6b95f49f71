package io.zhenggai.report.projection;

/**
 * Deadline warning (预警) of an issue: red, yellow, green, or NONE when no deadline is set. Every issue has one, so a
 * filter on it never needs "present"/"absent".
 */
public enum WarningLevel {
    RED,
    YELLOW,
    GREEN,
    NONE
}
