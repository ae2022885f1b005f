package io.lsdt.cli;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.unit.UnitFormat;
import io.lsdt.graph.unit.Units;
import io.lsdt.physics.brief.Brief;
import io.lsdt.physics.catalog.Model;
import io.lsdt.physics.design.DesignReport;
import io.lsdt.physics.design.DesignSearch;
import io.lsdt.physics.design.Hardware;
import io.lsdt.physics.design.Numerics;
import io.lsdt.physics.design.Prediction;
import io.lsdt.physics.design.SearchResult;
import io.lsdt.physics.design.SearchSpace;
import io.lsdt.graph.resolve.Resolution;
import io.lsdt.physics.Physics;
import io.lsdt.physics.catalog.Device;
import io.lsdt.physics.fundamentals.FundamentalsResult;
import io.lsdt.physics.macro.MacroPlan;
import io.lsdt.physics.macro.MacroResult;
import io.lsdt.physics.macro.MacroSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lsdt plan BRIEF}: fundamentals, then the design search, then the time to train. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {
            "Plan a training run from a catalog-form brief: the fundamentals (what must be true), the best parallel",
            "designs on the brief's G devices with their step-time ledgers and memory, the time to train, and",
            "deadline-first sizing: the smallest G whose best design meets the deadline, beside the fundamentals'",
            "lower bounds. Then the macro section for the chosen design: cost, power, energy, carbon and water,",
            "the fleet's failures with the optimal checkpoint interval (Young/Daly) and goodput, stragglers (P99",
            "step), and the time to train with all of them, from the brief's optional macro: section (region,",
            "prices, PUE, MTBF…; docs/briefs.md#macro) and sourced defaults. --explain NAME prints any number's",
            "equations, values, inputs and sources.", ""},
        footer = {"", "Examples:",
            "  lsdt plan examples/llama3.1-405b.yaml",
            "  lsdt plan examples/gpt3-175b.yaml --top 10 --json",
            "  lsdt plan examples/llama3.1-405b.yaml --explain cost --explain time_to_train",
            "", "Exit codes: 0 ok, 2 bad input, 3 no design fits or the deadline cannot be met."})
