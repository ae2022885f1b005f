package io.lsdt.sim.strategy;

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
        int per = Shapes.layersPer(s, pp, "pipeline stages (ranks)");
        StageBlock stage = StageBlock.stage(rank, pp, per, rank, 1, List.of());
        Program p = new Program();
        stage.load(p);
        Schedules.oneFOneB(rank, pp, Shapes.microBatchesOf(0, s.microBatches()), mb -> stage.forward(p, mb),
                mb -> backward(p, stage, mb));
        stage.update(p);
        return p.ops();
    }

    private void backward(Program p, StageBlock stage, int mb) {
        stage.startBackward(p, mb);
        for (int l = stage.last(); l >= stage.first(); l--) {
            p.backward(l, mb);
        }
        int first = stage.first();
        if (stage.prev() >= 0) {
            p.send(stage.prev(), Op.Key.gradient(first - 1, mb));
        }
        // the gradients received and produced are no longer needed
        for (int l = stage.last(); l >= first; l--) {
            p.delete(Op.Key.gradient(l, mb));
        }
        p.delete(Op.Key.gradient(first - 1, mb)); // on stage 0 the gradient of the input, which nothing needs
        if (!keepForwardActivations) {
            for (int l = first; l <= stage.last() + 1; l++) {
                p.delete(Op.Key.activation(l, mb)); // the last: the loss's input, or the copy sent on
            }
        }
    }
}
