package io.lsdt.physics.design;

import io.lsdt.physics.catalog.Precision;

/** Training numerics: the precision of matrix multiplications and the bytes of weights and activations. */
public enum Numerics {
    /** BF16 weights, activations and GEMMs. */
    BF16(Precision.BF16),
    /** FP16 mixed precision (as BF16 for cost). */
    FP16(Precision.FP16),
    /** FP8 GEMMs (Transformer Engine) with BF16 master weights and activations. */
    FP8(Precision.FP8);

    private final Precision gemm;

    Numerics(Precision gemm) {
        this.gemm = gemm;
    }

    /**
     * The GEMM precision of these numerics.
     *
     * @return the precision whose dense peak the GEMMs run at
     */
    public Precision gemmPrecision() {
        return gemm;
    }
}
