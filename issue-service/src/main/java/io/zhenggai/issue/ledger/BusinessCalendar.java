package io.zhenggai.issue.ledger;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Business dates (deadlines, as-of dates, warning levels) are dates in one zone: Asia/Shanghai by default, read from
 * the business clock ({@link BusinessClock}), which a test may move forward.
 */
@ApplicationScoped
public class BusinessCalendar {

    @ConfigProperty(name = "zhenggai.zone", defaultValue = "Asia/Shanghai")
    ZoneId zone;

    @Inject
    Clock clock;

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    /** The business clock's instant. */
    public Instant now() {
        return clock.instant();
    }

    public ZoneId zone() {
        return zone;
    }
}
