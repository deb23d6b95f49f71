package io.zhenggai.report.intake;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.health.api.HealthGroup;

/**
 * The intake's own health, at {@code /q/health/group/intake}: DOWN while any aggregate waits behind a gap (each such
 * aggregate is named with the sequence it misses and how many events it holds), behind an event dead-lettered because
 * a projection failed on it, or behind a conflict (named with the reason), or while the consumer is not running.
 * <p>
 * A health group rather than readiness, on purpose: a gap in one issue's events makes that figures wait, but
 * every other answer of this service is still right, so taking the whole service out of a load balancer (or failing
 * the local launcher, which waits for {@code /q/health} to be UP) would be the wrong reaction. Operators alert on this
 * group and on the {@code zhenggai_intake_held} metric.
 */
@ApplicationScoped
@HealthGroup("intake")
public class IntakeHealth implements HealthCheck {

    /** At most this many gaps are named: the rest are counted. */
    private static final int NAMED_GAPS = 20;

    @Inject
    Intake intake;

    @Inject
    IntakeLedger ledger;

    @Inject
    IntakeMetrics metrics;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder health = HealthCheckResponse.named("rectification-events intake");
        List<IntakeLedger.Gap> gaps = QuarkusTransaction.requiringNew().call(ledger::gaps);
        List<IntakeLedger.Blocked> blocked = QuarkusTransaction.requiringNew().call(ledger::blocked);
        metrics.blocked(blocked.size());
        boolean running = intake.isRunning() || !intake.isEnabled();
        health.status(running && gaps.isEmpty() && blocked.isEmpty())
                .withData("running", intake.isRunning())
                .withData("gaps", gaps.size())
                .withData("blocked", blocked.size())
                .withData("heldEvents", gaps.stream().mapToLong(IntakeLedger.Gap::heldEvents).sum())
                .withData("lag", metrics.lag());
        gaps.stream().limit(NAMED_GAPS).forEach(gap -> health.withData("aggregate " + gap.aggregateId(),
                "missing sequence " + gap.missingSequence() + ", holding " + gap.heldEvents() + " event(s) from "
                        + gap.lowestHeldSequence() + " since " + gap.heldSince()));
        // named after the gaps, so an aggregate in both says why it waits: dead-lettered, or a conflict
        blocked.stream().limit(NAMED_GAPS).forEach(b -> health.withData("aggregate " + b.aggregateId(),
                b.reason() + " at sequence " + b.sequence() + " (" + b.detail() + "), holding " + b.heldEvents()
                        + " event(s) since " + b.since()));
        if (intake.lastError() != null) {
            health.withData("lastError", intake.lastError());
        }
        return health.build();
    }
}
