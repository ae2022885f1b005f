package io.lsdt.physics.design;

/**
 * The analytical prediction of one design: step time with its ledger, memory per GPU, and the FLOPs of a step.
 *
 * @param config the design
 * @param devices GPUs used
 * @param ledger where the step time goes (s)
 * @param memory memory per GPU (B)
 * @param memoryCapacity usable memory per GPU (B)
 * @param tokensPerStep tokens per optimizer step
 * @param modelFlopsPerStep model FLOPs of one step: forward + backward, no recomputation (NVIDIA/Megatron formula,
 *     attention included)
 * @param hardwareFlopsPerStep FLOPs executed per step: model FLOPs plus recomputation
 * @param peakFlops the dense peak per GPU the design runs at (FLOP/s)
 * @param hostMemory training state offloaded to host memory, per GPU (B; 0 without offload)
 * @param hostMemoryCapacity the host's memory per GPU (B)
 */
public record Prediction(ParallelConfig config, long devices, StepLedger ledger, MemoryBreakdown memory,
        double memoryCapacity, double tokensPerStep, double modelFlopsPerStep, double hardwareFlopsPerStep,
        double peakFlops, double hostMemory, double hostMemoryCapacity) {

    /**
     * A prediction of a design that offloads nothing.
     *
     * @param config the design
     * @param devices GPUs used
     * @param ledger where the step time goes (s)
     * @param memory memory per GPU (B)
     * @param memoryCapacity usable memory per GPU (B)
     * @param tokensPerStep tokens per optimizer step
     * @param modelFlopsPerStep model FLOPs of one step: forward + backward, no recomputation (NVIDIA/Megatron formula,
     *     attention included)
     * @param hardwareFlopsPerStep FLOPs executed per step: model FLOPs plus recomputation
     * @param peakFlops the dense peak per GPU the design runs at (FLOP/s)
     */
    public Prediction(ParallelConfig config, long devices, StepLedger ledger, MemoryBreakdown memory,
            double memoryCapacity, double tokensPerStep, double modelFlopsPerStep, double hardwareFlopsPerStep,
            double peakFlops) {
        this(config, devices, ledger, memory, memoryCapacity, tokensPerStep, modelFlopsPerStep, hardwareFlopsPerStep,
                peakFlops, 0, Double.POSITIVE_INFINITY);
    }

    /**
     * The predicted step time, the sum of the ledger's entries.
     *
     * @return step time (s)
     */
    public double stepTime() {
        return ledger.total();
    }

    /**
     * Whether the design fits in memory.
     *
     * @return true when the memory per GPU fits the usable capacity, and any offloaded state the host's
     */
    public boolean fits() {
        return memory.total() <= memoryCapacity && hostMemory <= hostMemoryCapacity;
    }

    /**
     * The predicted throughput.
     *
     * @return tokens per second, whole job
     */
    public double tokensPerSecond() {
        return tokensPerStep / stepTime();
    }

    /**
     * The predicted model FLOP/s per device (no recomputation counted).
     *
     * @return model FLOP/s achieved per GPU
     */
    public double modelFlopsPerGpu() {
        return modelFlopsPerStep / stepTime() / devices;
    }

    /**
     * The predicted MFU.
     *
     * @param peak the peak to divide by (FLOP/s), e.g. the source's convention
     * @return model FLOPs utilisation against {@code peak}
     */
    public double mfu(double peak) {
        return modelFlopsPerGpu() / peak;
    }

    /**
     * The predicted HFU.
     *
     * @param peak the peak to divide by (FLOP/s)
     * @return hardware FLOPs utilisation (recomputation counted) against {@code peak}
     */
    public double hfu(double peak) {
        return hardwareFlopsPerStep / stepTime() / devices / peak;
    }
}
