package io.lsdt.cli;

import io.lsdt.api.Lsdt;
import io.lsdt.api.Plan;
import io.lsdt.api.PlanRequest;
import io.lsdt.api.Sensitivity;
import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.unit.UnitFormat;
import io.lsdt.graph.unit.Units;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lsdt sensitivity BRIEF}: which uncertain inputs move the chosen design's answers, ranked. */
@Command(name = "sensitivity", mixinStandardHelpOptions = true,
        description = {
            "Global sensitivity of a plan: which of the chosen design's uncertain inputs move its time to train,",
            "cost, energy, CO2 and MFU, and by how much. The design stays as the plan chose it (no search per",
            "sample): its graph is compiled once and re-evaluated with the inputs varied together.",
            "",
            "The inputs varied are those an output depends on and whose source says how sure it is, each uniform",
            "over a default range by its source's kind:",
            "  datasheet  ±2 %%   datasheet or vendor documentation (peak FLOP/s, HBM bandwidth, TDP, PUE, rent)",
            "  measured   ±5 %%   a measurement or published figure (NCCL latencies, MTBF, restart time, grid CO2)",
            "  estimate   ±20 %%  an estimate",
            "  fitted     ±20 %%  fitted on the development set (GEMM efficiency, memory-bound factor, ...)",
            "  assumption ±50 %%  no source: set by judgment (link efficiencies, straggler cv, idle power)",
            "clipped to the variable's range (an efficiency stays ≤ 1). Held: the model's shape, the design, the",
            "brief's own numbers (tokens, batch, state bytes), definitions, counts and zero-valued inputs.",
            "A range is overridden per kind or per variable, in the brief or with --range (repeatable; a zero",
            "range holds the input):",
            "  sensitivity:",
            "    ranges: {assumption: 0.3, design.eff_gemm_max: 0.1}",
            "",
            "Uncertainty band: each output's P10-P90 over the inputs' ranges (4,096 seeded samples), then with the",
            "design model's own prediction interval (the plan's P10-P90 of its regime, widened by distance) added",
            "in quadrature on each side: what the inputs leave open and what the model itself may be off by.",
            "",
            "Methods (both deterministic for a --seed; the same command prints the same bytes):",
            "  morris   elementary effects (Morris 1991): r trajectories on a 4-level grid, r (k + 1) evaluations.",
            "           mu* (Campolongo et al. 2007) is the mean |change| of the output when the input moves across",
            "           its whole range: it ranks. sigma large beside mu* means interactions or curvature.",
            "  sobol    variance-based indices by Saltelli sampling over a Sobol' sequence: N base samples,",
            "           N (k + 2) evaluations. S1 (Saltelli et al. 2010 Table 2 (b)) is the share of the output's",
            "           variance the input explains alone; ST (Jansen 1999) with its interactions: it ranks.",
            "           The noise falls as N grows: on the 405B plan a dominant S1 varies by about ±0.1 between",
            "           seeds at N = 1,024 and by about ±0.01 at the default 4,096 (ST is steadier). Compare two",
            "           --seed values to see it.",
            "",
            "Each output's table also gives the one-at-a-time swing: the output with the input at its low and its",
            "high bound, the others at the plan's values. --png FILE draws the swings of the time to train as a",
            "tornado chart.",
            "",
            "Reading it: 'lsdt sensitivity examples/llama3.1-405b.yaml --method sobol' ranks the time to train as",
            "   #  input                kind            S1     ST   swing low → high",
            "   1  design.eff_gemm_max  fitted       0.671  0.673  73.97 d → 55.48 d",
            "   2  design.eff_link_out  assumption   0.240  0.240   72.92 d → 61.3 d",
            "   3  tail.step.cv         assumption   0.048  0.048  60.51 d → 65.12 d",
            "The GEMM efficiency fitted on the development runs explains two thirds of the variance of the time to",
            "train: at ±20 %% it alone moves the run between 55 and 74 days. The assumed NIC link efficiency explains",
            "a quarter. Measure those two (lsdt validate --fit on runs like yours; an NCCL bus-bandwidth test) before",
            "anything on a datasheet: the peak FLOP/s at ±2 %% explains under 1 %%.",
            ""},
        footer = {"", "Examples:",
            "  lsdt sensitivity examples/llama3.1-405b.yaml                    (Morris, 100 trajectories)",
            "  lsdt sensitivity examples/llama3.1-405b.yaml --method sobol --samples 16384 --seed 7",
            "  lsdt sensitivity examples/llama3.1-405b.yaml --png tornado.png",
            "  lsdt sensitivity examples/llama3.1-405b.yaml --json",
            "", "Exit codes: 0 analysed; 3 the plan has no design to analyse (nothing fits); 2 bad input (brief,",
            "seed-form brief, --method, --samples, an output that cannot be written); 1 a defect."})
