package io.zhenggai.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.zhenggai.local.InJvmKafka;
import io.zhenggai.local.JwtKeys;
import io.zhenggai.local.PostgresServer;
import io.zhenggai.local.ServiceProcess;
import io.zhenggai.local.Topics;

/**
 * The whole system for end-to-end tests: a real PostgreSQL and a real KRaft broker, and both services started from
 * their packaged jars as separate processes. Started once per test JVM.
 */
public final class RunningSystem {

    private static RunningSystem instance;
    private static final JwtKeys KEYS = JwtKeys.loadOrCreate(target().resolve("e2e-jwt"));

    public final PostgresServer postgres;
    public final InJvmKafka kafka;
    public final ServiceProcess issueService;
    public final ServiceProcess reportService;

    private RunningSystem(PostgresServer postgres, InJvmKafka kafka, ServiceProcess issueService,
                          ServiceProcess reportService) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.issueService = issueService;
        this.reportService = reportService;
    }

    public static synchronized RunningSystem get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "e2e-stop"));
        }
        return instance;
    }

    private static RunningSystem start() {
        Path target = target();
        CompletableFuture<PostgresServer> postgres = CompletableFuture.supplyAsync(() ->
                PostgresServer.start(target.resolve("e2e-postgres"), freePort(), true)
                        .ensureDatabase("issues").ensureDatabase("reports"));
        InJvmKafka kafka = InJvmKafka.start(target.resolve("e2e-kafka"), Topics.DEFAULT_PARTITIONS);
        PostgresServer pg = postgres.join();
        ServiceProcess issues = service("issue-service", pg.jdbcUrl("issues"), kafka.bootstrapServers(), target);
        ServiceProcess reports = service("report-service", pg.jdbcUrl("reports"), kafka.bootstrapServers(), target,
                ServiceProcess.webConfiguration(issues.baseUrl(), KEYS));
        issues.awaitHealthy(Duration.ofSeconds(120));
        reports.awaitHealthy(Duration.ofSeconds(120));
        return new RunningSystem(pg, kafka, issues, reports);
    }

    static ServiceProcess service(String module, String jdbcUrl, String bootstrapServers, Path target) {
        return service(module, jdbcUrl, bootstrapServers, target, Map.of());
    }

    /** … with more configuration: report-service gets its web app's (issue-service's URL, the demo sign-in). */
    static ServiceProcess service(String module, String jdbcUrl, String bootstrapServers, Path target,
                                  Map<String, String> extra) {
        Map<String, String> properties = new java.util.LinkedHashMap<>(configuration(jdbcUrl, bootstrapServers));
        properties.putAll(extra);
        Path jar = ServiceProcess.packagedJar(root(), module);
        return ClassDataArchive.start(new ServiceProcess(module, jar, freePort(), properties,
                target.resolve("e2e-logs").resolve(module + ".log")).withJvmOptions(serviceJvmOptions()), module, jar);
    }

    /**
     * The JVM options of every service process these tests start, from {@code zhenggai.e2e.service-jvm-options}
     * (space-separated; the module's pom sets it): options for a faster start of a short-lived process on a small
     * machine. They change how fast the service runs, never what it does.
     */
    static List<String> serviceJvmOptions() {
        return io.zhenggai.local.JavaProcesses.optionsFrom("zhenggai.e2e.service-jvm-options");
    }

    /** report-service's caller in these tests: an operator runs replays and reads the reports it checks them by. */
    public static final String OPERATOR = token("e2e-operator", "operator");

    /** A request to report-service (or any service) at {@code baseUrl} as {@link #OPERATOR}. */
    public static io.restassured.specification.RequestSpecification asOperator(String baseUrl) {
        return io.restassured.RestAssured.given().baseUri(baseUrl).auth().oauth2(OPERATOR);
    }

    /** What a service started by these tests needs: its database, the broker, the key of {@link #token}. */
    static Map<String, String> configuration(String jdbcUrl, String bootstrapServers) {
        Map<String, String> properties = ServiceProcess.localConfiguration(jdbcUrl, bootstrapServers, KEYS);
        // no checkpoint of report-service's issues in memory in a directory every test would share (OwnSystem gives
        // its report-service one of its own)
        properties.put("zhenggai.memory.checkpoint-dir", "");
        // a report-service SIGKILLed here holds its partitions until its consumer's session times out: its restart
        // (ReportServiceCrashIT, ReportServiceCheckpointCrashIT) or the other instances (TwoInstancesIT) apply them
        // only then. 10 s instead of Kafka's 45 s: the same hand-over, sooner (issue-service ignores the key)
        properties.put("zhenggai.intake.session-timeout-ms", "10000");
        return properties;
    }

    /** A bearer token for a caller of the running system. */
    public static String token(String subject, String role) {
        return token(subject, "端到端 " + subject, role, java.util.List.of());
    }

    /** A bearer token with a name (a leader's) and units (a unit user's). */
    public static String token(String subject, String name, String role, java.util.List<String> units) {
        return KEYS.token(subject, name, java.util.List.of(role), units, Duration.ofHours(1));
    }

    /**
     * What report-service needs to replay from issue-service's journal at {@code issueServiceUrl}: the address, and
     * a file with its own token (role journal-reader), as the launcher gives it.
     */
    static Map<String, String> journalAccess(String issueServiceUrl) {
        return Map.of("zhenggai.journal.url", issueServiceUrl, "zhenggai.journal.token-file",
                KEYS.writeServiceToken("report-service.token", Duration.ofHours(1)).toString());
    }

    /**
     * Where this test JVM keeps what it writes: {@code target/}, or {@code target/fork-<n>/} when failsafe runs the
     * classes in several JVMs at once ({@code zhenggai.e2e.fork}, the module's pom sets it to {@code fork-<n>}). Each
     * JVM starts its own shared system, key pair and databases; under one directory they would wipe each other's broker
     * data, replace each other's keys and write into each other's logs. What only one test class writes (its drill,
     * its screenshots) may stay elsewhere under {@code target/}: a class runs in one fork.
     */
    static Path target() {
        Path target = Path.of("target").toAbsolutePath();
        return fork() == 0 ? target : target.resolve("fork-" + fork());
    }

    /** The number of this test JVM's fork, from 1, or 0 when it is the only one ({@code zhenggai.e2e.fork} unset). */
    static int fork() {
        String fork = System.getProperty("zhenggai.e2e.fork", "").strip();
        if (fork.isEmpty()) {
            return 0;
        }
        if (!fork.matches("fork-[1-9][0-9]*")) {
            throw new IllegalStateException("zhenggai.e2e.fork is " + fork + ", not fork-<number>");
        }
        return Integer.parseInt(fork.substring("fork-".length()));
    }

    static Path root() {
        return Path.of(System.getProperty("zhenggai.root", "../..")).toAbsolutePath().normalize();
    }

    static int freePort() {
        return freePorts(1)[0];
    }

    /**
     * Distinct free ports. In one of several forks ({@code zhenggai.e2e.fork}) they come from that fork's own block
     * below the kernel's ephemeral range (32768 and up on Linux), in turn, each tried before it is given:
     * a port the kernel picks for {@code bind(0)} may be picked again for another fork's process while a service of
     * this one is being started or restarted on it (a broker down for tens of seconds, a service killed and started
     * again). Otherwise the kernel picks them, held together while they are chosen so that no two are the same.
     */
    static int[] freePorts(int count) {
        // its own lock: get() holds the class's while the system it starts picks ports on other threads
        synchronized (PORTS) {
            return fork() == 0 ? anyFreePorts(count) : forkPorts(fork(), count);
        }
    }

    private static final Object PORTS = new Object();
    private static final int FIRST_FORK_PORT = 20_000;
    private static final int PORTS_PER_FORK = 1_000;
    private static int portsGiven;

    private static int[] forkPorts(int fork, int count) {
        int first = FIRST_FORK_PORT + (fork - 1) * PORTS_PER_FORK;
        if (fork < 1 || first + PORTS_PER_FORK > 32_768) {
            throw new IllegalArgumentException("No block of ports for fork " + fork);
        }
        int[] ports = new int[count];
        for (int i = 0; i < count; i++) {
            int tried = 0;
            do {
                if (tried++ == PORTS_PER_FORK) {
                    throw new IllegalStateException("No free port in " + first + "–" + (first + PORTS_PER_FORK - 1));
                }
                ports[i] = first + portsGiven++ % PORTS_PER_FORK;
            } while (!free(ports[i]));
        }
        return ports;
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static int[] anyFreePorts(int count) {
        List<ServerSocket> sockets = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0));
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // it was only held to choose the port
                }
            }
        }
    }

    private void stop() {
        issueService.stop();
        reportService.stop();
        kafka.close();
        postgres.close();
    }
}
