package io.lsdt.graph.compile;

/** A compiled plan as straight-line code: reads and writes base-unit doubles in a slot array. */
@FunctionalInterface
public interface SlotProgram {
    /** @param slots the slot array of the plan it was generated from */
    void run(double[] slots);
}
