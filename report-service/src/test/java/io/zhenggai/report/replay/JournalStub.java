package io.zhenggai.report.replay;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * issue-service's {@code GET /api/journal?after=&limit=} as a stub: the events the topic holds, once each, in journal
 * (position) order, as a JSON array of CloudEvents; 401 without the expected bearer token.
 */
final class JournalStub implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final TreeMap<Long, String> journal = new TreeMap<>();
    final AtomicInteger pagesServed = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();

    /** @param token the bearer token to expect, asked at each request (a test may rotate it) */
    JournalStub(String bootstrapServers, String topic, Supplier<String> token) throws IOException {
        this(bootstrapServers, topic, token, java.util.Set.of());
    }

    /**
     * @param undone events the topic carries but the journal no longer holds: issue-service's database was restored
     *               to a point before them (their sequences were numbered again under other event ids)
     */
    JournalStub(String bootstrapServers, String topic, Supplier<String> token, java.util.Set<UUID> undone)
            throws IOException {
        readTopic(bootstrapServers, topic, undone);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/journal", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            Map<String, String> query = new LinkedHashMap<>();
            String raw = exchange.getRequestURI().getRawQuery();
            if (raw != null) {
                for (String pair : raw.split("&")) {
                    String[] kv = pair.split("=", 2);
                    query.put(kv[0], kv.length > 1 ? kv[1] : "");
                }
            }
            byte[] body;
            int status;
            if (!("Bearer " + token.get()).equals(auth)) {
                refused.incrementAndGet();
                status = 401;
                body = "{}".getBytes(StandardCharsets.UTF_8);
            } else {
                long after = Long.parseLong(query.getOrDefault("after", "0"));
                int limit = Integer.parseInt(query.getOrDefault("limit", "500"));
                List<String> page = journal.tailMap(after, false).values().stream().limit(limit).toList();
                status = 200;
                body = ("[" + String.join(",", page) + "]").getBytes(StandardCharsets.UTF_8);
                pagesServed.incrementAndGet();
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int size() {
        return journal.size();
    }

    /** Every JSON event of the topic with a position, once (by event id), keyed by position. */
    private void readTopic(String bootstrapServers, String topic, java.util.Set<UUID> undone) {
        Map<String, Boolean> seen = new java.util.HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "journal-stub-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                    JsonNode event;
                    try {
                        event = JSON.readTree(record.value());
                    } catch (IOException | RuntimeException notJson) {
                        continue; // the journal only ever holds events
                    }
                    if (event == null || !event.isObject() || !event.path("position").canConvertToLong()
                            || undone.stream().anyMatch(id -> id.toString().equals(event.path("id").asText()))
                            || seen.put(event.path("id").asText(), Boolean.TRUE) != null) {
                        continue;
                    }
                    if (journal.putIfAbsent(event.get("position").asLong(), record.value()) != null) {
                        throw new IllegalStateException("two events at position " + event.get("position"));
                    }
                }
            }
        }
        if (journal.isEmpty()) {
            throw new IllegalStateException("nothing in " + topic);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
