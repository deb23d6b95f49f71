package io.zhenggai.issue.ledger;

import java.time.Clock;
import java.time.ZoneId;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.DefaultBean;

/**
 * The business clock: the system clock in the business zone. It is a bean so that "today" (warning levels, due
 * reminders) has one source; a test replaces it with a clock it can move forward.
 */
public class BusinessClock {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock(@ConfigProperty(name = "zhenggai.zone", defaultValue = "Asia/Shanghai") ZoneId zone) {
        return Clock.system(zone);
    }
}
