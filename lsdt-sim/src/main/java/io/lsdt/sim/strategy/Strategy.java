package io.lsdt.sim.strategy;

import io.lsdt.sim.engine.LabSetup;
import io.lsdt.sim.engine.Op;
import java.util.List;
import java.util.stream.IntStream;

/** A parallel training strategy: the program each rank runs for one training step. */
public interface Strategy {
    /**
     * The strategy's name: for a built-in strategy the name {@link Strategies#create} accepts, and for
     * {@link Megatron} {@code megatron}; it names the strategy in reports and errors.
     *
     * @return the strategy's name, e.g. {@code 1f1b}
     */
    String name();

    /**
     * Builds the program one rank runs for one training step.
     *
     * @param setup the step's sizes
     * @param rank the rank, 0 … {@code setup.ranks() − 1}
     * @return the rank's program, in order
     */
    List<Op> program(LabSetup setup, int rank);

    /**
     * An upper bound of the operations in every rank's program, from the sizes alone (nothing is built), so that a
     * simulation too large for memory is refused before it starts ({@link LabSetup#checkOperations}). Work is
     * conserved across the built-in strategies: every (layer, micro-batch) pair is run once by the ranks that hold the
     * layer, with at most {@value #OPS_PER_LAYER_MICRO_BATCH} operations (forward, backward, gathers, reductions,
     * sends, receives, frees; measured at most 13.5 for FSDP); every rank loads and updates at most every layer (at
     * most {@value #OPS_PER_LAYER_RANK} operations, 9 measured for the global pipeline × FSDP); and every rank touches
     * every micro-batch a few times (inputs, losses, sends).
     *
     * @param s the step's sizes
     * @return the estimate (≥ the operations built)
     */
    default long operations(LabSetup s) {
        long l = s.layers();
        long m = s.microBatches();
        long r = s.ranks();
        return OPS_PER_LAYER_MICRO_BATCH * l * m + OPS_PER_LAYER_RANK * l * r + 2 * m * r;
    }

    /** Bound of the operations per (layer, micro-batch) pair of {@link #operations}. */
    long OPS_PER_LAYER_MICRO_BATCH = 16;
    /** Bound of the operations per (layer, rank) pair of {@link #operations}. */
    long OPS_PER_LAYER_RANK = 16;

    /**
     * Every rank's program, built on all cores (programs are independent, so the result does not depend on how
     * many): {@link #program(LabSetup, int)} must be safe to call from several threads, as a strategy that holds no
     * mutable state is.
     *
     * @param setup the step's sizes
     * @return every rank's program, by rank
     */
    default List<List<Op>> programs(LabSetup setup) {
        return programs(setup, () -> {});
    }

    /**
     * {@link #programs(LabSetup)}, telling {@code built} after each rank's program (from the building threads).
     *
     * @param setup the step's sizes
     * @param built run once per program built, from any thread; it must be thread-safe and quick
     * @return every rank's program, by rank
     */
    default List<List<Op>> programs(LabSetup setup, Runnable built) {
        return programs(setup, built, 1);
    }

    /**
     * {@link #programs(LabSetup, Runnable)} for an engine that keeps the events of a share of the ranks only.
     *
     * @param setup the step's sizes
     * @param built run once per program built, from any thread; it must be thread-safe and quick
     * @param keptShare the share of the ranks whose events the engine keeps (0 to 1): the size check's
     * @return every rank's program, by rank
     */
    default List<List<Op>> programs(LabSetup setup, Runnable built, double keptShare) {
        setup.checkOperations(name(), operations(setup), keptShare);
        program(setup, 0); // fail fast, on this thread, on a size the strategy refuses
        return IntStream.range(0, setup.ranks()).parallel().mapToObj(r -> {
            List<Op> p = program(setup, r);
            built.run();
            return p;
        }).toList();
    }
}
