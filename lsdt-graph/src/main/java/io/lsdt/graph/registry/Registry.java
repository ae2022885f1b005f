package io.lsdt.graph.registry;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.error.Suggestions;
import io.lsdt.graph.model.Relation;
import io.lsdt.graph.model.Relation.Constraint;
import io.lsdt.graph.model.Relation.Equation;
import io.lsdt.graph.model.Variable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An immutable, validated equation graph: variables, equations and constraints of one or more {@link Scope}s.
 *
 * <p>A registry exists only if it loaded cleanly: every name is unique, every expression names known variables,
 * every equation and constraint is dimensionally consistent, no variable has two identities, and the definition
 * edges have no cycle. Build one with {@link #builder()}.
 */
public final class Registry {
    private final Map<String, Variable> variables;
    private final Map<String, Relation> relations;
    private final Map<String, List<Equation>> definitions;
    private final Map<String, List<Relation>> users;
    private final List<Constraint> constraints;
    private final List<String> headlines;
    private final List<String> scopes;
    private final List<GraphIssue> warnings;

    /**
     * A registry of checked scopes (made by {@link RegistryBuilder}); indexes each variable's definitions and users.
     *
     * @param variables all variables by name, in load order
     * @param relations all relations by name, in load order
     * @param headlines the headline targets of all scopes
     * @param scopes the scope names, in load order
     * @param warnings the warnings found when loading
     */
    Registry(Map<String, Variable> variables, Map<String, Relation> relations, List<String> headlines,
            List<String> scopes, List<GraphIssue> warnings) {
        this.variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        this.relations = Collections.unmodifiableMap(new LinkedHashMap<>(relations));
        Map<String, List<Equation>> defs = new LinkedHashMap<>();
        Map<String, List<Relation>> use = new LinkedHashMap<>();
        List<Constraint> cks = new ArrayList<>();
        for (Relation r : relations.values()) {
            if (r instanceof Equation e) {
                defs.computeIfAbsent(e.defines(), k -> new ArrayList<>()).add(e);
            } else if (r instanceof Constraint c) {
                cks.add(c);
            }
            for (String in : r.inputs()) {
                use.computeIfAbsent(in, k -> new ArrayList<>()).add(r);
            }
        }
        defs.replaceAll((k, v) -> List.copyOf(v));
        use.replaceAll((k, v) -> List.copyOf(v));
        this.definitions = Collections.unmodifiableMap(defs);
        this.users = Collections.unmodifiableMap(use);
        this.constraints = List.copyOf(cks);
        this.headlines = List.copyOf(headlines);
        this.scopes = List.copyOf(scopes);
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Starts a registry from scopes.
     *
     * @return a new builder
     */
    public static RegistryBuilder builder() {
        return new RegistryBuilder();
    }

    /**
     * The graph's variables.
     *
     * @return all variables by name, in load order
     */
    public Map<String, Variable> variables() {
        return variables;
    }

    /**
     * The graph's relations: equations and constraints.
     *
     * @return all relations by name, in load order
     */
    public Map<String, Relation> relations() {
        return relations;
    }

    /**
     * The graph's equations.
     *
     * @return all equations, in load order
     */
    public List<Equation> equations() {
        return relations.values().stream().filter(Equation.class::isInstance).map(Equation.class::cast).toList();
    }

    /**
     * The graph's constraints.
     *
     * @return all constraints, in load order
     */
    public List<Constraint> constraints() {
        return constraints;
    }

    /**
     * The variables the scopes name as their answers.
     *
     * @return the headline targets of all scopes
     */
    public List<String> headlines() {
        return headlines;
    }

    /**
     * The scopes the graph was built from.
     *
     * @return the scope names, in load order
     */
    public List<String> scopes() {
        return scopes;
    }

    /**
     * The problems found when loading that do not prevent it.
     *
     * @return the warnings found when loading (no reference, …); errors prevent loading
     */
    public List<GraphIssue> warnings() {
        return warnings;
    }

    /**
     * Looks up a variable by name.
     *
     * @param name a fully qualified variable name
     * @return the variable
     * @throws LsdtException {@link Problem#UNKNOWN_VARIABLE} with the closest names
     */
    public Variable variable(String name) {
        Variable v = variables.get(name);
        if (v == null) {
            throw LsdtException.of(Problem.UNKNOWN_VARIABLE, name, "").withHint(Suggestions.hint(name,
                    variables.keySet()));
        }
        return v;
    }

    /**
     * Finds a variable by its full name, or by its short name when that is unique across scopes.
     *
     * @param name {@code fundamentals.F_total_flop} or {@code F_total_flop}
     * @return the variable
     * @throws LsdtException {@link Problem#UNKNOWN_VARIABLE} when none or several match
     */
    public Variable find(String name) {
        Variable v = variables.get(name);
        if (v != null) {
            return v;
        }
        List<Variable> matches = variables.values().stream().filter(x -> x.shortName().equals(name)
                || x.name().endsWith("." + name)).toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.size() > 1) {
            throw LsdtException.of(Problem.UNKNOWN_VARIABLE, name, " (it is ambiguous: "
                    + String.join(", ", matches.stream().map(Variable::name).toList()) + ")");
        }
        Set<String> candidates = new LinkedHashSet<>(variables.keySet());
        variables.values().forEach(x -> candidates.add(x.shortName()));
        throw LsdtException.of(Problem.UNKNOWN_VARIABLE, name, "").withHint(Suggestions.hint(name, candidates));
    }

    /**
     * The equations that define a variable.
     *
     * @param variable a fully qualified variable name
     * @return its defining equations (identity, approximations, variants); empty for a root
     */
    public List<Equation> definitions(String variable) {
        return definitions.getOrDefault(variable, List.of());
    }

    /**
     * The relations whose expressions read a variable.
     *
     * @param variable a fully qualified variable name
     * @return the relations that read it
     */
    public List<Relation> users(String variable) {
        return users.getOrDefault(variable, List.of());
    }

    /**
     * Whether a variable is a root input.
     *
     * @param variable a fully qualified variable name
     * @return true when no equation defines it: a root input that must be assigned
     */
    public boolean isRoot(String variable) {
        return definitions(variable).isEmpty();
    }

    /**
     * The keys of a variable's variants: the choices a caller gives {@link io.lsdt.graph.resolve.Resolver#resolve}.
     *
     * @param variable a fully qualified variable name
     * @return the variant keys of the variable, in declaration order (empty when it has none)
     */
    public List<String> variantKeys(String variable) {
        return definitions(variable).stream().filter(e -> e.role() == Relation.Role.VARIANT)
                .map(Equation::variantKey).toList();
    }
}
