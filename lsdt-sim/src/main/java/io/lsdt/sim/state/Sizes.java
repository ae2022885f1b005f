package io.lsdt.sim.state;

/**
 * How big values are: the memory a stored value occupies, in the run's memory unit, and the bytes it puts on a link
 * when sent or passed to a collective. Implementations: {@code io.lsdt.sim.lab.LabSizes} (the labs' square h × h
 * layers, memory in elements) and {@code io.lsdt.sim.predict.PhysicalSizes}, a real transformer layer's (bytes, from
 * the design layer's equations).
 */
public interface Sizes {
    /**
     * The memory a value occupies while stored: its shards, slice and samples, in the run's unit.
     *
     * @param v a stored value
     * @return the memory it occupies on its rank, in {@link #memoryUnit()}
     */
    double memory(Value v);

    /**
     * The bytes a value puts on a link, which the predictor turns into a transfer time.
     *
     * @param v a value sent point-to-point or contributed to a collective (for a collective: the combined value)
     * @return the payload (B) as the cost model counts it
     */
    long payload(Value v);

    /**
     * The unit of {@link #memory(Value)}, reported as {@link io.lsdt.sim.engine.SimulationResult#memoryUnit()}.
     *
     * @return {@code "elements"} (the labs) or {@code "bytes"} (a physical model)
     */
    String memoryUnit();
}
