package io.zhenggai.issue.figures;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The written shape of a quantity token, shared by {@link QuantityScanner} and {@link QuantityParser} so that a
 * token is recognised the same way in a sentence and on its own:
 *
 * <pre>
 *   prefix words*  number  [余|多]  [multiplier]  [余|多]  unit [/ [multiplier] unit]  [suffix word]
 *   超过 / 约 / 预计 / 下降   140, 1,465, ３.１, 十二, 若干   万 亿 千万          亿元, 家, 万方/日                以上, 左右
 * </pre>
 */
final class QuantityGrammar {

    /** What a qualifier word says. */
    record Meaning(Qualifier bound, boolean forecast, boolean exceeding, ParseContext.Change change) {
    }

    private static final Map<String, Meaning> PREFIXES = new LinkedHashMap<>();
    private static final Map<String, Meaning> SUFFIXES = new LinkedHashMap<>();
    private static final Map<String, Meaning> MARKERS = new LinkedHashMap<>();

    static {
        prefix(new Meaning(null, true, false, ParseContext.Change.NONE), "预计");
        prefix(new Meaning(null, false, true, ParseContext.Change.NONE), "超额");
        prefix(bound(Qualifier.APPROXIMATE), "大约", "约为", "约", "将近", "接近", "近");
        prefix(bound(Qualifier.AT_MOST), "不超过", "不高于", "不多于", "不足", "不到", "低于", "少于");
        prefix(bound(Qualifier.AT_LEAST), "不低于", "不少于", "超过", "多于", "高于", "逾", "超");
        prefix(new Meaning(null, false, false, ParseContext.Change.INCREASE),
                "增加", "增长", "提高", "提升", "上升", "上涨", "增多");
        prefix(new Meaning(null, false, false, ParseContext.Change.DECREASE),
                "下降", "降低", "减少", "下滑", "回落", "压降");
        SUFFIXES.put("及以上", bound(Qualifier.AT_LEAST));
        SUFFIXES.put("以上", bound(Qualifier.AT_LEAST));
        SUFFIXES.put("及以下", bound(Qualifier.AT_MOST));
        SUFFIXES.put("以下", bound(Qualifier.AT_MOST));
        SUFFIXES.put("以内", bound(Qualifier.AT_MOST));
        SUFFIXES.put("左右", bound(Qualifier.APPROXIMATE));
        MARKERS.put("余", bound(Qualifier.AT_LEAST));
        MARKERS.put("多", bound(Qualifier.AT_LEAST));
    }

    /**
     * Words that end in a one-character prefix (约, 近, 超) but are not qualifiers: in 累计签约123132人 the 约 belongs
     * to 签约 (signed up) and the figure is exact.
     */
    static final Set<String> NOT_QUALIFIERS = Set.of(
            "签约", "节约", "集约", "履约", "违约", "制约", "预约", "合约", "特约", "公约", "契约", "条约", "邀约",
            "相约", "失约", "守约", "最近", "附近", "就近", "临近", "邻近", "亲近", "靠近", "贴近", "逼近", "赶超",
            "高超", "入超", "出超");

    /**
     * Words that end in 一 but are not the numeral one: in 根据市委统一部署 there is no 一部 to count.
     */
    static final Set<String> NOT_NUMERALS = Set.of(
            "统一", "唯一", "同一", "单一", "专一", "划一", "万一", "逐一", "之一", "归一", "合一", "不一", "如一");

    /** Set phrases that start with a Chinese numeral and a classifier but hold no figure (一把手 is a leader). */
    static final List<String> IDIOMS = List.of("一起", "一把手", "一次性", "一条龙", "一件事", "一张网");

    /** What follows 个 in a duration (3个月, 两个多小时), which is not a count. */
    static final List<String> DURATIONS_AFTER_GE = List.of("月", "小时", "工作日", "星期", "季度", "学期", "年头");

    static final String SPACE = "[ \\t\\u00A0\\u3000]?";
    private static final String DIGIT = "[0-9\\uFF10-\\uFF19]";
    static final String DIGITS = "[-+\\u2212\\uFF0D\\uFF0B]?(?:" + DIGIT + "{1,3}(?:[,\\uFF0C]" + DIGIT + "{3}(?!"
            + DIGIT + "))+|" + DIGIT + "+)(?:[.\\uFF0E]" + DIGIT + "+)?";
    private static final String CN_FIRST = "[一二两三四五六七八九十]";
    private static final String CN_REST = "[零〇一二两三四五六七八九十百千万亿]";
    static final String SOME = "若干";

