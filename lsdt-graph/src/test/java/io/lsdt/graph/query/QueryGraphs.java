package io.lsdt.graph.query;

import static io.lsdt.graph.GraphFixtures.REF;

import io.lsdt.graph.model.Range;
import io.lsdt.graph.registry.Registry;
import io.lsdt.graph.registry.Scope;

/** Graphs for the query tests. */
final class QueryGraphs {
    private QueryGraphs() {}

    /**
     * Two root families that share descendants, a lone root and a variant family:
     *
     * <pre>
     * family d.hw:    hw.n, hw.peak, hw.mfu   -> R = hw.n * hw.peak * hw.mfu -> T
     * family d.model: model.P, model.tok      -> F = 6 [FLOP/(param·token)] * model.P * model.tok -> T
     * T = F / R;   Fpt = variant dense: 6 [..] * model.P  |  moe: 6 [..] * model.P_act
     * family d.cal:   cal.x (read by nothing)
     * </pre>
     */
    static Registry families() {
        Scope s = Scope.named("d", "root debt")
                .variable("hw.n", "devices", "devices", REF, Range.AT_LEAST_ONE)
                .variable("hw.peak", "FLOP/s", "peak", REF, Range.POSITIVE)
                .variable("hw.mfu", "1", "utilisation", REF, Range.FRACTION)
                .variable("model.P", "param", "parameters", REF, Range.POSITIVE)
                .variable("model.P_act", "param", "active parameters", REF, Range.POSITIVE)
                .variable("model.tok", "token", "tokens", REF, Range.POSITIVE)
                .variable("cal.x", "1", "an unused calibration input", null, Range.ANY)
                .variable("R", "FLOP/s", "throughput", REF, Range.POSITIVE)
                .variable("F", "FLOP", "work", REF, Range.POSITIVE)
                .variable("T", "s", "time", REF, Range.POSITIVE)
                .variable("Fpt", "FLOP/token", "FLOP per token", REF, Range.POSITIVE)
                .equation("R", "hw.n * hw.peak * hw.mfu", REF)
                .equation("F", "6 * [FLOP/(param·token)] * model.P * model.tok", REF)
                .equation("T", "F / R", REF)
                .variant("Fpt", "dense", "6 * [FLOP/(param·token)] * model.P", REF, null)
                .variant("Fpt", "moe", "6 * [FLOP/(param·token)] * model.P_act", REF, null)
                .constraint("fast", "T <= 1e9 * [s]", "too slow", REF)
                .headline("T");
        return Registry.builder().add(s).build();
    }
}
