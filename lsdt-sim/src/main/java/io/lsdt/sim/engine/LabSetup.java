package io.lsdt.sim.engine;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.physics.limits.SizeLimits;

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
    /**
     * The most ranks a step may have: the most devices LSDT plans ({@link SizeLimits#MAX_DEVICES}, 2^24); event logs
     * keep stream numbers per rank in 8 bits, ranks in 31.
     */
    public static final int MAX_RANKS = (int) SizeLimits.MAX_DEVICES;
    /** The most samples in one step: the largest global batch LSDT plans ({@link SizeLimits#MAX_GLOBAL_BATCH}). */
    public static final int MAX_GLOBAL_BATCH = (int) SizeLimits.MAX_GLOBAL_BATCH;
    /**
     * A large step: 20 million operations, tens of seconds at the engine's 1-3 million events per second. Above it
     * {@code lsdt simulate --plan} folds data-parallel replicas by default, and Megatron's estimate stops building
     * programs to count them. The most a simulation may build is the heap's ({@link SimulationBudget}).
     */
    public static final long LARGE_OPERATIONS = 20_000_000L;

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
        if (globalBatch > MAX_GLOBAL_BATCH) {
            throw LsdtException.of(Problem.INVALID_VALUE, "--global-batch", String.format(java.util.Locale.ROOT,
                    "%,d", globalBatch), "at most " + String.format(java.util.Locale.ROOT, "%,d", MAX_GLOBAL_BATCH)
                            + " samples, the largest global batch LSDT plans");
        }
        if (microBatch < 1 || globalBatch < 1 || globalBatch % microBatch != 0) {
            throw LsdtException.of(Problem.INVALID_VALUE, "--global-batch / --micro-batch",
                    globalBatch + " / " + microBatch, "a global batch divisible by the micro-batch")
                    .withHint("choose a micro-batch that divides " + globalBatch);
        }
    }

    /**
     * The number of micro-batches a step splits the global batch into (exact: the constructor checks divisibility).
     *
     * @return micro-batches per step: {@code globalBatch / microBatch}
     */
    public int microBatches() {
        return globalBatch / microBatch;
    }

    /**
     * Refuses a simulation too large for this JVM's heap before building it ({@link SimulationBudget}).
     *
     * @param strategy the strategy's name
     * @param operations its estimate of the operations of every rank's program
     * @throws LsdtException {@link Problem#INVALID_VALUE} naming the estimate, the sizes it comes from, the most the
     *     heap holds, the heap needed and the heap there is
     */
    public void checkOperations(String strategy, long operations) {
        checkOperations(strategy, operations, 1);
    }

    /**
     * Refuses a simulation too large for this JVM's heap before building it, some of its events not kept.
     *
     * @param strategy the strategy's name
     * @param operations its estimate of the operations of every rank's program
     * @param keptShare the share of the ranks whose events are kept ({@code Engine.withEvents})
     * @throws LsdtException as {@link #checkOperations(String, long)}
     */
    public void checkOperations(String strategy, long operations, double keptShare) {
        long max = SimulationBudget.maxOperations(keptShare);
        if (operations > max) {
            double needed = SimulationBudget.bytesNeeded(operations, keptShare);
            throw LsdtException.of(Problem.INVALID_VALUE, "simulation size", String.format(java.util.Locale.ROOT,
                    "%,d operations (estimated for %s: %,d ranks, %,d layers, %,d micro-batches)", operations,
                    strategy, ranks, layers, microBatches()), String.format(java.util.Locale.ROOT, "at most %,d "
                            + "operations, what this JVM's heap of %s holds at about %.0f B an operation; this step "
                            + "needs about %s", max, SimulationBudget.gib(SimulationBudget.heap()),
                            SimulationBudget.bytesPerOperation(keptShare), SimulationBudget.gib(needed)))
                    .withHint("simulate fewer layers, fewer micro-batches (a smaller global batch or a larger "
                            + "micro-batch) or fewer ranks, or " + SimulationBudget.heapHint(needed));
        }
    }
}
