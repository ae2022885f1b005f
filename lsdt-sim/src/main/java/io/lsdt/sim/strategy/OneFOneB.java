package io.lsdt.sim.strategy;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.sim.engine.LabSetup;
import io.lsdt.sim.engine.Op;
import io.lsdt.sim.engine.Program;
import java.util.List;

/**
 * The 1F1B pipeline schedule (Narayanan et al. 2021, §2.2.1): every rank is a pipeline stage holding a contiguous
 * block of layers; stage r first runs {@code pp − r} forward micro-batches, then alternates one backward and one
 * forward, then drains the remaining backwards; every layer is updated once at the end.
 *
 * <p>Forward activations are passed to the next stage and gradients to the previous one. With
 * {@code keepForwardActivations}, as in the GT lab's reference solution whose trace ships as
 * {@code shared/data/lab/1f1b_sample_4rank_8batch.json}, a stage keeps its forward activations until the end of the
 * step and frees only the gradients it received and sent; otherwise it frees each micro-batch's activations after
 * its backward.
 *
 * @param keepForwardActivations keep forward activations until the end of the step (the lab sample's policy)
 */
public record OneFOneB(boolean keepForwardActivations) implements Strategy {
    @Override
    public String name() {
        return "1f1b";
    }

    @Override
    public List<Op> program(LabSetup s, int rank) {
        int pp = s.ranks();
        if (s.layers() % pp != 0) {
            throw LsdtException.of(Problem.INVALID_VALUE, "--layers", s.layers(), "a multiple of the " + pp
                    + " pipeline stages (ranks)").withHint("use " + (s.layers() / pp + 1) * pp + " layers, or fewer ranks");
        }
        int per = s.layers() / pp;
        int first = rank * per;
        int last = first + per - 1;
        int m = s.microBatches();
        Program p = new Program();
        for (int l = first; l <= last; l++) {
            p.load(l);
        }
        int warmup = Math.min(pp - rank, m);
        int forwards = 0;
        int backwards = 0;
        for (; forwards < warmup; forwards++) {
            forward(p, rank, pp, first, last, forwards);
        }
        while (backwards < m) {
            backward(p, rank, pp, first, last, backwards++);
            if (forwards < m) {
                forward(p, rank, pp, first, last, forwards++);
            }
        }
        for (int l = first; l <= last; l++) {
            p.update(l);
        }
        return p.ops();
    }

    private void forward(Program p, int rank, int pp, int first, int last, int mb) {
        if (rank == 0) {
            p.input(mb);
        } else {
            p.recv(rank - 1, Op.Key.activation(first, mb));
        }
        for (int l = first; l <= last; l++) {
            p.forward(l, mb);
        }
        if (rank < pp - 1) {
            p.send(rank + 1, Op.Key.activation(last + 1, mb));
        }
    }

    private void backward(Program p, int rank, int pp, int first, int last, int mb) {
        if (rank == pp - 1) {
            p.loss(mb);
        } else {
            p.recv(rank + 1, Op.Key.gradient(last, mb));
        }
        for (int l = last; l >= first; l--) {
            p.backward(l, mb);
        }
        if (rank > 0) {
            p.send(rank - 1, Op.Key.gradient(first - 1, mb));
        }
        // the gradients received and produced are no longer needed
        for (int l = last; l >= first; l--) {
            p.delete(Op.Key.gradient(l, mb));
        }
        p.delete(Op.Key.gradient(first - 1, mb)); // on stage 0 the gradient of the input, which nothing needs
        if (!keepForwardActivations) {
            for (int l = first; l <= last + 1; l++) {
                if (l == last + 1 && rank < pp - 1) {
                    continue; // already sent on; the sender's copy is freed below
                }
                p.delete(Op.Key.activation(l, mb));
            }
            if (rank < pp - 1) {
                p.delete(Op.Key.activation(last + 1, mb));
            }
        }
    }
}
