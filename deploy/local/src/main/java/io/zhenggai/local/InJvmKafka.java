package io.zhenggai.local;

import java.nio.file.Path;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node KRaft broker (combined broker and controller) inside the current JVM, for ordinary tests.
 * It cannot be restarted: fault tests use {@link KafkaBrokerProcess}.
 */
public final class InJvmKafka implements AutoCloseable {

    private final KafkaClusterTestKit cluster;

    private InJvmKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    public static InJvmKafka start(Path baseDirectory, int partitions) {
        try {
            deleteRecursively(baseDirectory);
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                    .setBaseDirectory(baseDirectory)
                    .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
            BrokerConfig.singleNode().forEach(builder::setConfigProp);
            // bind and advertise 127.0.0.1, not "localhost" (which may resolve to ::1 first)
            builder.setConfigProp("listeners", nodes.brokerListenerName().value() + "://127.0.0.1:0,"
                    + nodes.controllerListenerName().value() + "://127.0.0.1:0");
            KafkaClusterTestKit cluster = builder.build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            InJvmKafka kafka = new InJvmKafka(cluster);
            Topics.create(kafka.bootstrapServers(), partitions);
            return kafka;
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the in-JVM Kafka broker", e);
        }
    }

    private static void deleteRecursively(Path directory) throws java.io.IOException {
        if (java.nio.file.Files.exists(directory)) {
            try (var paths = java.nio.file.Files.walk(directory)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    java.nio.file.Files.delete(path);
                }
            }
        }
    }

    public String bootstrapServers() {
        // the test kit names the host "localhost" whatever the listener binds
        return cluster.bootstrapServers().replace("localhost", "127.0.0.1");
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("Could not stop the in-JVM Kafka broker", e);
        }
    }
}
