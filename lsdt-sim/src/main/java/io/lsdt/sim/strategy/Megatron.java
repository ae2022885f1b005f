package io.lsdt.sim.strategy;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.physics.design.ParallelConfig;
import io.lsdt.physics.design.Schedule;
import io.lsdt.sim.engine.LabSetup;
import io.lsdt.sim.engine.Op;
import io.lsdt.sim.engine.Program;
import java.util.ArrayList;
import java.util.List;

/**
 * A training step as Megatron-LM runs a design of the design layer: tensor (T), context (C), pipeline (P, with V
 * virtual stages) and data (D) parallelism, with or without the distributed optimizer (ZeRO-1). Ranks are numbered
 * TP fastest, then CP, DP and PP — Megatron's default order — so a TP group sits in one scale-up domain:
 * rank = t + T·(c + C·(d + D·p)).
 *
 * <ul>
 *   <li><b>TP</b> (Shoeybi et al. 2019): rank t holds slice t of every layer's matrices; each layer's forward output
 *       and backward input gradient are partial sums, all-reduced over the TP group (the physical predictor charges
 *       Megatron's two all-reduces per layer and direction for each).</li>
 *   <li><b>CP</b>: rank c holds sequence chunk c of every micro-batch (one simulator sample = one chunk, so the step
 *       has G·C samples); before each layer's forward and backward the chunks' keys and values are all-gathered
 *       over the CP group, and after the backward their gradients are reduce-scattered. Weight gradients are
 *       reduced over D·C ranks.</li>
 *   <li><b>PP</b>: the layers are cut into P·V blocks as evenly as possible — the lighter ones at the ends, where
 *       the first stage also embeds and the last computes the output layer (as Llama 3 did: Dubey et al. 2024,
 *       §3.3.2) — and rank p runs blocks p, p + P, …; activations go forward and gradients back point-to-point.
 *       A stage frees the output it sent at once (Megatron's {@code deallocate_pipeline_outputs}). Schedule: GPipe,
 *       1F1B, or interleaved 1F1B. Sends do not block (batched {@code isend}/{@code irecv}): run it with
 *       {@link #CHANNEL_CAPACITY}.</li>
 *   <li><b>DP</b> over the D·C ranks that hold the same slice (Rajbhandari et al. 2020, ZeRO):
 *     <ul>
 *       <li>ZeRO 0: weight gradients are summed over the micro-batches as they come and all-reduced after the
 *           layer's last backward;</li>
 *       <li>ZeRO 1 (Megatron's distributed optimizer): summed likewise, then reduce-scattered after the layer's last
 *           backward; each rank updates its shard of the optimizer state, keeps its shard of the weights and
 *           all-gathers the full slice at the start of the step (the previous step's parameter gather);</li>
 *       <li>ZeRO 2 (as DeepSpeed runs it with gradient accumulation): each micro-batch's gradient is reduce-scattered
 *           right after its backward and only the shard is summed;</li>
 *       <li>ZeRO 3 (FSDP): as ZeRO 2, and no working copy: a layer's weight is all-gathered before each forward and
 *           each backward and freed after.</li>
 *     </ul>
 *     Updates run after the last backward.</li>
 * </ul>
 *
 * <p><b>One replica for all.</b> With {@code foldDp} the step of one data-parallel replica is simulated (T·C·P
 * ranks) and stands for all D: every replica runs the same program on its own samples, and with logical clocks and no
 * link contention their times and memory are identical, so nothing is lost. Data-parallel collectives then join the
 * replica's members and are charged for all D·C ranks ({@link Op.Collective#replicas()}); {@link #realRank(int)}
 * gives each simulated rank's place in the job, which decides the links.
 *
 * @param tp tensor-parallel degree T
 * @param cp context-parallel degree C
 * @param pp pipeline stages P
 * @param vpp virtual stages per rank V (1 unless interleaved)
 * @param dp data-parallel degree D
 * @param zeroStage 0, 1, 2 or 3
 * @param schedule the pipeline schedule
 * @param foldDp simulate one data-parallel replica for all (see above)
 */
