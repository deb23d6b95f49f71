package io.zhenggai.issue.supervision;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.zhenggai.issue.journal.AggregateType;
import io.zhenggai.issue.journal.EventTypes;
import io.zhenggai.issue.journal.Journal;
import io.zhenggai.issue.ledger.AssignmentState;
import io.zhenggai.issue.ledger.BusinessCalendar;
import io.zhenggai.issue.ledger.Caller;
import io.zhenggai.issue.ledger.Inspection;
import io.zhenggai.issue.ledger.Issue;
import io.zhenggai.issue.ledger.IssueService;
import io.zhenggai.issue.ledger.IssueSnapshot;
import io.zhenggai.issue.ledger.IssueStatus;
import io.zhenggai.issue.ledger.LedgerException;
import io.zhenggai.issue.ledger.Roles;
import io.zhenggai.issue.ledger.WarningLevel;

/**
 * 督办 as events. The sweep finds the issues due a reminder on the business date (签收提醒 UNSIGNED, 临期提醒 YELLOW,
 * 逾期催办 RED, 无进展 STALE) and makes each reminder once per issue, level and day: under the issue's row lock it
 * inserts the {@code reminder} row with ON CONFLICT DO NOTHING and, only if that inserted it, bumps the issue's sequence
 * and journals {@code reminded.v1}, all in one transaction. A second sweep (another instance, a restart, two threads)
 * finds the row and makes nothing. YELLOW and RED are the ledger's {@link WarningLevel}, not a rule of their own.
 * <p>
 * A reminder is repeated on every day the issue stays at its level (daily 催办); what is sent outside the service is
 * driven by the journal ({@link InboxFollower}), never by a replay of the topic.
 */
@ApplicationScoped
public class Reminders {

    private static final Logger LOG = Logger.getLogger(Reminders.class);

    @Inject
    EntityManager em;

    @Inject
    Journal journal;

    @Inject
    BusinessCalendar calendar;

    @Inject
    ReminderConfig config;

    @Scheduled(identity = "reminder-sweep", every = "${zhenggai.reminders.every:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledSweep() {
        int made = sweep(calendar.today());
        if (made > 0) {
            LOG.infof("Reminder sweep: %d reminders", made);
        }
    }

    /** Makes the reminders due on {@code today}; returns how many this call made (0 when another made them). */
    public int sweep(LocalDate today) {
        int made = 0;
        for (UUID id : candidates(today)) {
            made += QuarkusTransaction.requiringNew().call(() -> remind(id, today));
        }
        return made;
    }

    /**
     * The issues that may be due, a superset: open, with units, and a deadline within the yellow window, an
     * unsigned assignment, or no change for the stale days. {@link #due} decides.
     */
    @SuppressWarnings("unchecked")
    List<UUID> candidates(LocalDate today) {
        Instant startOfToday = today.atStartOfDay(calendar.zone()).toInstant();
        return QuarkusTransaction.requiringNew().call(() -> (List<UUID>) em.createNativeQuery("""
                        SELECT id FROM issue
                        WHERE status IN ('NOT_STARTED', 'IN_PROGRESS') AND cardinality(responsible_units) > 0
                          AND ((deadline IS NOT NULL AND deadline <= ?1)
                               OR (assignment_state = 'ASSIGNED' AND assigned_at < ?2)
                               OR updated_at < ?3)
                        ORDER BY id""", UUID.class)
                .setParameter(1, today.plusDays(WarningLevel.YELLOW_DAYS))
                .setParameter(2, Timestamp.from(startOfToday.minus(config.unsignedDays() - 1L, ChronoUnit.DAYS)))
                .setParameter(3, Timestamp.from(startOfToday.minus(config.staleDays() - 1L, ChronoUnit.DAYS)))
                .getResultList());
    }

