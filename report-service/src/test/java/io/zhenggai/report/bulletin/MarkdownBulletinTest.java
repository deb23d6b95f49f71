package io.zhenggai.report.bulletin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The Markdown bulletin is the bulletin's plain text: a paragraph per printed line, blank lines between, the title
 * underlined; nothing that the importer would read as part of the text (no #, no list markers, no page breaks).
 */
class MarkdownBulletinTest {

    private final Bulletin bulletin = BulletinAssembler.assemble(Fixtures.input());
    private final String markdown = MarkdownBulletin.render(bulletin);

    @Test
    void shouldUnderlineTheTitleAndSeparateParagraphsByBlankLines() {
        List<String> lines = markdown.lines().toList();
        assertThat(lines.get(0)).isEqualTo(bulletin.title());
        assertThat(lines.get(1)).matches("=+");
        assertThat(lines.get(2)).isEmpty();
        assertThat(lines.get(3)).startsWith("2022年6月22日至2022年9月30日，市委第五巡察组对");
        for (int i = 3; i < lines.size(); i += 2) {
            assertThat(lines.get(i)).as("line %d", i + 1).isNotEmpty();
            if (i + 1 < lines.size()) {
                assertThat(lines.get(i + 1)).as("line %d", i + 2).isEmpty();
            }
        }
        assertThat(markdown).endsWith("\n").doesNotContain("\r", "#", "---", "**");
    }

    @Test
    void shouldPrintEachLineOfAReportAsAParagraphOfItsOwn() {
        assertThat(markdown).contains("\n\n整改成效：一是成立治理攻坚领导小组。\n\n二是开展集中学习3次。\n\n");
        assertThat(markdown).contains("\n\n附件1\n\n关于落实黄河国家战略重点任务方面存在问题整改进展情况\n\n（一）关于生态环境保护方面\n\n");
    }
}
