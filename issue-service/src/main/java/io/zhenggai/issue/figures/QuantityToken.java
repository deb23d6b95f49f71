package io.zhenggai.issue.figures;

import java.util.List;
import java.util.Objects;

/**
 * A candidate quantity found in a sentence by {@link QuantityScanner}: where it is and how it is written, not yet
 * what it means. The bulletin parser decides whether it is a reading and with which {@link ParseContext} to
 * {@link #parse(ParseContext) parse} it.
 *
 * @param start          index of the first character in the sentence (of the first qualifier word if any)
 * @param end            index after the last character
 * @param text           {@code sentence.substring(start, end)}
 * @param numberText     the number as written: {@code 3.1}, {@code 1,465}, {@code 十二}, {@code 若干}
 * @param unitText       the unit as written, qualifier markers removed: {@code 亿元}, {@code 万方/日}, {@code 亿}
 *                       (3万余人 gives {@code 万人})
 * @param qualifierWords the qualifier and change words around the number, in order: {@code [预计, 超过]},
 *                       {@code [余]}, {@code [以上]}, {@code [降低]}
 * @param ordinal        the number directly follows 第 (第3批, 第一次): an ordinal, almost never a reading
 */
public record QuantityToken(int start, int end, String text, String numberText, String unitText,
                            List<String> qualifierWords, boolean ordinal) {

    public QuantityToken {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(numberText, "numberText");
        Objects.requireNonNull(unitText, "unitText");
        qualifierWords = List.copyOf(qualifierWords);
    }

    /** This token's quantity; see {@link QuantityParser#parse(QuantityToken, ParseContext)}. */
    public Quantity parse(ParseContext context) {
        return QuantityParser.parse(this, context);
    }
}
