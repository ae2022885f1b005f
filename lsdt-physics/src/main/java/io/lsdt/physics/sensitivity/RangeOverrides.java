package io.lsdt.physics.sensitivity;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.physics.yaml.YamlNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The overrides of a sensitivity analysis's input ranges, as a brief's {@code sensitivity: ranges:} section or the
 * command line's {@code --range KEY=SHARE} give them: KEY a source kind or a graph variable, SHARE a relative
 * half-width in [0, 1) written as a number ({@code 0.1}) or a percentage ({@code 10%}). Read here once, for the
 * brief loader (which checks the section of every brief) and for {@code lsdt sensitivity} (which uses it).
 */
public final class RangeOverrides {
    /** The source kinds a range may be set for, lower case. */
    public static final List<String> KINDS = List.of("datasheet", "measured", "estimate", "fitted", "assumption");

    private RangeOverrides() {}

    /**
     * Reads {@code KEY=SHARE} overrides.
     *
     * @param specs {@code KEY=SHARE} texts, later ones winning
     * @param field the field to name in errors ({@code --range}, {@code sensitivity.ranges})
     * @param known the graph's variables
     * @return the shares by key, in order
     * @throws LsdtException {@link Problem#INVALID_VALUE} naming the field and the text for a malformed spec, an
     *     unknown key (with the closest names) or a share outside [0, 1)
     */
    public static Map<String, Double> parse(List<String> specs, String field, Set<String> known) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            if (eq < 1) {
                throw LsdtException.of(Problem.INVALID_VALUE, field, spec, "KEY=SHARE, e.g. assumption=0.3 or "
                        + "design.eff_gemm_max=0.1");
            }
            String key = spec.substring(0, eq).strip();
            String text = spec.substring(eq + 1).strip();
            if (!KINDS.contains(key) && !known.contains(key)) {
                List<String> names = new ArrayList<>(known);
                names.addAll(KINDS);
                throw LsdtException.of(Problem.INVALID_VALUE, field, key, "a kind (" + String.join(", ", KINDS)
                        + ") or a graph variable").withHint(io.lsdt.graph.error.Suggestions.hint(key, names));
            }
            String at = field.startsWith("--") ? field + " " + key : field + "." + key;
            double share;
            try {
                share = text.endsWith("%") ? Double.parseDouble(text.substring(0, text.length() - 1).strip()) / 100
                        : Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw LsdtException.of(Problem.INVALID_VALUE, at, text, "a number (0.1) or a "
                        + "percentage (10%)");
            }
            if (!(share >= 0 && share < 1)) {
                throw LsdtException.of(Problem.INVALID_VALUE, at, text, "a relative half-width from 0 "
                        + "to below 1 (0.2 = ±20 %)");
            }
            out.put(key, share);
        }
        return out;
    }

    /**
     * Reads a brief's {@code sensitivity: ranges:} section.
     *
     * @param root a brief's root
     * @param known the graph's variables
     * @return the shares of its {@code sensitivity: ranges:} section by key (empty without one)
     * @throws LsdtException naming {@code sensitivity.ranges…} for an unknown key, a bad share or another key
     */
    public static Map<String, Double> ofBrief(YamlNode root, Set<String> known) {
        if (!root.hasValue("sensitivity")) {
            return Map.of();
        }
        YamlNode r = root.section("sensitivity").expect("ranges").section("ranges");
        List<String> specs = new ArrayList<>();
        for (String key : r.keys()) {
            specs.add(key + "=" + r.text(key));
        }
        return parse(specs, "sensitivity.ranges", known);
    }
}
