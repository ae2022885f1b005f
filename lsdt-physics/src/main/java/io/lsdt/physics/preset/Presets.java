package io.lsdt.physics.preset;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.error.Suggestions;
import io.lsdt.graph.model.Reference;
import io.lsdt.graph.registry.Registry;
import io.lsdt.graph.resolve.Assignments;
import io.lsdt.physics.yaml.YamlNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The presets LSDT ships ({@code lsdt/presets/presets.yaml}), read strictly: an unknown key, an unknown variable, a
 * value of the wrong dimension or out of range, or an unknown variant stops the load with the field named.
 */
public final class Presets {
    /** The bundled presets file. */
    public static final String RESOURCE = "/lsdt/presets/presets.yaml";

    private Presets() {}

    /**
     * Loads the presets LSDT ships.
     *
     * @param registry the graph the presets' names belong to
     * @return the bundled presets, by name, in file order
     * @throws LsdtException {@link Problem#CATALOG_INVALID} when the shipped file is malformed
     */
    public static Map<String, Preset> bundled(Registry registry) {
        return read(YamlNode.resource(RESOURCE), registry);
    }

    /**
     * Looks up a preset by name.
     *
     * @param presets the presets to look in (e.g. {@code Physics.presets()})
     * @param name a preset's name
     * @return the preset
     * @throws LsdtException {@link Problem#UNKNOWN_ID} naming the closest presets
     */
    public static Preset get(Map<String, Preset> presets, String name) {
        Preset p = presets.get(name);
        if (p == null) {
            String close = Suggestions.hint(name, presets.keySet());
            throw LsdtException.of(Problem.UNKNOWN_ID, "preset", name).withHint(close.isEmpty()
                    ? "use one of " + presets.keySet() : close);
        }
        return p;
    }

    /**
     * Reads a presets file.
     *
     * @param root the file's root node
     * @param registry the graph the names belong to
     * @return the presets, checked against the graph
     */
    static Map<String, Preset> read(YamlNode root, Registry registry) {
        YamlNode all = root.section("presets");
        root.finish(Set.of("presets"));
        Map<String, Preset> out = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> e : all.entries().entrySet()) {
            YamlNode n = e.getValue();
            YamlNode src = n.section("source");
            Reference source = new Reference(src.text("title"), src.optionalText("url"), src.optionalText("doi"),
                    Reference.Kind.valueOf(src.text("kind").toUpperCase(java.util.Locale.ROOT)),
                    src.optionalText("date"), src.optionalText("locator"));
            src.finish(Set.of("title", "url", "doi", "kind", "date", "locator"));
            Map<String, String> variants = new LinkedHashMap<>();
            YamlNode v = n.optionalSection("variants");
            if (v != null) {
                for (String k : v.keys()) {
                    variants.put(registry.find(k).name(), v.text(k));
                }
            }
            Map<String, String> assignments = new LinkedHashMap<>();
            YamlNode a = n.section("assignments");
            Assignments check = new Assignments(registry);
            for (String k : a.keys()) {
                String name = registry.find(k).name();
                String text = a.text(k);
                check.parse(name + "=" + text); // dimension and range, naming the variable
                assignments.put(name, text);
            }
            List<String> targets = new ArrayList<>();
            for (String t : n.texts("targets")) {
                targets.add(registry.find(t).name());
            }
            Map<String, Double> expected = new LinkedHashMap<>();
            YamlNode x = n.optionalSection("expected");
            if (x != null) {
                for (String k : x.keys()) {
                    expected.put(registry.find(k).name(), Double.parseDouble(x.text(k)));
                }
            }
            n.finish(Set.of("description", "source", "variants", "assignments", "targets", "expected", "notes"));
            out.put(e.getKey(), new Preset(e.getKey(), n.text("description"), source, variants, assignments,
                    targets, expected, n.optionalText("notes")));
        }
        return out;
    }
}
