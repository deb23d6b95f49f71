package io.zhenggai.report.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The change feed (issue 16): which aggregates every committed transaction applied to a generation's projections
 * ({@code issue_view}, {@code issue_timeline}, {@code issue_version}, {@code issue_attributes}, {@code inspection_view}
 * and the rest), numbered in commit order, so that an in-memory copy of them in any instance learns of every change,
 * including those other instances wrote, and never skips one.
 * <p>
 * <b>Writing.</b> {@link #record} is called once per applying transaction, by the intake's ledger just before commit
 * (see {@code IntakeLedger}): {@code UPDATE change_clock SET n = n + 1 RETURNING n} takes the next number and the
 * transaction holds the clock row's lock until it commits or rolls back, so the next writer gets the next number only
 * after it: numbers commit in order, a rolled-back number is taken again, and there are no gaps. A reader that sees
 * number n has therefore seen every number below it. The clock of generation {@code gen_K} starts at {@code K << 40}
 * ({@link #generationOf}), so a position read in one generation never passes for one in another: after a switch,
 * {@link #since} from an old position answers {@link Changes#complete()} false.
 * <p>
 * <b>Reading.</b> {@link #clock} and {@link #since} read the active generation (or the one named) in one statement
 * ({@code public.change_feed}, one snapshot), on a pool connection (autocommit from a thread without a transaction,
 * the transaction's own inside one), or on the caller's JDBC connection (the static forms). Safe from any thread.
 * <p>
 * <b>Pruning.</b> The writers delete rows older than {@code zhenggai.changes.keep} that are not among the newest
 * {@code zhenggai.changes.keep-rows}, at most once per {@code zhenggai.changes.prune-every} per instance and
 * generation, before taking the clock (so not while holding it), skipping rows another pruner holds. A reader whose
 * position was pruned gets {@code complete} false and must reload everything.
 */
@ApplicationScoped
public class ChangeFeed {

    /** How many rows one prune deletes at most (it runs again at the next transaction when it hit the limit). */
    static final int PRUNE_LIMIT = 10_000;

    private static final String READ = "SELECT feed_schema, feed_clock, log_n, log_ids FROM public.change_feed(?, ?, ?)";

    @Inject
    DataSource dataSource;

    @Inject
    Generations generations;

    @ConfigProperty(name = "zhenggai.changes.keep", defaultValue = "PT10M")
    Duration keep;

    @ConfigProperty(name = "zhenggai.changes.keep-rows", defaultValue = "1000")
    int keepRows;

    @ConfigProperty(name = "zhenggai.changes.prune-every", defaultValue = "PT1M")
    Duration pruneEvery;

    /** Per generation schema: when this instance last pruned it (System.nanoTime). */
    private final ConcurrentMap<String, Long> prunedAt = new ConcurrentHashMap<>();

    /**
     * What the log held after a position.
     *
     * @param schema       the generation read
     * @param after        the position asked about
     * @param upTo         the highest number read (after itself when none was)
     * @param clock        the generation's clock when read: the highest committed number
     * @param aggregateIds the aggregates the transactions numbered after+1..upTo applied
     * @param complete     whether the log held every number after {@code after} that it answers for: false when they
     *                     were pruned, or {@code after} belongs to another generation (or is ahead of the clock); the
     *                     caller must then reload everything (see {@link #since})
     */
    public record Changes(String schema, long after, long upTo, long clock, Set<UUID> aggregateIds,
                          boolean complete) {

        /** Whether numbers after {@code upTo} were committed when this was read (max rows reached). */
        public boolean more() {
            return complete && upTo < clock;
        }
    }

    /**
     * Raises the clock's newest applied event time without taking a number: a transaction that applied no event but
     * gave an aggregate its first one to stand at (an operator's skip). As {@link #record}, its last statement.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void raiseNewest(Instant newestEventTime) {
        String schema = generations.bind();
        Generations.checkSchema(schema); // formatted into the statement
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("UPDATE %s.change_clock SET newest_event_time "
                     .formatted(schema) + "= GREATEST(newest_event_time, CAST(? AS timestamptz))")) {
            statement.setObject(1, OffsetDateTime.ofInstant(newestEventTime, ZoneOffset.UTC));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Raising the clock's newest applied event time failed", e);
        }
    }

    /** The generation number a change number belongs to. */
    public static int generationOf(long n) {
        return (int) (n >>> 40);
    }

    /**
     * Logs this transaction's applied aggregates under the next number of its generation's clock; returns the number.
     * Call it once, as the transaction's last statement (the clock row stays locked until commit). Prunes first when
     * due. Written on a connection handle of its own (the transaction's connection, enlisted by the pool) and closed
     * at once, since it runs before commit, after Hibernate's session may have let its handle go. The clock's newest
     * applied event time is raised to {@code newestEventTime} (the newest recorded time of the events the transaction
     * applied; null: none to tell).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long record(Collection<UUID> aggregateIds, Instant newestEventTime) {
        if (aggregateIds.isEmpty()) {
            throw new IllegalArgumentException("a transaction that applied nothing logs nothing");
        }
        String schema = generations.bind();
        Generations.checkSchema(schema); // formatted into the statements
        if (pruneDue(schema)) {
            int deleted = prune(keep, keepRows);
            if (deleted >= PRUNE_LIMIT) {
                prunedAt.remove(schema); // more to delete: the next transaction continues
            }
        }
        UUID[] ids = aggregateIds.stream().distinct().sorted().toArray(UUID[]::new);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     WITH clock AS (UPDATE %1$s.change_clock SET n = n + 1,
                                        newest_event_time = GREATEST(newest_event_time, CAST(? AS timestamptz))
                                        RETURNING n)
                     INSERT INTO %1$s.change_log (n, aggregate_ids) SELECT n, ? FROM clock
                     RETURNING n""".formatted(schema))) {
            statement.setObject(1, newestEventTime == null ? null
                    : OffsetDateTime.ofInstant(newestEventTime, ZoneOffset.UTC));
            statement.setArray(2, connection.createArrayOf("uuid", ids));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong("n");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Logging the transaction's changes failed", e);
        }
    }

    /** Claims this instance's prune of the schema when the last one is older than {@code prune-every}. */
    private boolean pruneDue(String schema) {
        long now = System.nanoTime();
        boolean[] due = {false};
        prunedAt.compute(schema, (s, last) -> {
            if (last == null || now - last >= pruneEvery.toNanos()) {
                due[0] = true;
                return now;
            }
            return last;
        });
        return due[0];
    }

    /**
     * Deletes, in the transaction's generation, the log rows older than {@code keep} that are not among the newest
     * {@code keepRows} numbers (at most {@link #PRUNE_LIMIT}), skipping rows another transaction holds; returns how
     * many. Takes no lock on the clock.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int prune(Duration keep, int keepRows) {
        String schema = generations.bind();
        Generations.checkSchema(schema);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     DELETE FROM %1$s.change_log WHERE n IN (
                         SELECT n FROM %1$s.change_log
                         WHERE n <= (SELECT n FROM %1$s.change_clock) - ?
                           AND logged_at < now() - ? * INTERVAL '1 millisecond'
                         ORDER BY n LIMIT ?
                         FOR UPDATE SKIP LOCKED)""".formatted(schema))) {
            statement.setLong(1, keepRows);
            statement.setLong(2, keep.toMillis());
            statement.setInt(3, PRUNE_LIMIT);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Pruning the change log failed", e);
        }
    }

    /** The active generation's clock: its highest committed change number. */
    public long clock() {
        return clock(null);
    }

    /** The clock of the generation in {@code schema} (null: the active one). */
    public long clock(String schema) {
        try (Connection connection = dataSource.getConnection()) {
            return clock(connection, schema);
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the change clock failed", e);
        }
    }

    /** The active generation's changes after {@code after}, at most {@code max} numbers. */
    public Changes since(long after, int max) {
        return since(null, after, max);
    }

    /** The changes of the generation in {@code schema} (null: the active one) after {@code after}. */
    public Changes since(String schema, long after, int max) {
        try (Connection connection = dataSource.getConnection()) {
            return since(connection, schema, after, max);
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the change feed failed", e);
        }
    }

    /** The clock of the generation in {@code schema} (null: the active one), read on the caller's connection. */
    public static long clock(Connection connection, String schema) throws SQLException {
        return read(connection, schema, 0, 0).clock();
    }

    /**
     * The changes of the generation in {@code schema} (null: the active one) after number {@code after}, at most
     * {@code max} numbers, in one statement on the caller's connection (any transaction state; autocommit is
     * cheapest). The numbers read are consecutive from {@code after + 1}; when {@code complete} is false the caller
     * lost changes and must reload everything: read {@link #clock} first (or in the same snapshot as the reload), load,
     * and continue from that clock (changes after it seen again by the load are harmless to apply twice).
     */
    public static Changes since(Connection connection, String schema, long after, int max) throws SQLException {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1: " + max);
        }
        return read(connection, schema, after, max);
    }

    private static Changes read(Connection connection, String schema, long after, int max) throws SQLException {
        if (schema != null) {
            Generations.checkSchema(schema);
        }
        try (PreparedStatement statement = connection.prepareStatement(READ)) {
            statement.setString(1, schema);
            statement.setLong(2, after);
            statement.setInt(3, max);
            String read = null;
            long clock = 0;
            long upTo = after;
            boolean hole = false;
            Set<UUID> ids = new LinkedHashSet<>();
            try (ResultSet rows = statement.executeQuery()) {
                // a reader polls this: the columns found by name once, read by index in the loop
                int schemaColumn = rows.findColumn("feed_schema");
                int clockColumn = rows.findColumn("feed_clock");
                int numberColumn = rows.findColumn("log_n");
                int idsColumn = rows.findColumn("log_ids");
                while (rows.next()) {
                    read = rows.getString(schemaColumn);
                    clock = rows.getLong(clockColumn);
                    long n = rows.getLong(numberColumn);
                    if (rows.wasNull() || hole) {
                        continue;
                    }
                    if (n != upTo + 1) {
                        hole = true; // pruned here: what follows is answered by the next call, which says so
                        continue;
                    }
                    upTo = n;
                    Array array = rows.getArray(idsColumn);
                    for (Object id : (Object[]) array.getArray()) {
                        ids.add(id instanceof UUID uuid ? uuid : UUID.fromString(id.toString()));
                    }
                    array.free();
                }
            }
            boolean complete = upTo > after || !hole && clock == after;
            return new Changes(read, after, upTo, clock, Collections.unmodifiableSet(ids), complete);
        }
    }
}
