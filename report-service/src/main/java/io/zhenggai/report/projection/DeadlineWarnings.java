package io.zhenggai.report.projection;

import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.zhenggai.report.store.Generation;
import io.zhenggai.report.store.Generations;
import io.zhenggai.report.store.InGeneration;

/**
 * The warning light (预警) of every issue by {@link WarningRule} (the ledger's rule, kept equal to issue-service's
 * so that counts by warning agree with it), stored in {@code issue_view.warning}. Computed when an event changes an
 * issue, and for every issue each day just after midnight in the business zone (and at startup, in case the service
 * slept through a midnight), because the light changes with the date even when nothing happens.
 */
@ApplicationScoped
public class DeadlineWarnings {

    private static final Logger LOG = Logger.getLogger(DeadlineWarnings.class);

    @Inject
    EntityManager em;

    @Inject
    ReportCalendar calendar;

    @Inject
    Generations generations;

    void atStartup(@Observes StartupEvent event) {
        recomputeToday();
    }

    @Scheduled(identity = "deadline-warnings", cron = "{zhenggai.warnings.cron}", timeZone = "{zhenggai.zone}")
    void daily() {
        recomputeToday();
    }

    /** For the active generation and any being built (a replay's generation must not switch in with old colours). */
    public void recomputeToday() {
        LocalDate today = calendar.today();
        for (Generation generation : generations.list()) {
            if (generation.state() != Generation.State.ACTIVE && generation.state() != Generation.State.BUILDING) {
                continue;
            }
            try {
                int changed = generations.in(generation.schema(),
                        () -> QuarkusTransaction.requiringNew().call(() -> recompute(today)));
                if (changed > 0) {
                    LOG.infof("Deadline warnings recomputed for %s in %s: %d issues changed colour", today,
                            generation.schema(), changed);
                }
            } catch (Exception e) {
                // the next run (or the next event of an issue) catches up
                LOG.warnf(e, "Recomputing deadline warnings in %s failed", generation.schema());
            }
        }
    }

    /**
     * Recomputes every issue's warning for {@code today} in the transaction's generation; returns how many changed.
     * The rule's SQL form ({@link WarningRule#sql}). The only writer of the projections besides the applied events, and
     * deliberately not in the change feed ({@code ChangeFeed}): the in-memory answers compute the warning from the
     * deadline and the date themselves, and a midnight's row per issue would flood the feed for nothing.
     */
    @Transactional
    @InGeneration
    public int recompute(LocalDate today) {
        // one scan of the issues (a self-join on id read them twice and hashed them: 0.6 s at 100,000 issues, at
        // every start, where this runs before the service answers)
        String level = WarningRule.sql("status", "deadline", "CAST(?1 AS date)");
        return em.createNativeQuery("UPDATE issue_view SET warning = " + level + " WHERE warning <> " + level)
                .setParameter(1, today)
                .executeUpdate();
    }
}
