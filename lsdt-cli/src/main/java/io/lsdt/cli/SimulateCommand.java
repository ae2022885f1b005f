package io.lsdt.cli;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.unit.UnitFormat;
import io.lsdt.graph.unit.Units;
import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.catalog.Model;
import io.lsdt.physics.design.AnalyticalStepModel;
import io.lsdt.physics.design.Hardware;
import io.lsdt.physics.design.LayerCosts;
import io.lsdt.physics.design.Numerics;
import io.lsdt.physics.design.ParallelConfig;
import io.lsdt.physics.design.Recompute;
import io.lsdt.physics.design.Schedule;
import io.lsdt.physics.validation.korthikanti.CalculonSystem;
import io.lsdt.sim.engine.Engine;
import io.lsdt.sim.engine.Event;
import io.lsdt.sim.engine.LabSetup;
import io.lsdt.sim.engine.Op;
import io.lsdt.sim.engine.Predictor;
import io.lsdt.sim.engine.SimulationBudget;
import io.lsdt.sim.engine.SimulationResult;
import io.lsdt.sim.lab.LabConstants;
import io.lsdt.sim.lab.LabPredictor;
import io.lsdt.sim.lab.LabSizes;
import io.lsdt.sim.lab.StepsPredictor;
import io.lsdt.sim.predict.PhysicalPredictor;
import io.lsdt.sim.predict.PhysicalSizes;
import io.lsdt.sim.puzzles.Puzzles;
import io.lsdt.sim.state.Sizes;
import io.lsdt.sim.strategy.Strategies;
import io.lsdt.sim.strategy.Strategy;
import io.lsdt.sim.trace.ChromeTrace;
import io.lsdt.sim.trace.TimelinePng;
import io.lsdt.sim.trace.TimelineSvg;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntPredicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lsdt simulate}: one training step, event by event, of a built-in strategy or of a plan's design. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Simulate one training step event by event. Two ways in:",
            "",
            "  --strategy NAME   a built-in strategy on the labs' model (GT CS 8803 lab, Sasha Rush's",
            "                    LLM-Training-Puzzles): L layers, each one square h × h matmul; a sample is a sequence",
            "                    of tokens; memory counted in ELEMENTS as the labs count it.",
            "  --plan BRIEF      the design 'lsdt plan' chooses for a catalog-form brief (or that design with the",
            "                    degrees you override), run as Megatron-LM runs it on the brief's hardware with the",
            "                    physical predictor; prints the analytical step time beside the simulated one and the",
            "                    gap, and how long the simulation itself took.",
            "",
            "Every rank runs its program with logical clocks: a collective starts when its last member arrives, a",
            "receive waits for its send. At the end every layer must have been updated exactly once with every",
            "sample's gradient (the labs' check). A step is built only when its operations, estimated from the sizes",
            "first, fit this JVM's heap (below); a larger one is refused with the estimate, the heap and what helps.",
            "",
            "Predictors (--predictor):",
            "  lab       the GT lab's RuntimePredictor: Calculon rules over a system file (default h100_80g_nvl8;",
            "            --system FILE for another), h = 4096, sequence 1024; seconds; one stream per rank.",
            "  steps     srush's unit costs in abstract steps: forward/backward = samples, update 0.5, collectives",
            "            0.3, send and receive 0.2 each, loss 0; h = 512, sequence 256; srush's pass rule. Every '_s'",
            "            figure is then in steps, and MFU is n/a.",
            "  physical  a real transformer (--model) on a catalog device (--device, --fabric): every layer's",
            "            forward, backward (2 × forward + recomputation), loss, update and transfer costed by the",
            "            design layer's equations and the comm scope's ring α-β model over the link a group uses",
            "            (scale-up inside a domain, scale-out across); memory in BYTES, checked against the device's",
            "            capacity less the framework reserve; compute and each communicator on their own streams.",
            "",
            "Printed: the execution time as the lab defines it (the latest START of any rank's last event) and the",
            "true end; the largest memory with the rank and time it first occurs; the number of events; MFU (the",
            "lab's 4·h²·G·sequence·layers / (peak · ranks) over the execution time with --predictor lab; the model",
            "FLOPs of the step over end × ranks × peak with physical); whether the check passed. --json prints",
            "execution_time_s, end_time_s, max_memory {value, unit, rank, time_s}, events, mfu (null with steps),",
            "checked; with --plan also analytical_step_s, gap (simulated / analytical − 1), design, devices,",
            "wall_s and events_per_s.",
            "",
            "--trace, --svg and --png write the step as a Chrome/Perfetto trace (one thread per stream when streams",
            "overlap), an SVG or a PNG timeline: a regular file whole or not at all (written beside it, then renamed",
            "over it; through a symbolic link to its target), a FIFO or a device (/dev/null) streamed to. Each file",
            "written is listed with its size. A trace holds every rank of a run of up to 64 ranks; of a larger run,",
            "the ranks --trace-ranks names (a list, or 'all'), by default with --plan one representative slice (the",
            "tensor-parallel group of the first pipeline stage and the first rank of every other stage, of context-",
            "parallel rank 0 and data-parallel replica 0), else the first 64.",
            "",
            "Memory: the simulator keeps every rank's program (about 56 B an operation with the engine's state) and",
            "the events of the ranks it draws or traces (24 B more an operation: every rank for --svg and --png, the",
            "traced ones for --trace, none otherwise). A step whose estimate exceeds the JVM's heap is refused before",
            "it is built (exit 2), naming the operations, the heap needed and the heap there is; --plan folds",
            "data-parallel replicas by default above " + PlanSimulation.FOLD_ABOVE_OPS_TEXT + " operations, and JAVA_TOOL_OPTIONS=-Xmx… raises the",
            "heap. Running out of heap anyway is reported the same way, without a stack trace. --progress (default",
            "on a terminal, for a million operations or more) shows the programs built, then the operations run, with",
            "the rate and the time left, on stderr.",
            ""},
        footer = {"", "Strategies (--strategy NAME; each follows its source, see the javadoc of io.lsdt.sim.strategy):",
            "%s", "",
            "  3d: in the labs a layer is one indivisible matmul whose forward needs the whole weight, so tensor",
            "  parallelism cannot split a matmul. --tp T expresses TP's effect per rank instead: a TP group shards its",
            "  layers T ways (weight, gradient, optimizer state), all-gathers a layer before each use and each member",
            "  computes the whole layer on its own share of the samples (--micro-batch is per rank). --plan runs real",
            "  Megatron TP: slices of each matrix, activations all-reduced.",
            "",
            "Examples:",
            "  lsdt simulate --strategy 1f1b --ranks 4 --layers 4 --global-batch 512 --micro-batch 64",
            "  lsdt simulate --strategy gpipe --ranks 4 --layers 8 --global-batch 4 --micro-batch 1 --predictor steps",
            "  lsdt simulate --strategy fsdp --ranks 8 --layers 36 --global-batch 32 --micro-batch 4 --json",
            "  lsdt simulate --strategy interleaved-1f1b --virtual-stages 2 --ranks 4 --layers 16 --global-batch 64 \\",
            "      --micro-batch 8 --trace step.json --svg step.svg",
            "  lsdt simulate --strategy ddp --ranks 8 --global-batch 16 --micro-batch 1 --predictor physical \\",
            "      --model pythia-2.8b --device h100-sxm",
            "  lsdt simulate --plan examples/llama3.1-405b.yaml",
            "  lsdt simulate --plan examples/llama3.1-405b.yaml --tp 8 --pp 16 --dp 128 --cp 1 --virtual-stages 1 \\",
            "      --recompute full      (Meta's Llama 3.1 405B shape on 16,384 GPUs, one 1F1B step)",
            "  lsdt puzzles   (the eight srush puzzles against their targets)"})
