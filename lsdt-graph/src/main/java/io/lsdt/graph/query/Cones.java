package io.lsdt.graph.query;

import io.lsdt.graph.model.Relation;
import io.lsdt.graph.model.Relation.Equation;
import io.lsdt.graph.registry.Registry;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Dependency cones of a variable along definition edges (all defining equations, every variant), without
 * constraint edges.
 */
public final class Cones {
    private Cones() {}

    /** Direction of a cone. */
    public enum Direction {
        /** What the variable depends on. */
        UP,
        /** What depends on the variable. */
        DOWN
    }

    /**
     * The cone of a variable: every variable it depends on (up), or every variable that depends on it (down).
     *
     * @param registry the graph
     * @param variable a fully qualified name
     * @param direction up (dependencies) or down (dependents)
     * @return the variables of the cone, the start included, in breadth-first order
     */
    public static Set<String> cone(Registry registry, String variable, Direction direction) {
        registry.variable(variable);
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add(variable);
        while (!todo.isEmpty()) {
            String v = todo.poll();
            if (!seen.add(v)) {
                continue;
            }
            if (direction == Direction.UP) {
                for (Equation e : registry.definitions(v)) {
                    todo.addAll(e.inputs());
                }
            } else {
                for (Relation r : registry.users(v)) {
                    if (r instanceof Equation e) {
                        todo.add(e.defines());
                    }
                }
            }
        }
        return seen;
    }

    /**
     * The equations that take part in computing a variable.
     *
     * @param registry the graph
     * @param variable a fully qualified name
     * @return the equations inside the upstream cone
     */
    public static Set<String> equationsUpstream(Registry registry, String variable) {
        Set<String> out = new LinkedHashSet<>();
        for (String v : cone(registry, variable, Direction.UP)) {
            for (Equation e : registry.definitions(v)) {
                out.add(e.name());
            }
        }
        return out;
    }
}
