package io.zhenggai.issue.importing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a bulletin before any tree is read: the title, the main body, the closing signature and date, and the
 * attachments (附件). A line 附件：… before the signature only refers to an attachment; the attachment itself starts at
 * a line 附件 (or 附件1, 附件：title) on its own, or at any 附件 line after the closing date.
 *
 * @param title       the first line
 * @param body        the main body: every line between the title and the signature (or the first attachment)
 * @param signatory   the line above the closing date, or {@code null}
 * @param reportDate  the closing date, or {@code null}
 * @param attachments the attachments in order
 */
record DocumentLayout(String title, List<String> body, String signatory, LocalDate reportDate, List<AttachmentText> attachments) {

    private static final Pattern ATTACHMENT = Pattern.compile("^附件\\s*(\\d{1,2}|[一二三四五六七八九十])?\\s*[：:]?\\s*(.*)$");
    private static final Pattern SENTENCE_END = Pattern.compile("[。；;！!？?，,：:]");
    private static final Pattern TITLE_END = Pattern.compile("(?:通报|报告|情况|公告|公示)$");
    private static final Pattern BRACKETED_DATE = Pattern.compile("^[（(](.+)[）)]$");

    /** The text of one attachment: its number as printed (may be empty), its title lines joined, and its body. */
    record AttachmentText(String number, String title, List<String> body) {
    }

    static DocumentLayout of(List<String> lines) {
        String title = lines.get(0);
        int first = 1;
        if (lines.size() > 2 && !TITLE_END.matcher(title).find() && TITLE_END.matcher(lines.get(1)).find()
                && lines.get(1).length() <= 40 && !SENTENCE_END.matcher(lines.get(1)).find() && Numbering.of(lines.get(1)).isEmpty()) {
            // A title broken over two lines: 中共…委员会关于 / …整改进展情况的通报.
            title = title + lines.get(1);
            first = 2;
        }
        int closing = -1;
        LocalDate reportDate = null;
        for (int i = first; i < lines.size(); i++) {
            Optional<LocalDate> date = DateText.closingDate(lines.get(i));
            if (date.isPresent()) {
                closing = i;
                reportDate = date.get();
                break;
            }
        }
        String signatory = null;
        int bodyEnd = closing < 0 ? lines.size() : closing;
        if (closing > first && isSignatory(lines.get(closing - 1))) {
            signatory = lines.get(closing - 1);
            bodyEnd = closing - 1;
        }
        if (closing < 0 && first < lines.size()) {
            // No signature: a date in brackets under the title, （2023年5月10日）, is the report date.
            Matcher m = BRACKETED_DATE.matcher(lines.get(first));
            if (m.matches()) {
                reportDate = DateText.closingDate(m.group(1)).orElse(null);
                if (reportDate != null) {
                    first++;
                }
            }
        }
        List<Integer> starts = new ArrayList<>();
        for (int i = first; i < lines.size(); i++) {
            Matcher m = ATTACHMENT.matcher(lines.get(i));
            if (m.matches() && (i > closing && closing >= 0 || m.group(2).isEmpty())) {
                starts.add(i);
            }
        }
        if (!starts.isEmpty() && starts.get(0) < bodyEnd) {
            bodyEnd = starts.get(0);
        }
        List<String> body = new ArrayList<>(lines.subList(Math.min(first, bodyEnd), bodyEnd));
        List<AttachmentText> attachments = new ArrayList<>();
        for (int k = 0; k < starts.size(); k++) {
            int from = starts.get(k);
            int to = k + 1 < starts.size() ? starts.get(k + 1) : lines.size();
            if (closing > from && closing < to) {
                // An attachment placed before the signature ends there.
                to = signatory != null ? closing - 1 : closing;
            }
            attachments.add(attachment(lines.subList(from, to)));
        }
        return new DocumentLayout(title, body, signatory, reportDate, attachments);
    }

    /** Whether {@code line} can be a signature: short, no sentence punctuation, not numbered, not a table's row. */
    static boolean isSignatory(String line) {
        return line.length() <= 40 && !SENTENCE_END.matcher(line).find() && Numbering.of(line).isEmpty()
                && !line.startsWith("附件") && !TableText.isRow(line);
    }

    private static AttachmentText attachment(List<String> lines) {
        Matcher m = ATTACHMENT.matcher(lines.get(0));
        m.matches();
        String number = m.group(1) == null ? "" : m.group(1);
        StringBuilder title = new StringBuilder(m.group(2));
        int i = 1;
        if (title.isEmpty()) {
            // The title runs over the short lines before the first heading or sentence.
            while (i < lines.size() && Numbering.of(lines.get(i)).isEmpty() && Label.at(lines.get(i)).isEmpty()
                    && !SENTENCE_END.matcher(lines.get(i)).find() && title.length() < 80) {
                title.append(lines.get(i));
                i++;
            }
        }
        return new AttachmentText(number, title.toString(), new ArrayList<>(lines.subList(i, lines.size())));
    }
}
