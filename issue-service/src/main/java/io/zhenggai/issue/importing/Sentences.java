package io.zhenggai.issue.importing;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into sentences at 。！？ (and their ASCII forms followed by a space or the end) and at line breaks,
 * keeping the final punctuation. Quotation marks stay inside the sentence they open.
 */
final class Sentences {

    private Sentences() {
    }

    static List<String> of(String text) {
        List<String> sentences = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                flush(sentences, current);
                continue;
            }
            current.append(c);
            boolean end = c == '。' || c == '！' || c == '？'
                    || (c == '!' || c == '?') && (i + 1 == text.length() || text.charAt(i + 1) == ' ')
                    || c == '.' && isAsciiFullStop(text, i);
            if (end) {
                // A closing quotation mark belongs to the sentence it closes.
                while (i + 1 < text.length() && "”’」』\"".indexOf(text.charAt(i + 1)) >= 0) {
                    current.append(text.charAt(++i));
                }
                flush(sentences, current);
            }
        }
        flush(sentences, current);
        return sentences;
    }

    /**
     * Whether the ASCII dot at {@code i} ends a sentence, as in bulletins typed with ASCII punctuation: not inside a
     * number (93.3%) and not after a heading number at the start of a line (1.落实…).
     */
    static boolean isAsciiFullStop(String text, int i) {
        boolean digitBefore = i > 0 && Character.isDigit(text.charAt(i - 1));
        boolean digitAfter = i + 1 < text.length() && Character.isDigit(text.charAt(i + 1));
        if (digitBefore && digitAfter) {
            return false;
        }
        if (digitBefore) {
            int j = i - 1;
            while (j > 0 && Character.isDigit(text.charAt(j - 1))) {
                j--;
            }
            return !(j == 0 || text.charAt(j - 1) == '\n');
        }
        return true;
    }

    private static void flush(List<String> sentences, StringBuilder current) {
        String s = current.toString().strip();
        if (!s.isEmpty()) {
            sentences.add(s);
        }
        current.setLength(0);
    }
}
