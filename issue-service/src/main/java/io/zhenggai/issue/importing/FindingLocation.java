package io.zhenggai.issue.importing;

/**
 * Where a finding was made.
 *
 * @param list     the list key ({@code main}, {@code attachment-1}), or {@code null} for the document header
 * @param path     the numbering path of the issue, or {@code null}
 * @param sentence the sentence as printed, or {@code null}
 */
public record FindingLocation(String list, String path, String sentence) {
}
