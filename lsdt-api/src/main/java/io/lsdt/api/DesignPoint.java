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
import io.lsdt.physics.uncertainty.BestMeasured;
import io.lsdt.physics.uncertainty.Credibility;
import io.lsdt.physics.uncertainty.Interval;
import io.lsdt.physics.uncertainty.NearestRun;
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
 *
 * <p>Each carries its uncertainty ({@link #credibility()}): the P10–P90 interval of its regime's development
 * residuals, widened by its distance from the nearest validated configuration, the nearest validated runs and the
 * best MFU measured on its hardware.
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
    private final Credibility credibility;

    /**
     * A plan's design with its prediction, macro section and interval (made by the planner).
     *
     * @param registry the graph the design was resolved on
     * @param prediction the compiled step prediction
     * @param macro the macro section, whose resolution holds the design's variables
     * @param credibility the prediction's interval, widened by distance
     */
    DesignPoint(Registry registry, Prediction prediction, MacroResult macro, Credibility credibility) {
        this.registry = registry;
        this.prediction = prediction;
        this.macro = macro;
        this.credibility = credibility;
        Map<String, BriefInput> o = new LinkedHashMap<>();
        macro.inputs().forEach(i -> o.putIfAbsent(i.variable(), i));
        this.origins = java.util.Collections.unmodifiableMap(o);
    }

    /**
     * The parallel layout of this design (TP, CP, PP, DP, EP, micro-batch, recompute, ZeRO stage).
     *
     * @return the design
     */
    public ParallelConfig config() {
        return prediction.config();
    }

    /**
     * The design as a line of text, for reports and messages.
     *
     * @return the design in words, e.g. "TP 8, CP 4, PP 16 (v 4), DP 32, EP 1, micro-batch 1, no recompute, ZeRO-1"
     */
    public String describe() {
        return io.lsdt.physics.design.DesignProvenance.describe(prediction.config());
    }

    /**
     * How far to trust this design's numbers: its regime's P10–P90 interval from the development residuals, its
     * distance from the validated configurations (which widens the interval), the nearest validated runs and the
     * best MFU measured on its device at its scale. The interval's bounds of the design step, the time to train and
     * the MFU are graph values: {@code uncertainty.t_step_p10} … {@code uncertainty.mfu_p90}
     * ({@link #intervalOf(String)}).
     *
     * @return the credibility
     */
    public Credibility credibility() {
        return credibility;
    }

    /**
     * The prediction interval of the residuals table for this design's regime (device, framework family, scale).
     *
     * @return the P10–P90 interval of the design's regime, before widening by distance
     */
    public Interval interval() {
        return credibility.interval();
    }

    /**
     * The measured runs of the residuals table closest to this design, the evidence its interval rests on.
     *
     * @return the validated runs nearest to the design, nearest first, with their distances
     */
    public List<NearestRun> nearestRuns() {
        return credibility.nearest();
    }

    /**
     * The best MFU any validated run reached in this design's setting, a bound to read the predicted MFU against.
     *
     * @return the best MFU measured on the design's device at its precision and scale, or null when none was
     */
    public BestMeasured bestMeasured() {
        return credibility.best();
    }

    /**
     * The prediction interval of one headline quantity, widened by the design's distance from the validated runs.
     *
     * @param quantity {@code t_step}, {@code wallclock} or {@code mfu}
     * @return its widened P10 and P90, the graph values {@code uncertainty.<quantity>_p10} and {@code _p90} (SI)
     * @throws IllegalArgumentException for another quantity
     */
    public double[] intervalOf(String quantity) {
        if (!List.of("t_step", "wallclock", "mfu").contains(quantity)) {
            throw new IllegalArgumentException("no interval of " + quantity + "; t_step, wallclock or mfu");
        }
        return new double[] {value("uncertainty." + quantity + "_p10"), value("uncertainty." + quantity + "_p90")};
    }

    /**
     * The compiled step prediction of this design: step time, its parts, memory and MFU.
     *
     * @return the compiled prediction (its numbers are the same equations' values as the resolution's)
     */
    public Prediction prediction() {
        return prediction;
    }

    /**
     * The macro section of this design: time to train with stragglers and failures, energy, cost and CO2.
     *
     * @return the macro section, whose resolution also holds the design's variables
     */
    public MacroResult macro() {
        return macro;
    }

    /**
     * The graph's resolution for this design, every variable the plan prints with the equations that computed it.
     *
     * @return the resolution of everything the plan prints for this design
     */
    public Resolution resolution() {
        return macro.resolution();
    }

    /**
     * The origin of every input of this design's resolution: the brief, the catalog, a default or an assumption.
     *
     * @return every input with where it came from, by variable
     */
    public Map<String, BriefInput> origins() {
        return origins;
    }

    /**
     * The value of one graph variable for this design.
     *
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

    /**
     * The time to train the brief's tokens on this design (s): the expected step time with stragglers, plus failures
     * and restarts.
     *
     * @return the headline time to train (s), with stragglers and failures
     */
    public double timeToTrain() {
        return value(TIME_TO_TRAIN);
    }

    /**
     * The model FLOPs utilization of this design (a share of the devices' dense peak, 0 to 1).
     *
     * @return the headline MFU, at the expected step with stragglers
     */
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
     * Explains one graph variable for this design: how it was computed and from what.
     *
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
