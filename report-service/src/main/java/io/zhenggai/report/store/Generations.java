package io.zhenggai.report.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.hibernate.Session;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * The generations of the projections and which one a transaction works on. Projection code is written against
 * unqualified table names; {@link #bind()} sets the transaction's {@code search_path} to the generation's schema (and
 * public, for the shared tables) with {@code set_config(…, true)}, so it lasts until commit or rollback and never
 * leaks into the pool. The active generation is read from the database in the same statement, so every replica
 * sharing the database follows a switch at its next transaction.
 */
@ApplicationScoped
public class Generations {

    private static final Logger LOG = Logger.getLogger(Generations.class);
    private static final Pattern SCHEMA = Pattern.compile("gen_[1-9][0-9]{0,8}");
    private static final String BOUND = Generations.class.getName() + ".bound";
    private static final String COLUMNS = "number, schema_name, state, created_at, activated_at, retired_at, dropped_at, "
            + "note";

    @Inject
    EntityManager em;

    @Inject
    TransactionSynchronizationRegistry transactions;

    private final ThreadLocal<String> override = new ThreadLocal<>();
    /** This thread writes a generation being built ({@link #in(String, boolean, Callable)}). */
    private final ThreadLocal<Boolean> building = new ThreadLocal<>();
    private volatile String projectionDdl;

    /**
     * Before anything reads projections: the active generation (and any being built) has all its tables. The DDL runs
     * only where the generation does not record this release's ({@link #ensureTables}).
     */
    void onStart(@Observes @Priority(100) StartupEvent event) {
        QuarkusTransaction.requiringNew().run(this::ensureTables);
    }

