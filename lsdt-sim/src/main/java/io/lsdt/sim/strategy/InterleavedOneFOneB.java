package io.lsdt.sim.strategy;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.sim.engine.LabSetup;
import io.lsdt.sim.engine.Op;
import io.lsdt.sim.engine.Program;
import java.util.ArrayList;
import java.util.List;

/**
 * Interleaved 1F1B (Narayanan et al., "Efficient Large-Scale Language Model Training on GPU Clusters Using
 * Megatron-LM", SC'21, §2.2.2): the layers are cut into P·V blocks (virtual stages) and rank r holds the V blocks
 * r, r + P, r + 2P, …, so a micro-batch visits every rank V times and the pipeline bubble shrinks by V. The order of
 * work is Megatron-LM's ({@code forward_backward_pipelining_with_interleaving}): rank r first runs
 * min((P − r − 1)·2 + (V − 1)·P, M·V) forward blocks, then alternates one forward and one backward, then drains;
 * the k-th forward is block (k mod PV) div P of micro-batch (k div PV)·P + k mod P, backwards visit the blocks in
 * reverse. Activations go to the next rank (the last rank's blocks feed rank 0's next block), gradients back.
 *
 * <p>Every value is freed as soon as nothing needs it; weight gradients are summed as they come. Needs the
 * micro-batches to be a multiple of P (as Megatron-LM does) and the layers a multiple of P·V. With P = 2, V &gt; 1
 * and more micro-batches than ranks the two ranks send activations to each other and the lab's blocking
 * one-message channels deadlock (Megatron-LM pairs each send with a receive); that case is refused.
 *
 * @param virtualStages blocks per rank, V ≥ 1 (1 is plain 1F1B with early freeing)
 */
public record InterleavedOneFOneB(int virtualStages) implements Strategy {
    /** Checks V. */
    public InterleavedOneFOneB {
        Shapes.atLeast("--virtual-stages", virtualStages, 1);
    }

    @Override
    public String name() {
        return "interleaved-1f1b";
    }

    @Override
    public List<Op> program(LabSetup s, int rank) {
        int pp = s.ranks();
        int v = virtualStages;
        int per = Shapes.layersPer(s, pp * v, "virtual stages (ranks × --virtual-stages " + v + ")");
        int m = s.microBatches();
        if (m % pp != 0) {
            throw LsdtException.of(Problem.INVALID_VALUE, "micro-batches (--global-batch / --micro-batch)",
                    s.globalBatch() + " / " + s.microBatch() + " = " + m, "a multiple of the " + pp
                            + " pipeline stages (ranks), as Megatron-LM's interleaved schedule requires")
                    .withHint("use --global-batch " + (m / pp + 1) * pp * s.microBatch() + ", or a micro-batch of "
                            + s.globalBatch() / pp + " or a divisor of it");
        }
        if (pp == 2 && v > 1 && m > pp) {
            // both ranks then send activations to each other; with the lab's one-message channels and blocking
            // sends each can wait on the other's unread message (Megatron-LM pairs its sends and receives)
            throw LsdtException.of(Problem.INVALID_VALUE, "--ranks", pp, "3 or more for interleaved 1F1B with more "
                    + "micro-batches (" + m + ") than ranks: with 2 ranks both send activations to each other and the "
                    + "lab's one-message channels deadlock")
                    .withHint("use --ranks 3 or more, --virtual-stages 1, or " + pp + " micro-batches");
        }
        List<StageBlock> blocks = new ArrayList<>();
        int blocksTotal = pp * v;
        for (int c = 0; c < v; c++) {
            int vs = c * pp + rank;
            int prevRank = (rank + pp - 1) % pp;
            int nextRank = (rank + 1) % pp;
            int prev = vs == 0 ? StageBlock.MODEL : prevRank == rank ? StageBlock.SAME_RANK : prevRank;
            int next = vs == blocksTotal - 1 ? StageBlock.MODEL : nextRank == rank ? StageBlock.SAME_RANK : nextRank;
            blocks.add(new StageBlock(vs * per, vs * per + per - 1, prev, next, List.of()));
        }
        Program p = new Program();
        for (StageBlock b : blocks) {
            b.load(p);
        }
        int total = m * v;
        int warmup = Math.min((pp - rank - 1) * 2 + (v - 1) * pp, total);
        for (int k = 0; k < warmup; k++) {
            blocks.get(chunk(k, pp, v, true)).forward(p, microBatch(k, pp, v));
        }
        for (int i = 0; i < total - warmup; i++) {
            int k = warmup + i;
            blocks.get(chunk(k, pp, v, true)).forward(p, microBatch(k, pp, v));
            blocks.get(chunk(i, pp, v, false)).backward(p, microBatch(i, pp, v));
        }
        for (int i = Math.max(0, total - warmup); i < total; i++) {
            blocks.get(chunk(i, pp, v, false)).backward(p, microBatch(i, pp, v));
        }
        for (StageBlock b : blocks) {
            b.update(p);
        }
        return p.ops();
    }

    /** Megatron-LM's {@code get_model_chunk_id}. */
    private static int chunk(int k, int pp, int v, boolean forward) {
        int c = (k % (pp * v)) / pp;
        return forward ? c : v - 1 - c;
    }

    private static int microBatch(int k, int pp, int v) {
        return (k / (pp * v)) * pp + k % pp;
    }
}
