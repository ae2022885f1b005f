package io.lsdt.physics.search;

import io.lsdt.physics.catalog.FrameworkProfile;
import io.lsdt.physics.design.AnalyticalStepModel;
import io.lsdt.physics.design.Calibration;
import io.lsdt.physics.design.DesignInput;
import io.lsdt.physics.design.Hardware;
import io.lsdt.physics.design.Numerics;
import io.lsdt.physics.design.Offload;
import io.lsdt.physics.design.ParallelConfig;
import io.lsdt.physics.design.Prediction;
import io.lsdt.physics.design.Recompute;
import io.lsdt.physics.design.Schedule;
import io.lsdt.physics.design.StateBytes;
import io.lsdt.graph.compile.CompiledPlan;
import io.lsdt.graph.compile.SlotProgram;
import io.lsdt.graph.unit.UnitFormat;
import io.lsdt.graph.unit.Units;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Exhaustive search over parallel designs: every TP × CP × PP × DP (× EP) factorisation of G that the divisibility
 * rules allow, every micro-batch size, schedule and interleaving, recomputation mode and ZeRO stage. Each candidate
 * is evaluated by the {@code design} equations compiled to bytecode, re-running only the equations that depend on
 * the configuration. Candidates that do not fit in memory are pruned; the top N by step time are kept and then
 * re-predicted in full (ledger and memory).
 *
 * <p>Work is split over threads by (TP, CP) pairs; results are merged deterministically (ties broken by the
 * configuration's position in the enumeration), so the same inputs give the same output on any thread count.
 */
public final class DesignSearch {
    /** The inputs a candidate changes: the {@link DesignInput} table's searched rows. */
    private static final List<DesignInput> VARYING = DesignInput.searchedInputs();
    private static final List<String> VARYING_NAMES = VARYING.stream().map(DesignInput::variable).toList();

    private final AnalyticalStepModel model;
    /** Kernels by what they fix (model, hardware, batch, numerics, attention): generating one costs a compile. */
    private final java.util.Map<KernelKey, Kernel> kernels = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A search ranking designs by the step model's equations.
     *
     * @param model the step model whose equations are searched
     */
    public DesignSearch(AnalyticalStepModel model) {
        this.model = model;
    }

    private record KernelKey(io.lsdt.physics.catalog.Model.Architecture arch, Hardware hardware, int globalBatch,
            Numerics numerics, boolean flash, StateBytes stateBytes, String framework, double trainableFraction) {}

    /** A configuration kept in the heap: the candidate's numbers and its enumeration index for ties. */
    private record Kept(double stepTime, long index, int[] c) {}

    /** Compiled state shared by the threads. */
    private record Kernel(CompiledPlan plan, SlotProgram program, double[] base, int[] varying, int tStep,
            int memTotal, int memHost, Calibration calibration) {

        /** Writes a candidate's searched inputs into the slots and runs the equations that depend on them. */
        void run(double[] s, ParallelConfig cfg) {
            for (int i = 0; i < varying.length; i++) {
                s[varying[i]] = VARYING.get(i).value(cfg, null, calibration);
            }
            program.run(s);
        }
    }

    /**
     * Searches.
     *
     * @param space what to enumerate
     * @param topN how many designs to keep
     * @param threads worker threads (≥ 1)
     * @param progress receives the number of configurations evaluated so far, now and then (may be null)
     * @return the result
     * @throws io.lsdt.graph.error.LsdtException {@link io.lsdt.graph.error.Problem#INVALID_VALUE} for fewer than one
     *     thread or design; {@link io.lsdt.graph.error.Problem#INTERNAL} when a design's step time or memory is not
     *     a finite number (the space's inputs are checked, so that is a defect)
     */
    public SearchResult search(SearchSpace space, int topN, int threads, LongConsumer progress) {
        if (threads < 1) {
            throw io.lsdt.graph.error.LsdtException.of(io.lsdt.graph.error.Problem.INVALID_VALUE, "threads", threads,
                    "a whole number ≥ 1");
        }
        if (topN < 1) {
            throw io.lsdt.graph.error.LsdtException.of(io.lsdt.graph.error.Problem.INVALID_VALUE, "top", topN,
                    "a whole number ≥ 1");
        }
        long start = System.nanoTime();
        Kernel k = kernel(space);
        List<int[]> outer = new ArrayList<>();
        for (int tp : tpDegrees(space)) {
            for (int cp = 1; cp <= space.cpMax(); cp *= 2) {
                // context parallelism splits each sequence into 2·cp chunks (load-balanced causal attention)
                if (space.devices() % ((long) tp * cp) == 0 && (cp == 1 || space.arch().seqLen() % (2 * cp) == 0)) {
                    outer.add(new int[] {tp, cp});
                }
            }
        }
        AtomicLong evaluated = new AtomicLong();
        AtomicLong feasible = new AtomicLong();
        List<PriorityQueue<Kept>> heaps = new ArrayList<>();
        List<Kept[]> closest = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "lsdt-search");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < outer.size(); i++) {
                PriorityQueue<Kept> heap = new PriorityQueue<>(Comparator.comparingDouble(Kept::stepTime)
                        .thenComparingLong(Kept::index).reversed());
                Kept[] near = new Kept[1];
                heaps.add(heap);
                closest.add(near);
                int[] tc = outer.get(i);
                long indexBase = (long) i << 40;
                futures.add(pool.submit(() -> enumerate(space, k, tc[0], tc[1], topN, heap, near, indexBase, evaluated,
                        feasible, progress)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            // a user error raised inside a worker stays a user error (exit 2); anything else is a defect (exit 1)
            if (e.getCause() instanceof io.lsdt.graph.error.LsdtException le) {
                throw le;
            }
            throw new IllegalStateException("design search failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("design search interrupted", e);
        } finally {
            pool.shutdownNow();
        }
        List<Kept> all = new ArrayList<>();
        heaps.forEach(all::addAll);
        all.sort(Comparator.comparingDouble(Kept::stepTime).thenComparingLong(Kept::index));
        List<Prediction> best = new ArrayList<>();
        for (Kept kept : all.subList(0, Math.min(topN, all.size()))) {
            best.add(requireFinite(model.predict(space.arch(), space.hardware(), config(space, kept.c())), space));
        }
        double wall = (System.nanoTime() - start) / 1e9;
        if (!best.isEmpty()) {
            return new SearchResult(best, evaluated.get(), feasible.get(), wall, null, null);
        }
        Kept near = closest.stream().map(a -> a[0]).filter(java.util.Objects::nonNull)
                .min(Comparator.comparingDouble(Kept::stepTime).thenComparingLong(Kept::index)).orElse(null);
        if (near == null) {
            return new SearchResult(List.of(), evaluated.get(), 0, wall, null, "no valid configuration: G = "
                    + space.devices() + " has no factorisation TP × CP × PP × DP with TP dividing the "
                    + space.arch().heads() + " heads, PP at most " + space.arch().layers() + " layers and the global "
                    + "batch of " + space.globalBatch() + " sequences divisible by DP × micro-batch. Maybe choose G "
                    + "so that G / (TP·PP·CP) divides the global batch, or change the global batch");
        }
        Prediction p = model.predict(space.arch(), space.hardware(), config(space, near.c()));
        if (p.memory().total() <= p.memoryCapacity()) {
            String need = UnitFormat.format(p.hostMemory(), Units.parse("GiB"));
            String have = UnitFormat.format(p.hostMemoryCapacity(), Units.parse("GiB"));
            return new SearchResult(List.of(), evaluated.get(), 0, wall, p, "no design fits in memory: the closest "
                    + "offloads its state to host memory and needs " + need + " of it per GPU, the host has " + have
                    + " per GPU. Maybe use more GPUs");
        }
        String need = UnitFormat.format(p.memory().total(), Units.parse("GiB"));
        String have = UnitFormat.format(p.memoryCapacity(), Units.parse("GiB"));
        return new SearchResult(List.of(), evaluated.get(), 0, wall, p, "no design fits in memory: the closest needs "
                + need + " per GPU, the device has " + have + ". Maybe raise TP or PP, use ZeRO-3 or full "
                + "recomputation, or use more GPUs");
    }

    /**
     * A design whose step time or memory is NaN or infinite would be ranked and printed as such: the inputs of a space
     * are checked (catalog model and device, G and the batch within {@link io.lsdt.physics.limits.SizeLimits}), so it
     * is a defect, named with the design and the hardware it ran on.
     */
    private static Prediction requireFinite(Prediction p, SearchSpace space) {
        double[] values = {p.stepTime(), p.memory().total()};
        String[] names = {"design.t_step", "design.mem_total"};
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                io.lsdt.physics.design.Hardware h = space.hardware();
                throw io.lsdt.graph.error.LsdtException.of(io.lsdt.graph.error.Problem.INTERNAL, names[i] + " = "
                        + values[i] + " for " + io.lsdt.physics.design.DesignProvenance.describe(p.config()) + " on "
                        + space.devices() + " × " + h.deviceId() + " (peak " + h.peakFlops() + " FLOP/s, memory "
                        + h.memoryBytes() + " B at " + h.memoryBandwidth() + " B/s, scale-up " + h.scaleUpBandwidth()
                        + " B/s in domains of " + h.scaleUpDomain() + ", scale-out " + h.scaleOutBandwidth()
                        + " B/s): a non-finite value from finite, checked inputs");
            }
        }
        return p;
    }

    /**
     * The search's inner kernel for one space: writes a configuration into the slots and re-runs the
     * configuration-dependent equations. Not thread-safe (one slot array); for benchmarks and tests.
     */
    public final class Evaluator {
        private final Kernel kernel;
        private final double[] slots;

        private Evaluator(Kernel kernel) {
            this.kernel = kernel;
            this.slots = kernel.base().clone();
        }

        /**
         * The cost of one evaluation, in equations.
         *
         * @return the number of equations re-evaluated per configuration
         */
        public int equationsPerEvaluation() {
            return kernel.plan().restrictTo(VARYING_NAMES).size();
        }

        /**
         * Evaluates one configuration's searched inputs (TP … schedule); the batch, numerics, overlap and attention
         * kernel are the space's.
         *
         * @param cfg the configuration
         * @return its step time (s); {@link #memory()} then gives its memory per GPU (B)
         */
        public double stepTime(ParallelConfig cfg) {
            kernel.run(slots, cfg);
            return slots[kernel.tStep()];
        }

        /**
         * The memory the last configuration needs.
         *
         * @return memory per GPU of the last evaluated configuration (B)
         */
        public double memory() {
            return slots[kernel.memTotal()];
        }
    }

    /**
     * An evaluator of one space's configurations, one at a time.
     *
     * @param space the search space (its model, hardware and batch are fixed into the kernel)
     * @return an evaluator of single configurations
     */
    public Evaluator evaluator(SearchSpace space) {
        return new Evaluator(kernel(space));
    }

    private Kernel kernel(SearchSpace space) {
        return kernels.computeIfAbsent(new KernelKey(space.arch(), space.hardware(), space.globalBatch(),
                space.numerics(), space.flashAttention(), space.stateBytes(),
                space.framework() == null ? null : space.framework().id(), space.trainableFraction()),
                k -> newKernel(space));
    }

    private Kernel newKernel(SearchSpace space) {
        AnalyticalStepModel.Compiled c = model.compiled(space.arch());
        ParallelConfig first = config(space, new int[] {1, 1, 1, (int) Math.min(Integer.MAX_VALUE, space.devices()),
            1, 1, 1, 0, Recompute.NONE.ordinal(), 0, 0});
        double[] base = c.plan().newSlots();
        model.fill(c, base, space.arch(), space.hardware(), first);
        c.plan().evaluate(base);
        CompiledPlan restricted = c.plan().restrictTo(VARYING_NAMES);
        int[] varying = VARYING_NAMES.stream().mapToInt(c.plan()::slot).toArray();
        return new Kernel(c.plan(), restricted.bytecode(), base, varying, c.plan().slot("design.t_step"),
                c.plan().slot("design.mem_total"), c.plan().slot("design.mem_host"), model.calibration());
    }

    /** The largest micro-batch an all-divisors space tries (sequences): beyond it activations dominate memory. */
    static final int MAX_MICRO_BATCH = 64;

    /**
     * The micro-batch sizes to try.
     *
     * @param localBatch sequences per data-parallel replica per step
     * @param max the largest to return
     * @return every divisor of the local batch up to max, ascending (Calculon searches every divisor too)
     */
    static int[] divisors(int localBatch, int max) {
        return java.util.stream.IntStream.rangeClosed(1, Math.min(localBatch, max))
                .filter(d -> localBatch % d == 0).toArray();
    }

    private static List<Integer> tpDegrees(SearchSpace space) {
        List<Integer> out = new ArrayList<>();
        int heads = space.arch().heads();
        int kv = space.arch().kvHeads();
        for (int tp = 1; tp <= space.tpMax(); tp *= 2) {
            if (heads % tp == 0 && (kv % tp == 0 || tp % kv == 0) && space.devices() % tp == 0) {
                out.add(tp);
            }
        }
        return out;
    }

    /** c = {tp, cp, pp, dp, ep, mb, vpp, schedule(0 1f1b, 1 interleaved), recompute ordinal, zero, offload}. */
    private void enumerate(SearchSpace space, Kernel k, int tp, int cp, int topN, PriorityQueue<Kept> heap,
            Kept[] near, long indexBase, AtomicLong evaluated, AtomicLong feasible, LongConsumer progress) {
        double[] s = k.base().clone();
        int layers = space.arch().layers();
        int experts = space.arch().moe() == null ? 0 : space.arch().moe().experts();
        double cap = space.hardware().memoryBytes();
        double hostCap = space.hardware().hostMemoryBytes();
        long rest = space.devices() / ((long) tp * cp);
        long index = indexBase;
        long localEvaluated = 0;
        long localFeasible = 0;
        Recompute[] recomputes = space.recomputes().stream().sorted().toArray(Recompute[]::new);
        int[] zeros = space.zeroStages().stream().sorted().mapToInt(Integer::intValue).toArray();
        int[] offloads = space.offloads().stream().sorted().mapToInt(Enum::ordinal).toArray();
        for (int pp = 1; pp <= Math.min(rest, Math.min(layers, space.ppMax())); pp++) {
            if (rest % pp != 0) {
                continue;
            }
            long dpl = rest / pp;
            if (dpl > Integer.MAX_VALUE) {
                continue;
            }
            int dp = (int) dpl;
            for (int ep = 1; ep <= Math.max(1, experts); ep++) {
                if (experts == 0 ? ep != 1 : experts % ep != 0 || ((long) tp * dp * cp) % ep != 0) {
                    continue;
                }
                int[] mbs = space.microBatches().isEmpty() ? divisors(space.globalBatch() / dp, MAX_MICRO_BATCH)
                        : space.microBatches().stream().mapToInt(Integer::intValue).toArray();
                for (int mb : mbs) {
                    if (space.globalBatch() % ((long) dp * mb) != 0) {
                        continue;
                    }
                    int m = space.globalBatch() / (dp * mb);
                    for (int vpp = 1; vpp <= (pp == 1 ? 1 : space.vppMax()); vpp++) {
                        if ((long) pp * vpp > layers || vpp > 1 && m % pp != 0) {
                            continue;
                        }
                        for (Recompute rc : recomputes) {
                            for (int z : zeros) {
                                if (z > 0 && (long) dp * cp == 1) {
                                    continue;
                                }
                                for (int off : offloads) {
                                if (off == Offload.PARAMETERS.ordinal() && z < 3) {
                                    continue;
                                }
                                int[] cand = {tp, cp, pp, dp, ep, mb, vpp, vpp > 1 ? 1 : 0, rc.ordinal(), z, off};
                                k.run(s, config(space, cand));
                                localEvaluated++;
                                double t = s[k.tStep()];
                                double mem = s[k.memTotal()];
                                index++;
                                if (mem <= cap && s[k.memHost()] <= hostCap) {
                                    localFeasible++;
                                    if (heap.size() < topN || t < heap.peek().stepTime()) {
                                        heap.add(new Kept(t, index, cand));
                                        if (heap.size() > topN) {
                                            heap.poll();
                                        }
                                    }
                                } else {
                                    // for infeasible candidates the key is how far over they are: the larger of
                                    // device memory / capacity and offloaded state / host memory; keep the smallest
                                    double over = Math.max(mem / cap, s[k.memHost()] / hostCap);
                                    if (near[0] == null || over < near[0].stepTime()) {
                                        near[0] = new Kept(over, index, cand);
                                    }
                                }
                                }
                            }
                        }
                    }
                }
            }
            if (progress != null) {
                progress.accept(evaluated.addAndGet(localEvaluated));
                localEvaluated = 0;
            }
        }
        evaluated.addAndGet(localEvaluated);
        feasible.addAndGet(localFeasible);
    }

    /**
     * A candidate as a design. In the hot loop: under a framework the space already carries its reduction bytes
     * ({@link SearchSpace#withFramework}), so only the overlap flags and the shard group are read here — the rule of
     * {@link ParallelConfig#runBy}, without building a copy per candidate.
     */
    private static ParallelConfig config(SearchSpace space, int[] c) {
        FrameworkProfile f = space.framework();
        boolean overlapDp = f == null || f.overlapDp().si() > 0;
        boolean overlapTp = f == null || f.overlapTp().si() > 0;
        int shard = f == null ? 0 : ParallelConfig.shardGroupFor(f, c[9], c[3] * c[1],
                Math.max(1, space.hardware().scaleUpDomain()));
        return new ParallelConfig(c[0], c[2], c[6], c[3], c[1], c[4], c[5], space.globalBatch(), c[9],
                Recompute.values()[c[8]], c[0] > 1, c[7] == 1 ? Schedule.INTERLEAVED_1F1B : Schedule.ONE_F_ONE_B,
                space.numerics(), overlapDp, overlapTp, space.flashAttention(), space.stateBytes(), shard,
                space.trainableFraction(),
                Offload.values()[c[10]]);
    }

}
