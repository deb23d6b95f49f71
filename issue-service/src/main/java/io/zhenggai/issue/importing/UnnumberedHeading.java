package io.zhenggai.issue.importing;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headings that carry no number: a problem paragraph that opens with its problem (针对“理论学习不够深入”的问题。整改进展：
 * 一是…；二是…。已完成。 / 关于…的问题，… / 在…方面存在的问题。…) and an aspect printed as a line of its own
 * (关于落实全面从严治党主体责任方面). Universities' and many departments' bulletins are written so. Whether such a
 * line is a heading where it stands is {@link OutlineBuilder}'s decision; this class only reads the line.
 */
final class UnnumberedHeading {

    /** Where a problem's name ends: at 问题 (or 问题的整改情况) before punctuation or the end of the line. */
    private static final String PROBLEM_END = "问题(?:的整改(?:落实)?(?:情况|进展))?(?=[。，,：:；;（(\\s]|$)";
    private static final Pattern QUOTED = Pattern.compile(
            "^针对\\s*[“\"「『]([^”\"」』]{1,150})[”\"」』]\\s*(?:等|的|方面的|方面)?\\s*(?:突出)?问题");
    private static final Pattern TARGETED = Pattern.compile("^针对[^。；;“”\"]{2,150}?" + PROBLEM_END);
    private static final Pattern ABOUT = Pattern.compile("^关于[^。；;]{2,150}?" + PROBLEM_END);
    private static final Pattern IN_ASPECT = Pattern.compile("^在[^。；;，,]{2,80}?方面存在的?(?:突出)?(?:问题|不足)");
    /** The generic openings of a bulletin's prose, not a problem: 关于巡视反馈问题，… */
    private static final Pattern GENERIC = Pattern.compile("反馈的?(?:问题|意见)|巡视(?:整改|发现)的?问题|巡察(?:整改|发现)的?问题");
    private static final Pattern ASPECT = Pattern.compile("^(?:关于|在)?[^。；;，,！!？?：:]{2,60}?方面(?:存在的?问题|的问题)?[：:]?$");
    private static final Pattern OPENING_PUNCTUATION = Pattern.compile("^[。，,：:；;\\s]+");

    /**
     * A problem paragraph's opening.
     *
     * @param title the problem as printed (针对“…”的问题), without final punctuation
     * @param rest  what the line says after it, without the punctuation between; may be empty
     */
    record Opener(String title, String rest) {
    }

    private UnnumberedHeading() {
    }

    /** The problem that {@code line} opens with, if it opens like a problem paragraph. */
    static Optional<Opener> problem(String line) {
        for (Pattern p : new Pattern[] {QUOTED, TARGETED, ABOUT, IN_ASPECT}) {
            Matcher m = p.matcher(line);
            if (m.find()) {
                String title = line.substring(0, m.end());
                if (GENERIC.matcher(title).find()) {
                    return Optional.empty();
                }
                String rest = OPENING_PUNCTUATION.matcher(line.substring(m.end())).replaceFirst("");
                return Optional.of(new Opener(title, rest));
            }
        }
        return Optional.empty();
    }

    /** Whether {@code line} can be an aspect printed without a number: short, unpunctuated, ending in 方面. */
    static boolean aspect(String line) {
        return line.length() <= 64 && ASPECT.matcher(line).matches() && !GENERIC.matcher(line).find();
    }

    /** The aspect's title: the line without a closing colon. */
    static String aspectTitle(String line) {
        String t = line.strip();
        return t.endsWith("：") || t.endsWith(":") ? t.substring(0, t.length() - 1) : t;
    }
}
