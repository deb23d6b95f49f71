package io.zhenggai.issue.importing;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deadline (完成时限) as responsibility lists print it, read as the last day it allows: 2023年6月30日, 2023年6月底前
 * and 2023年6月 (the month's last day), 2023年底 and 2023年年底前 (31 December), 2023年上半年, 2023年第三季度, 2023.6.30,
 * and, without a year, 6月底前 (the first such day on or after the date the list was given). Where several dates are
 * printed (6月底前阶段性完成，12月底前全面完成) the latest is the deadline. 长期坚持 and 立行立改 name no date.
 */
final class DeadlineText {

    private static final String CN = "〇零一二三四五六七八九十";
    private static final String YEAR = "([12]\\d{3}|[" + CN + "]{4})\\s*年";
    private static final String MONTH = "(\\d{1,2}|[" + CN + "]{1,3})\\s*月";
    private static final Pattern DAY = Pattern.compile("(?:" + YEAR + ")?\\s*" + MONTH + "\\s*(\\d{1,2}|[" + CN + "]{1,3})\\s*日");
    private static final Pattern MONTH_END = Pattern.compile("(?:" + YEAR + ")?\\s*" + MONTH + "(?!\\s*(?:\\d|[" + CN + "])+\\s*日)");
    private static final Pattern YEAR_END = Pattern.compile(YEAR + "\\s*(?:年底|底|年末|末|内|全年)");
    private static final Pattern HALF = Pattern.compile(YEAR + "\\s*(上半年|下半年)");
    private static final Pattern QUARTER = Pattern.compile(YEAR + "\\s*第?([一二三四1-4])季度");
    private static final Pattern NUMERIC = Pattern.compile("([12]\\d{3})[.\\-/](\\d{1,2})[.\\-/](\\d{1,2})");
    /** Words that mean the item has no date: it is kept up, or was fixed on the spot. */
    static final Pattern NO_DATE = Pattern.compile("长期坚持|长期|持续推进|持续整改|立行立改|立查立改|常态化");

    private DeadlineText() {
    }

    /**
     * @param text      the deadline as printed
     * @param reference the day the list was given (the feedback date), for a deadline printed without its year;
     *                  {@code null} when unknown (such a deadline then reads as no date)
     */
    static Optional<LocalDate> parse(String text, LocalDate reference) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        LocalDate latest = null;
        Matcher m = NUMERIC.matcher(text);
        while (m.find()) {
            latest = later(latest, DateText.date(m.group(1), m.group(2), m.group(3)).orElse(null));
        }
        m = DAY.matcher(text);
        while (m.find()) {
            latest = later(latest, withYear(m.group(1), m.group(2), m.group(3), reference));
        }
        m = MONTH_END.matcher(text);
        while (m.find()) {
            LocalDate first = withYear(m.group(1), m.group(2), "1", reference);
            latest = later(latest, first == null ? null : YearMonth.from(first).atEndOfMonth());
        }
        m = YEAR_END.matcher(text);
        while (m.find()) {
            latest = later(latest, DateText.date(m.group(1), "12", "31").orElse(null));
        }
        m = HALF.matcher(text);
        while (m.find()) {
            latest = later(latest, DateText.date(m.group(1), m.group(2).equals("上半年") ? "6" : "12",
                    m.group(2).equals("上半年") ? "30" : "31").orElse(null));
        }
        m = QUARTER.matcher(text);
        while (m.find()) {
            int quarter = NumeralText.parseOr(m.group(2), 0);
            LocalDate first = DateText.date(m.group(1), String.valueOf(quarter * 3), "1").orElse(null);
            latest = later(latest, first == null ? null : YearMonth.from(first).atEndOfMonth());
        }
        return Optional.ofNullable(latest);
    }

    /** Whether the deadline says the item is kept up rather than finished (长期坚持). */
    static boolean isLongTerm(String text) {
        return text != null && text.contains("长期");
    }

    private static LocalDate withYear(String year, String month, String day, LocalDate reference) {
        if (year != null) {
            return DateText.date(year, month, day).orElse(null);
        }
        if (reference == null) {
            return null;
        }
        LocalDate same = DateText.date(String.valueOf(reference.getYear()), month, day).orElse(null);
        return same == null || !same.isBefore(reference) ? same : same.plusYears(1);
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a == null || b != null && b.isAfter(a) ? b : a;
    }
}
