package io.zhenggai.report.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** A list bound through {@link Unnest} as a {@code text[]} column reaches PostgreSQL exactly as it was. */
@QuarkusTest
class UnnestTest {

    @Inject
    EntityManager em;

    @Test
    void listsReachPostgresqlAsTheyWereWhateverTheirCharacters() {
        List<List<String>> lists = List.of(
                List.of("张三（常务副县长）", "县发改局"),
                List.of("a \"quoted\" name", "back\\slash", "\\\"", "{braces,comma}", "NULL", "", " spaced ", "a'b"),
                List.of(),
                Arrays.asList("before", null, "after"));
        Unnest rows = new Unnest("n int", "tags text[]");
        for (int n = 0; n < lists.size(); n++) {
            rows.add(n, lists.get(n));
        }

        @SuppressWarnings("unchecked")
        List<Object[]> read = QuarkusTransaction.requiringNew().call(() -> rows.bind(em.createNativeQuery(
                "SELECT " + rows.col("n") + ", " + rows.col("tags") + " FROM " + rows.from() + " ORDER BY 1"))
                .getResultList());

        assertThat(read).hasSize(lists.size());
        for (int n = 0; n < lists.size(); n++) {
            assertThat(Arrays.asList((String[]) read.get(n)[1])).as("list %d", n).isEqualTo(lists.get(n));
        }
    }

    @Test
    void anArrayLiteralQuotesEveryElement() {
        assertThat(Unnest.arrayLiteral(List.of("a", "b\"c", "d\\e"))).isEqualTo("{\"a\",\"b\\\"c\",\"d\\\\e\"}");
        assertThat(Unnest.arrayLiteral(List.of())).isEqualTo("{}");
        assertThat(Unnest.arrayLiteral(Arrays.asList("x", null))).isEqualTo("{\"x\",NULL}");
    }
}
