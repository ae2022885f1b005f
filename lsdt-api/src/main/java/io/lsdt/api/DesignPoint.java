package io.lsdt.api;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.registry.Registry;
import io.lsdt.graph.resolve.Resolution;
import io.lsdt.graph.resolve.Resolver;
import io.lsdt.physics.brief.BriefInput;
import io.lsdt.physics.design.ParallelConfig;
import io.lsdt.physics.design.Prediction;
import io.lsdt.physics.macro.MacroResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One design of a plan resolved through the graph in one piece: the architecture, the design scope (step time and
 * its ledger, memory, MFU) and the macro scopes (stragglers, failures, cost, energy, carbon) share one resolution,
 * so every number is one graph value and {@link #explain(String)} follows any of them to its sourced inputs.
 *
 * <p>The plan's headline time to train is {@code training.wallclock}: the design step, made longer by stragglers
 * (every rank waits for the slowest), divided by the goodput left by failures, restarts and checkpoints. Its MFU is
 * {@code training.mfu}, at the same expected step. The design step ({@code design.t_step}) and the design's MFU
 * ({@code design.mfu}) are their components.
 */
public final class DesignPoint {
    /** The headline time to train (s). */
    public static final String TIME_TO_TRAIN = "training.wallclock";
    /** The headline MFU, at the expected step with stragglers. */
    public static final String MFU = "training.mfu";

    private final Registry registry;
    private final Prediction prediction;
    private final MacroResult macro;
    private final Map<String, BriefInput> origins;

    DesignPoint(Registry registry, Prediction prediction, MacroResult macro) {
        this.registry = registry;
        this.prediction = prediction;
        this.macro = macro;
        Map<String, BriefInput> o = new LinkedHashMap<>();
        macro.inputs().forEach(i -> o.putIfAbsent(i.variable(), i));
        this.origins = java.util.Collections.unmodifiableMap(o);
    }

    /** @return the design */
    public ParallelConfig config() {
        return prediction.config();
    }

    /** @return the design in words, e.g. "TP 8, CP 4, PP 16 (v 4), DP 32, EP 1, micro-batch 1, no recompute, ZeRO-1" */
    public String describe() {
        return io.lsdt.physics.design.DesignProvenance.describe(prediction.config());
    }

    /** @return the compiled prediction (its numbers are the same equations' values as the resolution's) */
    public Prediction prediction() {
        return prediction;
    }

    /** @return the macro section, whose resolution also holds the design's variables */
    public MacroResult macro() {
        return macro;
    }

    /** @return the resolution of everything the plan prints for this design */
    public Resolution resolution() {
        return macro.resolution();
    }

    /** @return every input with where it came from, by variable */
    public Map<String, BriefInput> origins() {
        return origins;
    }

    /**
     * @param variable a fully qualified graph variable
     * @return its value (SI): resolved, or the input's
     * @throws LsdtException {@link Problem#UNKNOWN_VARIABLE} for an unknown name, {@link Problem#UNRESOLVED} when the
     *     plan's inputs do not determine it
     */
    public double value(String variable) {
        Resolution r = resolution();
        if (r.has(variable)) {
            return r.value(variable);
        }
        return explain(variable).value();
    }

    /** @return the headline time to train (s), with stragglers and failures */
    public double timeToTrain() {
        return value(TIME_TO_TRAIN);
    }

    /** @return the headline MFU, at the expected step with stragglers */
    public double mfu() {
        return value(MFU);
    }

    /**
     * The headline time to train had each rank's mean step been {@code step} instead of the design step (e.g. a
     * simulated step): the same graph, with {@code tail.step.mean} assigned.
     *
     * @param step a mean step time (s), &gt; 0
     * @return the time to train (s), stragglers and failures included
     * @throws LsdtException {@link Problem#INVALID_VALUE} for a step that is not positive
     */
    public double timeToTrainAtStep(double step) {
        Map<String, Double> a = new LinkedHashMap<>(macro.assignments());
        new io.lsdt.graph.resolve.Assignments(registry).setSi("tail.step.mean", step);
        a.put("tail.step.mean", step);
        return new Resolver(registry).resolve(a, macro.variants(), List.of(TIME_TO_TRAIN)).value(TIME_TO_TRAIN);
    }

    /**
     * @param variable a fully qualified graph variable
     * @return its value, equations, references and inputs with their origins
     * @throws LsdtException {@link Problem#UNKNOWN_VARIABLE} for an unknown name (with the closest names)
     */
    public Explanation explain(String variable) {
        registry.variable(variable);
        Resolution r = resolution();
        if (!r.has(variable)) {
            // a variable outside the plan's targets: resolve it from the same inputs and variants
            r = new Resolver(registry).resolve(macro.assignments(), macro.variants(), List.of(variable));
        }
        return new Explanation(variable, registry, r, origins);
    }
}
