package io.lsdt.graph.resolve;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.model.Relation.Equation;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The result of resolving targets: values, the trace of equations in evaluation order, the inputs that were missing,
 * constraint checks and approximation validity. Immutable.
 */
public final class Resolution {
    private final List<String> targets;
    private final Map<String, Double> values;
    private final Map<String, Double> assignments;
    private final List<TraceStep> trace;
    private final Map<String, Equation> selected;
    private final Map<String, UnresolvedInput> unresolved;
    private final List<ConstraintCheck> constraints;
    private final List<ValidityCheck> approximations;

    /**
     * The outcome of one resolution (made by {@link Resolver}).
     *
     * @param targets the targets asked for
     * @param values every value known (base units)
     * @param assignments the assignments used as given (base units)
     * @param trace every equation fired, in evaluation order
     * @param selected the equation selected for each computed variable
     * @param unresolved every needed input without a value, by name
     * @param constraints the constraints touching the resolved cone, checked
     * @param approximations the validity checks of the approximations that fired
     */
    Resolution(List<String> targets, Map<String, Double> values, Map<String, Double> assignments,
            List<TraceStep> trace, Map<String, Equation> selected, Map<String, UnresolvedInput> unresolved,
            List<ConstraintCheck> constraints, List<ValidityCheck> approximations) {
        this.targets = List.copyOf(targets);
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.assignments = Collections.unmodifiableMap(new LinkedHashMap<>(assignments));
        this.trace = List.copyOf(trace);
        this.selected = Collections.unmodifiableMap(new LinkedHashMap<>(selected));
        this.unresolved = Collections.unmodifiableMap(new LinkedHashMap<>(unresolved));
        this.constraints = List.copyOf(constraints);
        this.approximations = List.copyOf(approximations);
    }

    /**
     * The variables the resolution was asked for.
     *
     * @return the targets asked for
     */
    public List<String> targets() {
        return targets;
    }

    /**
     * All values of the resolution, by fully qualified name.
     *
     * @return every value known after resolution (assigned and computed), base units
     */
    public Map<String, Double> values() {
        return values;
    }

    /**
     * Whether a variable resolved.
     *
     * @param variable a fully qualified name
     * @return true when it has a value
     */
    public boolean has(String variable) {
        return values.containsKey(variable);
    }

    /**
     * The value of a variable.
     *
     * @param variable a fully qualified name
     * @return its value (base units)
     * @throws LsdtException {@link Problem#UNRESOLVED} naming what is missing
     */
    public double value(String variable) {
        Double v = values.get(variable);
        if (v == null) {
            Set<String> missing = missingFor(variable);
            throw LsdtException.of(Problem.UNRESOLVED, variable, missing.isEmpty()
                    ? "nothing: it was not among the targets " + targets : missing);
        }
        return v;
    }

    /**
     * The inputs of the resolution.
     *
     * @return the assignments that were used as given (base units)
     */
    public Map<String, Double> assignments() {
        return assignments;
    }

    /**
     * The trace: how each computed value was computed.
     *
     * @return every equation fired, in evaluation order
     */
    public List<TraceStep> trace() {
        return trace;
    }

    /**
     * The part of the trace that computed one variable.
     *
     * @param variable a variable in the resolved cone
     * @return the steps that produced its value, in evaluation order (empty for an assignment)
     */
    public List<TraceStep> traceFor(String variable) {
        Set<String> cone = upstream(variable);
        return trace.stream().filter(s -> cone.contains(s.variable())).toList();
    }

    /**
     * The inputs one variable rests on.
     *
     * @param variable a variable in the resolved cone
     * @return the assigned inputs its value depends on, in assignment order
     */
    public List<String> inputsFor(String variable) {
        Set<String> cone = upstream(variable);
        return assignments.keySet().stream().filter(cone::contains).toList();
    }

    /**
     * Which definition computed each variable (identity, chosen variant or approximation).
     *
     * @return the equation selected for each computed variable
     */
    public Map<String, Equation> selected() {
        return selected;
    }

