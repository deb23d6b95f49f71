package io.zhenggai.issue.figures;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds candidate quantity tokens in a sentence (已完成投资3.1亿元 → {@code 3.1亿元}; 累计走访企业140余家 →
 * {@code 140余家}) for the bulletin parser, which decides what is a reading.
 *
 * <p>A candidate is a number followed by a catalogued unit or count classifier (see {@link UnitCatalogue}), with the
 * qualifier and change words written directly around it. To keep the candidates clean:
 * <ul>
 *   <li>年, 月, 日, 号, 位, 岁 are not units, so 2023年5月, 第77位 and 65岁 yield nothing; 第 before a number sets
 *       {@link QuantityToken#ordinal()};</li>
 *   <li>ranges (2021-2025, 3-5个) yield nothing after the dash, and a number is never read from inside another
 *       number or a Latin word (PM2.5, 5G);</li>
 *   <li>a duration (3个月, 两个多小时) is not a count;</li>
 *   <li>约, 近, 超 ending another word are not qualifiers (签约123132人 is exact);</li>
 *   <li>a Chinese numeral is not read from a set phrase (一起, 一把手, 一次性 …), from a word ending in 一 (统一部署,
 *       逐一, 唯一) nor with 方 (一方面, 三方); the price is that 纳统一个 yields nothing.</li>
 * </ul>
 * Whatever else the text says around a candidate (年产10万吨 is a capacity, not an output) is the bulletin parser's
 * call.
 */
public final class QuantityScanner {

    private QuantityScanner() {
    }

    /**
     * The candidate-token pattern. Prefer {@link #scan}, which also applies the rules above. Groups: {@code prefix}
     * (qualifier words before the number); the number in {@code digits}, {@code cn} (Chinese numeral) or
     * {@code some} (若干); markers {@code mk1} {@code mk2} {@code mk3} (余/多); multipliers {@code m1} {@code m2}
     * {@code m3}; {@code unit}; a compound's denominator multiplier {@code dm} and unit {@code den}; {@code suffix}.
     */
    public static Pattern pattern() {
        return QuantityGrammar.TOKEN;
    }

    /** The candidate tokens in {@code sentence}, left to right, not overlapping. */
    public static List<QuantityToken> scan(CharSequence sentence) {
        String text = sentence.toString();
        List<QuantityToken> tokens = new ArrayList<>();
        Matcher m = QuantityGrammar.TOKEN.matcher(text);
        int from = 0;
        while (from <= text.length() && m.find(from)) {
            QuantityToken token = toToken(m, text, true);
            if (token == null) {
                from = numberStart(m) + 1;
                continue;
            }
            tokens.add(token);
            from = m.end();
        }
        return tokens;
    }

    /**
     * The token matched by {@code m}, or {@code null} if running-text rules reject it.
     *
     * @param inSentence apply the rules that only make sense in running text (a whole input asked to be parsed is
     *                   read as it is)
     */
    static QuantityToken toToken(Matcher m, String text, boolean inSentence) {
        String cn = m.group("cn");
        String numberText = m.group("digits") != null ? m.group("digits") : cn != null ? cn : m.group("some");
        String multiplier = firstNonNull(m.group("m1"), m.group("m2"), m.group("m3"), "");
        String unitText = multiplier;
        if (m.group("unit") != null) {
            int unitEnd = m.group("den") != null ? m.end("den") : m.end("unit");
            unitText = multiplier + text.substring(m.start("unit"), unitEnd);
        }
        int numberStart = numberStart(m);
        int start = m.start();
        List<String> words = new ArrayList<>();
        Matcher prefix = QuantityGrammar.PREFIX_WORD.matcher(m.group("prefix"));
        while (prefix.find()) {
            words.add(prefix.group());
        }
        if (inSentence) {
            if (cn != null && (!ChineseNumerals.isNumeral(cn) || isIdiom(text, numberStart)
                    || unitText.equals("方") || numberStart > 0
                    && QuantityGrammar.NOT_NUMERALS.contains(text.substring(numberStart - 1, numberStart + 1)))) {
                return null;
            }
            if (unitText.endsWith("个") && m.group("suffix") == null && isDuration(text, m.end())) {
                return null;
            }
            if (!words.isEmpty() && start > 0
                    && QuantityGrammar.NOT_QUALIFIERS.contains(text.charAt(start - 1) + words.get(0))) {
                start += words.get(0).length();
                words.remove(0);
                while (start < numberStart && Character.isWhitespace(text.charAt(start))) {
                    start++;
                }
            }
        }
        for (String marker : new String[] {m.group("mk1"), m.group("mk2"), m.group("mk3"), m.group("suffix")}) {
            if (marker != null) {
                words.add(marker);
            }
        }
        boolean ordinal = start == numberStart && start > 0 && text.charAt(start - 1) == '第';
        return new QuantityToken(start, m.end(), text.substring(start, m.end()), numberText, unitText, words,
                ordinal);
    }

    private static int numberStart(Matcher m) {
        for (String group : new String[] {"digits", "cn", "some"}) {
            if (m.start(group) >= 0) {
                return m.start(group);
            }
        }
        throw new IllegalStateException("a token without a number");
    }

    private static boolean isIdiom(String text, int at) {
        for (String idiom : QuantityGrammar.IDIOMS) {
            if (text.startsWith(idiom, at)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDuration(String text, int afterGe) {
        int at = afterGe;
        if (at < text.length() && (text.charAt(at) == '多' || text.charAt(at) == '半')) {
            at++;
        }
        for (String word : QuantityGrammar.DURATIONS_AFTER_GE) {
            if (text.startsWith(word, at)) {
                return true;
            }
        }
        return false;
    }

    private static String firstNonNull(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
