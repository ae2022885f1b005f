package io.lsdt.graph.compile;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.expr.DoubleNode;
import io.lsdt.graph.expr.ExprCompiler;
import io.lsdt.graph.model.Relation.Equation;
import io.lsdt.graph.registry.Registry;
import io.lsdt.graph.resolve.Selection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A resolved plan compiled for hot loops: the equations that produce the targets from a fixed list of inputs, in
 * evaluation order, as lambdas over a {@code double[]} of slots (inputs first, then computed variables). No boxing,
 * no maps and no unit objects at evaluation time; values are base units.
 *
 * <p>Usage: {@code double[] s = plan.newSlots(); s[plan.slot("fundamentals.P")] = 13e9; …; plan.evaluate(s);
 * double f = s[plan.slot("fundamentals.F_total_flop")];}. A plan is immutable and thread-safe; slot arrays are not
 * shared between threads.
 */
public final class CompiledPlan {
    private final Map<String, Integer> slots;
    private final List<String> inputs;
    private final List<String> computed;
    private final int[] outSlots;
    private final DoubleNode[] nodes;
    private final List<Equation> equations;

    private CompiledPlan(Map<String, Integer> slots, List<String> inputs, List<String> computed, int[] outSlots,
            DoubleNode[] nodes, List<Equation> equations) {
        this.slots = Collections.unmodifiableMap(slots);
        this.inputs = List.copyOf(inputs);
        this.computed = List.copyOf(computed);
        this.outSlots = outSlots;
        this.nodes = nodes;
        this.equations = List.copyOf(equations);
    }

    /**
     * Compiles the equations needed for {@code targets}, selected exactly as the resolver selects them.
     *
     * @param registry the graph
     * @param inputs the variables whose values the caller writes into the slots (they are boundaries)
     * @param targets the variables wanted
     * @param variants chosen variant keys by variable
     * @return the plan
     * @throws LsdtException {@link Problem#UNRESOLVED} when a target needs a variable that is neither an input nor
     *     computable (naming it and why)
     */
    public static CompiledPlan compile(Registry registry, List<String> inputs, List<String> targets,
            Map<String, String> variants) {
        Selection.validate(registry, variants);
        Map<String, Integer> slots = new LinkedHashMap<>();
        for (String in : inputs) {
            registry.variable(in);
            slots.putIfAbsent(in, slots.size()); // an input listed twice keeps its first slot
        }
        List<Equation> order = new ArrayList<>();
        Set<String> done = new HashSet<>(inputs);
        for (String t : targets) {
            registry.variable(t);
            visit(registry, t, variants, done, order, t);
        }
        List<String> computed = new ArrayList<>();
        for (Equation e : order) {
            slots.put(e.defines(), slots.size());
            computed.add(e.defines());
        }
        int[] out = new int[order.size()];
        DoubleNode[] nodes = new DoubleNode[order.size()];
        for (int i = 0; i < order.size(); i++) {
            Equation e = order.get(i);
            out[i] = slots.get(e.defines());
            nodes[i] = ExprCompiler.compile(e.expr(), slots::get);
        }
        return new CompiledPlan(slots, List.copyOf(new LinkedHashSet<>(inputs)), computed, out, nodes, order);
    }

    /** Depth-first post-order; the registry has no cycles (the builder refuses them). */
    private static void visit(Registry registry, String v, Map<String, String> variants, Set<String> done,
            List<Equation> order, String target) {
        if (done.contains(v)) {
            return;
        }
        Selection.Choice c = Selection.select(registry, v, variants);
        if (c.equation() == null) {
            throw LsdtException.of(Problem.UNRESOLVED, target, v + " (" + c.reason() + ")");
        }
        for (String in : c.equation().valueInputs()) {
            visit(registry, in, variants, done, order, target);
        }
        done.add(v);
        order.add(c.equation());
    }

    /**
     * The part of this plan that must be re-evaluated when only {@code varying} inputs change: the equations that
     * depend on them, directly or through other equations, in the same order and over the same slots. A search fills
     * every slot, evaluates the whole plan once, then re-evaluates only this part per candidate.
     *
     * @param varying inputs that change between evaluations
     * @return the restricted plan (same slot layout)
     * @throws LsdtException {@link Problem#UNKNOWN_VARIABLE} when one of them is not an input of this plan
     */
    public CompiledPlan restrictTo(java.util.Collection<String> varying) {
        Set<String> dirty = new HashSet<>();
        for (String v : varying) {
            if (!inputs.contains(v)) {
                throw LsdtException.of(Problem.UNKNOWN_VARIABLE, v, " (not an input of this compiled plan)");
            }
            dirty.add(v);
        }
        List<Equation> kept = new ArrayList<>();
        List<DoubleNode> keptNodes = new ArrayList<>();
        List<Integer> keptOut = new ArrayList<>();
        List<String> keptComputed = new ArrayList<>();
        for (int i = 0; i < equations.size(); i++) {
            Equation e = equations.get(i);
            if (e.valueInputs().stream().anyMatch(dirty::contains)) {
                dirty.add(e.defines());
                kept.add(e);
                keptNodes.add(nodes[i]);
                keptOut.add(outSlots[i]);
                keptComputed.add(e.defines());
            }
        }
        return new CompiledPlan(new LinkedHashMap<>(slots), inputs, keptComputed,
                keptOut.stream().mapToInt(Integer::intValue).toArray(), keptNodes.toArray(DoubleNode[]::new), kept);
    }

    /**
     * Generates straight-line bytecode for this plan (one assignment per equation). Evaluates bit-identically to
     * {@link #evaluate(double[])} and several times faster; generation costs tens of milliseconds, so do it once
     * per plan.
     *
     * @return the program
     */
    public SlotProgram bytecode() {
        return BytecodeGenerator.generate(equations.stream().map(Equation::expr).toList(), outSlots, slots::get);
    }

    /**
     * A new slot array to write a plan's inputs into and run it on; one per thread.
     *
     * @return a fresh slot array of the right size, all zeros
     */
    public double[] newSlots() {
        return new double[slots.size()];
    }

    /**
     * Where a variable lives in the slot array.
     *
     * @param variable a variable of the plan
     * @return its slot index
     * @throws LsdtException {@link Problem#UNKNOWN_VARIABLE} when the plan has no such slot
     */
    public int slot(String variable) {
        Integer i = slots.get(variable);
        if (i == null) {
            throw LsdtException.of(Problem.UNKNOWN_VARIABLE, variable, " (not in this compiled plan)");
        }
        return i;
    }

    /**
     * The variables a caller writes before running the plan.
     *
     * @return the input variables, in slot order
     */
    public List<String> inputs() {
        return inputs;
    }

    /**
     * The variables the plan computes.
     *
     * @return the computed variables, in evaluation order
     */
    public List<String> computed() {
        return computed;
    }

    /**
     * The plan's length in equations.
     *
     * @return the number of equations evaluated per call
     */
    public int size() {
        return nodes.length;
    }

    /**
     * Evaluates every equation in order, writing each result into its slot.
     *
     * @param slots the slot array, inputs filled in (base units)
     */
    public void evaluate(double[] slots) {
        final DoubleNode[] n = nodes;
        final int[] o = outSlots;
        for (int i = 0; i < n.length; i++) {
            slots[o[i]] = n[i].eval(slots);
        }
    }
}
