package io.zhenggai.issue.importing;

/**
 * One action reported for an issue (整改措施): the 二是 in 一是…二是…, a ① or a （1）, or the whole progress text when
 * it is not enumerated.
 *
 * @param marker the enumerator as printed (一是, ①, (1), 1.), or {@code null} for an unenumerated text
 * @param text   what was done, without the marker
 */
public record Measure(String marker, String text) {
}
