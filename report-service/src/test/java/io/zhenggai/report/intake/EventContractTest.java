package io.zhenggai.report.intake;

import static io.zhenggai.report.Events.forecast;
import static io.zhenggai.report.Events.reading;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonObject;
import io.zhenggai.report.Events;

/** The contract file is on this service's classpath, and the events the tests script keep it. */
class EventContractTest {

    private final EventContract contract = new EventContract();

    @Test
    void shouldAcceptEveryKindOfEventTheTestsScript() {
        Events.Inspection inspection = new Events.Inspection();
        Events.Issue issue = inspection.issue("main", "一", 1, "关于推动科技创新力度不够大的问题")
                .responsibility(List.of("张三"), List.of("经济发展局"), List.of("科技"))
                .deadline(LocalDate.of(2023, 6, 30));
        List<Events.Record> records = List.of(inspection.created(), issue.created(),
                issue.progress(LocalDate.of(2023, 5, 10),
                        reading("investment.completed", Map.of("industry", "新材料"), "310000000", "CNY", "MONEY",
                                "3.1亿元"),
                        forecast(reading("loan.npl_ratio", Map.of(), "0.0241", "1", "RATE", "2.41%")),
                        reading("enterprise.count", Map.of(), null, "家", "COUNT", "若干家")),
                issue.transition("COMPLETE", "COMPLETED", LocalDate.of(2023, 5, 11)),
                issue.transition("CLOSE", "CLOSED", LocalDate.of(2023, 5, 12)),
                issue.reopen(LocalDate.of(2023, 5, 13)),
                issue.newDeadline(LocalDate.of(2023, 9, 30)));

        for (Events.Record record : records) {
            assertThat(contract.violations(new JsonObject(record.value()))).as(record.value()).isEmpty();
        }
    }

    @Test
    void shouldNameWhatBreaksTheContract() {
        Events.Inspection inspection = new Events.Inspection();
        JsonObject event = new JsonObject(inspection.created().value());

        JsonObject withoutSequence = event.copy();
        withoutSequence.remove("sequence");
        assertThat(contract.violations(withoutSequence)).hasValueSatisfying(reason ->
                assertThat(reason).contains("sequence"));
        assertThat(contract.violations(event.copy().put("type", "zhenggai.unknown.v1"))).isPresent();
        assertThat(contract.violations(event.copy().put("aggregateid", "not-a-uuid")))
                .hasValueSatisfying(reason -> assertThat(reason).contains("/aggregateid"));
    }
}
