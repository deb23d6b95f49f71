package io.zhenggai.issue.importing;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Dates as bulletins print them: 2023年5月10日, 二〇二三年五月十日, 2023.5.10, 2023-05-10. */
final class DateText {

    private static final String CN = "〇零一二三四五六七八九十";
    static final Pattern FULL = Pattern.compile(
            "([12]\\d{3}|[" + CN + "]{4})\\s*年\\s*(\\d{1,2}|[" + CN + "]{1,2})\\s*月\\s*(\\d{1,2}|[" + CN + "]{1,3})\\s*日");
    private static final Pattern NUMERIC = Pattern.compile("([12]\\d{3})[.\\-/](\\d{1,2})[.\\-/](\\d{1,2})");
    private static final Pattern CLOSING = Pattern.compile("^(?:" + FULL.pattern() + "|" + NUMERIC.pattern() + ")$");

    private DateText() {
    }

    /** The date when {@code line} is a date and nothing else, as under a signature. */
    static Optional<LocalDate> closingDate(String line) {
        Matcher m = CLOSING.matcher(line.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return m.group(1) != null ? date(m.group(1), m.group(2), m.group(3)) : date(m.group(4), m.group(5), m.group(6));
    }

    /** A date from its year, month and day as printed (Arabic or Chinese numerals). */
    static Optional<LocalDate> date(String year, String month, String day) {
        int y = NumeralText.parseOr(year, -1);
        int mo = NumeralText.parseOr(month, -1);
        int d = NumeralText.parseOr(day, -1);
        try {
            return Optional.of(LocalDate.of(y, mo, d));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
