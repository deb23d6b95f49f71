package io.zhenggai.report.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A start runs the projection DDL only in a generation that does not record this release's (its {@code ddl_hash}):
 * one at an older version, or not known (every generation before V11), still gets its tables and indexes; one at the
 * current version is left alone. Each test in a BUILDING generation of its own (cancelled at the end), except the
 * one on the active generation, which it leaves with all its indexes.
 */
@QuarkusTest
class GenerationDdlTest {

    @Inject
    Generations generations;

    @Inject
    EntityManager em;

    Generation generation;

    @BeforeEach
    void createGeneration() {
        generation = generations.create("generation DDL test");
    }

    @AfterEach
    void cancelGeneration() {
        QuarkusTransaction.requiringNew().run(() -> generations.cancel(generation.number()));
    }

    @Test
    void aGenerationCreatedNowRecordsTheDdlItRanAndAStartLeavesItAlone() {
        assertThat(recordedHash(generation.schema()))
                .isEqualTo(Generations.ddlHash(Generations.writeSide(projectionDdl())));
        execute("DROP TABLE " + generation.schema() + ".change_log");

        List<String> ran = QuarkusTransaction.requiringNew().call(generations::ensureTables);

        assertThat(ran).doesNotContain(generation.schema());
        assertThat(tableExists(generation.schema(), "change_log")).isFalse();
    }

    @Test
    void aGenerationAtAnOlderVersionGetsItsDdlAtStart() {
        execute("DROP TABLE " + generation.schema() + ".change_log");
        execute("UPDATE public.generation SET ddl_hash = 'an older release' WHERE number = " + generation.number());

        List<String> ran = QuarkusTransaction.requiringNew().call(generations::ensureTables);

        assertThat(ran).contains(generation.schema());
        assertThat(tableExists(generation.schema(), "change_log")).isTrue();
        // a BUILDING generation gets the write side's indexes only, and records that
        assertThat(indexExists(generation.schema(), "issue_view_order")).isFalse();
        assertThat(recordedHash(generation.schema()))
                .isEqualTo(Generations.ddlHash(Generations.writeSide(projectionDdl())));
    }

    @Test
    void aBuildingGenerationWhoseIndexesWereCompletedKeepsThemAndIsLeftAlone() {
        QuarkusTransaction.requiringNew().run(() -> generations.completeIndexes(generation.schema()));
        assertThat(recordedHash(generation.schema())).isEqualTo(Generations.ddlHash(projectionDdl()));

        List<String> ran = QuarkusTransaction.requiringNew().call(generations::ensureTables);

        assertThat(ran).doesNotContain(generation.schema());
        assertThat(indexExists(generation.schema(), "issue_view_order")).isTrue();
    }

    @Test
    void theActiveGenerationWithoutAKnownVersionGetsAllItsIndexesBack() {
        String active = generations.active().schema();
        execute("DROP INDEX " + active + ".issue_view_order");
        execute("UPDATE public.generation SET ddl_hash = NULL WHERE schema_name = '" + active + "'");

        List<String> ran = QuarkusTransaction.requiringNew().call(generations::ensureTables);

        assertThat(ran).contains(active);
        assertThat(indexExists(active, "issue_view_order")).isTrue();
        assertThat(recordedHash(active)).isEqualTo(Generations.ddlHash(projectionDdl()));
        // and the next start leaves it alone
        assertThat(QuarkusTransaction.requiringNew().call(generations::ensureTables)).doesNotContain(active);
    }

