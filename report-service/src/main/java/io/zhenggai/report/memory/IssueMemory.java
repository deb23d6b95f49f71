package io.zhenggai.report.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
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
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.zhenggai.report.projection.IssueAttributes;
import io.zhenggai.report.projection.IssueState;
import io.zhenggai.report.store.ChangeFeed;
import io.zhenggai.report.store.Generations;
import io.zhenggai.report.store.ProjectionChanged;

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
 * <p>
 * <b>Checkpoints.</b> With {@code zhenggai.memory.checkpoint-dir} set, the worker also writes the active generation's
 * index to a local file ({@link IndexCheckpoint}): after a whole load, when it changed and
 * {@code zhenggai.memory.checkpoint-every} has passed, and at an orderly shutdown. A start reads that file instead of
 * the whole generation when it is whole and of this database and generation, and the change feed still holds every
 * change after it; then it catches up from the feed as usual. Anything else (no file, a torn or foreign one, a pruned
 * feed) reads the whole generation, as without a checkpoint.
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

    /** Where the active generation's index is checkpointed; empty: never. One directory per instance. */
    @ConfigProperty(name = "zhenggai.memory.checkpoint-dir")
    Optional<String> checkpointDir;

    /** The least time between two checkpoints of a changing index (well inside {@code zhenggai.changes.keep}). */
    @ConfigProperty(name = "zhenggai.memory.checkpoint-every", defaultValue = "PT1M")
    Duration checkpointEvery;

    private final Map<String, IssueIndex> indexes = new ConcurrentHashMap<>();
    /** Generations loaded on request ({@link #load}) besides the active one. */
    private final Set<String> pinned = ConcurrentHashMap.newKeySet();
    private final AtomicLong served = new AtomicLong();
    /** The arrivals of committed batches no round has read yet ({@link #committed}). */
    private final Queue<long[]> arriving = new ConcurrentLinkedQueue<>();
    private volatile Timer freshness;
    private final Object work = new Object();
    private final Object progress = new Object();
    private boolean wanted;
    private volatile boolean running;
    /** The active generation as the worker last read it. */
    private volatile String active;
    private volatile double lastLoadSeconds;
    /** Whether the last load of the active generation came from a checkpoint (and the change feed after it). */
    private volatile boolean lastLoadFromCheckpoint;
    private volatile double lastCheckpointSeconds;
    private volatile long lastCheckpointBytes;
    /** Per schema, the clock of its last checkpoint (written or read) and when (System.nanoTime). */
    private final Map<String, long[]> checkpointed = new ConcurrentHashMap<>();
    private Thread worker;
    /** Per schema, what its history's states refer to, kept across catch-ups (read by the worker only). */
    private final Map<String, Map<UUID, IssueAttributes>> attributes = new HashMap<>();
    private final Map<String, Map<UUID, IssueState.Inspection>> inspectionKeys = new HashMap<>();

    void start(@Observes StartupEvent event) {
        freshness = Timer.builder("zhenggai.answers.freshness")
                .description("Time from an event's arrival on the topic (its record's timestamp) until answers include "
                        + "it: the issues in memory caught up with the batch that applied it (its commit, while they "
                        + "are not in memory)")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10)).register(registry);
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
        registry.gauge("zhenggai.memory.load.checkpoint", this, m -> m.lastLoadFromCheckpoint ? 1 : 0);
        registry.gauge("zhenggai.memory.checkpoint.seconds", this, m -> m.lastCheckpointSeconds);
        registry.gauge("zhenggai.memory.checkpoint.bytes", this, m -> m.lastCheckpointBytes);
        directory().ifPresent(directory -> {
            try {
                // what a writer killed in the middle left behind
                IndexCheckpoint.clean(directory, null)
                        .forEach(f -> LOG.infof("removed %s, left by a checkpoint that was not finished", f));
            } catch (IOException e) {
                LOG.warnf(e, "cannot look into the checkpoint directory %s", directory);
            }
        });
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
            try {
                worker.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            // an orderly stop: the changes since the last checkpoint are not read from the database again
            String schema = active;
            if (schema != null && !worker.isAlive()) {
                synchronized (this) {
                    IssueIndex index = indexes.get(schema);
                    if (index != null && due(schema, index, true)) {
                        try (Connection connection = dataSource.getConnection()) {
                            checkpoint(connection, index, directory().get());
                        } catch (SQLException | RuntimeException e) {
                            LOG.warnf(e, "the issues in memory were not checkpointed at shutdown");
                        }
                    }
                }
            }
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
     * Writes the index of {@code schema} to a checkpoint in {@code directory} now, as the worker does (tests and the
     * restart benchmark; the worker writes to {@code zhenggai.memory.checkpoint-dir} by itself).
     */
    public void checkpoint(String schema, Path directory) {
        synchronized (this) {
            IssueIndex index = indexes.get(schema);
            if (index == null) {
                throw new IllegalStateException(schema + " is not in memory");
            }
            try (Connection connection = dataSource.getConnection()) {
                checkpoint(connection, index, directory);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot checkpoint the issues of " + schema, e);
            }
        }
    }

    /**
     * Loads the issues of {@code schema} again as a start does (tests): from its checkpoint in {@code directory} and
     * the change feed after it when that may be used, else the whole generation; the index in memory is replaced once
     * the new one is loaded. Returns whether it came from the checkpoint.
     */
    public boolean restart(String schema, Path directory) {
        synchronized (this) {
            try (Connection connection = dataSource.getConnection()) {
                IssueIndex index = restore(connection, schema, directory);
                boolean restored = index != null;
                indexes.put(schema, restored ? index : read(connection, schema));
                return restored;
            } catch (SQLException e) {
                throw new IllegalStateException("cannot load the issues of " + schema, e);
            }
        }
    }

    /** The number of slots the index of {@code schema} has numbered (tests: a restored index keeps its slots). */
    public int slots(String schema) {
        return indexes.get(schema).slots();
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

    /**
     * The answer {@code remembered} keeps for {@code key}, counted as given from memory ({@link #answered}); or the one
     * {@code compute} gives, which counts itself if it counts in memory.
     */
    public <K, V> V recall(Remembered<K, V> remembered, K key, java.util.function.Supplier<V> compute) {
        boolean[] computed = {false};
        V answer = remembered.get(key, () -> {
            computed[0] = true;
            return compute.get();
        });
        if (!computed[0]) {
            answered();
        }
        return answer;
    }

    /**
     * An answer remembered by the question {@code question} makes of this transaction's {@link #moment}'s clocks
     * ({@link #recall}), while the issues are in memory; before they are, {@code compute}'s answer every time (nothing
     * is remembered that was counted in SQL).
     */
    public <K, V> V recallAtMoment(Remembered<K, V> remembered,
                                   java.util.function.Function<Generations.Clocks, K> question,
                                   java.util.function.Supplier<V> compute) {
        Moment moment = moment();
        return moment.index() == null ? compute.get() : recall(remembered, question.apply(moment.clocks()), compute);
    }

    /** How many answers were counted in memory since start (tests assert that the memory answered, not the SQL). */
    public long served() {
        return served.get();
    }

    /**
     * The intake committed a batch (right after its commit, on its thread): catch up now, and time the batch's events
     * until a round that began after the commit has read them. While the active generation is not in memory, answers
     * are counted in SQL, which already includes the batch.
     */
    void committed(@Observes ProjectionChanged batch) {
        String schema = active;
        if (!running || schema == null || !indexes.containsKey(schema)) {
            timeArrivals(List.of(batch.arrivals()));
            return;
        }
        arriving.add(batch.arrivals());
        wake();
    }

    private void timeArrivals(Collection<long[]> batches) {
        Timer timer = freshness;
        if (timer == null) {
            return;
        }
        long now = System.currentTimeMillis();
        for (long[] arrivals : batches) {
            for (long arrival : arrivals) {
                timer.record(Math.max(0, now - arrival), TimeUnit.MILLISECONDS);
            }
        }
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
            // the batches committed before this round: its snapshot, taken after, holds them
            List<long[]> covered = new ArrayList<>();
            for (long[] arrivals; (arrivals = arriving.poll()) != null; ) {
                covered.add(arrivals);
            }
            try {
                try (Connection connection = dataSource.getConnection()) {
                    keepCurrent(connection);
                }
                timeArrivals(covered);
                covered.clear();
                synchronized (work) {
                    if (!wanted) {
                        work.wait(pollMillis);
                    }
                    wanted = false;
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                arriving.addAll(covered); // timed by the round that reads them
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
                boolean whole = false;
                if (index == null) {
                    long started = System.nanoTime();
                    index = schema.equals(active) && directory().isPresent()
                            ? restore(connection, schema, directory().get()) : null;
                    boolean restored = index != null;
                    if (!restored) {
                        index = read(connection, schema);
                        whole = true;
                    }
                    indexes.put(schema, index);
                    lastLoadSeconds = (System.nanoTime() - started) / 1e9;
                    lastLoadFromCheckpoint = restored;
                    LOG.infof("%d issues of %s in memory%s (%d ms)", index.issues(), schema,
                            restored ? " from the checkpoint and the change feed after it" : "",
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                } else if (!catchUp(connection, index)) {
                    index = read(connection, schema);
                    indexes.put(schema, index);
                    whole = true;
                }
                if (schema.equals(active) && due(schema, index, whole)) {
                    checkpoint(connection, index, directory().get());
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

    private Optional<Path> directory() {
        return checkpointDir.filter(d -> !d.isBlank()).map(Path::of);
    }

    /** Whether the index of {@code schema} is to be checkpointed now: changed since, and enough time passed. */
    private boolean due(String schema, IssueIndex index, boolean now) {
        if (directory().isEmpty()) {
            return false;
        }
        long[] last = checkpointed.get(schema);
        if (last == null) {
            return true;
        }
        return last[0] != index.clock()
                && (now || System.nanoTime() - last[1] >= checkpointEvery.toNanos());
    }

    /**
     * Writes the index's checkpoint (the worker's thread, or the stopping one once the worker ended), replacing the
     * last one; a failure is logged and retried at the next due time. Answers are counted meanwhile (the file is
     * written under the index's read lock); the worker catches up after it.
     */
    private void checkpoint(Connection connection, IssueIndex index, Path directory) {
        long started = System.nanoTime();
        long clock = index.clock();
        try {
            Optional<IndexCheckpoint.Identity> identity = snapshot(connection,
                    () -> IndexCheckpoint.identity(connection, index.schema(), clock));
            if (identity.isEmpty()) {
                return;
            }
            long bytes = IndexCheckpoint.write(directory, index, identity.get());
            IndexCheckpoint.clean(directory, index.schema());
            lastCheckpointSeconds = (System.nanoTime() - started) / 1e9;
            lastCheckpointBytes = bytes;
            LOG.infof("checkpointed %d issues of %s at change %d: %d bytes in %d ms", index.issues(), index.schema(),
                    clock, bytes, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (IOException | SQLException | RuntimeException e) {
            rollback(connection);
            LOG.warnf(e, "the issues of %s in memory could not be checkpointed in %s", index.schema(), directory);
        }
        // tried: not again before the next due time, whether it worked or not
        checkpointed.put(index.schema(), new long[] {clock, System.nanoTime()});
    }

    /**
     * The index of {@code schema} from its checkpoint, caught up from the change feed; null when there is none that
     * may be used (none, torn, of another database or generation or build, or the feed no longer holds every change
     * after it): then the caller reads the whole generation.
     */
    private IssueIndex restore(Connection connection, String schema, Path directory) throws SQLException {
        // a failure to read the file or the identity reads the whole generation; one of the catch-up fails the round
        Path file = IndexCheckpoint.file(directory, schema);
        if (!Files.exists(file)) {
            return null;
        }
        long started = System.nanoTime();
        IssueIndex index;
        long fileClock;
        try {
            Optional<IndexCheckpoint.Identity> header = IndexCheckpoint.header(file);
            if (header.isEmpty()) {
                LOG.infof("ignoring %s: of another format or build; reading the whole generation", file);
                return null;
            }
            fileClock = header.get().clock();
            Optional<IndexCheckpoint.Identity> expected = snapshot(connection,
                    () -> IndexCheckpoint.identity(connection, schema, fileClock));
            if (expected.isEmpty()) {
                LOG.infof("ignoring %s: %s is not a generation of this database", file, schema);
                return null;
            }
            index = IndexCheckpoint.read(file, expected.get(), compactAbove);
        } catch (IOException | SQLException | RuntimeException e) {
            LOG.warnf("ignoring the checkpoint %s (%s); reading the whole generation", file, e.toString());
            return null;
        }
        long read = System.nanoTime();
        // what catch-ups keep per schema starts empty: the attribute rows of a changed issue are read with it, and
        // equal attributes find the restored slots (IssueAttributes compare by value)
        attributes.put(schema, new HashMap<>());
        inspectionKeys.put(schema, new HashMap<>());
        if (!catchUp(connection, index)) {
            LOG.infof("ignoring %s: the change feed no longer holds every change after %d; reading the whole "
                    + "generation", file, index.clock());
            return null;
        }
        checkpointed.put(schema, new long[] {fileClock, System.nanoTime()});
        LOG.infof("read %s in %d ms, caught up to change %d in %d ms", file,
                TimeUnit.NANOSECONDS.toMillis(read - started), index.clock(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - read));
        return index;
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
            index.replace(loader.issues(changed, index.versionTails(changed)), loader.inspections(changed),
                    changes.upTo());
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
