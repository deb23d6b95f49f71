package io.zhenggai.issue.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;

/**
 * Hostile bulletins of 2 MB: long runs of prefix words, digits, brackets and numbering without punctuation, as one
 * paragraph, as many short paragraphs, and as paragraphs inside the real seed; and the shapes of issue 18 repeated:
 * problem paragraphs, aspect lines, table headers and rows, measures numbered like the problems. Each is read or refused as
 * {@link NotABulletinException} (the API's 422), never with another exception. The parse time is printed for the
 * record (the target is under 2 s on an idle machine, see the closing note of issue 11); the timeout here only
 * catches catastrophic backtracking, which would run for minutes, and is no speed target.
 */
class HostileBulletinTest {

    private static final int BYTES = 2_000_000;
    private static final String TITLE = "关于市委巡察组反馈意见整改进展情况的通报\n";
    private static final String[] RUNS = {
            "关于针对关于在方面存在的问题", "1234567890", "（（（（一）", "（", "“", "1.", "一二三四五六七八九十百千万亿",
            "已完成投资3.1亿元开工18个不良率2.41%", "一是二是三是已完成1.2.3.4亿元万元%个百分点余家预计", "2023年5月10日",
            "140余家", "0.05个百分点", "针对“关于在方面存在的问题”的问题已完成", "\t", "序号  问题  整改措施  "};
    private static final String[] LINES = {
            "（一）关于问题\n1.问题\n", "（一）\n", "1.\n", "一、关于\n（一）关于方面\n1.问题\n（1）问题\n①问题\n",
            "（一）关于方面\n1.推动不够\n整改进展：一是已完成投资3.1亿元，开工18个；二是\n",
            "针对“学习不深入”的问题。整改进展：一是开展学习3次。已完成。\n", "关于落实责任方面\n关于学习不深入的问题\n",
            "序号\t问题\t整改措施\t责任单位\t完成时限\t进展\n1\t关于问题\t一是\t办公室\t2023年6月底前\t已完成\n",
            "序号\t问题\t整改措施\t责任单位\n一、关于方面\n", "（一）关于方面\n1.关于问题\n整改措施：\n1.建立台账\n2.完善制度\n"};

    private final BulletinParser parser = new BulletinParser();

    @Test
    void aHostileTextIsReadOrRefusedAsNotABulletinInTimeLinearInItsLength() {
        Map<String, String> texts = new LinkedHashMap<>();
        for (String run : RUNS) {
            texts.put("one paragraph of " + run, TITLE + fill(run, BYTES));
            texts.put("short paragraphs of " + run, TITLE + fill(run + "\n", BYTES));
            texts.put("seed with paragraphs of " + run, inSeed(chars -> fill(run, chars)));
        }
        for (String lines : LINES) {
            texts.put("lines " + lines.replace('\n', '/'), TITLE + fill(lines, BYTES));
        }
        parser.parse(Bulletins.seedText());
        texts.forEach((name, text) -> {
            long start = System.nanoTime();
            String outcome = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> outcome(text), name);
            System.out.printf("hostile bulletin %-60s %6d KB %6d ms  %s%n", name,
                    text.getBytes(StandardCharsets.UTF_8).length / 1000, (System.nanoTime() - start) / 1_000_000,
                    outcome);
        });
    }

    @Test
    void aParagraphLongerThanAnyBulletinHoldsIsRefusedNamingIt() {
        NotABulletinException refused = refusal(TITLE + "整改" + "1".repeat(BulletinParser.MAX_PARAGRAPH_CHARS));
        assertThat(refused.reason()).isEqualTo(NotABulletinException.Reason.TOO_LARGE);
        assertThat(refused.getMessage()).contains("第2段").contains("paragraph 2");
    }

    @Test
    void moreHeadingsThanAnyBulletinHoldsAreRefused() {
        NotABulletinException refused = refusal(TITLE
                + "（一）关于问题方面\n1.问题\n".repeat(BulletinParser.MAX_HEADINGS / 2 + 1));
        assertThat(refused.reason()).isEqualTo(NotABulletinException.Reason.TOO_LARGE);
        assertThat(refused.getMessage()).contains("编号标题").contains("headings");
    }

    @Test
    void moreParagraphsThanAnyBulletinHoldsAreRefused() {
        NotABulletinException refused = refusal(TITLE + "整改\n".repeat(BulletinParser.MAX_PARAGRAPHS));
        assertThat(refused.reason()).isEqualTo(NotABulletinException.Reason.TOO_LARGE);
    }

    @Test
    void aRepeatedNumberIsMadeUniqueWithoutTryingEverySuffixBeforeIt() {
        ParseResult result = parser.parse(TITLE + "（一）关于问题方面\n1.问题\n".repeat(2_000));
        assertThat(result.issueCount()).isEqualTo(2_000);
        assertThat(result.bulletin().lists().get(0).aspects()).extracting(Aspect::path)
                .contains("(一)", "(一)~2", "(一)~2000").doesNotHaveDuplicates();
    }

    private String outcome(String text) {
        try {
            return "read, " + parser.parse(text).issueCount() + " issues";
        } catch (NotABulletinException refused) {
            return "refused " + refused.reason();
        }
    }

    private NotABulletinException refusal(String text) {
        try {
            parser.parse(text);
        } catch (NotABulletinException refused) {
            return refused;
        }
        throw new AssertionError("expected a refusal");
    }

    /** The seed with hostile paragraphs (each just under the paragraph limit) before its first progress text. */
    private static String inSeed(IntFunction<String> paragraph) {
        String seed = Bulletins.seedText();
        int at = seed.indexOf("整改进展");
        StringBuilder hostile = new StringBuilder();
        for (int bytes = 0; bytes < BYTES; ) {
            String next = paragraph.apply(BulletinParser.MAX_PARAGRAPH_CHARS / 2) + "\n";
            hostile.append(next);
            bytes += next.getBytes(StandardCharsets.UTF_8).length;
        }
        return seed.substring(0, at) + "\n" + hostile + seed.substring(at);
    }

    private static String fill(String unit, int bytes) {
        int perUnit = unit.getBytes(StandardCharsets.UTF_8).length;
        return unit.repeat(Math.max(1, bytes / perUnit));
    }
}
