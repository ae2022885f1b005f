package io.lsdt.cli;

import io.lsdt.api.DesignPoint;
import io.lsdt.api.Lsdt;
import io.lsdt.api.Plan;
import io.lsdt.api.PlanFields;
import io.lsdt.api.PlanRequest;
import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.unit.UnitFormat;
import io.lsdt.graph.unit.Units;
import io.lsdt.physics.brief.Brief;
import io.lsdt.physics.design.DesignProvenance;
import io.lsdt.physics.design.ParallelConfig;
import io.lsdt.physics.design.Prediction;
import io.lsdt.physics.fundamentals.FundamentalsResult;
import io.lsdt.physics.macro.MacroPlan;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lsdt plan BRIEF}: parses, calls {@link Lsdt#plan}, renders. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {
            "Plan a training run from a catalog-form brief: the fundamentals (what must be true), the best parallel",
            "designs on the brief's G devices with their step-time ledgers and memory, the time to train, and",
            "deadline-first sizing: the smallest G whose best design meets the deadline, beside the fundamentals'",
            "lower bounds. Then the macro section for the chosen design: cost, power, energy, carbon and water,",
            "the fleet's failures with the optimal checkpoint interval (Young/Daly) and goodput, stragglers (P99",
            "step), from the brief's optional macro: section (region, prices, PUE, MTBF…; docs/briefs.md#macro).",
            "A brief's framework: key (lsdt catalog list frameworks) runs the designs as that framework does: its",
            "ZeRO stage and shard group (FSDP HYBRID_SHARD: the node), its gradient-reduction bytes and overlap;",
            "FSDP, DDP and DeepSpeed designs are pure data parallelism (TP = PP = CP = 1).",
            "",
            "Each prediction carries a P10-P90 interval: the residuals of its regime (framework family x devices x",
            "active parameters) in the development runs, widened by its distance from the nearest validated run",
            "(log-width x (1 + distance)); beside the MFU, the best MFU measured on the device at that scale.",
            "",
            "One time to train: the design step, stretched by stragglers (every rank waits for the slowest), over",
            "the goodput that failures, restarts and checkpoints leave. Deadline-first sizing uses the same",
            "definition. One MFU: model FLOPs (6·P·T plus attention) at that expected step; the design step's MFU",
            "is its component.",
            "",
            "Every number is one value of the equation graph: --explain NAME prints its equations, values, inputs",
            "and the source of each input (NAME: a graph variable such as design.t_step, design.mem_act,",
            "training.mfu, fundamentals.F_total_flop, uncertainty.wallclock_p90, or an alias: step_time, mfu,",
            "time_to_train, time_to_train_p10, time_to_train_p90, mfu_p10, mfu_p90, cost, energy, …).",
            ""},
        footer = {"", "Examples:",
            "  lsdt plan examples/llama3.1-405b.yaml",
            "  lsdt plan examples/gpt3-175b.yaml --top 10 --json",
            "  lsdt plan examples/llama3.1-405b.yaml --explain design.t_step",
            "  lsdt plan examples/llama3.1-405b.yaml --explain cost --explain time_to_train",
            "", "Exit codes: 0 a design fits on the brief's devices (or, without a count, one is sized) and meets the",
            "deadline and every requirement of the brief's requirements: section (max_cost, max_energy, max_co2,",
            "min_goodput); 2 bad input; 3 no design fits, or the deadline or a requirement is not met; 1 a defect."})