    /**
     * The inputs the targets need but the assignments do not give.
     *
     * @return every needed input without a value, with its reason
     */
    public List<UnresolvedInput> unresolved() {
        return List.copyOf(unresolved.values());
    }

    /**
     * The names of the missing inputs.
     *
     * @return the names of every needed input without a value
     */
    public Set<String> missing() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(unresolved.keySet()));
    }

    /**
     * The missing inputs that one variable needs.
     *
     * @param variable a variable
     * @return the missing inputs below it
     */
    public Set<String> missingFor(String variable) {
        Set<String> out = new LinkedHashSet<>();
        for (String v : upstream(variable)) {
            if (unresolved.containsKey(v)) {
                out.add(v);
            }
        }
        return out;
    }

    /**
     * The graph's constraints on the resolved variables, each satisfied, violated or unknown.
     *
     * @return every constraint that touches the resolved cone, checked
     */
    public List<ConstraintCheck> constraints() {
        return constraints;
    }

    /**
     * The constraints the resolved values break.
     *
     * @return constraints that failed
     */
    public List<ConstraintCheck> violated() {
        return constraints.stream().filter(c -> c.status() == ConstraintCheck.Status.VIOLATED).toList();
    }

    /**
     * Whether each approximation used was inside its validity condition.
     *
     * @return validity checks of the approximations that fired
     */
    public List<ValidityCheck> approximations() {
        return approximations;
    }

    /**
     * Refuses a resolved value that is not a finite number, by name, before anything prints it. Such a value comes
     * from inputs that overflow a double when combined (or divide zero by zero): when any of the inputs it is computed
     * from is the user's, it is a user error naming those inputs and their values; when none is, a defect.
     *
     * @param variables the variables to check (those not resolved are skipped)
     * @param userOrigin where an assigned input came from when the user gave it (e.g. {@code "tokens"}), else null
     * @throws LsdtException {@link Problem#NON_FINITE} naming the first non-finite variable, its value and the user's
     *     inputs below it; {@link Problem#INTERNAL} when none of its inputs is the user's
     */
    public void requireFinite(java.util.Collection<String> variables,
            java.util.function.Function<String, String> userOrigin) {
        for (String v : variables) {
            Double x = values.get(v);
            if (x == null || Double.isFinite(x)) {
                continue;
            }
            List<String> user = new java.util.ArrayList<>();
            List<String> other = new java.util.ArrayList<>();
            for (String in : inputsFor(v)) {
                String origin = userOrigin.apply(in);
                if (origin != null) {
                    user.add(in);
                } else {
                    other.add(in);
                }
            }
            if (user.isEmpty()) {
                throw LsdtException.of(Problem.INTERNAL, v + " = " + x + " from inputs none of which the user gave: "
                        + describe(other, null));
            }
            throw LsdtException.of(Problem.NON_FINITE, v, x, describe(user, userOrigin))
                    .withHint("bring the largest or smallest of these closer to a physical value");
        }
    }

    /** The inputs farthest from 1 first (the likely culprits of an overflow), at most three, with their origins. */
    private String describe(List<String> inputs, java.util.function.Function<String, String> origin) {
        List<String> sorted = new java.util.ArrayList<>(inputs);
        sorted.sort(java.util.Comparator.comparingDouble((String in) -> {
            double a = Math.abs(assignments.get(in));
            return a == 0 ? 0 : -Math.abs(Math.log10(a));
        }).thenComparing(in -> in));
        List<String> out = new java.util.ArrayList<>();
        for (String in : sorted.subList(0, Math.min(3, sorted.size()))) {
            out.add(in + " = " + String.format(java.util.Locale.ROOT, "%.4g", assignments.get(in))
                    + (origin == null ? "" : " (" + origin.apply(in) + ")"));
        }
        return String.join(", ", out) + (sorted.size() > 3 ? " and " + (sorted.size() - 3) + " more" : "");
    }

    private Set<String> upstream(String variable) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add(variable);
        while (!todo.isEmpty()) {
            String v = todo.pop();
            if (!seen.add(v)) {
                continue;
            }
            Equation e = selected.get(v);
            if (e != null) {
                todo.addAll(e.valueInputs());
            }
        }
        return seen;
    }
}
