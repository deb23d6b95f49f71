package io.zhenggai.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;

/** Generated events are valid against the one contract file, gap-free per aggregate and follow the status machine. */
class EventGeneratorTest {

    private static final Map<String, String[]> EDGES = Map.of(
            "START", new String[] {"NOT_STARTED", "IN_PROGRESS"},
            "COMPLETE", new String[] {"IN_PROGRESS", "COMPLETED"},
            "CLOSE", new String[] {"COMPLETED", "CLOSED"},
            "RETURN", new String[] {"COMPLETED", "IN_PROGRESS"},
            "MAKE_LONG_TERM", new String[] {"IN_PROGRESS", "LONG_TERM"},
            "RESUME", new String[] {"LONG_TERM", "IN_PROGRESS"},
            "REOPEN", new String[] {"CLOSED", "IN_PROGRESS"});

    static Validator contract;
    static List<EventGenerator.Event> events;

    @BeforeAll
    static void generate() throws Exception {
        Path root = Path.of(System.getProperty("zhenggai.root", "../.."));
        JsonObject schema = new JsonObject(Files.readString(
                root.resolve("issue-service/src/main/resources/contract/rectification-events.schema.json")));
        contract = Validator.create(JsonSchema.of(schema), new JsonSchemaOptions().setDraft(Draft.DRAFT202012)
                .setBaseUri("https://zhenggai.io/").setOutputFormat(OutputFormat.Basic));
        events = run(new EventGenerator.Spec(6000, 400, 3, 42));
    }

    private static List<EventGenerator.Event> run(EventGenerator.Spec spec) throws Exception {
        List<EventGenerator.Event> out = new ArrayList<>();
        new EventGenerator(spec).generate(out::add);
        return out;
    }

    @Test
    void everyEventIsValidAgainstTheContract() {
        assertThat(events).hasSize(6000);
        Set<String> types = new HashSet<>();
        for (EventGenerator.Event event : events) {
            JsonObject json = new JsonObject(event.value());
            OutputUnit result = contract.validate(json);
            assertThat(result.getValid()).as("%s\n%s", result.getErrors(), event.value()).isTrue();
            assertThat(event.key()).isEqualTo(json.getString("aggregateid"));
            types.add(json.getString("type"));
        }
        JsonObject broken = new JsonObject(events.get(events.size() - 1).value()).put("sequence", 0);
        assertThat(contract.validate(broken).getValid()).as("the validator rejects sequence 0").isFalse();
        assertThat(types).containsExactlyInAnyOrder("zhenggai.inspection.created.v1", "zhenggai.issue.created.v1",
                "zhenggai.issue.progress-reported.v1", "zhenggai.issue.status-changed.v1",
                "zhenggai.issue.reopened.v1", "zhenggai.issue.updated.v1");
        assertThat(events.stream().filter(e -> e.type().equals("zhenggai.issue.created.v1"))).hasSize(400);
        assertThat(events.stream().filter(e -> e.type().equals("zhenggai.inspection.created.v1"))).hasSize(3);
    }

    @Test
    void sequencesAreGapFreeAndSnapshotsFollowTheStatusMachine() {
        Map<String, Long> sequences = new HashMap<>();
        Map<String, String> statuses = new HashMap<>();
        long position = 0;
        Instant time = Instant.MIN;
        int backDated = 0;
        for (EventGenerator.Event event : events) {
            JsonObject json = new JsonObject(event.value());
            String id = json.getString("aggregateid");
            long sequence = json.getLong("sequence");
            assertThat(sequence).as("sequence of %s", id).isEqualTo(sequences.getOrDefault(id, 0L) + 1);
            sequences.put(id, sequence);
            assertThat(json.getLong("position")).isEqualTo(++position);
            Instant recorded = Instant.parse(json.getString("time"));
            assertThat(recorded).isAfterOrEqualTo(time);
            time = recorded;
            String effective = json.getString("effectivedate");
            if (effective != null && LocalDate.parse(effective)
                    .isBefore(LocalDate.ofInstant(recorded, ZoneId.of("Asia/Shanghai")).minusDays(29))) {
                backDated++;
            }
            if (!json.getString("aggregatetype").equals("issue")) {
                assertThat(sequence).isEqualTo(1);
                continue;
            }
            JsonObject data = json.getJsonObject("data");
            JsonObject issue = data.getJsonObject("issue");
            assertThat(issue.getLong("sequence")).isEqualTo(sequence);
            String before = statuses.get(id);
            String after = issue.getString("status");
            switch (json.getString("type")) {
                case "zhenggai.issue.created.v1" -> assertThat(after).isEqualTo("NOT_STARTED");
                case "zhenggai.issue.progress-reported.v1" -> {
                    assertThat(before).isIn("NOT_STARTED", "IN_PROGRESS", "LONG_TERM");
                    JsonObject change = data.getJsonObject("statusChange");
                    if (before.equals("NOT_STARTED")) {
                        assertThat(change.getString("transition")).isEqualTo("START");
                        assertThat(after).isEqualTo("IN_PROGRESS");
                    } else {
                        assertThat(change).isNull();
                        assertThat(after).isEqualTo(before);
                    }
                    assertThat(issue.getString("lastProgressDate")).isNotNull();
                    assertThat(data.getJsonObject("report").getJsonArray("readings")).isNotEmpty();
                }
                case "zhenggai.issue.status-changed.v1", "zhenggai.issue.reopened.v1" -> {
                    JsonObject change = data.getJsonObject("change");
                    String[] edge = EDGES.get(change.getString("transition"));
                    assertThat(new String[] {change.getString("from"), change.getString("to")}).isEqualTo(edge);
                    assertThat(change.getString("from")).isEqualTo(before);
                    assertThat(after).isEqualTo(edge[1]);
                    assertThat(json.getString("type").endsWith("reopened.v1"))
                            .isEqualTo(change.getString("transition").equals("REOPEN"));
                }
                case "zhenggai.issue.updated.v1" -> assertThat(after).isEqualTo(before);
                default -> throw new AssertionError(json.getString("type"));
            }
            statuses.put(id, after);
        }
        assertThat(backDated).as("back-dated entries").isGreaterThan(50);
    }

    @Test
    void theSameSeedGivesTheSameEvents() throws Exception {
        List<EventGenerator.Event> again = run(new EventGenerator.Spec(6000, 400, 3, 42));
        assertThat(again).isEqualTo(events);
        assertThat(run(new EventGenerator.Spec(6000, 400, 3, 43))).isNotEqualTo(events);
    }
}
