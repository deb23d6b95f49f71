package io.zhenggai.issue.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void shouldKeepAnOrdinaryNameAsItIsGiven() {
        for (String name : new String[]{"整改报告.pdf", "2023年一季度 台账（终稿）.xlsx", "a.b.c", "😀.png", "x".repeat(255),
                "长".repeat(255), "report (1).PDF", "a\"b;c=d.pdf"}) {
            assertThat(FileNames.problem(name)).as(name).isEmpty();
        }
        assertThat(FileNames.normalise("  e\u0301.pdf ")).isEqualTo("\u00e9.pdf");
    }

    @Test
    void shouldRefuseWhatCouldMisleadOrHarmWhoeverDownloadsIt() {
        String[][] cases = {
                {null, "required"}, {"", "required"}, {"  ", "required"},
                {"../etc/passwd", "not a path"}, {"a\\b.pdf", "not a path"}, {".", "may not be . or .."},
                {"..", "may not be . or .."}, {"a\u0000.pdf", "U+0000"}, {"a\nb.pdf", "U+000A"},
                {"a\u0085b", "U+0085"}, {"a\u007fb", "U+007F"}, {"report\u202Efdp.exe", "U+202E"},
                {"\u200Bx.pdf", "U+200B"}, {"\uFEFFx.pdf", "U+FEFF"}, {"a\u2028b", "U+2028"},
                {"x\ud800.pdf", "surrogate"}, {"x\udc00", "surrogate"}, {"x".repeat(256), "at most 255"},
                {"长".repeat(256), "at most 255"}};
        for (String[] c : cases) {
            assertThat(FileNames.problem(c[0])).as(String.valueOf(c[0])).hasValueSatisfying(why -> assertThat(why)
                    .contains(c[1]));
        }
    }
}
