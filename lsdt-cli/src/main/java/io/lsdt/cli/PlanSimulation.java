package io.lsdt.cli;

import io.lsdt.api.DesignPoint;
import io.lsdt.api.Lsdt;
import io.lsdt.api.PlanContext;
import io.lsdt.api.PlanRequest;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.unit.UnitFormat;
import io.lsdt.graph.unit.Units;
import io.lsdt.physics.design.AnalyticalStepModel;
import io.lsdt.physics.design.Calibration;
import io.lsdt.physics.design.LayerCosts;
import io.lsdt.physics.design.ParallelConfig;
import io.lsdt.physics.design.Prediction;
import io.lsdt.physics.design.Recompute;
import io.lsdt.physics.design.Schedule;
import io.lsdt.physics.design.StepLedger;
import io.lsdt.sim.engine.Engine;
import io.lsdt.sim.engine.Event;
import io.lsdt.sim.engine.LabSetup;
import io.lsdt.sim.engine.Op;
import io.lsdt.sim.engine.SimulationBudget;
import io.lsdt.sim.engine.SimulationResult;
import io.lsdt.sim.predict.PhysicalPredictor;
import io.lsdt.sim.predict.PhysicalSizes;
import io.lsdt.sim.strategy.Megatron;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code lsdt simulate --plan BRIEF}: the design the plan chooses (or that design with overridden degrees), run as
 * Megatron-LM runs it with the physical predictor, beside the analytical prediction of the same design.
 */
final class PlanSimulation {
    /**
     * Above this many operations in all programs, one data-parallel replica is simulated for all by default
     * ({@link LabSetup#LARGE_OPERATIONS}: tens of seconds), and above what this JVM's heap holds
     * ({@link io.lsdt.sim.engine.SimulationBudget}), so that the default never refuses a job it can fold.
     */
    static final long FOLD_ABOVE_OPS = LabSetup.LARGE_OPERATIONS;
    static final String FOLD_ABOVE_OPS_TEXT = "20 million"; // UnitFormat.words(FOLD_ABOVE_OPS), a constant for --help

    private final SimulateCommand o;

    PlanSimulation(SimulateCommand options) {
        this.o = options;
    }