final class SimulateCommand implements Callable<Integer> {
    /** The footer line the strategies' list replaces (annotations take constants only). */
    private static final String STRATEGY_LIST = "%s";
    /** Above this many ranks a trace holds only the ranks named (or a default selection). */
    static final int TRACE_ALL_RANKS_UP_TO = 64;

    /** The files this run writes (--trace, --svg, --png). */
    Outputs files;

    picocli.CommandLine.Model.CommandSpec spec;

    /**
     * Receives the command's spec and puts the built-in strategies into the help footer.
     *
     * @param s the command's spec
     */
    @Spec
    void spec(picocli.CommandLine.Model.CommandSpec s) {
        this.spec = s;
        List<String> footer = new ArrayList<>();
        for (String line : s.usageMessage().footer()) {
            if (line.equals(STRATEGY_LIST)) {
                strategyList().lines().forEach(l -> footer.add(l.replace("%", "%%")));
            } else {
                footer.add(line);
            }
        }
        s.usageMessage().footer(footer.toArray(String[]::new));
    }

    @Option(names = "--strategy", paramLabel = "NAME", description = "a built-in strategy (below)")
    String strategy;

    @Option(names = "--plan", paramLabel = "BRIEF", description = "simulate the design 'lsdt plan' chooses for "
            + "this catalog-form brief")
    Path plan;

