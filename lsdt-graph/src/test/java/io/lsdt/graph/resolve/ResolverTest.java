package io.lsdt.graph.resolve;

import static io.lsdt.graph.GraphFixtures.REF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.assertj.core.groups.Tuple.tuple;

import io.lsdt.graph.GraphFixtures;
import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.model.Range;
import io.lsdt.graph.registry.Registry;
import io.lsdt.graph.registry.Scope;
import io.lsdt.graph.unit.UnitFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResolverTest {
    private static final Registry TRAINING = GraphFixtures.training();

    /**
     * GPT-3 175B (Brown et al. 2020, Table 2.1: 175e9 parameters, 300e9 training tokens) on 1024 A100s (312 TFLOP/s
     * dense BF16, NVIDIA A100 datasheet) at 40 % MFU, deadline 30 d.
     */
    private static Map<String, Double> gpt3(double mfu) {
        Map<String, Double> a = new LinkedHashMap<>();
        a.put("fund.P", 175e9);
        a.put("fund.Tok", 300e9);
        a.put("fund.N", 1024.0);
        a.put("fund.peak", 312e12);
        a.put("fund.mfu", mfu);
        a.put("fund.T_max", 30 * 86_400.0);
        return a;
    }

    private static Resolution resolve(Registry r, Map<String, Double> a, Map<String, String> v, String... targets) {
        return new Resolver(r).resolve(a, v, List.of(targets));
    }

    @Test
    void valuesAndTraceOrderOnAChain() {
        Resolution res = resolve(TRAINING, gpt3(0.4), Map.of(), "fund.T");
        // F = 6 * 175e9 * 300e9 = 3.15e23 FLOP (GPT-3 paper, Table D.1, reports 3.14e23)
        assertThat(res.value("fund.F")).isCloseTo(3.15e23, withinPercentage(1e-12));
        // R = 1024 * 312e12 * 0.4 = 1.277952e17 FLOP/s
        assertThat(res.value("fund.R")).isCloseTo(1.277952e17, withinPercentage(1e-12));
        // T = 3.15e23 / 1.277952e17 = 2,464,881.31 s = 28.53 d
        assertThat(res.value("fund.T")).isCloseTo(2_464_881.31, withinPercentage(1e-6));
        assertThat(UnitFormat.format(res.value("fund.T"), TRAINING.variable("fund.T").unit())).isEqualTo("28.53 d");
        // depth first, inputs before the equation that reads them, in the order the expression names them
        assertThat(res.trace()).extracting(TraceStep::variable)
                .containsExactly("fund.c_flop", "fund.F", "fund.R", "fund.T");
        assertThat(res.trace().get(0).value()).isEqualTo(6.0);
        assertThat(res.trace().get(3).unit().symbol()).isEqualTo("d");
        assertThat(res.trace().get(3).equation().name()).isEqualTo("fund.eq.T");
        // the leaf gpu_hours was not asked for
        assertThat(res.has("fund.gpu_hours")).isFalse();
        assertThat(res.missing()).isEmpty();
        assertThat(res.targets()).containsExactly("fund.T");
        // T_max is not in the cone of T, but the deadline constraint reads it, so it counts as used
        assertThat(res.assignments().keySet()).containsExactly("fund.P", "fund.Tok", "fund.N", "fund.peak",
                "fund.mfu", "fund.T_max");
        assertThat(res.inputsFor("fund.T")).containsExactly("fund.P", "fund.Tok", "fund.N", "fund.peak",
                "fund.mfu");
        assertThat(res.selected().keySet()).containsExactly("fund.T", "fund.F", "fund.c_flop", "fund.R");
    }

    @Test
    void assignmentsOverrideEquations() {
        Map<String, Double> a = gpt3(0.4);
        // override F with a round 1e24 FLOP: T = 1e24 / 1.277952e17 = 7,825,020.03 s
        a.put("fund.F", 1e24);
        Resolution res = resolve(TRAINING, a, Map.of(), "fund.T");
        assertThat(res.value("fund.F")).isEqualTo(1e24);
        assertThat(res.value("fund.T")).isCloseTo(7_825_020.03, withinPercentage(1e-6));
        assertThat(res.trace()).extracting(TraceStep::variable).containsExactly("fund.R", "fund.T");
        // P and Tok are not needed any more, so they are not used assignments
        assertThat(res.assignments()).containsKey("fund.F").doesNotContainKeys("fund.P", "fund.Tok");
        assertThat(res.inputsFor("fund.T")).containsExactly("fund.N", "fund.peak", "fund.mfu", "fund.F");
    }

    @Test
    void missingRootsAreReportedByNameWithReason() {
        Map<String, Double> a = gpt3(0.4);
        a.remove("fund.Tok");
        a.remove("fund.mfu");
        Resolution res = resolve(TRAINING, a, Map.of(), "fund.T");
        assertThat(res.has("fund.T")).isFalse();
        assertThat(res.has("fund.F")).isFalse();
        assertThat(res.has("fund.c_flop")).isTrue();
        assertThat(res.missing()).containsExactly("fund.Tok", "fund.mfu");
        assertThat(res.unresolved()).containsExactly(
                new UnresolvedInput("fund.Tok", "root input assignment required"),
                new UnresolvedInput("fund.mfu", "root input assignment required"));
        assertThat(res.missingFor("fund.R")).containsExactly("fund.mfu");
        assertThat(res.missingFor("fund.F")).containsExactly("fund.Tok");
        LsdtException e = catchThrowableOfType(LsdtException.class, () -> res.value("fund.T"));
        assertThat(e.problem()).isEqualTo(Problem.UNRESOLVED);
        assertThat(e.getMessage()).startsWith("cannot resolve 'fund.T': missing [")
                .contains("fund.Tok", "fund.mfu");
        // only the equation whose inputs were all known fired
        assertThat(res.trace()).extracting(TraceStep::variable).containsExactly("fund.c_flop");
    }

    private static Registry variants() {
        Scope s = Scope.named("v", "variants")
                .variable("P", "param", "total parameters", REF, Range.POSITIVE)
                .variable("P_act", "param", "active parameters per token", REF, Range.POSITIVE)
                .variable("Tok", "token", "tokens", REF, Range.POSITIVE)
                .variable("F", "FLOP", "training FLOP", REF, Range.POSITIVE)
                .variant("F", "dense", "6 * [FLOP/(param·token)] * P * Tok", REF, null)
                .variant("F", "moe", "6 * [FLOP/(param·token)] * P_act * Tok", REF, "only active experts compute");
        return Registry.builder().add(s).build();
    }

    @Test
    void variantFamilyWithoutAChoiceNeedsASelector() {
        Resolution res = resolve(variants(), Map.of("v.P", 47e9, "v.P_act", 13e9, "v.Tok", 1e12), Map.of(), "v.F");
        assertThat(res.has("v.F")).isFalse();
        assertThat(res.unresolved()).containsExactly(new UnresolvedInput("v.F", "variant selector required"));
        assertThat(res.trace()).isEmpty();
    }

    @Test
    void choosingAVariantWorks() {
        // Mixtral 8x7B: 46.7e9 total, 12.9e9 active parameters (Jiang et al. 2024, §2); say 1e12 tokens
        Map<String, Double> a = Map.of("v.P", 46.7e9, "v.P_act", 12.9e9, "v.Tok", 1e12);
        Resolution moe = resolve(variants(), a, Map.of("v.F", "moe"), "v.F");
        // 6 * 12.9e9 * 1e12 = 7.74e22 FLOP
        assertThat(moe.value("v.F")).isCloseTo(7.74e22, withinPercentage(1e-12));
        assertThat(moe.trace()).singleElement().satisfies(s -> {
            assertThat(s.equation().variantKey()).isEqualTo("moe");
            assertThat(s.equation().note()).isEqualTo("only active experts compute");
        });
        Resolution dense = resolve(variants(), a, Map.of("v.F", "dense"), "v.F");
        // 6 * 46.7e9 * 1e12 = 2.802e23 FLOP
        assertThat(dense.value("v.F")).isCloseTo(2.802e23, withinPercentage(1e-12));
        assertThat(dense.selected().get("v.F").name()).isEqualTo("v.eq.F.dense");
    }

    @Test
    void badVariantChoicesThrow() {
        Resolver r = new Resolver(variants());
        LsdtException unknown = catchThrowableOfType(LsdtException.class,
                () -> r.resolve(Map.of(), Map.of("v.F", "sparse"), List.of("v.F")));
        assertThat(unknown.problem()).isEqualTo(Problem.UNKNOWN_VARIANT);
        assertThat(unknown.getMessage()).isEqualTo("variable 'v.F' has no variant 'sparse'; its variants are "
                + "[dense, moe]");
        LsdtException notFamily = catchThrowableOfType(LsdtException.class,
                () -> r.resolve(Map.of(), Map.of("v.P", "dense"), List.of("v.F")));
        assertThat(notFamily.problem()).isEqualTo(Problem.NOT_A_VARIANT_FAMILY);
        assertThat(notFamily.getMessage()).isEqualTo("variable 'v.P' has no variants; got a variant choice 'dense'");
        LsdtException noVariable = catchThrowableOfType(LsdtException.class,
                () -> r.resolve(Map.of(), Map.of("v.G", "dense"), List.of("v.F")));
        assertThat(noVariable.problem()).isEqualTo(Problem.UNKNOWN_VARIABLE);
        // a valid choice for a variable outside the cone is allowed, so presets compose
        assertThat(r.resolve(Map.of("v.P", 1.0), Map.of("v.F", "dense"), List.of("v.P")).value("v.P"))
                .isEqualTo(1.0);
    }

    @Test
    void unknownNamesInAssignmentsOrTargetsThrow() {
        Resolver r = new Resolver(TRAINING);
        assertThat(catchThrowableOfType(LsdtException.class,
                () -> r.resolve(Map.of("fund.Q", 1.0), Map.of(), List.of("fund.T"))).problem())
                .isEqualTo(Problem.UNKNOWN_VARIABLE);
        assertThat(catchThrowableOfType(LsdtException.class,
                () -> r.resolve(Map.of(), Map.of(), List.of("fund.TT"))).getMessage())
                .contains("Maybe you meant 'fund.T'");
    }

    @Test
    void constraintSatisfied() {
        // 28.53 d <= 30 d
        Resolution res = resolve(TRAINING, gpt3(0.4), Map.of(), "fund.T");
        assertThat(res.constraints()).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(ConstraintCheck.Status.SATISFIED);
            assertThat(c.left()).isCloseTo(2_464_881.31, withinPercentage(1e-6));
            assertThat(c.right()).isEqualTo(2_592_000.0);
            assertThat(c.missing()).isEmpty();
        });
        assertThat(res.violated()).isEmpty();
    }

    @Test
    void constraintViolated() {
        // at 30 % MFU: T = 3.15e23 / (1024 * 312e12 * 0.3) = 3,286,508 s = 38.04 d > 30 d
        Resolution res = resolve(TRAINING, gpt3(0.3), Map.of(), "fund.T");
        assertThat(res.violated()).singleElement().satisfies(c -> {
            assertThat(c.constraint().name()).isEqualTo("fund.ck.deadline");
            assertThat(c.left() / 86_400).isCloseTo(38.04, withinPercentage(0.01));
            assertThat(c.right()).isEqualTo(2_592_000.0);
        });
    }

    @Test
    void constraintUnknownWhenAnInputIsMissing() {
        Map<String, Double> a = gpt3(0.4);
        a.remove("fund.T_max");
        Resolution res = resolve(TRAINING, a, Map.of(), "fund.T");
        assertThat(res.constraints()).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(ConstraintCheck.Status.UNKNOWN);
            assertThat(c.missing()).containsExactly("fund.T_max");
            assertThat(c.left()).isNaN();
        });
        // a constraint that touches nothing resolved is not checked at all
        assertThat(resolve(TRAINING, Map.of("fund.P", 1.0), Map.of(), "fund.P").constraints()).isEmpty();
    }

    /** sin x ≈ x, valid for small angles (|x| ≤ 0.1 keeps the error below 0.17 %). */
    private static Registry smallAngle() {
        Scope s = Scope.named("a", "approximations")
                .variable("x", "1", "angle (rad)", REF, Range.ANY)
                .variable("y", "1", "sine of the angle", REF, Range.ANY)
                .approximation("y", "x", "x <= 0.1", REF);
        return Registry.builder().add(s).build();
    }

    @Test
    void approximationValidityIsChecked() {
        Resolution ok = resolve(smallAngle(), Map.of("a.x", 0.05), Map.of(), "a.y");
        assertThat(ok.value("a.y")).isEqualTo(0.05);
        assertThat(ok.approximations()).singleElement().satisfies(v -> {
            assertThat(v.status()).isEqualTo(ConstraintCheck.Status.SATISFIED);
            assertThat(v.equation().name()).isEqualTo("a.eq.y");
        });
        Resolution bad = resolve(smallAngle(), Map.of("a.x", 0.5), Map.of(), "a.y");
        // the value is still produced; the violation is reported: 0.5 > 0.1
        assertThat(bad.value("a.y")).isEqualTo(0.5);
        assertThat(bad.approximations()).singleElement().satisfies(v -> {
            assertThat(v.status()).isEqualTo(ConstraintCheck.Status.VIOLATED);
            assertThat(v.left()).isEqualTo(0.5);
            assertThat(v.right()).isEqualTo(0.1);
        });
    }

    @Test
    void approximationWhoseValidityReadsAnotherDerivedVariable() {
        // y ≈ u with u = 2x, valid while v = x + 1 stays <= 2; the validity input v is resolved after the value
        Scope s = Scope.named("a", "approximations")
                .variable("x", "1", "x", REF, Range.ANY)
                .variable("u", "1", "u", REF, Range.ANY)
                .variable("v", "1", "v", REF, Range.ANY)
                .variable("y", "1", "y", REF, Range.ANY)
                .equation("u", "2 * x", REF)
                .equation("v", "x + 1", REF)
                .approximation("y", "u", "v <= 2", REF);
        Registry r = Registry.builder().add(s).build();
        // x = 0.5: u = 1, y = 1, v = 1.5 <= 2
        Resolution res = resolve(r, Map.of("a.x", 0.5), Map.of(), "a.y");
        assertThat(res.value("a.y")).isEqualTo(1.0);
        assertThat(res.approximations()).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(ConstraintCheck.Status.SATISFIED);
            assertThat(c.left()).isEqualTo(1.5);
        });
        // v is not a value input of y
        assertThat(res.traceFor("a.y")).extracting(TraceStep::variable).containsExactly("a.u", "a.y");
        // x = 3: v = 4 > 2
        assertThat(resolve(r, Map.of("a.x", 3.0), Map.of(), "a.y").approximations().get(0).status())
                .isEqualTo(ConstraintCheck.Status.VIOLATED);
        // without x, the validity is unknown
        assertThat(resolve(r, Map.of("a.u", 1.0), Map.of(), "a.y").approximations().get(0).status())
                .isEqualTo(ConstraintCheck.Status.UNKNOWN);
    }

    @Test
    void approximationsReachedOnlyThroughAValidityConditionAreCheckedToo() {
        // y ≈ x valid while v <= 2; v ≈ 4x valid while x <= 0.1
        Scope s = Scope.named("a", "approximations")
                .variable("x", "1", "x", REF, Range.ANY)
                .variable("v", "1", "v", REF, Range.ANY)
                .variable("y", "1", "y", REF, Range.ANY)
                .approximation("y", "x", "v <= 2", REF)
                .approximation("v", "4 * x", "x <= 0.1", REF);
        Registry r = Registry.builder().add(s).build();
        // x = 0.4: y = 0.4; v = 1.6 <= 2 holds; x = 0.4 > 0.1 violates v's validity
        Resolution res = resolve(r, Map.of("a.x", 0.4), Map.of(), "a.y");
        assertThat(res.approximations()).extracting(c -> c.equation().name(), ValidityCheck::status)
                .containsExactly(
                        tuple("a.eq.y", ConstraintCheck.Status.SATISFIED),
                        tuple("a.eq.v", ConstraintCheck.Status.VIOLATED));
        assertThat(res.value("a.v")).isEqualTo(1.6);
    }

    @Test
    void identityWinsOverApproximationAcrossRelationNames() {
        // the identity is declared in another scope (dotted short name), so the relation names differ
        Scope inner = Scope.named("a.b", "inner")
                .variable("x", "1", "x", REF, Range.ANY)
                .variable("y", "1", "y", REF, Range.ANY)
                .approximation("y", "x", "x <= 0.1", REF);
        Scope outer = Scope.named("a", "outer").equation("b.y", "2 * b.x", REF);
        Registry r = Registry.builder().add(inner).add(outer).build();
        Resolution res = resolve(r, Map.of("a.b.x", 0.5), Map.of(), "a.b.y");
        assertThat(res.value("a.b.y")).isEqualTo(1.0);
        assertThat(res.approximations()).isEmpty();
    }

    @Test
    void traceForOnlyIncludesTheTargetsCone() {
        Resolution res = resolve(TRAINING, gpt3(0.4), Map.of(), "fund.T", "fund.gpu_hours");
        assertThat(res.trace()).extracting(TraceStep::variable)
                .containsExactly("fund.c_flop", "fund.F", "fund.R", "fund.T", "fund.gpu_hours");
        assertThat(res.traceFor("fund.R")).extracting(TraceStep::variable).containsExactly("fund.R");
        assertThat(res.traceFor("fund.F")).extracting(TraceStep::variable).containsExactly("fund.c_flop", "fund.F");
        assertThat(res.traceFor("fund.T")).extracting(TraceStep::variable)
                .containsExactly("fund.c_flop", "fund.F", "fund.R", "fund.T");
        assertThat(res.traceFor("fund.P")).isEmpty();
        assertThat(res.inputsFor("fund.R")).containsExactly("fund.N", "fund.peak", "fund.mfu");
        // gpu_hours = 1024 * 2,464,881.31 s = 2.524e9 s = 701,121.8 h
        assertThat(res.value("fund.gpu_hours") / 3600).isCloseTo(701_121.8, withinPercentage(1e-5));
    }
}
