package io.lsdt.physics.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lsdt.physics.design.Numerics;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntervalsTest {
    private static final Intervals TABLE = Toy.table();

    @Test
    void entriesAreAllThenFamiliesThenRegimesWithTheirPooling() {
        assertThat(TABLE.regimes().keySet()).containsExactly("all", "megatron", "fsdp-zero", "megatron/1-8/0-3B",
                "megatron/65-1024/30B+", "fsdp-zero/1-8/3-30B");
        assertThat(TABLE.regimes().get("megatron/65-1024/30B+").uses()).isEqualTo("megatron/65-1024/30B+");
        assertThat(TABLE.regimes().get("megatron/1-8/0-3B").uses()).isEqualTo("megatron");
        assertThat(TABLE.regimes().get("fsdp-zero/1-8/3-30B").uses()).isEqualTo("all");
        assertThat(TABLE.regimes().get("fsdp-zero").uses()).isEqualTo("all");
        assertThat(TABLE.regimes().get("fsdp-zero").sources()).containsExactly("Source C");
        assertThat(TABLE.regimes().get("all").sources()).containsExactly("Source A", "Source B", "Source C");
    }

    @Test
    void aRegimeWithNineRunsUsesItsOwnRange() {
        Interval i = TABLE.interval(Regime.parse("megatron/65-1024/30B+"));
        assertThat(i.used()).isEqualTo("megatron/65-1024/30B+");
        assertThat(i.pooled()).isFalse();
        assertThat(i.rows()).isEqualTo(9);
        assertThat(i.p10()).isEqualTo(-0.2);
        assertThat(i.p90()).isEqualTo(0.3);
    }

    @Test
    void aSmallRegimeFallsBackToItsFamilyThenToAllRuns() {
        Interval small = TABLE.interval(Regime.parse("megatron/1-8/0-3B"));
        assertThat(small.used()).isEqualTo("megatron");
        assertThat(small.pooled()).isTrue();
        assertThat(small.rows()).isEqualTo(11);
        assertThat(small.p10()).isCloseTo(-0.18, within(1e-12));
        assertThat(small.p90()).isCloseTo(0.48, within(1e-12));
        Interval fsdp = TABLE.interval(Regime.parse("fsdp-zero/1-8/3-30B"));
        assertThat(fsdp.used()).isEqualTo("all");
        assertThat(fsdp.rows()).isEqualTo(14);
        assertThat(fsdp.p10()).isCloseTo(-0.25, within(1e-12));
        assertThat(fsdp.p90()).isCloseTo(0.55, within(1e-12));
        // regimes without runs: the family's when it has enough, else all runs'
        assertThat(TABLE.interval(Regime.parse("megatron/9-64/3-30B")).used()).isEqualTo("megatron");
        assertThat(TABLE.interval(Regime.parse("other/1025+/30B+")).used()).isEqualTo("all");
    }

    @Test
    void boundsOfRatesAndTheResidualsInside() {
        Interval i = TABLE.interval(Regime.parse("megatron/65-1024/30B+"));
        assertThat(i.rateLow(100)).isCloseTo(100 * Math.exp(-0.2), within(1e-12));
        assertThat(i.rateHigh(100)).isCloseTo(100 * Math.exp(0.3), within(1e-12));
        assertThat(i.contains(-0.2)).isTrue();
        assertThat(i.contains(0.3)).isTrue();
        assertThat(i.contains(0.31)).isFalse();
    }

    @Test
    void theBestMeasuredMfuSkipsRunsThatAreNotCredible() {
        // on 8 H100s the adapter run's 0.70 is not credible: the best is s1's 0.31
        BestMeasured one = TABLE.bestMeasured("h100-sxm", Numerics.BF16, 8);
        assertThat(one.runId()).isEqualTo("s1");
        assertThat(one.mfu()).isEqualTo(0.31);
        assertThat(one.scale()).isEqualTo(Regime.Scale.UP_TO_8);
        assertThat(TABLE.bestMeasured("h100-sxm", Numerics.BF16, 512).runId()).isEqualTo("m8");
        // 64 devices: no run in 9–64; 1–8 and 65–1024 are one band away each, and the tie goes to the larger band
        assertThat(TABLE.bestMeasured("h100-sxm", Numerics.BF16, 64).runId()).isEqualTo("m8");
        // 4096 devices: the nearest band with runs is 65–1024
        assertThat(TABLE.bestMeasured("h100-sxm", Numerics.BF16, 4096).scale()).isEqualTo(Regime.Scale.UP_TO_1024);
        // FP16 shares the 16-bit class; FP8 and other devices have no run
        assertThat(TABLE.bestMeasured("h100-sxm", Numerics.FP16, 8).runId()).isEqualTo("s1");
        assertThat(TABLE.bestMeasured("h100-sxm", Numerics.FP8, 8)).isNull();
        assertThat(TABLE.bestMeasured("b200", Numerics.BF16, 8)).isNull();
    }

    @Test
    void nearestRunsAreSortedByDistanceThenFileOrder() {
        Configuration q = new Configuration("h100-sxm", Numerics.BF16, 512, Regime.Family.MEGATRON, 70e9, 8, 4, 1, 1);
        List<NearestRun> near = TABLE.nearest(q, 3);
        assertThat(near).extracting(n -> n.run().runId()).containsExactly("m0", "m1", "m2");
        assertThat(near).extracting(NearestRun::distance).containsOnly(0.0);
        // 8 H100s, 1.3 B, TP 1 PP 1: s0 and s1 at 0, then the adapter run (another family: 1; log10(8/1.3) = 0.789)
        Configuration small = new Configuration("h100-sxm", Numerics.BF16, 8, Regime.Family.MEGATRON, 1.3e9, 1, 1, 1,
                1);
        List<NearestRun> n2 = TABLE.nearest(small, 3);
        assertThat(n2).extracting(n -> n.run().runId()).containsExactly("s0", "s1", "lora");
        assertThat(n2.get(2).distance()).isCloseTo(1 + Math.log10(8 / 1.3), within(1e-12));
    }
}
