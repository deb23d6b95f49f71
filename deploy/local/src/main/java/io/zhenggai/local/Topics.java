package io.zhenggai.local;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** The topics of the event log, created up front (never by auto-creation). */
public final class Topics {

    /** The event log: key = aggregate id, CloudEvents JSON values. */
    public static final String EVENTS = "rectification-events";
    /** Records the report-service could not parse or that broke the contract, with the reason in headers. */
    public static final String DLQ = "rectification-events.dlq";
    public static final int DEFAULT_PARTITIONS = 6;
    /** The largest event a topic takes (16 MiB): issue-service refuses to journal anything bigger than half that. */
    public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    /** The DLQ takes the largest event with the headers saying why it is there. */
    public static final int DLQ_MAX_MESSAGE_BYTES = MAX_MESSAGE_BYTES + 1024 * 1024;

    private Topics() {
    }

    private static Map<String, String> unlimited(int maxMessageBytes, int minInSync) {
        Map<String, String> config = new java.util.HashMap<>(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1",
                TopicConfig.RETENTION_BYTES_CONFIG, "-1",
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(maxMessageBytes)));
        if (minInSync > 1) {
            config.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(minInSync));
        }
        return config;
    }

    /** Creates both topics if missing. Retention is unlimited: replays read the event log from the start. */
    public static void create(String bootstrapServers, int partitions) {
        create(bootstrapServers, partitions, 1, 1);
    }

    /**
     * The same on a cluster: each partition on {@code replicationFactor} brokers, a write acknowledged (acks=all) once
     * {@code minInSync} of them have it.
     */
    public static void create(String bootstrapServers, int partitions, int replicationFactor, int minInSync) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            List<NewTopic> wanted = List.of(
                    new NewTopic(EVENTS, partitions, (short) replicationFactor)
                            .configs(unlimited(MAX_MESSAGE_BYTES, minInSync)),
                    new NewTopic(DLQ, 1, (short) replicationFactor)
                            .configs(unlimited(DLQ_MAX_MESSAGE_BYTES, minInSync)));
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            // topics made by an older version keep their data and get the current settings
            Map<org.apache.kafka.common.config.ConfigResource, java.util.Collection<org.apache.kafka.clients.admin.AlterConfigOp>>
                    settings = new java.util.HashMap<>();
            for (NewTopic topic : wanted) {
                if (existing.contains(topic.name())) {
                    settings.put(new org.apache.kafka.common.config.ConfigResource(
                                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic.name()),
                            topic.configs().entrySet().stream().map(e -> new org.apache.kafka.clients.admin.AlterConfigOp(
                                    new org.apache.kafka.clients.admin.ConfigEntry(e.getKey(), e.getValue()),
                                    org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET)).toList());
                }
            }
            if (!settings.isEmpty()) {
                admin.incrementalAlterConfigs(settings).all().get(30, TimeUnit.SECONDS);
            }
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not create topics on " + bootstrapServers, e);
        }
    }
}
