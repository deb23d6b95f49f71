package io.zhenggai.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.restassured.path.json.JsonPath;
import io.zhenggai.local.InJvmKafka;
import io.zhenggai.local.PostgresServer;
import io.zhenggai.local.ServiceProcess;
import io.zhenggai.local.Topics;

/**
 * A by-hand measurement, not part of the suite: how fast a replay from the topic runs and how long the comparison
 * (with the live intake paused) takes, for {@code -Dzhenggai.replay.scale=<events>}:
 * {@code ./mvnw -B -pl deploy/e2e -am verify -Dit.test=ReplayScaleIT -Dzhenggai.replay.scale=300000}.
 */
@EnabledIfSystemProperty(named = "zhenggai.replay.scale", matches = "\\d+")
class ReplayScaleIT {

    private static final Path TARGET = RunningSystem.target();

    @Test
    void measure() throws Exception {
        int events = Integer.parseInt(System.getProperty("zhenggai.replay.scale"));
        int issues = (events - 1) / 2;
        try (PostgresServer postgres = PostgresServer.start(TARGET.resolve("scale-postgres"), RunningSystem.freePort(),
                true).ensureDatabase("reports");
             InJvmKafka kafka = InJvmKafka.start(TARGET.resolve("scale-kafka"), Topics.DEFAULT_PARTITIONS)) {
            UUID inspection = UUID.randomUUID();
            AtomicLong position = new AtomicLong();
            long begin = System.nanoTime();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "1",
                    ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 262_144),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(Topics.EVENTS, inspection.toString(),
                        ReportServiceCrashIT.inspectionCreated(inspection, position.incrementAndGet())));
                for (int i = 0; i < issues; i++) {
                    UUID issue = UUID.randomUUID();
                    producer.send(new ProducerRecord<>(Topics.EVENTS, issue.toString(),
                            ReportServiceCrashIT.issueEvent(inspection, issue, i, 1, position.incrementAndGet())));
                    producer.send(new ProducerRecord<>(Topics.EVENTS, issue.toString(),
                            ReportServiceCrashIT.issueEvent(inspection, issue, i, 2, position.incrementAndGet())));
                }
                producer.flush();
            }
            long total = position.get();
            System.out.printf("produced %d events in %.1f s%n", total, (System.nanoTime() - begin) / 1e9);
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl("reports"));
            properties.put("quarkus.datasource.username", PostgresServer.USER);
            properties.put("quarkus.datasource.password", "");
            properties.put("kafka.bootstrap.servers", kafka.bootstrapServers());
            properties.put("zhenggai.memory.checkpoint-dir", "");
            try (ServiceProcess service = new ServiceProcess("report-service", ServiceProcess.packagedJar(
                    RunningSystem.root(), "report-service"), RunningSystem.freePort(), properties,
                    TARGET.resolve("e2e-logs").resolve("replay-scale.log")).start()) {
                service.awaitHealthy(Duration.ofSeconds(120));
                long live = System.nanoTime();
                await().atMost(Duration.ofHours(1)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                        .until(() -> count(postgres, "SELECT coalesce(sum(next_offset), 0) FROM gen_1.intake_offset")
                                == total);
                System.out.printf("live intake applied %d events in %.1f s%n", total, (System.nanoTime() - live) / 1e9);
                long replayBegin = System.nanoTime();
                // through the operator's command, as a person would run it
                Path output = TARGET.resolve("e2e-logs").resolve("replay-command.log");
                Process command = new ProcessBuilder(RunningSystem.root().resolve("deploy/replay").toString(),
                        "--url", service.baseUrl(), "--auto-switch", "--note", "scale " + total)
                        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
                assertThat(command.waitFor()).as(java.nio.file.Files.readString(output)).isZero();
                System.out.println(java.nio.file.Files.readString(output).replace("\r", "\n"));
                long id = RunningSystem.asOperator(service.baseUrl()).get("/api/admin/replays").then().extract().jsonPath()
                        .getLong("[0].id");
                JsonPath replay = RunningSystem.asOperator(service.baseUrl()).get("/api/admin/replays/" + id).then().extract()
                        .jsonPath();
                System.out.printf("replay of %d events: %s in %.1f s; comparison %s ms, equal %s%n", total,
                        replay.getString("state"), (System.nanoTime() - replayBegin) / 1e9,
                        replay.getString("comparison.millis"), replay.getString("comparison.equal"));
                assertThat(replay.getString("state")).isEqualTo("SWITCHED");
            }
        }
    }

    private static long count(PostgresServer postgres, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("reports"), PostgresServer.USER, "");
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
