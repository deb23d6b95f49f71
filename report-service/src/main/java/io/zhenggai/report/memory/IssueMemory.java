package io.zhenggai.report.memory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.zhenggai.report.projection.IssueAttributes;
import io.zhenggai.report.projection.IssueState;
import io.zhenggai.report.store.ChangeFeed;
import io.zhenggai.report.store.Generations;

/**
 * The issues of the active generation in memory (issue 16), kept current from the generation's change feed, so that
 * counts, breakdowns and answers as of a moment are counted in memory ({@link IssueIndex}) instead of scanned in
 * PostgreSQL. PostgreSQL stays the record: the index is read from it at start (in the background; until it is
 * loaded, answers come from SQL) and after every committed change, which the intake of any instance logs with its
 * number in the generation's {@code change_log} ({@code change_clock} counts them, in commit order).
 * <p>
 * An answer is never older than the data: {@link #current} reads the change number in the request's own transaction
 * and, when the index is behind it, wakes the worker and waits until the index has caught up (or answers from SQL
 * after {@code zhenggai.memory.wait-ms}). One worker thread does all reading, on a pool connection per round, each
 * load or catch-up in a REPEATABLE READ transaction: a snapshot of the change number with every row of the issues it names.
 * Nothing is kept that PostgreSQL does not have, so a crash loses nothing: the next start reads it again.
 */
@ApplicationScoped
public class IssueMemory {

    private static final Logger LOG = Logger.getLogger(IssueMemory.class);
    private static final String MOMENT = IssueMemory.class.getName() + ".moment";

    @Inject
    DataSource dataSource;

