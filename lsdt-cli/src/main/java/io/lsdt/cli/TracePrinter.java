package io.lsdt.cli;

import io.lsdt.graph.model.Reference;
import io.lsdt.graph.registry.Registry;
import io.lsdt.graph.resolve.Resolution;
import io.lsdt.graph.resolve.TraceStep;
import io.lsdt.graph.resolve.UnresolvedInput;
import io.lsdt.graph.unit.Quantity;
import io.lsdt.graph.unit.UnitFormat;
import io.lsdt.physics.brief.Brief;
import io.lsdt.physics.brief.BriefInput;
import java.util.List;
import java.util.Map;

/** Prints why a value is what it is: the equations that fired, with values and references, and the inputs. */
final class TracePrinter {
    private TracePrinter() {}

    /**
     * The text of {@code --explain} for one number.
     *
     * @param e an explanation from the API
     * @return its text: value, equations with values and sources, inputs with their origins
     */
    static String explain(io.lsdt.api.Explanation e) {
        return explain(e.registry(), e.resolution(), e.variable(), e::origin);
    }

    static String explain(Registry registry, Resolution r, String variable, Brief brief) {
        return explain(registry, r, variable, brief == null ? v -> null : brief::input);
    }

    /**
     * The text of {@code --explain} for one variable of a resolution.
     *
     * @param registry the graph
     * @param r a resolution
     * @param variable the variable to explain
     * @param origins where each input came from (null for unknown)
     * @return the equations, values, sources and inputs behind the variable
     */
    static String explain(Registry registry, Resolution r, String variable,
            java.util.function.Function<String, BriefInput> origins) {
        StringBuilder sb = new StringBuilder();
        Map<String, Integer> sources = new java.util.LinkedHashMap<>();
        if (r.has(variable)) {
            sb.append(variable).append(" = ").append(UnitFormat.format(r.value(variable), registry.variable(variable)
                    .unit())).append("   (SI: ").append(r.value(variable)).append(' ')
                    .append(registry.variable(variable).unit().dimension()).append(")\n");
        } else {
            sb.append(variable).append(" is unresolved: missing ").append(r.missingFor(variable)).append('\n');
        }
        sb.append("  ").append(registry.variable(variable).description()).append('\n');
        List<TraceStep> steps = r.traceFor(variable);
        if (steps.isEmpty()) {
            sb.append("\n  It is an input, not computed.\n");
        } else {
            sb.append("\nEquations, in evaluation order:\n");
            int i = 1;
            for (TraceStep s : steps) {
                sb.append(String.format("  %2d. %s = %s%n", i++, s.variable(), s.equation().text()));
                sb.append("        = ").append(UnitFormat.format(s.value(), s.unit()));
                if (s.equation().variantKey() != null) {
                    sb.append("   [variant '").append(s.equation().variantKey()).append("']");
                }
                sb.append('\n');
                if (s.equation().reference() != null) {
                    Reference ref = s.equation().reference();
                    Reference whole = new Reference(ref.title(), ref.url(), ref.doi(), ref.kind(), ref.date(), null);
                    int n = sources.computeIfAbsent(whole.cite(), k -> sources.size() + 1);
                    sb.append("        source [").append(n).append(']');
                    if (ref.locator() != null) {
                        sb.append(' ').append(ref.locator());
                    }
                    sb.append('\n');
                }
                if (s.equation().note() != null) {
                    sb.append("        note: ").append(s.equation().note()).append('\n');
                }
            }
        }
        if (!sources.isEmpty()) {
            sb.append("\nSources:\n");
            sources.forEach((cite, n) -> sb.append("  [").append(n).append("] ").append(cite).append('\n'));
        }
        List<String> inputs = r.inputsFor(variable);
        if (!inputs.isEmpty()) {
            sb.append("\nInputs:\n");
            for (String in : inputs) {
                sb.append("  ").append(in).append(" = ")
                        .append(UnitFormat.format(r.value(in), registry.variable(in).unit()));
                BriefInput bi = origins.apply(in);
                if (bi != null) {
                    sb.append("   ← ").append(bi.origin());
                    if (bi.source() != null) {
                        sb.append(" [").append(bi.source().cite()).append(']');
                    }
                    if (bi.assumption()) {
                        sb.append("  (assumption)");
                    }
                }
                sb.append('\n');
            }
        }
        List<UnresolvedInput> missing = r.unresolved().stream()
                .filter(u -> r.missingFor(variable).contains(u.name())).toList();
        if (!missing.isEmpty()) {
            sb.append("\nMissing:\n");
            for (UnresolvedInput u : missing) {
                sb.append("  ").append(u.name()).append(" (").append(registry.variable(u.name()).unit()).append("): ")
                        .append(u.reason()).append('\n');
            }
        }
        return sb.toString();
    }

    static String quantity(double si, Registry registry, String variable) {
        return UnitFormat.format(si, registry.variable(variable).unit());
    }

    static Map<String, Object> inputJson(BriefInput in) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("variable", in.variable());
        m.put("value", in.value().si());
        m.put("as_given", in.value().toString());
        m.put("origin", in.origin());
        m.put("assumption", in.assumption());
        if (in.source() != null) {
            m.put("source", in.source().cite());
        }
        return m;
    }

    static String given(Quantity q) {
        return q.toString();
    }
}
