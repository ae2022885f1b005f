package io.lsdt.sim.strategy;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The orders in which a pipeline stage runs its micro-batches' forwards and backwards: GPipe, 1F1B and Megatron-LM's
 * interleaved 1F1B. Each writes nothing itself; it calls back with what to run next.
 */
final class Schedules {
    private Schedules() {}

    /** Runs the forward or backward of local micro-batch {@code k} through the rank's virtual stage {@code chunk}. */
    @FunctionalInterface
    interface ChunkStep {
        void run(int chunk, int k);
    }

    /** GPipe (Huang et al. 2019): every forward, then every backward, in order. */
    static void gpipe(List<Integer> microBatches, IntConsumer forward, IntConsumer backward) {
        microBatches.forEach(forward::accept);
        microBatches.forEach(backward::accept);
    }

    /**
     * 1F1B (Narayanan et al. 2021, §2.2.1) for stage {@code stage} of {@code stages}: {@code stages − stage}
     * warm-up forwards, then one backward and one forward alternately, then the remaining backwards.
     */
    static void oneFOneB(int stage, int stages, List<Integer> microBatches, IntConsumer forward,
            IntConsumer backward) {
        int m = microBatches.size();
        int warmup = Math.min(stages - stage, m);
        int forwards = 0;
        int backwards = 0;
        for (; forwards < warmup; forwards++) {
            forward.accept(microBatches.get(forwards));
        }
        while (backwards < m) {
            backward.accept(microBatches.get(backwards++));
            if (forwards < m) {
                forward.accept(microBatches.get(forwards++));
            }
        }
    }

    /**
     * Megatron-LM's interleaved 1F1B (Narayanan et al. 2021, §2.2.2; {@code forward_backward_pipelining_with_
     * interleaving}) for pipeline rank {@code rank} of {@code pp}, {@code v} virtual stages (chunks) per rank and
     * {@code m} micro-batches: {@code (pp − rank − 1) · 2 + (v − 1) · pp} warm-up forwards, then one forward and one
     * backward alternately, then the remaining backwards; chunks and micro-batches follow {@code get_model_chunk_id}.
     */
    static void interleaved(int rank, int pp, int v, int m, ChunkStep forward, ChunkStep backward) {
        int total = m * v;
        int warmup = Math.min((pp - rank - 1) * 2 + (v - 1) * pp, total);
        for (int k = 0; k < warmup; k++) {
            forward.run(chunk(k, pp, v, true), microBatch(k, pp, v));
        }
        for (int i = 0; i < total - warmup; i++) {
            int k = warmup + i;
            forward.run(chunk(k, pp, v, true), microBatch(k, pp, v));
            backward.run(chunk(i, pp, v, false), microBatch(i, pp, v));
        }
        for (int i = Math.max(0, total - warmup); i < total; i++) {
            backward.run(chunk(i, pp, v, false), microBatch(i, pp, v));
        }
    }

    /**
     * The rules of the interleaved schedule: micro-batches a multiple of the stages (as Megatron-LM requires), and
     * not 2 stages with more micro-batches than stages (both ranks would send activations to each other and the
     * lab's one-message channels deadlock; Megatron-LM pairs its sends and receives).
     *
     * @param option the option naming the stages, for messages
     */
    static void checkInterleaved(int pp, int v, int m, int globalBatch, int microBatch, String option) {
        if (v > 1 && m % pp != 0) {
            throw LsdtException.of(Problem.INVALID_VALUE, "micro-batches (--global-batch / --micro-batch)",
                    globalBatch + " / " + microBatch + " = " + m, "a multiple of the " + pp
                            + " pipeline stages (" + option + "), as Megatron-LM's interleaved schedule requires")
                    .withHint("use --global-batch " + (m / pp + 1) * pp * microBatch + ", or a micro-batch of "
                            + globalBatch / pp + " or a divisor of it");
        }
        if (pp == 2 && v > 1 && m > pp) {
            throw LsdtException.of(Problem.INVALID_VALUE, option, pp, "3 or more for interleaved 1F1B with more "
                    + "micro-batches (" + m + ") than stages: with 2 stages both send activations to each other and "
                    + "the lab's one-message channels deadlock")
                    .withHint("use " + option + " 3 or more, one virtual stage, or " + pp + " micro-batches");
        }
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
