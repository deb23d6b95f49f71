package io.zhenggai.report.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The intake's lag per partition: what the dashboard's panel and the alert ZhenggaiIntakeLag read. */
class IntakeMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private IntakeMetrics metrics() {
        IntakeMetrics metrics = new IntakeMetrics();
        metrics.registry = registry;
        metrics.register();
        return metrics;
    }

    private double partitionLag(int partition) {
        return registry.get("zhenggai.intake.partition.lag").tag("partition", String.valueOf(partition)).gauge()
                .value();
    }

    @Test
    void shouldReportTheLagOfEachPartitionHeldAndTheirSum() {
        IntakeMetrics metrics = metrics();
        metrics.lag(Map.of(0, 5L, 3, 7L));

        assertThat(partitionLag(0)).isEqualTo(5);
        assertThat(partitionLag(3)).isEqualTo(7);
        assertThat(metrics.lag()).isEqualTo(12);
        assertThat(registry.get("zhenggai.intake.lag").gauge().value()).isEqualTo(12);
    }

    @Test
    void shouldReadZeroForAPartitionHandedToAnotherInstance() {
        IntakeMetrics metrics = metrics();
        metrics.lag(Map.of(0, 5L, 3, 7L));
        metrics.lag(Map.of(3, 2L)); // a rebalance gave partition 0 away: its new owner reports it

        assertThat(partitionLag(0)).isZero();
        assertThat(partitionLag(3)).isEqualTo(2);
        assertThat(metrics.lag()).isEqualTo(2);
    }
}
