package io.zhenggai.issue.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import io.zhenggai.issue.figures.QuantityOutOfBoundsException;

/** A progress report's text read by the importer's reader and checked by its checks. */
class ProgressTextReaderTest {

    static final LocalDate AS_OF = LocalDate.of(2023, 5, 10);
    final ProgressTextReader reader = new ProgressTextReader();

    @Test
    void shouldReadTheFiguresAsTheImporterDoes() {
        ProgressTextReader.Result result = reader.read("目前全区新材料产业项目已开工18个,开工率67%,已完成投资3.1亿元。", AS_OF);
        assertThat(result.warnings()).isEmpty();
        Reading investment = result.readings().stream().filter(r -> r.metric().equals("investment.completed"))
                .findFirst().orElseThrow();
        assertThat(investment.quantity().value()).isEqualByComparingTo(new BigDecimal("310000000"));
        assertThat(investment.quantity().unit().symbol()).isEqualTo("CNY");
        assertThat(investment.dimensions()).containsEntry("industry", "新材料");
        assertThat(result.readings()).extracting(Reading::metric).contains("project.started");
    }

    @Test
    void shouldWarnOfARateThatDoesNotMatchItsParts() {
        ProgressTextReader.Result result = reader.read("排查信访积案21件,已化解16件,未化解5件,化解率90%。", AS_OF);
        assertThat(result.warnings()).extracting(ProgressTextReader.Warning::kind).containsExactly("RATE_MISMATCH");
        assertThat(result.warnings().get(0).message()).contains("90%").contains("76.19");
        assertThat(reader.read("已化解16件,未化解4件,化解率80%。", AS_OF).warnings()).as("16/20 = 80%").isEmpty();
    }

    @Test
    void shouldWarnOfPartsAboveTheirTotal() {
        assertThat(reader.read("需整改10个,已完成整改7个,未完成整改4个。", AS_OF).warnings())
                .extracting(ProgressTextReader.Warning::kind).containsExactly("COUNT_MISMATCH");
    }

    @Test
    void shouldLeaveAParagraphTooLongToReadUnreadAndSaySo() {
        String text = "已完成投资3.1亿元。\n" + "长".repeat(ProgressTextReader.MAX_PARAGRAPH_CHARS + 1) + "已开工18个";
        ProgressTextReader.Result result = reader.read(text, AS_OF);
        assertThat(result.readings()).extracting(Reading::metric).containsExactly("investment.completed");
        assertThat(result.warnings()).extracting(ProgressTextReader.Warning::kind)
                .containsExactly(ProgressTextReader.NOT_READ);
        assertThat(result.warnings().get(0).messageEn()).contains("paragraph 2");
    }

    @Test
    void shouldReadNothingFromAnEmptyTextAndRefuseAnAbsurdNumber() {
        assertThat(reader.read(" ", AS_OF).readings()).isEmpty();
        assertThatThrownBy(() -> reader.read("已完成投资99999999999999亿元", AS_OF))
                .isInstanceOf(QuantityOutOfBoundsException.class);
    }
}