    Integer call() {
        for (Object[] opt : new Object[][] {{"--strategy", o.strategy}, {"--ranks", o.ranks}, {"--layers", o.layers},
            {"--global-batch", o.globalBatch}, {"--predictor", o.predictor}, {"--system", o.system},
            {"--model", o.model}, {"--device", o.device}, {"--fabric", o.fabric}, {"--precision", o.precision}}) {
            if (opt[1] != null) {
                throw LsdtException.of(Problem.INVALID_VALUE, (String) opt[0], opt[1], "not given with --plan: the "
                        + "brief names the model, hardware, batch and precision")
                        .withHint("drop " + opt[0] + ", or change the brief");
            }
        }
        Lsdt lsdt = Lsdt.builtIn();
        PlanRequest request = PlanRequest.of(o.plan).withTop(1).withDeadlineFirst(false);
        PlanContext in = lsdt.context(request);
        var arch = in.model().architecture();
        ParallelConfig base;
        if (o.tp != null && o.pp != null && o.dp != null) {
            base = defaults(in.globalBatch());
        } else {
            DesignPoint chosen = lsdt.plan(request).chosen();
            if (chosen == null) {
                throw LsdtException.of(Problem.INVALID_VALUE, "brief", o.plan, "a brief for which 'lsdt plan' "
                        + "finds a design that fits").withHint("run lsdt plan " + o.plan + " to see why, or give the "
                                + "design with --tp, --pp, --dp (and --cp, --virtual-stages, --zero, --recompute)");
            }
            base = chosen.config();
        }
        ParallelConfig cfg = override(base, in).withStateBytes(in.stateBytes());
        cfg.validate(arch.layers(), arch.heads(), arch.kvHeads(), arch.moe() == null ? 0 : arch.moe().experts());
        if (cfg.ep() > 1) {
            throw LsdtException.of(Problem.INVALID_VALUE, "design ep", cfg.ep(), "1: the simulator does not run "
                    + "expert parallelism yet").withHint("the analytical plan covers EP; simulate an EP 1 design");
        }
        AnalyticalStepModel model = lsdt.stepModel();
        DesignPoint point = lsdt.design(request, cfg);
        if (!o.explain.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (String n : o.explain) {
                sb.append(TracePrinter.explain(point.explain(MacroPrinter.variable(n)))).append('\n');
            }
            o.spec.commandLine().getOut().print(sb);
            return 0;
        }
        Prediction p = point.prediction();
        LayerCosts lc = model.layerCosts(arch, in.hardware(), cfg);
        if (o.foldDp && o.noFoldDp) {
            throw LsdtException.of(Problem.INVALID_VALUE, "--fold-dp / --no-fold-dp", "both", "at most one");
        }
        Megatron whole = Megatron.of(cfg);
        boolean fold = o.foldDp || !o.noFoldDp && cfg.dp() > 1
                && whole.operations(whole.setup(arch.layers(), cfg.globalBatch(), cfg.microBatch()))
                        > Math.min(FOLD_ABOVE_OPS, SimulationBudget.maxOperations());
        Megatron s = whole.withFoldDp(fold);
        LabSetup setup = s.setup(arch.layers(), cfg.globalBatch(), cfg.microBatch());
        Engine.Options options = Engine.Options.LAB.withOverlap(!o.noOverlap && cfg.overlapDp())
                .withCapacity(o.noMemoryCheck ? 0 : SimulateCommand.capacity(in.hardware()))
                .withReplicas(s.replicas()).withChannelCapacity(Megatron.CHANNEL_CAPACITY);
        PhysicalPredictor predictor = fold ? new PhysicalPredictor(lc, s::realRank, s.replicaStride())
                : new PhysicalPredictor(lc);
        // one representative slice: the TP group of the first stage, the first rank of every other stage
        BitSet slice = new BitSet();
        slice.set(0, cfg.tp());
        for (int stage = 1; stage < cfg.pp(); stage++) {
            slice.set(cfg.tp() * cfg.cp() * (fold ? 1 : cfg.dp()) * stage);
        }
        SimulateCommand.TraceRanks traced = o.traceRanks(setup.ranks(), slice, "the tensor-parallel group of the "
                + "first pipeline stage and the first rank of every other stage, context-parallel rank 0, "
                + "data-parallel replica 0");
        double keptShare = SimulateCommand.keptShare(o.keptRanks(traced), setup.ranks());
        long operations = s.operations(setup);
        try {
            setup.checkOperations(s.name(), operations, keptShare);
        } catch (LsdtException e) {
            throw e.replaceHint((fold ? "simulate a design with fewer micro-batches per replica (a larger "
                    + "--micro-batch) or fewer pipeline stages" : "drop --no-fold-dp: one data-parallel replica then "
                    + "stands for all, exactly") + "; or " + SimulationBudget.heapHint(SimulationBudget.bytesNeeded(
                            operations, keptShare)));
        }
        o.operations = operations;
        long[] times = new long[3];
        SimulationResult r;
        try {
            r = o.buildAndRun(s, setup, new Engine(setup, predictor, new PhysicalSizes(lc), options), traced, times);
        } catch (LsdtException e) {
            if (e.problem() == Problem.OUT_OF_MEMORY) {
                throw e.replaceHint("the design does not fit " + in.hardware().deviceId() + " ("
                        + UnitFormat.format(SimulateCommand.capacity(in.hardware()), Units.parse("GiB"))
                        + " after the framework reserve): try --recompute selective or full, --zero 1 or 2, more "
                        + "pipeline stages (--pp), or --no-memory-check to simulate it anyway");
            }
            throw e;
        }
        long t0 = times[0];
        long t1 = times[1];
        long t2 = times[2];
        o.writeOutputs(r, traced);
        Double mfu = predictor.mfu(r);
        double programsS = (t1 - t0) / 1e9;
        double runS = (t2 - t1) / 1e9;
        if (o.json) {
            Map<String, Object> m = SimulateCommand.json(r, mfu);
            m.put("analytical_step_s", p.stepTime());
            m.put("gap", r.endTime() / p.stepTime() - 1);
            m.put("design", design(cfg));
            m.put("devices", cfg.devices());
            m.put("ranks_simulated", r.ranks());
            m.put("replicas", r.replicas());
            Map<String, Object> wall = new LinkedHashMap<>();
            wall.put("programs", programsS);
            wall.put("engine", runS);
            m.put("wall_s", wall);
            m.put("events_per_s", r.eventCount() / Math.max(runS, 1e-9));
            o.putFiles(m);
            o.spec.commandLine().getOut().print(Json.write(m));
            return 0;
        }
        o.spec.commandLine().getOut().print(report(in, point, r, mfu) + SimulateCommand.speed(r, programsS, runS)
                + o.files.text());
        return 0;
    }

