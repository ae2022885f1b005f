package io.lsdt.cli;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.unit.Quantity;
import io.lsdt.graph.unit.UnitFormat;
import io.lsdt.graph.unit.Units;
import io.lsdt.physics.design.Prediction;
import io.lsdt.physics.search.SearchResult;
import io.lsdt.physics.fundamentals.FundamentalsResult;
import io.lsdt.physics.macro.InferenceScenario;
import io.lsdt.physics.macro.MacroResult;
import io.lsdt.physics.macro.Scorecard;
import io.lsdt.physics.macro.Scorecard.Status;
import io.lsdt.physics.yaml.YamlNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lsdt evaluate BRIEF}: a scorecard of feasibility, performance and macro checks, PASS / WARN / FAIL. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {
            "Score a brief in three levels, each check PASS / WARN / FAIL with its numbers and the equation behind it:",
            "  feasibility  does it fit in memory; can the deadline or the serving load be met at all",
            "  performance  step time, latency, time to first token, tokens/s against the targets",
            "  macro        cost, energy, carbon, power and goodput against the brief's requirements",
            "A training brief is a catalog-form brief (as for lsdt plan) at its stated device count, with an optional",
            "requirements: section (max_cost, max_energy, max_co2, min_goodput). An inference brief has 'kind:",
            "inference': a fixed workload on one device (edge roofline) or a catalog model served with batching,",
            "and requirements (max_latency, max_ttft, max_tpot, max_power, min_tokens_per_second,",
            "max_cost_per_million_tokens, max_energy_per_inference). WARN marks a number with no stated requirement",
            "or one near its limit; FAIL a stated requirement, or a physical one, that does not hold.", ""},
        footer = {"", "Examples:",
            "  lsdt evaluate examples/scenarios/smart-doorbell.yaml",
            "  lsdt evaluate examples/scenarios/frontier-8k-training.yaml --json",
            "", "Exit codes: 0 every check passes or warns, 2 bad input, 3 a requirement fails, 1 a defect."})
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BRIEF", description = "a training (catalog-form) or inference brief (YAML)")
    Path brief;

    @Option(names = "--json", description = "print name, kind, passed, checks [{level, name, status, value, target, "
            + "variable, equation}] as JSON")
    boolean json;

    @Option(names = "--explain", paramLabel = "NAME", description = "training briefs: explain a number of the "
            + "evaluated design (any graph variable: design.t_step, training.mfu, econ.run.total_cost, …, or an alias: "
            + "step_time, mfu, time_to_train, cost, …); repeatable")
    java.util.List<String> explain = new java.util.ArrayList<>();

    @Override
    public Integer call() {
        YamlNode root = YamlNode.load(brief);
        String kind = io.lsdt.physics.brief.BriefLoader.kindOf(root);
        Scorecard card;
        if ("inference".equals(kind)) {
            if (!explain.isEmpty()) {
                throw LsdtException.of(Problem.INVALID_VALUE, "--explain", String.join(",", explain),
                        "a training brief (an inference scorecard names each check's equation in --json)");
            }
            card = InferenceScenario.evaluate(io.lsdt.physics.Physics.registry(), root, brief.toString());
        } else {
            Training t = training(brief);
            if (!explain.isEmpty()) {
                if (t.chosen() == null) {
                    throw LsdtException.of(Problem.INVALID_VALUE, "--explain", String.join(",", explain),
                            "a brief with a design that fits: nothing to explain");
                }
                StringBuilder sb = new StringBuilder();
                for (String n : explain) {
                    sb.append(TracePrinter.explain(t.chosen().explain(MacroPrinter.variable(n)))).append('\n');
                }
                spec.commandLine().getOut().print(sb);
                return 0;
            }
            card = t.card();
        }
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("name", card.name());
            out.put("kind", card.kind());
            out.put("passed", !card.failed());
            out.put("checks", card.checks().stream().map(c -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("level", c.level());
                m.put("name", c.name());
                m.put("status", c.status().name());
                m.put("value", c.value());
                m.put("target", c.target());
                m.put("variable", c.variable());
                m.put("equation", c.equation());
                return m;
            }).toList());
            out.put("inputs", card.inputs().stream().map(TracePrinter::inputJson).toList());
            spec.commandLine().getOut().print(Json.write(out));
        } else {
            spec.commandLine().getOut().print(text(card, brief.toString()));
        }
        return card.failed() ? 3 : 0;
    }

    static String text(Scorecard card, String file) {
        StringBuilder sb = new StringBuilder();
        sb.append("Scorecard: ").append(card.name()).append(" (").append(card.kind()).append(")\n\n");
        TextTable t = new TextTable(new String[] {"level", "check", "status", "value", "requirement"});
        for (Scorecard.Check c : card.checks()) {
            t.row(c.level(), c.name(), c.status().name(), c.value(), c.target());
        }
        sb.append(t.render("  "));
        sb.append("\nEquations behind the numbers:\n");
        java.util.Set<String> seen = new java.util.LinkedHashSet<>();
        for (Scorecard.Check c : card.checks()) {
            if (c.equation() != null && seen.add(c.equation())) {
                sb.append("  ").append(c.equation()).append('\n');
            }
        }
        List<String> assumed = card.inputs().stream().filter(i -> i.assumption()).map(i -> i.variable()
                + " ← " + i.origin()).toList();
        if (!assumed.isEmpty()) {
            sb.append("\nAssumptions (no source; change them in the brief):\n");
            assumed.forEach(a -> sb.append("  ").append(a).append('\n'));
        }
        long fail = card.checks().stream().filter(c -> c.status() == Status.FAIL).count();
        long warn = card.checks().stream().filter(c -> c.status() == Status.WARN).count();
        sb.append('\n').append(fail == 0 ? "PASS" : "FAIL").append(": ").append(card.checks().size() - fail - warn)
                .append(" pass, ").append(warn).append(" warn, ").append(fail).append(" fail");
        if (card.kind().equals("training")) {
            sb.append(". Details: lsdt plan ").append(file).append(" --explain NAME");
        }
        return sb.append('\n').toString();
    }

    private static String pct(double x) {
        return String.format(Locale.ROOT, "%.1f %%", Fmt.finite("a share", x) * 100);
    }

    private static String usd(double v) {
        return MacroPrinter.usd(v);
    }

    /**
     * A training scorecard and the design it evaluated (null when none fits).
     *
     * @param card the scorecard
     * @param chosen the design evaluated, or null when none fits
     */
    record Training(Scorecard card, io.lsdt.api.DesignPoint chosen) {}

    /**
     * A training brief's scorecard: the best design at the brief's device count, then its macro section.
     *
     * @param file a training brief
     * @return the scorecard and the design it evaluated
     */
    static Training training(Path file) {
        io.lsdt.api.Lsdt lsdt = io.lsdt.api.Lsdt.builtIn();
        io.lsdt.api.PlanRequest request = io.lsdt.api.PlanRequest.of(file).withTop(1).withDeadlineFirst(false);
        io.lsdt.api.PlanContext in = lsdt.context(request);
        io.lsdt.physics.brief.Requirements req = in.brief().requirements();
        Quantity maxCost = req.maxCost();
        Quantity maxEnergy = req.maxEnergy();
        Quantity maxCo2 = req.maxCo2();
        Quantity minGoodput = req.minGoodput();
        if (in.brief().devices() == null) {
            throw LsdtException.of(Problem.MISSING_FIELD, "devices", "the device count to evaluate")
                    .withHint("add 'devices: 8192' (lsdt plan sizes a brief without one)");
        }
        FundamentalsResult f = in.fundamentals();
        io.lsdt.api.Plan plan = lsdt.plan(request);
        SearchResult atG = plan.search();
        Scorecard.Builder sc = new Scorecard.Builder();
        long g = in.brief().devices();
        double nMin = f.value("N_min_lower_bound");
        // the fundamentals' bound assumes the brief's sustained fraction; the design predicts its own rate, so a
        // shortfall is a warning here and the design's time to train decides
        sc.add("feasibility", "devices ≥ the fundamentals' lower bound", g >= nMin ? Status.PASS : Status.WARN,
                UnitFormat.number(g), "≥ " + UnitFormat.number(Math.ceil(nMin)) + " at the brief's sustained rate",
                null);
        io.lsdt.api.DesignPoint chosen = plan.chosen();
        if (chosen == null) {
            sc.add("feasibility", "a parallel design fits in memory", Status.FAIL, "none of "
                    + UnitFormat.number(atG.evaluated()), atG.reason(), null);
            return new Training(new Scorecard(in.brief().name(), "training", sc.checks(), in.brief().inputs()), null);
        }
        Prediction p = chosen.prediction();
        double mem = chosen.value("design.mem_total");
        sc.add("feasibility", "a parallel design fits in memory", Status.PASS, "TP " + p.config().tp() + " CP "
                + p.config().cp() + " PP " + p.config().pp() + " DP " + p.config().dp() + ": "
                + UnitFormat.format(mem, Units.parse("GiB")) + "/device", "≤ " + UnitFormat.format(in.hardware()
                .memoryBytes(), Units.parse("GiB")), null);
        double tMax = f.value("t_step_max_s");
        double step = chosen.value("design.t_step");
        sc.add("performance", "step time (design)", step <= tMax ? Status.PASS : Status.FAIL,
                UnitFormat.format(step, Units.parse("s")), "≤ " + UnitFormat.format(tMax, Units.parse("s"))
                        + " (deadline / steps)", "design.t_step");
        double mfu = chosen.mfu();
        sc.add("performance", "MFU (at the expected step)", mfu >= 0.3 ? Status.PASS : Status.WARN, pct(mfu),
                "≥ 30 % (Llama 3 reports 38-43 %)", io.lsdt.api.DesignPoint.MFU);
        MacroResult m = chosen.macro();
        sc.from(m.resolution());
        double p99 = m.value("tail.step.p99");
        sc.add("performance", "P99 step with stragglers", p99 <= tMax ? Status.PASS : Status.WARN,
                UnitFormat.format(p99, Units.parse("s")), "≤ " + UnitFormat.format(tMax, Units.parse("s")),
                "tail.step.p99");
        double wall = m.value("training.wallclock");
        double deadline = in.deadline();
        sc.add("macro", "time to train with stragglers and failures", wall <= deadline ? Status.PASS : Status.FAIL,
                UnitFormat.format(wall, Units.parse("d")), "≤ " + UnitFormat.format(deadline, Units.parse("d"))
                        + " (deadline)", "training.wallclock");
        double goodput = m.value("rel.goodput");
        sc.add("macro", "goodput (Daly)", minGoodput != null ? (goodput >= minGoodput.si() ? Status.PASS
                : Status.FAIL) : goodput >= 0.9 ? Status.PASS : Status.WARN, pct(goodput), minGoodput != null
                ? "≥ " + pct(minGoodput.si()) : "≥ 90 % (none stated)", "rel.goodput");
        double cost = m.value("econ.run.total_cost");
        sc.add("macro", "cost", maxCost == null ? Status.WARN : cost <= maxCost.si() ? Status.PASS : Status.FAIL,
                usd(cost), maxCost == null ? "no requirement stated" : "≤ " + usd(maxCost.si()),
                "econ.run.total_cost");
        double energy = m.value("sust.energy.facility");
        sc.add("macro", "energy", maxEnergy == null ? Status.WARN : energy <= maxEnergy.si() ? Status.PASS
                : Status.FAIL, UnitFormat.format(energy, Units.parse("GWh")), maxEnergy == null
                ? "no requirement stated" : "≤ " + maxEnergy, "sust.energy.facility");
        double co2 = m.value("sust.co2.total");
        sc.add("macro", "carbon", maxCo2 == null ? Status.WARN : co2 <= maxCo2.si() ? Status.PASS : Status.FAIL,
                String.format(Locale.ROOT, "%,.0f t CO2", Fmt.finite("sust.co2.total", co2) / 1000),
                maxCo2 == null ? "no requirement stated"
                        : "≤ " + maxCo2, "sust.co2.total");
        List<io.lsdt.physics.brief.BriefInput> inputs = new java.util.ArrayList<>(in.brief().inputs());
        inputs.addAll(m.inputs());
        return new Training(new Scorecard(in.brief().name(), "training", sc.checks(), inputs), chosen);
    }
}
