package io.lsdt.sim.strategy;

import io.lsdt.sim.engine.LabSetup;
import io.lsdt.sim.engine.Op;
import io.lsdt.sim.engine.Program;
import java.util.List;

/**
 * Gradient accumulation on one GPU: each micro-batch in turn runs forward, loss and backward, its weight gradients
 * are added into a running sum per layer, and every layer is updated once at the end. srush/LLM-Training-Puzzles
 * puzzle 1 ({@code Distributed.py}, {@code grad_accum}); like its reference solution it frees every activation and
 * activation gradient of a micro-batch as soon as the backward has used it and keeps only the summed weight gradient.
 *
 * <p>Puzzle 1 (layers 2, batches 4 in micro-batches of 1): four rounds of 4 steps, updates at 16 and 16.5; memory
 * peaks at the loss of the second micro-batch: weights, optimizer state and two summed gradients (6·262,144) + three
 * activations (3·131,072) = 1,966,080 elements.
 */
public record GradientAccumulation() implements Strategy {
    @Override
    public String name() {
        return "grad-accum";
    }

    @Override
    public List<Op> program(LabSetup s, int rank) {
        Shapes.ranks(s, 1, name(), "use --ranks 1, or ddp to spread the micro-batches over ranks");
        Program p = new Program();
        for (int l = 0; l < s.layers(); l++) {
            p.load(l);
        }
        for (int mb = 0; mb < s.microBatches(); mb++) {
            oneMicroBatch(p, s.layers(), mb);
        }
        for (int l = 0; l < s.layers(); l++) {
            p.update(l);
        }
        return p.ops();
    }

    /**
     * Forward, loss and backward of one micro-batch through every layer, freeing each value when it is no longer
     * needed and adding each weight gradient into its layer's running sum.
     */
    static void oneMicroBatch(Program p, int layers, int mb) {
        p.input(mb);
        for (int l = 0; l < layers; l++) {
            p.forward(l, mb);
        }
        p.loss(mb);
        p.delete(Op.Key.activation(layers, mb));
        for (int l = layers - 1; l >= 0; l--) {
            p.backward(l, mb);
            p.delete(Op.Key.weightGrad(l, mb)); // summed into the running gradient
            p.delete(Op.Key.gradient(l, mb));
            p.delete(Op.Key.activation(l, mb));
        }
        p.delete(Op.Key.gradient(-1, mb));
    }
}
