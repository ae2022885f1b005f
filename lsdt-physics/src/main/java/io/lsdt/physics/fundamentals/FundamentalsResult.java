package io.lsdt.physics.fundamentals;

import io.lsdt.graph.resolve.Resolution;
import io.lsdt.physics.brief.Brief;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fundamentals bundle of one brief, with the resolution behind it (trace, constraints).
 *
 * @param brief the brief
 * @param resolution the resolution of every bundle variable
 */
public record FundamentalsResult(Brief brief, Resolution resolution) {
    /**
     * One value of the bundle, by key.
     *
     * @param key a bundle key such as {@code F_total_flop}
     * @return its value (base units)
     */
    public double value(String key) {
        return resolution.value(FundamentalsScope.NAME + "." + key);
    }

    /**
     * The bundle as sections of keyed values, as the JSON output nests it.
     *
     * @return the bundle: section → key → value (base units), in the seed's order; unresolved keys are left out
     */
    public Map<String, Map<String, Double>> bundle() {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> s : Fundamentals.SECTIONS.entrySet()) {
            Map<String, Double> sec = new LinkedHashMap<>();
            for (String k : s.getValue()) {
                String v = FundamentalsScope.NAME + "." + k;
                if (resolution.has(v)) {
                    sec.put(k, resolution.value(v));
                }
            }
            out.put(s.getKey(), sec);
        }
        return out;
    }
}