    @Option(names = "--ranks", paramLabel = "N", description = "ranks (GPUs) in the world (--strategy)")
    Integer ranks;

    @Option(names = "--layers", paramLabel = "L", description = "model layers (--strategy; with --predictor "
            + "physical the model's, by default)")
    Integer layers;

    @Option(names = "--global-batch", paramLabel = "G", description = "samples (sequences) per step (--strategy)")
    Integer globalBatch;

    @Option(names = "--micro-batch", paramLabel = "B", description = "samples per micro-batch (--strategy; with "
            + "--plan, overrides the design's)")
    Integer microBatch;

    @Option(names = "--predictor", paramLabel = "lab|steps|physical", description = "cost model for --strategy "
            + "(default: lab; --plan always uses physical)")
    String predictor;

    @Option(names = "--system", paramLabel = "FILE", description = "a Calculon system JSON file for the lab "
            + "predictor (default: the bundled h100_80g_nvl8)")
    Path system;

    @Option(names = "--model", paramLabel = "ID", description = "catalog model for --predictor physical")
    String model;

    @Option(names = "--device", paramLabel = "ID", description = "catalog device for --predictor physical")
    String device;

    @Option(names = "--fabric", paramLabel = "ID", description = "catalog fabric replacing the device's scale-up "
            + "or scale-out link (--predictor physical)")
    String fabric;

    @Option(names = "--precision", paramLabel = "P", description = "bf16, fp16 or fp8 (--predictor physical; "
            + "default bf16)")
    String precision;

    @Option(names = "--tp", paramLabel = "T", description = "tensor-parallel degree (3d; --plan override)")
    Integer tp;

    @Option(names = "--pp", paramLabel = "P", description = "pipeline stages (pp-fsdp, pp-fsdp-global, 3d; --plan "
            + "override)")
    Integer pp;

    @Option(names = "--virtual-stages", paramLabel = "V", description = "layer blocks per rank (interleaved-1f1b, "
            + "default 2; --plan override: 1 = plain 1F1B)")
    Integer virtualStages;

    @Option(names = "--cp", paramLabel = "C", description = "context-parallel degree (--plan override)")
    Integer cp;

    @Option(names = "--dp", paramLabel = "D", description = "data-parallel degree (--plan override; default: the "
            + "brief's devices / (TP · CP · PP))")
    Integer dp;

    @Option(names = "--zero", paramLabel = "0-3", description = "ZeRO stage: 1 = distributed optimizer, 2 = gradients "
            + "sharded too, 3 = FSDP (--plan override)")
    Integer zero;

    @Option(names = "--recompute", paramLabel = "none|selective|full", description = "activation recomputation "
            + "(--plan override)")
    String recompute;

    @Option(names = "--schedule", paramLabel = "gpipe|1f1b|interleaved", description = "pipeline schedule (--plan "
            + "override)")
    String schedule;

    @Option(names = "--no-overlap", description = "one stream per rank (the labs' clocks) with --predictor physical "
            + "or --plan")
    boolean noOverlap;

    @Option(names = "--no-memory-check", description = "simulate a design even when it does not fit the device's "
            + "memory (--predictor physical, --plan)")
    boolean noMemoryCheck;

    @Option(names = "--fold-dp", description = "--plan: simulate one data-parallel replica standing for all (exact: "
            + "replicas are symmetric); the default when the whole job would exceed the simulator's "
            + PlanSimulation.FOLD_ABOVE_OPS_TEXT + " operations")
    boolean foldDp;

    @Option(names = "--no-fold-dp", description = "--plan: simulate every rank (as many operations as the JVM's "
            + "heap holds, estimated before building)")
    boolean noFoldDp;

    @Option(names = "--trace", paramLabel = "OUT.json", description = "write a Chrome/Perfetto trace")
    Path trace;

    @Option(names = "--trace-ranks", paramLabel = "LIST", description = "ranks the trace holds, e.g. 0-7,128, or "
            + "'all' (default: all up to " + TRACE_ALL_RANKS_UP_TO + " ranks, else a representative slice)")
    String traceRanks;

    @Option(names = "--svg", paramLabel = "OUT.svg", description = "write an SVG timeline")
    Path svg;

    @Option(names = "--png", paramLabel = "OUT.png", description = "write a PNG timeline")
    Path png;

