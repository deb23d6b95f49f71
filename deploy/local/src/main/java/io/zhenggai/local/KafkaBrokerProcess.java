package io.zhenggai.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node KRaft broker as a separate process (main class {@code kafka.Kafka} from the kafka_2.13 jar),
 * bound to and advertised on 127.0.0.1. It keeps its data in {@code directory}, so it can be killed (SIGKILL)
 * and started again on the same log, which fault tests and the local launcher need. {@link KafkaCluster} runs three
 * of them as one cluster (each a broker and a controller voter).
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    /**
     * How long a start may take until the broker answers: 90 s, or {@code zhenggai.kafka.ready-seconds} (a restart on
     * a busy machine recovers its log first; drills on a shared machine have seen more than 90 s).
     */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(Long.getLong("zhenggai.kafka.ready-seconds", 90));

    private final Path directory;
    private final int port;
    private final int controllerPort;
    private final int partitions;
    /** Set for a member of a {@link KafkaCluster}: its node id, the voters, the cluster id and the cluster's settings. */
    private final Member member;
    private Process process;

    record Member(int nodeId, String voters, String clusterId, Map<String, String> config) {
    }

    public KafkaBrokerProcess(Path directory, int port, int controllerPort, int partitions) {
        this(directory, port, controllerPort, partitions, null);
    }

    KafkaBrokerProcess(Path directory, int port, int controllerPort, int partitions, Member member) {
        this.directory = directory.toAbsolutePath();
        this.port = port;
        this.controllerPort = controllerPort;
        this.partitions = partitions;
        this.member = member;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path logFile() {
        return directory.resolve("broker.log");
    }

    /**
     * Formats the storage on first use, starts the broker, waits until it answers, and creates the topics. A member of
     * a cluster only starts: it answers once a majority of the voters runs, which {@link KafkaCluster} waits for.
     */
    public synchronized KafkaBrokerProcess start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        launch();
        if (member == null) {
            awaitReady(READY_TIMEOUT);
            Topics.create(bootstrapServers(), partitions);
        }
        return this;
    }

    private void launch() {
        try {
            Files.createDirectories(directory);
            Path config = writeConfig();
            if (!Files.exists(dataDirectory().resolve("meta.properties"))) {
                format(config);
            }
            ProcessBuilder builder = new ProcessBuilder(command("kafka.Kafka", config.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the Kafka broker in " + directory, e);
        }
    }

    /** SIGKILL: the broker gets no chance to flush or deregister. */
    public synchronized void kill() {
        JavaProcesses.kill(process);
    }

    public synchronized void stop() {
        JavaProcesses.stop(process, Duration.ofSeconds(30));
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        stop();
    }

    /** Where the broker keeps its partitions (log.dirs): a fault drill may put it on a small file system. */
    public Path dataDirectory() {
        return directory.resolve("data");
    }

    private Path writeConfig() throws IOException {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", member == null ? "1" : String.valueOf(member.nodeId()));
        props.put("controller.quorum.voters", member == null ? "1@127.0.0.1:" + controllerPort : member.voters());
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", dataDirectory().toString());
        props.put("num.partitions", String.valueOf(partitions));
        props.putAll(member == null ? BrokerConfig.singleNode() : member.config());
        Path config = directory.resolve("server.properties");
        try (var out = Files.newBufferedWriter(config)) {
            props.store(out, "Written by io.zhenggai.local.KafkaBrokerProcess");
        }
        Path log4j = directory.resolve("log4j2.properties");
        Files.writeString(log4j, String.join("\n",
                "status = warn",
                "appender.out.type = Console",
                "appender.out.name = OUT",
                "appender.out.layout.type = PatternLayout",
                "appender.out.layout.pattern = %d{ISO8601} %-5p [%c{1}] %m%n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.out.ref = OUT",
                // the configuration dumps are a thousand lines per start
                "logger.config.name = org.apache.kafka.common.config.AbstractConfig",
                "logger.config.level = WARN",
                "logger.kconfig.name = kafka.server.KafkaConfig",
                "logger.kconfig.level = WARN",
                "logger.statechange.name = state.change.logger",
                "logger.statechange.level = WARN",
                ""));
        return config;
    }

    private void format(Path config) throws IOException {
        Process formatting = new ProcessBuilder(command("kafka.tools.StorageTool",
                "format", "-t", member == null ? Uuid.randomUuid().toString() : member.clusterId(),
                "-c", config.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                .start();
        try {
            if (!formatting.waitFor(60, TimeUnit.SECONDS) || formatting.exitValue() != 0) {
                formatting.destroyForcibly();
                throw new IllegalStateException("Formatting Kafka storage failed; see " + logFile());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while formatting Kafka storage", e);
        }
    }

    /** Waits for the port first, so the admin client does not log a warning for every refused connection. */
    private void awaitListening(long deadline) {
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private List<String> command(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(JavaProcesses.javaBinary(), "-Xms64m", "-Xmx512m"));
        command.addAll(jvmOptions());
        command.addAll(List.of(
                "-Dlog4j2.configurationFile=" + directory.resolve("log4j2.properties"),
                "-cp", JavaProcesses.localRuntimeClasspath(),
                mainClass));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Extra JVM options of the broker processes, space-separated, from {@code zhenggai.kafka.jvm-options}: the
     * end-to-end tests give their short-lived brokers the options they give the services (a faster start on a small
     * machine); the launcher and the drills' scripts set none, so their brokers run with the JVM's defaults.
     */
    static List<String> jvmOptions() {
        return JavaProcesses.optionsFrom("zhenggai.kafka.jvm-options");
    }

    void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        awaitListening(deadline);
        try (Admin admin = Admin.create(config)) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("The Kafka broker exited with " + process.exitValue()
                            + "; see " + logFile());
                }
                try {
                    if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception notYet) {
                    Thread.sleep(200);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("The Kafka broker did not become ready in " + timeout + "; see " + logFile());
    }
}