    @Inject
    Generations generations;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "zhenggai.memory.enabled", defaultValue = "true")
    boolean enabled;

    /** How long an answer waits for the index to catch up with the data before it is counted in SQL instead. */
    @ConfigProperty(name = "zhenggai.memory.wait-ms", defaultValue = "2000")
    long waitMillis;

    /** How often the worker looks for changes when no answer asks it to. */
    @ConfigProperty(name = "zhenggai.memory.poll-ms", defaultValue = "100")
    long pollMillis;

    /** A catch-up naming more issues than this reads the whole generation again instead. */
    @ConfigProperty(name = "zhenggai.memory.reload-above", defaultValue = "20000")
    int reloadAbove;

    /**
     * Dead history rows an index tolerates before it compacts its arrays (besides half of its rows: an issue's change
     * marks its old rows dead and appends the new ones).
     */
    @ConfigProperty(name = "zhenggai.memory.compact-above", defaultValue = "4096")
    int compactAbove;

    private final Map<String, IssueIndex> indexes = new ConcurrentHashMap<>();
    /** Generations loaded on request ({@link #load}) besides the active one. */
    private final Set<String> pinned = ConcurrentHashMap.newKeySet();
    private final AtomicLong served = new AtomicLong();
    private final Object work = new Object();
    private final Object progress = new Object();
    private boolean wanted;
    private volatile boolean running;
    /** The active generation as the worker last read it. */
    private volatile String active;
    private volatile double lastLoadSeconds;
    private Thread worker;
    /** Per schema, what its history's states refer to, kept across catch-ups (read by the worker only). */
    private final Map<String, Map<UUID, IssueAttributes>> attributes = new HashMap<>();
    private final Map<String, Map<UUID, IssueState.Inspection>> inspectionKeys = new HashMap<>();

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        registry.gauge("zhenggai.memory.loaded", this,
                m -> m.active != null && m.indexes.containsKey(m.active) ? 1 : 0);
        registry.gauge("zhenggai.memory.issues", this, m -> {
            IssueIndex index = m.active == null ? null : m.indexes.get(m.active);
            return index == null ? 0 : index.issues();
        });
        registry.gauge("zhenggai.memory.load.seconds", this, m -> m.lastLoadSeconds);
        registry.more().counter("zhenggai.memory.served", List.of(), served);
        running = true;
        worker = new Thread(this::run, "issue-memory");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (worker != null) {
            worker.interrupt();
        }
    }

    /**
     * Loads the issues of {@code schema} now and keeps them current from then on, whatever generation is active (the
     * active generation's are loaded by themselves; tests load the generation they work in).
     */
    public void load(String schema) {
        pinned.add(schema);
        synchronized (this) {
            try (Connection connection = dataSource.getConnection()) {
                indexes.put(schema, read(connection, schema));
            } catch (SQLException e) {
                throw new IllegalStateException("cannot load the issues of " + schema, e);
            }
        }
    }

    /**
     * What an answer in the current transaction is read at: the generation's change number and the definitions'
     * number, read once per transaction (in the statement that binds it, when it is not bound yet), and the index
     * holding every change committed before them, or none when there is none (not loaded yet, or disabled) or it
     * could not catch up in time: then the caller counts in SQL. Every call in one transaction answers the same, so
     * the parts of one answer agree. Needs the caller's transaction.
     */
    public Moment moment() {
        Moment moment = (Moment) transactions.getResource(MOMENT);
        if (moment == null) {
            Generations.Clocks clocks = generations.bindWithClocks();
            moment = new Moment(clocks, enabled ? caughtUp(clocks.schema(), clocks.changes()) : null);
            transactions.putResource(MOMENT, moment);
        }
        return moment;
    }

    /**
     * What an answer is read at ({@link IssueMemory#moment}).
     *
     * @param index null: count in SQL
     */
    public record Moment(Generations.Clocks clocks, IssueIndex index) {
    }

    /** The index of {@link #moment()}, when there is one. */
    public Optional<IssueIndex> current() {
        return Optional.ofNullable(moment().index());
    }

    /** The index of {@code schema} once it holds change {@code clock}, waiting for it; null when there is none. */
    private IssueIndex caughtUp(String schema, long clock) {
        IssueIndex index = indexes.get(schema);
        if (index == null) {
            wake();
            return null;
        }
        if (index.clock() >= clock) {
            return index;
        }
        wake();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        synchronized (progress) {
            // the index may be replaced meanwhile (a whole reload), by one that is still behind: wait for whichever
            // index holds the schema's issues to reach the clock
            while (true) {
                IssueIndex now = indexes.get(schema);
                if (now != null && now.clock() >= clock) {
                    return now;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(progress, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }
    }

    /** The index of {@code schema} as it is, without catching up (null when none is loaded). */
    IssueIndex loaded(String schema) {
        return indexes.get(schema);
    }

    /** Counts an answer given from memory. */
    public void answered() {
        served.incrementAndGet();
    }

    /** How many answers were counted in memory since start (tests assert that the memory answered, not the SQL). */
    public long served() {
        return served.get();
    }

    private void wake() {
        synchronized (work) {
            wanted = true;
            work.notifyAll();
        }
    }

    private void run() {
        while (running) {
            // a connection per round, not held between rounds: the worker never takes one from the pool for good
            try {
                try (Connection connection = dataSource.getConnection()) {
                    keepCurrent(connection);
                }
                synchronized (work) {
                    if (!wanted) {
                        work.wait(pollMillis);
                    }
                    wanted = false;
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                LOG.warnf(e, "the issues in memory could not be kept current; answers are counted in SQL meanwhile");
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** One round of the worker: load the active generation if it is not, catch every index up, drop the retired. */
    private synchronized void keepCurrent(Connection connection) throws SQLException {
        String active = active(connection);
        this.active = active;
        Set<String> keep = new HashSet<>(pinned);
        if (active != null) {
            keep.add(active);
        }
        indexes.keySet().retainAll(keep);
        attributes.keySet().retainAll(keep);
        inspectionKeys.keySet().retainAll(keep);
        for (String schema : keep) {
            try {
                IssueIndex index = indexes.get(schema);
                if (index == null) {
                    long started = System.nanoTime();
                    index = read(connection, schema);
                    indexes.put(schema, index);
                    lastLoadSeconds = (System.nanoTime() - started) / 1e9;
                    LOG.infof("%d issues of %s in memory (%d ms)", index.issues(), schema,
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                } else if (!catchUp(connection, index)) {
                    indexes.put(schema, read(connection, schema));
                }
            } catch (SQLException e) {
                rollback(connection);
                if (!schema.equals(active)) {
                    // a generation loaded on request that is gone (dropped): forget it
                    pinned.remove(schema);
                    indexes.remove(schema);
                } else {
                    throw e;
                }
            }
        }
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    private static String active(Connection connection) throws SQLException {
        return snapshot(connection, () -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT schema_name FROM public.generation WHERE state = 'ACTIVE'");
                 ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        });
    }

    /** The whole generation, in one snapshot. */
    private IssueIndex read(Connection connection, String schema) throws SQLException {
        attributes.put(schema, new HashMap<>());
        inspectionKeys.put(schema, new HashMap<>());
        return snapshot(connection, () -> {
            IndexLoader loader = loader(connection, schema);
            IssueIndex index = new IssueIndex(schema, loader.clock(), compactAbove);
            index.replace(loader.issues(null), loader.inspections(null), index.clock());
            return index;
        });
    }

    /** Reads the issues changed since the index's clock; false when only a whole reload can be exact. */
    private boolean catchUp(Connection connection, IssueIndex index) throws SQLException {
        return snapshot(connection, () -> {
            IndexLoader loader = loader(connection, index.schema());
            ChangeFeed.Changes changes = loader.changed(index.clock());
            if (!changes.complete() || changes.aggregateIds().size() > reloadAbove) {
                return false;
            }
            if (changes.upTo() <= index.clock()) {
                return true;
            }
            Set<UUID> changed = changes.aggregateIds();
            // an inspection is never deleted: its label is replaced, never removed
            index.replace(loader.issues(changed), loader.inspections(changed), changes.upTo());
            return true;
        });
    }

    private IndexLoader loader(Connection connection, String schema) {
        return new IndexLoader(connection, schema, json, inspectionKeys.computeIfAbsent(schema, s -> new HashMap<>()),
                attributes.computeIfAbsent(schema, s -> new HashMap<>()));
    }

    private interface Work<T> {
        T run() throws SQLException;
    }

    private static <T> T snapshot(Connection connection, Work<T> work) throws SQLException {
        if (connection.getAutoCommit()) {
            connection.setAutoCommit(false);
        }
        if (connection.getTransactionIsolation() != Connection.TRANSACTION_REPEATABLE_READ) {
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        }
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            rollback(connection);
            throw e;
        }
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // the connection is closed by the caller
        }
    }
}
