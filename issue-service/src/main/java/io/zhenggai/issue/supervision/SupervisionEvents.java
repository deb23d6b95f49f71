package io.zhenggai.issue.supervision;

import java.time.LocalDate;
import java.util.List;

import io.zhenggai.issue.ledger.IssueSnapshot;

/** The payloads of the supervision events; the contract file defines them, the names here are its names. */
public final class SupervisionEvents {

    /** The actor of automatic reminders. */
    public static final String SYSTEM_ACTOR = "system:reminders";

    private SupervisionEvents() {
    }

    /** zhenggai.issue.reminded.v1 */
    public record Reminded(IssueSnapshot issue, Reminder reminder) {
    }

    /** @param recipients the units reminded */
    public record Reminder(ReminderLevel level, LocalDate day, List<String> recipients) {
    }

    /** zhenggai.issue.urged.v1: the office is the event's actor. */
    public record Urged(IssueSnapshot issue, Urge urge) {
    }

    public record Urge(String message, List<String> units) {
    }
}
