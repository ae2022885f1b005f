package io.lsdt.api;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.registry.Registry;
import io.lsdt.graph.resolve.Resolution;
import io.lsdt.graph.resolve.TraceStep;
import io.lsdt.physics.brief.BriefInput;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Why one number is what it is: the variable's value, the equations that fired (in evaluation order, each with its
 * reference), and the inputs the chain starts from, each with where it came from.
 *
 * @param variable the fully qualified variable
 * @param registry the graph
 * @param resolution a resolution that holds the variable (or says what it misses)
 * @param origins where each input came from, by variable (an input without an entry has no stated origin)
 */
public record Explanation(String variable, Registry registry, Resolution resolution, Map<String, BriefInput> origins) {

    /** Checks the components and copies the map. */
    public Explanation {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(resolution, "resolution");
        origins = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(origins));
    }

    /**
     * Whether the plan's inputs determine the variable.
     *
     * @return whether the variable resolved
     */
    public boolean resolved() {
        return resolution.has(variable);
    }

    /**
     * The variable's value.
     *
     * @return the value (SI)
     * @throws LsdtException {@link Problem#UNRESOLVED} when it did not resolve, naming what is missing
     */
    public double value() {
        return resolution.value(variable);
    }

    /**
     * The chain of equations from the inputs to the variable.
     *
     * @return the equations that computed it, in evaluation order (empty for an input)
     */
    public List<TraceStep> trace() {
        return resolution.traceFor(variable);
    }

    /**
     * The input variables the variable's chain of equations reads.
     *
     * @return the inputs the chain starts from
     */
    public List<String> inputs() {
        return resolution.inputsFor(variable);
    }

    /**
     * The origin of one input of the chain: the brief, the catalog, a default or an assumption, with its source.
     *
     * @param input an input variable
     * @return where it came from, or null when no origin is recorded
     */
    public BriefInput origin(String input) {
        return origins.get(input);
    }

    /**
     * The inputs whose origin is unknown, a gap in the explanation.
     *
     * @return the inputs of the chain with no recorded origin (an honest trace has none)
     */
    public List<String> inputsWithoutOrigin() {
        List<String> in = inputs().isEmpty() && trace().isEmpty() && resolved() ? List.of(variable) : inputs();
        return in.stream().filter(i -> !origins.containsKey(i)).toList();
    }

    /**
     * The inputs that rest on judgment rather than on a source, the first to question.
     *
     * @return the inputs of the chain that are assumptions (no published source)
     */
    public List<String> assumptions() {
        return inputs().stream().filter(i -> origins.containsKey(i) && origins.get(i).assumption()).toList();
    }
}
