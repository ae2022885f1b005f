package io.lsdt.physics.preset;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.registry.Registry;
import io.lsdt.graph.resolve.Assignments;
import io.lsdt.graph.resolve.ConstraintCheck;
import io.lsdt.graph.resolve.Resolution;
import io.lsdt.graph.resolve.Resolver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a preset resolves to: each target's value, the equations its trace ran and what is missing; a status that is
 * {@code ok} when every target resolved with no violated constraint and every expected value matched, {@code issues}
 * otherwise (gpu_stack's {@code ScenarioReport}, {@code shared/reference/equation-graph.md} §8).
 *
 * @param preset the preset's name
 * @param status {@code ok} or {@code issues}
 * @param assignmentCount assignments the preset makes
 * @param targetCount targets it asks for
 * @param okCount targets that resolved cleanly
 * @param targets one entry per target, in the preset's order
 * @param mismatches expected values the resolution did not reproduce, as text
 * @param resolution the resolution itself (trace, values)
 */
public record ScenarioReport(String preset, String status, int assignmentCount, int targetCount, int okCount,
        List<Target> targets, List<String> mismatches, Resolution resolution) {

    /** Relative tolerance of an expected value: gpu_stack's test uses 1e-12 on cost per token. */
    public static final double TOLERANCE = 1e-12;

    /**
     * One target.
     *
     * @param name the variable
     * @param status {@code ok} or {@code issues}
     * @param value its value in its display unit, or null when unresolved
     * @param unit its display unit
     * @param traceEquations equations the resolution ran for it
     * @param missing root inputs still needed
     * @param violated constraints of its cone that do not hold
     */
    public record Target(String name, String status, Double value, String unit, int traceEquations,
            List<String> missing, List<String> violated) {}

    /**
     * Resolves a preset.
     *
     * @param p the preset
     * @param registry the graph
     * @param targets the targets to report (the preset's own when empty)
     * @return the report
     * @throws LsdtException when an assignment does not fit its variable
     */
    public static ScenarioReport of(Preset p, Registry registry, List<String> targets) {
        List<String> wanted = targets.isEmpty() ? p.targets() : targets.stream().map(t -> registry.find(t).name())
                .toList();
        Assignments a = new Assignments(registry);
        p.assignments().forEach((k, v) -> a.parse(k + "=" + v));
        List<String> all = new ArrayList<>(wanted);
        p.expected().keySet().stream().filter(k -> !all.contains(k)).forEach(all::add);
        Resolution res = new Resolver(registry).resolve(a.values(), p.variants(), all);
        List<Target> out = new ArrayList<>();
        int ok = 0;
        for (String t : wanted) {
            List<String> violated = res.violated().stream().map(ConstraintCheck::constraint)
                    .map(c -> c.name()).toList();
            boolean has = res.has(t);
            boolean fine = has && violated.isEmpty();
            ok += fine ? 1 : 0;
            var unit = registry.variable(t).unit();
            out.add(new Target(t, fine ? "ok" : "issues", has ? unit.fromSi(res.value(t)) : null, unit.symbol(),
                    res.traceFor(t).size(), List.copyOf(res.missingFor(t)), violated));
        }
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, Double> e : p.expected().entrySet()) {
            var unit = registry.variable(e.getKey()).unit();
            Double got = res.has(e.getKey()) ? unit.fromSi(res.value(e.getKey())) : null;
            double want = e.getValue();
            if (got == null || Math.abs(got - want) > TOLERANCE * Math.max(Math.abs(want), Double.MIN_NORMAL)) {
                mismatches.add(e.getKey() + " = " + got + ", expected " + want);
            }
        }
        String status = ok == wanted.size() && mismatches.isEmpty() ? "ok" : "issues";
        return new ScenarioReport(p.name(), status, p.assignments().size(), wanted.size(), ok, out, mismatches, res);
    }

    /**
     * The report as JSON.
     *
     * @return the JSON contract: preset, status, assignment_count, target_count, ok_count, targets (+ mismatches)
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("preset", preset);
        m.put("status", status);
        m.put("assignment_count", assignmentCount);
        m.put("target_count", targetCount);
        m.put("ok_count", okCount);
        List<Map<String, Object>> ts = new ArrayList<>();
        for (Target t : targets) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", t.name());
            e.put("status", t.status());
            e.put("value", t.value());
            e.put("unit", t.unit());
            e.put("trace_equations", t.traceEquations());
            e.put("missing", t.missing());
            ts.add(e);
        }
        m.put("targets", ts);
        m.put("expected_mismatches", mismatches);
        return m;
    }
}
