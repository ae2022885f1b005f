package io.lsdt.cli;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.unit.UnitFormat;
import io.lsdt.physics.validation.korthikanti.CalculonSystem;
import io.lsdt.sim.engine.Engine;
import io.lsdt.sim.engine.Event;
import io.lsdt.sim.engine.LabSetup;
import io.lsdt.sim.engine.SimulationResult;
import io.lsdt.sim.predict.LabConstants;
import io.lsdt.sim.predict.LabPredictor;
import io.lsdt.sim.predict.Predictor;
import io.lsdt.sim.predict.StepsPredictor;
import io.lsdt.sim.puzzles.Puzzles;
import io.lsdt.sim.strategy.Strategies;
import io.lsdt.sim.strategy.Strategy;
import io.lsdt.sim.trace.ChromeTrace;
import io.lsdt.sim.trace.TimelinePng;
import io.lsdt.sim.trace.TimelineSvg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lsdt simulate}: one training step of a built-in strategy, event by event, with the lab's semantics. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Simulate one training step of a parallel strategy, event by event, as the GT CS 8803 lab and Sasha Rush's",
            "LLM-Training-Puzzles do: every rank runs its program on one clock (compute and communication never",
            "overlap), a collective starts when its last member arrives, a receive waits for its send. The model is the",
            "labs': L layers, each one square h × h matmul; a sample is a sequence of tokens; memory is the sum of the",
            "values a rank stores, counted in ELEMENTS as the labs count it (weights, optimizer state and weight",
            "gradients h² per layer, activations h × sequence per sample). At the end every layer must have been",
            "updated exactly once with every sample's gradient (the labs' check).",
            "",
            "Predictors:",
            "  lab    the GT lab's RuntimePredictor: Calculon rules over a system file (default h100_80g_nvl8; --system",
            "         FILE for another), h = 4096, sequence 1024; times in seconds; the GT lab's send/receive rule.",
            "  steps  srush's unit costs in abstract steps: forward/backward = samples, update 0.5, collectives 0.3,",
            "         send and receive 0.2 each, loss 0; h = 512, sequence 256; srush's pass rule (a receive starts",
            "         no earlier than the end of the send). Every '_s' figure is then in steps, and MFU is n/a.",
            "",
            "Printed: the execution time as the lab defines it (the latest START of any rank's last event) and the",
            "true end; the largest memory with the rank and time it first occurs; the number of events; MFU as the",
            "lab's section 8.3 defines it: 4·h²·global batch·sequence·layers / (peak FLOP/s · ranks) over the execution",
            "time (peak = the system's float16 matrix TFLOPS, 1e15 FLOP/s for h100_80g_nvl8); and whether the check",
            "passed. --json prints exactly: execution_time_s, end_time_s, max_memory {value, unit, rank, time_s},",
            "events, mfu (a fraction; null with steps), checked.",
            "",
            "--trace, --svg and --png write the step as a Chrome/Perfetto trace, an SVG or a PNG timeline, each file",
            "whole or not at all.",
            ""},
        footer = {"", "Strategies (--strategy NAME; each follows its source, see the javadoc of io.lsdt.sim.strategy):",
            "%s", "",
            "  3d: in the labs a layer is one indivisible matmul whose forward needs the whole weight, so tensor",
            "  parallelism cannot split a matmul. --tp T expresses TP's effect per rank instead: a TP group shards its",
            "  layers T ways (weight, gradient, optimizer state), all-gathers a layer before each use and each member",
            "  computes the whole layer on its own share of the samples (--micro-batch is per rank).",
            "",
            "Examples:",
            "  lsdt simulate --strategy 1f1b --ranks 4 --layers 4 --global-batch 512 --micro-batch 64",
            "  lsdt simulate --strategy gpipe --ranks 4 --layers 8 --global-batch 4 --micro-batch 1 --predictor steps",
            "  lsdt simulate --strategy fsdp --ranks 8 --layers 36 --global-batch 32 --micro-batch 4 --json",
            "  lsdt simulate --strategy 3d --tp 2 --pp 4 --ranks 16 --layers 32 --global-batch 256 --micro-batch 8",
            "  lsdt simulate --strategy interleaved-1f1b --virtual-stages 2 --ranks 4 --layers 16 --global-batch 64 \\",
            "      --micro-batch 8 --trace step.json --svg step.svg",
            "  lsdt puzzles   (the eight srush puzzles against their targets)"})
