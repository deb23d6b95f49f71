package io.zhenggai.report.intake;

import java.io.IOException;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;


/**
 * Reads an event from the bytes of a record (or of a journal entry), checked in three steps: JSON, the contract, and
 * whether every projection can apply its data. The one place both the intake and a replay decide what an event is;
 * what to do with a rejected one (the intake dead-letters it, a replay only counts it, since the intake already did)
 * is the caller's.
 */
@ApplicationScoped
public class RecordReader {

    @Inject
    ObjectMapper json;

    @Inject
    EventContract contract;

    @Inject
    Instance<Projection> projections;

    /** One JSON value and nothing after it: trailing bytes are not a record's value. */
    private ObjectReader strict;

    @PostConstruct
    void init() {
        strict = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** The event, or why it cannot be one. */
    public record Reading(RectificationEvent event, DeadLetters.Kind rejectedAs, String reason) {

        static Reading rejected(DeadLetters.Kind kind, String reason) {
            return new Reading(null, kind, reason);
        }

        public boolean accepted() {
            return event != null;
        }
    }

    public Reading read(byte[] value) {
        if (value == null) {
            return Reading.rejected(DeadLetters.Kind.UNREADABLE, "not JSON: the record has no value");
        }
        JsonNode tree;
        try {
            tree = strict.readTree(value);
            if (tree == null || !tree.isObject()) {
                return Reading.rejected(DeadLetters.Kind.UNREADABLE, "not JSON: the value is not a JSON object");
            }
        } catch (IOException e) {
            return Reading.rejected(DeadLetters.Kind.UNREADABLE, "not JSON: " + e.getMessage());
        }
        var violations = contract.violations(tree);
        if (violations.isPresent()) {
            return Reading.rejected(DeadLetters.Kind.CONTRACT, "breaks the contract: " + violations.get());
        }
        try {
            RectificationEvent event = RectificationEvent.from(tree, value, strict);
            for (Projection projection : projections) {
                projection.verify(event);
            }
            // what the projections apply is decoded now: the batch holds the event without its tree
            return new Reading(event.lean(), null, null);
        } catch (RectificationEvent.ContractViolation e) {
            return Reading.rejected(DeadLetters.Kind.UNAPPLICABLE, "cannot be applied: " + e.getMessage());
        } catch (RuntimeException e) {
            // a projection's check threw on data it did not expect: the record is at fault, never the batch
            return Reading.rejected(DeadLetters.Kind.UNAPPLICABLE, "cannot be applied: " + EventFailed.describe(e));
        }
    }
}
