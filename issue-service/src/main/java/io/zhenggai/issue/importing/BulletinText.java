package io.zhenggai.issue.importing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The lines of a bulletin as the parser reads them: trimmed, without empty lines or page numbers, and with the stray
 * spaces that copying from a PDF or web page leaves between Chinese characters removed (调度 会 → 调度会), while a
 * space between two Latin words or numbers is kept. A table pasted as text keeps its cells apart: from a header row
 * that {@link TableText} recognises on, each row separated by tabs or by two or more spaces becomes one line whose
 * normalised cells are joined by a tab, until a line that does not belong to the table.
 */
final class BulletinText {

    private static final Pattern PAGE_NUMBER = Pattern.compile("^[—\\-－–\\s]*\\d{1,3}[—\\-－–\\s]*$");
    private static final Pattern SEPARATED = Pattern.compile("\t|\\S[ \\u3000\\u00A0]{2,}\\S");

    private BulletinText() {
    }

    /** The non-empty, normalised lines of {@code text}. */
    static List<String> lines(String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<String> lines = new ArrayList<>();
        boolean inTable = false;
        for (String raw : body.split("\\r\\n|\\r|\\n")) {
            if (SEPARATED.matcher(raw).find()) {
                List<String> cells = TableText.cells(raw);
                if (cells.size() >= 2 && (inTable || TableText.header(cells).isPresent())) {
                    inTable = true;
                    lines.add(row(cells));
                    continue;
                }
            }
            String line = normalise(raw);
            if (!line.isEmpty() && !PAGE_NUMBER.matcher(line).matches()) {
                inTable &= TableText.isSpanningRow(line);
                lines.add(line);
            }
        }
        return lines;
    }

    /** A table row: its cells normalised, joined by tabs. */
    private static String row(List<String> cells) {
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            row.append(i == 0 ? "" : "\t").append(normalise(cells.get(i)));
        }
        return row.toString();
    }

    /** {@code raw} trimmed (also of full-width and no-break spaces), with spaces kept only between Latin alphanumerics. */
    static String normalise(String raw) {
        String s = raw.replace('\u3000', ' ').replace('\u00A0', ' ').replace('\t', ' ').strip();
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ') {
                char before = out.isEmpty() ? ' ' : out.charAt(out.length() - 1);
                int j = i;
                while (j < s.length() && s.charAt(j) == ' ') {
                    j++;
                }
                char after = j < s.length() ? s.charAt(j) : ' ';
                if (isLatin(before) && isLatin(after)) {
                    out.append(' ');
                }
                i = j - 1;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isLatin(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
