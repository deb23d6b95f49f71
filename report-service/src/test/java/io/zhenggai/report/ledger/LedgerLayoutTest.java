package io.zhenggai.report.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The ledger's layout is the contract file issue-service owns ({@code contract/ledger-workbook.json}), copied in at
 * build time. Its header row is pinned here to the same list issue-service's import test pins it to: a change of the
 * file fails both until both sides agree.
 */
public class LedgerLayoutTest {

    /** The header row of the ledger sheet, in order: the same list as issue-service's LedgerWorkbookReaderTest. */
    public static final List<String> HEADERS = List.of("序号", "清单", "编号", "方面", "类别", "问题", "整改措施", "牵头领导",
            "牵头单位", "配合单位", "完成时限", "原定时限", "整改状态", "状态表述", "预警", "进展日期", "最新进展", "最新数据",
            "签收", "退回次数", "延期次数", "待审核", "问题ID", "版本");

    @Test
    void shouldReadTheHeaderRowAndWordsOfTheContract() {
        LedgerLayout layout = LedgerLayout.load();
        assertThat(layout.sheet()).isEqualTo("整改台账");
        assertThat(layout.headers()).isEqualTo(HEADERS);
        assertThat(layout.columns().stream().filter(LedgerLayout.Column::editable).map(LedgerLayout.Column::header))
                .containsExactly("牵头领导", "牵头单位", "配合单位", "完成时限", "整改状态", "状态表述", "进展日期", "最新进展");
        assertThat(layout.statuses()).isEqualTo(Map.of("NOT_STARTED", "未启动", "IN_PROGRESS", "整改中",
                "COMPLETED", "已完成", "CLOSED", "已销号", "LONG_TERM", "长期坚持"));
        assertThat(layout.separator()).isEqualTo("、");
        assertThat(layout.index("issueId")).isEqualTo(HEADERS.indexOf("问题ID"));
    }

    @Test
    void shouldCarryTheVeryFileIssueServiceReads() throws IOException {
        Path source = Path.of("..", "issue-service", "src", "main", "resources", "contract", "ledger-workbook.json");
        try (InputStream copy = LedgerLayout.class.getResourceAsStream(LedgerLayout.RESOURCE)) {
            assertThat(copy).isNotNull();
            assertThat(copy.readAllBytes()).as("the build's copy of " + source).isEqualTo(Files.readAllBytes(source));
        }
    }

    @Test
    void shouldWidthEveryColumnOfTheLayout() {
        assertThat(LedgerWorkbook.WIDTHS.keySet()).containsExactlyInAnyOrderElementsOf(
                LedgerLayout.load().columns().stream().map(LedgerLayout.Column::key).toList());
    }

    @Test
    void shouldCutATextLongerThanACellHoldsAndMarkIt() {
        LedgerLayout layout = LedgerLayout.load();
        assertThat(layout.cellLimit()).isEqualTo(32767);
        String fits = "进".repeat(32767);
        assertThat(layout.fit(fits)).isSameAs(fits);
        String cut = layout.fit("进".repeat(40000));
        assertThat(cut).hasSize(32767).endsWith(layout.mark()).startsWith("进进进");
        // never half a surrogate pair: 𠀀 is two chars
        String pairs = "𠀀".repeat(20000);
        String cutPairs = layout.fit(pairs);
        assertThat(cutPairs.length()).isLessThanOrEqualTo(32767);
        String kept = cutPairs.substring(0, cutPairs.length() - layout.mark().length());
        assertThat(kept.codePoints().allMatch(c -> c == 0x20000)).isTrue();
    }
}
