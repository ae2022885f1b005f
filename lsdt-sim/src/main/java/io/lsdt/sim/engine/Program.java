package io.lsdt.sim.engine;

import java.util.List;

/**
 * Builds the program of one rank: a readable, ordered list of {@link Op}s, stored compactly
 * ({@link CompactProgram}: 32 bytes an operation, so that a 16,384-rank step's programs fit in a few hundred MB).
 * Each adder appends one operation and returns this builder; once {@link #ops()} has ended the building, the adders
 * throw {@link IllegalStateException}.
 */
public final class Program {
    private CompactProgram ops = new CompactProgram();
    private CompactProgram built;
    private final Ops add = new Ops();

    /** An empty program, to which a strategy appends its operations before {@code ops()} builds it. */
    public Program() {
        // operations are appended by the adders
    }

    /** Appends to the program being built. */
    private final class Ops {
        boolean add(Op op) {
            if (ops == null) {
                throw new IllegalStateException("the program was already built by ops()");
            }
            ops.append(op);
            return true;
        }
    }

    /**
     * Ends the building: the program can no longer be appended to.
     *
     * @return the operations, in order (immutable)
     */
    public List<Op> ops() {
        if (built == null) {
            built = ops.trim();
            ops = null;
        }
        return built;
    }

    /**
     * Loads a full layer: shard 0 of 1, without tensor parallelism ({@link Op.LoadWeights}).
     *
     * @param layer the layer
     * @return this
     * @throws IllegalStateException if {@link #ops()} already ended the building
     */
    public Program load(int layer) {
        add.add(new Op.LoadWeights(layer, 0, 1));
        return this;
    }

    /**
     * Stores the input activation of a micro-batch ({@link Op.Input}).
     *
     * @param mb the micro-batch
     * @return this
     * @throws IllegalStateException if {@link #ops()} already ended the building
     */
    public Program input(int mb) {
        add.add(new Op.Input(mb));
        return this;
    }

    /**
     * Forward of a layer on a micro-batch with the layer's own weight ({@link Op.Forward}).
     *
     * @param layer the layer
     * @param mb the micro-batch
     * @return this
     * @throws IllegalStateException if {@link #ops()} already ended the building
     */
    public Program forward(int layer, int mb) {
        add.add(new Op.Forward(layer, mb));
        return this;
    }

    /**
     * Loss of a micro-batch, after the last layer's forward ({@link Op.Loss}).
     *
     * @param mb the micro-batch
     * @return this
     * @throws IllegalStateException if {@link #ops()} already ended the building
     */
    public Program loss(int mb) {
        add.add(new Op.Loss(mb));
        return this;
    }

    /**
     * Backward of a layer on a micro-batch with the layer's own weight, adding the weight gradient into the running
     * sum at once ({@link Op.Backward}).
     *
     * @param layer the layer
     * @param mb the micro-batch
     * @return this
     * @throws IllegalStateException if {@link #ops()} already ended the building
     */
    public Program backward(int layer, int mb) {
        add.add(new Op.Backward(layer, mb));
        return this;
    }

    /**
     * Sends a stored value to another rank ({@link Op.Send}).
     *
     * @param peer the receiving rank
     * @param value the value sent
     * @return this
     * @throws IllegalStateException if {@link #ops()} already ended the building
     */
    public Program send(int peer, Op.Key value) {
        add.add(new Op.Send(peer, value));
        return this;
    }

    /**
     * Receives a value from another rank and stores it ({@link Op.Recv}).
     *
     * @param peer the sending rank
     * @param value the value received
     * @return this
     * @throws IllegalStateException if {@link #ops()} already ended the building
     */
    public Program recv(int peer, Op.Key value) {
        add.add(new Op.Recv(peer, value));
        return this;
    }

    /**
     * Optimizer step of a layer with its summed weight gradient ({@link Op.Update}).
     *
     * @param layer the layer
     * @return this
     * @throws IllegalStateException if {@link #ops()} already ended the building
     */
    public Program update(int layer) {
        add.add(new Op.Update(layer));
        return this;
    }

    /**
     * Loads a Megatron tensor-parallel slice of a layer (Shoeybi et al. 2019): this rank computes with slice
     * {@code slice} of {@code slices}; its forward produces a partial sum to all-reduce over the tensor-parallel group.
     *
     * @param layer layer
     * @param slice this rank's slice
     * @param slices tensor-parallel degree
     * @param shard the shard of the slice stored (ZeRO, FSDP)
     * @param numShards shards of the slice
     * @return this
     * @throws IllegalStateException if {@link #ops()} already ended the building
     */
    public Program loadSlice(int layer, int slice, int slices, int shard, int numShards) {
        add.add(new Op.LoadWeights(layer, shard, numShards, slice, slices));
        return this;
    }

    /**
     * Forward with a chosen weight and the keys and values gathered over the context-parallel group.
     *
     * @param layer layer
     * @param mb micro-batch
     * @param weight the weight to use
     * @param context {@link Op.Key#kv(int, int)}, or null
     * @return this
     * @throws IllegalStateException if {@link #ops()} already ended the building
     */
    public Program forward(int layer, int mb, Op.Key weight, Op.Key context) {
        add.add(new Op.Forward(layer, mb, weight, context));
        return this;
    }

    /**
     * Backward with a chosen weight, summing policy and context-parallel keys and values.
     *
     * @param layer layer
     * @param mb micro-batch
     * @param weight the weight to use
     * @param accumulate add the gradient into the layer's running sum at once
     * @param context {@link Op.Key#kv(int, int)}, or null
     * @return this
     * @throws IllegalStateException if {@link #ops()} already ended the building
     */
    public Program backward(int layer, int mb, Op.Key weight, boolean accumulate, Op.Key context) {
        add.add(new Op.Backward(layer, mb, weight, accumulate, context));
        return this;
    }