    @Option(names = "--explain", paramLabel = "NAME", description = "--plan: explain a number of the analytical "
            + "column (any graph variable of the design: design.t_step, design.mem_total, training.mfu, …, or an "
            + "alias: step_time, mfu, time_to_train, …) instead of simulating; repeatable")
    java.util.List<String> explain = new java.util.ArrayList<>();

    @Option(names = "--json", description = "print as JSON")
    boolean json;

    @Option(names = "--progress", negatable = true, description = "progress bar on stderr while the programs are "
            + "built and the step runs: operations done, rate and ETA (default: when stderr is a terminal and the "
            + "step has a million operations or more)")
    Boolean progress;

    /** The step's operations as estimated before building it (0 until known): named when the heap runs out. */
    long operations;

    /** Steps of at least this many operations show a progress bar by default (on a terminal). */
    static final long PROGRESS_FROM_OPS = 1_000_000;

    /**
     * The strategies' list for the help footer.
     *
     * @return one entry per strategy: its name, its summary and an example
     */
    static String strategyList() {
        StringBuilder sb = new StringBuilder();
        for (Strategies.Entry e : Strategies.all()) {
            sb.append(String.format(Locale.ROOT, "  %-17s %s%n  %-17s   e.g. %s%n", e.name(), e.summary(), "",
                    e.example()));
        }
        return sb.toString().stripTrailing();
    }

    /**
     * One run to simulate: its strategy, sizes, engine and how to report it.
     *
     * @param strategy the parallel strategy whose programs are simulated
     * @param setup the ranks, layers and batch it runs
     * @param predictor the cost model of each operation's time
     * @param sizes the cost model of each value's bytes
     * @param options the engine's options (overlap, memory capacity)
     * @param description the header line of the text output
     */
    record Run(Strategy strategy, LabSetup setup, Predictor predictor, Sizes sizes, Engine.Options options,
            String description) {}

    @Override
    public Integer call() {
        if ((plan == null) == (strategy == null)) {
            throw LsdtException.of(Problem.INVALID_VALUE, "--strategy / --plan", plan == null ? "neither" : "both",
                    "exactly one of them").withHint("use --strategy NAME for a built-in strategy on the labs' model, "
                            + "or --plan BRIEF for a plan's design");
        }
        files = new Outputs().output("--trace", trace).output("--svg", svg).output("--png", png)
                .input("--plan", plan).input("--system", system);
        files.check();
        if (traceRanks != null) {
            if (trace == null) {
                throw LsdtException.of(Problem.INVALID_VALUE, "--trace-ranks", traceRanks, "given with --trace only")
                        .withHint("add --trace OUT.json, or drop --trace-ranks");
            }
            if (!traceRanks.strip().equalsIgnoreCase("all")) {
                parseRanks(traceRanks, Integer.MAX_VALUE); // its form now, its ranks once the run's size is known
            }
        }
        try {
            return plan != null ? new PlanSimulation(this).call() : strategyCall();
        } catch (OutOfMemoryError e) {
            // the frames that held the programs and events are gone: their memory can be collected again
            throw outOfHeap(operations, SimulationBudget.heap());
        }
    }

    /**
     * The error for a simulation that ran out of the JVM's heap although its estimate fit: exit 2, naming its size,
     * the heap and what helps.
     *
     * @param operations the step's estimated operations (0 when not yet known)
     * @param heap the JVM's heap (B)
     * @return the exception to throw
     */
    static LsdtException outOfHeap(long operations, long heap) {
        String size = operations > 0 ? String.format(Locale.ROOT, "%,d operations", operations) : "the step";
        LsdtException e = LsdtException.of(Problem.INVALID_VALUE, "simulation size", size, String.format(Locale.ROOT,
                "what this JVM's heap of %s holds: it ran out of memory while simulating%s", SimulationBudget.gib(heap),
                operations > 0 ? " (estimated to need about " + SimulationBudget.gib(SimulationBudget.bytesNeeded(
                        operations)) + ")" : ""));
        return e.withHint("--plan: drop --no-fold-dp (one data-parallel replica then stands for all, exactly); or "
                + "simulate fewer ranks, layers or micro-batches; or " + SimulationBudget.heapHint(
                        Math.max(SimulationBudget.bytesNeeded(operations), 2.0 * heap + SimulationBudget.RESERVE_BYTES)));
    }

