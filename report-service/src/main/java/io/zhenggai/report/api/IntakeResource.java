package io.zhenggai.report.api;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.zhenggai.report.intake.Intake;
import io.zhenggai.report.intake.IntakeLedger;
import io.zhenggai.report.intake.IntakeMetrics;

@Path("/api/intake")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Intake", description = "The consumer of the rectification event log. Its health, DOWN while an "
        + "aggregate waits behind a gap, is at /q/health/group/intake.")
public class IntakeResource {

    @Inject
    Intake intake;

    @Inject
    IntakeLedger ledger;

    @Inject
    IntakeMetrics metrics;

    @GET
    @Path("/status")
    @Operation(summary = "Applied, duplicate, held and dead-lettered events, rate, lag, gaps and the newest applied event")
    public IntakeStatus status() {
        Duration age = metrics.newestAppliedAge();
        Map<Integer, Long> offsets = new TreeMap<>();
        ledger.storedOffsets(intake.topic()).forEach((partition, offset) -> offsets.put(partition.partition(), offset));
        return new IntakeStatus(intake.isRunning(), (long) metrics.appliedCount(), metrics.appliedPerSecond(),
                (long) metrics.duplicateCount(), (long) metrics.deadLetteredCount(), metrics.deadLetteredByReason(),
                metrics.held(), metrics.lag(), ledger.newestAppliedEventTime().orElse(null),
                age == null ? null : age.toSeconds(), ledger.gaps(), offsets, intake.lastError());
    }
}
