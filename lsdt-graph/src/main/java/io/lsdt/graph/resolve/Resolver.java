package io.lsdt.graph.resolve;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.expr.Comparison;
import io.lsdt.graph.expr.ExprCompiler;
import io.lsdt.graph.model.Relation;
import io.lsdt.graph.model.Relation.Constraint;
import io.lsdt.graph.model.Relation.Equation;
import io.lsdt.graph.registry.Registry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Resolves target variables from assignments and variant choices.
 *
 * <p>Algorithm: walk upstream from each target; an assigned variable is a boundary (assignments override equations);
 * otherwise {@link Selection} picks the defining equation, its inputs are resolved first, and the equation is
 * evaluated and appended to the trace. A root without assignment, or a variant family without a choice, is recorded
 * as missing and everything downstream of it stays unresolved. Afterwards every constraint touching the resolved
 * variables is checked, and every approximation that fired has its validity condition evaluated.
 */
public final class Resolver {
    private final Registry registry;

    /**
     * A resolver of one graph.
     *
     * @param registry the graph to resolve against
     */
    public Resolver(Registry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * Computes target variables from assigned inputs, firing only the equations the targets need and tracing each.
     *
     * @param assignments values of root (or overridden) variables, base units, by fully qualified name
     * @param variants chosen variant keys by fully qualified variable name
     * @param targets the variables wanted
     * @return the resolution
     * @throws LsdtException {@link Problem#UNKNOWN_VARIABLE} for an unknown name, or a variant error
     */
    public Resolution resolve(Map<String, Double> assignments, Map<String, String> variants, List<String> targets) {
        for (String a : assignments.keySet()) {
            registry.variable(a);
        }
        for (String t : targets) {
            registry.variable(t);
        }
        Selection.validate(registry, variants);
        Walk w = new Walk(assignments, variants);
        for (String t : targets) {
            w.visit(t);
        }
        List<ConstraintCheck> checks = checkConstraints(w);
        List<ValidityCheck> validity = checkValidity(w);
        Map<String, Double> used = new LinkedHashMap<>();
        for (Map.Entry<String, Double> a : assignments.entrySet()) {
            if (w.values.containsKey(a.getKey())) {
                used.put(a.getKey(), a.getValue());
            }
        }
        return new Resolution(targets, w.values, used, w.trace, w.selected, w.unresolved, checks, validity);
    }

    private final class Walk {
        final Map<String, Double> assignments;
        final Map<String, String> variants;
        final Map<String, Double> values = new LinkedHashMap<>();
        final Map<String, Equation> selected = new LinkedHashMap<>();
        final Map<String, UnresolvedInput> unresolved = new LinkedHashMap<>();
        final List<TraceStep> trace = new ArrayList<>();
        final Set<String> visited = new HashSet<>();

        Walk(Map<String, Double> assignments, Map<String, String> variants) {
            this.assignments = assignments;
            this.variants = variants;
        }

        boolean visit(String v) {
            if (visited.contains(v)) {
                return values.containsKey(v);
            }
            visited.add(v);
            Double a = assignments.get(v);
            if (a != null) {
                values.put(v, a);
                return true;
            }
            Selection.Choice c = Selection.select(registry, v, variants);
            if (c.equation() == null) {
                unresolved.put(v, new UnresolvedInput(v, c.reason()));
                return false;
            }
            Equation e = c.equation();
            selected.put(v, e);
            boolean ok = true;
            for (String in : e.valueInputs()) {
                ok &= visit(in);
            }
            if (!ok) {
                return false;
            }
            double value = ExprCompiler.evaluate(e.expr(), values::get);
            values.put(v, value);
            trace.add(new TraceStep(v, e, value, registry.variable(v).unit()));
            return true;
        }
    }

    private List<ConstraintCheck> checkConstraints(Walk w) {
        List<ConstraintCheck> out = new ArrayList<>();
        for (Constraint c : registry.constraints()) {
            Set<String> in = c.inputs();
            if (in.stream().noneMatch(w.visited::contains)) {
                continue;
            }
            // an assigned input outside the cone (e.g. a deadline) is known: take its value
            for (String n : in) {
                if (w.assignments.containsKey(n)) {
                    w.visit(n);
                }
            }
            List<String> missing = in.stream().filter(n -> !w.values.containsKey(n)).toList();
            if (!missing.isEmpty()) {
                out.add(new ConstraintCheck(c, ConstraintCheck.Status.UNKNOWN, Double.NaN, Double.NaN, missing));
                continue;
            }
            out.add(evaluate(c, c.comparison(), w.values));
        }
        return out;
    }

    private static ConstraintCheck evaluate(Constraint c, Comparison cmp, Map<String, Double> values) {
        double l = ExprCompiler.evaluate(cmp.left(), values::get);
        double r = ExprCompiler.evaluate(cmp.right(), values::get);
        ConstraintCheck.Status s = cmp.op().test(l, r) ? ConstraintCheck.Status.SATISFIED
                : ConstraintCheck.Status.VIOLATED;
        return new ConstraintCheck(c, s, l, r, List.of());
    }

    private List<ValidityCheck> checkValidity(Walk w) {
        List<ValidityCheck> out = new ArrayList<>();
        // resolving a validity input selects further equations: iterate over a copy that grows with the selection
        List<Equation> fired = new ArrayList<>(w.selected.values());
        for (int i = 0; i < fired.size(); i++) {
            Equation e = fired.get(i);
            if (e.role() != Relation.Role.APPROXIMATION || e.validity() == null) {
                continue;
            }
            Set<String> in = new LinkedHashSet<>(e.validity().left().references());
            in.addAll(e.validity().right().references());
            for (String n : in) {
                w.visit(n);
            }
            if (w.selected.size() > fired.size()) {
                fired.addAll(new ArrayList<>(w.selected.values()).subList(fired.size(), w.selected.size()));
            }
            if (!in.stream().allMatch(w.values::containsKey)) {
                out.add(new ValidityCheck(e, ConstraintCheck.Status.UNKNOWN, Double.NaN, Double.NaN));
                continue;
            }
            double l = ExprCompiler.evaluate(e.validity().left(), w.values::get);
            double r = ExprCompiler.evaluate(e.validity().right(), w.values::get);
            out.add(new ValidityCheck(e, e.validity().op().test(l, r) ? ConstraintCheck.Status.SATISFIED
                    : ConstraintCheck.Status.VIOLATED, l, r));
        }
        return out;
    }
}