    /**
     * Runs the projection DDL in the active generation (all indexes) and in any being built (the write side's), but
     * not in one whose recorded {@code ddl_hash} says this release's DDL already ran there: its statements are
     * idempotent but not free (its ALTER TABLE and CREATE OR REPLACE TRIGGER take locks that wait for, and hold up,
     * the instances serving from those tables). A generation being built whose indexes were already completed keeps
     * them. Returns the schemas the DDL ran in.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    List<String> ensureTables() {
        String all = ddlHash(projectionDdl());
        String writeSide = ddlHash(writeSide(projectionDdl()));
        List<String> ran = new java.util.ArrayList<>();
        for (Generation generation : list()) {
            boolean active = generation.state() == Generation.State.ACTIVE;
            if (!active && generation.state() != Generation.State.BUILDING) {
                continue;
            }
            String recorded = recordedDdlHash(generation.schema());
            if (all.equals(recorded) || (!active && writeSide.equals(recorded))) {
                continue;
            }
            createTables(generation.schema(), active);
            if (!active && hasCanary(generation.schema())) {
                unlogTables(generation.schema()); // a table this release added is unlogged like the rest
            }
            ran.add(generation.schema());
        }
        if (!ran.isEmpty()) {
            LOG.infof("Projection DDL run in %s", ran);
        }
        return ran;
    }

    private String recordedDdlHash(String schema) {
        @SuppressWarnings("unchecked")
        List<String> hash = em.createNativeQuery("SELECT ddl_hash FROM public.generation WHERE schema_name = ?1")
                .setParameter(1, schema).getResultList();
        return hash.isEmpty() ? null : hash.get(0);
    }

    /** The SHA-256 (hex) of a DDL text, as recorded in {@code generation.ddl_hash}. */
    static String ddlHash(String ddl) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(ddl.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs {@code work} with this thread's transactions bound to {@code schema} instead of the active generation: a
     * replay writes its generation this way with the same projection code the intake uses.
     */
    public <T> T in(String schema, Callable<T> work) throws Exception {
        return in(schema, false, work);
    }

    /**
     * The same, saying whether {@code schema} is a generation being built (its replay's worker knows: see
     * {@link #isBuilding}): the projections then write its history rows without closing them ({@link #building}).
     */
    public <T> T in(String schema, boolean built, Callable<T> work) throws Exception {
        checkSchema(schema);
        return ThreadBinding.with(override, schema, () -> ThreadBinding.with(building, built, work));
    }

    /**
     * Whether this thread writes a generation being built, which nothing reads before {@link #complete} closes its
     * open history rows ({@code issue_history_close} in projection.sql).
     */
    public boolean building() {
        return Boolean.TRUE.equals(building.get());
    }

    /**
     * Binds the current transaction to this thread's generation (the active one unless {@link #in} says otherwise),
     * once per transaction; returns the schema.
     */
    public String bind() {
        requireTransaction();
        String wanted = override.get();
        String bound = (String) transactions.getResource(BOUND);
        if (bound != null) {
            if (wanted != null && !wanted.equals(bound)) {
                throw new IllegalStateException("transaction bound to " + bound + " cannot also work on " + wanted);
            }
            return bound;
        }
        String path = (String) em.createNativeQuery("""
                        SELECT set_config('search_path', coalesce(CAST(?1 AS text),
                            (SELECT schema_name FROM public.generation WHERE state = 'ACTIVE')) || ', public', true)""")
                .setParameter(1, wanted)
                .getSingleResult();
        return recordBinding(path);
    }

    /**
     * What an answer is read at: the schema the transaction is bound to, the generation's change number
     * ({@link ChangeFeed}) and the definitions' number ({@code public.definition_clock}: indicators and metric rules).
     */
    public record Clocks(String schema, long changes, long definitions) {
    }

    /**
     * {@link #bind()} and the {@link Clocks} in one statement when the transaction is not bound yet (one round trip
     * for an answer that only needs to know whether what it remembers is still current), in a second one when it
     * is.
     */
    public Clocks bindWithClocks() {
        requireTransaction();
        String bound = (String) transactions.getResource(BOUND);
        if (bound != null) {
            bind(); // refuses a transaction bound to another generation than this thread's
            Tuple row = (Tuple) em.createNativeQuery(
                            "SELECT c.n AS changes, d.n AS definitions FROM change_clock c, public.definition_clock d",
                            Tuple.class)
                    .getSingleResult();
            return new Clocks(bound, ((Number) row.get("changes")).longValue(),
                    ((Number) row.get("definitions")).longValue());
        }
        // change_feed names the generation (the active one when none is given) and reads its clock: max_rows 0 asks
        // for the clock alone
        Tuple row = (Tuple) em.createNativeQuery("""
                        SELECT set_config('search_path', f.feed_schema || ', public', true) AS search_path,
                            f.feed_clock AS changes, (SELECT d.n FROM public.definition_clock d) AS definitions
                        FROM public.change_feed(CAST(:schema AS text), 0, 0) f""", Tuple.class)
                .setParameter("schema", override.get())
                .getSingleResult();
        return new Clocks(recordBinding((String) row.get("search_path")), ((Number) row.get("changes")).longValue(),
                ((Number) row.get("definitions")).longValue());
    }

    private void requireTransaction() {
        if (transactions.getTransactionKey() == null) {
            throw new IllegalStateException("projection code needs a transaction to bind a generation to");
        }
    }

    /** Records the schema a binding statement set ({@code search_path} "schema, public") as this transaction's. */
    private String recordBinding(String searchPath) {
        String schema = searchPath.substring(0, searchPath.indexOf(',')).strip();
        transactions.putResource(BOUND, schema);
        return schema;
    }

    /** The schema the current transaction is bound to, if it is. */
    public Optional<String> bound() {
        return transactions.getTransactionKey() == null ? Optional.empty()
                : Optional.ofNullable((String) transactions.getResource(BOUND));
    }

    @Transactional
    public Generation active() {
        return find("state = 'ACTIVE'").stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("no active generation"));
    }

    @Transactional
    public Optional<Generation> find(int number) {
        return find("number = " + number).stream().findFirst();
    }

    @Transactional
    public List<Generation> list() {
        return find("TRUE");
    }

