package io.lsdt.graph.query;

import io.lsdt.graph.model.Relation.Equation;
import io.lsdt.graph.registry.GraphIssue;
import io.lsdt.graph.registry.GraphIssue.Severity;
import io.lsdt.graph.registry.Registry;
import io.lsdt.graph.registry.RegistryBuilder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a loaded registry: re-runs the dimension, definition and cycle checks over every relation (the builder
 * refuses to load a registry with errors, so these count zero unless something is badly wrong), and lists warnings:
 * variables and relations without a reference, and equations that reach no headline target.
 */
public final class Verifier {
    private Verifier() {}

    /**
     * The outcome of verifying a graph.
     *
     * @param errors errors found (always empty for a loaded registry; counted for the report)
     * @param warnings warnings, in a stable order
     * @param dimensionErrors number of dimension errors
     * @param cycles number of cycles
     */
    public record Report(List<GraphIssue> errors, List<GraphIssue> warnings, int dimensionErrors, int cycles) {
        /**
         * Whether the graph passed: warnings allowed, no error.
         *
         * @return true when there is no error
         */
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    /**
     * Checks a graph: its dimensions, definitions and cycles again, and warns of missing references and equations that
     * reach no headline target.
     *
     * @param registry the graph
     * @return the report
     */
    public static Report verify(Registry registry) {
        List<GraphIssue> warnings = new ArrayList<>(registry.warnings());
        Set<String> reaching = new HashSet<>();
        for (String h : registry.headlines()) {
            reaching.addAll(Cones.equationsUpstream(registry, h));
        }
        if (!registry.headlines().isEmpty()) {
            for (Equation e : registry.equations()) {
                if (!reaching.contains(e.name())) {
                    warnings.add(new GraphIssue(Severity.WARNING, "unreachable", e.name(),
                            "reaches no headline target"));
                }
            }
        }
        List<GraphIssue> errors = RegistryBuilder.recheck(registry);
        int dims = (int) errors.stream().filter(i -> i.kind().equals("dimension")).count();
        int cycles = (int) errors.stream().filter(i -> i.kind().equals("cycle")).count();
        return new Report(errors, warnings, dims, cycles);
    }
}
