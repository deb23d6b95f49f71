package io.zhenggai.issue.journal;

import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/** The append-only journal (outbox). Appending requires the caller's transaction: no change without its event. */
@ApplicationScoped
public class Journal {

    private static final String COLUMNS = "position, event_id, event_type, aggregate_type, aggregate_id, sequence, "
            + "recorded_at, effective_date, actor, CAST(payload AS TEXT), traceparent";

    /**
     * The largest payload the journal takes (8 MiB of JSON). A bigger event could never be published (the topic
     * takes 16 MiB with its envelope) and would stall the relay behind it forever, so it is refused before anything
     * is written.
     */
    public static final int MAX_EVENT_BYTES = 8 * 1024 * 1024;

    @Inject
    EntityManager em;

    /** The transaction's own connection (the pool hands the same one to the ORM within a transaction). */
    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper json;

    @Inject
    Event<JournalAppended> appended;

    private volatile ObjectWriter payloadWriter;

    /**
     * Appends an event in the current transaction, without a position and without any lock shared with other
     * writers, so concurrent writers commit together (group commit). The {@link Sequencer} gives the row its
     * position once it is committed; the aggregate's own row lock, which the caller holds, keeps one aggregate's
     * events in sequence order. It has no position yet: the event's id is returned.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID append(AggregateType aggregateType, UUID aggregateId, long sequence, String type,
                               LocalDate effectiveDate, String actor, Object payload) {
        String text = checkedPayloadText(payload);
        // The aggregate's own rows first, then nothing is left to dirty-check at commit.
        em.flush();
        em.clear();
        return insert(List.of(), aggregateType, aggregateId, sequence, type, effectiveDate, actor, text);
    }

    /**
     * A statement that changes the aggregate's own rows, run in the same round trip as its event's insert (as a
     * data-modifying {@code WITH} query): the change and its event are one statement, so one cannot be written
     * without the other. Parameters are JDBC values ({@code ?} in {@code sql}, in order); a {@code jsonb} column
     * takes a JSON text with {@code CAST(? AS jsonb)}.
     */
    public record Write(String sql, List<Object> parameters) {
    }

