package io.zhenggai.issue.importing;

import java.util.Optional;

/**
 * The text of a heading after its number, taken apart: the title sentence, what the heading line says after it (the
 * seed's 1.关于落实党的建设主体责任不到位的问题。党的建设工作领导小组成立以来未开展实质性工作。…), a bracketed status
 * label (…的问题（已完成）), and a progress paragraph that some bulletins put on the heading line itself
 * (1.关于…问题。整改情况：已完成。…).
 *
 * @param title       the title sentence, without its final punctuation
 * @param description the rest of the heading line before any progress label; may be empty
 * @param status      the status of a bracketed label, or {@code null}
 * @param statusLabel the bracketed label, or {@code null}
 * @param inlineBody  the heading line from its progress label on, or {@code null}
 */
record Heading(String title, String description, ReportedStatus status, String statusLabel, String inlineBody) {

    static Heading of(String rest) {
        String text = rest.strip();
        String inlineBody = null;
        int label = Label.inlineProgressStart(text);
        if (label >= 0) {
            inlineBody = text.substring(label);
            text = text.substring(0, label).strip();
        }
        ReportedStatus status = null;
        String statusLabel = null;
        Optional<StatusVocabulary.Bracketed> bracketed = StatusVocabulary.bracketedIn(text);
        if (bracketed.isPresent()) {
            status = bracketed.get().status();
            statusLabel = bracketed.get().label();
            text = (text.substring(0, bracketed.get().start()) + text.substring(bracketed.get().end())).strip();
        }
        String title = text;
        String description = "";
        int stop = titleEnd(text);
        if (stop >= 0 && stop < text.length() - 1) {
            title = text.substring(0, stop);
            description = text.substring(stop + 1).strip();
        }
        return new Heading(trimEnd(title), description, status, statusLabel, inlineBody);
    }

    /** The whole heading text without its final punctuation: aspect titles are kept whole. */
    String fullTitle() {
        return description.isEmpty() ? title : title + "。" + description;
    }

    /** The end of the title sentence: the first 。, or an ASCII full stop in a bulletin typed with ASCII punctuation. */
    private static int titleEnd(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '。' || text.charAt(i) == '.' && Sentences.isAsciiFullStop(text, i)) {
                return i;
            }
        }
        return -1;
    }

    private static String trimEnd(String s) {
        String t = s.strip();
        while (!t.isEmpty() && "。；;，,：:.".indexOf(t.charAt(t.length() - 1)) >= 0) {
            t = t.substring(0, t.length() - 1).strip();
        }
        return t;
    }
}