    /** The reminders of one issue due on {@code today} that no one has made yet; returns how many it made. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int remind(UUID issueId, LocalDate today) {
        Issue issue = Issue.findById(issueId, LockModeType.PESSIMISTIC_WRITE);
        if (issue == null) {
            return 0;
        }
        int made = 0;
        for (ReminderLevel level : due(issue, today)) {
            List<String> recipients = level == ReminderLevel.UNSIGNED ? List.of(issue.leadUnit)
                    : List.copyOf(issue.responsibleUnits);
            int inserted = em.createNativeQuery("""
                            INSERT INTO reminder (id, issue_id, level, day, sequence, created_at)
                            VALUES (?1, ?2, ?3, ?4, ?5, now())
                            ON CONFLICT (issue_id, level, day) DO NOTHING""")
                    .setParameter(1, UUID.randomUUID())
                    .setParameter(2, issue.id)
                    .setParameter(3, level.name())
                    .setParameter(4, today)
                    .setParameter(5, issue.sequence + 1)
                    .executeUpdate();
            if (inserted == 0) {
                continue; // made already, by this instance or another
            }
            issue.sequence++; // a reminder is news, not a change: updated_at stays, so it does not end staleness
            IssueSnapshot snapshot = IssueService.snapshot(issue, Inspection.forReading(issue.inspectionId));
            journal.append(AggregateType.ISSUE, issue.id, issue.sequence, EventTypes.ISSUE_REMINDED, null,
                    SupervisionEvents.SYSTEM_ACTOR, new SupervisionEvents.Reminded(snapshot,
                            new SupervisionEvents.Reminder(level, today, recipients)));
            issue = Issue.findById(issueId); // the journal cleared the session
            made++;
        }
        return made;
    }

    /** Which levels an issue is due on {@code today}, by the configuration and the ledger's warning rule. */
    Set<ReminderLevel> due(Issue issue, LocalDate today) {
        Set<ReminderLevel> due = EnumSet.noneOf(ReminderLevel.class);
        if (issue.responsibleUnits.isEmpty()
                || (issue.status != IssueStatus.NOT_STARTED && issue.status != IssueStatus.IN_PROGRESS)) {
            return due; // no one to remind, or nothing the units still owe (a completion awaits the office)
        }
        if (issue.assignmentState == AssignmentState.ASSIGNED && issue.leadUnit != null && issue.assignedAt != null
                && !date(issue.assignedAt).plusDays(config.unsignedDays()).isAfter(today)) {
            due.add(ReminderLevel.UNSIGNED);
        }
        WarningLevel warning = WarningLevel.of(issue.status, issue.deadline, today);
        if (warning == WarningLevel.YELLOW) {
            due.add(ReminderLevel.YELLOW);
        } else if (warning == WarningLevel.RED) {
            due.add(ReminderLevel.RED);
        }
        if (issue.updatedAt != null && !date(issue.updatedAt).plusDays(config.staleDays()).isAfter(today)) {
            due.add(ReminderLevel.STALE);
        }
        due.retainAll(config.levels());
        return due;
    }

    /**
     * 催办: the office urges the issue's units (or some of them) with a message. If-Match is optional: it changes
     * nothing of the issue.
     */
    @Transactional
    public UUID urge(UUID issueId, UrgeInput input, String ifMatch, Caller caller) {
        if (!caller.has(Roles.OFFICE)) {
            throw LedgerException.forbidden("office-only", "Only the office (巡察办/整改办) may urge (催办)");
        }
        Issue issue = Issue.findById(issueId, LockModeType.PESSIMISTIC_WRITE);
        if (issue == null) {
            throw LedgerException.notFound("Issue", issueId);
        }
        if (ifMatch != null) {
            IssueService.checkVersion(issue, ifMatch);
        }
        if (issue.status == IssueStatus.CLOSED) {
            throw LedgerException.conflict("closed", "A closed issue (已销号) is not urged; reopen it (回头看) first");
        }
        List<String> units;
        if (input.units() == null || input.units().isEmpty()) {
            units = List.copyOf(issue.responsibleUnits);
        } else {
            units = new ArrayList<>(new LinkedHashSet<>(input.units().stream().map(String::strip).toList()));
            for (int i = 0; i < units.size(); i++) {
                if (!issue.responsibleUnits.contains(units.get(i))) {
                    throw LedgerException.invalid("units[" + i + "]", units.get(i)
                            + " is not a responsible unit of this issue: " + issue.responsibleUnits);
                }
            }
        }
        if (units.isEmpty()) {
            throw LedgerException.conflict("no-units", "The issue has no responsible units to urge yet (交办 first)");
        }
        issue.sequence++;
        IssueSnapshot snapshot = IssueService.snapshot(issue, Inspection.forReading(issue.inspectionId));
        journal.append(AggregateType.ISSUE, issue.id, issue.sequence, EventTypes.ISSUE_URGED, null, caller.id(),
                new SupervisionEvents.Urged(snapshot, new SupervisionEvents.Urge(input.message().strip(), units)));
        return issue.id;
    }

    private LocalDate date(Instant instant) {
        return LocalDate.ofInstant(instant, calendar.zone());
    }
}
