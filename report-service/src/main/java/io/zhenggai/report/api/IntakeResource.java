package io.zhenggai.report.api;

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
@Tag(name = "Intake", description = "The consumer of the rectification event log")
public class IntakeResource {

    @Inject
    Intake intake;

    @Inject
    IntakeLedger ledger;

    @Inject
    IntakeMetrics metrics;

    @GET
    @Path("/status")
    @Operation(summary = "Applied, duplicate and dead-lettered events, lag, gaps and the newest applied event")
    public IntakeStatus status() {
        return new IntakeStatus(intake.isRunning(), (long) metrics.appliedCount(), (long) metrics.duplicateCount(),
                (long) metrics.deadLetteredCount(), metrics.lag(), ledger.newestAppliedEventTime().orElse(null),
                metrics.newestAppliedAge().toSeconds(), ledger.gaps(), intake.lastError());
    }
}
