package io.zhenggai.issue.journal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One row of the journal: an event that happened to an aggregate, written in the same transaction as the change.
 *
 * @param position      global, gap-free order of the journal (0 for an entry just appended: the sequencer gives
 *                      it a position after its commit)
 * @param sequence      per-aggregate order: 1, 2, 3 … with no gaps
 * @param recordedAt    when the system learned it
 * @param effectiveDate when it took effect, if the user said so (a 补录 is effective long before recorded)
 * @param actor         the subject of the caller's token
 * @param traceparent   the W3C trace context of the request that made the change, or null without tracing
 */
public record JournalEntry(long position, UUID eventId, String type, AggregateType aggregateType, UUID aggregateId,
                           long sequence, Instant recordedAt, LocalDate effectiveDate, String actor, JsonNode payload,
                           String traceparent) {
}
