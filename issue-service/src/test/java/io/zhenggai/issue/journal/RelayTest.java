package io.zhenggai.issue.journal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.zhenggai.issue.api.InspectionResourceTest;

@QuarkusTest
class RelayTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    List<ConsumerRecord<String, String>> recordsOf(String key, int atLeast) {
        return recordsOf(bootstrapServers, key, atLeast);
    }

    /** The records of one aggregate on the topic, from the start, once there are {@code atLeast} (30 s at most). */
    static List<ConsumerRecord<String, String>> recordsOf(String bootstrapServers, String key, int atLeast) {
        List<ConsumerRecord<String, String>> mine = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "relay-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("rectification-events"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (mine.size() < atLeast && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (key.equals(r.key())) {
                        mine.add(r);
                    }
                });
            }
        }
        return mine;
    }

    @Test
    void shouldPublishARangeAgainWhenAnOperatorAsks() throws Exception {
        String id = io.zhenggai.issue.Api.inspection();
        assertThat(recordsOf(id, 1)).hasSize(1);
        List<Integer> positions = io.zhenggai.issue.Api.as("op", "operator").get("/api/journal?after=0&limit=5000")
                .then().extract().path("findAll { it.aggregateid == '%s' }.position".formatted(id));
        int position = positions.get(0);
        io.zhenggai.issue.Api.as("op", "operator")
                .body("{\"fromPosition\": %d, \"toPosition\": %d}".formatted(position, position))
                .post("/api/journal/republish").then().statusCode(200).body("marked", org.hamcrest.Matchers.equalTo(1));
        List<ConsumerRecord<String, String>> both = recordsOf(id, 2);
        assertThat(both).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(both.get(1).value()).get("id")).isEqualTo(json.readTree(both.get(0).value()).get("id"));
        io.zhenggai.issue.Api.as("v", "viewer").body("{\"fromPosition\": 1, \"toPosition\": 1}")
                .post("/api/journal/republish").then().statusCode(403);
        io.zhenggai.issue.Api.as("op", "operator").body("{\"fromPosition\": 5, \"toPosition\": 2}")
                .post("/api/journal/republish").then().statusCode(422);
    }

    @Test
    void shouldPublishAJournaledChangeAsACloudEventKeyedByAggregate() throws Exception {
        String target = "开发区" + UUID.randomUUID();
        String id = io.zhenggai.issue.Api.office().body(InspectionResourceTest.SEED_LIKE.formatted(target))
                .when().post("/api/inspections").then().statusCode(201).extract().path("id");

        ObjectMapper json = new ObjectMapper();
        List<ConsumerRecord<String, String>> mine = recordsOf(id, 1);
        assertThat(mine).hasSize(1);
        JsonNode event = json.readTree(mine.get(0).value());
        assertThat(event.get("specversion").asText()).isEqualTo("1.0");
        assertThat(event.get("type").asText()).isEqualTo(EventTypes.INSPECTION_CREATED);
        assertThat(event.get("aggregateid").asText()).isEqualTo(id);
        assertThat(event.get("sequence").asLong()).isEqualTo(1);
        assertThat(event.get("data").get("targetUnit").asText()).isEqualTo(target);
        assertThat(new String(mine.get(0).headers().lastHeader("content-type").value()))
                .isEqualTo("application/cloudevents+json");
    }
}
