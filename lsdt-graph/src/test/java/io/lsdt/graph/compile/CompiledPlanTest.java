package io.lsdt.graph.compile;

import static io.lsdt.graph.GraphFixtures.REF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.lsdt.graph.GraphFixtures;
import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.model.Range;
import io.lsdt.graph.registry.Registry;
import io.lsdt.graph.registry.Scope;
import io.lsdt.graph.resolve.Resolution;
import io.lsdt.graph.resolve.Resolver;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CompiledPlanTest {
    private static final List<String> INPUTS = List.of("c.P", "c.P_act", "c.Tok", "c.N", "c.peak", "c.mfu", "c.mem",
            "c.bw", "c.k", "c.x");
    private static final List<String> TARGETS = List.of("c.T", "c.t_step", "c.nodes", "c.mix", "c.pw", "c.poly",
            "c.sq", "c.hours", "c.Fpt", "c.y");

    /** Every operator, function, a unit literal, a constant, a variant family and an approximation. */
    private static Registry mixed() {
        Scope s = Scope.named("c", "compiled")
                .variable("P", "param", "parameters", REF, Range.POSITIVE)
                .variable("P_act", "param", "active parameters", REF, Range.POSITIVE)
                .variable("Tok", "token", "tokens", REF, Range.POSITIVE)
                .variable("N", "devices", "devices", REF, Range.AT_LEAST_ONE)
                .variable("peak", "TFLOP/s", "peak", REF, Range.POSITIVE)
                .variable("mfu", "1", "utilisation", REF, Range.FRACTION)
                .variable("mem", "GiB", "memory moved per step", REF, Range.POSITIVE)
                .variable("bw", "GB/s", "memory bandwidth", REF, Range.POSITIVE)
                .variable("k", "1", "an exponent, sometimes exactly 2", REF, Range.ANY)
                .variable("x", "1", "a signed number", REF, Range.ANY)
                .variable("c_flop", "FLOP/(param·token)", "FLOP per parameter per token", REF, Range.POSITIVE)
                .variable("F", "FLOP", "training FLOP", REF, Range.POSITIVE)
                .variable("R", "FLOP/s", "throughput", REF, Range.POSITIVE)
                .variable("T", "d", "training time", REF, Range.POSITIVE)
                .variable("t_mem", "s", "memory time", REF, Range.POSITIVE)
                .variable("t_step", "s", "step time", REF, Range.POSITIVE)
                .variable("nodes", "nodes", "8-device nodes", REF, Range.POSITIVE)
                .variable("mix", "1", "every dimensionless function", REF, Range.ANY)
                .variable("pw", "1", "x to a variable power", REF, Range.ANY)
                .variable("poly", "1", "polynomial", REF, Range.ANY)
                .variable("sq", "GiB", "sqrt of a square", REF, Range.POSITIVE)
                .variable("hours", "1", "training time in hours", REF, Range.POSITIVE)
                .variable("Fpt", "FLOP/token", "FLOP per token", REF, Range.POSITIVE)
                .variable("y", "1", "small-angle sine", REF, Range.ANY)
                .equation("c_flop", "6 * [FLOP/(param·token)]", REF)
                .equation("F", "c_flop * P * Tok", REF)
                .equation("R", "N * peak * mfu", REF)
                .equation("T", "F / R", REF)
                .equation("t_mem", "mem / bw", REF)
                .equation("t_step", "max(T / 1000, t_mem, [ms])", REF)
                .equation("nodes", "ceil(N / 8)", REF)
                .equation("mix", "log2(N) + ln(mfu) + exp(-mfu) + round(x) + abs(-x) + floor(x) + log10(N) - sqrt(mfu)",
                        REF)
                .equation("pw", "abs(x) ^ k", REF)
                .equation("poly", "(x + 1)^2 - x^3 + min(x, mfu, 0.5) - -x * 2 / (1 + x^2)", REF)
                .equation("sq", "sqrt(mem * mem)", REF)
                .equation("hours", "T / [h]", REF)
                .variant("Fpt", "dense", "c_flop * P", REF, null)
                .variant("Fpt", "moe", "c_flop * P_act", REF, null)
                .approximation("y", "x", "abs(x) <= 0.1", REF);
        return Registry.builder().add(s).build();
    }

    @Test
    void evaluatesTheTrainingChain() {
        Registry r = GraphFixtures.training();
        CompiledPlan plan = CompiledPlan.compile(r, List.of("fund.P", "fund.Tok", "fund.N", "fund.peak", "fund.mfu"),
                List.of("fund.T"), Map.of());
        assertThat(plan.inputs()).containsExactly("fund.P", "fund.Tok", "fund.N", "fund.peak", "fund.mfu");
        assertThat(plan.computed()).containsExactly("fund.c_flop", "fund.F", "fund.R", "fund.T");
        assertThat(plan.size()).isEqualTo(4);
        double[] s = plan.newSlots();
        assertThat(s).hasSize(9);
        s[plan.slot("fund.P")] = 175e9;
        s[plan.slot("fund.Tok")] = 300e9;
        s[plan.slot("fund.N")] = 1024;
        s[plan.slot("fund.peak")] = 312e12;
        s[plan.slot("fund.mfu")] = 0.4;
        plan.evaluate(s);
        // GPT-3 on 1024 A100 at 40 % MFU: 3.15e23 / 1.277952e17 = 2,464,881.31 s
        assertThat(s[plan.slot("fund.T")]).isCloseTo(2_464_881.31, withinPercentage(1e-6));
        // a slot array can be reused: 2048 devices halve the time
        s[plan.slot("fund.N")] = 2048;
        plan.evaluate(s);
        assertThat(s[plan.slot("fund.T")]).isCloseTo(1_232_440.65, withinPercentage(1e-6));
        LsdtException e = catchThrowableOfType(LsdtException.class, () -> plan.slot("fund.gpu_hours"));
        assertThat(e.problem()).isEqualTo(Problem.UNKNOWN_VARIABLE);
        assertThat(e.getMessage()).isEqualTo("unknown variable 'fund.gpu_hours' (not in this compiled plan)");
    }

    @Test
    void inputsOverrideEquations() {
        Registry r = GraphFixtures.training();
        CompiledPlan plan = CompiledPlan.compile(r, List.of("fund.F", "fund.N", "fund.peak", "fund.mfu"),
                List.of("fund.T"), Map.of());
        assertThat(plan.computed()).containsExactly("fund.R", "fund.T");
    }

    @Test
    void anInputListedTwiceKeepsOneSlot() {
        Registry r = GraphFixtures.training();
        CompiledPlan plan = CompiledPlan.compile(r, List.of("fund.F", "fund.N", "fund.F", "fund.peak", "fund.mfu"),
                List.of("fund.T"), Map.of());
        // 4 distinct inputs + R and T
        assertThat(plan.newSlots()).hasSize(6);
        assertThat(plan.inputs()).containsExactly("fund.F", "fund.N", "fund.peak", "fund.mfu");
        double[] s = plan.newSlots();
        s[plan.slot("fund.F")] = 3.15e23;
        s[plan.slot("fund.N")] = 1024;
        s[plan.slot("fund.peak")] = 312e12;
        s[plan.slot("fund.mfu")] = 0.4;
        plan.evaluate(s);
        // computed values must not land in an input's slot: F stays 3.15e23, T = 2,464,881.31 s
        assertThat(s[plan.slot("fund.F")]).isEqualTo(3.15e23);
        assertThat(s[plan.slot("fund.T")]).isCloseTo(2_464_881.31, withinPercentage(1e-6));
    }

    @Test
    void missingInputIsUnresolved() {
        Registry r = GraphFixtures.training();
        LsdtException e = catchThrowableOfType(LsdtException.class, () -> CompiledPlan.compile(r,
                List.of("fund.P", "fund.N", "fund.peak", "fund.mfu"), List.of("fund.T"), Map.of()));
        assertThat(e.problem()).isEqualTo(Problem.UNRESOLVED);
        assertThat(e.getMessage()).isEqualTo("cannot resolve 'fund.T': missing fund.Tok (root input assignment "
                + "required)");
        LsdtException v = catchThrowableOfType(LsdtException.class,
                () -> CompiledPlan.compile(mixed(), INPUTS, List.of("c.Fpt"), Map.of()));
        assertThat(v.getMessage()).isEqualTo("cannot resolve 'c.Fpt': missing c.Fpt (variant selector required)");
        LsdtException badKey = catchThrowableOfType(LsdtException.class,
                () -> CompiledPlan.compile(mixed(), INPUTS, List.of("c.Fpt"), Map.of("c.Fpt", "sparse")));
        assertThat(badKey.problem()).isEqualTo(Problem.UNKNOWN_VARIANT);
    }

    /**
     * Property: on 1,000 seeded random input sets, every variable the plan computes equals, bit for bit, the value
     * the resolver gives on the same graph with the same inputs and variant choices.
     */
    @Test
    void seededPlanMatchesResolverBitForBit() {
        Registry r = mixed();
        SplittableRandom rnd = new SplittableRandom(1_000L);
        Map<String, CompiledPlan> plans = Map.of(
                "dense", CompiledPlan.compile(r, INPUTS, TARGETS, Map.of("c.Fpt", "dense")),
                "moe", CompiledPlan.compile(r, INPUTS, TARGETS, Map.of("c.Fpt", "moe")));
        Resolver resolver = new Resolver(r);
        for (int i = 0; i < 1_000; i++) {
            String variant = rnd.nextBoolean() ? "dense" : "moe";
            CompiledPlan plan = plans.get(variant);
            Map<String, Double> in = new LinkedHashMap<>();
            in.put("c.P", Math.floor(rnd.nextDouble(1e8, 1e12)));
            in.put("c.P_act", in.get("c.P") * rnd.nextDouble(0.05, 1));
            in.put("c.Tok", rnd.nextDouble(1e9, 2e13));
            in.put("c.N", (double) rnd.nextInt(1, 65_537));
            in.put("c.peak", rnd.nextDouble(1e13, 2.5e15));
            in.put("c.mfu", 1 - rnd.nextDouble());
            in.put("c.mem", rnd.nextDouble(1, 80) * (1L << 30));
            in.put("c.bw", rnd.nextDouble(1e11, 8e12));
            in.put("c.k", rnd.nextInt(3) == 0 ? 2.0 : rnd.nextDouble(-3, 3));
            in.put("c.x", rnd.nextDouble(-3, 3));
            double[] slots = plan.newSlots();
            for (String name : INPUTS) {
                slots[plan.slot(name)] = in.get(name);
            }
            plan.evaluate(slots);
            Resolution res = resolver.resolve(in, Map.of("c.Fpt", variant), TARGETS);
            assertThat(res.missing()).isEmpty();
            for (String v : plan.computed()) {
                double want = res.value(v);
                double got = slots[plan.slot(v)];
                assertThat(Double.doubleToRawLongBits(got)).as("set %d, %s: plan %s, resolver %s", i, v, got, want)
                        .isEqualTo(Double.doubleToRawLongBits(want));
            }
            assertThat(plan.computed()).containsAll(TARGETS);
        }
    }
}
