package io.zhenggai.bench;

import static io.zhenggai.bench.BenchRun.say;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import io.zhenggai.local.JwtKeys;
import io.zhenggai.local.KafkaBrokerProcess;
import io.zhenggai.local.PostgresServer;
import io.zhenggai.local.ServiceProcess;
import io.zhenggai.local.Topics;

/**
 * The one way the benchmarks here start what they measure: a <b>durable</b> embedded PostgreSQL 14 (the local run's
 * settings: fsync, synchronous commit, full page writes) with the databases asked for, a KRaft broker as a process of
 * its own with the topics ({@value Topics#DEFAULT_PARTITIONS} partitions), a fresh JWT key pair, and the packaged
 * services, each on a free port and configured as {@code deploy/local}'s Launcher configures it. Everything started is
 * tracked by the {@link BenchRun}, which stops it in reverse order (also on Ctrl-C).
 */
final class BenchStack {

    /** The database each service uses, as in deploy/local. */
    private static final Map<String, String> DATABASES = Map.of("issue-service", "issues", "report-service", "reports");

    final BenchRun run;
    final Path root;
    final Path data;
    final PostgresServer postgres;
    final KafkaBrokerProcess broker;
    final JwtKeys keys;

    private BenchStack(BenchRun run, Path root, Path data, PostgresServer postgres, KafkaBrokerProcess broker,
                       JwtKeys keys) {
        this.run = run;
        this.root = root;
        this.data = data;
        this.postgres = postgres;
        this.broker = broker;
        this.keys = keys;
    }

    /** PostgreSQL (data in {@code data/postgres}) with {@code databases}, then the broker ({@code data/kafka}). */
    static BenchStack start(BenchRun run, Path root, Path data, String... databases) throws IOException {
        say("Starting PostgreSQL (durable settings, data in %s) …", data.resolve("postgres"));
        PostgresServer postgres = run.track(PostgresServer.start(data.resolve("postgres"), 0, false));
        for (String database : databases) {
            postgres.ensureDatabase(database);
        }
        int[] ports = BenchRun.freePorts(2);
        say("Starting a Kafka broker process …");
        KafkaBrokerProcess broker = run.track(new KafkaBrokerProcess(data.resolve("kafka"), ports[0], ports[1],
                Topics.DEFAULT_PARTITIONS)).start();
        return new BenchStack(run, root, data, postgres, broker, JwtKeys.loadOrCreate(data.resolve("jwt")));
    }

    /** The packaged service with deploy/local's configuration, its log in {@code data/logs}; started, not yet healthy. */
    ServiceProcess service(String module, List<String> jvmOptions) throws IOException {
        return service(module, jvmOptions, Map.of());
    }

    /** The same with {@code properties} over deploy/local's configuration. */
    ServiceProcess service(String module, List<String> jvmOptions, Map<String, String> properties) throws IOException {
        String database = DATABASES.get(module);
        if (database == null) {
            throw new IllegalArgumentException("not a service: " + module);
        }
        Map<String, String> configuration = new LinkedHashMap<>(ServiceProcess.localConfiguration(
                postgres.jdbcUrl(database), broker.bootstrapServers(), keys));
        configuration.putAll(properties);
        Path jar = ServiceProcess.packagedJar(root, module);
        say("Starting %s (%s, %s) …", module, root.relativize(jar), jvmOptions.isEmpty() ? "default heap" : jvmOptions);
        return run.track(new ServiceProcess(module, jar, BenchRun.freePorts(1)[0], configuration,
                data.resolve("logs/" + module + ".log"))).withJvmOptions(jvmOptions).start();
    }

    /** Waits for each service's health (they start in parallel). */
    static void awaitHealthy(ServiceProcess... services) {
        for (ServiceProcess service : services) {
            service.awaitHealthy(Duration.ofSeconds(180));
        }
    }

    /** A bearer token of this run's key pair, valid for 12 hours. */
    String token(String subject, String name, String... roles) {
        return keys.token(subject, name, List.of(roles), List.of(), Duration.ofHours(12));
    }

    /** The postmaster's process id (its backends are its children). */
    long postgresPid() throws IOException {
        return Long.parseLong(Files.readAllLines(data.resolve("postgres/data/postmaster.pid")).get(0).trim());
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(database), PostgresServer.USER, "");
    }

    void sql(String database, String statement) throws SQLException {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /** The records in {@code rectification-events}: the sum of its partitions' end offsets; -1 when unreadable. */
    long topicRecords() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            int partitions = admin.describeTopics(List.of(Topics.EVENTS)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(Topics.EVENTS).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(Topics.EVENTS, p), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(info -> info.offset()).sum();
        } catch (Exception e) {
            System.err.println("Could not read the topic's end offsets: " + e);
            return -1;
        }
    }
}