    /**
     * A new, empty generation with all its tables, BUILDING, without the indexes that only reads use (see
     * {@link #completeIndexes}): a replay writes faster without them, and builds each once at the end.
     */
    @Transactional
    public Generation create(String note) {
        int number = ((Number) em.createNativeQuery("SELECT coalesce(max(number), 0) + 1 FROM public.generation")
                .getSingleResult()).intValue();
        String schema = Generation.schemaOf(number);
        em.createNativeQuery("""
                        INSERT INTO public.generation (number, schema_name, state, created_at, note)
                        VALUES (:number, :schema, 'BUILDING', now(), :note)""")
                .setParameter("number", number).setParameter("schema", schema).setParameter("note", note)
                .executeUpdate();
        // a schema of that name without a record (a database restored without it) is garbage: start empty
        dropSchema(schema);
        createTables(schema, false);
        buildUnlogged(schema);
        LOG.infof("Generation %d (%s) created: %s", number, schema, note);
        return find(number).orElseThrow();
    }

    /**
     * Makes a BUILDING generation the active one and retires the one it replaces, in the caller's transaction, so
     * that the switch is atomic with whatever the caller checked. Returns the retired generation.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Generation activate(int number) {
        Generation next = lockedFind(number);
        if (next.state() != Generation.State.BUILDING) {
            throw new IllegalStateException("generation " + number + " is " + next.state() + ", not BUILDING");
        }
        complete(next.schema());
        Generation current = find("state = 'ACTIVE' FOR UPDATE").stream().findFirst().orElseThrow();
        em.createNativeQuery("UPDATE public.generation SET state = 'RETIRED', retired_at = now() WHERE number = ?1")
                .setParameter(1, current.number()).executeUpdate();
        em.createNativeQuery("UPDATE public.generation SET state = 'ACTIVE', activated_at = now() WHERE number = ?1")
                .setParameter(1, number).executeUpdate();
        LOG.infof("Generation %d (%s) is active; generation %d retired", number, next.schema(), current.number());
        return current;
    }

    /**
     * Builds the indexes a BUILDING generation was created without (each one sorted once over the finished tables
     * instead of maintained row by row); nothing when they exist. {@link #activate} does it too, so an active
     * generation always has them; a replay does it before it pauses the live intake to compare, to keep that short.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void completeIndexes(String schema) {
        long started = System.nanoTime();
        complete(schema);
        LOG.infof("Indexes of %s complete (%d ms)", schema, (System.nanoTime() - started) / 1_000_000);
    }

    /** The tables of a generation being built that are kept without WAL: all but the change feed's. */
    private static final String UNLOGGED_TABLES = "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = "
            + "c.relnamespace WHERE n.nspname = :schema AND c.relkind = 'r' AND CAST(c.relpersistence AS text) = "
            + ":persistence "
            + "ORDER BY c.relname";

    /**
     * A generation being built writes its tables without WAL (UNLOGGED): a replay writes every row of a million
     * events once and nothing reads them before it is complete, and the WAL of those rows (their records, and the
     * full pages written again after every checkpoint) was a large part of its database time. The change feed's
     * tables stay logged (their clock must only go forward). A one-row canary table tells a crash of PostgreSQL
     * apart: crash recovery empties every unlogged table, the canary with the rest, and {@link #lostUnloggedWrites}
     * sees it. {@link #complete} makes the tables logged again.
     */
    private void buildUnlogged(String schema) {
        unlogTables(schema);
        em.createNativeQuery("CREATE UNLOGGED TABLE " + schema + ".build_canary (alive BOOLEAN PRIMARY KEY)")
                .executeUpdate();
        em.createNativeQuery("INSERT INTO " + schema + ".build_canary VALUES (TRUE)").executeUpdate();
    }

    /** Every logged table of the schema but the change feed's made unlogged (tables a later release added, too). */
    private void unlogTables(String schema) {
        @SuppressWarnings("unchecked")
        List<String> tables = em.createNativeQuery(UNLOGGED_TABLES).setParameter("schema", schema)
                .setParameter("persistence", "p")
                .getResultList();
        for (String table : tables) {
            if (!table.startsWith("change_")) {
                em.createNativeQuery("ALTER TABLE " + schema + "." + table + " SET UNLOGGED").executeUpdate();
            }
        }
    }

