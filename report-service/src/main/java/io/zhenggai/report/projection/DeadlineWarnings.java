package io.zhenggai.report.projection;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.zhenggai.report.indicator.IssueStatus;
import io.zhenggai.report.indicator.WarningLevel;
import io.zhenggai.report.store.Generation;
import io.zhenggai.report.store.Generations;
import io.zhenggai.report.store.InGeneration;

/**
 * The warning light (预警) of every issue: the ledger's rule, kept equal to issue-service's so that counts by warning
 * agree with it. RED past the deadline, YELLOW with at most {@value #YELLOW_DAYS} days left, GREEN otherwise; NONE
 * without a deadline or once CLOSED or LONG_TERM. Computed when an event changes an issue, and for every issue each
 * day just after midnight in the business zone (and at startup, in case the service slept through a midnight),
 * because the light changes with the date even when nothing happens.
 */
@ApplicationScoped
public class DeadlineWarnings {

    private static final Logger LOG = Logger.getLogger(DeadlineWarnings.class);

    public static final int YELLOW_DAYS = 10;

    @Inject
    EntityManager em;

    @Inject
    ReportCalendar calendar;

    @Inject
    Generations generations;

    public static WarningLevel level(IssueStatus status, LocalDate deadline, LocalDate today) {
        if (deadline == null || status == IssueStatus.CLOSED || status == IssueStatus.LONG_TERM) {
            return WarningLevel.NONE;
        }
        long daysLeft = ChronoUnit.DAYS.between(today, deadline);
        if (daysLeft < 0) {
            return WarningLevel.RED;
        }
        return daysLeft <= YELLOW_DAYS ? WarningLevel.YELLOW : WarningLevel.GREEN;
    }

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
     * The same rule as {@link #level}.
     */
    @Transactional
    @InGeneration
    public int recompute(LocalDate today) {
        return em.createNativeQuery("""
                        UPDATE issue_view SET warning = w.level
                        FROM (SELECT id, CASE
                                WHEN deadline IS NULL OR status IN ('CLOSED', 'LONG_TERM') THEN 'NONE'
                                WHEN deadline < CAST(?1 AS date) THEN 'RED'
                                WHEN deadline <= CAST(?1 AS date) + ?2 THEN 'YELLOW'
                                ELSE 'GREEN' END AS level
                              FROM issue_view) w
                        WHERE issue_view.id = w.id AND issue_view.warning <> w.level""")
                .setParameter(1, today.toString())
                .setParameter(2, YELLOW_DAYS)
                .executeUpdate();
    }
}
