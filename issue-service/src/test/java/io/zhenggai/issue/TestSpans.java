package io.zhenggai.issue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;

/**
 * The spans the service exports, kept in memory for the tests to read. Quarkus exports to every {@code SpanExporter}
 * bean (and then not over OTLP). The tests sample only traces that a caller started with a sampled traceparent
 * ({@code %test.quarkus.otel.traces.sampler=parentbased_always_off}), as {@link io.zhenggai.issue.journal.TracingTest}
 * does, so the spans of the other tests are never kept.
 */
@ApplicationScoped
public class TestSpans {

    @Produces
    @Singleton
    InMemorySpanExporter spans() {
        return InMemorySpanExporter.create();
    }
}