    /** A design from the degrees given alone: 1F1B (interleaved with --virtual-stages > 1), ZeRO-1, no recompute. */
    private ParallelConfig defaults(int gbs) {
        int v = o.virtualStages == null ? 1 : o.virtualStages;
        return new ParallelConfig(o.tp, o.pp, v, o.dp, o.cp == null ? 1 : o.cp, 1,
                o.microBatch == null ? 1 : o.microBatch, gbs, 1, Recompute.NONE, o.tp > 1,
                v > 1 ? Schedule.INTERLEAVED_1F1B : Schedule.ONE_F_ONE_B, io.lsdt.physics.design.Numerics.BF16, true,
                false);
    }

    /** The base design with the degrees and choices given on the command line. */
    private ParallelConfig override(ParallelConfig b, PlanContext in) {
        int tp = pick(o.tp, b.tp(), "--tp");
        int pp = pick(o.pp, b.pp(), "--pp");
        int cp = pick(o.cp, b.cp(), "--cp");
        int v = pick(o.virtualStages, b.schedule() == Schedule.INTERLEAVED_1F1B ? b.vpp() : 1, "--virtual-stages");
        int mb = pick(o.microBatch, b.microBatch(), "--micro-batch");
        int dp;
        if (o.dp != null) {
            dp = pick(o.dp, b.dp(), "--dp");
        } else if (o.tp != null || o.pp != null || o.cp != null) {
            long devices = in.brief().devices() != null ? in.brief().devices() : b.devices();
            long rest = (long) tp * pp * cp;
            if (devices % rest != 0) {
                throw LsdtException.of(Problem.INVALID_VALUE, "--tp × --pp × --cp", rest, "a divisor of the "
                        + devices + " devices").withHint("give --dp as well");
            }
            dp = (int) (devices / rest);
        } else {
            dp = b.dp();
        }
        int zeroStage = o.zero == null ? b.zeroStage() : o.zero;
        Recompute rc = o.recompute == null ? b.recompute() : Recompute.parse(o.recompute);
        Schedule sched;
        if (o.schedule != null) {
            sched = switch (o.schedule.strip().toLowerCase(Locale.ROOT)) {
                case "gpipe" -> Schedule.GPIPE;
                case "1f1b" -> Schedule.ONE_F_ONE_B;
                case "interleaved", "interleaved-1f1b" -> Schedule.INTERLEAVED_1F1B;
                case "zb-h1", "zbh1" -> Schedule.ZB_H1;
                default -> throw LsdtException.of(Problem.INVALID_VALUE, "--schedule", o.schedule,
                        "gpipe, 1f1b or interleaved");
            };
        } else {
            sched = v > 1 ? Schedule.INTERLEAVED_1F1B : b.schedule() == Schedule.GPIPE ? Schedule.GPIPE
                    : b.schedule() == Schedule.ZB_H1 ? Schedule.ZB_H1 : Schedule.ONE_F_ONE_B;
        }
        if (sched == Schedule.INTERLEAVED_1F1B && v < 2) {
            throw LsdtException.of(Problem.INVALID_VALUE, "--virtual-stages", v, "2 or more with the interleaved "
                    + "schedule");
        }
        if (sched != Schedule.INTERLEAVED_1F1B) {
            v = 1;
        }
        return new ParallelConfig(tp, pp, v, dp, cp, b.ep(), mb, b.globalBatch(), zeroStage, rc, tp > 1,
                sched, b.numerics(), b.overlapDp(), b.overlapTp(), b.flashAttention());
    }

    private static int pick(Integer given, int base, String option) {
        return given == null ? base : SimulateCommand.orZero(given, option);
    }