    /**
     * Whether {@code schema} is a generation being built by this release's write side: its tables without WAL and its
     * open history rows not closed until {@link #complete} (a generation an earlier release began writes as the live
     * one does).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean isBuilding(String schema) {
        checkSchema(schema);
        return hasCanary(schema);
    }

    private boolean hasCanary(String schema) {
        return em.createNativeQuery("SELECT CAST(to_regclass(?1) AS text)").setParameter(1, schema + ".build_canary")
                .getSingleResult() != null;
    }

    /**
     * Whether PostgreSQL lost a generation being built since it was last asked: it crashed, and its recovery emptied
     * the unlogged tables (all of them, so the generation is empty and consistent, but whatever its builder stored
     * elsewhere about its progress no longer holds). The canary is set again, so each loss is reported once.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean lostUnloggedWrites(String schema) {
        checkSchema(schema);
        if (!hasCanary(schema)) {
            return false; // complete, or begun by an earlier release: logged
        }
        if (((Number) em.createNativeQuery("SELECT count(*) FROM " + schema + ".build_canary").getSingleResult())
                .longValue() > 0) {
            return false;
        }
        em.createNativeQuery("INSERT INTO " + schema + ".build_canary VALUES (TRUE)").executeUpdate();
        return true;
    }

    /**
     * Completes a generation: the history rows it left open while it was built closed, its tables logged again (each
     * written to the WAL once, as whole pages), then all its indexes and its read side (the counters, counted once from
     * issue_view).
     */
    private void complete(String schema) {
        if (hasCanary(schema)) {
            long closed = ((Number) em.createNativeQuery("SELECT " + schema + ".issue_history_close()")
                    .getSingleResult()).longValue();
            LOG.infof("%d history rows of %s closed", closed, schema);
        }
        em.createNativeQuery("DROP TABLE IF EXISTS " + schema + ".build_canary").executeUpdate();
        @SuppressWarnings("unchecked")
        List<String> tables = em.createNativeQuery(UNLOGGED_TABLES).setParameter("schema", schema)
                .setParameter("persistence", "u")
                .getResultList();
        for (String table : tables) {
            em.createNativeQuery("ALTER TABLE " + schema + "." + table + " SET LOGGED").executeUpdate();
        }
        createTables(schema, true);
    }

