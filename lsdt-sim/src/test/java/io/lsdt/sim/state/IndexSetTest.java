package io.lsdt.sim.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link IndexSet} against {@link BitSet} on seeded random sets, and its interval representation. */
class IndexSetTest {
    private static BitSet random(Random rnd) {
        BitSet b = new BitSet();
        int runs = rnd.nextInt(4);
        for (int i = 0; i < runs; i++) {
            int from = rnd.nextInt(200);
            b.set(from, from + rnd.nextInt(40));
        }
        return b;
    }

    @Test
    void agreesWithBitSetOnRandomSets() {
        Random rnd = new Random(20261121);
        for (int t = 0; t < 5_000; t++) {
            BitSet a = random(rnd);
            BitSet b = random(rnd);
            IndexSet x = IndexSet.of(a);
            IndexSet y = IndexSet.of(b);
            BitSet u = (BitSet) a.clone();
            u.or(b);
            assertThat(x.size()).isEqualTo(a.cardinality());
            assertThat(x.toBitSet()).isEqualTo(a);
            assertThat(x.union(y).toBitSet()).isEqualTo(u);
            assertThat(x.union(y)).isEqualTo(IndexSet.of(u)).hasSameHashCodeAs(IndexSet.of(u));
            assertThat(x.intersects(y)).isEqualTo(a.intersects(b));
            assertThat(x.equals(y)).isEqualTo(a.equals(b));
            int probe = rnd.nextInt(250);
            assertThat(x.contains(probe)).isEqualTo(a.get(probe));
            // contiguous members are always an interval: equality does not depend on how a set was built
            assertThat(x.isInterval()).isEqualTo(a.isEmpty() || a.length() - a.nextSetBit(0) == a.cardinality());
            IndexSet.Union acc = new IndexSet.Union();
            assertThat(acc.add(x).overlaps(y)).isEqualTo(a.intersects(b));
            assertThat(acc.add(y).build()).isEqualTo(x.union(y));
        }
    }

    @Test
    void unionsOfTouchingRunsStayOneInterval() {
        IndexSet a = IndexSet.range(0, 64);
        IndexSet b = IndexSet.range(64, 128);
        assertThat(a.union(b).isInterval()).isTrue();
        assertThat(a.union(b)).isEqualTo(IndexSet.range(0, 128));
        assertThat(a.union(IndexSet.range(200, 201)).isInterval()).isFalse();
        assertThat(a.union(IndexSet.range(200, 201)).size()).isEqualTo(65);
    }

    @Test
    void printsRuns() {
        assertThat(IndexSet.EMPTY).hasToString("{}");
        assertThat(IndexSet.of(3)).hasToString("{3}");
        assertThat(IndexSet.range(0, 64)).hasToString("{0-63}");
        assertThat(IndexSet.range(0, 4).union(IndexSet.range(8, 12)).union(IndexSet.of(20)))
                .hasToString("{0-3, 8-11, 20}");
    }
}
