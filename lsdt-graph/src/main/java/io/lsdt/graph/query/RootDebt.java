package io.lsdt.graph.query;

import io.lsdt.graph.model.Variable;
import io.lsdt.graph.registry.Registry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Root debt: the root inputs (variables no equation defines) ranked by blast radius, the number of variables
 * downstream of them. A root is modelling debt: someone must supply it. Families group roots by their dotted prefix
 * (e.g. {@code fundamentals}); a family's weight counts each downstream variable once, however many of the family's
 * roots reach it.
 */
public final class RootDebt {
    private RootDebt() {}

    /**
     * One root input of the graph and how much of the graph hangs from it.
     *
     * @param name the root
     * @param unit its display unit
     * @param dependents how many variables depend on it, transitively
     * @param description its meaning
     */
    public record Row(String name, String unit, int dependents, String description) {}

    /**
     * A family of roots (those sharing a dotted prefix) and the weight of the graph below them together.
     *
     * @param family the dotted prefix
     * @param weight distinct variables downstream of any of its roots
     * @param roots number of roots in it
     * @param top up to four heaviest roots
     */
    public record Family(String family, int weight, int roots, List<String> top) {}

    /**
     * The graph's roots ranked by how many variables depend on them: the inputs whose values matter most.
     *
     * @param registry the graph
     * @return every root, heaviest first, then by name
     */
    public static List<Row> rows(Registry registry) {
        List<Row> rows = new ArrayList<>();
        for (Variable v : registry.variables().values()) {
            if (registry.isRoot(v.name())) {
                int n = Cones.cone(registry, v.name(), Cones.Direction.DOWN).size() - 1;
                rows.add(new Row(v.name(), v.unit().symbol(), n, v.description()));
            }
        }
        rows.sort(Comparator.comparingInt(Row::dependents).reversed().thenComparing(Row::name));
        return rows;
    }

    /**
     * The roots grouped by family and ranked by the variables downstream of them.
     *
     * @param registry the graph
     * @return families, heaviest first, then by more roots, then by name
     */
    public static List<Family> families(Registry registry) {
        Map<String, List<Row>> byFamily = new LinkedHashMap<>();
        for (Row r : rows(registry)) {
            byFamily.computeIfAbsent(registry.variable(r.name()).family(), k -> new ArrayList<>()).add(r);
        }
        List<Family> out = new ArrayList<>();
        for (Map.Entry<String, List<Row>> e : byFamily.entrySet()) {
            Set<String> reach = new HashSet<>();
            for (Row r : e.getValue()) {
                Set<String> down = Cones.cone(registry, r.name(), Cones.Direction.DOWN);
                down.remove(r.name());
                reach.addAll(down);
            }
            out.add(new Family(e.getKey(), reach.size(), e.getValue().size(),
                    e.getValue().stream().limit(4).map(Row::name).toList()));
        }
        out.sort(Comparator.comparingInt(Family::weight).reversed().thenComparing(Comparator.comparingInt(
                Family::roots).reversed()).thenComparing(Family::family));
        return out;
    }
}
