package io.zhenggai.report.intake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;


import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.zhenggai.report.store.Generations;
import io.zhenggai.report.store.ProjectionChanged;
import io.zhenggai.report.store.SwitchLock;

/**
 * The consumer of {@code rectification-events} (group {@code report-service}). Each poll batch is applied in one
 * database transaction together with the partition offsets and the per-aggregate sequences; positions live in the
 * database, not in Kafka, so after a crash, a rebalance or a redelivery nothing is counted twice or skipped.
 * Offsets are also committed to Kafka afterwards (at most once a second while events flow), only so that lag tools
 * see them.
 */
@ApplicationScoped
public class Intake {

    private static final Logger LOG = Logger.getLogger(Intake.class);
    /** Batches at least this large are read on all cores. */
    private static final int PARALLEL_READ = 64;

    @Inject
    IntakeLedger ledger;

    @Inject
    EventApplier applier;

    @Inject
    DeadLetters deadLetters;

    @Inject
    IntakeMetrics metrics;

    @Inject
    RecordReader reader;

    @Inject
    IntakeTracing tracing;

    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    @Inject
    Generations generations;

    @Inject
    SwitchLock switchLock;

    /** Told after each committed batch: the web app's pages refresh their figures (server-sent events). */
    @Inject
    jakarta.enterprise.event.Event<ProjectionChanged> changed;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "zhenggai.topic", defaultValue = "rectification-events")
    String topic;

    @ConfigProperty(name = "zhenggai.intake.group", defaultValue = "report-service")
    String group;

    @ConfigProperty(name = "zhenggai.intake.enabled", defaultValue = "true")
    boolean enabled;

    /**
     * On a backlog, fewer and larger transactions: a batch's fixed costs (some fifteen statements, the commit, and the
     * reads of its issues' states and open history rows, which may scan every open row) are paid per batch, and an
     * issue's several events in one batch write its view and counters once. A quiet topic still gives small batches at
     * once, so this costs no freshness.
     */
    @ConfigProperty(name = "zhenggai.intake.max-poll-records", defaultValue = "2000")
    int maxPollRecords;

    /**
     * How long the broker may wait to gather a fetch (or until {@link #FETCH_MIN_BYTES} arrive) before it answers. At a
     * steady trickle a fetch would otherwise bring one record at a time, and every batch pays the same fixed cost
     * (some fifteen statements and a commit that waits for the WAL to reach the disk): a few milliseconds of waiting
     * gathers several events into one batch for a fraction of that CPU. A backlog fills the fetch at once (no wait).
     */
    @ConfigProperty(name = "zhenggai.intake.fetch-max-wait-ms", defaultValue = "20")
    int fetchMaxWaitMillis;

    /**
     * How long the broker waits for a silent member of the intake's consumer group before it gives the member's
     * partitions to the others (the consumer's {@code session.timeout.ms}; Kafka's default, 45 s, unless set). An
     * instance killed without leaving the group holds its partitions that long: the other instances, or its
     * replacement, apply them only then. The consumer heartbeats every 3 s, or every third of a shorter timeout. The
     * broker accepts 6 s to 30 min by default ({@code group.min/max.session.timeout.ms}).
     */
    @ConfigProperty(name = "zhenggai.intake.session-timeout-ms", defaultValue = "45000")
    int sessionTimeoutMillis;

    /** A fetch this large is answered without waiting: a few dozen events, far more than a trickle brings. */
    private static final int FETCH_MIN_BYTES = 64 * 1024;

    private static final long HELD_RECOUNT_NANOS = 1_000_000_000L;
    /** When the intake thread last counted the held events (System.nanoTime). */
    private long heldCountedAt = System.nanoTime() - HELD_RECOUNT_NANOS - 1;

    /** The generation whose stored offsets the consumer's position came from. */
    private volatile String positionedFor;
    private volatile boolean running;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private Thread worker;
    private final AtomicReference<String> lastError = new AtomicReference<>();

    /**
     * Reads the held-events and blocked gauges from the active generation (at start, and after a switch of
     * generations, which may have applied events the old one held: the gauges are otherwise set by the next batch).
     */
    public void readGauges() {
        QuarkusTransaction.requiringNew().run(() ->
                metrics.restored(ledger.newestAppliedEventTime().orElse(null), ledger.heldCount()));
        metrics.blocked(ledger.blocked().size());
    }

    void onStart(@Observes StartupEvent event) {
        readGauges();
        if (!enabled) {
            return;
        }
        running = true;
        worker = new Thread(this::run, "intake");
        worker.setDaemon(true);
        worker.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (worker != null) {
            try {
                worker.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public String lastError() {
        return lastError.get();
    }

    public String topic() {
        return topic;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public boolean isRunning() {
        return running && worker != null && worker.isAlive();
    }

    private void run() {
        long backoff = 0;
        while (running) {
            try (KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(Map.ofEntries(
                    Map.entry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, sessionTimeoutMillis),
                    Map.entry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Math.min(3000, sessionTimeoutMillis / 3)),
                    Map.entry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                    Map.entry(ConsumerConfig.GROUP_ID_CONFIG, group),
                    Map.entry(ConsumerConfig.CLIENT_ID_CONFIG, group + "-intake"),
                    Map.entry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                    Map.entry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                    Map.entry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                    Map.entry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords),
                    Map.entry(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, fetchMaxWaitMillis > 0 ? FETCH_MIN_BYTES : 1),
                    Map.entry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, Math.max(fetchMaxWaitMillis, 1))),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                consumer = kafka;
                kafka.subscribe(List.of(topic), new SeekToStoredOffsets(kafka));
                // offsets applied but not yet told to Kafka: only lag tools read them there, so once a second is enough
                Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
                long committedAt = System.nanoTime();
                while (running) {
                    ConsumerRecords<byte[], byte[]> records = kafka.poll(Duration.ofMillis(500));
                    updateLag(kafka);
                    if (records.isEmpty()) {
                        committedAt = tellKafka(kafka, uncommitted, committedAt, true);
                        continue;
                    }
                    try {
                        Map<TopicPartition, Long> next = applyPolled(records);
                        announce(records);
                        backoff = 0;
                        lastError.set(null);
                        next.forEach((partition, offset) -> uncommitted.put(partition, new OffsetAndMetadata(offset)));
                        committedAt = tellKafka(kafka, uncommitted, committedAt, false);
                    } catch (GenerationSwitched e) {
                        // a replay's generation was switched in: continue from its offsets, not the retired one's
                        LOG.infof("Generation switched to %s; continuing from its stored offsets", e.getMessage());
                        rewind(kafka, kafka.assignment());
                    } catch (RuntimeException e) {
                        // nothing of the batch was applied (a failure no event is to blame for: the database, the
                        // DLQ, a bad deployment): go back to what the database says and try again
                        lastError.set(String.valueOf(e.getMessage()));
                        LOG.errorf(e, "Applying a batch failed; rewinding to the stored offsets");
                        backoff = Math.min(Math.max(backoff * 2, 500), 10_000);
                        sleep(backoff);
                        rewind(kafka, kafka.assignment());
                    }
                }
            } catch (WakeupException e) {
                // shutting down
            } catch (RuntimeException e) {
                lastError.set(String.valueOf(e.getMessage()));
                LOG.errorf(e, "The intake consumer failed; restarting it");
                sleep(2_000);
            } finally {
                consumer = null;
            }
        }
    }

    /**
     * Tells the service that a batch was committed: the issues in memory at once (they catch up now instead of at
     * their next poll, so the next answer does not wait for them), everyone else asynchronously. Nothing an observer
     * does may rewind a committed batch, so a failure is only logged.
     */
    private void announce(ConsumerRecords<byte[], byte[]> records) {
        long[] arrivals = new long[records.count()];
        int i = 0;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            arrivals[i++] = record.timestamp();
        }
        ProjectionChanged batch = new ProjectionChanged(arrivals);
        try {
            changed.fire(batch);
        } catch (RuntimeException e) {
            LOG.warnf(e, "An observer of a committed batch failed");
        }
        changed.fireAsync(batch);
    }

    /**
     * Commits the applied offsets to Kafka (asynchronously) when a second has passed since the last commit, or at once
     * when the topic is quiet; returns when it last did. The database holds the positions that count.
     */
    private static long tellKafka(KafkaConsumer<byte[], byte[]> kafka, Map<TopicPartition, OffsetAndMetadata> uncommitted,
                                  long committedAt, boolean quiet) {
        long now = System.nanoTime();
        if (uncommitted.isEmpty() || !quiet && now - committedAt < KAFKA_COMMIT_NANOS) {
            return committedAt;
        }
        uncommitted.keySet().retainAll(kafka.assignment()); // a rebalance may have taken some away
        if (!uncommitted.isEmpty()) {
            kafka.commitAsync(Map.copyOf(uncommitted), null);
        }
        uncommitted.clear();
        return now;
    }

    private static final long KAFKA_COMMIT_NANOS = 1_000_000_000L;

    /** A polled record and what reading it gave: an event, or why it is none (it was dead-lettered as read). */
    private record Item(ConsumerRecord<byte[], byte[]> record, RectificationEvent event, DeadLetters.Kind rejectedAs,
                        String reason, IntakeLedger.EventHeader header) {
    }

    /**
     * Applies a poll batch in one transaction. When an event fails by itself ({@link EventFailed#isPoison()}), the
     * transaction rolls back whole, the event is sent to the DLQ (acknowledged) and the batch is applied again with
     * that event set aside as a dead letter, in the transaction that moves the offset past it: the other events are
     * applied exactly once, and the intake never loops on one record. A failure no event is named for is tried again
     * with each event's bookkeeping written at once, which names it. Failures that are no event's fault go up: the
     * consumer rewinds and tries later.
     */
    private Map<TopicPartition, Long> applyPolled(ConsumerRecords<byte[], byte[]> records) {
        List<ConsumerRecord<byte[], byte[]>> list = new ArrayList<>(records.count());
        records.forEach(list::add);
        // parsing and the contract check are most of the CPU an event costs: spread them over the cores
        List<Item> items = (list.size() >= PARALLEL_READ ? list.parallelStream() : list.stream()).map(this::read)
                .toList();
        Isolation isolation = new Isolation();
        java.util.Set<Item> sent = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        double conflicts = metrics.conflictCount();
        // each retry sets aside one more event (or turns careful once): the loop ends
        for (int attempt = 0; ; attempt++) {
            try {
                Map<TopicPartition, Long> next = QuarkusTransaction.requiringNew().timeout(300)
                        .call(() -> applyBatch(items, isolation, sent));
                if (isolation.poisonedCount() > 0 || metrics.conflictCount() != conflicts) {
                    metrics.blocked(ledger.blocked().size());
                }
                return next;
            } catch (GenerationSwitched e) {
                throw e;
            } catch (RuntimeException e) {
                if (attempt > 2 * list.size() + 16 || !isolation.learn(e)) {
                    throw e;
                }
                if (e instanceof EventFailed failed) {
                    // in the DLQ before the offset moves past it; a crash between the two sends it again
                    deadLetter(failed, items);
                } else {
                    LOG.warnf("Applying a batch of %d failed (%s); applying it again one event at a time",
                            list.size(), EventFailed.describe(e));
                }
            }
        }
    }

    private Map<TopicPartition, Long> applyBatch(List<Item> items, Isolation isolation, java.util.Set<Item> sent) {
        // a replay switching generations holds this lock exclusively: wait for it, then see which one is active
        switchLock.shared();
        String generation = generations.bind();
        if (!generation.equals(positionedFor)) {
            throw new GenerationSwitched(generation);
        }
        deadLetterRejected(items, sent);
        Map<TopicPartition, Long> next = new HashMap<>();
        // lock and read the batch's aggregates at once, then apply in order
        List<RectificationEvent> events = items.stream().map(Item::event).filter(java.util.Objects::nonNull).toList();
        ledger.isolate(isolation);
        applier.prepare(events.stream().map(RectificationEvent::aggregateId).toList());
        ledger.prefetchAppliedIds(events);
        for (Item item : items) {
            ConsumerRecord<byte[], byte[]> record = item.record();
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (item.event() != null) {
                apply(item.event(), partition, record.offset());
            } else {
                ledger.recordDeadLetter(DeadLetters.Source.of(record), item.rejectedAs(), item.reason(), null,
                        item.header(), true);
            }
            next.put(partition, record.offset() + 1);
        }
        applier.flush();
        ledger.saveOffsets(next);
        // the gauge follows this batch's holds and releases at once, and others' (an operator's skip, another replica)
        // within a second: counting held_event after every batch cost a statement per batch for nothing
        long now = System.nanoTime();
        if (ledger.heldChanged() || now - heldCountedAt > HELD_RECOUNT_NANOS) {
            metrics.held(ledger.heldCount());
            heldCountedAt = now;
        }
        return next;
    }

    /** Applies one event in its span, a child of the trace it carries ({@link IntakeTracing}). */
    private void apply(RectificationEvent event, TopicPartition partition, long offset) {
        io.opentelemetry.api.trace.Span span = tracing.startApply(event, partition, offset);
        try (io.opentelemetry.context.Scope scope = span.makeCurrent()) {
            EventApplier.Outcome outcome = applier.accept(event, partition, offset);
            // inside the span: with JSON logs on, this line carries the event's trace id
            LOG.debugf("Event %s (%s, %s #%d, position %s) from %s@%d: %s", event.id(), event.type(),
                    event.aggregateId(), event.sequence(), event.position(), partition, offset, outcome);
            IntakeTracing.applied(span, outcome);
        } catch (RuntimeException e) {
            IntakeTracing.failed(span, e);
            throw e;
        }
    }

    /** The event a record carries ({@link RecordReader}); a record that is none goes to the DLQ with the reason. */
    private Item read(ConsumerRecord<byte[], byte[]> record) {
        RecordReader.Reading reading = reader.read(record.value());
        if (reading.accepted()) {
            return new Item(record, reading.event(), null, null, null);
        }
        return new Item(record, null, reading.rejectedAs(), reading.reason(), header(record.value()));
    }

    /**
     * Sends the batch's records that are no event to the DLQ, once per poll: only once the batch is known to apply
     * to the active generation (a switch rewinds and polls them again), before the offset moves past them. A crash
     * between the acknowledgement and the commit sends one again, as for every dead letter.
     */
    private void deadLetterRejected(List<Item> items, java.util.Set<Item> sent) {
        for (Item item : items) {
            if (item.event() == null && sent.add(item)) {
                ConsumerRecord<byte[], byte[]> record = item.record();
                deadLetters.send(record, item.rejectedAs(), item.reason());
                metrics.deadLettered(item.rejectedAs());
                LOG.warnf("Dead-lettered %s-%d@%d (%s): %s", record.topic(), record.partition(), record.offset(),
                        item.rejectedAs().tag(), item.reason());
            }
        }
    }

    /** What a rejected record says of its event, as far as it can be read: for the operators' list. */
    private IntakeLedger.EventHeader header(byte[] value) {
        try {
            com.fasterxml.jackson.databind.JsonNode tree = json.readTree(value);
            return new IntakeLedger.EventHeader(text(tree, "aggregatetype"), uuid(tree, "aggregateid"),
                    tree.path("sequence").canConvertToLong() ? tree.get("sequence").asLong() : null,
                    uuid(tree, "id"), text(tree, "type"), instant(tree, "time"));
        } catch (Exception e) {
            return IntakeLedger.EventHeader.NONE;
        }
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode tree, String field) {
        return tree.path(field).isTextual() ? tree.get(field).asText() : null;
    }

    private static java.util.UUID uuid(com.fasterxml.jackson.databind.JsonNode tree, String field) {
        try {
            return tree.path(field).isTextual() ? java.util.UUID.fromString(tree.get(field).asText()) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static java.time.Instant instant(com.fasterxml.jackson.databind.JsonNode tree, String field) {
        try {
            return tree.path(field).isTextual() ? java.time.Instant.parse(tree.get(field).asText()) : null;
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /**
     * Sends an event a projection failed on to the DLQ and waits for the acknowledgement: the record as it was read
     * when it is in this batch, else (an event held earlier, released now) the held copy with the coordinates it was
     * read at. Throws when the DLQ cannot take it: then nothing moves past it.
     */
    private void deadLetter(EventFailed failed, List<Item> items) {
        RectificationEvent event = failed.event();
        ConsumerRecord<byte[], byte[]> record = items.stream().map(Item::record)
                .filter(r -> failed.source() != null && r.partition() == failed.source().partition()
                        && r.offset() == failed.source().offset() && r.topic().equals(failed.source().topic()))
                .findFirst().orElse(null);
        if (record != null) {
            deadLetters.send(record, DeadLetters.Kind.PROJECTION_FAILURE, failed.reason(), failed.exceptionClass());
        } else {
            DeadLetters.Source source = failed.source() == null ? new DeadLetters.Source("unknown", -1, -1)
                    : failed.source();
            deadLetters.send(event.aggregateId().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    event.raw().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), null, source,
                    DeadLetters.Kind.PROJECTION_FAILURE, failed.reason(), failed.exceptionClass());
        }
        LOG.warnf("Dead-lettered %s (%s, %s #%d) (projection-failure): %s", failed.source(), event.id(),
                event.aggregateId(), event.sequence(), failed.reason());
    }

    /**
     * An operator's skip ({@link EventApplier#skipGap}): a held event it releases that a projection fails on goes to
     * the DLQ and is set aside as the intake would, instead of failing the skip for good.
     */
    public Optional<EventApplier.Skip> skipGap(java.util.UUID aggregateId, String reason) {
        return isolated(isolation -> applier.skipGap(aggregateId, reason, isolation));
    }

    /** An operator's dismissal of conflicts ({@link EventApplier#dismissConflicts}), isolated the same way. */
    public Optional<EventApplier.Dismissal> dismissConflicts(java.util.UUID aggregateId, String reason) {
        return isolated(isolation -> applier.dismissConflicts(aggregateId, reason, isolation));
    }

    private <T> T isolated(java.util.function.Function<Isolation, T> change) {
        Isolation isolation = new Isolation();
        while (true) {
            try {
                return change.apply(isolation);
            } catch (EventFailed failed) {
                if (!isolation.learn(failed)) {
                    throw failed;
                }
                deadLetter(failed, List.of());
            }
        }
    }

    private void rewind(KafkaConsumer<byte[], byte[]> kafka, Set<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> stored = QuarkusTransaction.requiringNew().call(() -> {
            positionedFor = generations.bind();
            return ledger.offsets(topic);
        });
        for (TopicPartition partition : partitions) {
            Long offset = stored.get(partition);
            if (offset == null) {
                kafka.seekToBeginning(List.of(partition));
            } else {
                kafka.seek(partition, offset);
            }
        }
    }

    private void updateLag(KafkaConsumer<byte[], byte[]> kafka) {
        Map<Integer, Long> byPartition = new TreeMap<>();
        for (TopicPartition partition : kafka.assignment()) {
            byPartition.put(partition.partition(), kafka.currentLag(partition).orElse(0L));
        }
        metrics.lag(byPartition);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The active generation is not the one the consumer was positioned for: the batch is not applied. */
    private static final class GenerationSwitched extends RuntimeException {
        GenerationSwitched(String generation) {
            super(generation, null, false, false);
        }
    }

    /** On assignment, continue from the offsets stored with the projections (the source of truth). */
    private final class SeekToStoredOffsets implements ConsumerRebalanceListener {
        private final KafkaConsumer<byte[], byte[]> kafka;

        SeekToStoredOffsets(KafkaConsumer<byte[], byte[]> kafka) {
            this.kafka = kafka;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            rewind(kafka, Set.copyOf(partitions));
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // offsets are already stored with each applied batch
        }
    }
}
