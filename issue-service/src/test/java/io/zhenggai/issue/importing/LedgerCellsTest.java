package io.zhenggai.issue.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class LedgerCellsTest {

    @Test
    void shouldReadDatesAsPeopleWriteThem() throws Exception {
        for (String text : List.of("2023-06-30", "2023/6/30", "2023.6.30", "2023年6月30日", " 2023-6-30 ", "2023年06月30日")) {
            assertThat(LedgerCells.date(text)).as(text).isEqualTo(LocalDate.parse("2023-06-30"));
        }
        assertThat(LedgerCells.date("  ")).isNull();
        assertThatThrownBy(() -> LedgerCells.date("2023-02-30")).isInstanceOf(LedgerCells.Unreadable.class)
                .hasMessageContaining("不是有效的日期");
        assertThatThrownBy(() -> LedgerCells.date("六月底")).isInstanceOf(LedgerCells.Unreadable.class)
                .hasMessageContaining("不是日期");
        assertThatThrownBy(() -> LedgerCells.date("2023-06-30 前")).isInstanceOf(LedgerCells.Unreadable.class);
    }

    @Test
    void shouldSplitNamesOnWhatPeopleSeparateThemWith() throws Exception {
        assertThat(LedgerCells.names("张三、李四", 100)).containsExactly("张三", "李四");
        assertThat(LedgerCells.names("张三，李四,王五；赵六;钱七/孙八\n周九", 100))
                .containsExactly("张三", "李四", "王五", "赵六", "钱七", "孙八", "周九");
        assertThat(LedgerCells.names(" 张三 、张三、 ", 100)).containsExactly("张三");
        assertThat(LedgerCells.names("", 100)).isEmpty();
        assertThatThrownBy(() -> LedgerCells.names("很".repeat(101), 100)).isInstanceOf(LedgerCells.Unreadable.class)
                .hasMessageContaining("超过100个字");
    }

    @Test
    void shouldReadAVersionAsAPositiveWholeNumber() throws Exception {
        assertThat(LedgerCells.version("7")).isEqualTo(7);
        for (String bad : List.of("", "0", "-1", "7.5", "x")) {
            assertThatThrownBy(() -> LedgerCells.version(bad)).as(bad).isInstanceOf(LedgerCells.Unreadable.class);
        }
        assertThatThrownBy(() -> LedgerCells.version("")).hasMessageContaining("历史台账");
    }
}
