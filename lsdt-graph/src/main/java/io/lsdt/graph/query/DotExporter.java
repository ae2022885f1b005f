package io.lsdt.graph.query;

import io.lsdt.graph.model.Relation.Equation;
import io.lsdt.graph.model.Variable;
import io.lsdt.graph.registry.Registry;
import java.util.Set;

/**
 * Writes a cone as Graphviz DOT: edges run from dependency to dependent ({@code rankdir=LR}); root inputs are red,
 * constants yellow, the focus variable green; edges are labelled with the equation (variant key where one applies).
 */
public final class DotExporter {
    private DotExporter() {}

    /**
     * The cone of a variable as a Graphviz DOT graph.
     *
     * @param registry the graph
     * @param variable the focus variable
     * @param direction which cone to draw
     * @return DOT text
     */
    public static String cone(Registry registry, String variable, Cones.Direction direction) {
        Set<String> nodes = Cones.cone(registry, variable, direction);
        StringBuilder sb = new StringBuilder();
        sb.append("digraph \"").append(escape(variable)).append("\" {\n");
        sb.append("  rankdir=LR;\n  node [shape=box, style=\"rounded,filled\", fillcolor=white, fontname=\"Helvetica\"];\n");
        for (String n : nodes) {
            Variable v = registry.variable(n);
            String fill = n.equals(variable) ? "#c8e6c9"
                    : registry.isRoot(n) ? "#ffcdd2"
                    : registry.definitions(n).stream().allMatch(Equation::isConstant) ? "#fff3b0" : "white";
            sb.append("  \"").append(escape(n)).append("\" [label=\"").append(escape(n)).append("\\n(")
                    .append(escape(v.unit().symbol())).append(")\", fillcolor=\"").append(fill).append("\"];\n");
        }
        for (String n : nodes) {
            for (Equation e : registry.definitions(n)) {
                for (String in : e.inputs()) {
                    if (nodes.contains(in)) {
                        sb.append("  \"").append(escape(in)).append("\" -> \"").append(escape(n)).append('"');
                        if (e.variantKey() != null) {
                            sb.append(" [label=\"").append(escape(e.variantKey())).append("\"]");
                        }
                        sb.append(";\n");
                    }
                }
            }
        }
        return sb.append("}\n").toString();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
