package io.zhenggai.issue.importing;

/**
 * The totals a bulletin declares in prose (…指出存在4个方面16类问题,并提出四项意见建议; 10大项105小项; 反馈问题36个;
 * 制定整改措施41条). Each is {@code null} when not declared.
 *
 * @param aspects     N个方面 (or N大项 where no 方面 is declared beside it)
 * @param categories  N类问题 (or N大项 beside N个方面)
 * @param issues      N个问题 / N项问题 / N个具体问题 / N小项 / 反馈问题N个
 * @param suggestions N项意见建议
 * @param sentence    the sentence that declares the tree's totals, or {@code null}
 * @param measures    整改措施N条 / N条整改措施, in whichever sentence
 * @param measuresSentence the sentence that declares the measures, or {@code null}
 */
public record DeclaredTotals(Integer aspects, Integer categories, Integer issues, Integer suggestions, String sentence,
                             Integer measures, String measuresSentence) {

    static final DeclaredTotals NONE = new DeclaredTotals(null, null, null, null, null, null, null);

    /** Totals without a declared number of measures. */
    public DeclaredTotals(Integer aspects, Integer categories, Integer issues, Integer suggestions, String sentence) {
        this(aspects, categories, issues, suggestions, sentence, null, null);
    }
}