final class SensitivityCommand implements Callable<Integer> {
    /** Default samples: Morris trajectories r, Sobol base samples N. */
    static final int MORRIS_DEFAULT = 100;
    static final int SOBOL_DEFAULT = 4096;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BRIEF", description = "catalog-form brief (YAML)")
    Path brief;

    @Option(names = "--method", paramLabel = "morris|sobol", description = "morris (default) or sobol")
    String method = "morris";

    @Option(names = "--samples", paramLabel = "N", description = "Morris trajectories r (default "
            + MORRIS_DEFAULT + ") or Sobol base samples N (default " + SOBOL_DEFAULT + "); 1 to 10,000,000")
    Long samples;

    @Option(names = "--seed", paramLabel = "S", description = "seed of the trajectories or the sequence's "
            + "rotation (default 1)")
    long seed = 1;

    @Option(names = "--top", paramLabel = "K", description = "rows per output (default 10)")
    int top = 10;

    @Option(names = "--png", paramLabel = "FILE.png", description = "also write the tornado chart of the time to "
            + "train")
    Path png;

    @Option(names = "--range", paramLabel = "KEY=SHARE", description = "override a range: KEY a kind (datasheet, "
            + "measured, estimate, fitted, assumption) or a graph variable, SHARE its relative half-width (0.1 or "
            + "10%%); repeatable, after the brief's own 'sensitivity: ranges:' section")
    List<String> ranges = new ArrayList<>();

    @Option(names = "--json", description = "print the result as JSON (SI units)")
    boolean json;

    @Override
    public Integer call() {
        Sensitivity.Method m = Sensitivity.Method.parse(method);
        long n = samples != null ? samples : m == Sensitivity.Method.SOBOL ? SOBOL_DEFAULT : MORRIS_DEFAULT;
        if (n < (m == Sensitivity.Method.SOBOL ? 2 : 1) || n > Sensitivity.MAX_SAMPLES) {
            throw LsdtException.of(Problem.INVALID_VALUE, "--samples", n, "a whole number from "
                    + (m == Sensitivity.Method.SOBOL ? "2" : "1") + " to 10,000,000 ("
                    + (m == Sensitivity.Method.SOBOL ? "Sobol base samples N" : "Morris trajectories r") + ")");
        }
        OptionChecks.atLeastOne("--top", top);
        Outputs outputs = new Outputs().input("BRIEF", brief);
        if (png != null) {
            outputs.output("--png", png);
        }
        outputs.check();
        Lsdt lsdt = Lsdt.builtIn();
        Plan plan = lsdt.plan(PlanRequest.of(brief).withDeadlineFirst(false));
        if (plan.chosen() == null) {
            spec.commandLine().getErr().println("lsdt: no design to analyse: " + (plan.search() != null
                    && plan.search().reason() != null ? plan.search().reason() : plan.deadlineFirst().reason()));
            return 3;
        }
        java.util.Set<String> known = lsdt.registry().variables().keySet();
        Sensitivity.Ranges rg = Sensitivity.Ranges.ofBrief(brief, known).with(ranges, known);
        Sensitivity.Result r = lsdt.sensitivity(plan, m, (int) n, seed, rg);
        if (png != null) {
            byte[] bytes = SensitivityChart.tornado(r.outputs().get(0), top);
            outputs.write("--png", png, "PNG tornado chart of the time to train", out -> out.write(bytes));
        }
        if (json) {
            spec.commandLine().getOut().print(Json.write(json(brief.toString(), plan, r)));
        } else {
            spec.commandLine().getOut().print(text(brief.toString(), plan, r, top)
                    + (png == null ? "" : "\n" + outputs.text()));
        }
        return 0;
    }

