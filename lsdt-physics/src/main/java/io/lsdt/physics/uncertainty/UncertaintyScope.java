package io.lsdt.physics.uncertainty;

import io.lsdt.graph.model.Range;
import io.lsdt.graph.model.Reference;
import io.lsdt.graph.registry.Registry;
import io.lsdt.graph.registry.Scope;
import io.lsdt.graph.resolve.Resolution;
import io.lsdt.graph.resolve.Resolver;
import io.lsdt.physics.reference.References;
import java.util.List;
import java.util.Map;

/**
 * The uncertainty of a plan's headline numbers: P10 and P90 of the step time, the time to train and the MFU, from
 * the residuals of the design's regime ({@link Intervals}), widened by the design's distance from the validated
 * configurations ({@link Configuration#distance(Configuration)}).
 *
 * <p>The widening rule: the interval keeps its centre in log space and its log-width is multiplied by
 * (1 + distance). At distance 0 — the design is a configuration LSDT was validated on — it is the regime's P10–P90;
 * one step away along one axis (another device, another framework family, ten times the devices or the model)
 * doubles its width.
 */
public final class UncertaintyScope {
    /** The scope's name. */
    public static final String NAME = "uncertainty";

    private UncertaintyScope() {}

    /**
     * The uncertainty scope: a plan's headline intervals, the regime's P10–P90 widened by distance.
     *
     * @return scope {@code uncertainty}
     */
    public static Scope create() {
        Reference res = References.DEV_RESIDUALS;
        Reference widen = References.definition("the interval widens with the distance from the nearest validated "
                + "configuration: its log-width × (1 + distance), centre kept");
        Reference bound = References.definition("a rate r lies in [r·e^low, r·e^high]; a time t, the inverse of a "
                + "rate, in [t·e^−high, t·e^−low]");
        Scope s = Scope.named(NAME, "P10–P90 intervals of a plan's step, time to train and MFU from the validation "
                + "residuals of its regime");
        s.variable("resid_p10", "1", "10th percentile of ln(measured rate / predicted rate) over the development runs "
                        + "of the design's regime (or of its pool)", res, Range.ANY)
                .variable("resid_p90", "1", "90th percentile of ln(measured rate / predicted rate) over the same runs",
                        res, Range.ANY)
                .variable("runs", "1", "development runs behind the two percentiles", res, Range.AT_LEAST_ONE)
                .variable("distance", "1", "distance of the design from the nearest validated configuration "
                        + "(device, numerics, framework family, scale, model size, layout)",
                        References.definition("the distance of io.lsdt.physics.uncertainty.Configuration"),
                        Range.NON_NEGATIVE)
                .variable("widening", "1", "factor on the interval's log-width", widen, Range.AT_LEAST_ONE)
                .equation("widening", "1 + distance", widen)
                .variable("log_low", "1", "lower bound of ln(actual rate / predicted rate)", widen, Range.ANY)
                .equation("log_low", "(resid_p10 + resid_p90) / 2 - (resid_p90 - resid_p10) / 2 * widening", widen)
                .variable("log_high", "1", "upper bound of ln(actual rate / predicted rate)", widen, Range.ANY)
                .equation("log_high", "(resid_p10 + resid_p90) / 2 + (resid_p90 - resid_p10) / 2 * widening", widen)
                .variable("t_step_p10", "s", "P10 of the design step", bound, Range.POSITIVE)
                .equation("t_step_p10", "design.t_step * exp(-log_high)", bound)
                .variable("t_step_p90", "s", "P90 of the design step", bound, Range.POSITIVE)
                .equation("t_step_p90", "design.t_step * exp(-log_low)", bound)
                .variable("wallclock_p10", "s", "P10 of the time to train", bound, Range.POSITIVE)
                .equation("wallclock_p10", "training.wallclock * exp(-log_high)", bound)
                .variable("wallclock_p90", "s", "P90 of the time to train", bound, Range.POSITIVE)
                .equation("wallclock_p90", "training.wallclock * exp(-log_low)", bound)
                .variable("mfu_p10", "1", "P10 of the MFU", bound, Range.NON_NEGATIVE)
                .equation("mfu_p10", "training.mfu * exp(log_low)", bound)
                .variable("mfu_p90", "1", "P90 of the MFU", bound, Range.NON_NEGATIVE)
                .equation("mfu_p90", "training.mfu * exp(log_high)", bound);
        s.headline("t_step_p10", "t_step_p90", "wallclock_p10", "wallclock_p90", "mfu_p10", "mfu_p90");
        return s;
    }

    /**
     * The widened log bounds of an interval, resolved through the graph (the one place the widening rule is
     * written).
     *
     * @param registry a graph holding this scope
     * @param interval the regime's interval
     * @param distance the distance from the nearest validated configuration, ≥ 0
     * @return {@code {log_low, log_high}}
     */
    public static double[] logBounds(Registry registry, Interval interval, double distance) {
        Map<String, Double> inputs = Map.of(NAME + ".resid_p10", interval.p10(), NAME + ".resid_p90", interval.p90(),
                NAME + ".distance", distance);
        Resolution r = new Resolver(registry).resolve(inputs, Map.of(), List.of(NAME + ".log_low", NAME + ".log_high"));
        return new double[] {r.value(NAME + ".log_low"), r.value(NAME + ".log_high")};
    }
}
