package io.zhenggai.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PromHistogramTest {

    private static final String NAME = "zhenggai_relay_publish_latency_seconds";

    private static String page(long atMilli, long atTen, long atHundred, long total) {
        return """
                # TYPE zhenggai_relay_publish_latency_seconds histogram
                zhenggai_relay_publish_latency_seconds_bucket{le="0.001"} %d
                zhenggai_relay_publish_latency_seconds_bucket{le="0.01"} %d
                zhenggai_relay_publish_latency_seconds_bucket{le="0.1"} %d
                zhenggai_relay_publish_latency_seconds_bucket{le="+Inf"} %d
                zhenggai_relay_publish_latency_seconds_count %d
                zhenggai_relay_unpublished 0.0
                """.formatted(atMilli, atTen, atHundred, total, total);
    }

    @Test
    void shouldInterpolateWithinTheBucketAsHistogramQuantileDoes() {
        PromHistogram h = PromHistogram.read(page(0, 100, 100, 100), NAME);
        assertEquals(100, h.count());
        // all 100 in (0.001, 0.01]: the median is half-way through that bucket
        assertEquals(0.0055, h.quantile(0.5), 1e-12);
        assertEquals(0.00991, h.quantile(0.99), 1e-12);
    }

    @Test
    void shouldMeasureOnlyWhatWasObservedBetweenTwoReadings() {
        PromHistogram before = PromHistogram.read(page(50, 50, 50, 50), NAME);
        PromHistogram after = PromHistogram.read(page(50, 50, 150, 150), NAME);
        PromHistogram phase = after.minus(before);
        assertEquals(100, phase.count());
        // the 50 observations under 1 ms came before the phase and do not pull its median down
        assertEquals(0.055, phase.quantile(0.5), 1e-12);
    }

    @Test
    void shouldAnswerTheLargestFiniteBoundWhenTheQuantileIsBeyondIt() {
        PromHistogram h = PromHistogram.read(page(0, 0, 1, 10), NAME);
        assertEquals(0.1, h.quantile(0.99), 1e-12);
    }

    @Test
    void shouldBeEmptyWhenTheServiceExportsNoSuchHistogram() {
        PromHistogram h = PromHistogram.read("zhenggai_relay_unpublished 0.0\n", NAME);
        assertEquals(0, h.count());
        assertTrue(Double.isNaN(h.quantile(0.5)));
    }
}
