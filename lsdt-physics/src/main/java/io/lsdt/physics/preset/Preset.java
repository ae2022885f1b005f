package io.lsdt.physics.preset;

import io.lsdt.graph.model.Reference;
import java.util.List;
import java.util.Map;

/**
 * A named scenario of the equation graph, as data: assignments (in each variable's unit unless the text names one),
 * variant choices, the targets it is meant to resolve, and the values it must give where known (gpu_stack's
 * {@code Preset}, {@code shared/reference/equation-graph.md} §1, §11). Immutable.
 *
 * @param name the preset's name
 * @param description what it is
 * @param source where it comes from
 * @param variants variable → variant key
 * @param assignments variable → value text (a number in the variable's unit, or a number with a unit)
 * @param targets the variables it is meant to resolve, in report order
 * @param expected values the targets (and any other variable) must resolve to, in the variable's unit
 * @param notes remarks
 */
public record Preset(String name, String description, Reference source, Map<String, String> variants,
        Map<String, String> assignments, List<String> targets, Map<String, Double> expected, String notes) {
    /** Copies the collections. */
    public Preset {
        variants = Map.copyOf(variants);
        assignments = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(assignments));
        targets = List.copyOf(targets);
        expected = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(expected));
    }
}
