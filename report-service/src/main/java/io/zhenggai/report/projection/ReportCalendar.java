package io.zhenggai.report.projection;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Business dates (deadlines, as-of dates, effective dates, warning levels, staleness) are dates in one zone:
 * Asia/Shanghai unless configured otherwise ({@code zhenggai.zone}).
 */
@ApplicationScoped
public class ReportCalendar {

    @ConfigProperty(name = "zhenggai.zone", defaultValue = "Asia/Shanghai")
    ZoneId zone;

    public LocalDate today() {
        return LocalDate.now(Clock.system(zone));
    }

    public ZoneId zone() {
        return zone;
    }
}
