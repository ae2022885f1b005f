package io.lsdt.sim.predict;

/**
 * Costs of the lab's operations, in seconds (or, for {@link StepsPredictor}, in the original puzzles' abstract steps,
 * reported through the same methods). The methods mirror the GT CS 8803 Lab 2 {@code RuntimePredictor} of
 * {@code lib.py} ({@code shared/reference/lab-simulator.md} §5.1, §6.3): one call per logged event, the event's
 * duration as the result. Implementations: {@link LabPredictor} (Calculon rules over a system file) and
 * {@link StepsPredictor} (srush/LLM-Training-Puzzles unit costs).
 *
 * <p>Payloads are bytes as the lab counts them ({@link LabConstants#weightBytes()} and the other byte sizes there),
 * not the memory the value occupies.
 */
public interface Predictor {
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

        /** @return the lab's and Calculon's name of the operation, e.g. {@code "all_reduce"} */
        public String label() {
            return label;
        }
    }

    /**
     * Forward of one layer on a micro-batch; in the lab backward costs the same (§6.3).
     *
     * @param samples samples in the micro-batch (each {@link LabConstants#SEQUENCE} tokens), at least 0
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

    /** @return the time of the loss: 0 in the lab and in the puzzles (s) */
    double loss();

    /**
     * @return the unit the simulator reports memory in with this predictor: {@code "elements"} (the lab and the
     *     puzzles count elements, never bytes, §3) or {@code "bytes"}
     */
    String memoryUnit();
}