final class PlanCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BRIEF", description = "catalog-form brief (YAML)")
    Path brief;

    @Option(names = "--top", defaultValue = "5", paramLabel = "N", description = "designs to list "
            + "(default: ${DEFAULT-VALUE})")
    int top;

    @Option(names = "--json", description = "print sections fundamentals, designs, chosen, time_to_train_s, "
            + "deadline_first as JSON (SI units)")
    boolean json;

    @Option(names = "--explain", paramLabel = "NAME", description = "explain a macro number: cost, cost_per_token, "
            + "energy, power, carbon, water, goodput, checkpoint_interval, p99_step, time_to_train, or any graph "
            + "variable of the macro scopes (repeatable)")
    java.util.List<String> explain = new java.util.ArrayList<>();

    @Override
    public Integer call() {
        OptionChecks.atLeastOne("--top", top);
        PlanInputs in = PlanInputs.load(brief);
        Brief b = in.brief();
        FundamentalsResult f = in.fundamentals();
        Model m = in.model();
        Numerics numerics = in.numerics();
        Hardware hw = in.hardware();
        int gbs = in.globalBatch();
        double steps = in.steps();
        double deadline = in.deadline();
        PlanInputs.Choice choice = in.choose(PlanInputs.search(), top, true);
        SearchResult atG = choice.atDevices();
        DeadlineFirst df = choice.deadlineFirst();
        Prediction chosen = choice.chosen();
        double ttt = chosen == null ? Double.NaN : steps * chosen.stepTime();
        java.util.List<String> explained = explain.stream().map(MacroPrinter::variable).toList();
        MacroResult macro = null;
        double[] stragglers = null;
        if (chosen != null) {
            macro = macro(in, chosen);
            double cv = macro.input("tail.step.cv").value().si();
            stragglers = new double[] {MacroPlan.stragglerEfficiency(cv, 1024),
                MacroPlan.stragglerEfficiency(cv, 16384), MacroPlan.stragglerEfficiency(cv, 100000)};
        }
        if (!explained.isEmpty()) {
            if (macro == null) {
                throw LsdtException.of(Problem.INVALID_VALUE, "--explain", String.join(",", explain),
                        "a plan with a design: no design fits, so there is no macro section to explain");
            }
            StringBuilder sb = new StringBuilder();
            for (String v : explained) {
                Resolution r = macro.resolution();
                if (!r.has(v) && r.traceFor(v).isEmpty() && macro.input(v) == null) {
                    // a variable outside the plan's targets: resolve it with the same inputs
                    r = new io.lsdt.graph.resolve.Resolver(Physics.registry()).resolve(macro.assignments(),
                            macro.variants(), java.util.List.of(v));
                }
                sb.append(TracePrinter.explain(Physics.registry(), r, v, macro::input)).append('\n');
            }
            spec.commandLine().getOut().print(sb);
            return 0;
        }
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("fundamentals", f.bundle());
            out.put("devices", b.devices());
            out.put("designs", atG == null ? java.util.List.of()
                    : atG.best().stream().map(p -> DesignReport.toMap(p, hw.peakFlops())).toList());
            out.put("chosen", chosen == null ? null : DesignReport.toMap(chosen, hw.peakFlops()));
            out.put("time_to_train_s", chosen == null ? null : ttt);
            out.put("deadline_s", deadline);
            out.put("meets_deadline", chosen != null && ttt <= deadline);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("devices", df.devices());
            d.put("design", df.result() == null || df.result().best().isEmpty() ? null
                    : DesignReport.toMap(df.result().best().get(0), hw.peakFlops()));
            d.put("time_to_train_s", df.timeToTrain());
            d.put("searches", df.searches());
            d.put("reason", df.reason());
            out.put("deadline_first", d);
            out.put("no_solution_reason", atG != null && atG.best().isEmpty() ? atG.reason() : null);
            out.put("macro", macro == null ? null : MacroPrinter.json(macro, stragglers));
            spec.commandLine().getOut().print(Json.write(out));
            return chosen == null ? 3 : 0;
        }
        StringBuilder sb = new StringBuilder();
        sb.append("Plan: ").append(b.name()).append('\n');
        sb.append("model ").append(m.id()).append(" (").append(UnitFormat.format(f.value("P"), Units.parse("param")))
                .append("), ").append(b.deviceId()).append(' ').append(numerics.name().toLowerCase(Locale.ROOT))
                .append(", global batch ").append(gbs).append(" × ").append(m.architecture().seqLen())
                .append(" tokens, ").append(String.format(Locale.ROOT, "%,.0f", steps)).append(" steps, deadline ")
                .append(UnitFormat.format(deadline, Units.parse("d"))).append("\n\n");
        sb.append("Fundamentals (lower bounds before any design; lsdt fundamentals for all of it)\n");
        sb.append("  total compute           ").append(UnitFormat.format(f.value("F_total_flop"), Units.parse("FLOP")))
                .append('\n');
        sb.append("  devices for FLOP rate   ").append(UnitFormat.number(f.value("N_compute_lower_bound")))
                .append("  (at the brief's assumed sustained rate)\n");
        sb.append("  devices for state       ").append(UnitFormat.number(f.value("N_state_memory_lower_bound")))
                .append('\n');
        sb.append("  longest step allowed    ").append(UnitFormat.format(f.value("t_step_max_s"), Units.parse("s")))
                .append("\n\n");
        if (atG != null) {
            sb.append("Best designs on ").append(UnitFormat.number(b.devices())).append(" devices (")
                    .append(UnitFormat.number(atG.evaluated())).append(" configurations evaluated, ")
                    .append(UnitFormat.number(atG.feasible())).append(" fit, ")
                    .append(String.format(Locale.ROOT, "%.2f s", atG.wallSeconds())).append(")\n");
            if (atG.best().isEmpty()) {
                sb.append("  ").append(atG.reason()).append('\n');
            } else {
                sb.append(DesignPrinter.table(atG.best(), hw.peakFlops()));
            }
            sb.append('\n');
        }
        if (chosen != null) {
            sb.append("Chosen design: TP ").append(chosen.config().tp()).append(", CP ").append(chosen.config().cp())
                    .append(", PP ").append(chosen.config().pp()).append(" (v ").append(chosen.config().vpp())
                    .append("), DP ").append(chosen.config().dp()).append(", micro-batch ")
                    .append(chosen.config().microBatch()).append(", ")
                    .append(chosen.config().recompute() == io.lsdt.physics.design.Recompute.NONE ? "no"
                            : chosen.config().recompute().key())
                    .append(" recompute, ZeRO-").append(chosen.config().zeroStage()).append(" on ")
                    .append(UnitFormat.number(chosen.devices())).append(" devices\n");
            sb.append(DesignPrinter.ledger(chosen)).append('\n').append(DesignPrinter.memory(chosen)).append('\n');
            sb.append("Time to train: ").append(UnitFormat.format(ttt, Units.parse("d"))).append(" (")
                    .append(String.format(Locale.ROOT, "%,.0f", steps)).append(" steps × ")
                    .append(UnitFormat.format(chosen.stepTime(), Units.parse("s"))).append("), ")
                    .append(ttt <= deadline ? "meets" : "MISSES").append(" the deadline of ")
                    .append(UnitFormat.format(deadline, Units.parse("d"))).append("; MFU ")
                    .append(UnitFormat.significant(chosen.mfu(hw.peakFlops()) * 100)).append(" % of dense ")
                    .append(numerics.gemmPrecision().key()).append(" peak\n\n");
            sb.append(MacroPrinter.text(macro, deadline, stragglers, brief.toString())).append('\n');
        }
        sb.append("Deadline-first: ");
        if (df.devices() == null) {
            sb.append(df.reason()).append('\n');
        } else {
            Prediction p = df.result().best().get(0);
            sb.append("the smallest device count found whose best design meets the deadline is ")
                    .append(UnitFormat.number(df.devices()))
                    .append(" devices (TP ").append(p.config().tp()).append(", CP ").append(p.config().cp())
                    .append(", PP ").append(p.config().pp()).append(", DP ").append(p.config().dp()).append("): ")
                    .append(UnitFormat.format(df.timeToTrain(), Units.parse("d"))).append(" at ")
                    .append(UnitFormat.significant(p.mfu(hw.peakFlops()) * 100)).append(" % MFU (")
                    .append(df.searches()).append(" searches). The fundamentals' compute bound, ")
                    .append(UnitFormat.number(f.value("N_compute_lower_bound"))).append(", assumes the brief's "
                            + "sustained rate; the design model predicts its own.\n");
        }
        spec.commandLine().getOut().print(sb);
        return chosen == null ? 3 : 0;
    }

    /**
     * @param in the plan's inputs
     * @param chosen the chosen design
     * @return the macro section of the design, from the brief's macro settings
     */
    static MacroResult macro(PlanInputs in, Prediction chosen) {
        FundamentalsResult f = in.fundamentals();
        Device d = in.catalog().device(in.brief().deviceId());
        if (d.tdp() == null) {
            throw LsdtException.of(Problem.INVALID_VALUE, "device", d.id(), "a device with a catalogued TDP")
                    .withHint("the macro layer needs the device's power; the catalog has none for " + d.id());
        }
        int node = in.brief().gpusPerNode() != null ? in.brief().gpusPerNode()
                : Math.max(1, in.hardware().scaleUpDomain());
        String cfg = "design TP " + chosen.config().tp() + ", CP " + chosen.config().cp() + ", PP "
                + chosen.config().pp() + ", DP " + chosen.config().dp();
        MacroPlan.Job job = new MacroPlan.Job(chosen.devices(), node, chosen.stepTime(), f.value("Tok_per_step"),
                in.steps() * f.value("Tok_per_step"), f.value("F_step_flop"), d.id(), d.tdp().si(),
                chosen.mfu(in.hardware().peakFlops()), f.value("t_ckpt_min_s"), d.listPrice(), cfg);
        return MacroPlan.evaluate(MacroSettings.read(java.nio.file.Path.of(in.brief().file())), job);
    }

    /** The smallest G meeting the deadline, its best design and time to train. */
    record DeadlineFirst(Long devices, SearchResult result, Double timeToTrain, int searches, String reason) {}

    /**
     * The smallest device count whose best design trains within the deadline. Candidates are whole nodes in four
     * sizes per octave (node × 2^a × {1, 1.25, 1.5, 1.75}), which factor into TP × CP × PP × DP for the usual
     * power-of-two batches; a binary search over them, then a scan in whole nodes (at most 32 probes) between the
     * last candidate that misses and the first that meets.
     */
    static DeadlineFirst deadlineFirst(DesignSearch search, Model m, Hardware hw, int gbs, Numerics numerics,
            double steps, double deadline, int node, int threads, double lowerBound) {
        java.util.List<Long> candidates = new java.util.ArrayList<>();
        long cap = (long) Math.max(node, Math.ceil(Math.max(lowerBound, 1)) * 64);
        for (long base = node; base <= cap; base *= 2) {
            for (long r = 4; r <= 7; r++) {
                if (base * r % 4 == 0 && base * r / 4 <= cap) {
                    candidates.add(base * r / 4);
                }
            }
        }
        candidates = candidates.stream().distinct().sorted().toList();
        int[] searches = {0};
        java.util.function.LongFunction<SearchResult> at = g -> {
            searches[0]++;
            return search.search(SearchSpace.standard(m.architecture(), hw, g, gbs, numerics), 1, threads, null);
        };
        java.util.function.Predicate<SearchResult> meets = r -> !r.best().isEmpty()
                && steps * r.best().get(0).stepTime() <= deadline;
        int lo = -1;
        int hi = candidates.size() - 1;
        SearchResult best = at.apply(candidates.get(hi));
        while (!meets.test(best) && hi > 0 && candidates.size() - hi < 4) {
            best = at.apply(candidates.get(--hi)); // the largest candidate may not factor; try a few below it
        }
        if (!meets.test(best)) {
            return new DeadlineFirst(null, null, null, searches[0], "no design meets the deadline even on "
                    + UnitFormat.number(candidates.get(candidates.size() - 1)) + " devices (64 × the fundamentals' "
                    + "bound). Maybe extend the deadline, or use a faster device or a larger global batch");
        }
        while (hi - lo > 1) {
            int mid = (lo + hi) / 2;
            SearchResult r = at.apply(candidates.get(mid));
            if (meets.test(r)) {
                hi = mid;
                best = r;
            } else {
                lo = mid;
            }
        }
        long bestDevices = candidates.get(hi);
        // refine between the last candidate that misses and the first that meets, whole nodes at a time
        long from = lo < 0 ? node : candidates.get(lo) + node;
        long stride = Math.max(node, (bestDevices - from) / 32 / node * node);
        for (long g = from; g < bestDevices; g += stride) {
            SearchResult r = at.apply(g);
            if (meets.test(r)) {
                best = r;
                bestDevices = g;
                break;
            }
        }
        return new DeadlineFirst(bestDevices, best, steps * best.best().get(0).stepTime(), searches[0], null);
    }
}
