package io.lsdt.sim.strategy;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.sim.engine.LabSetup;
import java.util.ArrayList;
import java.util.List;

/**
 * The size rules strategies share, each failing with the rule it breaks and a "Maybe" hint, and the lab's assignment
 * of samples to data-parallel ranks ({@code get_next_microbatch}, {@code shared/reference/lab-simulator.md} §8.4:
 * data-parallel rank d owns the contiguous samples [d·G/D, (d+1)·G/D) and works through them in micro-batches).
 */
final class Shapes {
    private Shapes() {}

    /** Requires exactly {@code n} ranks. */
    static void ranks(LabSetup s, int n, String strategy, String hint) {
        if (s.ranks() != n) {
            throw LsdtException.of(Problem.INVALID_VALUE, "--ranks", s.ranks(), n + " for " + strategy)
                    .withHint(hint);
        }
    }

    /** Requires {@code ranks} to be a multiple of {@code groupSize} (a whole number of replicas). */
    static void ranksMultipleOf(LabSetup s, int groupSize, String what, String strategy) {
        if (groupSize < 1 || s.ranks() % groupSize != 0) {
            throw LsdtException.of(Problem.INVALID_VALUE, "--ranks", s.ranks(), "a multiple of " + what + " = "
                    + groupSize + " for " + strategy).withHint("use " + Math.max(groupSize, (s.ranks() / Math.max(1,
                            groupSize) + 1) * groupSize) + " ranks, or change " + what);
        }
    }

    /** Requires the layers to split evenly into {@code parts} blocks; returns the layers per block. */
    static int layersPer(LabSetup s, int parts, String what) {
        if (s.layers() % parts != 0) {
            int up = (s.layers() / parts + 1) * parts;
            throw LsdtException.of(Problem.INVALID_VALUE, "--layers", s.layers(), "a multiple of the " + parts + " "
                    + what).withHint("use " + up + " layers" + (s.layers() > parts ? " or " + s.layers() / parts
                            * parts : "") + ", or change the number of " + what);
        }
        return s.layers() / parts;
    }

    /**
     * Requires the global batch to split into {@code replicas} equal parts made of whole micro-batches; returns the
     * micro-batches per replica.
     */
    static int microBatchesPer(LabSetup s, int replicas, String what) {
        long per = (long) replicas * s.microBatch();
        if (s.globalBatch() % per != 0) {
            long up = (s.globalBatch() / per + 1) * per;
            throw LsdtException.of(Problem.INVALID_VALUE, "--global-batch", s.globalBatch(), "a multiple of "
                    + replicas + " " + what + " × micro-batch " + s.microBatch() + " = " + per
                    + " (every " + singular(what) + " gets whole micro-batches)")
                    .withHint("use --global-batch " + up + (s.globalBatch() % replicas == 0 ? ", or a micro-batch that "
                            + "divides " + s.globalBatch() / replicas + " = " + s.globalBatch() + " / " + replicas : ""));
        }
        return (int) (s.globalBatch() / per);
    }

    /** Requires one micro-batch to be the whole global batch (strategies that pass the full batch at once). */
    static void wholeBatch(LabSetup s, int replicas, String strategy, String instead) {
        if ((long) s.microBatch() * replicas != s.globalBatch()) {
            String need = replicas == 1 ? "the global batch " + s.globalBatch()
                    : "global batch / replicas = " + s.globalBatch() + " / " + replicas;
            throw LsdtException.of(Problem.INVALID_VALUE, "--micro-batch", s.microBatch(), need + ": " + strategy
                    + " runs each replica's samples as one batch")
                    .withHint((s.globalBatch() % replicas == 0 ? "use --micro-batch " + s.globalBatch() / replicas
                            + ", or " : "") + "use " + instead + " for smaller micro-batches");
        }
    }

    /** Requires a positive parallel degree. */
    static void atLeast(String option, int value, int min) {
        if (value < min) {
            throw LsdtException.of(Problem.INVALID_VALUE, option, value, "a whole number ≥ " + min)
                    .withHint("use " + option + " " + min + " or more");
        }
    }

    /** @return the global ids of data-parallel replica {@code d}'s {@code m} micro-batches, in order */
    static List<Integer> microBatchesOf(int d, int m) {
        List<Integer> ids = new ArrayList<>();
        for (int k = 0; k < m; k++) {
            ids.add(d * m + k);
        }
        return ids;
    }

    /** @return the ranks {@code first, first + stride, …} ({@code n} of them), immutable */
    static List<Integer> group(int first, int stride, int n) {
        List<Integer> g = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            g.add(first + i * stride);
        }
        return List.copyOf(g);
    }

    private static String singular(String what) {
        return what.endsWith("s") ? what.substring(0, what.length() - 1) : what;
    }
}