    /**
     * The display unit of each output.
     *
     * @param variable one of {@link Sensitivity#OUTPUTS}
     * @param si its value (SI)
     * @return the value in the output's display unit (days, US dollars, GWh, tonnes of CO2, per cent)
     */
    static String show(String variable, double si) {
        return switch (variable) {
            case "training.wallclock" -> Fmt.days(si);
            case "econ.run.total_cost" -> MacroPrinter.usd(si);
            case "sust.energy.facility" -> UnitFormat.format(si, Units.parse("GWh"));
            case "sust.co2.total" -> String.format(Locale.ROOT, "%,.0f t CO2", si / 1000);
            case "training.mfu" -> Fmt.pct(si);
            default -> UnitFormat.significant(si);
        };
    }

    /**
     * An effect (an output's change, SI) in the output's display unit, signed.
     *
     * @param variable one of {@link Sensitivity#OUTPUTS}
     * @param si the change (SI)
     * @return the change with its sign, in the output's display unit
     */
    static String effect(String variable, double si) {
        return switch (variable) {
            case "training.mfu" -> String.format(Locale.ROOT, "%.3g pts", si * 100);
            default -> si < 0 ? "−" + show(variable, -si) : show(variable, si);
        };
    }

    static final Map<String, String> TITLES = Map.of("training.wallclock", "Time to train",
            "econ.run.total_cost", "Cost", "sust.energy.facility", "Energy (facility)", "sust.co2.total", "CO2",
            "training.mfu", "MFU");

    static String text(String briefName, Plan plan, Sensitivity.Result r, int top) {
        StringBuilder sb = new StringBuilder();
        boolean sobol = r.method() == Sensitivity.Method.SOBOL;
        sb.append("Sensitivity of ").append(briefName).append(": the chosen design, ").append(plan.chosen().describe())
                .append(" on ").append(Fmt.count(plan.chosen().config().devices())).append(" devices, held fixed\n");
        sb.append(sobol
                ? String.format(Locale.ROOT, "Sobol' indices: N = %,d base samples × (k + 2) = %,d evaluations, seed %d"
                        + " (Saltelli sampling over a Sobol' sequence; S1 Saltelli et al. 2010, ST Jansen 1999)\n",
                        r.samples(), r.evaluations(), r.seed())
                : String.format(Locale.ROOT, "Morris elementary effects: r = %,d trajectories × (k + 1) = %,d "
                        + "evaluations on a 4-level grid, seed %d (mu* Campolongo et al. 2007: mean |change| across "
                        + "the input's range)\n", r.samples(), r.evaluations(), r.seed()));
        sb.append("\nInputs varied (k = ").append(r.inputs().size())
                .append("; uniform over the range of their source's kind)\n");
        TextTable in = new TextTable(new String[] {"input", "kind", "value", "low", "high", "origin"}, false, false,
                true, true, true, false);
        for (Sensitivity.Input i : r.inputs()) {
            in.row(i.variable(), i.kind().text() + " ±" + java.math.BigDecimal.valueOf(i.relative() * 100)
                    .round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString() + " %"
                    + (i.relative() != i.kind().relative() ? " (set)" : ""),
                    UnitFormat.format(i.value(), i.unit()), UnitFormat.format(i.low(), i.unit()),
                    UnitFormat.format(i.high(), i.unit()), clip(i.origin(), 70));
        }
        sb.append(in.render("  "));
        sb.append(String.format(Locale.ROOT, "%nUncertainty band (P10-P90): the inputs over their ranges (%,d seeded "
                + "samples), then with the design model's own prediction interval (%s) in quadrature%n",
                Sensitivity.BAND_SAMPLES, String.format(Locale.ROOT, "regime %s, widened by distance %.2f: ln(actual / "
                        + "predicted rate) %+.3f to %+.3f", UncertaintyPrinter.regime(plan.chosen().credibility()
                        .interval()), plan.chosen().credibility().distance(), plan.chosen().credibility().logLow(),
                        plan.chosen().credibility().logHigh())));
        TextTable band = new TextTable(new String[] {"output", "plan", "inputs P10-P90", "with the model P10-P90"},
                false, true, true, true);
        for (Sensitivity.Band b : r.bands()) {
            double nominal = r.outputs().stream().filter(o -> o.variable().equals(b.variable())).findFirst()
                    .orElseThrow().nominal();
            band.row(TITLES.get(b.variable()), show(b.variable(), nominal), show(b.variable(), b.inputsP10()) + " – "
                    + show(b.variable(), b.inputsP90()), show(b.variable(), b.p10()) + " – "
                    + show(b.variable(), b.p90()));
        }
        sb.append(band.render("  "));
        for (Sensitivity.Output o : r.outputs()) {
            String v = o.variable();
            sb.append('\n').append(TITLES.get(v)).append(" (").append(v).append("): ").append(show(v, o.nominal()))
                    .append(" at the plan's inputs; ranked by ").append(sobol ? "ST" : "mu*").append('\n');
            TextTable t = sobol
                    ? new TextTable(new String[] {"#", "input", "kind", "S1", "ST", "swing low → high"}, true,
                            false, false, true, true, true)
                    : new TextTable(new String[] {"#", "input", "kind", "mu*", "mu", "sigma", "swing low → high"},
                            true, false, false, true, true, true, true);
            Map<String, Sensitivity.Swing> swing = new LinkedHashMap<>();
            o.swings().forEach(s -> swing.put(s.input().variable(), s));
            int shown = 0;
            List<String> none = new ArrayList<>();
            for (Sensitivity.Row row : o.rows()) {
                Sensitivity.Swing s = swing.get(row.input().variable());
                if (s.width() == 0 && row.first() == 0 && row.second() == 0) {
                    none.add(row.input().variable());
                    continue;
                }
                if (shown >= top) {
                    continue;
                }
                shown++;
                String sw = show(v, s.atLow()) + " → " + show(v, s.atHigh());
                if (sobol) {
                    t.row(String.valueOf(shown), row.input().variable(), row.input().kind().text(),
                            idx(row.first()), idx(row.second()), sw);
                } else {
                    t.row(String.valueOf(shown), row.input().variable(), row.input().kind().text(),
                            effect(v, row.first()), effect(v, row.mu()), effect(v, row.second()), sw);
                }
            }
            sb.append(t.render("  "));
            long more = o.rows().size() - none.size() - shown;
            if (more > 0) {
                sb.append("  ... ").append(more).append(" more with smaller effects (--top ").append(top + more)
                        .append(" lists them)\n");
            }
            if (!none.isEmpty()) {
                sb.append("  no effect: ").append(String.join(", ", none)).append('\n');
            }
        }
        return sb.toString();
    }

