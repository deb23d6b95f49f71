package io.zhenggai.report.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

import io.zhenggai.report.intake.ContractCheck.Verdict;

/**
 * The quick contract check is never surer than it may be: whatever it calls valid or invalid, networknt's validator
 * (configured as {@link EventContract} configures it) calls the same, on the edges where JSON Schema and plain Java
 * differ and on thousands of events of every type broken at random. And it is decisive on the ordinary event.
 */
class ContractCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry NETWORKNT = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12, builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                    .formatAssertionsEnabled(true).build()));

    private final EventContract contract = new EventContract();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** The quick verdict, after asserting that networknt agrees with it wherever it is sure. */
    private static Verdict judged(String schema, String instance) {
        JsonNode schemaNode = json(schema);
        JsonNode node = json(instance);
        Verdict verdict = ContractCheck.compile(schemaNode).check().orElseThrow().test(node);
        boolean valid = NETWORKNT.getSchema(schemaNode).validate(node).isEmpty();
        if (verdict != Verdict.UNSURE) {
            assertThat(verdict).as(schema + " on " + instance + ": networknt says " + (valid ? "valid" : "invalid"))
                    .isEqualTo(Verdict.of(valid));
        }
        return verdict;
    }

    @Test
    void shouldBeSureOfPlainTypesStringsAndObjects() {
        String node = """
                {"type": "object", "required": ["path"], "additionalProperties": {"type": "string"},
                 "properties": {"path": {"type": "string", "minLength": 2}, "n": {"type": "integer", "minimum": 1}}}""";
        assertThat(judged(node, "{\"path\": \"一二\", \"n\": 3, \"x\": \"y\"}")).isEqualTo(Verdict.VALID);
        assertThat(judged(node, "{\"path\": \"一\"}")).isEqualTo(Verdict.INVALID);
        assertThat(judged(node, "{\"n\": 3}")).isEqualTo(Verdict.INVALID);
        assertThat(judged(node, "{\"path\": \"ab\", \"n\": 0}")).isEqualTo(Verdict.INVALID);
        assertThat(judged(node, "{\"path\": \"ab\", \"x\": 1}")).as("additional property").isEqualTo(Verdict.INVALID);
        assertThat(judged(node, "[]")).isEqualTo(Verdict.INVALID);
        assertThat(judged("{\"type\": [\"number\", \"null\"]}", "null")).isEqualTo(Verdict.VALID);
        assertThat(judged("{\"type\": [\"number\", \"null\"]}", "\"1\"")).isEqualTo(Verdict.INVALID);
        assertThat(judged("{\"items\": {\"minLength\": 1}, \"minItems\": 2}", "[\"a\", \"b\"]"))
                .isEqualTo(Verdict.VALID);
        assertThat(judged("{\"items\": {\"minLength\": 1}, \"minItems\": 2}", "[\"a\", \"\"]"))
                .isEqualTo(Verdict.INVALID);
        assertThat(judged("{\"propertyNames\": {\"pattern\": \"^[a-z]+$\"}, \"minProperties\": 1}", "{\"ab\": 1}"))
                .isEqualTo(Verdict.VALID);
        assertThat(judged("{\"propertyNames\": {\"pattern\": \"^[a-z]+$\"}}", "{\"aB\": 1}"))
                .isEqualTo(Verdict.INVALID);
    }

    /** 1.0 is an integer to JSON Schema; 😀 is one code point in two chars; $ may match before a final newline. */
    @Test
    void shouldLeaveTheEdgesWhereJavaAndJsonSchemaDifferToTheValidator() {
        assertThat(judged("{\"type\": \"integer\"}", "1.0")).isEqualTo(Verdict.UNSURE);
        assertThat(judged("{\"type\": \"integer\"}", "1.5")).isEqualTo(Verdict.UNSURE);
        assertThat(judged("{\"type\": \"integer\"}", "\"1\"")).isEqualTo(Verdict.INVALID);
        assertThat(judged("{\"minimum\": 1}", "0.5")).isEqualTo(Verdict.UNSURE);
        assertThat(judged("{\"minLength\": 2}", "\"😀\"")).isEqualTo(Verdict.UNSURE);
        assertThat(judged("{\"minLength\": 2}", "\"😀😀\"")).isEqualTo(Verdict.VALID);
        assertThat(judged("{\"minLength\": 2}", "\"a\"")).isEqualTo(Verdict.INVALID);
        assertThat(judged("{\"pattern\": \"^[0-9]{2}$\"}", "\"12\\n\"")).isEqualTo(Verdict.UNSURE);
        assertThat(judged("{\"pattern\": \"^[0-9]{2}$\"}", "\"12\"")).isEqualTo(Verdict.VALID);
        assertThat(judged("{\"pattern\": \"^[0-9]{2}$\"}", "\"123\"")).isEqualTo(Verdict.INVALID);
        assertThat(judged("{\"const\": 1}", "1.0")).isEqualTo(Verdict.UNSURE);
        assertThat(judged("{\"const\": 1}", "\"1\"")).isEqualTo(Verdict.INVALID);
        assertThat(judged("{\"const\": [1]}", "[1.0]")).isEqualTo(Verdict.UNSURE);
        assertThat(judged("{\"const\": [\"a\"]}", "[\"b\"]")).isEqualTo(Verdict.UNSURE);
        assertThat(judged("{\"const\": \"a\"}", "\"b\"")).isEqualTo(Verdict.INVALID);
        assertThat(judged("{\"const\": \"a\"}", "{\"a\": 1}")).isEqualTo(Verdict.INVALID);
        assertThat(judged("{\"enum\": [\"a\", \"b\"]}", "\"b\"")).isEqualTo(Verdict.VALID);
        assertThat(judged("{\"enum\": [\"a\", \"b\"]}", "\"c\"")).isEqualTo(Verdict.INVALID);
    }

    @Test
    void shouldPassOnlyPlainDateTimesAndLeaveTheRestToTheValidator() {
        String schema = "{\"type\": \"string\", \"format\": \"date-time\"}";
        for (String plain : List.of("2026-12-04T23:38:31Z", "2026-12-04T23:38:31.123456789Z",
                "2024-02-29T00:00:00+08:00", "2026-12-04T23:38:31.5-05:30")) {
            assertThat(judged(schema, "\"" + plain + "\"")).as(plain).isEqualTo(Verdict.VALID);
        }
        for (String other : List.of("2026-12-04t23:38:31z", "2026-12-04T23:59:60Z", "2023-02-29T00:00:00Z",
                "2026-12-04T24:00:00Z", "2026-12-04T23:38Z", "2026-12-04T23:38:31-00:00", "2026-12-04T23:38:31+18:00",
                "2026-12-04 23:38:31Z", "2026-12-04T23:38:31.1234567890Z", "2026-12-04", "gestern")) {
            assertThat(judged(schema, "\"" + other + "\"")).as(other).isEqualTo(Verdict.UNSURE);
        }
        assertThat(judged(schema, "7")).isEqualTo(Verdict.INVALID);
    }

    /** A combinator is sure only when its parts let it be. */
    @Test
    void shouldCombineSureAndUnsureBranchesSoundly() {
        String oneOf = "{\"oneOf\": [{\"type\": \"null\"}, {\"type\": \"integer\"}, {\"type\": \"string\"}]}";
        assertThat(judged(oneOf, "null")).isEqualTo(Verdict.VALID);
        assertThat(judged(oneOf, "1")).isEqualTo(Verdict.VALID);
        assertThat(judged(oneOf, "1.0")).isEqualTo(Verdict.UNSURE);
        assertThat(judged(oneOf, "true")).isEqualTo(Verdict.INVALID);
        assertThat(judged("{\"oneOf\": [{\"type\": \"string\"}, {\"minLength\": 1}]}", "\"a\""))
                .as("two sure branches").isEqualTo(Verdict.INVALID);
        String conditional = """
                {"if": {"properties": {"k": {"const": 1}}}, "then": {"required": ["a"]}, "else": {"required": ["b"]}}""";
        assertThat(judged(conditional, "{\"k\": 1, \"a\": 1}")).isEqualTo(Verdict.VALID);
        assertThat(judged(conditional, "{\"k\": 1, \"b\": 1}")).isEqualTo(Verdict.INVALID);
        assertThat(judged(conditional, "{\"k\": \"z\", \"b\": 1}")).isEqualTo(Verdict.VALID);
        assertThat(judged(conditional, "{\"k\": 1.0, \"a\": 1}")).as("the condition unsure, the branches differ")
                .isEqualTo(Verdict.UNSURE);
        assertThat(judged(conditional, "{\"k\": 1.0, \"a\": 1, \"b\": 1}")).as("both branches hold")
                .isEqualTo(Verdict.VALID);
        assertThat(judged("{\"not\": {\"type\": \"string\"}}", "1")).isEqualTo(Verdict.VALID);
        assertThat(judged("{\"anyOf\": [{\"type\": \"string\"}, {\"type\": \"integer\"}]}", "1.0"))
                .isEqualTo(Verdict.UNSURE);
        assertThat(judged("{\"$defs\": {\"d\": {\"minLength\": 3}}, \"$ref\": \"#/$defs/d\", \"type\": \"string\"}",
                "\"ab\"")).isEqualTo(Verdict.INVALID);
    }

    /** Whatever it does not judge exactly compiles to nothing: then every event goes to networknt. */
    @Test
    void shouldRefuseToCompileWhatItCannotJudgeExactly() {
        for (String schema : List.of("{\"unevaluatedProperties\": false}", "{\"patternProperties\": {}}",
                "{\"format\": \"email\"}", "{\"pattern\": \"^\\\\d+$\"}", "{\"$ref\": \"other.json\"}",
                "{\"properties\": {\"a\": {\"$id\": \"x\"}}}", "{\"minimum\": 0.5}", "{\"prefixItems\": []}",
                "{\"required\": \"a\"}", "{\"required\": [1]}")) {
            assertThat(ContractCheck.compile(json(schema)).check()).as(schema).isEmpty();
        }
        assertThat(contract.quick()).as("the contract itself compiles").isTrue();
    }

    /**
     * Every scripted event of every type is passed by the quick check alone, and the same events broken at random
     * (fields removed, values of other types, strings with a newline or outside the BMP, numbers written 1.0, dates
     * that do not exist, another event type) get from it either no verdict or networknt's.
     */
    @Test
    void shouldAgreeWithTheValidatorOnEventsBrokenAtRandom() throws Exception {
        ContractCheck check = ContractCheck.compile(json(new String(EventContract.class
                .getResourceAsStream(EventContract.RESOURCE).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)))
                .check().orElseThrow();
        List<ObjectNode> events = new ArrayList<>();
        for (var record : EventContractTest.workflowEvents()) {
            events.add((ObjectNode) JSON.readTree(record.value()));
        }
        for (ObjectNode event : events) {
            assertThat(check.test(event)).as(event.toString()).isEqualTo(Verdict.VALID);
        }
        Random random = new Random(20261205L);
        Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
        for (int round = 0; round < 6_000; round++) {
            ObjectNode variant = events.get(random.nextInt(events.size())).deepCopy();
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                mutate(variant, random, events);
            }
            Verdict verdict = check.test(variant);
            verdicts.merge(verdict, 1, Integer::sum);
            if (verdict != Verdict.UNSURE) {
                boolean valid = contract.wholeContractViolations(variant).isEmpty();
                assertThat(verdict).as("round " + round + ": " + variant).isEqualTo(Verdict.of(valid));
            }
        }
        assertThat(verdicts.getOrDefault(Verdict.INVALID, 0)).as(verdicts.toString()).isGreaterThan(3_000);
        assertThat(verdicts.getOrDefault(Verdict.VALID, 0)).as(verdicts.toString()).isGreaterThan(1_000);
    }

    private static final List<JsonNode> REPLACEMENTS = List.of(JsonNodeFactory.instance.nullNode(),
            JsonNodeFactory.instance.booleanNode(true), json("0"), json("-1"), json("1"), json("1.0"), json("2.5"),
            json("12345678901234567890123"), json("\"\""), json("\"x\""), json("\"😀\""), json("\"1.0\""),
            json("\"2023-02-30\""), json("\"2023-06-30\""), json("\"2023-06-30\\n\""), json("\"2026-12-04T23:38:31Z\""),
            json("\"2026-12-04T23:38:31+18:00\""), json("\"00000000-0000-0000-0000-00000000000A\""),
            json("\"00000000-0000-0000-0000-00000000000a\""), json("{}"), json("[]"), json("[\"\"]"),
            json("[\"a\"]"), json("{\"a\": \"b\"}"));

    private static JsonNode replacement(Random random) {
        return REPLACEMENTS.get(random.nextInt(REPLACEMENTS.size())).deepCopy();
    }

    /** One random change somewhere in the tree. */
    private static void mutate(JsonNode event, Random random, List<ObjectNode> others) {
        JsonNode container = event;
        // walk down a few levels at random, staying on containers
        for (int depth = random.nextInt(5); depth > 0; depth--) {
            List<JsonNode> children = new ArrayList<>();
            container.forEach(child -> {
                if (child.isContainerNode() && !child.isEmpty()) {
                    children.add(child);
                }
            });
            if (children.isEmpty()) {
                break;
            }
            container = children.get(random.nextInt(children.size()));
        }
        if (container.isEmpty()) {
            return;
        }
        int kind = random.nextInt(6);
        if (container instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            JsonNode value = object.get(name);
            switch (kind) {
                case 0 -> object.remove(name);
                case 1 -> object.set("z" + random.nextInt(3), replacement(random));
                case 2 -> {
                    if (value.isTextual()) {
                        String text = value.textValue();
                        object.put(name, switch (random.nextInt(4)) {
                            case 0 -> text + "\n";
                            case 1 -> text.toUpperCase();
                            case 2 -> text.isEmpty() ? "😀" : text.substring(0, text.length() - 1);
                            default -> "😀" + text;
                        });
                    } else if (value.isNumber()) {
                        object.set(name, json(value.asLong() + ".0"));
                    }
                }
                case 3 -> {
                    // the same field from another event (often another type's shape)
                    JsonNode other = others.get(random.nextInt(others.size())).findValue(name);
                    if (other != null) {
                        object.set(name, other.deepCopy());
                    }
                }
                default -> object.set(name, replacement(random));
            }
        } else if (container instanceof ArrayNode array) {
            int index = random.nextInt(array.size());
            switch (kind) {
                case 0 -> array.remove(index);
                case 1 -> array.add(replacement(random));
                default -> array.set(index, replacement(random));
            }
        }
    }
}
