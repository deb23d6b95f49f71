package io.zhenggai.report.intake;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;

import io.zhenggai.report.store.InstantText;

/**
 * A CloudEvents 1.0 event of the rectification log as the report-service reads it (structured mode JSON; the
 * contract is issue-service's {@code contract/rectification-events.schema.json}).
 *
 * @param traceparent the W3C trace context the event carries (its {@code traceparent} extension), or null
 * @param body        the event's JSON ({@link #raw()}, {@link #data()})
 */
public record RectificationEvent(UUID id, String type, String aggregateType, UUID aggregateId, long sequence,
                                 Long position, Instant time, LocalDate effectiveDate, String actor,
                                 String traceparent, Body body, Decoded decoded) {

    /** The CloudEvents extension that carries the W3C trace context (and the W3C propagator's key for it). */
    static final String TRACEPARENT = "traceparent";

    /** The whole event as JSON. */
    public JsonNode raw() {
        return body.tree();
    }

    /** The event's {@code data} (an object: {@link #from} checked). */
    public JsonNode data() {
        return body.tree().get("data");
    }

    /**
     * Lets go of the event's JSON tree, which is several times the size of its bytes (6.6 kB against 1.6 kB for an
     * event of the benchmark's): a batch's events live as long as the batch, long enough for the collector to copy
     * their trees to the old generation. The reader calls this once the projections decoded what they apply
     * ({@link Projection#verify}); {@link #raw()} and {@link #data()} still answer, by reading the bytes again
     * (an inspection's event, a held one, a conflict: a few in a million). An event not read from bytes keeps its tree.
     */
    public RectificationEvent lean() {
        body.release();
        return this;
    }

    /**
     * The event's JSON: its tree, or (once let go of) the bytes it was read from and the reader that read them, to
     * read it again when asked. Equal when the trees are.
     */
    public static final class Body {
        private final byte[] value;
        private final ObjectReader reader;
        private volatile JsonNode tree;

        Body(JsonNode tree, byte[] value, ObjectReader reader) {
            this.tree = tree;
            this.value = value;
            this.reader = reader;
        }

        JsonNode tree() {
            JsonNode known = tree;
            if (known != null) {
                return known;
            }
            try {
                return reader.readTree(value); // not kept: whoever asks again after a release is rare
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("the bytes of an event read before no longer read", e);
            }
        }

        void release() {
            if (value != null && reader != null) {
                tree = null;
            }
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Body body && tree().equals(body.tree());
        }

        @Override
        public int hashCode() {
            return tree().hashCode();
        }

        @Override
        public String toString() {
            return tree().toString();
        }
    }

    /**
     * What a projection decoded from the event's data, kept with the event: checking an event when it is read and
     * applying it later (in two projections) decode it once instead of three times. Not part of the event's value:
     * any two are equal, so two events read from the same bytes are still equal.
     */
    public static final class Decoded {
        private volatile Object value;

        /** The decoded form of this kind, made by {@code decode} the first time (a failure is not kept). */
        public <T> T get(Class<T> kind, java.util.function.Supplier<T> decode) {
            Object known = value;
            if (kind.isInstance(known)) {
                return kind.cast(known);
            }
            T made = decode.get();
            value = made;
            return made;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Decoded;
        }

        @Override
        public int hashCode() {
            return 0;
        }

        @Override
        public String toString() {
            return "Decoded";
        }
    }

    /**
     * The day the change took effect: the effective date the user gave (补录 may put it long before the event was
     * recorded), else the day it was recorded, in the business time zone.
     */
    public LocalDate effectiveDay(ZoneId zone) {
        return effectiveDate != null ? effectiveDate : time.atZone(zone).toLocalDate();
    }

    /** Reads and checks the envelope; anything missing or malformed is a {@link ContractViolation}. */
    public static RectificationEvent from(JsonNode event) {
        return from(event, null, null);
    }

    /**
     * The same, for an event read from {@code value} by {@code reader}: its tree can be let go of ({@link #lean}) and
     * read again from the bytes.
     */
    public static RectificationEvent from(JsonNode event, byte[] value, ObjectReader reader) {
        if (event == null || !event.isObject()) {
            throw new ContractViolation("the record value is not a JSON object");
        }
        if (!"1.0".equals(text(event, "specversion"))) {
            throw new ContractViolation("specversion must be 1.0");
        }
        String type = text(event, "type");
        if (!type.startsWith("zhenggai.")) {
            throw new ContractViolation("unknown event type " + type);
        }
        JsonNode sequence = event.get("sequence");
        if (sequence == null || !sequence.canConvertToLong() || sequence.asLong() < 1) {
            throw new ContractViolation("sequence must be a positive integer");
        }
        JsonNode data = event.get("data");
        if (data == null || !data.isObject()) {
            throw new ContractViolation("data must be an object");
        }
        try {
            return new RectificationEvent(
                    UUID.fromString(text(event, "id")),
                    type,
                    text(event, "aggregatetype"),
                    UUID.fromString(text(event, "aggregateid")),
                    sequence.asLong(),
                    event.path("position").canConvertToLong() ? event.get("position").asLong() : null,
                    InstantText.parse(text(event, "time")),
                    event.hasNonNull("effectivedate") ? LocalDate.parse(event.get("effectivedate").asText()) : null,
                    text(event, "actor"),
                    event.path(TRACEPARENT).isTextual() ? event.get(TRACEPARENT).asText() : null,
                    new Body(event, value, reader),
                    new Decoded());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new ContractViolation("malformed attribute: " + e.getMessage());
        }
    }

    private static String text(JsonNode event, String field) {
        JsonNode value = event.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new ContractViolation(field + " is missing");
        }
        return value.asText();
    }

    /** The record cannot be applied as it is: it goes to the DLQ with this reason. */
    public static class ContractViolation extends RuntimeException {
        public ContractViolation(String reason) {
            super(reason);
        }
    }
}