    private static String idx(double x) {
        return String.format(Locale.ROOT, "%.3f", Math.abs(x) < 0.0005 ? 0.0 : x); // no "-0.000"
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    static Map<String, Object> json(String briefName, Plan plan, Sensitivity.Result r) {
        boolean sobol = r.method() == Sensitivity.Method.SOBOL;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("brief", briefName);
        out.put("design", plan.chosen().describe());
        out.put("devices", plan.chosen().config().devices());
        out.put("method", r.method().text());
        out.put("samples", r.samples());
        out.put("seed", r.seed());
        out.put("evaluations", r.evaluations());
        List<Object> inputs = new ArrayList<>();
        for (Sensitivity.Input i : r.inputs()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("variable", i.variable());
            m.put("unit", i.unit().toString());
            m.put("kind", i.kind().text());
            m.put("relative_range", i.relative());
            m.put("value", i.value());
            m.put("low", i.low());
            m.put("high", i.high());
            m.put("origin", i.origin());
            inputs.add(m);
        }
        out.put("inputs", inputs);
        List<Object> outs = new ArrayList<>();
        for (Sensitivity.Output o : r.outputs()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("variable", o.variable());
            m.put("nominal", o.nominal());
            if (sobol) {
                m.put("variance", o.variance());
            }
            Map<String, Sensitivity.Swing> swing = new LinkedHashMap<>();
            o.swings().forEach(s -> swing.put(s.input().variable(), s));
            List<Object> rows = new ArrayList<>();
            for (Sensitivity.Row row : o.rows()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("variable", row.input().variable());
                if (sobol) {
                    x.put("s1", row.first());
                    x.put("st", row.second());
                } else {
                    x.put("mu_star", row.first());
                    x.put("mu", row.mu());
                    x.put("sigma", row.second());
                }
                x.put("at_low", swing.get(row.input().variable()).atLow());
                x.put("at_high", swing.get(row.input().variable()).atHigh());
                rows.add(x);
            }
            m.put("ranked", rows);
            outs.add(m);
        }
        out.put("outputs", outs);
        List<Object> bands = new ArrayList<>();
        for (Sensitivity.Band b : r.bands()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("variable", b.variable());
            m.put("inputs_p10", b.inputsP10());
            m.put("inputs_p90", b.inputsP90());
            m.put("p10", b.p10());
            m.put("p90", b.p90());
            bands.add(m);
        }
        out.put("bands", bands);
        return out;
    }
}
