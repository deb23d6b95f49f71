package io.zhenggai.issue.importing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The status labels of the genre (已完成, 基本完成, 正在整改, 长期坚持 …) and where they are written: as the whole
 * first clause of a label (整改情况：已完成。…), as a label of its own (整改状态：基本完成), in brackets after the
 * title (…的问题（长期坚持）), or as the whole last clause of a problem's paragraph (…二是建立台账。已完成。). Prose such
 * as 已全部完成整改 inside a measure is not a status label: it often speaks of one part of the issue.
 */
final class StatusVocabulary {

    /** Longest first, so that 已完成整改 wins over 已完成. */
    private static final Map<String, ReportedStatus> LABELS = new LinkedHashMap<>();

    static {
        LABELS.put("已完成整改", ReportedStatus.COMPLETED);
        LABELS.put("已整改完成", ReportedStatus.COMPLETED);
        LABELS.put("已整改到位", ReportedStatus.COMPLETED);
        LABELS.put("整改完成", ReportedStatus.COMPLETED);
        LABELS.put("已完成", ReportedStatus.COMPLETED);
        LABELS.put("已整改", ReportedStatus.COMPLETED);
        LABELS.put("已办结", ReportedStatus.COMPLETED);
        LABELS.put("已销号", ReportedStatus.COMPLETED);
        LABELS.put("完成", ReportedStatus.COMPLETED);
        LABELS.put("基本完成", ReportedStatus.IN_PROGRESS);
        LABELS.put("正在整改", ReportedStatus.IN_PROGRESS);
        LABELS.put("持续整改", ReportedStatus.IN_PROGRESS);
        LABELS.put("整改中", ReportedStatus.IN_PROGRESS);
        LABELS.put("正在推进", ReportedStatus.IN_PROGRESS);
        LABELS.put("部分完成", ReportedStatus.IN_PROGRESS);
        LABELS.put("未完成", ReportedStatus.IN_PROGRESS);
        LABELS.put("长期坚持", ReportedStatus.LONG_TERM);
        LABELS.put("长期整改", ReportedStatus.LONG_TERM);
        LABELS.put("长期推进", ReportedStatus.LONG_TERM);
    }

    private static final Pattern BRACKETED;
    /** What ends a clause that may be a closing status label. */
    private static final String CLAUSE_END = "。；;，,！!";
    private static final List<String> CLOSING_PREFIXES = List.of("目前", "现");

    static {
        String alternatives = String.join("|", LABELS.keySet());
        BRACKETED = Pattern.compile("[（(【\\[](" + alternatives + ")[）)】\\]]");
    }

    private StatusVocabulary() {
    }

    /** The status that {@code label} names when it is exactly a status label. */
    static Optional<ReportedStatus> statusOf(String label) {
        return Optional.ofNullable(LABELS.get(label));
    }

    /**
     * The status label that opens {@code value} as its whole first clause (已完成。 / 基本完成，…), if any, with the
     * length of the opening that it takes (label and separator), so that the caller can cut it off.
     */
    static Optional<Opening> openingOf(String value) {
        String v = value.strip();
        for (String label : LABELS.keySet()) {
            if (v.startsWith(label)) {
                int end = label.length();
                if (end == v.length()) {
                    return Optional.of(new Opening(label, LABELS.get(label), end));
                }
                char next = v.charAt(end);
                if ("。；;，,.！!".indexOf(next) >= 0) {
                    return Optional.of(new Opening(label, LABELS.get(label), end + 1));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The status label that closes {@code value} as its whole last clause, as paragraphs of problems end: …二是建立台账。
     * 已完成。 / …，目前正在推进。 Only 目前 or 现 may stand before the label; {@link Closing#start()} is where the clause
     * begins, so that the caller can cut it off. A text that is nothing but a label is {@link #openingOf}'s.
     */
    static Optional<Closing> closingOf(String value) {
        int end = value.length();
        while (end > 0 && (Character.isWhitespace(value.charAt(end - 1)) || CLAUSE_END.indexOf(value.charAt(end - 1)) >= 0)) {
            end--;
        }
        int start = end;
        while (start > 0 && CLAUSE_END.indexOf(value.charAt(start - 1)) < 0 && value.charAt(start - 1) != '\n') {
            start--;
        }
        if (start == 0 || end - start > 12) {
            return Optional.empty();
        }
        String clause = value.substring(start, end).strip();
        for (String prefix : CLOSING_PREFIXES) {
            if (clause.startsWith(prefix) && LABELS.containsKey(clause.substring(prefix.length()))) {
                clause = clause.substring(prefix.length());
                break;
            }
        }
        ReportedStatus status = LABELS.get(clause);
        return status == null ? Optional.empty() : Optional.of(new Closing(clause, status, start));
    }

    /** A bracketed status label in {@code text}, e.g. （已完成）. */
    static Optional<Bracketed> bracketedIn(String text) {
        Matcher m = BRACKETED.matcher(text);
        if (m.find()) {
            return Optional.of(new Bracketed(m.group(1), LABELS.get(m.group(1)), m.start(), m.end()));
        }
        return Optional.empty();
    }

    /** A status label at the start of a text, and how many characters it takes. */
    record Opening(String label, ReportedStatus status, int length) {
    }

    /** A status label that closes a text, and where its clause starts. */
    record Closing(String label, ReportedStatus status, int start) {
    }

    /** A bracketed status label and where it sits. */
    record Bracketed(String label, ReportedStatus status, int start, int end) {
    }
}
