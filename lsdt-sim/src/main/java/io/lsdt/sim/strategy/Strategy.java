package io.lsdt.sim.strategy;

import io.lsdt.sim.engine.LabSetup;
import io.lsdt.sim.engine.Op;
import java.util.List;
import java.util.stream.IntStream;

/** A parallel training strategy: the program each rank runs for one training step. */
public interface Strategy {
    /** @return the strategy's name, e.g. {@code 1f1b} */
    String name();

    /**
     * @param setup the step's sizes
     * @param rank the rank
     * @return the rank's program
     */
    List<Op> program(LabSetup setup, int rank);

    /**
     * Every rank's program, built on all cores (programs are independent, so the result does not depend on how
     * many): {@link #program(LabSetup, int)} must be safe to call from several threads, as a strategy that holds no
     * mutable state is.
     *
     * @param setup the step's sizes
     * @return every rank's program, by rank
     */
    default List<List<Op>> programs(LabSetup setup) {
        program(setup, 0); // fail fast, on this thread, on a size the strategy refuses
        return IntStream.range(0, setup.ranks()).parallel().mapToObj(r -> program(setup, r)).toList();
    }
}
