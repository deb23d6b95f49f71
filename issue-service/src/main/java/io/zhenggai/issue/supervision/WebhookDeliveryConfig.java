package io.zhenggai.issue.supervision;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How webhook deliveries are made ({@code zhenggai.webhook-delivery.*}). */
@ConfigMapping(prefix = "zhenggai.webhook-delivery")
public interface WebhookDeliveryConfig {

    /** How often a worker looks for due deliveries (a Quarkus {@code every}; {@code off} disables). */
    @WithDefault("10s")
    String every();

    /** Attempts before a delivery is FAILED. */
    @WithDefault("8")
    int maxAttempts();

    /** The wait after the first failed attempt; doubled after each further one, up to {@link #maxBackoff()}. */
    @WithDefault("PT30S")
    Duration initialBackoff();

    @WithDefault("PT1H")
    Duration maxBackoff();

    /** Connect and answer timeout of one attempt. */
    @WithDefault("PT10S")
    Duration timeout();
}
