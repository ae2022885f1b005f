package io.lsdt.graph.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.lsdt.graph.GraphFixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphStatsTest {
    @Test
    void countsTheTrainingGraph() {
        GraphStats s = GraphStats.of(GraphFixtures.training());
        assertThat(s.scopes()).isEqualTo(1);
        assertThat(s.variables()).isEqualTo(11);
        // c_flop, F, R, T, gpu_hours
        assertThat(s.equations()).isEqualTo(5);
        assertThat(s.identities()).isEqualTo(5);
        assertThat(s.variants()).isZero();
        assertThat(s.approximations()).isZero();
        assertThat(s.constraints()).isEqualTo(1);
        assertThat(s.relations()).isEqualTo(6);
        // c_flop = 6 [FLOP/(param·token)] reads no variable
        assertThat(s.constants()).isEqualTo(1);
        // P, Tok, peak, mfu, N, T_max
        assertThat(s.roots()).isEqualTo(6);
        // gpu_hours is read by nothing (T and T_max are read by the deadline constraint)
        assertThat(s.leaves()).isEqualTo(1);
        assertThat(s.variablesWithReference()).isEqualTo(11);
        assertThat(s.relationsWithReference()).isEqualTo(6);
        assertThat(s.byScope()).containsExactly(Map.entry("fund", 11));
    }

    @Test
    void countsVariantsAndMissingReferences() {
        GraphStats s = GraphStats.of(QueryGraphs.families());
        // R, F, T + two variants of Fpt
        assertThat(s.equations()).isEqualTo(5);
        assertThat(s.identities()).isEqualTo(3);
        assertThat(s.variants()).isEqualTo(2);
        assertThat(s.constraints()).isEqualTo(1);
        // hw.n, hw.peak, hw.mfu, model.P, model.P_act, model.tok, cal.x
        assertThat(s.roots()).isEqualTo(7);
        // cal.x and Fpt are read by nothing; T is read by the constraint
        assertThat(s.leaves()).isEqualTo(2);
        // cal.x has no reference
        assertThat(s.variablesWithReference()).isEqualTo(10);
        assertThat(s.constants()).isZero();
    }
}
