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
 */
public enum Metric {
    /** Seconds per optimizer step. */
    STEP_TIME_S("step_time_s", "s"),
    /** Achieved TFLOP/s per GPU (model FLOPs, unless the row's convention says recomputation is counted). */
    TFLOPS_PER_GPU("tflops_per_gpu", "TFLOP/s"),
    /** Tokens per second per GPU. */
    TOKENS_PER_S_PER_GPU("tokens_per_s_per_gpu", "token/s"),
    /** Tokens per second, whole job. */
    TOKENS_PER_S("tokens_per_s", "token/s"),
    /** Model FLOPs utilisation in percent of the row's peak basis. */
    MFU_PCT("mfu_pct", "%"),
    /** Hardware FLOPs utilisation (recomputation counted) in percent of the row's peak basis. */
    HFU_PCT("hfu_pct", "%");

    private final String column;
    private final String unit;

    Metric(String column, String unit) {
        this.column = column;
        this.unit = unit;
    }

    /** @return the CSV column and JSON name, e.g. {@code step_time_s} */
    public String column() {
        return column;
    }

    /** @return the unit of measured and predicted values, e.g. {@code s}, {@code %} */
    public String unit() {
        return unit;
    }

    /**
     * @return true for the rates (TFLOP/s, tokens per second, MFU, HFU), which grow as the step shrinks; false for
     *     the step time
     */
    public boolean isRate() {
        return this != STEP_TIME_S;
    }

    /** @return true for MFU and HFU, which need a peak to divide by */
    public boolean needsPeak() {
        return this == MFU_PCT || this == HFU_PCT;
    }
}
