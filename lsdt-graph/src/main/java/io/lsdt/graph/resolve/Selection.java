package io.lsdt.graph.resolve;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.model.Relation.Equation;
import io.lsdt.graph.model.Relation.Role;
import io.lsdt.graph.registry.Registry;
import java.util.List;
import java.util.Map;

/**
 * Which equation defines a variable, given the caller's variant choices: the identity if there is one; else the
 * variant whose key the caller chose; else the (single) approximation. The resolver and the compiler both use this,
 * so a compiled plan evaluates exactly what a resolution traces.
 */
public final class Selection {
    private Selection() {}

    /**
     * The outcome of selecting a definition.
     *
     * @param equation the selected equation, or null
     * @param reason why none was selected ({@code "root input assignment required"} or
     *     {@code "variant selector required"}), or null
     */
    public record Choice(Equation equation, String reason) {}

    /** Reason for a root that was not assigned. */
    public static final String ROOT = "root input assignment required";
    /** Reason for a variant family without a chosen key. */
    public static final String VARIANT = "variant selector required";

    /**
     * Selects the equation that defines a variable: its identity, else the chosen variant, else its approximation.
     *
     * @param registry the graph
     * @param variable a fully qualified variable name
     * @param variants chosen variant keys by variable
     * @return the choice
     */
    public static Choice select(Registry registry, String variable, Map<String, String> variants) {
        List<Equation> defs = registry.definitions(variable);
        if (defs.isEmpty()) {
            return new Choice(null, ROOT);
        }
        for (Equation e : defs) {
            if (e.role() == Role.IDENTITY) {
                return new Choice(e, null);
            }
        }
        String key = variants.get(variable);
        boolean hasVariants = false;
        for (Equation e : defs) {
            if (e.role() == Role.VARIANT) {
                hasVariants = true;
                if (e.variantKey().equals(key)) {
                    return new Choice(e, null);
                }
            }
        }
        if (hasVariants) {
            return new Choice(null, VARIANT);
        }
        for (Equation e : defs) {
            if (e.role() == Role.APPROXIMATION) {
                return new Choice(e, null);
            }
        }
        return new Choice(null, ROOT);
    }

    /**
     * Checks variant choices up front: every key must name a variable with variants and one of its keys.
     *
     * @param registry the graph
     * @param variants chosen variant keys by fully qualified variable name
     * @throws LsdtException {@link Problem#UNKNOWN_VARIABLE}, {@link Problem#NOT_A_VARIANT_FAMILY} or
     *     {@link Problem#UNKNOWN_VARIANT}
     */
    public static void validate(Registry registry, Map<String, String> variants) {
        for (Map.Entry<String, String> v : variants.entrySet()) {
            registry.variable(v.getKey());
            List<String> keys = registry.variantKeys(v.getKey());
            if (keys.isEmpty()) {
                throw LsdtException.of(Problem.NOT_A_VARIANT_FAMILY, v.getKey(), v.getValue());
            }
            if (!keys.contains(v.getValue())) {
                throw LsdtException.of(Problem.UNKNOWN_VARIANT, v.getKey(), v.getValue(), keys);
            }
        }
    }
}
