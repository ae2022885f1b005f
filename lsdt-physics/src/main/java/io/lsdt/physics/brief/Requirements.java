package io.lsdt.physics.brief;

import io.lsdt.graph.model.Range;
import io.lsdt.graph.unit.Quantity;
import io.lsdt.physics.yaml.YamlNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code requirements:} section of a training brief: limits the run must meet beside its deadline. Read once, by
 * the brief loader, so every command that reads a brief refuses the same bad value (a wrong unit, a negative cost)
 * with the same message. Each limit is null when the brief states none.
 *
 * @param maxCost the most the run may cost (USD), or null
 * @param maxEnergy the most facility energy it may use (J), or null
 * @param maxCo2 the most CO2 it may emit, operational and embodied (kg), or null
 * @param minGoodput the least share of wall clock doing useful work after failures, restarts and checkpoints, or null
 */
public record Requirements(Quantity maxCost, Quantity maxEnergy, Quantity maxCo2, Quantity minGoodput) {
    /** No requirement stated. */
    public static final Requirements NONE = new Requirements(null, null, null, null);

    /** The keys of the section, in the order they are checked. */
    public static final List<String> KEYS = List.of("max_cost", "max_energy", "max_co2", "min_goodput");

    /**
     * Reads a brief's {@code requirements:} section.
     *
     * @param root a training brief's root
     * @return its requirements ({@link #NONE} without the section)
     * @throws io.lsdt.graph.error.LsdtException naming the field: an unknown key, a wrong unit, a value out of range
     */
    public static Requirements of(YamlNode root) {
        YamlNode r = root.optionalSection("requirements").expect(KEYS.toArray(String[]::new));
        return new Requirements(r.optionalQuantity("max_cost", "USD", Range.NON_NEGATIVE),
                r.optionalQuantity("max_energy", "GWh", Range.POSITIVE),
                r.optionalQuantity("max_co2", "tCO2", Range.NON_NEGATIVE),
                r.optionalQuantity("min_goodput", "1", Range.FRACTION));
    }

    /**
     * One requirement against the plan's value.
     *
     * @param key the brief's key, e.g. {@code max_cost}
     * @param variable the graph variable it limits, e.g. {@code econ.run.total_cost}
     * @param limit the limit as the brief wrote it
     * @param value the plan's value (base units)
     * @param met whether the value is within the limit
     */
    public record Check(String key, String variable, Quantity limit, double value, boolean met) {}

    /**
     * Checks a run's figures against the stated requirements.
     *
     * @param cost the run's cost (USD)
     * @param energy its facility energy (J)
     * @param co2 its CO2 (kg)
     * @param goodput its goodput
     * @return a check per stated requirement, in {@link #KEYS} order
     */
    public List<Check> check(double cost, double energy, double co2, double goodput) {
        List<Check> out = new ArrayList<>();
        if (maxCost != null) {
            out.add(new Check("max_cost", "econ.run.total_cost", maxCost, cost, cost <= maxCost.si()));
        }
        if (maxEnergy != null) {
            out.add(new Check("max_energy", "sust.energy.facility", maxEnergy, energy, energy <= maxEnergy.si()));
        }
        if (maxCo2 != null) {
            out.add(new Check("max_co2", "sust.co2.total", maxCo2, co2, co2 <= maxCo2.si()));
        }
        if (minGoodput != null) {
            out.add(new Check("min_goodput", "rel.goodput", minGoodput, goodput, goodput >= minGoodput.si()));
        }
        return out;
    }

    /**
     * Whether the brief states a requirement.
     *
     * @return whether any requirement is stated
     */
    public boolean any() {
        return maxCost != null || maxEnergy != null || maxCo2 != null || minGoodput != null;
    }
}
