package io.zhenggai.report.intake;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;

/**
 * Sends records the intake cannot apply to {@code rectification-events.dlq}, unchanged, with the reason and the
 * source coordinates in headers. The send is acknowledged before the transaction that moves the source offset past
 * the record commits, so a poison record is never lost (at worst it lands twice in the DLQ after a crash or a rolled
 * back batch).
 * <p>
 * The producer takes records as large as the source topic does (16 MiB) plus room for the headers. A record the DLQ
 * topic still refuses as too large (its own {@code max.message.bytes} is smaller) goes without its value, with a
 * header saying so: the source topic keeps it, at the offset the headers name.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    public static final String REASON = "zhenggai-dlq-reason";
    /** {@link Kind} of the reason, for routing and counting without parsing the text. */
    public static final String KIND = "zhenggai-dlq-kind";
    public static final String SOURCE_TOPIC = "zhenggai-dlq-source-topic";
    public static final String SOURCE_PARTITION = "zhenggai-dlq-source-partition";
    public static final String SOURCE_OFFSET = "zhenggai-dlq-source-offset";
    /** For a projection failure: the class of the exception that made it fail (the innermost cause). */
    public static final String EXCEPTION = "zhenggai-dlq-exception";
    /** Present when the DLQ topic refused the record's size: the value is omitted and stays in the source topic. */
    public static final String VALUE_OMITTED = "zhenggai-dlq-value-omitted";
    /** A reason is cut to this many characters: enough for a database error, never a record's worth of headers. */
    static final int MAX_REASON = 2000;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "zhenggai.dlq-topic", defaultValue = "rectification-events.dlq")
    String topic;

    /** The source topic's max.message.bytes (16 MiB) and 1 MiB for the headers. */
    @ConfigProperty(name = "zhenggai.dlq.max-request-bytes", defaultValue = "17825792")
    int maxRequestBytes;

    private Producer<byte[], byte[]> producer;

    /** Why a record could not be applied. */
    public enum Kind {
        /** Not JSON, or not a JSON object. */
        UNREADABLE,
        /** JSON that breaks the event contract (the schema file). */
        CONTRACT,
        /** Keeps the schema but cannot be applied as it is (e.g. a date that does not exist). */
        UNAPPLICABLE,
        /** Keeps the schema and was read, but applying it failed in a projection (e.g. a figure the database refuses). */
        PROJECTION_FAILURE;

        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        public static Kind ofTag(String tag) {
            return valueOf(tag.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        }
    }

    /** Where a record was read: a topic partition and offset. */
    public record Source(String topic, int partition, long offset) {

        public static Source of(ConsumerRecord<?, ?> record) {
            return new Source(record.topic(), record.partition(), record.offset());
        }

        @Override
        public String toString() {
            return topic + "-" + partition + "@" + offset;
        }
    }

    public void send(ConsumerRecord<byte[], byte[]> source, Kind kind, String reason) {
        send(source, kind, reason, null);
    }

    /** The record as it was read, with its own headers and the reason. */
    public void send(ConsumerRecord<byte[], byte[]> source, Kind kind, String reason, String exception) {
        send(source.key(), source.value(), source.headers(), Source.of(source), kind, reason, exception);
    }

    /**
     * A record of which only the key and value are at hand (an event that was held behind a gap and failed when
     * released: its value is the held copy of the event).
     */
    public void send(byte[] key, byte[] value, Headers headers, Source source, Kind kind, String reason,
                     String exception) {
        try {
            await(record(key, value, headers, source, kind, reason, exception), source);
        } catch (RecordTooLargeException e) {
            LOG.errorf("The DLQ refused %s (%d bytes) as too large; sending it without its value, which stays in "
                    + "the source topic", source, value == null ? 0 : value.length);
            ProducerRecord<byte[], byte[]> omitted = record(key, null, headers, source, kind, reason, exception);
            omitted.headers().add(VALUE_OMITTED, bytes((value == null ? 0 : value.length) + " bytes, too large for "
                    + topic + ": read it at " + source));
            await(omitted, source);
        }
    }

    private ProducerRecord<byte[], byte[]> record(byte[] key, byte[] value, Headers headers, Source source, Kind kind,
                                                  String reason, String exception) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, key, value);
        if (headers != null) {
            headers.forEach(record.headers()::add);
        }
        record.headers().add(REASON, bytes(cut(reason)));
        record.headers().add(KIND, bytes(kind.tag()));
        record.headers().add(SOURCE_TOPIC, bytes(source.topic()));
        record.headers().add(SOURCE_PARTITION, bytes(String.valueOf(source.partition())));
        record.headers().add(SOURCE_OFFSET, bytes(String.valueOf(source.offset())));
        if (exception != null) {
            record.headers().add(EXCEPTION, bytes(exception));
        }
        return record;
    }

    private void await(ProducerRecord<byte[], byte[]> record, Source source) {
        try {
            producer().send(record).get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while dead-lettering", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RecordTooLargeException tooLarge) {
                throw tooLarge;
            }
            throw new IllegalStateException("Could not dead-letter " + source, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Could not dead-letter " + source, e);
        }
    }

    /** Text as a reason may be stored and sent: cut to {@link #MAX_REASON}, without NUL characters. */
    static String cut(String reason) {
        String text = reason == null ? "" : reason.replace("\u0000", "\\u0000");
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON - 1) + "…";
    }

    private synchronized Producer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.CLIENT_ID_CONFIG, "report-service-dlq",
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                    // a record as large as the source topic takes, with our headers on top
                    ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxRequestBytes,
                    ProducerConfig.BUFFER_MEMORY_CONFIG, Math.max(32L * 1024 * 1024, 2L * maxRequestBytes)),
                    new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    synchronized void close(@Observes ShutdownEvent event) {
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }

    private static byte[] bytes(String value) {
        return (value == null ? "" : value).getBytes(StandardCharsets.UTF_8);
    }
}