    /**
     * Builds the programs and runs the step, with a progress bar on stderr when asked for (or by default on a
     * terminal for a large step).
     *
     * @param s the strategy
     * @param setup its sizes
     * @param engine the engine to run it on
     * @param traced the ranks the trace holds
     * @param times filled with the nanoTime before building, after building and after running
     * @return the result
     */
    SimulationResult buildAndRun(Strategy s, LabSetup setup, Engine engine, TraceRanks traced, long[] times) {
        if (operations == 0) {
            operations = s.operations(setup);
        }
        IntPredicate keep = keptRanks(traced);
        double share = keptShare(keep, setup.ranks());
        engine.withEvents(keep);
        boolean show = progress != null ? progress : System.console() != null && operations >= PROGRESS_FROM_OPS;
        times[0] = System.nanoTime();
        if (!show) {
            List<List<Op>> programs = s.programs(setup, () -> {}, share);
            times[1] = System.nanoTime();
            SimulationResult r = engine.run(programs);
            times[2] = System.nanoTime();
            return r;
        }
        List<List<Op>> programs;
        try (SimulationProgress bar = new SimulationProgress(System.err)) {
            programs = bar.build(s, setup, share);
            times[1] = System.nanoTime();
            SimulationResult r = bar.run(engine, programs);
            times[2] = System.nanoTime();
            return r;
        }
    }

    /**
     * @param traced the ranks the trace holds
     * @return the ranks whose events the engine keeps: every rank's for --svg and --png (they draw them all), the
     *     traced ones' for --trace, none otherwise (the report needs only the summary figures); null for all
     */
    IntPredicate keptRanks(TraceRanks traced) {
        if (svg != null || png != null) {
            return null;
        }
        return trace != null ? traced.ranks() : r -> false;
    }

    /** @return the share of {@code n} ranks whose events are kept (1 for null: all) */
    static double keptShare(IntPredicate keep, int n) {
        if (keep == null) {
            return 1;
        }
        long kept = java.util.stream.IntStream.range(0, n).filter(keep).count();
        return (double) kept / Math.max(n, 1);
    }

    private Integer strategyCall() {
        if (!explain.isEmpty()) {
            throw LsdtException.of(Problem.INVALID_VALUE, "--explain", String.join(",", explain),
                    "given with --plan: a strategy run's numbers are the lab's, not graph values")
                    .withHint("lsdt simulate --plan BRIEF --explain design.t_step");
        }
        Run run = strategyRun();
        long[] times = new long[3];
        TraceRanks traced = traceRanks(run.setup().ranks(), null, null);
        SimulationResult r = buildAndRun(run.strategy(), run.setup(), new Engine(run.setup(), run.predictor(),
                run.sizes(), run.options()), traced, times);
        long t0 = times[0];
        long t1 = times[1];
        long t2 = times[2];
        Double mfu = switch (run.predictor()) {
            case LabPredictor lab -> LabPredictor.labMfu(run.setup(), r, lab.peak());
            case PhysicalPredictor phys -> phys.mfu(r);
            default -> null;
        };
        writeOutputs(r, traced);
        if (json) {
            Map<String, Object> m = json(r, mfu);
            putFiles(m);
            spec.commandLine().getOut().print(Json.write(m));
        } else {
            StringBuilder sb = new StringBuilder(run.description());
            sb.append(summary(r, mfu, run.predictor() instanceof StepsPredictor, run.predictor()));
            sb.append(speed(r, (t1 - t0) / 1e9, (t2 - t1) / 1e9));
            sb.append(files.text());
            spec.commandLine().getOut().print(sb);
        }
        return 0;
    }