    static final Pattern PREFIX_WORD = Pattern.compile(alternation(PREFIXES.keySet()));

    /** A candidate token in running text; see {@link QuantityScanner#pattern()} for its groups. */
    static final Pattern TOKEN = Pattern.compile(tokenRegex());

    /** The same shape as {@link #TOKEN}, for {@code matches()} on a whole input with surrounding blanks. */
    static final Pattern WHOLE_TOKEN = Pattern.compile("\\s*" + tokenRegex() + "\\s*");

    /**
     * Any unit text at all, used only to name what is wrong with an input {@link #WHOLE_TOKEN} does not match
     * (5光年 → unknown unit 光年). The Chinese numeral is greedy here, so 两万光年 blames 光年, not 万光年.
     */
    static final Pattern LOOSE = Pattern.compile("\\s*(?<prefix>(?:(?:" + alternation(PREFIXES.keySet()) + ")"
            + SPACE + ")*)(?<number>" + DIGITS + "|" + CN_FIRST + CN_REST + "*|" + SOME + ")" + SPACE
            + "(?<mk>[余多])?(?<rest>.*?)(?<suffix>" + alternation(SUFFIXES.keySet()) + ")?\\s*", Pattern.DOTALL);

    /** What cannot start a unit because it continues a number: 3.1.2亿元, 1,46万元. */
    static final Pattern NUMBER_CONTINUES = Pattern.compile("[0-9\\uFF10-\\uFF19.\\uFF0E,\\uFF0C]");

    /** A marker written after a multiplier inside the unit text: 3万余人. */
    static final Pattern MARKER_AFTER_MULTIPLIER = Pattern.compile("([十百千万亿]+)([余多])(.*)", Pattern.DOTALL);

    private QuantityGrammar() {
    }

    /** The meaning of a qualifier word (prefix, marker or suffix), or {@code null}. */
    static Meaning meaningOf(String word) {
        Meaning m = PREFIXES.get(word);
        if (m == null) {
            m = SUFFIXES.get(word);
        }
        return m != null ? m : MARKERS.get(word);
    }

    /** The direction of a change verb, or {@code null} if {@code verb} is not one. */
    static ParseContext.Change changeOf(String verb) {
        Meaning m = verb == null ? null : PREFIXES.get(verb);
        return m == null || !m.change().isChange() ? null : m.change();
    }

    private static String tokenRegex() {
        String numberStart = "(?<![0-9\\uFF10-\\uFF19.\\uFF0EA-Za-z])(?<![0-9\\uFF10-\\uFF19][-~\\uFF5E\\u2212\\uFF0D])";
        return "(?<prefix>(?:(?:" + alternation(PREFIXES.keySet()) + ")" + SPACE + ")*)"
                + "(?:" + numberStart + "(?<digits>" + DIGITS + ")" + SPACE + "(?<mk1>[余多])?(?<m1>[十百千万亿]{0,3})"
                + "|(?<!" + CN_REST + ")(?<cn>" + CN_FIRST + CN_REST + "*?)(?<mk2>[余多])?(?<m2>[万亿]{0,2})"
                + "|(?<some>" + SOME + ")(?<m3>[万亿]{0,2}))"
                + "(?<mk3>[余多])?"
                + "(?:(?<unit>" + alternation(UnitCatalogue.writtenUnits()) + ")"
                + "(?:[/\\uFF0F](?<dm>[十百千万亿]{0,3})(?<den>" + alternation(UnitCatalogue.writtenDenominators())
                + "))?|(?<=[万亿][余多]?))"
                + "(?<suffix>" + alternation(SUFFIXES.keySet()) + ")?";
    }

    /**
     * A regex alternation trying longer words first (个百分点 before 个, 人次 before 人), with Latin symbols guarded
     * so that m does not match the start of mm or of a word.
     */
    static String alternation(Set<String> words) {
        return words.stream()
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .map(w -> Pattern.quote(w) + (endsLatin(w) ? "(?![A-Za-z0-9²³])" : ""))
                .collect(Collectors.joining("|"));
    }

    private static boolean endsLatin(String word) {
        char last = word.charAt(word.length() - 1);
        return last < 128 && Character.isLetterOrDigit(last) || last == '²' || last == '³';
    }

    private static Meaning bound(Qualifier q) {
        return new Meaning(q, false, false, ParseContext.Change.NONE);
    }

    private static void prefix(Meaning meaning, String... words) {
        for (String w : words) {
            PREFIXES.put(w, meaning);
        }
    }
}
