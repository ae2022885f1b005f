package io.lsdt.sim.strategy;

import io.lsdt.sim.engine.Op;
import io.lsdt.sim.engine.Program;
import java.util.List;

/**
 * A contiguous block of layers a rank runs as one pipeline stage (or virtual stage), with where its input comes from
 * and where its output goes, and the group its weights are sharded over. Writes the forward and the backward of a
 * micro-batch through the block, freeing every value as soon as nothing needs it: after a micro-batch's backward the
 * block holds nothing of it but its weight gradients' running sums.
 *
 * @param first first layer
 * @param last last layer
 * @param prev the rank the input comes from, {@link #MODEL} for the model's input, {@link #SAME_RANK} when the
 *     previous block is on this rank
 * @param next the rank the output goes to, {@link #MODEL} for the loss, {@link #SAME_RANK} when the next block is on
 *     this rank
 * @param shardGroup the ranks a layer's weight is sharded over and all-gathered from before each use; empty when the
 *     rank holds whole layers
 */
record StageBlock(int first, int last, int prev, int next, List<Integer> shardGroup) {
    /** The model's input (as {@code prev}) or the loss (as {@code next}). */
    static final int MODEL = -1;
    /** The neighbouring block is on the same rank: nothing is sent. */
    static final int SAME_RANK = -2;

    /** Copies the group. */
    StageBlock {
        shardGroup = List.copyOf(shardGroup);
    }

    /**
     * Pipeline stage {@code stage} of {@code stages}, each of {@code layersPer} layers, on rank {@code rank}, whose
     * neighbouring stages are {@code rankStride} ranks before and after it.
     */
    static StageBlock stage(int stage, int stages, int layersPer, int rank, int rankStride, List<Integer> shardGroup) {
        int prev = stage == 0 ? MODEL : rank - rankStride;
        int next = stage == stages - 1 ? MODEL : rank + rankStride;
        return new StageBlock(stage * layersPer, stage * layersPer + layersPer - 1, prev, next, shardGroup);
    }

    /** Loads the block's whole layers. */
    void load(Program p) {
        load(p, 0, 1);
    }

    /** Updates the block's layers, first to last. */
    void update(Program p) {
        for (int l = first; l <= last; l++) {
            p.update(l);
        }
    }

    /** Loads this rank's part of the block: shard {@code shard} of {@code shards}. */
    void load(Program p, int shard, int shards) {
        for (int l = first; l <= last; l++) {
            p.load(l, shard, shards);
        }
    }

    /**
     * Writes the forward of micro-batch {@code mb}: receive (or read the model's input), run each layer (all-gathering
     * a sharded weight just before and freeing it just after), send the output on.
     */
    void forward(Program p, int mb) {
        if (prev == MODEL) {
            p.input(mb);
        } else if (prev != SAME_RANK) {
            p.recv(prev, Op.Key.activation(first, mb));
        }
        for (int l = first; l <= last; l++) {
            p.forward(l, mb, gather(p, l));
            release(p, l);
        }
        if (next >= 0) {
            p.send(next, Op.Key.activation(last + 1, mb));
        }
    }

    /**
     * Writes the backward of micro-batch {@code mb}, freeing each value as soon as nothing needs it and summing the
     * weight gradients as they come.
     */
    void backward(Program p, int mb) {
        startBackward(p, mb);
        for (int l = last; l >= first; l--) {
            p.backward(l, mb, gather(p, l), true);
            release(p, l);
            p.delete(Op.Key.weightGrad(l, mb)); // summed into the running gradient
            p.delete(Op.Key.gradient(l, mb));
            p.delete(Op.Key.activation(l, mb));
        }
        if (next != SAME_RANK) {
            p.delete(Op.Key.activation(last + 1, mb)); // the loss's input, or the copy sent on
        }
        if (prev >= 0) {
            p.send(prev, Op.Key.gradient(first - 1, mb));
            p.delete(Op.Key.gradient(first - 1, mb));
        } else if (prev == MODEL) {
            p.delete(Op.Key.gradient(-1, mb));
        } // SAME_RANK: the gradient is the previous block's, which frees it after its backward
    }

    /** Writes what starts micro-batch {@code mb}'s backward: the loss on the last block, else receiving the gradient. */
    void startBackward(Program p, int mb) {
        if (next == MODEL) {
            p.loss(mb);
        } else if (next != SAME_RANK) {
            p.recv(next, Op.Key.gradient(last, mb));
        }
    }

    private Op.Key gather(Program p, int l) {
        if (shardGroup.isEmpty()) {
            return Op.Key.weight(l);
        }
        p.allGather(Op.Key.weight(l), Op.Key.gatheredWeight(l), shardGroup);
        return Op.Key.gatheredWeight(l);
    }

    private void release(Program p, int l) {
        if (!shardGroup.isEmpty()) {
            p.delete(Op.Key.gatheredWeight(l));
        }
    }
}
