package io.lsdt.cli;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.catalog.Fabric;
import io.lsdt.physics.catalog.Model;
import io.lsdt.physics.design.AnalyticalStepModel;
import io.lsdt.physics.design.DesignReport;
import io.lsdt.physics.search.DesignSearch;
import io.lsdt.physics.design.Hardware;
import io.lsdt.physics.design.Numerics;
import io.lsdt.physics.design.Prediction;
import io.lsdt.physics.search.SearchResult;
import io.lsdt.physics.search.SearchSpace;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lsdt search MODEL --device D --gpus G}: the best parallel designs for a model on G devices. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = {
            "Search every parallel design of MODEL on G devices: TP × CP × PP × DP (× EP) factorisations, micro-batch,",
            "interleaved virtual stages, activation recomputation, ZeRO stage and offload of the optimizer state (or,",
            "at ZeRO-3, the parameters) to host memory. Designs that do not fit in device memory, or whose offloaded",
            "state does not fit the host's memory, are pruned; the best N by step time are printed with their",
            "ledgers. Every number comes from the design scope's equations (lsdt graph cone design.t_step).",
            "",
            "Each design carries the P10-P90 interval of its step from the development residuals of its regime",
            "(framework family x devices x active parameters), widened by its distance from the nearest validated",
            "run (log-width x (1 + distance)); the best design also names its nearest validated runs and the best",
            "MFU measured on the device at that scale.", ""},
        footer = {"", "Examples:",
            "  lsdt search llama3.1-405b --device h100-sxm --gpus 16384 --global-batch 2048",
            "  lsdt search llama3.1-70b --device h100-sxm --gpus 64 --top 10 --json",
            "  lsdt search llama3.1-8b --device a100-sxm-80gb --gpus 8 --framework pytorch-fsdp",
            "  lsdt search llama3.1-405b --device h100-sxm --gpus 16384 --benchmark",
            "", "Exit codes: 0 a design fits, 2 bad input, 3 no design fits, 1 a defect."})
