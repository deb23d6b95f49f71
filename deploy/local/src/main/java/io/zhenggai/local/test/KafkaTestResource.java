package io.zhenggai.local.test;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A real KRaft broker in the test JVM for {@code @QuarkusTest}, with the topics created. */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", SharedInfrastructure.kafka().bootstrapServers());
    }

    @Override
    public void stop() {
        // shared for the whole JVM, stopped by SharedInfrastructure
    }
}
