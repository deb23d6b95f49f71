package io.zhenggai.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What every by-hand benchmark here needs: a work directory of its own (made fresh each run, and only ever deleted
 * when this tool made it), free ports, the processes it started (stopped in reverse order, also on Ctrl-C), and
 * its console lines.
 */
final class BenchRun {

    private static final String MARKER = ".zhenggai-bench";

    private final List<AutoCloseable> started = new ArrayList<>();

    /** Registers a shutdown hook that stops everything this run started. */
    BenchRun() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "bench-shutdown"));
    }

    /** A fresh work directory (deleting the previous run's) with a {@code logs} folder. */
    Path prepare(Path data, String tool) throws IOException {
        deleteRecursively(data);
        Files.createDirectories(data.resolve("logs"));
        Files.writeString(data.resolve(MARKER), "a work directory of " + tool + "; deleted by its next run\n");
        return data;
    }

    synchronized <T extends AutoCloseable> T track(T resource) {
        started.add(resource);
        return resource;
    }

    /** Last started first: services, then the broker, then the database. */
    synchronized void stopAll() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("While stopping: " + e.getMessage());
            }
        }
        started.clear();
    }

    static int[] freePorts(int n) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket socket = new ServerSocket(0);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    /** Only a directory this tool made (it has the marker) or an empty one is ever deleted. */
    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            if (entries.findAny().isPresent() && !Files.exists(directory.resolve(MARKER))) {
                throw new IllegalStateException(directory + " is not empty and was not made by this benchmark: "
                        + "not deleting it; pick another --data");
            }
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** The repository root the scripts pass as {@code -Dzhenggai.root}. */
    static Path root() {
        return Path.of(System.getProperty("zhenggai.root", ".")).toAbsolutePath().normalize();
    }

    /** JVM options given as one option's value (--service-jvm="-Xmn160m -Xlog:gc"): split at blanks; none when blank. */
    static List<String> jvmOptions(String value) {
        return value.isBlank() ? List.of() : List.of(value.strip().split("\\s+"));
    }

    /** A benchmark's main body, run by {@link #execute}. */
    interface Body {
        void run() throws Exception;
    }

    /** Runs {@code body}; prints a failure; stops everything this run started; exits 0, or 1 after a failure. */
    void execute(Body body) {
        int status = 0;
        try {
            body.run();
        } catch (Exception e) {
            System.err.println("\nThe benchmark failed: " + e);
            e.printStackTrace();
            status = 1;
        }
        stopAll();
        System.exit(status);
    }

    /** The machine's load averages (1, 5, 15 minutes), as uptime shows them. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static void say(String format, Object... args) {
        System.out.printf("[bench] " + format + "%n", args);
        System.out.flush();
    }

    static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
