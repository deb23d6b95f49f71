package io.zhenggai.issue.supervision;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Metrics of the webhook deliveries, exported at {@code /q/metrics}: attempts by outcome since start (this instance),
 * and the deliveries waiting for a retry or failed for good, read from the database at each scrape, so every instance
 * reports the same numbers and a restart loses nothing. A failed delivery stays failed until the office looks at it:
 * the alert {@code ZhenggaiWebhookFailing} fires on growth, not on the level.
 */
@ApplicationScoped
public class WebhookMetrics {

    /** What an attempt came to. */
    enum Outcome {
        DELIVERED, RETRY, FAILED
    }

    @Inject
    MeterRegistry registry;

    @Inject
    EntityManager em;

    private final Map<Outcome, Counter> attempts = new EnumMap<>(Outcome.class);

    void onStart(@Observes StartupEvent event) {
        for (Outcome outcome : Outcome.values()) {
            attempts.put(outcome, registry.counter("zhenggai.webhook.attempts", "outcome",
                    outcome.name().toLowerCase(Locale.ROOT)));
        }
        registry.gauge("zhenggai.webhook.deliveries", List.of(Tag.of("state", "retrying")),
                this, m -> m.count("state = 'PENDING' AND attempts > 0"));
        registry.gauge("zhenggai.webhook.deliveries", List.of(Tag.of("state", "failed")),
                this, m -> m.count("state = 'FAILED'"));
    }

    void attempted(Outcome outcome) {
        Counter counter = attempts.get(outcome);
        if (counter != null) {
            counter.increment();
        }
    }

    private double count(String where) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                    "SELECT count(*) FROM webhook_delivery WHERE " + where).getSingleResult()).doubleValue());
        } catch (RuntimeException e) {
            return Double.NaN; // the database is away: no number rather than a wrong one
        }
    }
}
