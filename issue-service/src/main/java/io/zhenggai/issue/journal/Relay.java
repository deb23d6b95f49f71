package io.zhenggai.issue.journal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Publishes journal rows to Kafka in journal order, which is per-aggregate order, and moves a cursor
 * ({@code journal_published}) past what the broker acknowledged, one UPDATE per batch: the journal itself stays
 * insert-only. Idempotent producer with {@code acks=all}. Nothing after the first failed record of a batch is sent,
 * and the cursor moves only past the acknowledged prefix of a batch; the rest is sent again (consumers drop what they
 * have seen by aggregate and sequence), so a broker outage delays events but never loses or reorders them. Writers
 * never wait for Kafka. {@code deploy/e2e}'s {@code RelayBrokerCrashIT} kills the broker under load to prove it.
 * Ranges an operator asked to publish again ({@code journal_republish}) go before new rows.
 * <p>
 * One relay at a time across replicas: each batch runs under a transaction-scoped PostgreSQL advisory lock. The
 * {@link Sequencer} wakes it when it has given rows their positions.
 */
@ApplicationScoped
public class Relay {

    private static final Logger LOG = Logger.getLogger(Relay.class);
    private static final long ADVISORY_LOCK = 0x7A68656E67676169L; // "zhenggai"

    @Inject
    Journal journal;

    @Inject
    CloudEvents cloudEvents;

