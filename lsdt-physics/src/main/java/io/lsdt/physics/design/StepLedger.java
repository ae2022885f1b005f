package io.lsdt.physics.design;

/**
 * Where the time of one training step goes, per GPU (s). Communication entries are the exposed parts.
 *
 * @param compute forward and backward GEMMs and attention
 * @param recompute extra forward work of activation recomputation
 * @param memoryBound element-wise, normalisation and other memory-bound kernels
 * @param tpComm exposed tensor-parallel (and sequence-parallel) collectives
 * @param cpComm exposed context-parallel (ring attention) exchange
 * @param epComm exposed expert-parallel all-to-all
 * @param ppComm exposed pipeline point-to-point transfers
 * @param dpComm exposed data-parallel gradient reduction and parameter gathers
 * @param bubble pipeline bubble
 * @param optimizer optimizer step
 */
public record StepLedger(double compute, double recompute, double memoryBound, double tpComm, double cpComm,
        double epComm, double ppComm, double dpComm, double bubble, double optimizer) {
    /**
     * The step time.
     *
     * @return the step time: the sum of the entries (s)
     */
    public double total() {
        return compute + recompute + memoryBound + tpComm + cpComm + epComm + ppComm + dpComm + bubble + optimizer;
    }
}
