package io.zhenggai.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;

/**
 * The spans the service exports, kept in memory for the tests to read. Quarkus exports to every {@code SpanExporter}
 * bean (and then not over OTLP). The tests sample only traces that an event or a request carries as a sampled
 * traceparent ({@code %test.quarkus.otel.traces.sampler=parentbased_always_off}), as
 * {@link io.zhenggai.report.intake.IntakeTracingTest} does, so the spans of the other tests are never kept.
 */
@ApplicationScoped
public class TestSpans {

    @Produces
    @Singleton
    InMemorySpanExporter spans() {
        return InMemorySpanExporter.create();
    }
}
