package io.lsdt.graph.resolve;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.model.Variable;
import io.lsdt.graph.registry.Registry;
import io.lsdt.graph.unit.Quantity;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Collects assignments for a resolution, checking each against its variable: the name must exist, the unit must have
 * the variable's dimension, and the value must lie in the variable's range. A plain number is read in the
 * variable's display unit.
 */
public final class Assignments {
    private final Registry registry;
    private final Map<String, Double> values = new LinkedHashMap<>();

    /**
     * Empty assignments to variables of a graph.
     *
     * @param registry the graph the names belong to
     */
    public Assignments(Registry registry) {
        this.registry = registry;
    }

    /**
     * Assigns a variable a value given with its unit, checked against the variable's dimension and range.
     *
     * @param name fully qualified variable name
     * @param quantity the value with its unit
     * @return this
     * @throws LsdtException for an unknown name, a unit of the wrong dimension or a value out of range
     */
    public Assignments set(String name, Quantity quantity) {
        Variable v = registry.variable(name);
        if (!quantity.unit().isCompatible(v.unit())) {
            throw LsdtException.of(Problem.DIMENSION_MISMATCH, name, "the value " + quantity,
                    quantity.unit().dimension(), "the variable (" + v.unit() + ")", v.unit().dimension());
        }
        return setSi(name, quantity.si());
    }

    /**
     * Assigns a variable a value already in base units, checked against its range.
     *
     * @param name fully qualified variable name
     * @param si the value in base units
     * @return this
     * @throws LsdtException for an unknown name or a value out of range
     */
    public Assignments setSi(String name, double si) {
        Variable v = registry.variable(name);
        if (!v.range().contains(si)) {
            throw LsdtException.of(Problem.INVALID_VALUE, name, Quantity.ofSi(si, v.unit()),
                    v.range().describe() + " (" + v.unit() + ")");
        }
        values.put(name, si);
        return this;
    }

    /**
     * Parses {@code NAME=VALUE[ UNIT]}; a plain number is in the variable's display unit.
     *
     * @param text the assignment text, e.g. {@code "fundamentals.T=54 d"}
     * @return this
     * @throws LsdtException when the text has no '=' or any check fails
     */
    public Assignments parse(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw LsdtException.of(Problem.INVALID_VALUE, "--assign", text, "NAME=VALUE[ UNIT], e.g. fundamentals.T=54 d");
        }
        String name = registry.find(text.substring(0, eq).strip()).name();
        Quantity q = Quantity.parse(text.substring(eq + 1));
        if (q.unit().symbol().equals("1") && !registry.variable(name).unit().symbol().equals("1")) {
            q = new Quantity(q.value(), registry.variable(name).unit());
        }
        return set(name, q);
    }

    /**
     * The values assigned so far, by fully qualified name, for {@link Resolver#resolve}.
     *
     * @return the values, base units, in insertion order
     */
    public Map<String, Double> values() {
        return Collections.unmodifiableMap(values);
    }
}
