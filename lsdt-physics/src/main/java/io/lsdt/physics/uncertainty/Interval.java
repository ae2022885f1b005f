package io.lsdt.physics.uncertainty;

import java.util.Objects;

/**
 * The P10–P90 interval of a regime's residuals, as {@link Intervals#interval(Regime)} found it: the 10th and 90th
 * percentiles of ln(measured rate / predicted rate) over the development runs of the regime, or of the pool it fell
 * back to when the regime has fewer than {@link Intervals#MIN_ROWS} runs.
 *
 * <p>A predicted rate (throughput, MFU, TFLOP/s) r lies in [r·exp(p10), r·exp(p90)]; a predicted time t (step time,
 * time to train), being the inverse of a rate, in [t·exp(−p90), t·exp(−p10)].
 *
 * @param regime the regime asked for
 * @param used the key of the residuals used: the regime's own, its family's, or {@code all}
 * @param rows development runs behind the quantiles
 * @param p10 10th percentile of the log residual
 * @param p90 90th percentile of the log residual
 */
public record Interval(Regime regime, String used, int rows, double p10, double p90) {
    /** Checks the components. */
    public Interval {
        Objects.requireNonNull(regime, "regime");
        Objects.requireNonNull(used, "used");
        if (!(p10 <= p90) || !Double.isFinite(p10) || !Double.isFinite(p90) || rows < 1) {
            throw new IllegalArgumentException("interval " + used + ": P10 " + p10 + ", P90 " + p90 + ", rows "
                    + rows);
        }
    }

    /**
     * Whether the interval comes from a pool rather than the regime's own runs.
     *
     * @return true when the regime had too few runs and a pool (its family or all runs) was used
     */
    public boolean pooled() {
        return !used.equals(regime.key());
    }

    /**
     * Whether a run's residual is within the interval.
     *
     * @param logResidual ln(measured rate / predicted rate) of a run
     * @return whether the run's measured value lies inside the interval (bounds included)
     */
    public boolean contains(double logResidual) {
        return logResidual >= p10 && logResidual <= p90;
    }

    /**
     * The low bound of a predicted rate: the rate times exp(P10 of the log residuals).
     *
     * @param predicted a predicted rate (any unit)
     * @return its P10 (same unit)
     */
    public double rateLow(double predicted) {
        return predicted * Math.exp(p10);
    }

    /**
     * The high bound of a predicted rate: the rate times exp(P90 of the log residuals).
     *
     * @param predicted a predicted rate (any unit)
     * @return its P90 (same unit)
     */
    public double rateHigh(double predicted) {
        return predicted * Math.exp(p90);
    }
}
