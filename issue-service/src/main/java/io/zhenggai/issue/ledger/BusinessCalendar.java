package io.zhenggai.issue.ledger;

import java.time.LocalDate;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Business dates (deadlines, as-of dates, warning levels) are dates in one zone: Asia/Shanghai by default. */
@ApplicationScoped
public class BusinessCalendar {

    @ConfigProperty(name = "zhenggai.zone", defaultValue = "Asia/Shanghai")
    ZoneId zone;

    public LocalDate today() {
        return LocalDate.now(zone);
    }

    public ZoneId zone() {
        return zone;
    }
}