    private static Map<String, Object> design(ParallelConfig c) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("tp", c.tp());
        d.put("cp", c.cp());
        d.put("pp", c.pp());
        d.put("vpp", c.vpp());
        d.put("dp", c.dp());
        d.put("micro_batch", c.microBatch());
        d.put("global_batch", c.globalBatch());
        d.put("zero_stage", c.zeroStage());
        d.put("recompute", c.recompute().key());
        d.put("schedule", c.schedule().name().toLowerCase(Locale.ROOT));
        return d;
    }

    private String report(PlanContext in, DesignPoint point, SimulationResult r, Double mfu) {
        ParallelConfig c = point.config();
        Prediction p = point.prediction();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Simulated step: %s on %s × %s — TP %d, CP %d, PP %d%s, DP %d, "
                + "micro-batch %d, %s recompute, ZeRO-%d, %s%n", in.model().id(),
                UnitFormat.number(c.devices()), in.hardware().deviceId(), c.tp(), c.cp(), c.pp(),
                c.schedule() == Schedule.INTERLEAVED_1F1B ? " (interleaved, v " + c.vpp() + ")"
                        : c.schedule() == Schedule.GPIPE ? " (GPipe)" : " (1F1B)", c.dp(), c.microBatch(),
                c.recompute() == Recompute.NONE ? "no" : c.recompute().key(), c.zeroStage(),
                r.hasStreams() ? "compute and communication overlapping" : "one stream per rank"));
        // the rank that finishes last: its compute stream's busy time; the rest of its step is waiting
        int last = 0;
        double end = -1;
        for (int k = 0; k < r.ranks(); k++) {
            double e = r.rankEnd(k);
            if (e > end) {
                end = e;
                last = k;
            }
        }
        double busy = r.rankBusy(last);
        StepLedger l = p.ledger();
        double aCompute = l.compute() + l.recompute() + l.memoryBound() + l.optimizer();
        TextTable t = new TextTable(new String[] {"", "analytical", "simulated", "note"}, false, true, true, false);
        t.row("step time", Fmt.secs(p.stepTime()), Fmt.secs(r.endTime()), String.format(Locale.ROOT, "gap %+.1f %%",
                (r.endTime() / p.stepTime() - 1) * 100));
        t.row("  computing", Fmt.secs(aCompute), Fmt.secs(busy), "GEMMs, attention, memory-bound kernels, loss, optimizer; "
                + "simulated: busy time of rank " + last + "'s compute stream (it finishes last)");
        t.row("  waiting", Fmt.secs(p.stepTime() - aCompute), Fmt.secs(r.endTime() - busy), "pipeline bubble and exposed "
                + "communication (analytical: bubble " + Fmt.secs(l.bubble()) + ", TP " + Fmt.secs(l.tpComm()) + ", CP "
                + Fmt.secs(l.cpComm()) + ", PP " + Fmt.secs(l.ppComm()) + ", DP " + Fmt.secs(l.dpComm()) + ")");
        Event max = r.maxMemoryEvent();
        double reserve = Calibration.DEFAULT.reserve();
        t.row("memory per GPU", Fmt.gib(p.memory().total() - reserve), Fmt.gib(max == null ? 0 : max.memory()),
                "weights, gradients, optimizer state, activations (the " + Fmt.gib(reserve) + " framework reserve "
                        + "left out); simulated: the peak, on rank " + (max == null ? "-" : max.rank()));
        t.row("MFU", Fmt.pct(p.mfu(in.hardware().peakFlops())), mfu == null ? "n/a" : Fmt.pct(mfu), "model FLOPs / (step "
                + "× GPUs × dense " + in.numerics().gemmPrecision().key() + " peak)");
        t.row("time to train", Fmt.days(point.timeToTrain()), Fmt.days(point.timeToTrainAtStep(r.endTime())), String.format(
                Locale.ROOT, "%,.0f steps, stragglers and failures included (lsdt plan's definition); deadline %s",
                in.steps(), Fmt.days(in.deadline())));
        sb.append(t.render("  "));
        sb.append(String.format(Locale.ROOT, "  %s events, checked: %s%n", UnitFormat.number(r.eventCount()),
                r.checked() ? "every layer updated once with every sample's gradient" : "no"));
        if (r.replicas() > 1) {
            sb.append(String.format(Locale.ROOT, "  one data-parallel replica simulated (%s ranks) for all %d: "
                    + "replicas run the same program on their own samples, so their times and memory are the same; "
                    + "data-parallel collectives are charged for all %d ranks (--no-fold-dp simulates every rank)%n",
                    UnitFormat.number(r.ranks()), r.replicas(), c.dp() * c.cp()));
        }
        return sb.toString();
    }




}
