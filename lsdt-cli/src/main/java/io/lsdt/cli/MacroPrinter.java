package io.lsdt.cli;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.error.Suggestions;
import io.lsdt.graph.registry.Registry;
import io.lsdt.graph.unit.UnitFormat;
import io.lsdt.graph.unit.Units;
import io.lsdt.physics.Physics;
import io.lsdt.physics.brief.BriefInput;
import io.lsdt.physics.macro.MacroPlan;
import io.lsdt.physics.macro.MacroResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints the macro section of a plan: cost, power, energy, carbon, reliability, stragglers, time to train. */
final class MacroPrinter {
    private MacroPrinter() {}

    /** Short names {@code --explain} accepts for the macro section's headline numbers. */
    static final Map<String, String> ALIASES = aliases();

    private static Map<String, String> aliases() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("step_time", "design.t_step");
        m.put("expected_step", "training.t_step");
        m.put("mfu", "training.mfu");
        m.put("design_mfu", "design.mfu");
        m.put("memory", "design.mem_total");
        m.put("cost", "econ.run.total_cost");
        m.put("cost_per_token", "econ.cost.per_token");
        m.put("energy", "sust.energy.facility");
        m.put("power", "thermal.dc.total_power");
        m.put("carbon", "sust.co2.total");
        m.put("water", "sust.water.total");
        m.put("goodput", "rel.goodput");
        m.put("checkpoint_interval", "rel.ckpt.interval");
        m.put("p99_step", "tail.step.p99");
        m.put("time_to_train", "training.wallclock");
        m.put("time_to_train_p10", "uncertainty.wallclock_p10");
        m.put("time_to_train_p90", "uncertainty.wallclock_p90");
        m.put("mfu_p10", "uncertainty.mfu_p10");
        m.put("mfu_p90", "uncertainty.mfu_p90");
        return m;
    }

    /**
     * Resolves a variable named on the command line within the macro section.
     *
     * @param name an alias or a macro variable (full or unique short name)
     * @return the fully qualified variable
     * @throws LsdtException {@link Problem#UNKNOWN_VARIABLE} with the closest names
     */
    static String variable(String name) {
        String a = ALIASES.get(name);
        if (a != null) {
            return a;
        }
        try {
            return Physics.registry().find(name).name();
        } catch (LsdtException e) {
            List<String> all = new java.util.ArrayList<>(ALIASES.keySet());
            all.addAll(Physics.registry().variables().keySet());
            String hint = Suggestions.hint(name, all);
            throw e.replaceHint((hint.isEmpty() ? "" : hint + " ") + "--explain takes " + ALIASES.keySet()
                    + " or any graph variable (lsdt graph cone VAR)");
        }
    }

    private static String t(MacroResult m, String v) {
        return String.format(java.util.Locale.ROOT, "%,.0f t CO2", Fmt.finite(v, m.value(v)) / 1000);
    }

    private static String f(MacroResult m, String v, String unit) {
        return UnitFormat.format(m.value(v), Units.parse(unit));
    }

    /**
     * Formats a cost in US dollars.
     *
     * @param v a cost (USD)
     * @return US dollars with a k/M/B suffix, e.g. "$129.0 M"
     */
    static String usd(double v) {
        double a = Math.abs(Fmt.finite("a cost (USD)", v));
        if (a >= 1e9) {
            return String.format(java.util.Locale.ROOT, "$%.3g B", v / 1e9);
        } else if (a >= 1e6) {
            return String.format(java.util.Locale.ROOT, "$%.3g M", v / 1e6);
        } else if (a >= 1e3) {
            return String.format(java.util.Locale.ROOT, "$%.3g k", v / 1e3);
        }
        return String.format(java.util.Locale.ROOT, "$%.3g", v);
    }


    /**
     * The macro section of a plan as text.
     *
     * @param m the macro section
     * @param stragglers throughput kept at 1,024, 16,384 and 100,000 ranks
     * @param file the brief, for the explain hint
     * @return the section as text (the time to train is the plan's headline, printed above it)
     */
    static String text(MacroResult m, double[] stragglers, String file) {
        StringBuilder sb = new StringBuilder();
        BriefInput price = m.input(m.ownership().equals("rented") ? "econ.rent.price_gpu_hour" : "econ.gpu.capex");
        sb.append("Macro: cost, energy, carbon, reliability (region ").append(m.region().id()).append(", ")
                .append(m.ownership()).append(" at ").append(price.value()).append(")\n");
        boolean rented = m.ownership().equals("rented");
        sb.append("  cost             ").append(usd(m.value("econ.run.total_cost"))).append(" = ")
                .append(rented ? "rent " : "hardware ").append(usd(m.value("econ.run.hw_cost"))).append(" + energy ")
                .append(rented ? "(inside the rent)" : usd(m.value("econ.run.power_cost"))).append(" + other ")
                .append(usd(m.value("econ.run.opex_misc_cost"))).append("; ")
                .append(usd(m.value("econ.cost.per_token") * 1e6)).append(" per million tokens\n");
        sb.append("  power            ").append(f(m, "thermal.dc.total_power", "MW")).append(" at the meter (PUE ")
                .append(UnitFormat.significant(m.value("thermal.dc.pue"))).append(")\n");
        sb.append("  energy           ").append(f(m, "sust.energy.facility", "GWh")).append(" (IT ")
                .append(f(m, "sust.energy.it", "GWh")).append("), ").append(f(m, "sust.energy.per_token", "J/token"))
                .append('\n');
        sb.append("  carbon           ").append(t(m, "sust.co2.total")).append(" = operational ")
                .append(t(m, "sust.co2.operational")).append(" + embodied ")
                .append(t(m, "sust.co2.embodied")).append(" (grid ")
                .append(m.input("sust.grid.carbon_intensity").value()).append("); water ")
                .append(f(m, "sust.water.total", "ML")).append('\n');
        sb.append("  reliability      fleet MTBF ").append(f(m, "rel.fleet.mtbf", "h")).append(", checkpoint every ")
                .append(f(m, "rel.ckpt.interval", "min")).append(" (Daly; Young ")
                .append(f(m, "rel.ckpt.interval_young", "min")).append("), goodput ").append(Fmt.pct(m.value("rel.goodput")))
                .append(", ").append(UnitFormat.number(Math.round(m.value("rel.expected_failures"))))
                .append(" failures expected\n");
        sb.append("  stragglers       step ").append(f(m, "tail.step.expected", "s")).append(" expected, P99 ")
                .append(f(m, "tail.step.p99", "s")).append(", P99.9 ").append(f(m, "tail.step.p999", "s"))
                .append(" (mean ").append(f(m, "tail.step.mean", "s")).append(", cv ")
                .append(UnitFormat.significant(m.input("tail.step.cv").value().value())).append("); throughput kept ")
                .append(Fmt.pct(m.value("tail.step.efficiency"))).append(" here, ").append(Fmt.pct(stragglers[0])).append(" / ")
                .append(Fmt.pct(stragglers[1])).append(" / ").append(Fmt.pct(stragglers[2]))
                .append(" at 1K / 16K / 100K ranks\n");
        List<String> assumed = m.inputs().stream().filter(BriefInput::assumption).map(BriefInput::variable)
                .filter(v -> !v.startsWith("design.") && !v.startsWith("arch.") && !v.startsWith("fundamentals."))
                .toList();
        if (!assumed.isEmpty()) {
            sb.append("  assumptions      ").append(String.join(", ", assumed))
                    .append(" (no source; set them in the brief's macro section)\n");
        }
        List<String> design = m.inputs().stream().filter(BriefInput::assumption).map(BriefInput::variable)
                .filter(v -> v.startsWith("design.")).toList();
        if (!design.isEmpty()) {
            sb.append("  design assumed   ").append(String.join(", ", design))
                    .append(" (no published source; lsdt graph assumptions lists them all)\n");
        }
        sb.append("  explain any of them: lsdt plan ").append(file).append(" --explain ")
                .append(String.join("|", ALIASES.keySet())).append('\n');
        return sb.toString();
    }

    /**
     * The macro section of a plan as JSON.
     *
     * @param m the macro section
     * @param stragglers throughput kept at 1K, 16K and 100K ranks
     * @return the section as JSON-ready values (SI)
     */
    static Map<String, Object> json(MacroResult m, double[] stragglers) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("region", m.region().id());
        out.put("ownership", m.ownership());
        Map<String, Object> values = new LinkedHashMap<>();
        Registry reg = Physics.registry();
        for (String t : MacroPlan.TARGETS) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("value", m.resolution().has(t) ? m.value(t) : null);
            v.put("unit", reg.variable(t).unit().dimension().toString());
            values.put(t, v);
        }
        out.put("values", values);
        Map<String, Object> stragglerEfficiency = new LinkedHashMap<>(); // by rank count, ascending
        stragglerEfficiency.put("1024", stragglers[0]);
        stragglerEfficiency.put("16384", stragglers[1]);
        stragglerEfficiency.put("100000", stragglers[2]);
        out.put("straggler_efficiency", stragglerEfficiency);
        out.put("inputs", m.inputs().stream().map(TracePrinter::inputJson).toList());
        return out;
    }
}
