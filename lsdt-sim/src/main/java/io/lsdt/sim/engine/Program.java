package io.lsdt.sim.engine;

import java.util.ArrayList;
import java.util.List;

/** Builds the program of one rank: a readable, ordered list of {@link Op}s. */
public final class Program {
    private final List<Op> ops = new ArrayList<>();

    /** @return the operations, in order */
    public List<Op> ops() {
        return List.copyOf(ops);
    }

    /** Loads a full layer. @param layer the layer @return this */
    public Program load(int layer) {
        ops.add(new Op.LoadWeights(layer, 0, 1));
        return this;
    }

    /** @param mb micro-batch @return this */
    public Program input(int mb) {
        ops.add(new Op.Input(mb));
        return this;
    }

    /** @param layer layer @param mb micro-batch @return this */
    public Program forward(int layer, int mb) {
        ops.add(new Op.Forward(layer, mb));
        return this;
    }

    /** @param mb micro-batch @return this */
    public Program loss(int mb) {
        ops.add(new Op.Loss(mb));
        return this;
    }

    /** @param layer layer @param mb micro-batch @return this */
    public Program backward(int layer, int mb) {
        ops.add(new Op.Backward(layer, mb));
        return this;
    }

    /** @param peer receiver @param value what @return this */
    public Program send(int peer, Op.Key value) {
        ops.add(new Op.Send(peer, value));
        return this;
    }

    /** @param peer sender @param value what @return this */
    public Program recv(int peer, Op.Key value) {
        ops.add(new Op.Recv(peer, value));
        return this;
    }

    /** @param layer layer @return this */
    public Program update(int layer) {
        ops.add(new Op.Update(layer));
        return this;
    }

    /** Loads one shard of a layer. @param layer layer @param shard shard @param numShards shards @return this */
    public Program load(int layer, int shard, int numShards) {
        ops.add(new Op.LoadWeights(layer, shard, numShards));
        return this;
    }

    /** @param value the value @param group members (none = all ranks) @return this */
    public Program allReduce(Op.Key value, Integer... group) {
        ops.add(new Op.Collective(Op.Collective.Kind.ALL_REDUCE, value, List.of(group)));
        return this;
    }

    /** @param value the value @param group members (none = all ranks) @return this */
    public Program allGather(Op.Key value, Integer... group) {
        ops.add(new Op.Collective(Op.Collective.Kind.ALL_GATHER, value, List.of(group)));
        return this;
    }

    /** @param value the value @param group members (none = all ranks) @return this */
    public Program reduceScatter(Op.Key value, Integer... group) {
        ops.add(new Op.Collective(Op.Collective.Kind.REDUCE_SCATTER, value, List.of(group)));
        return this;
    }

    /** @param value what to free @return this */
    public Program delete(Op.Key value) {
        ops.add(new Op.Delete(value));
        return this;
    }
}
