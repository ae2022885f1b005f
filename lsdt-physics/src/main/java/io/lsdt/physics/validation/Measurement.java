package io.lsdt.physics.validation;

import io.lsdt.physics.design.Prediction;

/**
 * The measured value of one run that LSDT is scored against, with the convention needed to compute the same
 * quantity from a {@link Prediction}.
 *
 * @param metric what was measured
 * @param value the published value, in {@link Metric#unit()} (s, TFLOP/s, token/s or %)
 * @param peakBasis the peak the source divided by for MFU/HFU (FLOP/s); NaN for the other metrics
 * @param countsRecompute true when a TFLOP/s figure counts recomputation FLOPs (Narayanan et al. 2021), so that it is
 *     compared with the predicted hardware FLOP/s rather than the model FLOP/s
 */
public record Measurement(Metric metric, double value, double peakBasis, boolean countsRecompute) {

    /**
     * Computes the measured quantity from a prediction:
     * <ul>
     *   <li>{@code step_time_s} = the ledger's total (s);</li>
     *   <li>{@code tflops_per_gpu} = model FLOPs per step / step time / devices / 1e12, or hardware FLOPs when
     *       {@link #countsRecompute()};</li>
     *   <li>{@code tokens_per_s_per_gpu} = tokens per second / devices; {@code tokens_per_s} = tokens per second;</li>
     *   <li>{@code mfu_pct} = {@link Prediction#mfu(double) mfu(peakBasis)} × 100; {@code hfu_pct} =
     *       {@link Prediction#hfu(double) hfu(peakBasis)} × 100.</li>
     * </ul>
     *
     * @param p the prediction
     * @return the predicted value, in {@link Metric#unit()}
     */
    public double predicted(Prediction p) {
        return switch (metric) {
            case STEP_TIME_S -> p.stepTime();
            case TFLOPS_PER_GPU -> (countsRecompute ? p.hardwareFlopsPerStep() / p.stepTime() / p.devices()
                    : p.modelFlopsPerGpu()) / 1e12;
            case TOKENS_PER_S_PER_GPU -> p.tokensPerSecond() / p.devices();
            case TOKENS_PER_S -> p.tokensPerSecond();
            case MFU_PCT -> p.mfu(peakBasis) * 100;
            case HFU_PCT -> p.hfu(peakBasis) * 100;
        };
    }

    /**
     * @param predicted a predicted value
     * @param measured the measured value (&gt; 0)
     * @return |predicted − measured| / measured × 100 (%)
     */
    public static double absPctError(double predicted, double measured) {
        return Math.abs(predicted - measured) / measured * 100;
    }
}
