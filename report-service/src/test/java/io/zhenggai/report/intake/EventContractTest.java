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

    /** The workflow's events (issue 12), each kind at least once, with the workflow's part of the snapshot. */
    static List<Events.Record> workflowEvents() {
        Events.Inspection inspection = new Events.Inspection();
        Events.Issue issue = inspection.issue("main", "一", 1, "关于推动科技创新力度不够大的问题");
        List<Events.Record> records = new java.util.ArrayList<>(List.of(inspection.created(), issue.created(),
                issue.assign("经济发展局", List.of("财政金融局"), List.of("张三"), LocalDate.of(2023, 3, 31),
                        LocalDate.of(2023, 1, 15)),
                issue.sign(LocalDate.of(2023, 1, 16)),
                issue.requestExtension(LocalDate.of(2023, 6, 30), LocalDate.of(2023, 3, 20)),
                issue.decideExtension(true, LocalDate.of(2023, 3, 22)),
                issue.requestExtension(LocalDate.of(2023, 9, 30), LocalDate.of(2023, 6, 20)),
                issue.decideExtension(false, LocalDate.of(2023, 6, 22)),
                issue.instruction("张三", "抓紧推进"),
                issue.evidence("验收报告.pdf"),
                issue.progress(LocalDate.of(2023, 5, 10),
                        reading("investment.completed", Map.of("industry", "新材料"), "310000000", "CNY", "MONEY",
                                "3.1亿元"))));
        records.add(issue.correct(issue.lastReport(),
                reading("investment.completed", Map.of("industry", "新材料"), "330000000", "CNY", "MONEY", "3.3亿元")));
        records.add(issue.withdraw(issue.lastReport()));
        records.add(issue.transition("COMPLETE", "COMPLETED", LocalDate.of(2023, 6, 25)));
        records.add(issue.transition("RETURN", "IN_PROGRESS", LocalDate.of(2023, 6, 26)));
        records.add(issue.assign("财政金融局", List.of(), List.of("李四"), LocalDate.of(2023, 12, 31),
                LocalDate.of(2023, 7, 1)));
        return records;
    }

    /** The workflow's events keep the contract. */
    @Test
    void shouldAcceptTheWorkflowsEvents() {
        List<Events.Record> records = workflowEvents();
        for (Events.Record record : records) {
            assertThat(contract.violations(new JsonObject(record.value()))).as(record.value()).isEmpty();
        }
        JsonObject last = new JsonObject(records.get(records.size() - 1).value());
        assertThat(last.getJsonObject("data").getJsonObject("issue").getString("originalDeadline"))
                .as("the first assigned deadline stays").isEqualTo("2023-03-31");
        assertThat(last.getJsonObject("data").getJsonObject("issue").getInteger("returnedCount")).isEqualTo(1);
    }

    @Test
    void shouldRefuseAWorkflowEventThatBreaksTheContract() {
        Events.Inspection inspection = new Events.Inspection();
        Events.Issue issue = inspection.issue("main", "一", 1, "问题");
        issue.created();
        JsonObject assigned = new JsonObject(issue.assign("经济发展局", List.of(), List.of(), LocalDate.of(2023, 3, 31),
                null).value());
        JsonObject badState = assigned.copy();
        badState.getJsonObject("data").getJsonObject("issue").getJsonObject("assignment").put("state", "READ");
        assertThat(contract.violations(badState)).hasValueSatisfying(r -> assertThat(r).contains("assignment"));
        JsonObject noTerms = assigned.copy();
        noTerms.getJsonObject("data").remove("assignment");
        assertThat(contract.violations(noTerms)).isPresent();
        issue.progress(LocalDate.of(2023, 5, 10));
        JsonObject withdrawn = new JsonObject(issue.withdraw(issue.lastReport()).value());
        JsonObject withdrawnWithReport = withdrawn.copy();
        withdrawnWithReport.getJsonObject("data").getJsonObject("correction").put("report", new JsonObject()
                .put("id", java.util.UUID.randomUUID().toString()).put("asOf", "2023-05-10").put("text", "…")
                .put("measures", new io.vertx.core.json.JsonArray()).put("readings", new io.vertx.core.json.JsonArray()));
        assertThat(contract.violations(withdrawn)).isEmpty();
        assertThat(contract.violations(withdrawnWithReport)).as("a withdrawal has no replacement").isPresent();
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

    /**
     * The contract checked per event type says what the whole contract says, word for word: for every scripted event,
     * the event under every other type, and the event without each of its fields and each of its data's fields.
     */
    @Test
    void shouldGiveTheWholeContractsVerdictWhenCheckingOneTypesPart() throws Exception {
        List<Events.Record> records = workflowEvents();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<String> types = records.stream().map(r -> new JsonObject(r.value()).getString("type")).distinct().toList();
        List<com.fasterxml.jackson.databind.node.ObjectNode> variants = new java.util.ArrayList<>();
        for (Events.Record record : records) {
            var event = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(record.value());
            variants.add(event);
            for (String type : types) {
                variants.add(event.deepCopy().put("type", type));
            }
            variants.add(event.deepCopy().put("type", 7));
            for (String field : (Iterable<String>) event::fieldNames) {
                var without = event.deepCopy();
                without.remove(field);
                variants.add(without);
            }
            if (event.get("data").isObject()) {
                for (String field : (Iterable<String>) event.get("data")::fieldNames) {
                    var without = event.deepCopy();
                    ((com.fasterxml.jackson.databind.node.ObjectNode) without.get("data")).remove(field);
                    variants.add(without);
                }
            }
        }

        int refused = 0;
        for (var variant : variants) {
            assertThat(contract.violations(variant)).as(variant.toString())
                    .isEqualTo(contract.wholeContractViolations(variant));
            refused += contract.violations(variant).isPresent() ? 1 : 0;
        }
        assertThat(types).hasSizeGreaterThan(10);
        assertThat(refused).as("most variants break the contract").isGreaterThan(variants.size() / 2);
    }
}