public record Megatron(int tp, int cp, int pp, int vpp, int dp, int zeroStage, Schedule schedule, boolean foldDp)
        implements Strategy {
    /**
     * Messages in flight per pair of ranks this strategy needs: its sends do not wait for the receive, as Megatron-LM's
     * batched {@code isend}/{@code irecv} do not (with two stages, interleaved, both ranks send first).
     */
    public static final int CHANNEL_CAPACITY = Integer.MAX_VALUE;

    /**
     * The job simulated whole ({@code foldDp} false: all T·C·P·D ranks).
     *
     * @param tp tensor-parallel degree T, ≥ 1
     * @param cp context-parallel degree C, ≥ 1
     * @param pp pipeline stages P, ≥ 1
     * @param vpp virtual stages per rank V, ≥ 1 (1 unless interleaved)
     * @param dp data-parallel degree D, ≥ 1
     * @param zeroStage 0, 1, 2 or 3
     * @param schedule the pipeline schedule: GPipe, 1F1B or interleaved 1F1B
     * @throws LsdtException ({@code INVALID_VALUE}) as the canonical constructor
     */
    public Megatron(int tp, int cp, int pp, int vpp, int dp, int zeroStage, Schedule schedule) {
        this(tp, cp, pp, vpp, dp, zeroStage, schedule, false);
    }

    /**
     * Checks the degrees.
     *
     * @throws LsdtException ({@code INVALID_VALUE}) if a degree is below 1, {@code zeroStage} is not 0 … 3, the
     *     schedule is ZB-H1 (the simulator does not split the backward into B and W), or {@code vpp > 1} with a
     *     schedule other than interleaved 1F1B
     */
    public Megatron {
        Shapes.atLeast("tp", tp, 1);
        Shapes.atLeast("cp", cp, 1);
        Shapes.atLeast("pp", pp, 1);
        Shapes.atLeast("vpp", vpp, 1);
        Shapes.atLeast("dp", dp, 1);
        if (zeroStage < 0 || zeroStage > 3) {
            throw LsdtException.of(Problem.INVALID_VALUE, "zero_stage", zeroStage, "0, 1, 2 or 3");
        }
        if (schedule == Schedule.ZB_H1) {
            throw LsdtException.of(Problem.INVALID_VALUE, "schedule", "zb-h1", "gpipe, 1f1b or interleaved: the "
                    + "simulator does not split the backward into B and W yet").withHint("the analytical plan "
                    + "covers ZB-H1 (lsdt plan); simulate the design with --schedule 1f1b");
        }
        if (vpp > 1 && schedule != Schedule.INTERLEAVED_1F1B) {
            throw LsdtException.of(Problem.INVALID_VALUE, "vpp", vpp, "1 unless the schedule is interleaved 1F1B");
        }
    }

    /**
     * The strategy that runs a design of the design layer, simulated whole. Virtual stages are kept only with the
     * interleaved schedule; an interleaved design with one virtual stage runs as plain 1F1B.
     *
     * @param c a design of the design layer
     * @return the strategy that runs it
     * @throws LsdtException ({@code INVALID_VALUE}) if the design's schedule is ZB-H1 or a degree is invalid
     */
    public static Megatron of(ParallelConfig c) {
        int v = c.schedule() == Schedule.INTERLEAVED_1F1B ? c.vpp() : 1;
        return new Megatron(c.tp(), c.cp(), c.pp(), v, c.dp(), c.zeroStage(), v > 1 ? Schedule.INTERLEAVED_1F1B
                : c.schedule() == Schedule.INTERLEAVED_1F1B ? Schedule.ONE_F_ONE_B : c.schedule());
    }

    /**
     * The step's sizes for this strategy.
     *
     * @param layers the model's layers
     * @param globalBatch sequences per step
     * @param microBatch sequences per micro-batch
     * @return the setup: T·C·P·D ranks, and G·C samples (sequence chunks) in micro-batches of B chunks; folded,
     *     T·C·P ranks and (G / D)·C samples
     * @throws LsdtException ({@code INVALID_VALUE}) if the ranks exceed {@link LabSetup#MAX_RANKS}, if folded and
     *     {@code globalBatch} is not a multiple of D, or if the setup itself is invalid
     */
    public LabSetup setup(int layers, int globalBatch, int microBatch) {
        long ranks = (long) tp * cp * pp * simDp();
        if (ranks > LabSetup.MAX_RANKS) {
            throw LsdtException.of(Problem.INVALID_VALUE, "tp × cp × pp × dp", ranks, "at most "
                    + LabSetup.MAX_RANKS + " ranks");
        }
        if (foldDp && globalBatch % dp != 0) {
            throw LsdtException.of(Problem.INVALID_VALUE, "global batch", globalBatch, "a multiple of dp = " + dp);
        }
        return new LabSetup((int) ranks, layers, (foldDp ? globalBatch / dp : globalBatch) * cp, microBatch);
    }

    /**
     * The same design, simulated as one data-parallel replica for all or as the whole job.
     *
     * @param fold true to simulate one data-parallel replica for all D; false for the whole job
     * @return a copy that simulates one data-parallel replica for all, or the whole job
     */
    public Megatron withFoldDp(boolean fold) {
        return new Megatron(tp, cp, pp, vpp, dp, zeroStage, schedule, fold);
    }

    /** @return data-parallel replicas simulated: 1 when folded, else D */
    private int simDp() {
        return foldDp ? 1 : dp;
    }

    /**
     * How many identical replicas each simulated rank stands for, to pass to the engine's options.
     *
     * @return identical replicas each simulated rank stands for: D when folded, else 1
     */
    public int replicas() {
        return foldDp ? dp : 1;
    }

    /**
     * Maps a simulated rank to its rank in the job, rank = t + T·(c + C·(d + D·p)), which decides the links it uses.
     *
     * @param simulated a simulated rank
     * @return its rank in the job (the same unless folded: then replica 0's rank)
     */
    public int realRank(int simulated) {
        int t = simulated % tp;
        int c = (simulated / tp) % cp;
        int d = (simulated / (tp * cp)) % simDp();
        int p = simulated / (tp * cp * simDp());
        return t + tp * (c + cp * (d + dp * p));
    }

    /**
     * The distance in job ranks between the same member of consecutive data-parallel replicas.
     *
     * @return job ranks between the same member of consecutive data-parallel replicas: T·C
     */
    public int replicaStride() {
        return tp * cp;
    }

    @Override
    public String name() {
        return "megatron";
    }

    /**
     * The first layer of each of {@code blocks} blocks of {@code layers} layers, and {@code layers} at the end: as
     * even as possible, the lighter blocks taken from the last, then the first, then the second-to-last, …
     *
     * @return {@code blocks + 1} boundaries
     */
    static int[] split(int layers, int blocks) {
        int base = layers / blocks;
        int heavy = layers % blocks;
        int light = heavy == 0 ? 0 : blocks - heavy;
        int[] size = new int[blocks];
        java.util.Arrays.fill(size, heavy == 0 ? base : base + 1);
        for (int i = 0; i < light; i++) {
            int b = i % 2 == 0 ? blocks - 1 - i / 2 : i / 2;
            size[b] = base;
        }
        int[] start = new int[blocks + 1];
        for (int b = 0; b < blocks; b++) {
            start[b + 1] = start[b] + size[b];
        }
        return start;
    }

    /** The simulated rank of (t, c, d, p). */
    private int rank(int t, int c, int d, int p) {
        return t + tp * (c + cp * (d + simDp() * p));
    }

    @Override
    public List<Op> program(LabSetup s, int rank) {
        int sdp = simDp();
        if (s.ranks() != tp * cp * pp * sdp) {
            throw LsdtException.of(Problem.INVALID_VALUE, "--ranks", s.ranks(), "tp × cp × pp × dp = "
                    + tp * cp * pp * sdp + (foldDp ? " (one data-parallel replica)" : ""));
        }
        int blocksTotal = pp * vpp;
        if (s.layers() < blocksTotal) {
            throw LsdtException.of(Problem.INVALID_VALUE, "layers", s.layers(), "at least pp × vpp = " + blocksTotal
                    + " (one layer per virtual stage)");
        }
        int m = Shapes.microBatchesPer(s, sdp * cp, "data-parallel × context-parallel ranks");
        if (schedule == Schedule.INTERLEAVED_1F1B && m % pp != 0) {
            Schedules.checkInterleaved(pp, vpp, m, s.globalBatch() / cp, s.microBatch(), "pp");
        }
        int t = rank % tp;
        int c = (rank / tp) % cp;
        int d = (rank / (tp * cp)) % sdp;
        int p = rank / (tp * cp * sdp);
        List<Integer> tpGroup = Shapes.group(rank(0, c, d, p), 1, tp);
        List<Integer> cpGroup = Shapes.group(rank(t, 0, d, p), tp, cp);
        List<Integer> dpGroup = new ArrayList<>(); // the D·C ranks holding this slice of this stage, shard order (d, c)
        for (int dd = 0; dd < sdp; dd++) {
            for (int cc = 0; cc < cp; cc++) {
                dpGroup.add(rank(t, cc, dd, p));
            }
        }
        dpGroup = List.copyOf(dpGroup);
        int shard = d * cp + c;
        int shards = dp * cp; // every replica's, simulated or not
        int[] bounds = split(s.layers(), blocksTotal);
        // micro-batch ids: chunk c of local micro-batch k of replica d is sample block ((d·m + k)·C + c)
        int[] ids = new int[m];
        for (int k = 0; k < m; k++) {
            ids[k] = (d * m + k) * cp + c;
        }
        Step step = new Step(new Program(), t, p, c, d, bounds, ids, tpGroup, cpGroup, dpGroup);
        Program prog = step.prog;
        for (int v = 0; v < vpp; v++) {
            int vs = v * pp + p;
            for (int l = bounds[vs]; l < bounds[vs + 1]; l++) {
                prog.loadSlice(l, t, tp, zeroStage == 0 ? 0 : shard, zeroStage == 0 ? 1 : shards);
            }
        }
        if (zeroStage == 1 || zeroStage == 2) { // the previous step's parameter all-gather, layer by layer
            for (int v = 0; v < vpp; v++) {
                int vs = v * pp + p;
                for (int l = bounds[vs]; l < bounds[vs + 1]; l++) {
                    prog.collective(Op.Collective.Kind.ALL_GATHER, Op.Key.weight(l), Op.Key.gatheredWeight(l),
                            dpGroup, replicas());
                }
            }
        }
        switch (schedule) {
            case GPIPE -> Schedules.gpipe(indices(m), k -> step.forward(0, k), k -> step.backward(0, k));
            case ONE_F_ONE_B -> Schedules.oneFOneB(p, pp, indices(m), k -> step.forward(0, k),
                    k -> step.backward(0, k));
            case INTERLEAVED_1F1B -> Schedules.interleaved(p, pp, vpp, m, step::forward, step::backward);
        }
        for (int l : step.reduceOrder) {
            prog.update(l);
        }
        return prog.ops();
    }

    /**
     * The operations of every rank's program: one program built per pipeline stage (the ranks of a stage run the same
     * work on their own slices and samples) times the ranks of the stage. When even one replica's share of the
     * {@link Strategy#operations generic bound} (with Megatron's T tensor-parallel slices per layer and micro-batch)
     * is too large to build cheaply, that bound.
     */
    @Override
    public long operations(LabSetup s) {
        long perStage = (long) tp * cp * simDp();
        long bound = Strategy.super.operations(s) * tp;
        if (bound / perStage > LabSetup.LARGE_OPERATIONS) {
            return bound;
        }
        long total = 0;
        for (int p = 0; p < pp; p++) {
            total += (long) program(s, rank(0, 0, 0, p)).size() * perStage;
        }
        return total;
    }

    private static List<Integer> indices(int m) {
        List<Integer> out = new ArrayList<>(m);
        for (int k = 0; k < m; k++) {
            out.add(k);
        }
        return out;
    }

    /** Writes one rank's forwards and backwards. */
    private final class Step {
        final Program prog;
        final int t;
        final int p;
        final int c;
        final int d;
        final int[] bounds;
        final int[] ids;
        final List<Integer> tpGroup;
        final List<Integer> cpGroup;
        final List<Integer> dpGroup;
        /** Backwards done per layer, and the layers in the order their last backward ran. */
        final int[] backwards;
        final List<Integer> reduceOrder = new ArrayList<>();

        Step(Program prog, int t, int p, int c, int d, int[] bounds, int[] ids, List<Integer> tpGroup,
                List<Integer> cpGroup, List<Integer> dpGroup) {
            this.prog = prog;
            this.t = t;
            this.p = p;
            this.c = c;
            this.d = d;
            this.bounds = bounds;
            this.ids = ids;
            this.tpGroup = tpGroup;
            this.cpGroup = cpGroup;
            this.dpGroup = dpGroup;
            this.backwards = new int[bounds[bounds.length - 1]];
        }

        private Op.Key weight(int l) {
            return zeroStage == 0 ? Op.Key.weight(l) : Op.Key.gatheredWeight(l);
        }

        /** ZeRO 3 gathers a layer's weight before each use. */
        private void gather(int l) {
            if (zeroStage == 3) {
                prog.collective(Op.Collective.Kind.ALL_GATHER, Op.Key.weight(l), Op.Key.gatheredWeight(l), dpGroup,
                        replicas());
            }
        }

        private void release(int l) {
            if (zeroStage == 3) {
                prog.delete(Op.Key.gatheredWeight(l));
            }
        }

        /** The rank of virtual stage vs's neighbour holding the same (t, c, d). */
        private int stageRank(int vs) {
            return rank(t, c, d, vs % pp);
        }

        void forward(int chunk, int k) {
            int vs = chunk * pp + p;
            int lo = bounds[vs];
            int hi = bounds[vs + 1] - 1;
            int mb = ids[k];
            if (vs == 0) {
                prog.input(mb);
            } else {
                prog.recv(stageRank(vs - 1), Op.Key.activation(lo, mb));
            }
            for (int l = lo; l <= hi; l++) {
                Op.Key kv = null;
                if (cp > 1) {
                    kv = Op.Key.kv(l, mb);
                    prog.allGather(Op.Key.activation(l, mb), kv, cpGroup);
                }
                gather(l);
                prog.forward(l, mb, weight(l), kv);
                release(l);
                if (kv != null) {
                    prog.delete(kv);
                }
                if (tp > 1) {
                    prog.collective(Op.Collective.Kind.ALL_REDUCE, Op.Key.activation(l + 1, mb), tpGroup);
                }
            }
            if (vs < pp * vpp - 1) {
                prog.send(stageRank(vs + 1), Op.Key.activation(hi + 1, mb));
                prog.delete(Op.Key.activation(hi + 1, mb));
            }
        }

        void backward(int chunk, int k) {
            int vs = chunk * pp + p;
            int lo = bounds[vs];
            int hi = bounds[vs + 1] - 1;
            int mb = ids[k];
            if (vs == pp * vpp - 1) {
                prog.loss(mb);
                prog.delete(Op.Key.activation(hi + 1, mb));
            } else {
                prog.recv(stageRank(vs + 1), Op.Key.gradient(hi, mb));
            }
            gather(hi);
            for (int l = hi; l >= lo; l--) {
                Op.Key kv = null;
                if (cp > 1) {
                    kv = Op.Key.kv(l, mb);
                    prog.allGather(Op.Key.activation(l, mb), kv, cpGroup);
                }
                if (l > lo) {
                    // FSDP's BackwardPrefetch.BACKWARD_PRE: the next unit's gather is issued before this unit's
                    // backward, so it runs during the backward instead of queueing behind its reduce-scatter
                    gather(l - 1);
                }
                boolean perMicroBatch = zeroStage >= 2 && dpGroup.size() * replicas() > 1;
                prog.backward(l, mb, weight(l), !perMicroBatch, kv);
                release(l);
                if (kv != null) {
                    prog.collective(Op.Collective.Kind.REDUCE_SCATTER, kv, cpGroup); // gradients of keys and values
                    prog.delete(kv);
                }
                if (perMicroBatch) { // keep only this rank's shard of the micro-batch's gradient, then sum it
                    prog.collective(Op.Collective.Kind.REDUCE_SCATTER, Op.Key.weightGrad(l, mb),
                            Op.Key.weightGrad(l, mb), dpGroup, replicas());
                    prog.accumulate(Op.Key.weightGrad(l, mb));
                }
                prog.delete(Op.Key.weightGrad(l, mb)); // summed into the running gradient
                prog.delete(Op.Key.gradient(l, mb));
                prog.delete(Op.Key.activation(l, mb));
                if (tp > 1) { // the input gradient is a partial sum (for layer 0 too, before the embedding's backward)
                    prog.collective(Op.Collective.Kind.ALL_REDUCE, Op.Key.gradient(l - 1, mb), tpGroup);
                }
                if (++backwards[l] == ids.length) { // the layer's last backward: reduce its gradient over DP × CP
                    reduceOrder.add(l);
                    if (dpGroup.size() * replicas() > 1 && zeroStage < 2) {
                        prog.collective(zeroStage == 0 ? Op.Collective.Kind.ALL_REDUCE
                                : Op.Collective.Kind.REDUCE_SCATTER, Op.Key.weightGradSum(l),
                                Op.Key.weightGradSum(l), dpGroup, replicas());
                    }
                }
            }
            if (vs == 0) {
                prog.delete(Op.Key.gradient(-1, mb)); // the embedding's gradient: not simulated further
            } else {
                prog.send(stageRank(vs - 1), Op.Key.gradient(lo - 1, mb));
                prog.delete(Op.Key.gradient(lo - 1, mb));
            }
        }
    }
}
