package io.lsdt.physics.validation;

/**
 * The measured quantities a runs CSV can hold, in the order {@link RunMapper} prefers them when a row holds several.
 *
 * <p>The order puts the least convention-laden quantity first. A step time is a wall-clock measurement: no FLOP
 * formula and no peak enter it. TFLOP/s per GPU depends on a FLOP-counting formula (model FLOPs with or without
 * attention, with or without recomputation), but not on a peak. Tokens per second per GPU and per job are as
 * convention-free as a step time, yet they are usually derived by the publisher from the step time and the batch,
 * so they come after the FLOP rate, which sources report directly. MFU and HFU come last: they need both a FLOP formula
 * and a peak, and sources divide by different peaks (A100 FP16 312, H100 BF16 989 or FP8 1979, GB200 2450) — see
 * {@code peak_tflops_basis}.
 *
 * <p>After them come what a source states for a whole job rather than a step, used only when a row has no step
 * metric: samples per second (Optimum Habana's "sentences/sec", read from {@code derived_values}, which needs the
 * row's sequence length to compare), then the wall-clock time and the GPU-hours of a whole run (which need the tokens
 * it trained: steps = tokens / tokens per step, time = steps × step time, GPU-hours = time × devices).
 */
public enum Metric {
    /** Seconds per optimizer step. */
    STEP_TIME_S("step_time_s", "s"),
    /**
     * Seconds per micro-batch iteration: a {@code step_time_s} cell whose row says it times one micro-batch (LitGPT's
     * "time per 1k iterations" with gradient accumulation); compared with the step time / micro-batches per step.
     */
    ITERATION_TIME_S("iteration_time_s", "s"),
    /** Achieved TFLOP/s per GPU (model FLOPs, unless the row's convention says recomputation is counted). */
    TFLOPS_PER_GPU("tflops_per_gpu", "TFLOP/s"),
    /** Tokens per second per GPU. */
    TOKENS_PER_S_PER_GPU("tokens_per_s_per_gpu", "token/s"),
    /** Tokens per second, whole job. */
    TOKENS_PER_S("tokens_per_s", "token/s"),
    /** Model FLOPs utilisation in percent of the row's peak basis. */
    MFU_PCT("mfu_pct", "%"),
    /** Hardware FLOPs utilisation (recomputation counted) in percent of the row's peak basis. */
    HFU_PCT("hfu_pct", "%"),
    /** Samples (sequences) per second, whole job; read from {@code derived_values} ("throughput 1.81 sentences/sec"). */
    SAMPLES_PER_S("samples_per_s", "sample/s"),
    /** Wall-clock time of a whole run of {@code tokens_trained} tokens, in seconds ("94.3 min" → 5658 s). */
    TIME_TO_TRAIN_S("time_to_train", "s"),
    /** GPU-hours of a whole run of {@code tokens_trained} tokens (or of the tokens the cell names: "3456 per 300B"). */
    GPU_HOURS("gpu_hours", "GPU·h");

    private final String column;
    private final String unit;

    Metric(String column, String unit) {
        this.column = column;
        this.unit = unit;
    }

    /**
     * The metric's name in runs CSVs and JSON.
     *
     * @return the CSV column and JSON name, e.g. {@code step_time_s}; {@link #SAMPLES_PER_S} has no column of its own
     *     and is read from {@code derived_values}
     */
    public String column() {
        return column;
    }

    /**
     * The metric's unit.
     *
     * @return the unit of measured and predicted values, e.g. {@code s}, {@code %}
     */
    public String unit() {
        return unit;
    }

    /**
     * Whether the metric is a rate rather than a time.
     *
     * @return true for the rates (TFLOP/s, tokens per second, MFU, HFU), which grow as the step shrinks; false for
     *     the step time
     */
    public boolean isRate() {
        return this != STEP_TIME_S;
    }

    /**
     * Whether the metric is a utilisation.
     *
     * @return true for MFU and HFU, which need a peak to divide by
     */
    public boolean needsPeak() {
        return this == MFU_PCT || this == HFU_PCT;
    }

    /**
     * Whether the metric is of a whole run rather than a step.
     *
     * @return true for the quantities of a whole run, which need the tokens it trained
     */
    public boolean wholeRun() {
        return this == TIME_TO_TRAIN_S || this == GPU_HOURS;
    }
}
