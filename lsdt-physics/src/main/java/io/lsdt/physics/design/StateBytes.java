package io.lsdt.physics.design;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;

/**
 * Bytes per parameter of the training state one GPU holds and moves: the mixed-precision recipe. A brief's
 * {@code state_bytes} section sets the first three; the DP reduction travels at {@code step.update_bytes_per_param}
 * (default: the gradient bytes).
 *
 * @param weights bytes per weight held for the forward and backward (B/param)
 * @param gradients bytes per gradient held (B/param)
 * @param optimizer optimizer-state bytes per parameter (B/param): fp32 master weights, Adam's m and v
 * @param gradientComm bytes per gradient in the data-parallel reduction (B/param)
 * @param origin where the figures come from, for traces (e.g. "brief state_bytes")
 */
public record StateBytes(double weights, double gradients, double optimizer, double gradientComm, String origin) {
    /**
     * Megatron-LM's mixed-precision Adam: 16-bit weights (2 B), fp32 main gradients (4 B, reduced in fp32 with
     * {@code --accumulate-allreduce-grads-in-fp32}), fp32 master weights + Adam m and v (12 B). Sources: Rajbhandari
     * et al. 2020 (ZeRO) §3.1 (2 + 2 + 12 B per parameter with 16-bit gradients); Megatron-LM
     * {@code megatron/core/distributed/distributed_data_parallel_config.py} ({@code grad_reduce_in_fp32}).
     */
    public static final StateBytes MIXED_PRECISION_ADAM = new StateBytes(2, 4, 12, 4,
            "default: Megatron mixed-precision Adam, 2 B weights, 4 B fp32 main gradients reduced in fp32, 12 B "
                    + "optimizer (ZeRO §3.1)");

    /** Checks the figures. */
    public StateBytes {
        positive("state_bytes.weights", weights);
        positive("state_bytes.gradients", gradients);
        if (!(optimizer >= 0) || Double.isInfinite(optimizer)) {
            throw LsdtException.of(Problem.INVALID_VALUE, "state_bytes.optimizer", optimizer + " B/param",
                    "a finite number ≥ 0 B/param (12 for fp32 master weights + Adam m and v)");
        }
        positive("step.update_bytes_per_param", gradientComm);
        java.util.Objects.requireNonNull(origin, "origin");
    }

    /**
     * These bytes with a framework's gradient reduction.
     *
     * @param f a framework profile
     * @return these bytes with the framework's gradient-reduction bytes ({@code frameworks.yaml}); this when they
     *     already are
     */
    public StateBytes reducedAs(io.lsdt.physics.catalog.FrameworkProfile f) {
        double r = f.reduceBytes().si();
        return r == gradientComm ? this : new StateBytes(weights, gradients, optimizer, r,
                origin + "; gradients reduced as " + f.id() + " does");
    }

    private static void positive(String field, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw LsdtException.of(Problem.INVALID_VALUE, field, v + " B/param", "a finite number > 0 B/param");
        }
    }
}
