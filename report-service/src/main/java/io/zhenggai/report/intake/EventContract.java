package io.zhenggai.report.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;

/**
 * The event contract: issue-service's {@code contract/rectification-events.schema.json} (JSON Schema 2020-12), copied
 * into this service's classes at build time. It is the only thing of issue-service this service reads; every record
 * is checked against it before anything is applied.
 */
@ApplicationScoped
public class EventContract {

    public static final String RESOURCE = "/contract/rectification-events.schema.json";
    /** At most this many schema errors are named in a DLQ reason: the first ones say what is wrong. */
    private static final int REPORTED_ERRORS = 5;

    private final Validator validator;

    public EventContract() {
        try (InputStream in = EventContract.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath: the build copies it from "
                        + "issue-service/src/main/resources/contract");
            }
            JsonObject schema = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            validator = Validator.create(JsonSchema.of(schema), new JsonSchemaOptions().setDraft(Draft.DRAFT202012)
                    .setBaseUri("https://zhenggai.io/").setOutputFormat(OutputFormat.Basic));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Why the event breaks the contract, or empty when it keeps it. */
    public Optional<String> violations(JsonObject event) {
        OutputUnit result = validator.validate(event);
        if (Boolean.TRUE.equals(result.getValid())) {
            return Optional.empty();
        }
        List<OutputUnit> errors = result.getErrors() == null ? List.of() : result.getErrors();
        String detail = errors.stream()
                // the Basic format also lists the failing "if/then" wrappers; the leaves say what is wrong
                .filter(e -> e.getError() != null)
                .limit(REPORTED_ERRORS)
                .map(e -> (e.getInstanceLocation() == null || e.getInstanceLocation().isEmpty()
                        ? "(root)" : e.getInstanceLocation()) + ": " + e.getError())
                .collect(Collectors.joining("; "));
        return Optional.of(detail.isEmpty() ? String.valueOf(result.getError()) : detail);
    }
}
