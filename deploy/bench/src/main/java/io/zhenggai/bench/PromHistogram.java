package io.zhenggai.bench;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Prometheus histogram read from a {@code /q/metrics} page: its cumulative bucket counts by upper bound
 * ({@code le}, in the metric's unit). Two readings subtract, so a phase's own distribution is the difference between
 * a reading at its end and one at its start; quantiles are interpolated within a bucket as PromQL's
 * {@code histogram_quantile} does, so they are as fine as the buckets (Micrometer's percentile buckets, about 10%
 * apart) and no finer.
 */
record PromHistogram(TreeMap<Double, Long> cumulative) {

    /** The buckets of {@code name} (e.g. {@code zhenggai_relay_publish_latency_seconds}); empty when absent. */
    static PromHistogram read(String metricsPage, String name) {
        Pattern bucket = Pattern.compile("(?m)^" + Pattern.quote(name) + "_bucket\\{(?:[^}]*,)?le=\"([^\"]+)\"[^}]*} (\\S+)$");
        TreeMap<Double, Long> buckets = new TreeMap<>();
        Matcher m = bucket.matcher(metricsPage);
        while (m.find()) {
            double le = m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1));
            buckets.merge(le, new BigDecimal(m.group(2)).longValue(), Long::sum);
        }
        return new PromHistogram(buckets);
    }

    /** What was observed between {@code earlier} and this reading. */
    PromHistogram minus(PromHistogram earlier) {
        TreeMap<Double, Long> diff = new TreeMap<>();
        cumulative.forEach((le, count) -> diff.put(le, count - earlier.cumulative.getOrDefault(le, 0L)));
        return new PromHistogram(diff);
    }

    long count() {
        return cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue();
    }

    /**
     * The q-quantile (0..1), linearly interpolated within its bucket; the largest finite bound when it falls in
     * {@code +Inf}; NaN when nothing was observed.
     */
    double quantile(double q) {
        long total = count();
        if (total == 0) {
            return Double.NaN;
        }
        double rank = q * total;
        double lowerBound = 0;
        long below = 0;
        double lastFinite = 0;
        for (Map.Entry<Double, Long> entry : cumulative.entrySet()) {
            double upper = entry.getKey();
            long upTo = entry.getValue();
            if (upTo >= rank && upTo > below) {
                if (Double.isInfinite(upper)) {
                    return lastFinite;
                }
                return lowerBound + (upper - lowerBound) * (rank - below) / (upTo - below);
            }
            lowerBound = upper;
            below = upTo;
            if (!Double.isInfinite(upper)) {
                lastFinite = upper;
            }
        }
        return lastFinite;
    }
}
