package io.zhenggai.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.apache.kafka.common.Uuid;

/**
 * Three KRaft nodes as separate processes on 127.0.0.1, each a broker and a controller voter, so that any one of them
 * can be SIGKILLed while the other two keep the quorum and the partitions: the topics are replicated to all three and
 * a write is acknowledged once two have it ({@code min.insync.replicas=2}), as in production.
 */
public final class KafkaCluster implements AutoCloseable {

    public static final int NODES = 3;
    public static final int MIN_IN_SYNC = 2;

    private final List<KafkaBrokerProcess> nodes;
    private final int partitions;

    /**
     * @param ports {@code 2 * NODES} free ports: each node's broker port, then its controller port
     */
    public KafkaCluster(Path directory, int[] ports, int partitions) {
        if (ports.length != 2 * NODES) {
            throw new IllegalArgumentException("A cluster of " + NODES + " needs " + 2 * NODES + " ports");
        }
        this.partitions = partitions;
        String voters = java.util.stream.IntStream.range(0, NODES)
                .mapToObj(i -> (i + 1) + "@127.0.0.1:" + ports[2 * i + 1]).collect(Collectors.joining(","));
        String clusterId = Uuid.randomUuid().toString();
        List<KafkaBrokerProcess> members = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            members.add(new KafkaBrokerProcess(directory.resolve("node-" + (i + 1)), ports[2 * i], ports[2 * i + 1],
                    partitions, new KafkaBrokerProcess.Member(i + 1, voters, clusterId,
                    BrokerConfig.cluster(NODES, MIN_IN_SYNC))));
        }
        this.nodes = List.copyOf(members);
    }

    /** Starts every node at once (a node answers only once a majority of voters runs) and creates the topics. */
    public KafkaCluster start() {
        CompletableFuture.allOf(nodes.stream().map(node -> CompletableFuture.runAsync(node::start))
                .toArray(CompletableFuture[]::new)).join();
        nodes.forEach(node -> node.awaitReady(KafkaBrokerProcess.READY_TIMEOUT.plusSeconds(30)));
        Topics.create(bootstrapServers(), partitions, NODES, MIN_IN_SYNC);
        return this;
    }

    /** Every node's broker address: clients find the others from any one that answers. */
    public String bootstrapServers() {
        return nodes.stream().map(KafkaBrokerProcess::bootstrapServers).collect(Collectors.joining(","));
    }

    /** Node {@code 1 … NODES}. */
    public KafkaBrokerProcess node(int id) {
        return nodes.get(id - 1);
    }

    /** Starts a node that was killed again, on its log, and waits until it answers. */
    public void restart(int id) {
        KafkaBrokerProcess node = node(id);
        node.start();
        node.awaitReady(KafkaBrokerProcess.READY_TIMEOUT.plusSeconds(30));
    }

    @Override
    public void close() {
        nodes.forEach(KafkaBrokerProcess::stop);
    }
}