final class SimulateCommand implements Callable<Integer> {
    /** The footer line the strategies' list replaces (annotations take constants only). */
    private static final String STRATEGY_LIST = "%s";

    picocli.CommandLine.Model.CommandSpec spec;

    /** Receives the command's spec and puts the built-in strategies into the help footer. */
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

    @Option(names = "--strategy", required = true, paramLabel = "NAME", description = "a built-in strategy (below)")
    String strategy;

    @Option(names = "--ranks", required = true, paramLabel = "N", description = "ranks (GPUs) in the world")
    int ranks;

    @Option(names = "--layers", required = true, paramLabel = "L", description = "model layers (h × h matmuls)")
    int layers;

    @Option(names = "--global-batch", required = true, paramLabel = "G", description = "samples per step")
    int globalBatch;

    @Option(names = "--micro-batch", required = true, paramLabel = "B", description = "samples per micro-batch")
    int microBatch;

    @Option(names = "--predictor", defaultValue = "lab", paramLabel = "lab|steps", description = "cost model "
            + "(default: ${DEFAULT-VALUE})")
    String predictor;

    @Option(names = "--system", paramLabel = "FILE", description = "a Calculon system JSON file for the lab "
            + "predictor (default: the bundled h100_80g_nvl8)")
    Path system;

    @Option(names = "--pp", paramLabel = "P", description = "pipeline stages (pp-fsdp, pp-fsdp-global, 3d)")
    Integer pp;

    @Option(names = "--tp", paramLabel = "T", description = "tensor-parallel degree (3d; default 1)")
    Integer tp;

    @Option(names = "--virtual-stages", paramLabel = "V", description = "layer blocks per rank (interleaved-1f1b; "
            + "default 2)")
    Integer virtualStages;

    @Option(names = "--trace", paramLabel = "OUT.json", description = "write a Chrome/Perfetto trace")
    Path trace;

    @Option(names = "--svg", paramLabel = "OUT.svg", description = "write an SVG timeline")
    Path svg;

    @Option(names = "--png", paramLabel = "OUT.png", description = "write a PNG timeline")
    Path png;

    @Option(names = "--json", description = "print as JSON")
    boolean json;

    /** The strategies' list for the help footer. */
    static String strategyList() {
        StringBuilder sb = new StringBuilder();
        for (Strategies.Entry e : Strategies.all()) {
            sb.append(String.format(Locale.ROOT, "  %-17s %s%n  %-17s   e.g. %s%n", e.name(), e.summary(), "",
                    e.example()));
        }
        return sb.toString().stripTrailing();
    }

    @Override
    public Integer call() {
        String kind = predictor.strip().toLowerCase(Locale.ROOT);
        if (!kind.equals("lab") && !kind.equals("steps")) {
            throw LsdtException.of(Problem.INVALID_VALUE, "--predictor", predictor, "lab or steps")
                    .withHint("use --predictor lab (Calculon, seconds) or --predictor steps (srush's unit costs)");
        }
        boolean lab = kind.equals("lab");
        if (system != null && !lab) {
            throw LsdtException.of(Problem.INVALID_VALUE, "--system", system, "not given with --predictor steps")
                    .withHint("drop --system, or use --predictor lab");
        }
        LabSetup setup = new LabSetup(ranks, layers, globalBatch, microBatch);
        Strategy s = Strategies.create(strategy, new Strategies.Degrees(orZero(pp, "--pp"),
                orZero(tp, "--tp"), orZero(virtualStages, "--virtual-stages")));
        for (Path out : outputs()) {
            checkWritable(out);
        }
        CalculonSystem sys = null;
        Predictor costs;
        Engine engine;
        if (lab) {
            sys = system == null ? LabPredictor.bundledSystem(LabPredictor.DEFAULT_SYSTEM) : CalculonSystem.read(system);
            costs = new LabPredictor(ranks, sys);
            engine = new Engine(setup, costs, LabConstants.HIDDEN, LabConstants.SEQUENCE, Engine.PointToPoint.GT_LAB);
        } else {
            costs = new StepsPredictor();
            engine = new Engine(setup, costs, Puzzles.HIDDEN, Puzzles.LENGTH, Engine.PointToPoint.SRUSH);
        }
        SimulationResult r = engine.run(s.programs(setup));
        Double mfu = lab ? mfu(setup, r, sys.matrix().get(LabConstants.DATATYPE).tflops() * 1e12) : null;
        if (trace != null) {
            ChromeTrace.write(r, trace);
        }
        if (svg != null) {
            TimelineSvg.write(r, svg);
        }
        if (png != null) {
            TimelinePng.write(r, png);
        }
        spec.commandLine().getOut().print(json ? Json.write(json(r, mfu)) : human(s, setup, lab, r, mfu));
        return 0;
    }

