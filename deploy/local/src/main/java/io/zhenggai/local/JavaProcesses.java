package io.zhenggai.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Starting and stopping child JVMs: one place for the java binary, the classpath and clean shutdown. */
public final class JavaProcesses {

    private JavaProcesses() {
    }

    public static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The runtime classpath of this module (Kafka, its log4j binding, PostgreSQL), written at build time. */
    public static String localRuntimeClasspath() {
        try (InputStream in = JavaProcesses.class.getResourceAsStream("/zhenggai-local/runtime.classpath")) {
            if (in == null) {
                throw new IllegalStateException("zhenggai-local/runtime.classpath is missing: build deploy/local first");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM, then SIGKILL if it does not end in time; also ends any children it left. */
    public static void stop(Process process, Duration grace) {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** SIGKILL, as a crash would: no shutdown hook runs. */
    public static void kill(Process process) {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** JVM options from a system property holding them space-separated; none when it is unset or blank. */
    public static java.util.List<String> optionsFrom(String property) {
        String options = System.getProperty(property, "").strip();
        return options.isEmpty() ? java.util.List.of() : java.util.List.of(options.split("\\s+"));
    }
}
