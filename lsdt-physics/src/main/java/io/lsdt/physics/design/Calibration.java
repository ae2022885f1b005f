package io.lsdt.physics.design;

/**
 * The constants of the design model that no datasheet gives. Each is either fitted on the development set
 * ({@code shared/data/validation/dev_runs.csv}, reported by {@code lsdt validate}) or an assumption; none is tuned on
 * the held-out measurements.
 *
 * @param effGemmMax GEMM efficiency of large matrix multiplications, share of dense peak (fitted)
 * @param gemmHalf GEMM size at which efficiency is half of {@code effGemmMax} (FLOP, fitted)
 * @param kMem memory traffic of memory-bound kernels per stored activation byte (fitted)
 * @param tpHidden share of TP communication hidden when TP overlap is on (fitted)
 * @param reserve framework, allocator and communication buffers per GPU (B, assumption)
 * @param gradCommBytes bytes per gradient in the DP reduction (B/param; Megatron reduces fp32 main gradients)
 * @param effAttn efficiency of the attention core (scores and values) relative to {@code effGemmMax} (fitted)
 * @param effLinkUp achieved share of the scale-up link rate in collectives (assumption: typical NCCL bus bandwidth)
 * @param effLinkOut achieved share of the scale-out link rate in collectives (assumption)
 */
public record Calibration(double effGemmMax, double gemmHalf, double kMem, double tpHidden, double reserve,
        double gradCommBytes, double effAttn, double effLinkUp, double effLinkOut) {
    /** The calibration LSDT ships. */
    public static final Calibration DEFAULT = new Calibration(0.75, 3e9, 1.0, 0.6, 3.0 * (1L << 30), 4.0, 0.7, 0.75,
            0.85);
}
