package io.lsdt.sim.engine;

import io.lsdt.sim.state.Group;
import io.lsdt.sim.state.Value;

/**
 * The engine's cost model: the duration of each operation it runs, in seconds (or, for a predictor whose
 * {@link #timeUnit()} is {@value #STEPS}, in the original puzzles' abstract steps, reported through the same
 * methods). The engine owns this contract; cost models implement it from above (the lab emulations in
 * {@code io.lsdt.sim.lab}, the design layer's physics in {@code io.lsdt.sim.predict}).
 *
 * <p>The context-free methods mirror the GT CS 8803 Lab 2 {@code RuntimePredictor} of {@code lib.py}
 * ({@code shared/reference/lab-simulator.md} §5.1, §6.3): one call per logged event, the event's duration as the
 * result. The methods with context (layer, group, peers) are what the engine calls; each defaults to the lab's
 * answer, which ignores the context.
 *
 * <p>Payloads are bytes as the run's {@link io.lsdt.sim.state.Sizes#payload} counts them (the lab: 2 bytes an
 * element, a weight costed at the full layer however it is sharded), not the memory the value occupies.
 */
public interface Predictor {
    /** The {@link #timeUnit()} of a predictor that counts abstract steps (the puzzles), not seconds. */
    String STEPS = "steps";

    /** The collectives of the lab's {@code Dist}, each over all ranks of the world. */
    enum Collective {
        /** Sum of every rank's value, delivered to every rank. */
        ALL_REDUCE("all_reduce"),
        /** Sum of every rank's value, each rank keeping its shard. */
        REDUCE_SCATTER("reduce_scatter"),
        /** Union of every rank's shards, delivered to every rank. */
        ALL_GATHER("all_gather");

        private final String label;

        Collective(String label) {
            this.label = label;
        }

        /**
         * The name the lab and Calculon give this collective.
         *
         * @return the lab's and Calculon's name of the operation, e.g. {@code "all_reduce"}
         */
        public String label() {
            return label;
        }
    }

    /**
     * Forward of one layer on a micro-batch; in the lab backward costs the same (§6.3).
     *
     * @param samples samples in the micro-batch, at least 0
     * @return the time of one forward, or of one backward, of one layer (s)
     */
    double forwardBackward(int samples);

    /**
     * Optimizer step of one layer on the shards a rank holds.
     *
     * @param shardsOnDevice shards of the layer the rank holds, 1 … {@code numShards}
     * @param numShards shards the layer is split into, at least 1
     * @return the time of the update (s)
     */
    double update(int shardsOnDevice, int numShards);

    /**
     * Loading of a layer's weight shards from host memory. The lab always passes {@code shardsOnDevice} = 1 and costs
     * the weight's bytes only, not the optimizer state's.
     *
     * @param shardsOnDevice shards loaded, 1 … {@code numShards}
     * @param numShards shards the layer is split into, at least 1
     * @return the time of the load (s)
     */
    double loadWeights(int shardsOnDevice, int numShards);

    /**
     * A collective over the whole world. Every participating rank is charged this time, starting from the latest
     * entry clock of all participants (§5.3).
     *
     * @param op the collective
     * @param bytes the payload as the lab counts it (B), at least 0
     * @return its time (s)
     */
    double collective(Collective op, long bytes);

    /**
     * A point-to-point transfer. The lab charges it twice: once on the sender ({@code send}) and once on the receiver
     * ({@code recv}) (§5.4).
     *
     * @param bytes the payload as the lab counts it (B), at least 0
     * @return the time of a send, and equally of a receive (s)
     */
    double p2p(long bytes);

    /**
     * The loss of one micro-batch.
     *
     * @return the time of the loss: 0 in the lab and in the puzzles (s)
     */
    double loss();

    /**
     * The unit of the memory figures of a simulation with this predictor (its {@link io.lsdt.sim.state.Sizes}).
     *
     * @return the unit the simulator reports memory in with this predictor: {@code "elements"} (the lab and the
     *     puzzles count elements, never bytes, §3) or {@code "bytes"}
     */
    String memoryUnit();

    /**
     * The unit of every time this predictor returns, and so of the simulation's clocks.
     *
     * @return the unit of every time this predictor returns: {@code "s"} (the default), or {@value #STEPS} for the
     *     puzzles' abstract steps
     */
    default String timeUnit() {
        return "s";
    }

    // ---- what the engine calls: the lab's questions with the context a physical cost model needs. Each defaults
    // ---- to the lab's answer, which ignores the context.

    /**
     * Forward of one layer on some samples.
     *
     * @param layer the layer
     * @param samples samples (for context parallelism: sequence chunks) in the micro-batch, at least 0
     * @return its time (s); by default {@link #forwardBackward(int)}
     */
    default double forward(int layer, int samples) {
        return forwardBackward(samples);
    }

    /**
     * Backward of one layer on some samples (with any recomputation of its forward).
     *
     * @param layer the layer
     * @param samples samples in the micro-batch, at least 0
     * @return its time (s); by default {@link #forwardBackward(int)}, the lab's 1:1
     */
    default double backward(int layer, int samples) {
        return forwardBackward(samples);
    }

    /**
     * The loss of a micro-batch (a real model: the output layer's forward and backward and the cross-entropy).
     *
     * @param samples samples in the micro-batch
     * @return its time (s); by default {@link #loss()}
     */
    default double loss(int samples) {
        return loss();
    }

    /**
     * Optimizer step of one layer.
     *
     * @param layer the layer
     * @param shardsOnDevice shards of the layer the rank holds
     * @param numShards shards the layer is split into
     * @return its time (s); by default {@link #update(int, int)}
     */
    default double update(int layer, int shardsOnDevice, int numShards) {
        return update(shardsOnDevice, numShards);
    }

    /**
     * A collective over a group.
     *
     * @param op the collective
     * @param type what is reduced or gathered (weight gradients for data parallelism, activations for tensor
     *     parallelism, keys and values for context parallelism, …)
     * @param bytes the payload (B)
     * @param group the members
     * @return its time (s); by default {@link #collective(Collective, long)}, which ignores the group as the lab does
     */
    default double collective(Collective op, Value.Type type, long bytes, Group group) {
        return collective(op, bytes);
    }

    /**
     * A point-to-point transfer between two ranks, charged on each side.
     *
     * @param bytes the payload (B)
     * @param from the sender
     * @param to the receiver
     * @return its time (s); by default {@link #p2p(long)}
     */
    default double p2p(long bytes, int from, int to) {
        return p2p(bytes);
    }
}
