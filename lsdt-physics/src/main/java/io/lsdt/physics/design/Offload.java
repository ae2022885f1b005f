package io.lsdt.physics.design;

/**
 * What of the training state lives in host memory instead of the accelerator's.
 *
 * <ul>
 *   <li>{@link #NONE}: everything on the device;</li>
 *   <li>{@link #OPTIMIZER}: the optimizer state (fp32 master weights, Adam moments) and its step on the CPUs; each
 *       step the gradient shard goes to the host and the updated 16-bit weights come back (DeepSpeed ZeRO-Offload,
 *       Ren et al. 2021, {@code offload_optimizer}; Megatron-Core {@code --optimizer-cpu-offload});</li>
 *   <li>{@link #PARAMETERS}: parameters, gradients and optimizer state on the host (PyTorch FSDP
 *       {@code CPUOffload(offload_params=True)}, FSDP2 {@code CPUOffloadPolicy}, torchtune
 *       {@code fsdp_cpu_offload}): with ZeRO-3, each unit's parameter shard is copied to the device before its
 *       all-gather, in the forward and again in the backward, its gradient shard copied back after the
 *       reduce-scatter, and the optimizer step runs on the CPUs.</li>
 * </ul>
 */
public enum Offload {
    /** Nothing offloaded. */
    NONE,
    /** Optimizer state and step on the host. */
    OPTIMIZER,
    /** Parameters, gradients and optimizer state on the host (needs ZeRO-3). */
    PARAMETERS;

    /**
     * The offload's key in JSON output.
     *
     * @return the key JSON output uses ({@code none}, {@code optimizer}, {@code parameters})
     */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