    private Run strategyRun() {
        String kind = predictor == null ? "lab" : predictor.strip().toLowerCase(Locale.ROOT);
        if (!List.of("lab", "steps", "physical").contains(kind)) {
            throw LsdtException.of(Problem.INVALID_VALUE, "--predictor", predictor, "lab, steps or physical")
                    .withHint("use --predictor lab (Calculon, seconds), steps (srush's unit costs) or physical "
                            + "(a catalog model on a catalog device)");
        }
        if (system != null && !kind.equals("lab")) {
            throw LsdtException.of(Problem.INVALID_VALUE, "--system", system, "given with --predictor lab only")
                    .withHint("drop --system, or use --predictor lab");
        }
        if (!kind.equals("physical")) {
            for (Object[] o : new Object[][] {{"--model", model}, {"--device", device}, {"--fabric", fabric},
                {"--precision", precision}}) {
                if (o[1] != null) {
                    throw LsdtException.of(Problem.INVALID_VALUE, (String) o[0], o[1], "given with --predictor "
                            + "physical only").withHint("add --predictor physical, or drop " + o[0]);
                }
            }
        }
        for (Object[] o : new Object[][] {{"--cp", cp}, {"--dp", dp}, {"--zero", zero}, {"--recompute", recompute},
            {"--schedule", schedule}}) {
            if (o[1] != null) {
                throw LsdtException.of(Problem.INVALID_VALUE, (String) o[0], o[1], "given with --plan only")
                        .withHint("built-in strategies take --tp, --pp and --virtual-stages");
            }
        }
        require("--ranks", ranks);
        require("--global-batch", globalBatch);
        require("--micro-batch", microBatch);
        Strategy s = Strategies.create(strategy, new Strategies.Degrees(orZero(pp, "--pp"), orZero(tp, "--tp"),
                orZero(virtualStages, "--virtual-stages")));
        if (kind.equals("physical")) {
            return physicalRun(s);
        }
        require("--layers", layers);
        if (noOverlap || noMemoryCheck) {
            throw LsdtException.of(Problem.INVALID_VALUE, noOverlap ? "--no-overlap" : "--no-memory-check", "given",
                    "with --predictor physical or --plan only (the labs have one stream and no capacity)");
        }
        LabSetup setup = new LabSetup(ranks, layers, globalBatch, microBatch);
        if (kind.equals("lab")) {
            CalculonSystem sys = system == null ? LabPredictor.bundledSystem(LabPredictor.DEFAULT_SYSTEM)
                    : CalculonSystem.read(system);
            return new Run(s, setup, new LabPredictor(ranks, sys), new LabSizes(LabConstants.HIDDEN,
                    LabConstants.SEQUENCE), Engine.Options.LAB, header(s, setup, "lab predictor: Calculon, seconds"));
        }
        return new Run(s, setup, new StepsPredictor(), new LabSizes(Puzzles.HIDDEN, Puzzles.LENGTH),
                Engine.Options.LAB.withPointToPoint(Engine.PointToPoint.SRUSH),
                header(s, setup, "steps predictor: srush's unit costs, steps"));
    }

    /** A built-in strategy on a real model: costs of whole layers (no tensor slicing), one sequence per sample. */
    private Run physicalRun(Strategy s) {
        require("--model", model);
        require("--device", device);
        Catalog c = Catalog.builtIn();
        Model m = c.model(model);
        Numerics numerics = SearchCommand.numerics(precision == null ? "bf16" : precision);
        Hardware hw = SearchCommand.hardware(c, device, fabric, numerics);
        int l = m.architecture().layers();
        if (layers != null && layers != l) {
            throw LsdtException.of(Problem.INVALID_VALUE, "--layers", layers, "the model's " + l + " layers (or "
                    + "leave it out) with --predictor physical").withHint("drop --layers");
        }
        LabSetup setup = new LabSetup(ranks, l, globalBatch, microBatch);
        ParallelConfig cfg = new ParallelConfig(1, 1, 1, ranks, 1, 1, microBatch, globalBatch, 0, Recompute.NONE,
                false, Schedule.ONE_F_ONE_B, numerics, !noOverlap, false);
        LayerCosts lc = io.lsdt.physics.Physics.stepModel().layerCosts(m.architecture(), hw, cfg);
        Engine.Options o = Engine.Options.LAB.withOverlap(!noOverlap)
                .withCapacity(noMemoryCheck ? 0 : capacity(hw));
        return new Run(s, setup, new PhysicalPredictor(lc), new PhysicalSizes(lc), o, header(s, setup,
                "physical predictor: " + m.id() + " on " + hw.deviceId() + ", seconds, bytes"));
    }

    /**
     * The memory the simulated devices may use.
     *
     * @param hw the hardware
     * @return the device's memory less the framework reserve (B), the capacity the design layer checks against
     */
    static double capacity(Hardware hw) {
        return hw.memoryBytes() - io.lsdt.physics.design.Calibration.DEFAULT.reserve();
    }

    private static String header(Strategy s, LabSetup setup, String costs) {
        return String.format(Locale.ROOT, "Simulated step: %s on %d rank%s, %d layers, global batch %d in "
                + "micro-batches of %d (%s)%n", s.name(), setup.ranks(), setup.ranks() == 1 ? "" : "s",
                setup.layers(), setup.globalBatch(), setup.microBatch(), costs);
    }

    static void require(String option, Object value) {
        if (value == null) {
            throw LsdtException.of(Problem.INVALID_VALUE, option, "missing", "a value")
                    .withHint("see lsdt simulate --help for what each way in needs");
        }
    }

