package io.zhenggai.issue.importing;

/**
 * The totals a bulletin declares in prose (…指出存在4个方面16类问题,并提出四项意见建议). Each is {@code null} when not
 * declared.
 *
 * @param aspects     N个方面
 * @param categories  N类问题
 * @param issues      N个问题 / N项问题 / N条问题
 * @param suggestions N项意见建议
 * @param sentence    the sentence that declares them, or {@code null}
 */
public record DeclaredTotals(Integer aspects, Integer categories, Integer issues, Integer suggestions, String sentence) {

    static final DeclaredTotals NONE = new DeclaredTotals(null, null, null, null, null);
}
