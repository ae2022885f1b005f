package io.lsdt.physics.macro;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.resolve.Resolution;
import io.lsdt.physics.brief.BriefInput;
import java.util.List;
import java.util.Map;

/**
 * A resolved macro section: the resolution (values and traces of {@link MacroPlan#TARGETS}), the inputs with their
 * origins, the variants chosen, the region and whether the hardware is rented or owned.
 *
 * @param resolution the graph's resolution
 * @param inputs every assignment with where it came from
 * @param variants the variants chosen
 * @param region the region
 * @param ownership {@code rented} or {@code owned}
 */
public record MacroResult(Resolution resolution, List<BriefInput> inputs, Map<String, String> variants,
        MacroCatalog.Region region, String ownership) {

    /**
     * The value of one variable of the macro section.
     *
     * @param variable a fully qualified variable
     * @return its value (SI)
     * @throws LsdtException {@link Problem#UNRESOLVED} when it did not resolve
     */
    public double value(String variable) {
        BriefInput in = resolution.has(variable) ? null : input(variable);
        return in != null ? in.value().si() : resolution.value(variable);
    }

    /**
     * The inputs of the macro section.
     *
     * @return every assignment (SI), by variable, in the order made
     */
    public Map<String, Double> assignments() {
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        inputs.forEach(i -> m.put(i.variable(), i.value().si()));
        return m;
    }

    /**
     * The origin of one input of the macro section.
     *
     * @param variable a fully qualified variable
     * @return the input's origin, or null when the variable is not an input
     */
    public BriefInput input(String variable) {
        return inputs.stream().filter(i -> i.variable().equals(variable)).findFirst().orElse(null);
    }
}
