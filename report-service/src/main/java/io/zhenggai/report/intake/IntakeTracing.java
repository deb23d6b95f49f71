package io.zhenggai.report.intake;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.common.TopicPartition;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * The span of applying one event: a consumer span, <em>child</em> of the trace context the event carries (the
 * CloudEvents distributed-tracing attribute {@code traceparent}: issue-service's request that made the change), so
 * that one trace shows a progress report from the request to its projection. An event without one starts a trace of
 * its own. The span covers applying the event inside its poll batch's transaction, which commits after the batch's
 * last span ends; held events that an event releases are applied in the releasing event's span.
 */
@ApplicationScoped
public class IntakeTracing {

    public static final AttributeKey<String> EVENT_ID = AttributeKey.stringKey("zhenggai.event.id");
    public static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("zhenggai.event.type");
    public static final AttributeKey<Long> POSITION = AttributeKey.longKey("zhenggai.journal.position");
    public static final AttributeKey<String> AGGREGATE_ID = AttributeKey.stringKey("zhenggai.aggregate.id");
    public static final AttributeKey<Long> SEQUENCE = AttributeKey.longKey("zhenggai.aggregate.sequence");
    public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("zhenggai.intake.outcome");

    private static final TextMapGetter<String> FROM_TRACEPARENT = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return java.util.List.of(RectificationEvent.TRACEPARENT);
        }

        @Override
        public String get(String carrier, String key) {
            return RectificationEvent.TRACEPARENT.equals(key) ? carrier : null;
        }
    };

    @Inject
    Tracer tracer;

    /** Starts the apply span of an event read from {@code partition} at {@code offset}. */
    Span startApply(RectificationEvent event, TopicPartition partition, long offset) {
        var builder = tracer.spanBuilder(partition.topic() + " process").setSpanKind(SpanKind.CONSUMER);
        String traceparent = event.traceparent();
        if (traceparent != null) {
            // a malformed value extracts as no context: the span then starts a trace of its own
            builder.setParent(W3CTraceContextPropagator.getInstance()
                    .extract(Context.root(), traceparent, FROM_TRACEPARENT));
        } else {
            builder.setNoParent();
        }
        builder.setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", partition.topic())
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.message.id", event.id().toString())
                .setAttribute("messaging.destination.partition.id", String.valueOf(partition.partition()))
                .setAttribute("messaging.kafka.offset", offset)
                .setAttribute(EVENT_ID, event.id().toString())
                .setAttribute(EVENT_TYPE, event.type())
                .setAttribute(AGGREGATE_ID, event.aggregateId().toString())
                .setAttribute(SEQUENCE, event.sequence());
        if (event.position() != null) {
            builder.setAttribute(POSITION, event.position());
        }
        return builder.startSpan();
    }

    static void applied(Span span, EventApplier.Outcome outcome) {
        span.setAttribute(OUTCOME, outcome.name());
        span.end();
    }

    static void failed(Span span, RuntimeException failure) {
        span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
        span.recordException(failure);
        span.end();
    }
}
