package io.lsdt.physics.validation;

import java.util.Arrays;
import java.util.Collection;

/**
 * Absolute percentage errors of a set of runs: how many there were, how many were predicted, and the median, mean,
 * 90th percentile and maximum of |predicted − measured| / measured × 100 over the predicted ones. The statistics are
 * NaN when nothing was predicted.
 *
 * <p>Definitions: the <b>median</b> is the middle value of the sorted errors, or the mean of the two middle values
 * when their number is even. The <b>90th percentile</b> is the nearest-rank percentile: the ⌈0.9·n⌉-th smallest
 * error (1-based), always one of the observed errors — for 10 errors the 9th smallest, for 5 errors the largest.
 *
 * @param rows runs considered
 * @param predicted runs predicted
 * @param skipped runs skipped (rows − predicted)
 * @param median median absolute error (%)
 * @param mean mean absolute error (%)
 * @param p90 nearest-rank 90th percentile of the absolute errors (%)
 * @param max largest absolute error (%)
 */
public record ErrorStats(int rows, int predicted, int skipped, double median, double mean, double p90, double max) {

    /**
     * The error statistics of predicted runs: mean, median and P90 of the absolute percentage errors.
     *
     * @param rows runs considered
     * @param errors the absolute percentage errors of the predicted runs (%)
     * @return the statistics
     */
    public static ErrorStats of(int rows, Collection<Double> errors) {
        double[] e = errors.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (e.length > rows) {
            throw new IllegalArgumentException(e.length + " errors for " + rows + " rows");
        }
        if (e.length == 0) {
            return new ErrorStats(rows, 0, rows, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new ErrorStats(rows, e.length, rows - e.length, median(e), Arrays.stream(e).sum() / e.length,
                nearestRank(e, 0.9), e[e.length - 1]);
    }

    /**
     * The median of sorted values.
     *
     * @param sorted values in ascending order, at least one
     * @return the middle value, or the mean of the two middle values for an even count
     */
    public static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * A percentile of sorted values by the nearest-rank method.
     *
     * @param sorted values in ascending order, at least one
     * @param q the quantile, 0 &lt; q ≤ 1
     * @return the nearest-rank percentile: the ⌈q·n⌉-th smallest value (1-based)
     */
    public static double nearestRank(double[] sorted, double q) {
        if (!(q > 0 && q <= 1)) {
            throw new IllegalArgumentException("quantile " + q + " outside (0, 1]");
        }
        // 1e-9 keeps q·n = 9.000000000000002 for n = 10 from rounding up to rank 10
        int rank = (int) Math.ceil(q * sorted.length - 1e-9);
        return sorted[Math.max(rank, 1) - 1];
    }
}
