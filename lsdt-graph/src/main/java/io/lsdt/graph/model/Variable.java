package io.lsdt.graph.model;

import io.lsdt.graph.unit.Unit;
import java.util.Objects;

/**
 * A named quantity of the graph.
 *
 * @param name dotted name, {@code scope.name} (e.g. {@code fundamentals.F_total_flop})
 * @param unit the display unit; its dimension is the variable's dimension
 * @param description what it means, in one sentence
 * @param reference where it is defined, or null (a variable without reference is reported by verify)
 * @param range allowed values in base units
 */
public record Variable(String name, Unit unit, String description, Reference reference, Range range) {
    /** Checks the components. */
    public Variable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(range, "range");
    }

    /**
     * The scope the variable belongs to.
     *
     * @return the scope: the text before the first dot
     */
    public String scope() {
        int dot = name.indexOf('.');
        return dot < 0 ? "" : name.substring(0, dot);
    }

    /**
     * The variable's name within its scope.
     *
     * @return the name without the scope
     */
    public String shortName() {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }

    /**
     * The variable's family.
     *
     * @return the family for root-debt grouping: the name without its last dotted part
     */
    public String family() {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
