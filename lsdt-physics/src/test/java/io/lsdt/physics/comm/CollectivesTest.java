package io.lsdt.physics.comm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.lsdt.graph.error.LsdtException;
import org.junit.jupiter.api.Test;

/**
 * The {@code comm} scope's ring α–β times against hand calculations (Thakur, Rabenseifner and Gropp 2005 §2;
 * Patarasuk and Yuan 2009): one micro-batch of 2048 tokens × hidden 6144 in 16-bit, S = 25,165,824 B, over
 * 8 GPUs on a 400 GB/s link at 80 % with 5 µs per step.
 */
class CollectivesTest {
    private static final Collectives C = io.lsdt.physics.Physics.collectives();
    private static final double S = 2048.0 * 6144 * 2;

    @Test
    void ringAllReduceMovesTwiceTheShareOfTheOthers() {
        // 2 · 7/8 · S / (0.8 · 4e11) + 2 · 7 · 5e-6 = 1.376256e-4 + 7e-5
        assertThat(C.time(Collectives.Kind.ALL_REDUCE, 8, S, 4e11, 0.8, 5e-6)).isCloseTo(2.076256e-4,
                within(1e-12));
    }

    @Test
    void allGatherAndReduceScatterMoveOnce() {
        // 7/8 · S / 3.2e11 + 7 · 5e-6 = 6.88128e-5 + 3.5e-5
        assertThat(C.time(Collectives.Kind.ALL_GATHER, 8, S, 4e11, 0.8, 5e-6)).isCloseTo(1.038128e-4, within(1e-12));
        assertThat(C.time(Collectives.Kind.REDUCE_SCATTER, 8, S, 4e11, 0.8, 5e-6))
                .isEqualTo(C.time(Collectives.Kind.ALL_GATHER, 8, S, 4e11, 0.8, 5e-6));
    }

    @Test
    void pointToPointIsOneTransferAndOneLatency() {
        // S / 3.2e11 + 5e-6 = 7.86432e-5 + 5e-6
        assertThat(C.time(Collectives.Kind.P2P, 2, S, 4e11, 0.8, 5e-6)).isCloseTo(8.36432e-5, within(1e-12));
    }

    @Test
    void aGroupOfOneCostsNothingAndBadArgumentsAreNamed() {
        assertThat(C.time(Collectives.Kind.ALL_REDUCE, 1, S, 4e11, 0.8, 5e-6)).isZero();
        assertThatThrownBy(() -> C.time(Collectives.Kind.ALL_REDUCE, 0, S, 4e11, 0.8, 0))
                .isInstanceOf(LsdtException.class).hasMessageContaining("comm.n = 0");
        assertThatThrownBy(() -> C.time(Collectives.Kind.P2P, 2, S, 0, 0.8, 0))
                .hasMessageContaining("bw > 0");
    }
}
