package io.zhenggai.e2e;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import io.zhenggai.local.InJvmKafka;
import io.zhenggai.local.PostgresServer;
import io.zhenggai.local.ServiceProcess;
import io.zhenggai.local.Topics;

/**
 * A PostgreSQL, an in-JVM broker and the packaged service processes of one test class, so that nothing else writes
 * to them: the setup the crash tests share (report-service's, and {@link SupervisionCrashIT}'s issue-service
 * instances on one database), and the queries they check the databases with.
 */
final class OwnSystem implements AutoCloseable {

    private static final Path TARGET = RunningSystem.target();

    private final String name;
    private final PostgresServer postgres;
    private final InJvmKafka kafka;
    private final List<ServiceProcess> started = new ArrayList<>();

    private OwnSystem(String name, PostgresServer postgres, InJvmKafka kafka) {
        this.name = name;
        this.postgres = postgres;
        this.kafka = kafka;
    }

    /**
     * Database and broker in {@code <target>/<name>-postgres} and {@code <target>/<name>-kafka}
     * ({@link RunningSystem#target()}).
     */
    static OwnSystem start(String name) {
        PostgresServer postgres = PostgresServer.start(TARGET.resolve(name + "-postgres"), RunningSystem.freePort(),
                true)
                .ensureDatabase("reports");
        return new OwnSystem(name, postgres, InJvmKafka.start(TARGET.resolve(name + "-kafka"),
                Topics.DEFAULT_PARTITIONS));
    }

    /**
     * A report-service process on them with these settings besides the datasource and the broker, started; its
     * issues in memory checkpointed in {@code target/<name>-memory} unless the settings say otherwise (every
     * report-service of the system, one after the other, as a restarted instance finds its own).
     */
    ServiceProcess reportService(String log, Map<String, String> settings) {
        Map<String, String> all = new java.util.LinkedHashMap<>();
        all.put("zhenggai.memory.checkpoint-dir", TARGET.resolve(name + "-memory").toString());
        all.putAll(settings);
        return service("report-service", "reports", log, all);
    }

    /**
     * An issue-service process on them (database {@code issues}, created on first use), with these settings besides
     * the datasource and the broker, started. Every one of them shares the database: instances of one deployment.
     */
    ServiceProcess issueService(String log, Map<String, String> settings) {
        postgres.ensureDatabase("issues");
        return service("issue-service", "issues", log, settings);
    }

    private ServiceProcess service(String module, String database, String log, Map<String, String> settings) {
        // the datasource, the broker and the key the tests' tokens are signed with, as every service gets them
        Map<String, String> properties = RunningSystem.configuration(postgres.jdbcUrl(database),
                kafka.bootstrapServers());
        properties.putAll(settings);
        Path jar = ServiceProcess.packagedJar(RunningSystem.root(), module);
        ServiceProcess service = ClassDataArchive.start(new ServiceProcess(module, jar, RunningSystem.freePort(),
                properties, TARGET.resolve("e2e-logs").resolve(log + ".log"))
                .withJvmOptions(RunningSystem.serviceJvmOptions()), module, jar);
        started.add(service);
        return service;
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /**
     * A producer to the broker, as the relay writes: acks=all. One request in flight: on a broker whose topics were
     * created a moment ago the first batch can come back NOT_LEADER_OR_FOLLOWER while later ones are appended, and its
     * retry is then refused as out of order until the delivery timeout (seen when a test class follows another).
     */
    KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1), new StringSerializer(),
                new StringSerializer());
    }

    /** The number a query answers, over the tables of public (qualify a generation's tables with its schema). */
    long count(String sql) throws SQLException {
        return single("reports", sql, false, result -> result.getLong(1));
    }

    /** The number a query answers in issue-service's database. */
    long countInIssues(String sql) throws SQLException {
        return single("issues", sql, false, result -> result.getLong(1));
    }

    /** The same, over the active generation's tables, where the projections and the intake's records live. */
    long countInActiveGeneration(String sql) throws SQLException {
        return single("reports", sql, true, result -> result.getLong(1));
    }

    /** The text a query answers. */
    String text(String sql) throws SQLException {
        return single("reports", sql, false, result -> result.getString(1));
    }

    private interface Column<T> {
        T read(ResultSet result) throws SQLException;
    }

    private <T> T single(String database, String sql, boolean activeGeneration, Column<T> column)
            throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database), PostgresServer.USER, "");
             Statement statement = connection.createStatement()) {
            if (activeGeneration) {
                statement.execute("SELECT set_config('search_path', (SELECT schema_name FROM generation "
                        + "WHERE state = 'ACTIVE') || ', public', false)");
            }
            try (ResultSet result = statement.executeQuery(sql)) {
                result.next();
                return column.read(result);
            }
        }
    }

    /** Its PostgreSQL server, to kill and start again. */
    public PostgresServer postgres() {
        return postgres;
    }

    /** Every process it started, then the broker and the database. */
    @Override
    public void close() {
        started.forEach(ServiceProcess::stop);
        kafka.close();
        postgres.close();
    }
}
