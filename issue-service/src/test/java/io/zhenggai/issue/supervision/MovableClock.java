package io.zhenggai.issue.supervision;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import jakarta.inject.Singleton;

/**
 * The business clock of the tests: the system clock, moved forward by an offset a test sets (and resets). It
 * replaces the service's default clock bean in every {@code @QuarkusTest}; with no offset it is the system clock.
 */
@Singleton
public class MovableClock extends Clock {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private volatile Duration offset = Duration.ZERO;

    /** Moves the clock so that the business date is {@code day} (the time of day stays the system's). */
    public void moveTo(LocalDate day) {
        offset = Duration.ofDays(day.toEpochDay() - LocalDate.now(ZONE).toEpochDay());
    }

    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
        return ZONE;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }
}
