package io.zhenggai.issue.importing;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parses the seed 100 times: every parse must give the same ledger (the parser keeps no state between calls), and the
 * median time is printed for the record. Nothing here asserts a duration: machines differ.
 */
class SeedParseTimingTest {

    @Test
    void parsesTheSeedTheSameWayEveryTimeAndPrintsTheMedianTime() {
        String text = Bulletins.seedText();
        BulletinParser parser = new BulletinParser();
        String first = LedgerYaml.write(parser.parse(text));
        for (int i = 0; i < 20; i++) {
            parser.parse(text);
        }
        List<Long> nanos = new ArrayList<>();
        ParseResult last = null;
        for (int i = 0; i < 100; i++) {
            long start = System.nanoTime();
            last = parser.parse(text);
            nanos.add(System.nanoTime() - start);
        }
        Collections.sort(nanos);
        double medianMs = (nanos.get(49) + nanos.get(50)) / 2.0 / 1_000_000;
        System.out.printf("seed bulletin: median parse time over 100 runs %.2f ms (min %.2f, max %.2f)%n",
                medianMs, nanos.get(0) / 1e6, nanos.get(99) / 1e6);
        assertThat(LedgerYaml.write(last)).isEqualTo(first);
    }
}
