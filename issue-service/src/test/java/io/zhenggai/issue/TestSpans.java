package io.zhenggai.issue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;

/**
 * The spans the service exports, kept in memory for the tests to read. Quarkus exports to every {@code SpanExporter}
 * bean (and then not over OTLP); spans exist only where a test profile turns tracing on
 * ({@code quarkus.otel.sdk.disabled=false}), as {@link io.zhenggai.issue.journal.TracingTest} does.
 */
@ApplicationScoped
public class TestSpans {

    @Produces
    @Singleton
    InMemorySpanExporter spans() {
        return InMemorySpanExporter.create();
    }
}
