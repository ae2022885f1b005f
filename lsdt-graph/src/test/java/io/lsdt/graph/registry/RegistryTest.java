package io.lsdt.graph.registry;

import static io.lsdt.graph.GraphFixtures.REF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lsdt.graph.GraphFixtures;
import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.model.Range;
import org.junit.jupiter.api.Test;

class RegistryTest {
    private final Registry registry = GraphFixtures.training();

    @Test
    void unknownVariableSuggestsTheClosestName() {
        LsdtException e = catchThrowableOfType(LsdtException.class, () -> registry.variable("fund.Tokk"));
        assertThat(e.problem()).isEqualTo(Problem.UNKNOWN_VARIABLE);
        assertThat(e.getMessage()).startsWith("unknown variable 'fund.Tokk'");
        assertThat(e.getMessage()).contains("Maybe you meant 'fund.Tok'");
    }

    @Test
    void findByShortNameWhenUnique() {
        assertThat(registry.find("fund.T").name()).isEqualTo("fund.T");
        assertThat(registry.find("gpu_hours").name()).isEqualTo("fund.gpu_hours");
        Scope other = Scope.named("other", "o").variable("T", "s", "another T", REF, Range.ANY);
        Registry two = Registry.builder().add(GraphFixtures.trainingScope()).add(other).build();
        LsdtException e = catchThrowableOfType(LsdtException.class, () -> two.find("T"));
        assertThat(e.getMessage()).isEqualTo("unknown variable 'T' (it is ambiguous: fund.T, other.T)");
        LsdtException none = catchThrowableOfType(LsdtException.class, () -> two.find("mfuu"));
        assertThat(none.getMessage()).contains("Maybe you meant 'mfu'");
    }

    @Test
    void variantKeysInDeclarationOrder() {
        Scope s = Scope.named("s", "v")
                .variable("P", "param", "params", REF, Range.POSITIVE)
                .variable("P_act", "param", "active params", REF, Range.POSITIVE)
                .variable("Fpt", "FLOP/token", "FLOP per token", REF, Range.POSITIVE)
                .variant("Fpt", "dense", "6 * [FLOP/(param·token)] * P", REF, null)
                .variant("Fpt", "moe", "6 * [FLOP/(param·token)] * P_act", REF, null);
        Registry r = Registry.builder().add(s).build();
        assertThat(r.variantKeys("s.Fpt")).containsExactly("dense", "moe");
        assertThat(r.variantKeys("s.P")).isEmpty();
        assertThat(r.definitions("s.Fpt")).extracting(e -> e.name()).containsExactly("s.eq.Fpt.dense",
                "s.eq.Fpt.moe");
    }
}
