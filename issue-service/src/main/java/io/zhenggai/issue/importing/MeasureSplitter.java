package io.zhenggai.issue.importing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Splits a progress text into measures. Bulletins enumerate with 一是…二是…, ①②, （1）（2）, （一）（二） or 1. 2., on their own
 * lines or inline after ；or 。. Only the outermost enumeration splits: a ① inside 五是 stays part of 五是. An
 * enumerator counts only where a new clause may start (start of text or line, or after 。；：，), and only in sequence
 * (二是 after 一是), so that 统一是 or a stray ② do not split.
 */
final class MeasureSplitter {

    private static final String BOUNDARY = "\n。；;：:，,！!）) .";

    private MeasureSplitter() {
    }

    /** The measures of {@code text}; an empty text gives none, an unenumerated text one. */
    static List<Measure> split(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return List.of();
        }
        List<IntFunction<String>> schemes = List.of(
                n -> NumeralText.format(n) + "是",
                n -> String.valueOf((char) ('\u2460' + n - 1)),
                n -> "（" + n + "）",
                n -> "(" + n + ")",
                n -> "（" + NumeralText.format(n) + "）",
                n -> "(" + NumeralText.format(n) + ")",
                n -> n + ".",
                n -> n + "、",
                n -> n + "．");
        int bestFirst = Integer.MAX_VALUE;
        List<int[]> best = null;
        for (IntFunction<String> scheme : schemes) {
            List<int[]> cuts = sequence(t, scheme);
            // The outermost enumeration is the one whose 一 comes first.
            if (cuts.size() >= 2 && cuts.get(0)[0] < bestFirst) {
                bestFirst = cuts.get(0)[0];
                best = cuts;
            }
        }
        List<Measure> measures = new ArrayList<>();
        if (best == null) {
            measures.add(new Measure(null, clean(t)));
            return measures;
        }
        String preamble = clean(t.substring(0, best.get(0)[0]));
        if (!preamble.isEmpty()) {
            measures.add(new Measure(null, preamble));
        }
        for (int i = 0; i < best.size(); i++) {
            int start = best.get(i)[0];
            int bodyStart = best.get(i)[1];
            int end = i + 1 < best.size() ? best.get(i + 1)[0] : t.length();
            measures.add(new Measure(t.substring(start, bodyStart), clean(t.substring(bodyStart, end))));
        }
        return measures;
    }

    /** Positions [marker start, text start] of 1, 2, 3 … in order, stopping at the first that is missing. */
    private static List<int[]> sequence(String t, IntFunction<String> scheme) {
        List<int[]> cuts = new ArrayList<>();
        int from = 0;
        for (int n = 1; n < 100; n++) {
            String marker = scheme.apply(n);
            int at = find(t, marker, from);
            if (at < 0) {
                break;
            }
            cuts.add(new int[] {at, at + marker.length()});
            from = at + marker.length();
        }
        return cuts;
    }

    private static int find(String t, String marker, int from) {
        int at = t.indexOf(marker, from);
        while (at >= 0) {
            boolean boundary = at == 0 || BOUNDARY.indexOf(t.charAt(at - 1)) >= 0;
            // 1. must not be the start of a decimal (1.5) and 10. must not match inside 110.
            boolean digitBefore = at > 0 && Character.isDigit(t.charAt(at - 1));
            boolean digitAfter = at + marker.length() < t.length() && marker.endsWith(".") && Character.isDigit(t.charAt(at + marker.length()));
            if (boundary && !digitBefore && !digitAfter) {
                return at;
            }
            at = t.indexOf(marker, at + 1);
        }
        return -1;
    }

    private static String clean(String s) {
        String c = s.strip();
        while (!c.isEmpty() && "；;，,\n ".indexOf(c.charAt(c.length() - 1)) >= 0) {
            c = c.substring(0, c.length() - 1).strip();
        }
        return c;
    }
}
