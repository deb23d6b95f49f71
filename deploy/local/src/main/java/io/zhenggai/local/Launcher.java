package io.zhenggai.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * The local run: a real PostgreSQL and a real Kafka broker from Maven Central artifacts, then both services as
 * processes on their packaged jars. Data stays under {@code .local-data/} (git-ignored) between runs. Ctrl-C stops
 * everything, services first.
 * <p>
 * Settings (environment): {@code ZHENGGAI_DATA}, {@code ZHENGGAI_PG_PORT} (15432), {@code ZHENGGAI_KAFKA_PORT}
 * (9092), {@code ZHENGGAI_KAFKA_CONTROLLER_PORT} (9093), {@code ZHENGGAI_PARTITIONS} (6),
 * {@code ZHENGGAI_ISSUE_PORT} (8080), {@code ZHENGGAI_REPORT_PORT} (8090).
 */
public final class Launcher {

    private final Path root;
    private final Path data;
    private final List<AutoCloseable> started = new ArrayList<>();
    private JwtKeys jwtKeys;

    private Launcher(Path root, Path data) {
        this.root = root;
        this.data = data;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("zhenggai.root", ".")).toAbsolutePath().normalize();
        Path data = Path.of(env("ZHENGGAI_DATA", root.resolve(".local-data").toString())).toAbsolutePath();
        Launcher launcher = new Launcher(root, data);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            launcher.stopAll();
            stopped.countDown();
        }, "zhenggai-shutdown"));
        try {
            launcher.run();
        } catch (Exception e) {
            System.err.println("\nZhenggai could not start: " + e.getMessage());
            System.exit(1);
        }
        stopped.await();
    }

    private void run() throws Exception {
        long begin = System.nanoTime();
        Files.createDirectories(data.resolve("logs"));
        int pgPort = intEnv("ZHENGGAI_PG_PORT", 15432);
        int kafkaPort = intEnv("ZHENGGAI_KAFKA_PORT", 9092);
        int partitions = intEnv("ZHENGGAI_PARTITIONS", Topics.DEFAULT_PARTITIONS);

        jwtKeys = JwtKeys.loadOrCreate(data.resolve("jwt"));
        say("Starting PostgreSQL and Kafka (data in %s) …", data);
        KafkaBrokerProcess broker = track(new KafkaBrokerProcess(data.resolve("kafka"), kafkaPort,
                intEnv("ZHENGGAI_KAFKA_CONTROLLER_PORT", 9093), partitions));
        CompletableFuture<KafkaBrokerProcess> kafka = CompletableFuture.supplyAsync(broker::start);
        PostgresServer pg = track(PostgresServer.start(data.resolve("postgres"), pgPort, false))
                .ensureDatabase("issues").ensureDatabase("reports");

        // The services need the database to start, not the broker: their relay and intake connect when it is up.
        say("Starting issue-service and report-service …");
        ServiceProcess issues = service("issue-service", intEnv("ZHENGGAI_ISSUE_PORT", 8080),
                pg.jdbcUrl("issues"), broker.bootstrapServers());
        ServiceProcess reports = service("report-service", intEnv("ZHENGGAI_REPORT_PORT", 8090),
                pg.jdbcUrl("reports"), broker.bootstrapServers(), journalAccess(issues));
        kafka.join();
        issues.awaitHealthy(Duration.ofSeconds(120));
        reports.awaitHealthy(Duration.ofSeconds(120));

        String seed = loadSeed(issues);
        printUrls(issues, reports, pg, broker, Duration.ofNanos(System.nanoTime() - begin));
        say("%s", seed);
    }

    /**
     * Imports the seed bulletin through issue-service's API on every start: the import is idempotent (the same
     * bulletin again changes nothing), so a new user sees real data at once and a rerun keeps what is there.
     */
    private String loadSeed(ServiceProcess issues) {
        if (ServiceProcess.externalIdentityProvider()) {
            return "Seed not imported: the services trust " + System.getenv("ZHENGGAI_JWT_ISSUER")
                    + ", not the local key. Import it as an office user: curl -H \"Authorization: Bearer $(deploy/keycloak/"
                    + "try token office1)\" -H 'Content-Type: text/plain' --data-binary @seeds/<bulletin>.txt "
                    + issues.baseUrl() + "/api/imports/bulletins";
        }
        Path seeds = root.resolve("seeds");
        if (!Files.isDirectory(seeds)) {
            return "No seeds/ folder: nothing to load.";
        }
        StringBuilder said = new StringBuilder();
        try (var files = Files.list(seeds)) {
            for (Path bulletin : files.filter(f -> f.getFileName().toString().endsWith(".txt")).sorted().toList()) {
                String token = jwtKeys.token("launcher", "本地启动器", List.of("office"), List.of(), Duration.ofMinutes(5));
                java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(issues.baseUrl()
                                        + "/api/imports/bulletins"))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "text/plain; charset=utf-8")
                                .timeout(Duration.ofMinutes(2))
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofFile(bulletin)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                String outcome = switch (response.statusCode()) {
                    case 201 -> "imported";
                    case 200 -> "already in the ledger";
                    default -> "NOT imported (" + response.statusCode() + "): " + response.body();
                };
                said.append(String.format("Seed %s: %s%n", bulletin.getFileName(), outcome));
            }
        } catch (java.io.IOException e) {
            said.append("Could not read seeds/: ").append(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return said.toString().strip();
    }

    /**
     * report-service reads issue-service's journal when a replay rebuilds from it, as its own identity (role
     * {@code journal-reader}, nothing else). The token lives in a file only its owner may read, written anew on every
     * start, so that no secret is on a command line where {@code ps} would show it.
     */
    private Map<String, String> journalAccess(ServiceProcess issues) {
        Map<String, String> properties = new java.util.LinkedHashMap<>(ServiceProcess.webConfiguration(
                issues.baseUrl(), jwtKeys));
        properties.put("zhenggai.journal.url", issues.baseUrl());
        // the checkpoint of its issues in memory, beside the rest of the local data (report-service README)
        properties.put("zhenggai.memory.checkpoint-dir", data.resolve("report-service").resolve("memory").toString());
        if (System.getenv("ZHENGGAI_JOURNAL_OIDC_TOKEN_URL") == null) {
            // otherwise client credentials from the identity provider, configured by the environment
            // (deploy/keycloak/try)
            properties.put("zhenggai.journal.token-file", jwtKeys.writeServiceToken("report-service.token",
                    Duration.ofDays(30)).toString());
        }
        return properties;
    }

    private ServiceProcess service(String module, int port, String jdbcUrl, String bootstrapServers) {
        return service(module, port, jdbcUrl, bootstrapServers, Map.of());
    }

    private ServiceProcess service(String module, int port, String jdbcUrl, String bootstrapServers,
                                   Map<String, String> extra) {
        Map<String, String> properties = ServiceProcess.localConfiguration(jdbcUrl, bootstrapServers, jwtKeys);
        properties.putAll(extra);
        Path jar = ServiceProcess.packagedJar(root, module);
        return track(new ServiceProcess(module, jar, port, properties, data.resolve("logs").resolve(module + ".log")))
                .withJvmOptions(ServiceProcess.classDataSharing(data.resolve("cds"), module, jar)).start();
    }

    private void printUrls(ServiceProcess issues, ServiceProcess reports, PostgresServer pg, KafkaBrokerProcess broker,
                           Duration took) {
        String format = "  %-16s %-12s %s%n";
        StringBuilder table = new StringBuilder();
        table.append(String.format("%nZhenggai 整改 is up (%.1f s). Ctrl-C stops everything.%n%n", took.toMillis() / 1000.0));
        table.append(String.format(format, "service", "what", "URL"));
        table.append(String.format(format, "web app", "sign in", reports.baseUrl().replace("127.0.0.1", "localhost")
                + "/signin" + (ServiceProcess.externalIdentityProvider() ? "  (the identity provider's users)"
                : "  (pick a demo user: 整改办, two units, a leader, an operator)")));
        for (ServiceProcess service : List.of(issues, reports)) {
            String base = service.baseUrl().replace("127.0.0.1", "localhost");
            String api = service == issues ? "/api/inspections" : "/api/reports/summary";
            table.append(String.format(format, service.name(), "API", base + api));
            table.append(String.format(format, "", "Swagger UI", base + "/q/swagger-ui"));
            table.append(String.format(format, "", "OpenAPI", base + "/q/openapi"));
            table.append(String.format(format, "", "health", base + "/q/health"));
            table.append(String.format(format, "", "metrics", base + "/q/metrics"));
            table.append(String.format(format, "", "log", service.logFile()));
        }
        table.append(String.format(format, "token", "office", "curl -H \"Authorization: Bearer $(deploy/local/token office)\" "
                + issues.baseUrl().replace("127.0.0.1", "localhost") + "/api/inspections"));
        table.append(String.format(format, "", "others", "deploy/local/token unit 党政办公室 | leader 张三 | viewer | operator"));
        table.append(String.format(format, "Kafka", "bootstrap", broker.bootstrapServers()
                + "  (topics " + Topics.EVENTS + ", " + Topics.DLQ + ")"));
        table.append(String.format(format, "", "log", broker.logFile()));
        table.append(String.format(format, "PostgreSQL", "JDBC", pg.jdbcUrl("issues") + ", " + pg.jdbcUrl("reports")
                + "  (user " + PostgresServer.USER + ")"));
        System.out.print(table);
        System.out.flush();
    }

    private synchronized <T extends AutoCloseable> T track(T resource) {
        started.add(resource);
        return resource;
    }

    /** Stops in reverse order of start: services, then the broker, then the database. */
    private synchronized void stopAll() {
        if (started.isEmpty()) {
            return;
        }
        say("Stopping …");
        List<AutoCloseable> services = started.stream().filter(ServiceProcess.class::isInstance).toList();
        services.parallelStream().forEach(Launcher::closeQuietly);
        for (int i = started.size() - 1; i >= 0; i--) {
            if (!services.contains(started.get(i))) {
                closeQuietly(started.get(i));
            }
        }
        started.clear();
        say("Stopped.");
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            System.err.println("While stopping: " + e.getMessage());
        }
    }

    private static void say(String format, Object... args) {
        System.out.printf(format + "%n", args);
        System.out.flush();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static int intEnv(String name, int fallback) {
        return Integer.parseInt(env(name, String.valueOf(fallback)));
    }
}
