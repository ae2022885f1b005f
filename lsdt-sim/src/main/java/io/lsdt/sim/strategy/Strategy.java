package io.lsdt.sim.strategy;

import io.lsdt.sim.engine.LabSetup;
import io.lsdt.sim.engine.Op;
import java.util.ArrayList;
import java.util.List;

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
     * @param setup the step's sizes
     * @return every rank's program
     */
    default List<List<Op>> programs(LabSetup setup) {
        List<List<Op>> out = new ArrayList<>();
        for (int r = 0; r < setup.ranks(); r++) {
            out.add(program(setup, r));
        }
        return out;
    }
}
