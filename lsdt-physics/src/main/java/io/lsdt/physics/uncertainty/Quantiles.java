package io.lsdt.physics.uncertainty;

import java.util.Arrays;

/**
 * Sample quantiles for prediction intervals: Hyndman and Fan's definition 6 (Weibull plotting positions, also
 * Minitab's and SPSS's default). For {@code n} sorted values {@code x(1) ≤ … ≤ x(n)} and a probability {@code q},
 * the position is {@code h = (n + 1)·q}; the quantile is {@code x(1)} when {@code h ≤ 1}, {@code x(n)} when
 * {@code h ≥ n}, and otherwise {@code x(⌊h⌋) + (h − ⌊h⌋)·(x(⌊h⌋+1) − x(⌊h⌋))}.
 *
 * <p>Why definition 6: a new value from the same distribution falls below the k-th of n values with probability
 * k / (n + 1), so the positions (n + 1)·0.1 and (n + 1)·0.9 bound a new value with probability 0.8 — the P10–P90
 * interval is an 80 % prediction interval, not just a description of the sample. With n ≤ 9 the positions fall
 * outside [1, n] and the interval is the sample's range, whose coverage is (n − 1)/(n + 1): 80 % for n = 9, less
 * below — hence at least 9 rows per regime ({@link Intervals#MIN_ROWS}).
 *
 * <p>Reference: R. J. Hyndman, Y. Fan, "Sample Quantiles in Statistical Packages", The American Statistician 50(4),
 * 361–365 (1996), doi:10.2307/2684934.
 */
public final class Quantiles {
    private Quantiles() {}

    /**
     * The sample quantile of definition 6 of Hyndman and Fan 1996 (doi:10.2307/2684934), as the residuals table uses.
     *
     * @param values values in any order, at least one, all finite
     * @param q the probability, 0 &lt; q &lt; 1
     * @return the definition-6 quantile
     * @throws IllegalArgumentException for no values, a non-finite value or q outside (0, 1)
     */
    public static double of(double[] values, double q) {
        if (!(q > 0 && q < 1)) {
            throw new IllegalArgumentException("probability " + q + " outside (0, 1)");
        }
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] x = values.clone();
        for (double v : x) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("value " + v + " is not finite");
            }
        }
        Arrays.sort(x);
        int n = x.length;
        double h = (n + 1) * q;
        if (h <= 1) {
            return x[0];
        }
        if (h >= n) {
            return x[n - 1];
        }
        int lo = (int) Math.floor(h);
        return x[lo - 1] + (h - lo) * (x[lo] - x[lo - 1]);
    }
}
