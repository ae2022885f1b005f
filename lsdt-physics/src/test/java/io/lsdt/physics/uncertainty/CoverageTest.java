package io.lsdt.physics.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;

import io.lsdt.physics.design.Numerics;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoverageTest {
    @Test
    void countsTheResidualsInsideTheirRegimesIntervalByHand() {
        // against the toy table: megatron/65-1024/30B+ is −0.2 … 0.3 (own), megatron/1-8/0-3B takes the family's
        // −0.18 … 0.48, fsdp-zero/1-8/3-30B all runs' −0.25 … 0.55
        List<ValidatedRun> held = List.of(
                Toy.run("a", "X", "h100-sxm", Numerics.BF16, 512, Regime.Family.MEGATRON, 70e9, 8, 4, 0.3, 0.4, true),
                Toy.run("b", "X", "h100-sxm", Numerics.BF16, 512, Regime.Family.MEGATRON, 70e9, 8, 4, -0.21, 0.4,
                        true),
                Toy.run("c", "X", "h100-sxm", Numerics.BF16, 8, Regime.Family.MEGATRON, 1e9, 1, 1, 0.45, 0.4, true),
                Toy.run("d", "X", "h100-sxm", Numerics.BF16, 8, Regime.Family.MEGATRON, 1e9, 1, 1, -0.19, 0.4, true),
                Toy.run("e", "X", "a100-sxm-80gb", Numerics.BF16, 4, Regime.Family.FSDP_ZERO, 8e9, 1, 1, 0.55, 0.4,
                        true));
        // a: 0.3 ≤ 0.3 in; b: −0.21 < −0.2 out; c: 0.45 ≤ 0.48 in; d: −0.19 < −0.18 out; e: 0.55 ≤ 0.55 in
        Coverage c = Coverage.of(held, Toy.table());
        assertThat(c).isEqualTo(new Coverage(3, 5));
        assertThat(c.share()).isEqualTo(0.6);
        assertThat(c.plus(new Coverage(1, 5)).share()).isEqualTo(0.4);
        assertThat(new Coverage(0, 0).share()).isNaN();
    }
}