    /**
     * Loads one shard of a layer, without tensor parallelism (ZeRO, FSDP).
     *
     * @param layer the layer
     * @param shard the shard loaded, 0 … {@code numShards − 1}
     * @param numShards shards the layer is stored in
     * @return this
     * @throws IllegalStateException if {@link #ops()} already ended the building
     */
    public Program load(int layer, int shard, int numShards) {
        add.add(new Op.LoadWeights(layer, shard, numShards));
        return this;
    }

    /**
     * All-reduce whose result replaces the contribution.
     *
     * @param value the value contributed and replaced by the result
     * @param group the member ranks (none = all ranks)
     * @return this
     * @throws IllegalStateException if {@link #ops()} already ended the building
     */
    public Program allReduce(Op.Key value, Integer... group) {
        add.add(new Op.Collective(Op.Collective.Kind.ALL_REDUCE, value, List.of(group)));
        return this;
    }

    /**
     * All-gather whose result replaces the contribution (a shard becomes the complete value).
     *
     * @param value the shard contributed and replaced by the result
     * @param group the member ranks, in shard order (none = all ranks)
     * @return this
     * @throws IllegalStateException if {@link #ops()} already ended the building
     */
    public Program allGather(Op.Key value, Integer... group) {
        add.add(new Op.Collective(Op.Collective.Kind.ALL_GATHER, value, List.of(group)));
        return this;
    }

    /**
     * Reduce-scatter whose result replaces the contribution: member i keeps shard i of the reduction.
     *
     * @param value the value contributed and replaced by this member's shard of the result
     * @param group the member ranks, in shard order (none = all ranks)
     * @return this
     * @throws IllegalStateException if {@link #ops()} already ended the building
     */
    public Program reduceScatter(Op.Key value, Integer... group) {
        add.add(new Op.Collective(Op.Collective.Kind.REDUCE_SCATTER, value, List.of(group)));
        return this;
    }

    /**
     * Forward with another stored weight, e.g. {@link Op.Key#gatheredWeight(int)}.
     *
     * @param layer layer
     * @param mb micro-batch
     * @param weight the weight to use
     * @return this
     * @throws IllegalStateException if {@link #ops()} already ended the building
     */
    public Program forward(int layer, int mb, Op.Key weight) {
        add.add(new Op.Forward(layer, mb, weight));
        return this;
    }

    /**
     * Backward with a chosen weight and summing policy (see {@link Op.Backward}).
     *
     * @param layer layer
     * @param mb micro-batch
     * @param weight the weight to use
     * @param accumulate add the gradient into the layer's running sum at once
     * @return this
     * @throws IllegalStateException if {@link #ops()} already ended the building
     */
    public Program backward(int layer, int mb, Op.Key weight, boolean accumulate) {
        add.add(new Op.Backward(layer, mb, weight, accumulate));
        return this;
    }

    /**
     * Adds a stored weight gradient into its layer's running sum ({@link Op.Accumulate}).
     *
     * @param value a stored weight gradient, e.g. {@link Op.Key#weightGrad(int, int)}
     * @return this
     * @throws IllegalStateException if {@link #ops()} already ended the building
     */
    public Program accumulate(Op.Key value) {
        add.add(new Op.Accumulate(value));
        return this;
    }

    /**
     * All-gather whose result goes to another key, the contribution staying stored.
     *
     * @param value the shard contributed
     * @param into where the complete value is stored
     * @param group members (empty = all ranks)
     * @return this
     * @throws IllegalStateException if {@link #ops()} already ended the building
     */
    public Program allGather(Op.Key value, Op.Key into, List<Integer> group) {
        add.add(new Op.Collective(Op.Collective.Kind.ALL_GATHER, value, group, into, false));
        return this;
    }

    /**
     * A collective whose result replaces the contribution.
     *
     * @param kind the collective
     * @param value the value (replaced by the result)
     * @param group members (empty = all ranks)
     * @return this
     * @throws IllegalStateException if {@link #ops()} already ended the building
     */
    public Program collective(Op.Collective.Kind kind, Op.Key value, List<Integer> group) {
        add.add(new Op.Collective(kind, value, group));
        return this;
    }

    /**
     * A collective over a group that stands for {@code replicas} identical copies of itself (a simulation of one
     * data-parallel replica): see {@link Op.Collective#replicas()}.
     *
     * @param kind the collective
     * @param value the value
     * @param into where the result is stored
     * @param group members of this replica
     * @param replicas copies, ≥ 1
     * @return this
     * @throws IllegalStateException if {@link #ops()} already ended the building
     * @throws IllegalArgumentException if {@code replicas < 1}
     */
    public Program collective(Op.Collective.Kind kind, Op.Key value, Op.Key into, List<Integer> group, int replicas) {
        add.add(new Op.Collective(kind, value, group, into, false, replicas));
        return this;
    }

    /**
     * Joins a reduce-scatter with an empty weight gradient that is not stored (srush's {@code fake_grad(l, [])}); the
     * shard that comes back is stored under {@code value}.
     *
     * @param value where the shard is stored
     * @param group members (empty = all ranks)
     * @return this
     * @throws IllegalStateException if {@link #ops()} already ended the building
     */
    public Program reduceScatterEmpty(Op.Key value, List<Integer> group) {
        add.add(new Op.Collective(Op.Collective.Kind.REDUCE_SCATTER, value, group, value, true));
        return this;
    }

    /**
     * Frees a stored value ({@link Op.Delete}).
     *
     * @param value the value freed
     * @return this
     * @throws IllegalStateException if {@link #ops()} already ended the building
     */
    public Program delete(Op.Key value) {
        add.add(new Op.Delete(value));
        return this;
    }
}
