package io.lsdt.physics.design;

/**
 * Memory per GPU (B).
 *
 * @param weights parameters held
 * @param gradients gradients held
 * @param optimizer optimizer state held (master weights, moments)
 * @param activations activations stored for the backward pass, for the micro-batches in flight
 * @param reserve framework and allocator reserve (an assumption)
 */
public record MemoryBreakdown(double weights, double gradients, double optimizer, double activations,
        double reserve) {
    /**
     * The training state's memory per device.
     *
     * @return parameters, gradients and optimizer state (B) — Korthikanti's "par_opt"
     */
    public double parametersAndOptimizer() {
        return weights + gradients + optimizer;
    }

    /**
     * The memory per device in all.
     *
     * @return everything (B)
     */
    public double total() {
        return weights + gradients + optimizer + activations + reserve;
    }
}
