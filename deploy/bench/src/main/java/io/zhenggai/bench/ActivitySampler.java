package io.zhenggai.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Samples {@code pg_stat_activity} of one database every few milliseconds while a phase runs: what the client
 * backends are doing (running, waiting for a row lock, waiting for the WAL flush of their commit, idle waiting for
 * the client). Averaged over the samples this is "how many of the connections are in that state at any moment",
 * which shows where the time of a request goes on the database side.
 */
final class ActivitySampler implements AutoCloseable {

    private final String jdbcUrl;
    private final String database;
    private final long intervalMillis;
    private final Map<String, Long> counts = new ConcurrentHashMap<>();
    private final Map<String, Long> holders = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private long samples;
    private long samplesWithWaiters;
    private final Thread thread;

    ActivitySampler(String jdbcUrl, String database, long intervalMillis) {
        this.jdbcUrl = jdbcUrl;
        this.database = database;
        this.intervalMillis = intervalMillis;
        this.thread = new Thread(this::run, "activity-sampler-" + database);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
             PreparedStatement query = connection.prepareStatement("""
                     SELECT state, wait_event_type, wait_event, query FROM pg_stat_activity
                     WHERE datname = ? AND backend_type = 'client backend' AND pid <> pg_backend_pid()""");
             // the backends others wait for on a heavyweight lock (row locks included), and what they are doing:
             // a blocker that itself waits on a lock is only a link in the queue, not the holder
             PreparedStatement blockers = connection.prepareStatement("""
                     SELECT h.state, h.wait_event_type, h.wait_event, h.query FROM pg_stat_activity h
                     WHERE h.pid IN (SELECT unnest(pg_blocking_pids(w.pid)) FROM pg_stat_activity w
                                     WHERE w.datname = ? AND w.wait_event_type = 'Lock')
                       AND h.wait_event_type IS DISTINCT FROM 'Lock'""")) {
            query.setString(1, database);
            blockers.setString(1, database);
            while (running) {
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        counts.merge(classify(rows.getString(1), rows.getString(2), rows.getString(3),
                                rows.getString(4)), 1L, Long::sum);
                    }
                }
                boolean blocked = false;
                try (ResultSet rows = blockers.executeQuery()) {
                    while (rows.next()) {
                        blocked = true;
                        holders.merge(classify(rows.getString(1), rows.getString(2), rows.getString(3),
                                rows.getString(4)), 1L, Long::sum);
                    }
                }
                synchronized (this) {
                    samples++;
                    if (blocked) {
                        samplesWithWaiters++;
                    }
                }
                Thread.sleep(intervalMillis);
            }
        } catch (SQLException e) {
            System.err.println("pg_stat_activity sampling stopped: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String classify(String state, String waitType, String waitEvent, String query) {
        String statement = statement(query);
        if (state == null) {
            return "(no state)";
        }
        if (state.equals("idle")) {
            return "idle (no transaction open)";
        }
        if (state.startsWith("idle in transaction")) {
            return "idle in transaction (the service works between statements) after " + statement;
        }
        String wait = waitType == null ? "on CPU" : waitType + ":" + waitEvent;
        if ("Lock".equals(waitType) && "transactionid".equals(waitEvent)) {
            wait = "row lock wait (Lock:transactionid)";
        }
        return "active, " + wait + ", in " + statement;
    }

    /** A short name for the statement: its first words, or the table it updates. */
    static String statement(String query) {
        if (query == null) {
            return "?";
        }
        String q = query.replaceAll("\\s+", " ").trim();
        if (q.contains("journal_position")) {
            return "journal_position (the sequencer)";
        }
        if (q.contains("bench_position")) {
            return "UPDATE bench_position (the counter alone)";
        }
        String upper = q.toUpperCase();
        for (String prefix : List.of("COMMIT", "BEGIN", "ROLLBACK", "SET ")) {
            if (upper.startsWith(prefix)) {
                return prefix.trim();
            }
        }
        for (String kind : List.of("INSERT INTO ", "UPDATE ", "DELETE FROM ")) {
            if (upper.startsWith(kind)) {
                String rest = q.substring(kind.length());
                return kind.trim() + " " + rest.split("[ (]")[0];
            }
        }
        if (upper.startsWith("SELECT")) {
            int from = upper.indexOf(" FROM ");
            return from < 0 ? "SELECT" : "SELECT … FROM " + q.substring(from + 6).split("[ ,(]")[0];
        }
        return q.length() > 40 ? q.substring(0, 40) + "…" : q;
    }

    /** Average number of connections per state over the samples, largest first. */
    Map<String, Double> averages() {
        return averages(counts);
    }

    /**
     * What the lock holders were doing (holders of a lock somebody waits for), as a share of all samples: for a
     * single hot row the shares add up to the fraction of time the row was locked while others queued behind it.
     */
    Map<String, Double> holderAverages() {
        return averages(holders);
    }

    /** Share of samples in which at least one backend waited on a lock. */
    synchronized double waitingShare() {
        return samplesWithWaiters / (double) Math.max(1, samples);
    }

    private Map<String, Double> averages(Map<String, Long> counts) {
        long n;
        synchronized (this) {
            n = Math.max(1, samples);
        }
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : entries) {
            out.put(e.getKey(), e.getValue() / (double) n);
        }
        return out;
    }

    synchronized long samples() {
        return samples;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