final class PlanCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BRIEF", description = "catalog-form brief (YAML)")
    Path brief;

    @Option(names = "--top", defaultValue = "5", paramLabel = "N", description = "designs to list "
            + "(default: ${DEFAULT-VALUE})")
    int top;

    @Option(names = "--json", description = "print the plan as JSON (SI units): fundamentals, designs, chosen, "
            + "time_to_train (the headline and its components), deadline_first, macro; every design number is named "
            + "by its graph variable in 'variables'; each design's 'uncertainty' (P10/P90, graph values) and "
            + "'evidence' (its regime, the nearest validated runs, the best measured MFU)")
    boolean json;

    @Option(names = "--explain", paramLabel = "NAME", description = "explain a number of the chosen design: any "
            + "graph variable (design.t_step, design.mem_act, training.mfu, econ.run.total_cost, "
            + "fundamentals.F_total_flop, …) or an alias (step_time, mfu, time_to_train, cost, energy, carbon, …); "
            + "repeatable")
    java.util.List<String> explain = new java.util.ArrayList<>();

    @Override
    public Integer call() {
        OptionChecks.atLeastOne("--top", top);
        Lsdt lsdt = Lsdt.builtIn();
        java.util.List<String> explained = explain.stream().map(MacroPrinter::variable).toList();
        Plan plan = lsdt.plan(PlanRequest.of(brief).withTop(top));
        DesignPoint chosen = plan.chosen();
        if (!explained.isEmpty()) {
            if (chosen == null) {
                throw LsdtException.of(Problem.INVALID_VALUE, "--explain", String.join(",", explain),
                        "a plan with a design: no design fits, so there is nothing to explain");
            }
            StringBuilder sb = new StringBuilder();
            for (String v : explained) {
                sb.append(TracePrinter.explain(chosen.explain(v))).append('\n');
            }
            spec.commandLine().getOut().print(sb);
            return 0;
        }
        double[] stragglers = chosen == null ? null : stragglers(chosen);
        if (json) {
            spec.commandLine().getOut().print(Json.write(json(plan, stragglers)));
        } else {
            spec.commandLine().getOut().print(text(plan, stragglers));
        }
        return plan.succeeds() ? 0 : 3;
    }

    private static double[] stragglers(DesignPoint chosen) {
        double cv = chosen.macro().input("tail.step.cv").value().si();
        return new double[] {MacroPlan.stragglerEfficiency(io.lsdt.physics.Physics.registry(), cv, 1024), MacroPlan.stragglerEfficiency(io.lsdt.physics.Physics.registry(), cv, 16384),
            MacroPlan.stragglerEfficiency(io.lsdt.physics.Physics.registry(), cv, 100000)};
    }

    /**
     * One design as {@code lsdt plan --json} writes it.
     *
     * @param d a design of the plan
     * @return a design's JSON: its numbers by the field table, its choices, and each number's graph variable
     */
    static Map<String, Object> design(DesignPoint d) {
        Map<String, Object> m = PlanFields.values(PlanFields.DESIGN, d);
        ParallelConfig c = d.config();
        @SuppressWarnings("unchecked")
        Map<String, Object> cfg = (Map<String, Object>) m.get("configuration");
        cfg.put("recompute", c.recompute().key());
        cfg.put("sequence_parallel", c.sequenceParallel());
        cfg.put("schedule", c.schedule().key());
        cfg.put("numerics", c.numerics().name().toLowerCase(Locale.ROOT));
        cfg.put("offload", c.offload().key());
        m.put("fits", d.prediction().fits());
        Map<String, String> vars = new LinkedHashMap<>();
        PlanFields.DESIGN.forEach(f -> vars.put(f.path(), f.variable()));
        m.putAll(PlanFields.values(PlanFields.UNCERTAINTY, d));
        PlanFields.UNCERTAINTY.forEach(f -> vars.put(f.path(), f.variable()));
        m.put("variables", vars);
        m.put("evidence", UncertaintyPrinter.evidence(d.credibility()));
        return m;
    }

    private static Map<String, Object> headline(DesignPoint d, double deadline) {
        Map<String, Object> t = PlanFields.values(PlanFields.HEADLINE, d);
        t.put("includes", "the design step, stragglers (the slowest of every rank), failures, restarts and "
                + "checkpoints (Daly goodput)");
        t.put("mfu_definition", "model FLOPs (6·P·T plus the attention scores and values, Narayanan et al. 2021 "
                + "Eq. 3) / (expected step × GPUs × dense peak)");
        t.put("meets_deadline", d.timeToTrain() <= deadline);
        t.putAll(PlanFields.values(PlanFields.HEADLINE_INTERVALS, d));
        Map<String, String> vars = new LinkedHashMap<>();
        PlanFields.HEADLINE.forEach(f -> vars.put(f.path(), f.variable()));
        PlanFields.HEADLINE_INTERVALS.forEach(f -> vars.put(f.path(), f.variable()));
        t.put("variables", vars);
        return t;
    }

    static Map<String, Object> json(Plan plan, double[] stragglers) {
        DesignPoint chosen = plan.chosen();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("fundamentals", plan.fundamentals().bundle());
        out.put("devices", plan.brief().devices());
        out.put("designs", plan.designs().stream().map(PlanCommand::design).toList());
        out.put("chosen", chosen == null ? null : design(chosen));
        out.put("time_to_train", chosen == null ? null : headline(chosen, plan.deadline()));
        out.put("time_to_train_s", chosen == null ? null : chosen.timeToTrain());
        out.put("mfu", chosen == null ? null : chosen.mfu());
        out.put("deadline_s", plan.deadline());
        out.put("meets_deadline", plan.meetsDeadline());
        out.put("requirements", plan.requirements().stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", r.key());
            m.put("variable", r.variable());
            m.put("limit", r.limit().si());
            m.put("value", r.value());
            m.put("met", r.met());
            return m;
        }).toList());
        out.put("succeeds", plan.succeeds());
        Plan.DeadlineFirst df = plan.deadlineFirst();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("devices", df == null ? null : df.devices());
        d.put("design", df == null || df.design() == null ? null : design(df.design()));
        d.put("time_to_train", df == null || df.design() == null ? null : headline(df.design(), plan.deadline()));
        d.put("time_to_train_s", df == null || df.design() == null ? null : df.design().timeToTrain());
        d.put("searches", df == null ? 0 : df.searches());
        d.put("reason", df == null ? null : df.reason());
        out.put("deadline_first", d);
        out.put("no_solution_reason", plan.search() != null && plan.search().best().isEmpty()
                ? plan.search().reason() : null);
        out.put("macro", chosen == null ? null : MacroPrinter.json(chosen.macro(), stragglers));
        if (!plan.frameworks().isEmpty()) {
            double peak = plan.hardware().peakFlops();
            out.put("frameworks", plan.frameworks().stream().map(f -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("framework", f.framework());
                m.put("name", f.name());
                m.put("design", f.best() == null ? null : DesignProvenance.describe(f.best().config()));
                m.put("step_time_s", f.best() == null ? null : f.best().stepTime());
                m.put("mfu", f.best() == null ? null : f.best().mfu(peak));
                m.put("reason", f.reason());
                return m;
            }).toList());
        }
        return out;
    }

    /** The frameworks a {@code framework: any} brief compared, fastest first, as a text table. */
    private static String frameworksText(Plan plan) {
        double peak = plan.hardware().peakFlops();
        java.util.List<Plan.FrameworkBest> sorted = new java.util.ArrayList<>(plan.frameworks());
        sorted.sort(java.util.Comparator.comparingDouble(f -> f.best() == null ? Double.POSITIVE_INFINITY
                : f.best().stepTime()));
        TextTable t = new TextTable(new String[] {"framework", "best design", "step", "MFU"}, false, false, true, true);
        StringBuilder reasons = new StringBuilder();
        for (Plan.FrameworkBest f : sorted) {
            if (f.best() == null) {
                t.row(f.framework(), "none fits (below)", "-", "-");
                reasons.append("  ").append(f.framework()).append(": ").append(f.reason()).append('\n');
            } else {
                t.row(f.framework(), DesignProvenance.describe(f.best().config()),
                        UnitFormat.format(f.best().stepTime(), Units.parse("s")),
                        String.format(Locale.ROOT, "%.2f %%", 100 * f.best().mfu(peak)));
            }
        }
        return "Frameworks compared (framework: any; each searched within what it can do, lsdt catalog list "
                + "frameworks): the plan below is the fastest's\n" + t.render("  ") + reasons;
    }

    /**
     * The what-if at the floor: what the brief assigned, what it moves, and the floor's checks.
     *
     * @param plan a plan whose brief has a {@code floor:} section
     * @return the section's text
     */
    static String floorText(Plan plan) {
        io.lsdt.physics.floor.Floor f = plan.floor();
        io.lsdt.graph.registry.Registry r = io.lsdt.physics.Physics.registry();
        io.lsdt.physics.floor.Floor base = io.lsdt.physics.floor.Floor.of(r, io.lsdt.physics.catalog.Catalog.builtIn(),
                f.deviceId());
        StringBuilder sb = new StringBuilder("What-if at the physical floor (the brief's floor: section; lsdt graph "
                + "cone chip.peak)\n");
        for (var e : f.overrides().entrySet()) {
            var u = r.variable(e.getKey()).unit();
            sb.append("  ").append(e.getKey()).append(" = ").append(UnitFormat.format(e.getValue(), u))
                    .append("  (catalog ").append(base.has(e.getKey()) ? UnitFormat.format(base.value(e.getKey()), u)
                            : "none").append(")\n");
        }
        String[][] moved = {{"chip.peak", "FLOP/s", "dense peak"}, {"hbm.bw", "B/s", "memory bandwidth"},
            {"hbm.capacity", "GB", "memory capacity"}, {"links.scale_up_bw", "B/s", "scale-up per direction"},
            {"links.pcie_bw", "B/s", "host link per direction"}};
        for (String[] m : moved) {
            double k = f.ratio(base, m[0]);
            if (k != 1.0) {
                sb.append(String.format(Locale.ROOT, "  %-24s %s -> %s (x %.4g of the datasheet figure the plan "
                        + "uses)%n", m[2], UnitFormat.format(base.value(m[0]), Units.parse(m[1])),
                        UnitFormat.format(f.value(m[0]), Units.parse(m[1])), k));
            }
        }
        for (var c : f.checks()) {
            // a what-if departs from the datasheet on purpose: only the physical limits (TDP, capacity) are news
            if (c.status() == io.lsdt.graph.resolve.ConstraintCheck.Status.VIOLATED
                    && !c.constraint().name().endsWith("_matches")) {
                sb.append("  check ").append(c.constraint().name()).append(" fails: ")
                        .append(c.constraint().description()).append('\n');
            }
        }
        return sb.toString();
    }

    private String text(Plan plan, double[] stragglers) {
        Brief b = plan.brief();
        FundamentalsResult f = plan.fundamentals();
        double deadline = plan.deadline();
        StringBuilder sb = new StringBuilder();
        sb.append("Plan: ").append(b.name()).append('\n');
        sb.append("model ").append(plan.model().id()).append(" (")
                .append(UnitFormat.format(f.value("P"), Units.parse("param"))).append("), ").append(b.deviceId())
                .append(' ').append(plan.numerics().name().toLowerCase(Locale.ROOT)).append(", global batch ")
                .append(plan.globalBatch()).append(" × ").append(plan.model().architecture().seqLen())
                .append(" tokens, ").append(String.format(Locale.ROOT, "%,.0f", plan.steps())).append(" steps, deadline ")
                .append(Fmt.days(deadline)).append("\n\n");
        if (plan.floor() != null) {
            sb.append(floorText(plan)).append('\n');
        }
        sb.append("Fundamentals (lower bounds before any design; lsdt fundamentals for all of it)\n");
        sb.append("  total compute           ").append(UnitFormat.format(f.value("F_total_flop"), Units.parse("FLOP")))
                .append("  (6·P·T)\n");
        sb.append("  devices for FLOP rate   ").append(UnitFormat.number(f.value("N_compute_lower_bound")))
                .append("  (at the brief's assumed sustained rate)\n");
        sb.append("  devices for state       ").append(UnitFormat.number(f.value("N_state_memory_lower_bound")))
                .append('\n');
        sb.append("  longest step allowed    ").append(UnitFormat.format(f.value("t_step_max_s"), Units.parse("s")))
                .append("\n\n");
        if (!plan.frameworks().isEmpty()) {
            sb.append(frameworksText(plan)).append('\n');
        }
        if (plan.search() != null) {
            sb.append("Best designs on ").append(UnitFormat.number(b.devices())).append(" devices (")
                    .append(UnitFormat.number(plan.search().evaluated())).append(" configurations evaluated, ")
                    .append(UnitFormat.number(plan.search().feasible())).append(" fit, ")
                    .append(String.format(Locale.ROOT, "%.2f s", plan.search().wallSeconds()))
                    .append("; step and MFU of the design step, before stragglers and failures; step P10-P90 from "
                            + "the development residuals, dist = distance from the nearest validated run)\n");
            if (plan.search().best().isEmpty()) {
                sb.append("  ").append(plan.search().reason()).append('\n');
            } else {
                Map<Prediction, io.lsdt.physics.uncertainty.Credibility> cred = new java.util.IdentityHashMap<>();
                plan.designs().forEach(d -> cred.put(d.prediction(), d.credibility()));
                sb.append(DesignPrinter.table(plan.search().best(), plan.hardware().peakFlops(), cred::get));
            }
            sb.append('\n');
        }
        DesignPoint chosen = plan.chosen();
        if (chosen != null) {
            Prediction p = chosen.prediction();
            sb.append("Chosen design: ").append(DesignProvenance.describe(p.config())).append(" on ")
                    .append(UnitFormat.number(p.devices())).append(" devices\n");
            sb.append(DesignPrinter.ledger(p)).append('\n').append(DesignPrinter.memory(p)).append('\n');
            sb.append(headlineText(chosen, plan)).append('\n');
            sb.append(MacroPrinter.text(chosen.macro(), stragglers, brief.toString())).append('\n');
            if (!plan.requirements().isEmpty()) {
                sb.append(requirementsText(plan)).append('\n');
            }
        } else if (b.devices() != null) {
            sb.append("No design: none fits on the brief's ").append(UnitFormat.number(b.devices()))
                    .append(" devices, so there is nothing to choose (deadline-first sizing below says how many would "
                            + "do)\n\n");
        }
        sb.append("Deadline-first: ");
        Plan.DeadlineFirst df = plan.deadlineFirst();
        if (df.devices() == null) {
            sb.append(df.reason()).append('\n');
        } else {
            ParallelConfig c = df.design().config();
            sb.append("the smallest device count found whose best design meets the deadline, stragglers and "
                    + "failures included, is ").append(UnitFormat.number(df.devices())).append(" devices (TP ")
                    .append(c.tp()).append(", CP ").append(c.cp()).append(", PP ").append(c.pp()).append(", DP ")
                    .append(c.dp()).append("): ").append(Fmt.days(df.design().timeToTrain())).append(" (P10-P90 ")
                    .append(Fmt.days(df.design().intervalOf("wallclock")[0])).append(" to ")
                    .append(Fmt.days(df.design().intervalOf("wallclock")[1])).append(") at ")
                    .append(Fmt.pct(df.design().mfu())).append(" MFU (").append(df.searches())
                    .append(" searches). The fundamentals' compute bound, ")
                    .append(UnitFormat.number(f.value("N_compute_lower_bound"))).append(", assumes the brief's "
                            + "sustained rate; the design model predicts its own.\n");
        }
        return sb.toString();
    }

    /**
     * The brief's requirements, each against the chosen design's value.
     *
     * @param plan a plan
     * @return the requirements' lines
     */
    static String requirementsText(Plan plan) {
        StringBuilder sb = new StringBuilder("Requirements (the brief's requirements: section)\n");
        TextTable t = new TextTable(new String[] {"requirement", "limit", "plan", ""});
        for (io.lsdt.physics.brief.Requirements.Check c : plan.requirements()) {
            String unit = switch (c.key()) {
                case "max_energy" -> "GWh";
                case "max_co2" -> "tCO2";
                default -> null;
            };
            String value = switch (c.key()) {
                case "max_cost" -> MacroPrinter.usd(c.value());
                case "min_goodput" -> Fmt.pct(c.value());
                default -> UnitFormat.format(c.value(), Units.parse(unit));
            };
            String limit = switch (c.key()) {
                case "max_cost" -> "≤ " + MacroPrinter.usd(c.limit().si());
                case "min_goodput" -> "≥ " + Fmt.pct(c.limit().si());
                default -> "≤ " + UnitFormat.format(c.limit().si(), Units.parse(unit));
            };
            t.row(c.key(), limit, value, c.met() ? "met" : "NOT MET");
        }
        return sb.append(t.render("  ")).toString();
    }

    /**
     * The one time to train and the one MFU, with their components.
     *
     * @param d the chosen design
     * @param plan its plan
     * @return the headline lines
     */
    static String headlineText(DesignPoint d, Plan plan) {
        StringBuilder sb = new StringBuilder();
        double ttt = d.timeToTrain();
        double[] tttRange = d.intervalOf("wallclock");
        double[] mfuRange = d.intervalOf("mfu");
        sb.append("Time to train: ").append(Fmt.days(ttt)).append(" (P10-P90 ").append(Fmt.days(tttRange[0]))
                .append(" to ").append(Fmt.days(tttRange[1])).append("), ")
                .append(ttt <= plan.deadline() ? "meets" : "MISSES").append(" the deadline of ")
                .append(Fmt.days(plan.deadline()));
        if (tttRange[0] <= plan.deadline() && plan.deadline() < tttRange[1]) {
            sb.append("; the deadline lies inside the interval");
        }
        sb.append('\n');
        sb.append("  = ").append(String.format(Locale.ROOT, "%,.0f", d.value("training.n_steps"))).append(" steps × ")
                .append(Fmt.secs(d.value("training.t_step"))).append(" expected step (design step ")
                .append(Fmt.secs(d.value("design.t_step"))).append(", stretched by stragglers: each step waits for the "
                        + "slowest of ").append(UnitFormat.number(d.value("design.devices"))).append(" ranks)\n");
        sb.append("    / ").append(Fmt.pct(d.value("rel.goodput"))).append(" goodput (failures, restarts and "
                + "checkpoints: Daly) — ").append(Fmt.days(d.value("training.wallclock_nominal")))
                .append(" if nothing failed\n");
        sb.append("MFU ").append(Fmt.pct(d.mfu())).append(" (P10-P90 ").append(Fmt.pct(mfuRange[0])).append(" to ")
                .append(Fmt.pct(mfuRange[1])).append(") of dense ").append(plan.numerics().gemmPrecision().key())
                .append(" peak at the expected step (").append(Fmt.pct(d.value("design.mfu"))).append(" at the design "
                        + "step)\n");
        sb.append("  ").append(UncertaintyPrinter.best(d.bestMeasured(), d.credibility().configuration()))
                .append('\n');
        if (d.bestMeasured() != null && d.value("design.mfu") > d.bestMeasured().mfu()) {
            // a plan above every measurement on its hardware says so, and which terms carry it
            sb.append("  ABOVE the best measured: it rests on GEMMs at ")
                    .append(Fmt.pct(d.value("design.eff_gemm"))).append(" of peak (eff_gemm, fitted on the "
                            + "development set) for ").append(Fmt.pct(d.value("design.t_compute") / d.value("design.t_step")))
                    .append(" of the step, with ").append(d.config().recompute() == io.lsdt.physics.design.Recompute.NONE
                            ? "no recomputation" : d.config().recompute().key() + " recomputation")
                    .append(", ZeRO-").append(d.config().zeroStage()).append(" and ")
                    .append(Fmt.pct((d.value("design.t_tp_exposed") + d.value("design.t_dp_exposed")
                            + d.value("design.t_pp") + d.value("design.t_cp_exposed") + d.value("design.t_ep"))
                            / d.value("design.t_step"))).append(" exposed communication; no development run "
                            + "measures such a layout at this scale (distance ")
                    .append(String.format(Locale.ROOT, "%.2f", d.credibility().distance())).append(")\n");
        }
        double design = d.value("design.flop_model_step");
        double fundamental = plan.fundamentals().value("F_step_flop");
        double c = plan.fundamentals().value("c");
        sb.append("  model FLOPs per step ").append(UnitFormat.format(design, Units.parse("FLOP")))
                .append(": 6 × non-embedding parameters × tokens, plus the attention scores and values and the "
                        + "output layer (Narayanan et al. 2021 Eq. 3); the fundamentals' c·P·T (c = ")
                .append(UnitFormat.significant(c)).append(" FLOP per parameter per token, every parameter, no "
                        + "attention) is ").append(UnitFormat.format(fundamental, Units.parse("FLOP"))).append(", ")
                .append(String.format(Locale.ROOT, "%+.1f %%", (fundamental / design - 1) * 100)).append('\n');
        sb.append("Uncertainty (lsdt plan --explain time_to_train_p90 traces it)\n")
                .append(UncertaintyPrinter.text(d.credibility(), "  "));
        return sb.toString();
    }



}
