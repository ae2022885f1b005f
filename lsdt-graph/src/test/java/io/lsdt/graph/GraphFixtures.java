package io.lsdt.graph;

import io.lsdt.graph.model.Range;
import io.lsdt.graph.model.Reference;
import io.lsdt.graph.registry.Registry;
import io.lsdt.graph.registry.Scope;

/**
 * Small graphs shared by the tests. Values in comments are worked by hand; every test that uses a fixture restates
 * the arithmetic it checks.
 */
public final class GraphFixtures {
    private GraphFixtures() {}

    /** A reference for fixture relations. */
    public static final Reference REF = Reference.of("test fixture", Reference.Kind.DEFINITION);

    /** Kaplan et al. 2020, "Scaling Laws for Neural Language Models", §2.1: C ≈ 6·N·D. */
    public static final Reference KAPLAN = Reference.of("Scaling Laws for Neural Language Models",
            Reference.Kind.PAPER).at("§2.1");

    /**
     * A training-time chain in scope {@code fund}:
     *
     * <pre>
     * c_flop    = 6 [FLOP/(param·token)]            (constant)
     * F         = c_flop * P * Tok                  (FLOP)
     * R         = N * peak * mfu                    (FLOP/s)
     * T         = F / R                             (s, shown in d)
     * gpu_hours = N * T                             (s, shown in h; a leaf)
     * ck.deadline: T &lt;= T_max
     * </pre>
     *
     * Roots: P, Tok, peak, mfu, N, T_max. Headline: T.
     */
    public static Scope trainingScope() {
        return Scope.named("fund", "how long training takes")
                .variable("P", "param", "model parameters", REF, Range.POSITIVE)
                .variable("Tok", "token", "training tokens", REF, Range.POSITIVE)
                .variable("c_flop", "FLOP/(param·token)", "training FLOP per parameter per token", KAPLAN,
                        Range.POSITIVE)
                .variable("F", "FLOP", "total training FLOP", KAPLAN, Range.POSITIVE)
                .variable("peak", "TFLOP/s", "peak dense throughput per device", REF, Range.POSITIVE)
                .variable("mfu", "1", "model FLOP utilisation", REF, Range.FRACTION)
                .variable("N", "devices", "number of devices", REF, Range.AT_LEAST_ONE)
                .variable("R", "FLOP/s", "sustained cluster throughput", REF, Range.POSITIVE)
                .variable("T", "d", "wall-clock training time", REF, Range.POSITIVE)
                .variable("T_max", "d", "deadline", REF, Range.POSITIVE)
                .variable("gpu_hours", "h", "device time", REF, Range.POSITIVE)
                .equation("c_flop", "6 * [FLOP/(param·token)]", KAPLAN)
                .equation("F", "c_flop * P * Tok", KAPLAN)
                .equation("R", "N * peak * mfu", REF)
                .equation("T", "F / R", REF)
                .equation("gpu_hours", "N * T", REF)
                .constraint("deadline", "T <= T_max", "training does not finish by the deadline", REF)
                .headline("T");
    }

    /** @return {@link #trainingScope()} loaded alone */
    public static Registry training() {
        return Registry.builder().add(trainingScope()).build();
    }
}
