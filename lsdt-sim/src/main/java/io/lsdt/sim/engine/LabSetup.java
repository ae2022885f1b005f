package io.lsdt.sim.engine;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;

/**
 * The size of a lab training step: ranks, layers, global batch and micro-batch (samples).
 *
 * @param ranks world size
 * @param layers model layers (each one h × h matmul in the lab)
 * @param globalBatch samples per step
 * @param microBatch samples per micro-batch
 */
public record LabSetup(int ranks, int layers, int globalBatch, int microBatch) {
    /** The most layers a step may have: event logs keep layer numbers in 20 bits. */
    public static final int MAX_LAYERS = 1_000_000;
    /** The most ranks a step may have: event logs keep stream numbers per rank in 8 bits, ranks in 31. */
    public static final int MAX_RANKS = 1 << 24;

    /** Checks the sizes. */
    public LabSetup {
        if (ranks < 1 || ranks > MAX_RANKS) {
            throw LsdtException.of(Problem.INVALID_VALUE, "--ranks", ranks, "a whole number from 1 to "
                    + String.format(java.util.Locale.ROOT, "%,d", MAX_RANKS));
        }
        if (layers < 1 || layers > MAX_LAYERS) {
            throw LsdtException.of(Problem.INVALID_VALUE, "--layers", layers, "a whole number from 1 to "
                    + String.format(java.util.Locale.ROOT, "%,d", MAX_LAYERS));
        }
        if (microBatch < 1 || globalBatch < 1 || globalBatch % microBatch != 0) {
            throw LsdtException.of(Problem.INVALID_VALUE, "--global-batch / --micro-batch",
                    globalBatch + " / " + microBatch, "a global batch divisible by the micro-batch")
                    .withHint("choose a micro-batch that divides " + globalBatch);
        }
    }

    /** @return micro-batches per step */
    public int microBatches() {
        return globalBatch / microBatch;
    }
}