    @Inject
    EventTracing tracing;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "zhenggai.topic", defaultValue = "rectification-events")
    String topic;

    @ConfigProperty(name = "zhenggai.relay.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "zhenggai.relay.batch-size", defaultValue = "500")
    int batchSize;

    private final Object signal = new Object();
    private final AtomicLong published = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private volatile Instant lastErrorAt;
    private volatile boolean running;
    private volatile boolean wakeRequested;
    private Thread worker;
    private Producer<String, byte[]> producer;
    /** From a row's recording to the broker's acknowledgement: what a reader of the topic waits for. */
    private Timer publishLatency;

    void onStart(@Observes StartupEvent event) {
        registry.gauge("zhenggai.relay.unpublished", this, relay -> relay.safeUnpublishedCount());
        registry.more().counter("zhenggai.relay.published", List.of(), published);
        publishLatency = Timer.builder("zhenggai.relay.publish.latency")
                .description("Time from an event's recording in the journal to the broker's acknowledgement")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10)).register(registry);
        if (!enabled) {
            return;
        }
        running = true;
        worker = new Thread(this::run, "journal-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        wake();
        if (worker != null) {
            try {
                worker.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeProducer(Duration.ofSeconds(5));
    }

    public long publishedCount() {
        return published.get();
    }

    public String lastError() {
        return lastError.get();
    }

    public Instant lastErrorAt() {
        return lastErrorAt;
    }

    /** Publish soon after rows got positions instead of waiting for the next poll. */
    void wake() {
        synchronized (signal) {
            wakeRequested = true;
            signal.notifyAll();
        }
    }

    private void run() {
        long backoff = 0;
        while (running) {
            int sent;
            try {
                sent = QuarkusTransaction.requiringNew().timeout(120).call(this::publishBatch);
                if (sent >= 0) {
                    backoff = 0;
                }
            } catch (RuntimeException e) {
                sent = -1;
                fail(e);
            }
            if (sent < 0) {
                backoff = Math.min(Math.max(backoff * 2, 200), 5_000);
                pause(backoff);
            } else if (sent < batchSize) {
                pause(500);
            }
        }
    }

    /** @return rows acknowledged, or -1 after a failure */
    private int publishBatch() {
        if (!journal.tryTransactionLock(ADVISORY_LOCK)) {
            return 0; // another replica relays
        }
        long[] republish = journal.republishRange();
        long cursor = republish == null ? journal.publishedCursor() : -1;
        List<Journal.Outgoing> batch = republish == null ? journal.outgoingAfter(cursor, batchSize)
                : journal.outgoingRange(republish[1], republish[2], batchSize);
        if (batch.isEmpty()) {
            if (republish != null) {
                journal.republished(republish[0], republish[2], republish[2]); // nothing left in it
                return batchSize; // go on at once
            }
            return 0;
        }
        Producer<String, byte[]> kafka = producer();
        List<Future<?>> acks = new ArrayList<>(batch.size());
        // one publish span per row, child of the request that journaled it, ended when the broker answers
        List<io.opentelemetry.api.trace.Span> spans = new ArrayList<>(batch.size());
        RuntimeException failure = null;
        // Nothing may be sent after a record that failed: a later event of the same aggregate would overtake it.
        // send() does not throw when the broker is away: it waits max.block.ms for metadata, then calls the
        // callback and returns an already failed future, and the next send() succeeds if the broker is back by
        // then. So the loop stops at the first failure. A failure that completes later, in the producer's I/O
        // thread (a batch expiring after delivery.timeout.ms), closes the producer from its callback, before the
        // idempotent producer can bump its epoch and go on with the partition's later batches.
        AtomicBoolean failed = new AtomicBoolean();
        Thread relayThread = Thread.currentThread();
        Callback stopAtFirstFailure = (metadata, exception) -> {
            if (exception != null && failed.compareAndSet(false, true) && Thread.currentThread() != relayThread) {
                kafka.close(Duration.ZERO);
            }
        };
        for (Journal.Outgoing outgoing : batch) {
            if (failed.get()) {
                break; // the failed future is among the acks and ends the acknowledged prefix below
            }
            JournalEntry entry = outgoing.entry();
            io.opentelemetry.api.trace.Span span = tracing.startPublish(entry, topic);
            try {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null,
                        entry.aggregateId().toString(), cloudEvents.serialize(entry, outgoing.payload()),
                        List.of(new RecordHeader("content-type",
                                CloudEvents.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8))));
                acks.add(kafka.send(record, stopAtFirstFailure));
                spans.add(span);
            } catch (RuntimeException e) {
                EventTracing.failed(span, e);
                failure = e; // e.g. the producer was closed by the callback above; the acks below say why
                break;
            }
        }
        int done = 0;
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get();
                done++;
                publishLatency.record(Duration.between(batch.get(i).entry().recordedAt(), Instant.now()));
                spans.get(i).end();
            } catch (Exception e) {
                failure = new IllegalStateException("Broker did not acknowledge position "
                        + batch.get(i).entry().position(), e);
                break; // only the acknowledged prefix: a later row of the same aggregate must not pass an earlier one
            }
        }
        for (int i = done; i < spans.size(); i++) {
            EventTracing.failed(spans.get(i), failure); // not published: sent again by a later batch
        }
        if (done > 0) {
            long last = batch.get(done - 1).entry().position();
            if (republish == null) {
                journal.movePublishedCursor(last);
            } else {
                journal.republished(republish[0], last, republish[2]);
            }
        }
        published.addAndGet(done);
        if (failure != null) {
            fail(failure);
            closeProducer(Duration.ZERO); // a fresh idempotent producer session for the resend
            return done == 0 ? -1 : done;
        }
        lastError.set(null);
        return republish != null ? batchSize : done; // after a republished range, go on at once
    }

    private void fail(Exception e) {
        String message = e.getMessage() + (e.getCause() != null ? ": " + e.getCause().getMessage() : "");
        if (!message.equals(lastError.get())) {
            LOG.warnf("Relay cannot publish yet (will retry): %s", message);
        }
        lastError.set(message);
        lastErrorAt = Instant.now();
    }

    private synchronized Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.CLIENT_ID_CONFIG, "issue-service-relay",
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                    ProducerConfig.LINGER_MS_CONFIG, 5,
                    // the topic takes events up to 16 MiB (max.message.bytes); the journal refuses bigger ones
                    ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Journal.MAX_EVENT_BYTES * 2,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000),
                    new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    private synchronized void closeProducer(Duration timeout) {
        if (producer != null) {
            try {
                producer.close(timeout);
            } catch (RuntimeException e) {
                LOG.debug("Closing the relay producer", e);
            }
            producer = null;
        }
    }

    private long safeUnpublishedCount() {
        try {
            return QuarkusTransaction.requiringNew().call(journal::unpublishedCount);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private void pause(long millis) {
        synchronized (signal) {
            if (!wakeRequested && running) {
                try {
                    signal.wait(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            wakeRequested = false;
        }
    }
}
