package io.zhenggai.local;

import java.util.LinkedHashMap;
import java.util.Map;

/** Broker settings every single-node broker here needs, in the test JVM or as a process. */
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
}
