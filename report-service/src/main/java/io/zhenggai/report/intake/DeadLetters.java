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
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.ShutdownEvent;

/**
 * Sends records the intake cannot apply to {@code rectification-events.dlq}, unchanged, with the reason and the
 * source coordinates in headers. The send is acknowledged before the source offset is committed, so a poison
 * record is never lost (at worst it lands twice in the DLQ after a crash).
 */
@ApplicationScoped
public class DeadLetters {

    public static final String REASON = "zhenggai-dlq-reason";
    /** {@link Kind} of the reason, for routing and counting without parsing the text. */
    public static final String KIND = "zhenggai-dlq-kind";
    public static final String SOURCE_TOPIC = "zhenggai-dlq-source-topic";
    public static final String SOURCE_PARTITION = "zhenggai-dlq-source-partition";
    public static final String SOURCE_OFFSET = "zhenggai-dlq-source-offset";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "zhenggai.dlq-topic", defaultValue = "rectification-events.dlq")
    String topic;

    private Producer<byte[], byte[]> producer;

    /** Why a record could not be applied. */
    public enum Kind {
        /** Not JSON, or not a JSON object. */
        UNREADABLE,
        /** JSON that breaks the event contract (the schema file). */
        CONTRACT,
        /** Keeps the schema but cannot be applied as it is (e.g. a date that does not exist). */
        UNAPPLICABLE;

        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public void send(ConsumerRecord<byte[], byte[]> source, Kind kind, String reason) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, source.key(), source.value());
        source.headers().forEach(record.headers()::add);
        record.headers().add(REASON, bytes(reason));
        record.headers().add(KIND, bytes(kind.tag()));
        record.headers().add(SOURCE_TOPIC, bytes(source.topic()));
        record.headers().add(SOURCE_PARTITION, bytes(String.valueOf(source.partition())));
        record.headers().add(SOURCE_OFFSET, bytes(String.valueOf(source.offset())));
        try {
            producer().send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while dead-lettering", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not dead-letter " + source.topic() + "-" + source.partition()
                    + "@" + source.offset(), e);
        }
    }

    private synchronized Producer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.CLIENT_ID_CONFIG, "report-service-dlq",
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000),
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
