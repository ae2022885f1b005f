package io.lsdt.graph.registry;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.error.Suggestions;
import io.lsdt.graph.expr.Comparison;
import io.lsdt.graph.expr.DimensionCheck;
import io.lsdt.graph.expr.Expr;
import io.lsdt.graph.expr.Exprs;
import io.lsdt.graph.model.Relation;
import io.lsdt.graph.model.Relation.Constraint;
import io.lsdt.graph.model.Relation.Equation;
import io.lsdt.graph.model.Relation.Role;
import io.lsdt.graph.model.Variable;
import io.lsdt.graph.registry.GraphIssue.Severity;
import io.lsdt.graph.unit.Dimension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Loads {@link Scope}s into a {@link Registry}, refusing to build when any of these holds (each is reported with the
 * names involved): a duplicate variable or relation name, an expression naming an unknown variable, a dimension
 * error, a variable with two identities or with both an identity and variants, a cycle of definitions.
 */
public final class RegistryBuilder {
    private final List<Scope> scopes = new ArrayList<>();

    /** An empty builder; {@link Registry#builder()} makes one. */
    RegistryBuilder() {}

    /**
     * Adds a scope's variables and relations.
     *
     * @param scope a filled scope
     * @return this builder
     */
    public RegistryBuilder add(Scope scope) {
        scopes.add(scope);
        return this;
    }

    /**
     * Checks everything and builds.
     *
     * @return the registry
     * @throws LsdtException {@link Problem#REGISTRY_INVALID} listing every error found
     */
    public Registry build() {
        Checked c = check();
        List<GraphIssue> errors = c.issues.stream().filter(i -> i.severity() == Severity.ERROR).toList();
        if (!errors.isEmpty()) {
            throw LsdtException.of(Problem.REGISTRY_INVALID,
                    errors.stream().map(i -> "  " + i).collect(Collectors.joining("\n")));
        }
        List<GraphIssue> warnings = c.issues.stream().filter(i -> i.severity() == Severity.WARNING).toList();
        List<String> heads = scopes.stream().flatMap(s -> s.headlines().stream()).toList();
        return new Registry(c.variables, c.relations, heads, scopes.stream().map(Scope::name).toList(), warnings);
    }

    /**
     * Runs every check without building.
     *
     * @return every error and warning, in a stable order
     */
    public List<GraphIssue> issues() {
        return check().issues;
    }

    /**
     * Runs the structural checks again on a loaded registry: dimensions of every relation, definition rules and
     * cycles. Used by verify, so that its zero counts are measured, not assumed.
     *
     * @param registry a loaded registry
     * @return the errors found (empty for any registry this builder produced)
     */
    public static List<GraphIssue> recheck(Registry registry) {
        List<GraphIssue> issues = new ArrayList<>();
        for (Relation r : registry.relations().values()) {
            checkDimensions(r, registry.variables(), issues);
        }
        checkDefinitions(registry.variables(), registry.relations(), issues);
        checkCycles(registry.variables(), registry.relations(), issues);
        return issues;
    }

    private record Checked(Map<String, Variable> variables, Map<String, Relation> relations,
            List<GraphIssue> issues) {}

    private Checked check() {
        List<GraphIssue> issues = new ArrayList<>();
        Map<String, Variable> vars = new LinkedHashMap<>();
        for (Scope s : scopes) {
            for (Variable v : s.variables()) {
                if (vars.putIfAbsent(v.name(), v) != null) {
                    issues.add(new GraphIssue(Severity.ERROR, "duplicate", v.name(), "variable declared twice"));
                }
                if (v.reference() == null) {
                    issues.add(new GraphIssue(Severity.WARNING, "no-reference", v.name(), "variable has no reference"));
                }
            }
        }
        Map<String, Relation> rels = new LinkedHashMap<>();
        for (Scope s : scopes) {
            for (Relation r : s.relations()) {
                Relation q = qualify(r, s.name(), vars, issues);
                if (q == null) {
                    continue;
                }
                if (rels.putIfAbsent(q.name(), q) != null) {
                    issues.add(new GraphIssue(Severity.ERROR, "duplicate", q.name(), "relation declared twice"));
                    continue;
                }
                if (q.reference() == null) {
                    issues.add(new GraphIssue(Severity.WARNING, "no-reference", q.name(), "relation has no reference"));
                }
                checkDimensions(q, vars, issues);
            }
            for (String h : s.headlines()) {
                if (!vars.containsKey(h)) {
                    issues.add(new GraphIssue(Severity.ERROR, "unknown-variable", h, "headline target is not declared"));
                }
            }
        }
        checkDefinitions(vars, rels, issues);
        checkCycles(vars, rels, issues);
        return new Checked(vars, rels, issues);
    }

    private static Relation qualify(Relation r, String scope, Map<String, Variable> vars, List<GraphIssue> issues) {
        boolean[] ok = {true};
        java.util.function.UnaryOperator<String> q = n -> {
            if (vars.containsKey(n)) {
                return n;
            }
            String scoped = scope + "." + n;
            if (vars.containsKey(scoped)) {
                return scoped;
            }
            ok[0] = false;
            String hint = Suggestions.hint(n, vars.keySet().stream()
                    .map(v -> v.startsWith(scope + ".") ? v.substring(scope.length() + 1) : v).toList());
            issues.add(new GraphIssue(Severity.ERROR, "unknown-variable", r.name(),
                    "unknown variable '" + n + "'" + (hint.isEmpty() ? "" : "; maybe " + hint)));
            return n;
        };
        Relation out = switch (r) {
            case Equation e -> {
                if (!vars.containsKey(e.defines())) {
                    ok[0] = false;
                    issues.add(new GraphIssue(Severity.ERROR, "unknown-variable", e.name(),
                            "defines '" + e.defines() + "', which is not declared"));
                }
                Expr expr = Exprs.rename(e.expr(), q);
                Comparison validity = e.validity() == null ? null : Exprs.rename(e.validity(), q);
                yield new Equation(e.name(), e.defines(), e.text(), expr, e.role(), e.variantKey(), validity,
                        e.reference(), e.note());
            }
            case Constraint c -> new Constraint(c.name(), Exprs.rename(c.comparison(), q), c.description(),
                    c.reference());
        };
        return ok[0] ? out : null;
    }

