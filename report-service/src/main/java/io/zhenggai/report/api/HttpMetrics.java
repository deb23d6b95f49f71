package io.zhenggai.report.api;

import java.time.Duration;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Request latencies per endpoint as a Prometheus histogram ({@code http_server_requests_seconds_bucket}), so that the
 * dashboards (deploy/grafana) can show percentiles over all instances. A fixed set of buckets, not Micrometer's
 * seventy, keeps the series per endpoint few.
 */
public class HttpMetrics {

    static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30)};

    @Produces
    @Singleton
    MeterFilter requestLatencyBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals("http.server.requests")) {
                    return config;
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(
                        java.util.Arrays.stream(BUCKETS).mapToDouble(d -> d.toNanos()).toArray())
                        .build().merge(config);
            }
        };
    }
}
