package io.lsdt.physics.design;

/**
 * The constants of the design model that no datasheet gives. Each is either fitted on the development set
 * ({@code data/validation/dev_runs.csv}, reported by {@code lsdt validate}) or an assumption; none is tuned on
 * the held-out measurements.
 *
 * @param effGemmMax GEMM efficiency of large matrix multiplications, share of dense peak (fitted)
 * @param gemmHalf per-GPU GEMM width (hidden / TP) at which efficiency is half of {@code effGemmMax} (fitted)
 * @param kMem memory traffic of memory-bound kernels per stored activation byte (fitted)
 * @param tpHidden share of TP communication hidden when TP overlap is on (fitted)
 * @param reserve framework, allocator and communication buffers per GPU (B, assumption)
 * @param effAttn efficiency of the attention core (scores and values) relative to {@code effGemmMax} (fitted)
 * @param effLinkUp achieved share of the scale-up link rate in collectives (assumption: typical NCCL bus bandwidth)
 * @param effLinkOut achieved share of the scale-out link rate in collectives (assumption)
 * @param effGemmMaxFp8 GEMM efficiency of large FP8 matrix multiplications, share of the FP8 dense peak (fitted)
 */
public record Calibration(double effGemmMax, double gemmHalf, double kMem, double tpHidden, double reserve,
        double effAttn, double effLinkUp, double effLinkOut, double effGemmMaxFp8) {
    /**
     * First-principles starting values, before any fit: 80 % of peak for large 16-bit GEMMs and 55 % for FP8,
     * half efficiency at a per-GPU width of 200, memory-bound traffic equal to the stored activations, 60 % of TP
     * communication hidden by overlap, attention at 70 % of GEMM efficiency. The fit starts here.
     */
    public static final Calibration FIRST_PRINCIPLES = new Calibration(0.80, 200, 1.0, 0.6, 3.0 * (1L << 30), 0.7,
            linkEfficiencyUp(), linkEfficiencyOut(), 0.55);

    /**
     * The calibration LSDT ships: {@link #FIRST_PRINCIPLES} with six constants fitted on the development set
     * ({@code data/validation/dev_runs.csv}, 100 predictable rows, robust objective; {@code lsdt validate
     * --runs … --fit} reproduces it) and rounded to four significant digits. See docs/calibration.md. Fitted:
     * effGemmMax 0.7692, effGemmMaxFp8 0.6757, gemmHalf 1.686 (near the fit's lower bound: the data show almost no
     * width effect), kMem 4.084, tpHidden 0.2134, effAttn 0.4052. Assumed (not fitted): link efficiencies
     * (catalog {@code collectives.yaml}, 0.75 / 0.85), reserve 3 GiB. Bytes per parameter are the brief's ({@link StateBytes}).
     */
    public static final Calibration DEFAULT = new Calibration(0.7692, 1.686, 4.084, 0.2134, 3.0 * (1L << 30),
            0.4052, linkEfficiencyUp(), linkEfficiencyOut(), 0.6757);

    private static double linkEfficiencyUp() {
        return io.lsdt.physics.catalog.Catalog.builtIn().collectives().scaleUpEfficiency().si();
    }

    private static double linkEfficiencyOut() {
        return io.lsdt.physics.catalog.Catalog.builtIn().collectives().scaleOutEfficiency().si();
    }

    /**
     * The large-GEMM efficiency of the numerics: the FP8 one for FP8 training, else the 16-bit one.
     *
     * @param numerics the training numerics
     * @return the large-GEMM efficiency for it
     */
    public double effGemmMax(Numerics numerics) {
        return numerics == Numerics.FP8 ? effGemmMaxFp8 : effGemmMax;
    }
}
