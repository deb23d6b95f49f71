package io.zhenggai.report.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

import org.jboss.logging.Logger;

import io.vertx.core.json.JsonObject;

/**
 * The event contract: issue-service's {@code contract/rectification-events.schema.json} (JSON Schema 2020-12), copied
 * into this service's classes at build time. It is the only thing of issue-service this service reads; every record
 * is checked against it before anything is applied. An event first goes through {@link ContractCheck}, the contract
 * compiled into checks that pass an ordinary event in about 6 µs (networknt's validator: 16–17 µs on the whole
 * contract, measured on the scripted events of every type); any event it does not pass is judged, and the reasons
 * given, by networknt's validator on the Jackson tree the intake reads anyway (chosen over vertx-json-schema's, 0.5–0.7
 * ms an event). issue-service's ContractTest checks the same file with vertx-json-schema, so two implementations agree
 * on it, and ContractCheckTest holds the quick check to networknt's verdicts.
 */
@ApplicationScoped
public class EventContract {

    public static final String RESOURCE = "/contract/rectification-events.schema.json";
    /** At most this many schema errors are named in a DLQ reason: the first ones say what is wrong. */
    private static final int REPORTED_ERRORS = 5;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Schema schema;
    /**
     * The contract as it reads for one event type: the root's {@code allOf} keeps only the type's own
     * {@code if (type = T) then …} branch (and any branch of another shape). An event whose {@code type} is T fails
     * every other branch's {@code if}, which makes that branch hold whatever the rest says, so the verdict and the
     * errors are the whole contract's; only the fifteen {@code if}s are no longer evaluated on every event. An event
     * without such a type (none, not a string, not one of these) is checked against the whole contract.
     */
    private final Map<String, Schema> byType;
    /** The contract compiled to sure checks: an event it passes is not checked again (see {@link ContractCheck}). */
    private final Optional<ContractCheck> quick;

    public EventContract() {
        try (InputStream in = EventContract.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath: the build copies it from "
                        + "issue-service/src/main/resources/contract");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                    builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                            .formatAssertionsEnabled(true).build()));
            schema = registry.getSchema(text);
            JsonNode tree = JSON.readTree(text);
            byType = specialised(registry, tree);
            ContractCheck.Result compiled = ContractCheck.compile(tree);
            if (compiled.check().isEmpty()) {
                Logger.getLogger(EventContract.class).warnf("The event contract uses %s, which the quick check does "
                        + "not judge: every event is checked by the full validator (slower)", compiled.unsupported());
            }
            quick = compiled.check();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One schema per type named by a branch {@code {"if": {"properties": {"type": {"const": T}}}, "then": …}}. */
    private static Map<String, Schema> specialised(SchemaRegistry registry, JsonNode contract) {
        JsonNode branches = contract.path("allOf");
        Map<String, Schema> schemas = new HashMap<>();
        for (JsonNode branch : branches) {
            String type = branchType(branch);
            if (type == null || schemas.containsKey(type)) {
                continue;
            }
            ArrayNode kept = JSON.createArrayNode();
            for (JsonNode other : branches) {
                String otherType = branchType(other);
                if (otherType == null || otherType.equals(type)) {
                    kept.add(other);
                }
            }
            ObjectNode copy = contract.deepCopy();
            copy.set("allOf", kept);
            // an id of its own, so that the registry does not take it for the whole contract
            copy.put("$id", contract.path("$id").asText() + "/" + type);
            schemas.put(type, registry.getSchema(copy));
        }
        return Map.copyOf(schemas);
    }

    /** T when the branch is exactly {@code {"if": {"properties": {"type": {"const": "T"}}}, "then": …}}, else null. */
    private static String branchType(JsonNode branch) {
        if (!branch.isObject() || branch.size() != 2 || !branch.has("then")) {
            return null;
        }
        JsonNode condition = branch.path("if");
        JsonNode properties = condition.path("properties");
        JsonNode type = properties.path("type");
        JsonNode constant = type.path("const");
        return condition.size() == 1 && properties.size() == 1 && type.size() == 1 && constant.isTextual()
                ? constant.asText() : null;
    }

    /**
     * Why the event breaks the contract, or empty when it keeps it. An event the quick check passes keeps it; any
     * other is judged, and its reasons given, by networknt's validator.
     */
    public Optional<String> violations(JsonNode event) {
        if (quick.isPresent() && quick.get().test(event) == ContractCheck.Verdict.VALID) {
            return Optional.empty();
        }
        JsonNode type = event.get("type");
        return violations(event, type != null && type.isTextual() ? byType.getOrDefault(type.asText(), schema)
                : schema);
    }

    /** Whether the quick check is in use (it is unless the contract uses a keyword it does not judge). */
    boolean quick() {
        return quick.isPresent();
    }

    /** The same, checked against the whole contract by networknt alone (for the tests that the checks agree). */
    Optional<String> wholeContractViolations(JsonNode event) {
        return violations(event, schema);
    }

    private static Optional<String> violations(JsonNode event, Schema checked) {
        List<Error> errors = checked.validate(event);
        if (errors.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(errors.stream()
                .limit(REPORTED_ERRORS)
                .map(e -> {
                    String location = e.getInstanceLocation() == null ? "" : e.getInstanceLocation().toString();
                    return (location.isEmpty() ? "(root)" : location) + ": " + e.getMessage();
                })
                .collect(Collectors.joining("; ")));
    }

    /** The same, for an event held as a Vert.x object. */
    public Optional<String> violations(JsonObject event) {
        try {
            return violations(JSON.readTree(event.encode()));
        } catch (JsonProcessingException e) {
            return Optional.of("not JSON: " + e.getOriginalMessage());
        }
    }
}
