package io.zhenggai.report.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * Instants as text, exactly as {@link Instant#toString()} writes them and {@link Instant#parse} reads them, without
 * java.time's formatter machinery for the plain form {@code 2026-12-04T23:38:31.123456Z} that every event and every
 * stored timestamp uses: each event's time is read once and written to PostgreSQL four or five times, and the
 * formatter's parse and print were 4% of a replay's CPU. Anything else (another year range, a leap second, an offset)
 * goes to java.time itself, so the answers, and the exceptions, are java.time's.
 */
public final class InstantText {

    private static final long SECONDS_PER_DAY = 86_400;
    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the years written with four digits and no sign. */
    private static final long FIRST_PLAIN = -62_167_219_200L;
    private static final long LAST_PLAIN = 253_402_300_799L;

    private InstantText() {
    }

    /** A value's text as SQL takes it: an instant's as {@link #format} writes it, anything else's toString. */
    public static String text(Object value) {
        return value instanceof Instant instant ? format(instant) : value.toString();
    }

    /** The same text as {@code instant.toString()}. */
    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST_PLAIN || seconds > LAST_PLAIN) {
            return instant.toString(); // a year before 0000 or after 9999, written with its sign
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
        int year = date.getYear();
        int ofDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        int nano = instant.getNano();
        char[] text = new char[30];
        digits(text, 0, year, 4);
        text[4] = '-';
        digits(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, ofDay / 3600, 2);
        text[13] = ':';
        digits(text, 14, ofDay / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, ofDay % 60, 2);
        int length = 19;
        if (nano > 0) {
            // in groups of three digits, as ISO_INSTANT prints them
            text[length++] = '.';
            if (nano % 1_000_000 == 0) {
                digits(text, length, nano / 1_000_000, 3);
                length += 3;
            } else if (nano % 1_000 == 0) {
                digits(text, length, nano / 1_000, 6);
                length += 6;
            } else {
                digits(text, length, nano, 9);
                length += 9;
            }
        }
        text[length++] = 'Z';
        return new String(text, 0, length);
    }

    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The same instant as {@code Instant.parse(text)}, or its exception. */
    public static Instant parse(CharSequence text) {
        int length = text.length();
        // yyyy-MM-ddTHH:mm:ss, then .f (1 to 9 digits) or nothing, then Z
        if (length < 20 || length > 30 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
                || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return Instant.parse(text);
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 2);
        int day = number(text, 8, 2);
        int hour = number(text, 11, 2);
        int minute = number(text, 14, 2);
        int second = number(text, 17, 2);
        int nano = 0;
        if (length > 20) {
            int digits = length - 21;
            if (text.charAt(19) != '.' || digits < 1) {
                return Instant.parse(text);
            }
            nano = number(text, 20, digits);
            for (int k = digits; k < 9 && nano >= 0; k++) {
                nano *= 10;
            }
        } else if (text.charAt(19) != 'Z') {
            return Instant.parse(text);
        }
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59
                || nano < 0 || day > YearMonth.of(year, month).lengthOfMonth()) {
            return Instant.parse(text); // not the plain form (or not a date): java.time decides, and says why
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nano);
    }

    /** The decimal number in these characters, or -1 when one is not an ASCII digit. */
    private static int number(CharSequence text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
