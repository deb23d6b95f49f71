package io.zhenggai.report.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.zhenggai.report.Events;
import io.zhenggai.report.store.ChangeFeed;
import io.zhenggai.report.store.Generation;
import io.zhenggai.report.store.Generations;

/**
 * The change feed as the intake writes it (issue 16): one log row per transaction that applied events, naming exactly
 * the aggregates it applied (issues and inspections, also those a released held event changed), and none for a
 * transaction that applied nothing (redeliveries, an event held behind a gap) or rolled back. Events go through the
 * real reader and applier, a batch per transaction as the intake applies them, in a generation of its own.
 */
@QuarkusTest
class ChangeLogTest {

    private static final TopicPartition PARTITION = new TopicPartition("change-log-test", 0);

    @Inject
    RecordReader reader;

    @Inject
    EventApplier applier;

    @Inject
    ChangeFeed feed;

    @Inject
    Generations generations;

    private long offset;

    /** Applies the records as one batch of the intake: prepare, accept each, flush, in one transaction. */
    private List<EventApplier.Outcome> batch(Events.Record... records) {
        List<RectificationEvent> events = java.util.Arrays.stream(records)
                .map(r -> reader.read(r.value().getBytes(StandardCharsets.UTF_8)))
                .peek(reading -> assertThat(reading.accepted()).as(reading.reason()).isTrue())
                .map(RecordReader.Reading::event).toList();
        return QuarkusTransaction.requiringNew().call(() -> {
            applier.prepare(events.stream().map(RectificationEvent::aggregateId).toList());
            List<EventApplier.Outcome> outcomes = events.stream()
                    .map(event -> applier.accept(event, PARTITION, offset++)).toList();
            applier.flush();
            return outcomes;
        });
    }

    private RectificationEvent event(Events.Record record) {
        return reader.read(record.value().getBytes(StandardCharsets.UTF_8)).event();
    }

    @Test
    void shouldLogEachApplyingTransactionOnceWithExactlyItsAggregates() throws Exception {
        Generation generation = generations.create("change log test");
        try {
            generations.in(generation.schema(), () -> {
                check(generation.schema());
                return null;
            });
        } finally {
            QuarkusTransaction.requiringNew().run(() -> generations.cancel(generation.number()));
        }
    }

    private void check(String schema) {
        Events.Inspection inspection = new Events.Inspection();
        Events.Issue first = inspection.issue("main", "一", 1, "问题一").deadline(LocalDate.now().plusDays(30));
        Events.Issue second = inspection.issue("main", "一", 1, "问题二");
        Events.Record inspectionCreated = inspection.created();
        Events.Record firstCreated = first.created();
        Events.Record secondCreated = second.created();
        Events.Record firstProgress = first.progress(LocalDate.now().minusDays(1));

        long start = feed.clock(schema);
        assertThat(batch(inspectionCreated, firstCreated, secondCreated, firstProgress))
                .containsOnly(EventApplier.Outcome.APPLIED);
        assertLogged(schema, start, Set.of(inspection.id, first.id, second.id));

        // redelivered: the transaction commits (offsets) but applied nothing, so it logs nothing
        long afterFirst = start + 1;
        assertThat(batch(inspectionCreated, firstCreated, firstProgress)).containsOnly(EventApplier.Outcome.DUPLICATE);
        assertThat(feed.clock(schema)).isEqualTo(afterFirst);

        // an event after a gap is held, nothing applied
        Events.Record secondProgress = second.progress(LocalDate.now().minusDays(2));
        Events.Record secondLater = second.progress(LocalDate.now().minusDays(1));
        assertThat(batch(secondLater)).containsExactly(EventApplier.Outcome.HELD);
        assertThat(feed.clock(schema)).isEqualTo(afterFirst);

        // the missing event arrives and releases the held one: one row, the one issue
        assertThat(batch(secondProgress)).containsExactly(EventApplier.Outcome.APPLIED);
        assertLogged(schema, afterFirst, Set.of(second.id));

        // a transaction flushed several times (as a careful batch is, event by event) still logs one row
        Events.Record firstMore = first.progress(LocalDate.now());
        Events.Record secondMore = second.progress(LocalDate.now());
        long beforeCareful = feed.clock(schema);
        QuarkusTransaction.requiringNew().run(() -> {
            applier.accept(event(firstMore), PARTITION, offset++);
            applier.flush();
            applier.accept(event(secondMore), PARTITION, offset++);
            applier.flush();
        });
        assertLogged(schema, beforeCareful, Set.of(first.id, second.id));

        // applied, then rolled back: nothing logged, and the next transaction takes the number again
        Events.Record rolledBack = first.progress(LocalDate.now());
        long beforeRollback = feed.clock(schema);
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                assertThat(applier.accept(event(rolledBack), PARTITION, offset++))
                        .isEqualTo(EventApplier.Outcome.APPLIED);
                applier.flush();
                throw new IllegalStateException("roll back");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        assertThat(feed.clock(schema)).isEqualTo(beforeRollback);
        assertThat(batch(rolledBack)).containsExactly(EventApplier.Outcome.APPLIED);
        assertLogged(schema, beforeRollback, Set.of(first.id));
    }

    /** Exactly one row after {@code before}, with exactly these aggregates. */
    private void assertLogged(String schema, long before, Set<UUID> aggregates) {
        ChangeFeed.Changes changes = feed.since(schema, before, 100);
        assertThat(changes.complete()).isTrue();
        assertThat(changes.upTo()).as("one row").isEqualTo(before + 1);
        assertThat(changes.clock()).isEqualTo(before + 1);
        assertThat(changes.aggregateIds()).containsExactlyInAnyOrderElementsOf(aggregates);
    }
}