    private static void checkDimensions(Relation r, Map<String, Variable> vars, List<GraphIssue> issues) {
        java.util.function.Function<String, Dimension> dim = n -> vars.get(n).unit().dimension();
        try {
            switch (r) {
                case Equation e -> {
                    Dimension lhs = vars.get(e.defines()).unit().dimension();
                    Dimension rhs = DimensionCheck.infer(e.expr(), dim);
                    if (!lhs.equals(rhs)) {
                        issues.add(new GraphIssue(Severity.ERROR, "dimension", e.name(),
                                "left side " + e.defines() + " is " + lhs + " (" + vars.get(e.defines()).unit()
                                        + ") but the right side '" + e.text() + "' is " + rhs));
                    }
                    if (e.validity() != null) {
                        checkComparison(e.name() + " validity", e.validity(), dim, issues);
                    }
                }
                case Constraint c -> checkComparison(c.name(), c.comparison(), dim, issues);
            }
        } catch (DimensionCheck.DimensionError ex) {
            issues.add(new GraphIssue(Severity.ERROR, "dimension", r.name(), ex.getMessage()));
        }
    }

    private static void checkComparison(String name, Comparison c,
            java.util.function.Function<String, Dimension> dim, List<GraphIssue> issues) {
        Dimension l = DimensionCheck.infer(c.left(), dim);
        Dimension rr = DimensionCheck.infer(c.right(), dim);
        if (!l.equals(rr)) {
            issues.add(new GraphIssue(Severity.ERROR, "dimension", name,
                    "'" + c.text() + "': left side is " + l + " but right side is " + rr));
        }
    }

    private static void checkDefinitions(Map<String, Variable> vars, Map<String, Relation> rels,
            List<GraphIssue> issues) {
        Map<String, List<Equation>> defs = new LinkedHashMap<>();
        for (Relation r : rels.values()) {
            if (r instanceof Equation e) {
                defs.computeIfAbsent(e.defines(), k -> new ArrayList<>()).add(e);
            }
        }
        for (Map.Entry<String, List<Equation>> d : defs.entrySet()) {
            long identities = d.getValue().stream().filter(e -> e.role() == Role.IDENTITY).count();
            long variants = d.getValue().stream().filter(e -> e.role() == Role.VARIANT).count();
            long approximations = d.getValue().stream().filter(e -> e.role() == Role.APPROXIMATION).count();
            if (identities > 1) {
                issues.add(new GraphIssue(Severity.ERROR, "definition", d.getKey(), identities
                        + " identities define it; keep one and make the others variants"));
            }
            if (identities == 1 && variants > 0) {
                issues.add(new GraphIssue(Severity.ERROR, "definition", d.getKey(),
                        "has both an identity and variants; make the identity a variant too"));
            }
            if (identities == 0 && variants == 0 && approximations > 1) {
                issues.add(new GraphIssue(Severity.ERROR, "definition", d.getKey(), approximations
                        + " approximations and no identity; the choice would be ambiguous"));
            }
            Set<String> keys = new HashSet<>();
            for (Equation e : d.getValue()) {
                if (e.role() == Role.VARIANT && !keys.add(e.variantKey())) {
                    issues.add(new GraphIssue(Severity.ERROR, "duplicate", d.getKey(),
                            "variant key '" + e.variantKey() + "' declared twice"));
                }
            }
        }
    }

    /** Depth-first search for cycles over definition edges (variable → inputs of its defining equations). */
    private static void checkCycles(Map<String, Variable> vars, Map<String, Relation> rels, List<GraphIssue> issues) {
        Map<String, List<String>> edges = new HashMap<>();
        for (Relation r : rels.values()) {
            if (r instanceof Equation e) {
                edges.computeIfAbsent(e.defines(), k -> new ArrayList<>()).addAll(e.inputs());
            }
        }
        Map<String, Integer> state = new HashMap<>(); // 1 = on stack, 2 = done
        Set<String> reported = new HashSet<>();
        for (String start : vars.keySet()) {
            if (state.containsKey(start)) {
                continue;
            }
            // iterative DFS with an explicit path so deep graphs cannot overflow the stack
            List<String> path = new ArrayList<>();
            List<Integer> next = new ArrayList<>();
            path.add(start);
            next.add(0);
            state.put(start, 1);
            while (!path.isEmpty()) {
                int top = path.size() - 1;
                String v = path.get(top);
                List<String> out = edges.getOrDefault(v, List.of());
                int i = next.get(top);
                if (i < out.size()) {
                    next.set(top, i + 1);
                    String w = out.get(i);
                    Integer s = state.get(w);
                    if (s == null) {
                        state.put(w, 1);
                        path.add(w);
                        next.add(0);
                    } else if (s == 1) {
                        List<String> cycle = new ArrayList<>(path.subList(path.indexOf(w), path.size()));
                        cycle.add(w);
                        String key = cycle.stream().sorted().collect(Collectors.joining(","));
                        if (reported.add(key)) {
                            issues.add(new GraphIssue(Severity.ERROR, "cycle", w,
                                    "cycle of definitions: " + String.join(" → ", cycle)));
                        }
                    }
                } else {
                    state.put(v, 2);
                    path.remove(top);
                    next.remove(top);
                }
            }
        }
    }
}