    /** Gives up a BUILDING generation: its schema is dropped, its record kept as CANCELLED. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void cancel(int number) {
        Generation generation = lockedFind(number);
        if (generation.state() != Generation.State.BUILDING) {
            throw new IllegalStateException("generation " + number + " is " + generation.state() + ", not BUILDING");
        }
        em.createNativeQuery("UPDATE public.generation SET state = 'CANCELLED', retired_at = now() WHERE number = ?1")
                .setParameter(1, number).executeUpdate();
        dropSchema(generation.schema());
    }

    /**
     * Drops the schema of a RETIRED generation; its record stays, with the time it was dropped. Dropping one already
     * dropped changes nothing. A transaction still reading the generation (begun before the switch) finishes first:
     * the drop waits for its locks.
     *
     * @throws IllegalArgumentException when there is no such generation
     * @throws IllegalStateException    when it is not RETIRED (the ACTIVE one serves; a BUILDING one is cancelled
     *                                  through its replay)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Generation dropRetired(int number) {
        Generation generation = lockedFind(number);
        if (generation.state() != Generation.State.RETIRED) {
            throw new IllegalStateException("generation " + number + " is " + generation.state() + ", not RETIRED");
        }
        if (generation.droppedAt() == null) {
            dropSchema(generation.schema());
            em.createNativeQuery("UPDATE public.generation SET dropped_at = now() WHERE number = ?1")
                    .setParameter(1, number).executeUpdate();
            LOG.infof("Generation %d (%s) dropped", number, generation.schema());
        }
        return find(number).orElseThrow();
    }

    private void dropSchema(String schema) {
        checkSchema(schema);
        em.createNativeQuery("DROP SCHEMA IF EXISTS " + schema + " CASCADE").executeUpdate();
    }

    private Generation lockedFind(int number) {
        return find("number = " + number + " FOR UPDATE").stream().findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no generation " + number));
    }

    private List<Generation> find(String condition) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("SELECT " + COLUMNS + " FROM public.generation WHERE " + condition
                + (condition.contains("FOR UPDATE") ? "" : " ORDER BY number"), Tuple.class).getResultList();
        return rows.stream().map(r -> new Generation(((Number) r.get("number")).intValue(),
                (String) r.get("schema_name"), Generation.State.valueOf((String) r.get("state")),
                instant(r.get("created_at")), instant(r.get("activated_at")), instant(r.get("retired_at")),
                instant(r.get("dropped_at")), (String) r.get("note"))).toList();
    }

    /**
     * Creates the schema and runs the projection DDL in it (idempotent: every statement is IF NOT EXISTS), with all
     * its indexes or only those the write side reads ({@link #WRITE_SIDE_INDEXES}), and records the DDL's hash in the
     * generation's row (in the caller's transaction, like the DDL).
     */
    private void createTables(String schema, boolean allIndexes) {
        checkSchema(schema);
        String ddl = allIndexes ? projectionDdl() : writeSide(projectionDdl());
        em.unwrap(Session.class).doWork(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
                statement.execute("SELECT set_config('search_path', '" + schema + ", public', true)");
                statement.execute(ddl);
                // back to the transaction's own binding, if it has one
                String bound = (String) transactions.getResource(BOUND);
                statement.execute("SELECT set_config('search_path', '" + (bound == null ? "public" : bound + ", public")
                        + "', true)");
            }
        });
        em.createNativeQuery("UPDATE public.generation SET ddl_hash = :hash WHERE schema_name = :schema")
                .setParameter("hash", ddlHash(ddl)).setParameter("schema", schema).executeUpdate();
    }

    private String projectionDdl() {
        if (projectionDdl == null) {
            try (InputStream in = Generations.class.getResourceAsStream("/db/generation/projection.sql")) {
                projectionDdl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("db/generation/projection.sql is missing", e);
            }
        }
        return projectionDdl;
    }

    /**
     * Secondary indexes that applying events reads: a correction finds its report's readings by issue.
     */
    static final java.util.Set<String> WRITE_SIDE_INDEXES = java.util.Set.of("reading_fact_issue",
            "intake_dead_letter_aggregate", "intake_conflict_open");

    private static final Pattern CREATE_INDEX = Pattern.compile(
            "^\\s*CREATE\\s+INDEX\\s+IF\\s+NOT\\s+EXISTS\\s+(\\w+)", Pattern.CASE_INSENSITIVE);

    /** The DDL's part that only a generation's readers need (the counters' triggers), between these lines. */
    private static final Pattern READ_SIDE = Pattern.compile("^-- read side: begin.*?^-- read side: end[^\\n]*\\n",
            Pattern.DOTALL | Pattern.MULTILINE);

    /**
     * The DDL of a generation being built: without its read side (the counters and their triggers, dropped if there,
     * see {@code issue_count_write_side} in projection.sql) and without its CREATE INDEX statements but those the write
     * side reads (statements end with ";\\n").
     */
    static String writeSide(String ddl) {
        java.util.regex.Matcher readSide = READ_SIDE.matcher(ddl);
        if (!readSide.find()) {
            throw new IllegalStateException("projection.sql has no read side block");
        }
        StringBuilder kept = new StringBuilder();
        for (String statement : readSide.replaceAll("").split(";\\s*\\n")) {
            String code = statement.lines().filter(line -> !line.strip().startsWith("--"))
                    .collect(java.util.stream.Collectors.joining("\n"));
            java.util.regex.Matcher index = CREATE_INDEX.matcher(code);
            if (index.find() && !WRITE_SIDE_INDEXES.contains(index.group(1))) {
                continue;
            }
            if (!code.isBlank()) {
                kept.append(code).append(";\n");
            }
        }
        return kept.append("SELECT issue_count_write_side();\n").toString();
    }

    static void checkSchema(String schema) {
        if (schema == null || !SCHEMA.matcher(schema).matches()) {
            throw new IllegalArgumentException("not a generation schema: " + schema);
        }
    }

    private static java.time.Instant instant(Object value) {
        if (value == null || value instanceof java.time.Instant) {
            return (java.time.Instant) value;
        }
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