    /**
     * {@link #append} for a change made in plain SQL: its {@code writes} and the event's row in one statement on
     * the transaction's connection, without the ORM session. The caller's session must hold nothing unflushed that
     * these rows depend on (this method neither flushes nor clears it, so a request that never opened it does not
     * open it here).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID append(List<Write> writes, AggregateType aggregateType, UUID aggregateId, long sequence, String type,
                       LocalDate effectiveDate, String actor, Object payload) {
        return insert(writes, aggregateType, aggregateId, sequence, type, effectiveDate, actor,
                checkedPayloadText(payload));
    }

    /** The event's row, after {@code writes} in the same statement, on the transaction's connection. */
    private UUID insert(List<Write> writes, AggregateType aggregateType, UUID aggregateId, long sequence, String type,
                        LocalDate effectiveDate, String actor, String payloadText) {
        UUID eventId = UUID.randomUUID();
        StringBuilder sql = new StringBuilder();
        for (int w = 0; w < writes.size(); w++) {
            sql.append(w == 0 ? "WITH " : ", ").append("w").append(w).append(" AS (").append(writes.get(w).sql())
                    .append(')');
        }
        sql.append("""
                 INSERT INTO journal (event_id, event_type, aggregate_type, aggregate_id, sequence,
                                      recorded_at, effective_date, actor, payload, traceparent)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?)
                RETURNING id""");
        long id = sql("Journaling " + type + " of " + aggregateId, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                int p = 0;
                for (Write write : writes) {
                    for (Object value : write.parameters()) {
                        statement.setObject(++p, value);
                    }
                }
                statement.setObject(++p, eventId);
                statement.setString(++p, type);
                statement.setString(++p, aggregateType.code());
                statement.setObject(++p, aggregateId);
                statement.setLong(++p, sequence);
                statement.setObject(++p, OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC));
                statement.setObject(++p, effectiveDate);
                statement.setString(++p, actor);
                statement.setString(++p, payloadText);
                statement.setString(++p, EventTracing.currentTraceparent());
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        });
        appended.fire(new JournalAppended(id));
        return eventId;
    }

    private String checkedPayloadText(Object payload) {
        String text = payloadText(payload);
        if (text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_EVENT_BYTES) {
            throw new EventTooLargeException("This change would make an event over "
                    + MAX_EVENT_BYTES / (1024 * 1024) + " MiB: send less text at once");
        }
        return text;
    }

    /**
     * The payload as the journal stores it, written in one pass (no intermediate tree). A decimal is written as a
     * tree would hold it (trailing zeros stripped, 0 for zero), plainly; {@code jsonb} then stores the same number
     * either way, so the events are those a tree made.
     */
    private String payloadText(Object payload) {
        try {
            return payloadWriter().writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("An event payload that cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    private ObjectWriter payloadWriter() {
        ObjectWriter writer = payloadWriter;
        if (writer == null) {
            ObjectMapper mapper = json.copy().registerModule(new SimpleModule("journal-decimals")
                    .addSerializer(BigDecimal.class, new StdSerializer<>(BigDecimal.class) {
                        @Override
                        public void serialize(BigDecimal value, JsonGenerator generator, SerializerProvider provider)
                                throws IOException {
                            generator.writeNumber(value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros());
                        }
                    }));
            mapper.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
            writer = mapper.writer();
            payloadWriter = writer;
        }
        return writer;
    }

    /** All events in journal order after {@code position}: for rebuilds. Only rows with a position, never a gap. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<JournalEntry> readAfter(long position, int limit) {
        return query("SELECT " + COLUMNS + " FROM journal WHERE position > ? ORDER BY position LIMIT ?",
                position, limit);
    }

    /**
     * One aggregate's events in sequence order, as far as they have positions (a prefix: a later event of an
     * aggregate commits after the earlier one, so it is never sequenced first).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<JournalEntry> history(UUID aggregateId) {
        return query("SELECT " + COLUMNS + " FROM journal WHERE aggregate_id = ? AND position IS NOT NULL "
                + "ORDER BY sequence", aggregateId);
    }

    /** Whether an aggregate has events after {@code sequence} of any type but {@code ignoredTypes}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean changedAfter(UUID aggregateId, long sequence, java.util.Collection<String> ignoredTypes) {
        return !em.createNativeQuery("""
                        SELECT 1 FROM journal WHERE aggregate_id = ?1 AND sequence > ?2
                        AND NOT (event_type = ANY (CAST(?3 AS text[]))) LIMIT 1""")
                .setParameter(1, aggregateId)
                .setParameter(2, sequence)
                .setParameter(3, ignoredTypes.toArray(String[]::new))
                .getResultList().isEmpty();
    }

    /** The last position handed out (the sequencer's counter). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long lastPosition() {
        return ((Number) em.createNativeQuery("SELECT last FROM journal_position WHERE id = 1").getSingleResult())
                .longValue();
    }

    /**
     * Events not published yet: those without a position, those after the relay's cursor, and what remains of the
     * ranges an operator asked to publish again.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long unpublishedCount() {
        return ((Number) em.createNativeQuery("""
                SELECT (SELECT count(*) FROM journal WHERE position IS NULL)
                     + (SELECT last FROM journal_position WHERE id = 1) - (SELECT last FROM journal_published WHERE id = 1)
                     + (SELECT coalesce(sum(to_position - next_position + 1), 0) FROM journal_republish)""")
                .getSingleResult()).longValue();
    }

    /**
     * Gives the committed rows without a position the next positions, in id order, at most {@code limit} of them.
     * The caller runs one sequencer at a time (its transaction holds the counter row until commit). Plain SQL on the
     * transaction's connection: it runs after every commit that journaled something, and the ORM's query machinery
     * cost more than the statements.
     *
     * @return the ids sequenced with their positions, in position order
     */
    List<long[]> sequence(int limit) {
        return sql("Sequencing the journal", connection -> {
            long last;
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT last FROM journal_position WHERE id = 1 FOR UPDATE");
                 ResultSet row = statement.executeQuery()) {
                row.next();
                last = row.getLong(1);
            }
            List<long[]> sequenced = new java.util.ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("""
                    WITH next AS (SELECT id, ? + row_number() OVER (ORDER BY id) AS position
                                  FROM (SELECT id FROM journal WHERE position IS NULL ORDER BY id LIMIT ?) b)
                    UPDATE journal j SET position = next.position FROM next WHERE j.id = next.id
                    RETURNING j.id, j.position""")) {
                statement.setLong(1, last);
                statement.setInt(2, limit);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        sequenced.add(new long[] {rows.getLong(1), rows.getLong(2)});
                    }
                }
            }
            if (sequenced.isEmpty()) {
                return List.<long[]>of();
            }
            sequenced.sort(java.util.Comparator.comparingLong(r -> r[1]));
            long newLast = sequenced.get(sequenced.size() - 1)[1];
            if (newLast != last + sequenced.size()) {
                throw new IllegalStateException("Sequencing left a gap: " + last + " + " + sequenced.size() + " != "
                        + newLast);
            }
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE journal_position SET last = ? WHERE id = 1")) {
                statement.setLong(1, newLast);
                statement.executeUpdate();
            }
            return sequenced;
        });
    }

    /** The positions of those of {@code ids} that have one (another instance's sequencer gave them). */
    List<long[]> positionsOf(java.util.Collection<Long> ids) {
        return sql("Reading journal positions", connection -> {
            List<long[]> found = new java.util.ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT id, position FROM journal WHERE id = ANY(?) AND position IS NOT NULL")) {
                statement.setArray(1, connection.createArrayOf("bigint", ids.toArray(Long[]::new)));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        found.add(new long[] {rows.getLong(1), rows.getLong(2)});
                    }
                }
            }
            return found;
        });
    }

    /** Takes a transaction-scoped advisory lock if no other transaction holds it (one sequencer, one relay). */
    boolean tryTransactionLock(long key) {
        return sql("Taking an advisory lock", connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
                statement.setLong(1, key);
                try (ResultSet row = statement.executeQuery()) {
                    return row.next() && row.getBoolean(1);
                }
            }
        });
    }

    /** Work on the transaction's own connection. */
    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T sql(String what, SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new PersistenceException(what + ": " + e.getMessage(), e);
        }
    }

    /** The relay's cursor: the last position the broker acknowledged (taken with a row lock until commit). */
    long publishedCursor() {
        return ((Number) rows("SELECT last FROM journal_published WHERE id = 1 FOR UPDATE").get(0)[0]).longValue();
    }

    void movePublishedCursor(long position) {
        sql("Moving the relay's cursor", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE journal_published SET last = ? WHERE id = 1 AND last < ?")) {
                statement.setLong(1, position);
                statement.setLong(2, position);
                return statement.executeUpdate();
            }
        });
    }

    /** The oldest range an operator asked to publish again, as {id, next, to}, or null. */
    long[] republishRange() {
        List<Object[]> rows = rows(
                "SELECT id, next_position, to_position FROM journal_republish ORDER BY id LIMIT 1 FOR UPDATE");
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = rows.get(0);
        return new long[] {((Number) row[0]).longValue(), ((Number) row[1]).longValue(), ((Number) row[2]).longValue()};
    }

    /**
     * A journal row as the relay sends it: its attributes (the entry, without a parsed payload) and its payload as
     * stored, JSON text that is sent as it is rather than parsed and written again.
     */
    record Outgoing(JournalEntry entry, String payload) {
    }

    /** {@link #readAfter} for the relay. */
    List<Outgoing> outgoingAfter(long position, int limit) {
        return outgoing("SELECT " + COLUMNS + " FROM journal WHERE position > ? ORDER BY position LIMIT ?",
                position, limit);
    }

    /** The rows of a republish range, for the relay. */
    List<Outgoing> outgoingRange(long from, long to, int limit) {
        return outgoing("SELECT " + COLUMNS + " FROM journal WHERE position BETWEEN ? AND ? ORDER BY position "
                + "LIMIT ?", from, to, limit);
    }

    /** Moves a republish range on past {@code position}, deleting it when nothing is left. */
    void republished(long rangeId, long position, long to) {
        if (position >= to) {
            em.createNativeQuery("DELETE FROM journal_republish WHERE id = ?1").setParameter(1, rangeId)
                    .executeUpdate();
        } else {
            em.createNativeQuery("UPDATE journal_republish SET next_position = ?2 WHERE id = ?1")
                    .setParameter(1, rangeId)
                    .setParameter(2, position + 1)
                    .executeUpdate();
        }
    }

    /**
     * Has the relay send a range once more (operators; consumers dedupe). What lies after the relay's cursor is sent
     * anyway; the rest is queued as a range the relay sends before new events.
     *
     * @return the events in the range, all of which will be sent
     */
    @Transactional
    public int markForRepublish(long fromPosition, long toPosition) {
        long cursor = publishedCursor(); // waits for a relay batch in flight
        if (fromPosition <= cursor) {
            em.createNativeQuery("INSERT INTO journal_republish (next_position, to_position) VALUES (?1, ?2)")
                    .setParameter(1, fromPosition)
                    .setParameter(2, Math.min(toPosition, cursor))
                    .executeUpdate();
        }
        return ((Number) em.createNativeQuery("SELECT count(*) FROM journal WHERE position BETWEEN ?1 AND ?2")
                .setParameter(1, fromPosition)
                .setParameter(2, toPosition)
                .getSingleResult()).intValue();
    }

    private List<JournalEntry> query(String sql, Object... parameters) {
        return rows(sql, parameters).stream().map(row -> toEntry(row, payload(row))).toList();
    }

    private List<Outgoing> outgoing(String sql, Object... parameters) {
        return rows(sql, parameters).stream().map(row -> new Outgoing(toEntry(row, null), (String) row[9])).toList();
    }

    /** The rows of a query as JDBC gives them, on the transaction's connection (or a connection of its own). */
    private List<Object[]> rows(String query, Object... parameters) {
        return sql("Reading the journal", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(query)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                List<Object[]> rows = new java.util.ArrayList<>();
                try (ResultSet result = statement.executeQuery()) {
                    int columns = result.getMetaData().getColumnCount();
                    while (result.next()) {
                        Object[] row = new Object[columns];
                        for (int c = 0; c < columns; c++) {
                            row[c] = result.getObject(c + 1);
                        }
                        rows.add(row);
                    }
                }
                return rows;
            }
        });
    }

    private JsonNode payload(Object[] row) {
        try {
            return json.readTree((String) row[9]);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable journal payload at position " + row[0], e);
        }
    }

    private static JournalEntry toEntry(Object[] row, JsonNode payload) {
        return new JournalEntry(
                row[0] == null ? 0 : ((Number) row[0]).longValue(),
                (UUID) row[1],
                (String) row[2],
                AggregateType.ofCode((String) row[3]),
                (UUID) row[4],
                ((Number) row[5]).longValue(),
                instant(row[6]),
                row[7] == null ? null : localDate(row[7]),
                (String) row[8],
                payload,
                (String) row[10]);
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }

    private static LocalDate localDate(Object value) {
        if (value instanceof LocalDate date) {
            return date;
        }
        return ((java.sql.Date) value).toLocalDate();
    }

    /**
     * Fired in the appending transaction with the new row's id; the sequencer observes it after commit, to give it a
     * position without waiting for its next poll.
     */
    public record JournalAppended(long id) {
    }
}