    /**
     * Reads an optional degree for the strategy registry.
     *
     * @param v the option's value, or null when not given
     * @param option the option's name, for the message
     * @return 0 for an option not given (the registry's "default"), else the value, which must be ≥ 1
     */
    static int orZero(Integer v, String option) {
        if (v == null) {
            return 0;
        }
        if (v < 1) {
            throw LsdtException.of(Problem.INVALID_VALUE, option, v, "a whole number ≥ 1")
                    .withHint("use " + option + " 1 or more, or leave it out");
        }
        return v;
    }

    /**
     * The ranks a trace holds and how the report says so.
     *
     * @param ranks the ranks written
     * @param note e.g. {@code "Chrome trace of ranks 0-7 (all 8)"}
     */
    record TraceRanks(IntPredicate ranks, String note) {
    }

    /**
     * The ranks a trace holds: those {@code --trace-ranks} names (or all), else every rank of a run of up to
     * {@value #TRACE_ALL_RANKS_UP_TO}, else {@code slice} (described by {@code sliceWhat}), else the first
     * {@value #TRACE_ALL_RANKS_UP_TO}.
     *
     * @param n the ranks of the run
     * @param slice the ranks to keep in a large run, or null
     * @param sliceWhat what the slice is, for the note
     * @return the ranks and the note that describes them
     */
    TraceRanks traceRanks(int n, BitSet slice, String sliceWhat) {
        BitSet b;
        String what;
        if (traceRanks != null && traceRanks.strip().equalsIgnoreCase("all") || traceRanks == null
                && n <= TRACE_ALL_RANKS_UP_TO) {
            b = new BitSet();
            b.set(0, n);
            what = "all " + UnitFormat.number(n);
        } else if (traceRanks != null) {
            b = parseRanks(traceRanks, n);
            what = UnitFormat.number(b.cardinality()) + " of " + UnitFormat.number(n) + ", named by --trace-ranks";
        } else if (slice != null) {
            b = slice;
            what = UnitFormat.number(b.cardinality()) + " of " + UnitFormat.number(n) + ": " + sliceWhat
                    + "; --trace-ranks all for every rank";
        } else {
            b = new BitSet();
            b.set(0, TRACE_ALL_RANKS_UP_TO);
            what = "the first " + TRACE_ALL_RANKS_UP_TO + " of " + UnitFormat.number(n)
                    + "; --trace-ranks all for every rank";
        }
        return new TraceRanks(b::get, "Chrome trace of rank" + (b.cardinality() == 1 ? " " : "s ") + ranges(b)
                + " (" + what + ")");
    }

    /**
     * A set of ranks as ranges, as {@code --trace-ranks} takes them.
     *
     * @param b ranks
     * @return {@code 0-7,32,64}
     */
    static String ranges(BitSet b) {
        StringBuilder sb = new StringBuilder();
        for (int from = b.nextSetBit(0); from >= 0; ) {
            int to = b.nextClearBit(from) - 1;
            sb.append(sb.isEmpty() ? "" : ",").append(from).append(to > from ? "-" + to : "");
            from = to == Integer.MAX_VALUE ? -1 : b.nextSetBit(to + 1);
        }
        return sb.toString();
    }

