package io.lsdt.graph.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.model.Range;
import io.lsdt.graph.registry.Registry;
import io.lsdt.graph.registry.Scope;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The generated program and the restricted plan give exactly the closure tree's values. */
class BytecodeTest {
    private static Registry registry() {
        Scope s = Scope.named("t", "bytecode test");
        s.variable("a", "s", "a", null, Range.ANY)
                .variable("b", "s", "b", null, Range.ANY)
                .variable("c", "1", "c", null, Range.ANY)
                .variable("sq", "s^2", "square", null, Range.ANY)
                .equation("sq", "a^2 + b * b", null)
                .variable("mix", "s", "every function once", null, Range.ANY)
                .equation("mix", "max(a, b, -a) + min(a, 3 [s]) + abs(b) * ceil(c) + floor(c) * [s]"
                        + " + round(c) * [min] + log2(abs(c) + 1) * [h] - ln(abs(c) + 2) * [s] + log10(abs(c) + 3) * a"
                        + " + exp(c / 10) * b + sqrt(sq) + (a / b) ^ 3 * a - 2 ^ c * [s]", null)
                .variable("d", "1", "depends only on c", null, Range.ANY)
                .equation("d", "c * c + 1", null);
        return Registry.builder().add(s).build();
    }

    @Test
    void bytecodeEqualsClosureTreeBitForBit() {
        Registry r = registry();
        CompiledPlan plan = CompiledPlan.compile(r, List.of("t.a", "t.b", "t.c"), List.of("t.mix", "t.d"), Map.of());
        SlotProgram program = plan.bytecode();
        SplittableRandom random = new SplittableRandom(20261121L);
        for (int i = 0; i < 2000; i++) {
            double[] s1 = plan.newSlots();
            s1[plan.slot("t.a")] = random.nextDouble(-100, 100);
            s1[plan.slot("t.b")] = random.nextDouble(0.1, 100);
            s1[plan.slot("t.c")] = random.nextDouble(-20, 20);
            double[] s2 = s1.clone();
            plan.evaluate(s1);
            program.run(s2);
            for (int k = 0; k < s1.length; k++) {
                assertThat(Double.doubleToRawLongBits(s2[k])).as("slot %d", k)
                        .isEqualTo(Double.doubleToRawLongBits(s1[k]));
            }
        }
    }

    @Test
    void restrictedPlanReevaluatesOnlyWhatDependsOnTheVaryingInputs() {
        Registry r = registry();
        CompiledPlan plan = CompiledPlan.compile(r, List.of("t.a", "t.b", "t.c"), List.of("t.mix", "t.d"), Map.of());
        CompiledPlan onlyA = plan.restrictTo(List.of("t.a"));
        // t.d depends on c only; t.sq and t.mix depend on a
        assertThat(onlyA.computed()).containsExactly("t.sq", "t.mix");
        double[] s = plan.newSlots();
        s[plan.slot("t.a")] = 2;
        s[plan.slot("t.b")] = 3;
        s[plan.slot("t.c")] = 0.5;
        plan.evaluate(s);
        double d = s[plan.slot("t.d")];
        s[plan.slot("t.a")] = 5;
        onlyA.bytecode().run(s);
        double[] fresh = plan.newSlots();
        fresh[plan.slot("t.a")] = 5;
        fresh[plan.slot("t.b")] = 3;
        fresh[plan.slot("t.c")] = 0.5;
        plan.evaluate(fresh);
        assertThat(s).containsExactly(fresh);
        assertThat(s[plan.slot("t.d")]).isEqualTo(d).isEqualTo(1.25); // 0.5 × 0.5 + 1
        assertThat(s[plan.slot("t.sq")]).isEqualTo(34.0); // 5² + 3·3
    }

    @Test
    void restrictingToANonInputIsRefused() {
        CompiledPlan plan = CompiledPlan.compile(registry(), List.of("t.a", "t.b", "t.c"), List.of("t.d"), Map.of());
        assertThatThrownBy(() -> plan.restrictTo(List.of("t.d"))).isInstanceOf(LsdtException.class)
                .hasMessageContaining("t.d");
    }
}
