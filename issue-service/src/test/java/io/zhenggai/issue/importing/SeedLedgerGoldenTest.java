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

    /**
     * A line diff (longest common subsequence) of the two texts: each changed line as {@code - n: expected} or
     * {@code + n: actual}, with one line of context around each change and at most 80 lines in all.
     */
    static String diff(String expected, String actual) {
        List<String> a = expected.lines().toList();
        List<String> b = actual.lines().toList();
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> out = new java.util.ArrayList<>();
        int i = 0;
        int j = 0;
        String lastContext = null;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                lastContext = "  " + (i + 1) + ": " + a.get(i);
                i++;
                j++;
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                addContext(out, lastContext);
                lastContext = null;
                out.add("- " + (i + 1) + ": " + a.get(i++));
            } else {
                addContext(out, lastContext);
                lastContext = null;
                out.add("+ " + (j + 1) + ": " + b.get(j++));
            }
        }
        int changed = (int) out.stream().filter(l -> !l.startsWith("  ")).count();
        String shown = String.join("\n", out.subList(0, Math.min(out.size(), 80)));
        return shown + (out.size() > 80 ? "\n… (" + changed + " changed lines in all)" : "") + "\n";
    }

    private static void addContext(List<String> out, String context) {
        if (context != null) {
            out.add(context);
        }
    }
}
