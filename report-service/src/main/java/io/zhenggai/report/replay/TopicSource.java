package io.zhenggai.report.replay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.zhenggai.report.intake.RecordReader;

/**
 * Replays {@code rectification-events} from its beginning with a consumer of its own (every partition assigned, no
 * group), storing the offsets in the replay's generation with each batch, exactly as the intake does in the live
 * one. A partition never goes past the live generation's stored offset in it.
 */
final class TopicSource extends CountingSource {

    private final ReplayApplier applier;
    private final String bootstrapServers;
    private final String topic;
    private final int maxPollRecords;
    private KafkaConsumer<byte[], byte[]> consumer;
    private List<TopicPartition> partitions = List.of();
    /** Next offset to apply per partition, as stored (or about to be, in the open transaction). */
    private final Map<TopicPartition, Long> position = new HashMap<>();
    private Map<TopicPartition, Long> limits = Map.of();

    TopicSource(ReplayApplier applier, String bootstrapServers, String topic, int maxPollRecords) {
        this.applier = applier;
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.maxPollRecords = maxPollRecords;
    }

    /** The first offset each partition still holds: not 0 when retention deleted the start of the log. */
    static Map<TopicPartition, Long> earliestOffsets(String bootstrapServers, String topic) {
        try (KafkaConsumer<byte[], byte[]> kafka = consumer(bootstrapServers, 1)) {
            List<TopicPartition> partitions = kafka.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return kafka.beginningOffsets(partitions, Duration.ofSeconds(10));
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers, int maxPollRecords) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "report-service-replay",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void open() throws Exception {
        consumer = consumer(bootstrapServers, maxPollRecords);
        partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
    }

    /** Must run inside a transaction bound to the replay's generation (the worker's). */
    @Override
    public void rewind(Replay replay) {
        Map<TopicPartition, Long> stored = applier.storedOffsets(topic);
        Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions);
        position.clear();
        resetCounts();
        for (TopicPartition partition : partitions) {
            long next = stored.getOrDefault(partition, beginning.getOrDefault(partition, 0L));
            consumer.seek(partition, next);
            position.put(partition, next);
        }
    }

    @Override
    public int step(String live) {
        limits = applier.liveOffsets(live, topic);
        List<ConsumerRecord<byte[], byte[]>> records = fetch(Duration.ofMillis(300));
        apply(records);
        if (!records.isEmpty()) {
            applier.mirrorSkips(live);
        }
        return records.size();
    }

    @Override
    public void catchUpExactly(String live) {
        limits = applier.liveOffsets(live, topic);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!caughtUp()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read up to the live offsets " + limits + " within 120 s; at "
                        + position);
            }
            apply(fetch(Duration.ofMillis(200)));
        }
        applier.mirrorSkips(live);
    }

    /** Polls the partitions below their limit and keeps only records below it (seeking back to the limit). */
    private List<ConsumerRecord<byte[], byte[]>> fetch(Duration timeout) {
        List<TopicPartition> below = new ArrayList<>();
        List<TopicPartition> reached = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            (position.get(partition) < limit(partition) ? below : reached).add(partition);
        }
        consumer.pause(reached);
        consumer.resume(below);
        if (below.isEmpty()) {
            return List.of();
        }
        ConsumerRecords<byte[], byte[]> polled = consumer.poll(timeout);
        List<ConsumerRecord<byte[], byte[]>> kept = new ArrayList<>();
        for (TopicPartition partition : polled.partitions()) {
            long next = position.get(partition);
            for (ConsumerRecord<byte[], byte[]> record : polled.records(partition)) {
                if (record.offset() < next) {
                    continue; // before where the replay stands (fetched before a rewind)
                }
                if (record.offset() >= limit(partition)) {
                    consumer.seek(partition, record.offset()); // not yet: the live generation has not applied it
                    break;
                }
                kept.add(record);
                next = record.offset() + 1;
            }
        }
        return kept;
    }

    private long limit(TopicPartition partition) {
        return limits.getOrDefault(partition, 0L);
    }

    private void apply(List<ConsumerRecord<byte[], byte[]>> records) {
        if (records.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> next = new HashMap<>();
        // as the intake does: read on all cores, lock and read the batch's aggregates at once, apply in order
        List<RecordReader.Reading> readings = (records.size() >= 64 ? records.parallelStream() : records.stream())
                .map(record -> applier.read(record.value())).toList();
        applier.prepare(readings.stream().filter(RecordReader.Reading::accepted)
                .map(r -> r.event().aggregateId()).toList());
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<byte[], byte[]> record = records.get(i);
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            RecordReader.Reading reading = readings.get(i);
            if (!reading.accepted()) {
                rejected++; // the live intake dead-lettered it when it first came; not again
            } else if (applier.apply(reading.event(), partition, record.offset())) {
                applied++;
            }
            next.put(partition, record.offset() + 1);
        }
        applier.saveOffsets(next);
        position.putAll(next);
    }

    @Override
    public boolean caughtUp() {
        return partitions.stream().allMatch(p -> position.get(p) >= limit(p));
    }

    @Override
    public long done() {
        return position.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public long target() {
        return Math.max(done(), limits.values().stream().mapToLong(Long::longValue).sum());
    }

    @Override
    public Long durablePosition() {
        return null;
    }

    @Override
    public void close() {
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
