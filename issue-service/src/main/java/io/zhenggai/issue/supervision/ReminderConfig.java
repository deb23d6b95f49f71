package io.zhenggai.issue.supervision;

import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the reminders ({@code zhenggai.reminders.*}). */
@ConfigMapping(prefix = "zhenggai.reminders")
public interface ReminderConfig {

    /** How often the sweep looks for due reminders (a Quarkus {@code every}; {@code off} disables it). */
    @WithDefault("5m")
    String every();

    /** The levels reminded; the others are never made. */
    @WithDefault("UNSIGNED,YELLOW,RED,STALE")
    Set<ReminderLevel> levels();

    /** An assignment unsigned for this many days (or more) is reminded to the lead unit, daily. */
    @WithDefault("3")
    int unsignedDays();

    /** An open issue unchanged for this many days (or more) is reminded to its units, daily. */
    @WithDefault("30")
    int staleDays();
}