final class SearchCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "catalog model id (lsdt catalog list models)")
    String model;

    @Option(names = "--device", required = true, paramLabel = "D", description = "catalog device id")
    String device;

    @Option(names = "--gpus", required = true, paramLabel = "G", description = "number of devices")
    long gpus;

    @Option(names = "--fabric", paramLabel = "F", description = "scale-out fabric id (default: the device's)")
    String fabric;

    @Option(names = "--global-batch", paramLabel = "SEQS", description = "sequences per optimizer step (default: the "
            + "power of two nearest to 4M tokens)")
    Integer globalBatch;

    @Option(names = "--precision", defaultValue = "bf16", paramLabel = "P", description = "bf16, fp16 or fp8 "
            + "(default: ${DEFAULT-VALUE})")
    String precision;

    @Option(names = "--top", defaultValue = "5", paramLabel = "N", description = "designs to print "
            + "(default: ${DEFAULT-VALUE})")
    int top;

    @Option(names = "--threads", paramLabel = "T", description = "worker threads (default: the number of cores)")
    Integer threads;

    @Option(names = "--explain", paramLabel = "NAME", description = "explain a number of the best design: a design "
            + "variable (design.t_step, design.mem_act, design.t_tp_exposed, design.mfu, …); repeatable")
    java.util.List<String> explain = new java.util.ArrayList<>();

    @Option(names = "--framework", paramLabel = "F", description = "a framework profile (lsdt catalog list "
            + "frameworks): the search keeps to what it can do — its ZeRO stage and offloads, TP = PP = CP = 1 "
            + "for FSDP, DDP and DeepSpeed — and its reduction bytes and overlap (default: Megatron-style designs, "
            + "every ZeRO stage; 'lsdt plan' with 'framework: any' compares them all)")
    String framework;

    @Option(names = "--json", description = "print as JSON")
    boolean json;

    @Option(names = "--benchmark", description = "run the search 5 times after a warm-up and print configurations "
            + "evaluated per second")
    boolean benchmark;

    @Override
    public Integer call() {
        OptionChecks.atLeastOne("--gpus", gpus);
        io.lsdt.physics.limits.SizeLimits.devices("--gpus", gpus);
        OptionChecks.atLeastOne("--top", top);
        if (threads != null) {
            OptionChecks.atLeastOne("--threads", threads);
        }
        Catalog c = Catalog.builtIn();
        Model m = c.model(model);
        Numerics numerics = numerics(precision);
        Hardware hw = hardware(c, device, fabric, numerics);
        int gbs = globalBatch != null ? globalBatch : defaultGlobalBatch(m);
        OptionChecks.atLeastOne("--global-batch", gbs);
        io.lsdt.physics.limits.SizeLimits.globalBatch("--global-batch", gbs);
        SearchSpace space = SearchSpace.standard(m.architecture(), hw, gpus, gbs, numerics);
        if (framework != null) {
            try {
                space = space.withFramework(c.framework(framework));
            } catch (LsdtException e) {
                throw e.inContext("--framework");
            }
        }
        DesignSearch search = new DesignSearch(io.lsdt.physics.Physics.stepModel());
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        SearchResult r;
        if (benchmark) {
            search.search(space, top, t, null);
            long evaluated = 0;
            double wall = 0;
            SearchResult last = null;
            for (int i = 0; i < 5; i++) {
                last = search.search(space, top, t, null);
                evaluated += last.evaluated();
                wall += last.wallSeconds();
            }
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("configs_evaluated", last.evaluated());
            b.put("configs_per_second", evaluated / wall);
            b.put("wall_seconds", wall / 5);
            b.put("threads", t);
            b.put("best", last.best().isEmpty() ? null : design(m, hw, last.best().get(0)));
            if (json) {
                spec.commandLine().getOut().print(Json.write(b));
            } else {
                spec.commandLine().getOut().printf(Locale.ROOT, "configurations evaluated  %d per search%n"
                        + "configurations / second  %.3g (%d threads; mean of 5 searches after a warm-up)%n"
                        + "wall time                %.3f s per search%n", last.evaluated(), evaluated / wall, t,
                        wall / 5);
            }
            return 0;
        }
        r = runWithProgress(search, space, t);
        if (!explain.isEmpty()) {
            if (r.best().isEmpty()) {
                throw LsdtException.of(Problem.INVALID_VALUE, "--explain", String.join(",", explain),
                        "a search that finds a design: " + r.reason());
            }
            io.lsdt.api.Lsdt lsdt = io.lsdt.api.Lsdt.builtIn();
            StringBuilder sb = new StringBuilder();
            for (String name : explain) {
                String v = MacroPrinter.variable(name);
                sb.append(TracePrinter.explain(lsdt.explain(m, hw, r.best().get(0).config(), v))).append('\n');
            }
            spec.commandLine().getOut().print(sb);
            return 0;
        }
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("model", m.id());
            out.put("device", device);
            out.put("gpus", gpus);
            out.put("global_batch", gbs);
            if (framework != null) {
                out.put("framework", c.framework(framework).id());
            }
            out.put("configs_evaluated", r.evaluated());
            out.put("configs_feasible", r.feasible());
            out.put("wall_seconds", r.wallSeconds());
            out.put("designs", r.best().stream().map(p -> design(m, hw, p)).toList());
            out.put("no_solution_reason", r.reason());
            spec.commandLine().getOut().print(Json.write(out));
            return r.best().isEmpty() ? 3 : 0;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(m.name()).append(" on ").append(gpus).append(" × ").append(device).append(", global batch ")
                .append(gbs).append(" sequences (").append(gbs * (long) m.architecture().seqLen()).append(" tokens), ")
                .append(numerics.name().toLowerCase(Locale.ROOT)).append('\n');
        sb.append(String.format(Locale.ROOT, "%d configurations evaluated, %d fit in memory, in %.3f s%n%n",
                r.evaluated(), r.feasible(), r.wallSeconds()));
        if (r.best().isEmpty()) {
            sb.append(r.reason()).append('\n');
            spec.commandLine().getOut().print(sb);
            return 3;
        }
        io.lsdt.api.Lsdt lsdt = io.lsdt.api.Lsdt.builtIn();
        Map<Prediction, io.lsdt.physics.uncertainty.Credibility> cred = new java.util.IdentityHashMap<>();
        r.best().forEach(p -> cred.put(p, lsdt.credibility(m, hw, p)));
        sb.append(DesignPrinter.table(r.best(), hw.peakFlops(), cred::get));
        Prediction best = r.best().get(0);
        sb.append('\n').append(DesignPrinter.ledger(best)).append('\n').append(DesignPrinter.memory(best));
        io.lsdt.physics.uncertainty.Credibility u = cred.get(best);
        sb.append(String.format(Locale.ROOT, "%nUncertainty of design 1: step %s (P10-P90 %s), MFU %s (P10-P90 %s to "
                + "%s)%n", io.lsdt.graph.unit.UnitFormat.format(best.stepTime(), io.lsdt.graph.unit.Units.parse("s")),
                UncertaintyPrinter.timeRange(u, best.stepTime()), Fmt.pct(best.mfu(hw.peakFlops())),
                Fmt.pct(u.rateLow(best.mfu(hw.peakFlops()))), Fmt.pct(u.rateHigh(best.mfu(hw.peakFlops())))));
        sb.append(UncertaintyPrinter.text(u, "  "));
        sb.append("  ").append(UncertaintyPrinter.best(u.best(), u.configuration())).append('\n');
        sb.append("\nMFU is model FLOPs (attention included, no recomputation) over the dense ")
                .append(numerics.gemmPrecision().key()).append(" peak.\n");
        spec.commandLine().getOut().print(sb);
        return 0;
    }

    /** @return a design's JSON: its prediction and its uncertainty */
    private static Map<String, Object> design(Model m, Hardware hw, Prediction p) {
        Map<String, Object> d = DesignReport.toMap(p, hw.peakFlops());
        d.put("uncertainty", UncertaintyPrinter.json(io.lsdt.api.Lsdt.builtIn().credibility(m, hw, p), p,
                hw.peakFlops()));
        return d;
    }

    private SearchResult runWithProgress(DesignSearch search, SearchSpace space, int t) {
        boolean interactive = System.console() != null && !json;
        if (!interactive) {
            return search.search(space, top, t, null);
        }
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("search").setStyle(ProgressBarStyle.ASCII)
                .setInitialMax(-1).continuousUpdate().setUpdateIntervalMillis(200).build()) {
            return search.search(space, top, t, bar::stepTo);
        }
    }

    static int defaultGlobalBatch(Model m) {
        double seqs = 4.0 * (1 << 20) / m.architecture().seqLen();
        return (int) Math.max(1, Math.pow(2, Math.round(Math.log(seqs) / Math.log(2))));
    }

    static Numerics numerics(String text) {
        try {
            return Numerics.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw LsdtException.of(Problem.INVALID_VALUE, "--precision", text, "bf16, fp16 or fp8");
        }
    }

    static Hardware hardware(Catalog c, String device, String fabricId, Numerics numerics) {
        return Hardware.of(c, device, fabricId, numerics);
    }
}
