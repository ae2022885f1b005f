package io.lsdt.graph.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lsdt.graph.GraphFixtures;
import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.registry.Registry;
import org.junit.jupiter.api.Test;

class ConesTest {
    private static final Registry TRAINING = GraphFixtures.training();

    @Test
    void upstreamConeInBreadthFirstOrder() {
        // T <- F, R; F <- c_flop, P, Tok; R <- N, peak, mfu
        assertThat(Cones.cone(TRAINING, "fund.T", Cones.Direction.UP)).containsExactly("fund.T", "fund.F", "fund.R",
                "fund.c_flop", "fund.P", "fund.Tok", "fund.N", "fund.peak", "fund.mfu");
        assertThat(Cones.cone(TRAINING, "fund.P", Cones.Direction.UP)).containsExactly("fund.P");
    }

    @Test
    void downstreamConeFollowsEquationsNotConstraints() {
        // N -> R, gpu_hours; R -> T; T -> gpu_hours (already seen) and the deadline constraint (not followed)
        assertThat(Cones.cone(TRAINING, "fund.N", Cones.Direction.DOWN))
                .containsExactly("fund.N", "fund.R", "fund.gpu_hours", "fund.T");
        // T_max is read only by a constraint
        assertThat(Cones.cone(TRAINING, "fund.T_max", Cones.Direction.DOWN)).containsExactly("fund.T_max");
    }

    @Test
    void everyVariantIsFollowed() {
        Registry r = QueryGraphs.families();
        assertThat(Cones.cone(r, "d.Fpt", Cones.Direction.UP)).containsExactly("d.Fpt", "d.model.P", "d.model.P_act");
        assertThat(Cones.cone(r, "d.model.P", Cones.Direction.DOWN)).containsExactly("d.model.P", "d.F", "d.Fpt",
                "d.T");
    }

    @Test
    void equationsUpstream() {
        assertThat(Cones.equationsUpstream(TRAINING, "fund.T")).containsExactlyInAnyOrder("fund.eq.T", "fund.eq.F",
                "fund.eq.R", "fund.eq.c_flop");
        assertThat(Cones.equationsUpstream(QueryGraphs.families(), "d.Fpt"))
                .containsExactly("d.eq.Fpt.dense", "d.eq.Fpt.moe");
    }

    @Test
    void unknownStart() {
        LsdtException e = catchThrowableOfType(LsdtException.class,
                () -> Cones.cone(TRAINING, "fund.X", Cones.Direction.UP));
        assertThat(e.problem()).isEqualTo(Problem.UNKNOWN_VARIABLE);
    }
}
