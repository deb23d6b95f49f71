package io.zhenggai.issue.importing;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.fail;

/**
 * The seed ledger (seeds/dongying-edz-rectification-2023-05-10.ledger.yaml) is the reviewed output of the parser on the
 * seed bulletin. Any change of the parser that changes the ledger fails here with a diff, and is then either a bug or
 * a change to review: regenerate with
 * {@code ./mvnw -pl issue-service test -Dtest=SeedLedgerGoldenTest -Dzhenggai.regenerate=true} and review the diff in git.
 */
class SeedLedgerGoldenTest {

    private static final String REGENERATE = "zhenggai.regenerate";

    @Test
    void seedLedgerMatchesTheReviewedFile() throws IOException {
        String actual = LedgerYaml.write(new BulletinParser().parse(Bulletins.seedText()));
        Path golden = Bulletins.seeds().resolve(Bulletins.SEED + ".ledger.yaml");
        if (Boolean.getBoolean(REGENERATE)) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(golden)) {
            fail("missing " + golden + ": run with -D" + REGENERATE + "=true and review it");
        }
        String expected = Files.readString(golden, StandardCharsets.UTF_8);
        if (!expected.equals(actual)) {
            fail("the parser's ledger differs from " + golden + " (run with -D" + REGENERATE
                    + "=true to accept it, then review the diff in git):\n" + diff(expected, actual));
        }
    }

    /** The differing lines with two lines of context, as - expected / + actual, at most 60 lines. */
    static String diff(String expected, String actual) {
        List<String> a = expected.lines().toList();
        List<String> b = actual.lines().toList();
        int start = 0;
        while (start < a.size() && start < b.size() && a.get(start).equals(b.get(start))) {
            start++;
        }
        int endA = a.size() - 1;
        int endB = b.size() - 1;
        while (endA >= start && endB >= start && a.get(endA).equals(b.get(endB))) {
            endA--;
            endB--;
        }
        StringBuilder sb = new StringBuilder();
        int lines = 0;
        for (int i = Math.max(0, start - 2); i < start; i++) {
            sb.append("  ").append(i + 1).append(": ").append(a.get(i)).append('\n');
        }
        for (int i = start; i <= endA && lines < 30; i++, lines++) {
            sb.append("- ").append(i + 1).append(": ").append(a.get(i)).append('\n');
        }
        for (int i = start; i <= endB && lines < 60; i++, lines++) {
            sb.append("+ ").append(i + 1).append(": ").append(b.get(i)).append('\n');
        }
        if (endA - start + endB - start + 2 > lines) {
            sb.append("… (").append(endA - start + 1).append(" expected and ").append(endB - start + 1)
                    .append(" actual lines differ in this block)\n");
        }
        return sb.toString();
    }
}
