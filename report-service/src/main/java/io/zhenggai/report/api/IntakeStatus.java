package io.zhenggai.report.api;

import java.time.Instant;
import java.util.List;

import io.zhenggai.report.intake.IntakeLedger;

/** How the intake stands: what it applied, what waits behind gaps, what it dead-lettered, how far behind it is. */
public record IntakeStatus(boolean running, long applied, long duplicates, long deadLettered, long lag,
                           Instant newestAppliedEventTime, long newestAppliedAgeSeconds,
                           List<IntakeLedger.Gap> gaps, String lastError) {
}
