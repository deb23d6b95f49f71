package io.zhenggai.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A packaged Quarkus service ({@code target/quarkus-app/quarkus-run.jar}) run as a real process. */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> properties;
    private final Path logFile;
    private final List<String> jvmOptions = new ArrayList<>();
    private Process process;

    /**
     * @param properties Quarkus configuration passed as system properties (datasource, Kafka, …)
     */
    public ServiceProcess(String name, Path jar, int port, Map<String, String> properties, Path logFile) {
        this.name = name;
        this.jar = jar.toAbsolutePath();
        this.port = port;
        this.properties = new TreeMap<>(properties);
        this.logFile = logFile.toAbsolutePath();
    }

    /**
     * What a service needs from the local infrastructure: its database, the broker, and the key its tokens are
     * verified with. The launcher, the end-to-end tests and the benchmark all start services with this.
     */
    public static Map<String, String> localConfiguration(String jdbcUrl, String bootstrapServers, JwtKeys keys) {
        Map<String, String> properties = new java.util.LinkedHashMap<>();
        properties.put("quarkus.datasource.jdbc.url", jdbcUrl);
        properties.put("quarkus.datasource.username", PostgresServer.USER);
        properties.put("quarkus.datasource.password", "");
        properties.put("kafka.bootstrap.servers", bootstrapServers);
        if (!externalIdentityProvider()) {
            properties.put("mp.jwt.verify.publickey.location", keys.publicKeyFile().toUri().toString());
            properties.put("mp.jwt.verify.issuer", JwtKeys.ISSUER);
            properties.put("mp.jwt.verify.audiences", JwtKeys.AUDIENCE);
        }
        return properties;
    }

    /**
     * What report-service's web app needs locally: issue-service's address (writes are forwarded there with the
     * user's token), plain-http cookies, and the local sign-in page listing the demo users, whose tokens it signs with
     * the local key. With an external identity provider there is no demo page: users sign in there.
     */
    public static Map<String, String> webConfiguration(String issueServiceUrl, JwtKeys keys) {
        Map<String, String> properties = new java.util.LinkedHashMap<>();
        properties.put("zhenggai.issue-service.url", issueServiceUrl);
        properties.put("zhenggai.web.secure-cookies", "false");
        if (!externalIdentityProvider()) {
            properties.put("zhenggai.web.demo-sign-in.enabled", "true");
            properties.put("zhenggai.web.demo-sign-in.key-file", keys.privateKeyFile().toString());
        } else if (System.getenv("ZHENGGAI_WEB_OIDC_ISSUER") == null && System.getenv("ZHENGGAI_JWT_ISSUER") != null) {
            // users sign in at the provider whose tokens the services trust
            properties.put("zhenggai.web.oidc.issuer", System.getenv("ZHENGGAI_JWT_ISSUER"));
        }
        return properties;
    }

    /**
     * Whether the environment points the services at an identity provider ({@code ZHENGGAI_JWT_PUBLIC_KEY}, a JWKS
     * URL, with {@code ZHENGGAI_JWT_ISSUER}): then they verify its tokens and the local key pair signs nothing they
     * accept. The services read those variables themselves; system properties would override them.
     */
    public static boolean externalIdentityProvider() {
        return System.getenv("ZHENGGAI_JWT_PUBLIC_KEY") != null;
    }

    /** The packaged application of a module, e.g. {@code issue-service}, under the repository root. */
    public static Path packagedJar(Path repositoryRoot, String module) {
        Path jar = repositoryRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: package the services first");
        }
        return jar;
    }

    /**
     * JVM options for a dynamic class-data archive (AppCDS) per build of a service, kept in {@code directory}: while
     * the archive of this build of the jar is missing, the options write it when the JVM exits in order
     * ({@code -XX:ArchiveClassesAtExit}: a stop, not a SIGKILL); once it exists they start from it
     * ({@code -XX:SharedArchiveFile}): about a third less CPU to start (deploy/bench/README.md, "A restart in under
     * 10 s"). A rebuilt jar gets a new archive; older ones are removed. The launcher and the benchmarks use this.
     */
    public static List<String> classDataSharing(Path directory, String module, Path jar) {
        try {
            Files.createDirectories(directory);
            String build = module + "-" + Files.getLastModifiedTime(jar).toMillis();
            Path archive = directory.resolve(build + ".jsa");
            try (var old = Files.list(directory)) {
                for (Path file : old.filter(f -> f.getFileName().toString().startsWith(module + "-")
                        && !f.getFileName().toString().startsWith(build)).toList()) {
                    Files.deleteIfExists(file);
                }
            }
            return List.of(Files.isRegularFile(archive) ? "-XX:SharedArchiveFile=" + archive
                    : "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
        } catch (IOException e) {
            return List.of(); // a faster start is not worth failing for
        }
    }

    /** Whether these options (of {@link #classDataSharing}) write the archive at exit rather than start from it. */
    public static boolean writesClassDataArchive(List<String> options) {
        return options.stream().anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit="));
    }

    /** Extra JVM options, e.g. a class-data archive for a faster start; call before {@link #start()}. */
    public ServiceProcess withJvmOptions(List<String> options) {
        jvmOptions.addAll(options);
        return this;
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Path logFile() {
        return logFile;
    }

    /**
     * A service's heap: at most 384 MB, and 256 MB from the start. G1 sizes a heap that starts at 32 MB by the time it
     * spends collecting, and kept report-service's at 95-134 MB under a steady 200 writes/s: with 40 MB live, every
     * large allocation then found the old generation past the threshold of a concurrent cycle, one every three
     * seconds (104 in 300 s, 544 pauses, 115 of them over 10 ms, 0.05 core of the collectors); from 256 MB the
     * collectors used no measurable CPU. The large allocations were mostly the issues in memory compacting into new
     * arrays, which now compact in place (the small heap then ran no concurrent cycle either); the 256 MB start is
     * what the freshness runs under 100 ms had (deploy/bench/README.md, "The first seconds of the measured window,
     * and the services' heap").
     */
    public static final List<String> HEAP = List.of("-Xms256m", "-Xmx384m");

    public synchronized ServiceProcess start() {
        List<String> command = new ArrayList<>(List.of(JavaProcesses.javaBinary()));
        command.addAll(HEAP);
        command.addAll(jvmOptions);
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Duser.timezone=Asia/Shanghai");
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        try {
            Files.createDirectories(logFile.getParent());
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
    }

    /** Waits until {@code /q/health} answers 200 with status UP. */
    public ServiceProcess awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health"))
                .timeout(Duration.ofSeconds(3)).GET().build();
        while (System.nanoTime() < deadline) {
            if (!isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + logFile);
            }
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().replace(" ", "").contains("\"status\":\"UP\"")) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + name, e);
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " was not healthy within " + timeout + "; see " + logFile);
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return process.pid();
    }

    /** SIGKILL, as a crash would. */
    public synchronized void kill() {
        JavaProcesses.kill(process);
    }

    public synchronized void stop() {
        JavaProcesses.stop(process, Duration.ofSeconds(20));
    }

    @Override
    public void close() {
        stop();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
