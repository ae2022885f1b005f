package io.lsdt.graph.query;

import static io.lsdt.graph.GraphFixtures.REF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.lsdt.graph.GraphFixtures;
import io.lsdt.graph.model.Range;
import io.lsdt.graph.registry.Registry;
import io.lsdt.graph.registry.Scope;
import java.util.List;
import org.junit.jupiter.api.Test;

class RootDebtTest {
    @Test
    void rowsHeaviestFirstThenByName() {
        // each of N, P, Tok, mfu, peak reaches 3 variables: P -> F, T, gpu_hours; N -> R, T, gpu_hours; …
        // T_max reaches none (only a constraint reads it); c_flop is a constant, not a root
        List<RootDebt.Row> rows = RootDebt.rows(GraphFixtures.training());
        assertThat(rows).extracting(RootDebt.Row::name, RootDebt.Row::dependents).containsExactly(
                tuple("fund.N", 3),
                tuple("fund.P", 3),
                tuple("fund.Tok", 3),
                tuple("fund.mfu", 3),
                tuple("fund.peak", 3),
                tuple("fund.T_max", 0));
        assertThat(rows.get(0).unit()).isEqualTo("devices");
        assertThat(rows.get(0).description()).isEqualTo("number of devices");
    }

    @Test
    void familyWeightCountsEachDescendantOnce() {
        // the six roots of fund reach 3 + 3 + 3 + 3 + 3 + 0 = 15 descendants with repeats, but only four distinct
        // ones: F, R, T, gpu_hours
        assertThat(RootDebt.families(GraphFixtures.training())).singleElement().satisfies(f -> {
            assertThat(f.family()).isEqualTo("fund");
            assertThat(f.weight()).isEqualTo(4);
            assertThat(f.roots()).isEqualTo(6);
            assertThat(f.top()).containsExactly("fund.N", "fund.P", "fund.Tok", "fund.mfu");
        });
    }

    @Test
    void familiesWithSharedDescendants() {
        Registry r = QueryGraphs.families();
        // rows: hw.n, hw.peak, hw.mfu -> R, T (2 each); model.P -> F, T, Fpt (3); model.tok -> F, T (2);
        // model.P_act -> Fpt (1); cal.x -> nothing (0)
        assertThat(RootDebt.rows(r)).extracting(RootDebt.Row::name, RootDebt.Row::dependents).containsExactly(
                tuple("d.model.P", 3),
                tuple("d.hw.mfu", 2),
                tuple("d.hw.n", 2),
                tuple("d.hw.peak", 2),
                tuple("d.model.tok", 2),
                tuple("d.model.P_act", 1),
                tuple("d.cal.x", 0));
        // d.model: {F, T, Fpt} ∪ {F, T} ∪ {Fpt} = 3 (not 3 + 2 + 1 = 6)
        // d.hw:    {R, T} three times = 2 (not 6)
        // d.cal:   0
        assertThat(RootDebt.families(r)).extracting(RootDebt.Family::family, RootDebt.Family::weight,
                RootDebt.Family::roots).containsExactly(
                tuple("d.model", 3, 3),
                tuple("d.hw", 2, 3),
                tuple("d.cal", 0, 1));
        assertThat(RootDebt.families(r).get(0).top()).containsExactly("d.model.P", "d.model.tok", "d.model.P_act");
    }

    @Test
    void equalWeightsSortByMoreRootsThenName() {
        // heavier family first even with fewer roots
        Scope s = Scope.named("e", "ties")
                .variable("b.x", "1", "x", REF, Range.ANY)
                .variable("a.y", "1", "y", REF, Range.ANY)
                .variable("a.z", "1", "z", REF, Range.ANY)
                .variable("u", "1", "u", REF, Range.ANY)
                .variable("v", "1", "v", REF, Range.ANY)
                .variable("w", "1", "w", REF, Range.ANY)
                .equation("u", "b.x + 1", REF)
                .equation("v", "u * 2", REF)
                .equation("w", "a.y + a.z", REF);
        Registry r = Registry.builder().add(s).build();
        // b.x -> u, v (weight 2, 1 root); a.y, a.z -> w (weight 1, 2 roots)
        assertThat(RootDebt.families(r)).extracting(RootDebt.Family::family).containsExactly("e.b", "e.a");
        Scope t = Scope.named("f", "ties")
                .variable("b.x", "1", "x", REF, Range.ANY)
                .variable("c.x", "1", "x", REF, Range.ANY)
                .variable("a.y", "1", "y", REF, Range.ANY)
                .variable("a.z", "1", "z", REF, Range.ANY)
                .variable("u", "1", "u", REF, Range.ANY)
                .variable("w", "1", "w", REF, Range.ANY)
                .variable("k", "1", "k", REF, Range.ANY)
                .equation("u", "b.x + 1", REF)
                .equation("k", "c.x + 1", REF)
                .equation("w", "a.y + a.z", REF);
        // all weight 1: f.a has 2 roots and comes first; then f.b before f.c by name
        assertThat(RootDebt.families(Registry.builder().add(t).build())).extracting(RootDebt.Family::family)
                .containsExactly("f.a", "f.b", "f.c");
    }
}
