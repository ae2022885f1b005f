package io.lsdt.cli;

import io.lsdt.api.DesignPoint;
import io.lsdt.api.Plan;
import io.lsdt.api.Scaling;
import io.lsdt.graph.unit.UnitFormat;
import io.lsdt.graph.unit.Units;
import io.lsdt.physics.design.ParallelConfig;
import io.lsdt.physics.macro.MacroResult;
import io.lsdt.physics.validation.ErrorStats;
import io.lsdt.physics.validation.RunsReport;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders {@code lsdt report}'s HTML: one self-contained file (inline CSS, plots as PNG {@code data:} URIs, no
 * external reference), whose every number carries, as its {@code title}, the command that explains it.
 */
final class ReportHtml {
    private ReportHtml() {}

    /**
     * What the report shows; all of it computed by the library before rendering.
     *
     * @param brief the brief's file name
     * @param plan the plan of the brief
     * @param scaling the device-count sweep around the plan
     * @param validation the validation of the step model on the runs files
     * @param runs the runs files validated
     * @param stragglers throughput kept with stragglers at 1,024, 16,384 and 100,000 ranks
     * @param plots the charts, in report order
     */
    record Input(String brief, Plan plan, Scaling scaling, RunsReport validation, List<String> runs,
            double[] stragglers, List<ReportCharts.Plot> plots) {}

    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }

    private static String explain(String brief, String variable) {
        return "lsdt plan " + brief + " --explain " + variable;
    }

    /** A number with the command that explains it as its title. */
    private static String num(String text, String brief, String variable) {
        return "<span class=\"n\" title=\"" + esc(explain(brief, variable)) + "\">" + esc(text) + "</span>";
    }

    /** A number with a free-form title (a command that reproduces it). */
    private static String numT(String text, String title) {
        return "<span class=\"n\" title=\"" + esc(title) + "\">" + esc(text) + "</span>";
    }

    private static String s(double v) {
        return UnitFormat.format(v, Units.parse("s"));
    }

    private static String gib(double v) {
        return UnitFormat.format(v, Units.parse("GiB"));
    }

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;margin:2em auto;\
            max-width:1100px;padding:0 1em;color:#222;line-height:1.45}
            h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;border-bottom:1px solid #ccc;margin-top:2em}
            table{border-collapse:collapse;margin:.6em 0;font-size:.92em}
            th,td{border:1px solid #ddd;padding:.25em .55em;text-align:right}
            th{background:#f3f3f3}td.l,th.l{text-align:left}
            tr.chosen td{background:#eef6ff;font-weight:600}
            .n{border-bottom:1px dotted #999;cursor:help}
            .ok{color:#176c1e;font-weight:700}.miss{color:#b00020;font-weight:700}
            figure{margin:1em 0}figure img{max-width:100%;height:auto;border:1px solid #eee}
            figcaption{font-size:.9em;color:#444}
            .note{font-size:.9em;color:#555}code{background:#f5f5f5;padding:0 .2em}
            """;

    static String render(Input in) {
        Plan plan = in.plan();
        DesignPoint d = plan.chosen();
        String b = in.brief();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>LSDT report: ").append(esc(plan.brief().name())).append("</title>\n<style>\n")
                .append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<h1>LSDT report: ").append(esc(plan.brief().name())).append("</h1>\n");
        h.append("<p>Brief <code>").append(esc(b)).append("</code>: model ").append(esc(plan.model().id()))
                .append(", ").append(esc(plan.brief().deviceId())).append(' ')
                .append(esc(plan.numerics().name().toLowerCase(Locale.ROOT))).append(", global batch ")
                .append(plan.globalBatch()).append(" × ").append(plan.model().architecture().seqLen())
                .append(" tokens, ").append(num(String.format(Locale.ROOT, "%,.0f", plan.steps()), b,
                        "fundamentals.N_steps")).append(" steps, deadline ")
                .append(num(Fmt.days(plan.deadline()), b, "fundamentals.T")).append(".</p>\n");
        h.append("<p class=\"note\">Every number is one value of LSDT's equation graph: hover it for the command "
                + "that explains it (its equations, inputs and sources). Produced by <code>lsdt report ")
                .append(esc(b)).append("</code>.</p>\n");
        plan(h, in, d);
        macro(h, b, d.macro(), in.stragglers());
        h.append("<h2>Plots</h2>\n");
        figures(h, in);
        scalingTable(h, in);
        validation(h, in);
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static void plan(StringBuilder h, Input in, DesignPoint d) {
        Plan plan = in.plan();
        String b = in.brief();
        h.append("<h2>Plan</h2>\n");
        h.append("<p><b>Chosen design:</b> <span class=\"design\">").append(esc(d.describe())).append("</span> on ")
                .append(num(Fmt.count(d.config().devices()), b, "design.devices")).append(" devices.</p>\n");
        double[] ttt = d.intervalOf("wallclock");
        double[] mfu = d.intervalOf("mfu");
        boolean meets = plan.meetsDeadline();
        h.append("<p><b>Time to train:</b> <span class=\"ttt\">")
                .append(num(Fmt.days(d.timeToTrain()), b, "training.wallclock")).append("</span> (P10-P90 ")
                .append(num(Fmt.days(ttt[0]), b, "uncertainty.wallclock_p10")).append(" to ")
                .append(num(Fmt.days(ttt[1]), b, "uncertainty.wallclock_p90")).append("), ")
                .append(meets ? "<span class=\"ok\">meets</span>" : "<span class=\"miss\">MISSES</span>")
                .append(" the deadline of ").append(num(Fmt.days(plan.deadline()), b, "fundamentals.T"))
                .append(".<br>\n= ").append(num(String.format(Locale.ROOT, "%,.0f", d.value("training.n_steps")), b,
                        "training.n_steps")).append(" steps × ")
                .append(num(Fmt.secs(d.value("training.t_step")), b, "training.t_step"))
                .append(" expected step (design step ").append(num(Fmt.secs(d.value("design.t_step")), b,
                        "design.t_step")).append(", stretched by stragglers) / ")
                .append(num(Fmt.pct(d.value("rel.goodput")), b, "rel.goodput"))
                .append(" goodput (failures, restarts and checkpoints); ")
                .append(num(Fmt.days(d.value("training.wallclock_nominal")), b, "training.wallclock_nominal"))
                .append(" if nothing failed.</p>\n");
        h.append("<p><b>MFU:</b> ").append(num(Fmt.pct(d.mfu()), b, "training.mfu")).append(" (P10-P90 ")
                .append(num(Fmt.pct(mfu[0]), b, "uncertainty.mfu_p10")).append(" to ")
                .append(num(Fmt.pct(mfu[1]), b, "uncertainty.mfu_p90"))
                .append(") of dense peak at the expected step; ")
                .append(num(Fmt.pct(d.value("design.mfu")), b, "design.mfu")).append(" at the design step.</p>\n");
        if (!plan.requirements().isEmpty()) {
            h.append("<p><b>Requirements:</b> ");
            plan.requirements().forEach(r -> h.append(esc(r.key())).append(' ')
                    .append(r.met() ? "<span class=\"ok\">met</span>" : "<span class=\"miss\">NOT MET</span>")
                    .append("; "));
            h.append("</p>\n");
        }
        h.append("<h3>Best designs on ").append(Fmt.count(plan.brief().devices() == null ? d.config().devices()
                : plan.brief().devices())).append(" devices</h3>\n");
        h.append("<table class=\"designs\">\n<tr><th>#</th><th>TP</th><th>CP</th><th>PP</th><th>v</th><th>DP</th>"
                + "<th>EP</th><th>mb</th><th class=\"l\">recompute</th><th>ZeRO</th><th class=\"l\">offload</th>"
                + "<th>step</th><th>step P10-P90</th><th>tokens/s</th><th>TFLOP/s/GPU</th><th>MFU</th>"
                + "<th>mem/GPU</th></tr>\n");
        List<DesignPoint> designs = plan.designs().isEmpty() ? List.of(d) : plan.designs();
        for (int i = 0; i < designs.size(); i++) {
            DesignPoint p = designs.get(i);
            ParallelConfig c = p.config();
            h.append(i == 0 ? "<tr class=\"chosen\">" : "<tr>").append("<td>").append(i + 1).append("</td>");
            for (String[] kv : new String[][] {{String.valueOf(c.tp()), "design.tp"},
                {String.valueOf(c.cp()), "design.cp"}, {String.valueOf(c.pp()), "design.pp"},
                {String.valueOf(c.vpp()), "design.vpp"}, {String.valueOf(c.dp()), "design.dp"},
                {String.valueOf(c.ep()), "design.ep"}, {String.valueOf(c.microBatch()), "design.mb"}}) {
                h.append("<td>").append(num(kv[0], b, kv[1])).append("</td>");
            }
            h.append("<td class=\"l\">").append(esc(c.recompute().key())).append("</td><td>")
                    .append(num(String.valueOf(c.zeroStage()), b, "design.zero_stage")).append("</td><td class=\"l\">")
                    .append(esc(DesignPrinter.offload(c.offload()))).append("</td>");
            double[] st = p.intervalOf("t_step");
            h.append("<td>").append(num(s(p.value("design.t_step")), b, "design.t_step")).append("</td><td>")
                    .append(num(s(st[0]), b, "uncertainty.t_step_p10")).append(" - ")
                    .append(num(s(st[1]), b, "uncertainty.t_step_p90")).append("</td><td>")
                    .append(num(UnitFormat.format(p.value("design.tokens_per_s"), Units.parse("token/s")), b,
                            "design.tokens_per_s")).append("</td><td>")
                    .append(num(UnitFormat.significant(p.value("design.flops_gpu") / 1e12), b, "design.flops_gpu"))
                    .append("</td><td>").append(num(Fmt.pct(p.value("design.mfu")), b, "design.mfu"))
                    .append("</td><td>").append(num(gib(p.value("design.mem_total")), b, "design.mem_total"))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n<p class=\"note\">Step and MFU of the design step, before stragglers and failures; the "
                + "numbers of designs #2 and below are explained by planning with that design (lsdt simulate --plan "
                + "or lsdt search); the titles name their graph variables.</p>\n");
        h.append("<h3>Step-time ledger and memory of the chosen design</h3>\n<table class=\"ledger\">\n"
                + "<tr><th class=\"l\">step time</th><th>value</th><th>share</th></tr>\n");
        double step = d.value("design.t_step");
        for (Map.Entry<String, String> e : ReportCharts.LEDGER.entrySet()) {
            double v = d.value(e.getValue());
            h.append("<tr><td class=\"l\">").append(esc(e.getKey())).append("</td><td>")
                    .append(num(s(v), b, e.getValue())).append("</td><td>")
                    .append(numT(UnitFormat.significant(v / step * 100) + " %", e.getValue() + " / design.t_step: "
                            + explain(b, e.getValue()))).append("</td></tr>\n");
        }
        h.append("<tr><td class=\"l\">total</td><td>").append(num(s(step), b, "design.t_step"))
                .append("</td><td>100 %</td></tr>\n</table>\n");
        h.append("<table class=\"memory\">\n<tr><th class=\"l\">memory per GPU</th><th>value</th></tr>\n");
        for (Map.Entry<String, String> e : ReportCharts.MEMORY.entrySet()) {
            h.append("<tr><td class=\"l\">").append(esc(e.getKey())).append("</td><td>")
                    .append(num(gib(d.value(e.getValue())), b, e.getValue())).append("</td></tr>\n");
        }
        h.append("<tr><td class=\"l\">total</td><td>").append(num(gib(d.value("design.mem_total")), b,
                "design.mem_total")).append("</td></tr>\n<tr><td class=\"l\">device capacity</td><td>")
                .append(num(gib(d.value("design.hbm_cap")), b, "design.hbm_cap")).append("</td></tr>\n</table>\n");
        Plan.DeadlineFirst df = plan.deadlineFirst();
        if (df != null) {
            h.append("<p><b>Deadline-first:</b> ");
            if (df.devices() == null) {
                h.append(esc(df.reason()));
            } else {
                h.append("the smallest device count found whose best design meets the deadline is ")
                        .append(numT(Fmt.count(df.devices()), "design.devices of the deadline-first design: "
                                + "lsdt plan " + b + " --json, deadline_first")).append(" devices (")
                        .append(esc(df.design().describe())).append("): ")
                        .append(numT(Fmt.days(df.design().timeToTrain()), "training.wallclock of the deadline-first "
                                + "design: lsdt plan " + b + " --json, deadline_first.time_to_train")).append('.');
            }
            h.append("</p>\n");
        }
    }

    private static void macro(StringBuilder h, String b, MacroResult m, double[] stragglers) {
        h.append("<h2>Macro: cost, energy, carbon, goodput, stragglers</h2>\n<table class=\"macro\">\n")
                .append("<tr><th class=\"l\">quantity</th><th>value</th><th class=\"l\">detail</th></tr>\n");
        boolean rented = m.ownership().equals("rented");
        row(h, "cost", num(MacroPrinter.usd(m.value("econ.run.total_cost")), b, "econ.run.total_cost"),
                (rented ? "rent " : "hardware ") + num(MacroPrinter.usd(m.value("econ.run.hw_cost")), b,
                        "econ.run.hw_cost") + "; " + num(MacroPrinter.usd(m.value("econ.cost.per_token") * 1e6), b,
                        "econ.cost.per_token") + " per million tokens; region " + esc(m.region().id()) + ", "
                        + esc(m.ownership()));
        row(h, "power", num(UnitFormat.format(m.value("thermal.dc.total_power"), Units.parse("MW")), b,
                "thermal.dc.total_power"), "at the meter, PUE " + num(UnitFormat.significant(
                        m.value("thermal.dc.pue")), b, "thermal.dc.pue"));
        row(h, "energy", num(UnitFormat.format(m.value("sust.energy.facility"), Units.parse("GWh")), b,
                "sust.energy.facility"), "IT " + num(UnitFormat.format(m.value("sust.energy.it"), Units.parse("GWh")),
                        b, "sust.energy.it") + ", " + num(UnitFormat.format(m.value("sust.energy.per_token"),
                                Units.parse("J/token")), b, "sust.energy.per_token"));
        row(h, "CO2", num(tonnes(m.value("sust.co2.total")), b, "sust.co2.total"), "operational "
                + num(tonnes(m.value("sust.co2.operational")), b, "sust.co2.operational") + " + embodied "
                + num(tonnes(m.value("sust.co2.embodied")), b, "sust.co2.embodied") + "; water "
                + num(UnitFormat.format(m.value("sust.water.total"), Units.parse("ML")), b, "sust.water.total"));
        row(h, "goodput", num(Fmt.pct(m.value("rel.goodput")), b, "rel.goodput"), "fleet MTBF "
                + num(UnitFormat.format(m.value("rel.fleet.mtbf"), Units.parse("h")), b, "rel.fleet.mtbf")
                + ", checkpoint every " + num(UnitFormat.format(m.value("rel.ckpt.interval"), Units.parse("min")), b,
                        "rel.ckpt.interval") + " (Daly), "
                + num(Fmt.count(Math.round(m.value("rel.expected_failures"))), b, "rel.expected_failures")
                + " failures expected");
        row(h, "stragglers", num(UnitFormat.format(m.value("tail.step.expected"), Units.parse("s")), b,
                "tail.step.expected") + " expected step", "P99 " + num(UnitFormat.format(m.value("tail.step.p99"),
                        Units.parse("s")), b, "tail.step.p99") + ", P99.9 " + num(UnitFormat.format(
                                m.value("tail.step.p999"), Units.parse("s")), b, "tail.step.p999")
                + "; throughput kept " + num(Fmt.pct(m.value("tail.step.efficiency")), b, "tail.step.efficiency")
                + " here, " + numT(Fmt.pct(stragglers[0]), "tail.step.efficiency at 1,024 ranks") + " / "
                + numT(Fmt.pct(stragglers[1]), "tail.step.efficiency at 16,384 ranks") + " / "
                + numT(Fmt.pct(stragglers[2]), "tail.step.efficiency at 100,000 ranks") + " at 1K / 16K / 100K ranks");
        h.append("</table>\n");
    }

    private static String tonnes(double kg) {
        return String.format(Locale.ROOT, "%,.0f t CO2", kg / 1000);
    }

    private static void row(StringBuilder h, String name, String value, String detail) {
        h.append("<tr><td class=\"l\">").append(esc(name)).append("</td><td>").append(value)
                .append("</td><td class=\"l\">").append(detail).append("</td></tr>\n");
    }

    private static final Map<String, String> CAPTIONS = Map.of(
            "ledger", "Where each step's time goes for the designs of the table above (design.t_compute, "
                    + "design.t_recompute, design.t_mem, design.t_tp_exposed, design.t_cp_exposed, design.t_ep, "
                    + "design.t_pp, design.t_dp_exposed, design.t_bubble, design.t_optimizer; they sum to "
                    + "design.t_step).",
            "memory", "Memory per GPU (design.mem_weights, design.mem_grads, design.mem_opt, design.mem_act, "
                    + "design.reserve; they sum to design.mem_total) against the device's capacity "
                    + "(design.hbm_cap, dashed).",
            "scaling", "The best design LSDT's search finds at each GPU count around the plan's (a quarter to four "
                    + "times): its design step (design.t_step, left axis) and MFU at the design step (design.mfu, "
                    + "right axis). Table below.",
            "cost-vs-time", "The same sweep: the run's cost (econ.run.total_cost) against its time to train "
                    + "(training.wallclock), one point per GPU count; the dashed line is the deadline.",
            "validation", "Every run of the validation files LSDT predicts: predicted against measured in the "
                    + "quantity the source measured (log-log), with the identity and ±10 % lines.");

    private static void figures(StringBuilder h, Input in) {
        for (ReportCharts.Plot p : in.plots()) {
            h.append("<figure id=\"plot-").append(p.name()).append("\">\n<img alt=\"").append(esc(p.title()))
                    .append("\" width=\"").append(ReportCharts.WIDTH).append("\" height=\"")
                    .append(ReportCharts.HEIGHT).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(p.png())).append("\">\n<figcaption>")
                    .append(esc(p.title())).append(". ").append(esc(CAPTIONS.getOrDefault(p.name(), "")))
                    .append("</figcaption>\n</figure>\n");
        }
    }

    private static void scalingTable(StringBuilder h, Input in) {
        String b = in.brief();
        h.append("<h3>Scaling sweep</h3>\n<table class=\"scaling\">\n<tr><th>GPUs</th><th class=\"l\">best design"
                + "</th><th>design step</th><th>design MFU</th><th>time to train</th><th>cost</th></tr>\n");
        for (Scaling.Point p : in.scaling().points()) {
            h.append(p.devices() == in.scaling().center() ? "<tr class=\"chosen\">" : "<tr>").append("<td>")
                    .append(Fmt.count(p.devices())).append("</td>");
            if (!p.fits()) {
                h.append("<td class=\"l\" colspan=\"5\">no design fits: ").append(esc(String.valueOf(p.reason())))
                        .append("</td></tr>\n");
                continue;
            }
            DesignPoint d = p.design();
            String at = " (in a brief with devices: " + p.devices() + ")";
            h.append("<td class=\"l\">").append(esc(d.describe())).append("</td><td>")
                    .append(numT(s(d.value("design.t_step")), explain(b, "design.t_step") + at)).append("</td><td>")
                    .append(numT(Fmt.pct(d.value("design.mfu")), explain(b, "design.mfu") + at)).append("</td><td>")
                    .append(numT(Fmt.days(d.timeToTrain()), explain(b, "training.wallclock") + at))
                    .append("</td><td>").append(numT(MacroPrinter.usd(d.value("econ.run.total_cost")),
                            explain(b, "econ.run.total_cost") + at)).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void validation(StringBuilder h, Input in) {
        ErrorStats st = in.validation().summary();
        StringBuilder cmd = new StringBuilder("lsdt validate");
        in.runs().forEach(r -> cmd.append(" --runs ").append(r));
        String c = cmd.toString();
        h.append("<h3>Validation summary</h3>\n<p>Over ").append(esc(String.join(" and ", in.runs())))
                .append(": ").append(numT(String.valueOf(st.rows()), c)).append(" runs, ")
                .append(numT(String.valueOf(st.predicted()), c)).append(" predicted, ")
                .append(numT(String.valueOf(st.skipped()), c)).append(" skipped; |error| median ")
                .append(numT(String.format(Locale.ROOT, "%.1f %%", st.median()), c)).append(", p90 ")
                .append(numT(String.format(Locale.ROOT, "%.1f %%", st.p90()), c)).append(", mean ")
                .append(numT(String.format(Locale.ROOT, "%.1f %%", st.mean()), c)).append(", max ")
                .append(numT(String.format(Locale.ROOT, "%.1f %%", st.max()), c))
                .append(" (in-sample; <code>lsdt validate --loso</code> gives the out-of-sample errors).</p>\n");
    }
}
