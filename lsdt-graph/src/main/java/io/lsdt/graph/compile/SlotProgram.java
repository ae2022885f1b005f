package io.lsdt.graph.compile;

/** A compiled plan as straight-line code: reads and writes base-unit doubles in a slot array. */
@FunctionalInterface
public interface SlotProgram {
    /**
     * Runs the plan: reads the inputs in the slot array and writes every computed variable into it.
     *
     * @param slots the slot array of the plan it was generated from
     */
    void run(double[] slots);
}
