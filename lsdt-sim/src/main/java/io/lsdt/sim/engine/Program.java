package io.lsdt.sim.engine;

import java.util.List;

/**
 * Builds the program of one rank: a readable, ordered list of {@link Op}s, stored compactly
 * ({@link CompactProgram}: 32 bytes an operation, so that a 16,384-rank step's programs fit in a few hundred MB).
 */
public final class Program {
    private CompactProgram ops = new CompactProgram();
    private CompactProgram built;
    private final Ops add = new Ops();

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

    /** Loads a full layer. @param layer the layer @return this */
    public Program load(int layer) {
        add.add(new Op.LoadWeights(layer, 0, 1));
        return this;
    }

    /** @param mb micro-batch @return this */
    public Program input(int mb) {
        add.add(new Op.Input(mb));
        return this;
    }

    /** @param layer layer @param mb micro-batch @return this */
    public Program forward(int layer, int mb) {
        add.add(new Op.Forward(layer, mb));
        return this;
    }

    /** @param mb micro-batch @return this */
    public Program loss(int mb) {
        add.add(new Op.Loss(mb));
        return this;
    }

    /** @param layer layer @param mb micro-batch @return this */
    public Program backward(int layer, int mb) {
        add.add(new Op.Backward(layer, mb));
        return this;
    }

    /** @param peer receiver @param value what @return this */
    public Program send(int peer, Op.Key value) {
        add.add(new Op.Send(peer, value));
        return this;
    }

    /** @param peer sender @param value what @return this */
    public Program recv(int peer, Op.Key value) {
        add.add(new Op.Recv(peer, value));
        return this;
    }

    /** @param layer layer @return this */
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
     */
    public Program backward(int layer, int mb, Op.Key weight, boolean accumulate, Op.Key context) {
        add.add(new Op.Backward(layer, mb, weight, accumulate, context));
        return this;
    }

    /** Loads one shard of a layer. @param layer layer @param shard shard @param numShards shards @return this */
    public Program load(int layer, int shard, int numShards) {
        add.add(new Op.LoadWeights(layer, shard, numShards));
        return this;
    }

    /** @param value the value @param group members (none = all ranks) @return this */
    public Program allReduce(Op.Key value, Integer... group) {
        add.add(new Op.Collective(Op.Collective.Kind.ALL_REDUCE, value, List.of(group)));
        return this;
    }

    /** @param value the value @param group members (none = all ranks) @return this */
    public Program allGather(Op.Key value, Integer... group) {
        add.add(new Op.Collective(Op.Collective.Kind.ALL_GATHER, value, List.of(group)));
        return this;
    }

    /** @param value the value @param group members (none = all ranks) @return this */
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
     */
    public Program backward(int layer, int mb, Op.Key weight, boolean accumulate) {
        add.add(new Op.Backward(layer, mb, weight, accumulate));
        return this;
    }

    /** @param value a stored weight gradient to add into its layer's running sum @return this */
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
     */
    public Program allGather(Op.Key value, Op.Key into, List<Integer> group) {
        add.add(new Op.Collective(Op.Collective.Kind.ALL_GATHER, value, group, into, false));
        return this;
    }

    /**
     * @param kind the collective
     * @param value the value (replaced by the result)
     * @param group members (empty = all ranks)
     * @return this
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
     */
    public Program reduceScatterEmpty(Op.Key value, List<Integer> group) {
        add.add(new Op.Collective(Op.Collective.Kind.REDUCE_SCATTER, value, group, value, true));
        return this;
    }

    /** @param value what to free @return this */
    public Program delete(Op.Key value) {
        add.add(new Op.Delete(value));
        return this;
    }
}
