package io.zhenggai.issue.journal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The event envelope, in one place: CloudEvents 1.0 in <em>structured</em> mode, JSON. The whole event (attributes
 * and data) is the Kafka record value, with {@code content-type: application/cloudevents+json}; the record key is
 * the aggregate id. Structured mode keeps the event whole when it is copied, logged, replayed from
 * {@code GET /api/journal} or written to a DLQ: nothing lives only in headers.
 * <p>
 * Extension attributes: {@code aggregatetype}, {@code aggregateid}, {@code sequence} (per aggregate, from 1, no
 * gaps), {@code position} (journal order), {@code actor}, {@code effectivedate} (ISO date, absent unless given),
 * {@code traceparent} (the CloudEvents distributed-tracing extension: the W3C trace context of the request that made
 * the change, absent without tracing).
 * The contract is {@code src/main/resources/contract/rectification-events.schema.json}.
 */
@ApplicationScoped
public class CloudEvents {

    public static final String SPEC_VERSION = "1.0";
    public static final String SOURCE = "/zhenggai/issue-service";
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    @Inject
    ObjectMapper json;

    public ObjectNode toCloudEvent(JournalEntry entry) {
        ObjectNode event = attributes(entry);
        event.set("data", entry.payload());
        return event;
    }

    /**
     * The event as the Kafka record's value, its data the journal's payload as stored ({@code payload}, JSON text):
     * written as it is, neither parsed nor printed again.
     */
    public byte[] serialize(JournalEntry entry, String payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(payload.length(), 1 << 20) * 3 + 512);
        try (JsonGenerator generator = json.getFactory().createGenerator(out)) {
            generator.writeStartObject();
            for (Map.Entry<String, JsonNode> attribute : attributes(entry).properties()) {
                generator.writeFieldName(attribute.getKey());
                generator.writeTree(attribute.getValue());
            }
            generator.writeFieldName("data");
            generator.writeRawValue(payload);
            generator.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot serialise event " + entry.eventId(), e);
        }
        return out.toByteArray();
    }

    /** Every attribute of the event but its data. */
    private ObjectNode attributes(JournalEntry entry) {
        ObjectNode event = json.createObjectNode();
        event.put("specversion", SPEC_VERSION);
        event.put("id", entry.eventId().toString());
        event.put("source", SOURCE);
        event.put("type", entry.type());
        event.put("subject", entry.aggregateId().toString());
        event.put("time", DateTimeFormatter.ISO_INSTANT.format(entry.recordedAt().atOffset(ZoneOffset.UTC)));
        event.put("datacontenttype", "application/json");
        event.put("aggregatetype", entry.aggregateType().code());
        event.put("aggregateid", entry.aggregateId().toString());
        event.put("sequence", entry.sequence());
        event.put("position", entry.position());
        event.put("actor", entry.actor());
        if (entry.effectiveDate() != null) {
            event.put("effectivedate", entry.effectiveDate().toString());
        }
        if (entry.traceparent() != null) {
            event.put("traceparent", entry.traceparent());
        }
        return event;
    }
}
