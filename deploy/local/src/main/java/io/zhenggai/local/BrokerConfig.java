package io.zhenggai.local;

import java.util.LinkedHashMap;
import java.util.Map;

/** Broker settings every single-node broker here needs (in the test JVM or as a process), and a cluster's. */
final class BrokerConfig {

    private BrokerConfig() {
    }

    static Map<String, String> singleNode() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("offsets.topic.replication.factor", "1");
        config.put("offsets.topic.num.partitions", "1");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("group.initial.rebalance.delay.ms", "0");
        config.put("auto.create.topics.enable", "false");
        return config;
    }

    /**
     * A cluster of {@code nodes} brokers that keeps taking writes with one of them down: every internal topic
     * replicated to all nodes and acknowledged by {@code minInSync} of them, no unclean leader election.
     */
    static Map<String, String> cluster(int nodes, int minInSync) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("offsets.topic.replication.factor", String.valueOf(nodes));
        config.put("offsets.topic.num.partitions", "1");
        config.put("transaction.state.log.replication.factor", String.valueOf(nodes));
        config.put("transaction.state.log.min.isr", String.valueOf(minInSync));
        config.put("share.coordinator.state.topic.replication.factor", String.valueOf(nodes));
        config.put("share.coordinator.state.topic.min.isr", String.valueOf(minInSync));
        config.put("default.replication.factor", String.valueOf(nodes));
        config.put("min.insync.replicas", String.valueOf(minInSync));
        config.put("unclean.leader.election.enable", "false");
        config.put("group.initial.rebalance.delay.ms", "0");
        config.put("auto.create.topics.enable", "false");
        return config;
    }
}
