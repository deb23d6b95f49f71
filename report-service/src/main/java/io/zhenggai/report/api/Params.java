package io.zhenggai.report.api;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.UUID;
import java.util.regex.Pattern;

import io.zhenggai.report.projection.AsOf;

/**
 * Query parameters read by hand, so that a malformed one is a 400 problem naming it rather than a 404 from the
 * framework's conversion.
 */
final class Params {

    private Params() {
    }

    static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(name, "expected a UUID, not '" + value + "'");
        }
    }

    static int integer(String name, String value, int min, int max, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number < min || number > max) {
                throw ApiException.invalid(name, "expected a whole number from " + min + " to " + max + ", not "
                        + number);
            }
            return number;
        } catch (NumberFormatException e) {
            throw ApiException.invalid(name, "expected a whole number, not '" + value + "'");
        }
    }

    /**
     * A true/false parameter; absent is {@code fallback}. Anything else is refused, rather than read as false the way
     * the framework's own conversion would.
     */
    static boolean bool(String name, String value, boolean fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.invalid(name, "expected true or false, not '" + value + "'");
        };
    }

    /**
     * A text to store or look up: at most {@code maxLength} characters and no NUL, which PostgreSQL cannot hold in
     * text (it would refuse the statement, and the caller would see a server error for its own input).
     */
    static String text(String name, String value, int maxLength) {
        if (value == null) {
            return null;
        }
        if (value.length() > maxLength) {
            throw ApiException.invalid(name, "at most " + maxLength + " characters, not " + value.length());
        }
        if (value.indexOf('\0') >= 0) {
            throw ApiException.invalid(name, "a NUL character (\\u0000) cannot be stored");
        }
        return value;
    }

    /** The version an {@code If-Match} header names (the ETag of a version, "2"), or null without one. */
    static Integer ifMatchVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String version = ifMatch.strip().replace("W/", "").replace("\"", "");
        try {
            return Integer.parseInt(version);
        } catch (NumberFormatException e) {
            throw ApiException.invalid("If-Match", "expected the ETag of a version, e.g. \"2\", not " + ifMatch);
        }
    }

    /** An indicator version: a positive whole number, or null for the latest. */
    static Integer version(String value) {
        return value == null || value.isBlank() ? null : integer("version", value, 1, Integer.MAX_VALUE, 0);
    }

    /** The earliest moment answered for: the database's dates reach back far, but not to every year Java parses. */
    private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

    /** A date-time whose offset's '+' arrived as a space (an unencoded '+' in a query string reads as one). */
    private static final Pattern SPACED_OFFSET = Pattern.compile("(.*T[0-9:.]+) ([0-9]{2}:?[0-9]{2})");

    /**
     * The moment of an answer: {@code asOf} a date ({@code 2023-03-31}, a day in the business zone) or an instant
     * with an offset ({@code 2023-03-31T10:00:00+08:00}, {@code …Z}); {@code basis} effective (the default) or
     * recorded. Null when {@code asOf} is absent: the answer is live. A moment after now (a date after today in the
     * business zone) is refused: the ledger holds nothing yet about it, and an answer that looked like a forecast
     * would only be today's. {@code basis} without {@code asOf} is refused rather than ignored.
     */
    static AsOf asOf(String asOf, String basis, ZoneId zone) {
        if (asOf == null || asOf.isBlank()) {
            if (basis != null && !basis.isBlank()) {
                throw ApiException.invalid("basis", "basis says which clock asOf is read on: give asOf too "
                        + "(a date such as 2023-03-31, or an instant such as 2023-03-31T10:00:00+08:00)");
            }
            return null;
        }
        AsOf.Basis clock = AsOf.Basis.EFFECTIVE;
        if (basis != null && !basis.isBlank()) {
            try {
                clock = AsOf.Basis.byCode(basis);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("basis", "expected effective or recorded, not '" + basis + "'");
            }
        }
        String value = SPACED_OFFSET.matcher(asOf.strip()).replaceFirst("$1+$2");
        try {
            if (!value.contains("T")) {
                LocalDate date = LocalDate.parse(value);
                if (date.isBefore(EARLIEST)) {
                    throw ApiException.invalid("asOf", "asOf " + date + " is before " + EARLIEST + ": the ledger "
                            + "holds nothing that old");
                }
                LocalDate today = LocalDate.now(zone);
                if (date.isAfter(today)) {
                    throw ApiException.invalid("asOf", "asOf " + date + " is after today (" + today + " in " + zone
                            + "): the ledger cannot answer for the future");
                }
                return AsOf.date(date, clock, zone);
            }
            Instant instant = OffsetDateTime.parse(value).toInstant();
            if (instant.isBefore(EARLIEST.atStartOfDay(zone).toInstant())) {
                throw ApiException.invalid("asOf", "asOf " + instant + " is before " + EARLIEST + ": the ledger "
                        + "holds nothing that old");
            }
            if (instant.isAfter(Instant.now())) {
                throw ApiException.invalid("asOf", "asOf " + instant + " is in the future: the ledger cannot answer "
                        + "for it");
            }
            return AsOf.instant(instant, clock, zone);
        } catch (DateTimeException e) {
            throw ApiException.invalid("asOf", "expected a date such as 2023-03-31 or an instant with an offset such "
                    + "as 2023-03-31T10:00:00+08:00 or 2023-03-31T02:00:00Z, not '" + asOf + "'");
        }
    }
}