    /** @return 0 for an option not given (the registry's "default"), else the value, which must be ≥ 1 */
    private static int orZero(Integer v, String option) {
        if (v == null) {
            return 0;
        }
        if (v < 1) {
            throw LsdtException.of(Problem.INVALID_VALUE, option, v, "a whole number ≥ 1")
                    .withHint("use " + option + " 1 or more, or leave it out");
        }
        return v;
    }

    private List<Path> outputs() {
        List<Path> out = new ArrayList<>();
        for (Path p : new Path[] {trace, svg, png}) {
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    /** Fails before simulating when an output cannot be written (nothing is written then). */
    private static void checkWritable(Path out) {
        Path abs = out.toAbsolutePath().normalize();
        Path dir = abs.getParent();
        if (Files.isDirectory(abs)) {
            throw LsdtException.of(Problem.INVALID_VALUE, "output file", out, "a file path, but it is a folder")
                    .withHint("name a file inside it, e.g. " + out.resolve("step.json"));
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw LsdtException.of(Problem.INVALID_VALUE, "output file", out, "a file in an existing folder ("
                    + dir + " does not exist)").withHint("create the folder first; LSDT does not create folders");
        }
    }

    /**
     * The lab's MFU (§8.3 of the lab reference): 4·h²·G·L·layers / (peak · ranks) over the execution time.
     *
     * @return a fraction, or null when the execution time is 0
     */
    static Double mfu(LabSetup s, SimulationResult r, double peak) {
        double h = LabConstants.HIDDEN;
        double best = 4 * h * h * s.globalBatch() * (double) LabConstants.SEQUENCE * s.layers() / (peak * s.ranks());
        double t = r.executionTime();
        return t > 0 ? best / t : null;
    }

    /** The JSON contract: exactly these keys, in this order. */
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

    private static String human(Strategy s, LabSetup setup, boolean lab, SimulationResult r, Double mfu) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Simulated step: %s on %d rank%s, %d layers, global batch %d in "
                + "micro-batches of %d (%s)%n", s.name(), setup.ranks(), setup.ranks() == 1 ? "" : "s",
                setup.layers(), setup.globalBatch(), setup.microBatch(), lab ? "lab predictor: Calculon, seconds"
                        : "steps predictor: srush's unit costs, steps"));
        Event max = r.maxMemoryEvent();
        TextTable t = new TextTable(new String[] {"quantity", "value", "note"}, false, true, false);
        t.row("execution time", time(r.executionTime(), lab), "the lab's: latest start of a rank's last event");
        t.row("end", time(r.endTime(), lab), "the true end of the last event");
        t.row("max memory", String.format(Locale.ROOT, "%,.0f %s", max == null ? 0.0 : max.memory(), r.memoryUnit()),
                max == null ? "" : "rank " + max.rank() + " at " + time(max.start(), lab) + " (" + max.kind().label()
                        + ")");
        t.row("events", String.format(Locale.ROOT, "%,d", r.eventCount()), "");
        t.row("MFU", mfu == null ? "n/a" : UnitFormat.significant(mfu * 100) + " %", lab
                ? "the lab's: 4·h²·G·sequence·layers / (peak · ranks) over the execution time"
                : "the steps predictor has no FLOP rate");
        t.row("checked", r.checked() ? "yes" : "no", "every layer updated once with every sample's gradient");
        sb.append(t.render("  "));
        return sb.toString();
    }

    private static String time(double v, boolean lab) {
        return lab ? String.format(Locale.ROOT, "%,.4f µs", v * 1e6) : UnitFormat.significant(v) + " steps";
    }
}
