package io.zhenggai.issue.journal;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * The trace an event belongs to, in one place: the W3C {@code traceparent} of the span that journals it (the HTTP
 * request's, when tracing is on), kept with the journal row and sent as the CloudEvents distributed-tracing attribute
 * {@code traceparent}; and the relay's publish span, a child of that context, so that one trace shows the request,
 * its publication and report-service's apply. With tracing off ({@code quarkus.otel.sdk.disabled=true}, the default)
 * there is no current span: the journal keeps no traceparent and the spans cost nothing.
 */
@ApplicationScoped
public class EventTracing {

    public static final AttributeKey<String> EVENT_ID = AttributeKey.stringKey("zhenggai.event.id");
    public static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("zhenggai.event.type");
    public static final AttributeKey<Long> POSITION = AttributeKey.longKey("zhenggai.journal.position");
    public static final AttributeKey<String> AGGREGATE_ID = AttributeKey.stringKey("zhenggai.aggregate.id");
    public static final AttributeKey<Long> SEQUENCE = AttributeKey.longKey("zhenggai.aggregate.sequence");

    private static final String TRACEPARENT = "traceparent";
    private static final TextMapGetter<String> FROM_TRACEPARENT = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return java.util.List.of(TRACEPARENT);
        }

        @Override
        public String get(String carrier, String key) {
            return TRACEPARENT.equals(key) ? carrier : null;
        }
    };

    @Inject
    Tracer tracer;

    /** The W3C traceparent of the current span, or null when there is none (tracing off, no request). */
    public static String currentTraceparent() {
        Map<String, String> carrier = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /**
     * Starts the span of publishing one journal row: a producer span, child of the context the row was journaled in
     * (a root span when it has none), carrying the event's id and journal position.
     */
    Span startPublish(JournalEntry entry, String topic) {
        var builder = tracer.spanBuilder(topic + " publish").setSpanKind(SpanKind.PRODUCER);
        if (entry.traceparent() != null) {
            builder.setParent(W3CTraceContextPropagator.getInstance()
                    .extract(Context.root(), entry.traceparent(), FROM_TRACEPARENT));
        } else {
            builder.setNoParent();
        }
        return builder
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.operation.type", "send")
                .setAttribute("messaging.message.id", entry.eventId().toString())
                .setAttribute("messaging.kafka.message.key", entry.aggregateId().toString())
                .setAttribute(EVENT_ID, entry.eventId().toString())
                .setAttribute(EVENT_TYPE, entry.type())
                .setAttribute(POSITION, entry.position())
                .setAttribute(AGGREGATE_ID, entry.aggregateId().toString())
                .setAttribute(SEQUENCE, entry.sequence())
                .startSpan();
    }

    /** Ends a publish span that did not reach the broker. */
    static void failed(Span span, Throwable cause) {
        span.setStatus(StatusCode.ERROR, String.valueOf(cause.getMessage()));
        span.recordException(cause);
        span.end();
    }
}
