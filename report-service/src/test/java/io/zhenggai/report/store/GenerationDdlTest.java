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
                .isEqualTo(Generations.ddlHash(Generations.withoutReadIndexes(projectionDdl())));
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
                .isEqualTo(Generations.ddlHash(Generations.withoutReadIndexes(projectionDdl())));
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
