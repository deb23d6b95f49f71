package io.zhenggai.report.api;

import java.util.UUID;

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

    /** An indicator version: a positive whole number, or null for the latest. */
    static Integer version(String value) {
        return value == null || value.isBlank() ? null : integer("version", value, 1, Integer.MAX_VALUE, 0);
    }
}