    @Test
    void aGenerationBeingBuiltKeepsNoCountersAndCountsItsIssuesOnceWhenItsIndexesAreCompleted() {
        String schema = generation.schema();
        assertThat(countTriggers(schema)).isZero();
        for (String[] issue : new String[][] {{"IN_PROGRESS", "2024-06-30"}, {"COMPLETED", "2024-06-30"},
                {"NOT_STARTED", null}}) {
            execute("INSERT INTO " + schema + ".issue_view (id, inspection_id, list_key, aspect_path, aspect_title, "
                    + "category_path, category_title, path, ordinal, title, lead_leaders, responsible_units, tags, "
                    + "deadline, status, warning, completed_on, created_on, reopened, sequence, created_at, "
                    + "updated_at) VALUES (gen_random_uuid(), '00000000-0000-0000-0000-000000000001', 'k', '一', 'a', "
                    + "'一/1', 'c', '一/1/1', 1, 't', '{}', '{}', '{}', " + (issue[1] == null ? "NULL" : "DATE '"
                    + issue[1] + "'") + ", '" + issue[0] + "', 'NONE', " + ("COMPLETED".equals(issue[0])
                    ? "DATE '2024-05-01'" : "NULL") + ", DATE '2024-01-01', 0, 1, now(), now())");
        }
        assertThat(counterRows(schema)).isZero();

        QuarkusTransaction.requiringNew().run(() -> generations.completeIndexes(schema));

        assertThat(countTriggers(schema)).isEqualTo(4);
        String counted = counters(schema);
        assertThat(counted).contains("IN_PROGRESS").contains("COMPLETED").contains("NOT_STARTED");
        // the same as the triggers keep them: a recount from issue_view changes nothing
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "SELECT CAST(" + schema + ".issue_count_rebuild() AS text)").getSingleResult());
        assertThat(counters(schema)).isEqualTo(counted);
        // and from now on the triggers keep them
        execute("DELETE FROM " + schema + ".issue_view WHERE status = 'NOT_STARTED'");
        assertThat(counters(schema)).doesNotContain("NOT_STARTED");
    }

    @Test
    void theWriteSideOfAGenerationAnEarlierReleaseBeganWithCountersDropsThem() {
        String schema = generation.schema();
        QuarkusTransaction.requiringNew().run(() -> generations.completeIndexes(schema));
        execute("UPDATE public.generation SET ddl_hash = 'an older release' WHERE number = " + generation.number());

        QuarkusTransaction.requiringNew().call(generations::ensureTables);

        assertThat(countTriggers(schema)).isZero();
        assertThat(counterRows(schema)).isZero();
    }

    @Test
    void aGenerationBeingBuiltIsWrittenWithoutWalUntilItIsCompleteAndTellsWhenACrashEmptiedIt() {
        String schema = generation.schema();
        assertThat(tables(schema, "u")).contains("issue_view", "issue_version", "issue_timeline", "applied_event",
                "reading_fact", "intake_offset", "applied_aggregate", "build_canary");
        assertThat(tables(schema, "p")).containsExactlyInAnyOrder("change_clock", "change_log");
        assertThat(QuarkusTransaction.requiringNew().call(() -> generations.lostUnloggedWrites(schema))).isFalse();

        // what crash recovery does to unlogged tables: all emptied, the canary with them
        execute("TRUNCATE " + String.join(", ", tables(schema, "u").stream().map(t -> schema + "." + t).toList()));
        assertThat(QuarkusTransaction.requiringNew().call(() -> generations.lostUnloggedWrites(schema))).isTrue();
        assertThat(QuarkusTransaction.requiringNew().call(() -> generations.lostUnloggedWrites(schema)))
                .as("each loss is told once").isFalse();

        QuarkusTransaction.requiringNew().run(() -> generations.completeIndexes(schema));

        assertThat(tables(schema, "u")).isEmpty();
        assertThat(tables(schema, "p")).contains("issue_view", "applied_event", "change_clock")
                .doesNotContain("build_canary");
        assertThat(QuarkusTransaction.requiringNew().call(() -> generations.lostUnloggedWrites(schema))).isFalse();
    }

    @Test
    void theHistoryRowsAGenerationBeingBuiltLeftOpenAreClosedOnceWhenItIsComplete() {
        String schema = generation.schema();
        String issue = "00000000-0000-0000-0000-0000000000a1";
        String other = "00000000-0000-0000-0000-0000000000b2";
        // as three batches leave them: each batch's last row of an issue open, the rows within a batch closed
        version(schema, issue, 1, "2024-01-01 08:00+00", "2024-01-02 08:00+00");
        version(schema, issue, 2, "2024-01-02 08:00+00", "infinity");
        version(schema, issue, 3, "2024-01-05 08:00+00", "infinity");
        version(schema, issue, 4, "2024-01-09 08:00+00", "infinity");
        version(schema, other, 1, "2024-01-03 08:00+00", "infinity");
        segment(schema, issue, "2024-01-01", "2024-01-02", 1);
        segment(schema, issue, "2024-01-02", "infinity", 2);
        segment(schema, issue, "2024-01-05", "infinity", 4);
        segment(schema, other, "2024-01-03", "infinity", 1);

        QuarkusTransaction.requiringNew().run(() -> generations.completeIndexes(schema));

        assertThat(rows(schema, "SELECT issue_id || ' ' || sequence || ' ' || recorded_to FROM %s.issue_version"))
                .containsExactly(issue + " 1 2024-01-02 08:00:00+00", issue + " 2 2024-01-05 08:00:00+00",
                        issue + " 3 2024-01-09 08:00:00+00", issue + " 4 infinity", other + " 1 infinity");
        assertThat(rows(schema, "SELECT issue_id || ' ' || valid_from || ' ' || valid_to FROM %s.issue_timeline"))
                .containsExactly(issue + " 2024-01-01 2024-01-02", issue + " 2024-01-02 2024-01-05",
                        issue + " 2024-01-05 infinity", other + " 2024-01-03 infinity");
        // a complete generation is not closed again (an activation completes it once more)
        execute("UPDATE " + schema + ".issue_version SET recorded_to = 'infinity' WHERE sequence = 1");
        QuarkusTransaction.requiringNew().run(() -> generations.completeIndexes(schema));
        assertThat(rows(schema, "SELECT issue_id || ' ' || sequence || ' ' || recorded_to FROM %s.issue_version"))
                .contains(issue + " 1 infinity");
    }

    private void version(String schema, String issue, int sequence, String from, String to) {
        execute("INSERT INTO " + schema + ".issue_version (issue_id, sequence, recorded_from, recorded_to, "
                + "effective_date, progress, attributes_id, inspection_id, status, created_on, reopened) VALUES ('"
                + issue + "', " + sequence + ", '" + from + "', '" + to + "', DATE '2024-01-01', FALSE, "
                + "gen_random_uuid(), gen_random_uuid(), 'IN_PROGRESS', DATE '2024-01-01', 0)");
    }

    private void segment(String schema, String issue, String from, String to, int sequence) {
        execute("INSERT INTO " + schema + ".issue_timeline (issue_id, valid_from, valid_to, attributes_id, "
                + "inspection_id, status, created_on, reopened, sequence) VALUES ('" + issue + "', DATE '" + from
                + "', DATE '" + to + "', gen_random_uuid(), gen_random_uuid(), 'IN_PROGRESS', DATE '2024-01-01', 0, "
                + sequence + ")");
    }

    @SuppressWarnings("unchecked")
    private List<String> rows(String schema, String query) {
        return QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("SET LOCAL timezone = 'UTC'").executeUpdate();
            return em.createNativeQuery(query.formatted(schema) + " ORDER BY 1").getResultList();
        });
    }

    @SuppressWarnings("unchecked")
    private List<String> tables(String schema, String persistence) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ?1 "
                        + "AND c.relkind = 'r' AND CAST(c.relpersistence AS text) = ?2").setParameter(1, schema)
                .setParameter(2, persistence).getResultList());
    }

    private long countTriggers(String schema) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n "
                        + "ON n.oid = c.relnamespace WHERE n.nspname = ?1 AND c.relname = 'issue_view' "
                        + "AND t.tgname LIKE 'issue_view_count_%'").setParameter(1, schema).getSingleResult())
                .longValue());
    }

    private long counterRows(String schema) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM " + schema + ".issue_count").getSingleResult()).longValue());
    }

    private String counters(String schema) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "SELECT string_agg(c::text, ';' ORDER BY c::text) FROM " + schema + ".issue_count c")
                .getSingleResult());
    }

    private static String projectionDdl() {
        try (var in = Generations.class.getResourceAsStream("/db/generation/projection.sql")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void execute(String sql) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(sql).executeUpdate());
    }

    private String recordedHash(String schema) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "SELECT ddl_hash FROM public.generation WHERE schema_name = ?1").setParameter(1, schema)
                .getSingleResult());
    }

    private boolean tableExists(String schema, String table) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM pg_tables WHERE schemaname = ?1 AND tablename = ?2")
                .setParameter(1, schema).setParameter(2, table).getSingleResult()).intValue() == 1);
    }

    private boolean indexExists(String schema, String index) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM pg_indexes WHERE schemaname = ?1 AND indexname = ?2")
                .setParameter(1, schema).setParameter(2, index).getSingleResult()).intValue() == 1);
    }
}
