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
 * @param runTokens tokens of the whole run for {@link Metric#TIME_TO_TRAIN_S} and {@link Metric#GPU_HOURS}; NaN for
 *     the step metrics
 */
public record Measurement(Metric metric, double value, double peakBasis, boolean countsRecompute, double runTokens) {

    /**
     * A step metric (no whole-run tokens).
     *
     * @param metric what was measured
     * @param value the published value, in {@link Metric#unit()} (s, TFLOP/s, token/s or %)
     * @param peakBasis the peak the source divided by for MFU/HFU (FLOP/s); NaN for the other metrics
     * @param countsRecompute true when a TFLOP/s figure counts recomputation FLOPs (Narayanan et al. 2021), so that it is
     *     compared with the predicted hardware FLOP/s rather than the model FLOP/s
     */
    public Measurement(Metric metric, double value, double peakBasis, boolean countsRecompute) {
        this(metric, value, peakBasis, countsRecompute, Double.NaN);
    }

    /**
     * Computes the measured quantity from a prediction:
     * <ul>
     *   <li>{@code step_time_s} = the ledger's total (s); {@code iteration_time_s} = that / micro-batches per step;</li>
     *   <li>{@code tflops_per_gpu} = model FLOPs per step / step time / devices / 1e12, or hardware FLOPs when
     *       {@link #countsRecompute()};</li>
     *   <li>{@code tokens_per_s_per_gpu} = tokens per second / devices; {@code tokens_per_s} = tokens per second;</li>
     *   <li>{@code mfu_pct} = {@link Prediction#mfu(double) mfu(peakBasis)} × 100; {@code hfu_pct} =
     *       {@link Prediction#hfu(double) hfu(peakBasis)} × 100;</li>
     *   <li>{@code samples_per_s} = global batch (sequences) / step time;</li>
     *   <li>{@code time_to_train} = steps × step time = runTokens / tokens per step × step time (s);</li>
     *   <li>{@code gpu_hours} = that time × devices / 3600.</li>
     * </ul>
     *
     * @param p the prediction
     * @return the predicted value, in {@link Metric#unit()}
     */
    public double predicted(Prediction p) {
        return switch (metric) {
            case STEP_TIME_S -> p.stepTime();
            case ITERATION_TIME_S -> p.stepTime() / p.config().microBatches();
            case TFLOPS_PER_GPU -> (countsRecompute ? p.hardwareFlopsPerStep() / p.stepTime() / p.devices()
                    : p.modelFlopsPerGpu()) / 1e12;
            case TOKENS_PER_S_PER_GPU -> p.tokensPerSecond() / p.devices();
            case TOKENS_PER_S -> p.tokensPerSecond();
            case MFU_PCT -> p.mfu(peakBasis) * 100;
            case HFU_PCT -> p.hfu(peakBasis) * 100;
            case SAMPLES_PER_S -> p.config().globalBatch() / p.stepTime();
            case TIME_TO_TRAIN_S -> runTokens / p.tokensPerSecond();
            case GPU_HOURS -> runTokens / p.tokensPerSecond() * p.devices() / 3600;
        };
    }

    /**
     * The absolute percentage error of a prediction.
     *
     * @param predicted a predicted value
     * @param measured the measured value (&gt; 0)
     * @return |predicted − measured| / measured × 100 (%)
     */
    public static double absPctError(double predicted, double measured) {
        return Math.abs(predicted - measured) / measured * 100;
    }
}