    /**
     * Parses {@code 0-7,128,130-131}.
     *
     * @param text the ranks, e.g. {@code 0-7,128,130-131}
     * @param n the ranks of the run (each must be below it)
     * @return the ranks
     */
    static BitSet parseRanks(String text, int n) {
        BitSet b = new BitSet();
        for (String part : text.split(",", -1)) {
            String p = part.strip();
            try {
                int dash = p.indexOf('-', 1);
                int from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash).strip());
                int to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1).strip());
                if (from < 0 || to < from || to >= n) {
                    throw new NumberFormatException();
                }
                b.set(from, to + 1);
            } catch (NumberFormatException e) {
                throw LsdtException.of(Problem.INVALID_VALUE, "--trace-ranks", text, "'all', or ranks or ranges of "
                        + "ranks" + (n == Integer.MAX_VALUE ? "" : " from 0 to " + (n - 1)) + ", separated by "
                        + "commas, e.g. 0-7,128");
            }
        }
        return b;
    }

    /**
     * Writes the trace, SVG and PNG asked for.
     *
     * @param r the simulation
     * @param ranks the ranks the trace holds
     */
    void writeOutputs(SimulationResult r, TraceRanks ranks) {
        if (trace != null) {
            ChromeTrace.Threads threads = r.hasStreams() ? ChromeTrace.Threads.STREAMS : ChromeTrace.Threads.EXECUTION;
            files.write("--trace", trace, ranks.note(), out -> ChromeTrace.writeTo(r, out, threads, ranks.ranks()));
        }
        if (svg != null) {
            files.write("--svg", svg, "SVG timeline", out -> TimelineSvg.writeTo(r, out));
        }
        if (png != null) {
            files.write("--png", png, "PNG timeline", out -> TimelinePng.writeTo(r, out));
        }
    }

    /**
     * Adds the files written to a JSON result ({@code files}; left out when nothing was written).
     *
     * @param m the JSON result
     */
    void putFiles(Map<String, Object> m) {
        if (!files.written().isEmpty()) {
            m.put("files", files.json());
        }
    }

    /**
     * The JSON contract: these keys first, in this order (--plan adds its own after them).
     *
     * @param r the simulation
     * @param mfu the step's MFU by the predictor's peak, or null when the predictor has none
     * @return the JSON result
     */
    static Map<String, Object> json(SimulationResult r, Double mfu) {
        Event max = r.maxMemoryEvent();
        Map<String, Object> mem = new LinkedHashMap<>();
        double value = max == null ? 0 : max.memory();
        mem.put("value", value == Math.rint(value) && Math.abs(value) < 9e15 ? (Object) (long) value : value);
        mem.put("unit", r.memoryUnit());
        mem.put("rank", max == null ? null : max.rank());
        mem.put("time_s", max == null ? null : max.start());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("execution_time_s", r.executionTime());
        m.put("end_time_s", r.endTime());
        m.put("max_memory", mem);
        m.put("events", r.eventCount());
        m.put("mfu", mfu);
        m.put("checked", r.checked());
        return m;
    }

    /**
     * The summary table of a simulated step.
     *
     * @param r the simulation
     * @param mfu the step's MFU, or null
     * @param steps whether the costs are abstract steps rather than seconds and bytes
     * @param p the predictor
     * @return the table
     */
    static String summary(SimulationResult r, Double mfu, boolean steps, Predictor p) {
        Event max = r.maxMemoryEvent();
        TextTable t = new TextTable(new String[] {"quantity", "value", "note"}, false, true, false);
        t.row("execution time", time(r.executionTime(), steps), "the lab's: latest start of a rank's last event");
        t.row("end", time(r.endTime(), steps), "the true end of the last event");
        t.row("max memory", memory(max == null ? 0.0 : max.memory(), r.memoryUnit()),
                max == null ? "" : "rank " + max.rank() + " at " + time(max.start(), steps) + " (" + max.kind().label()
                        + ")");
        t.row("events", String.format(Locale.ROOT, "%,d", r.eventCount()), "");
        t.row("MFU", mfu == null ? "n/a" : UnitFormat.significant(mfu * 100) + " %", switch (p) {
            case LabPredictor l -> "the lab's: 4·h²·G·sequence·layers / (peak · ranks) over the execution time";
            case PhysicalPredictor l -> "model FLOPs of the step / (end × ranks × dense peak)";
            default -> "the steps predictor has no FLOP rate";
        });
        t.row("checked", r.checked() ? "yes" : "no", "every layer updated once with every sample's gradient");
        return t.render("  ");
    }

    static String memory(double value, String unit) {
        return unit.equals("bytes") ? UnitFormat.format(value, Units.parse("GiB"))
                : String.format(Locale.ROOT, "%,.0f %s", value, unit);
    }

    static String time(double v, boolean steps) {
        return steps ? UnitFormat.significant(v) + " steps" : String.format(Locale.ROOT, "%,.4f µs", v * 1e6);
    }

    /**
     * How long the simulation itself took, and the heap it used.
     *
     * @param r the simulation
     * @param programs time spent building the ranks' programs (s)
     * @param run time the engine ran (s)
     * @return the line
     */
    static String speed(SimulationResult r, double programs, double run) {
        return String.format(Locale.ROOT, "  simulated in %.2f s (programs %.2f s, engine %.2f s: %s events/s), "
                + "peak heap %s%n", programs + run, programs, run,
                UnitFormat.significant(r.eventCount() / Math.max(run, 1e-9)),
                UnitFormat.format(peakHeap(), Units.parse("GiB")));
    }

    /**
     * The heap the simulation used, for the speed line.
     *
     * @return the sum of the heap pools' peak usage since the JVM started (B)
     */
    static double peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
