package io.lsdt.sim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The engine's open-addressing maps against {@link HashMap} on a seeded random mix of operations. */
class LongMapTest {
    @Test
    void behavesLikeAHashMap() {
        LongMap<String> m = new LongMap<>(4);
        Map<Long, String> ref = new HashMap<>();
        Random rnd = new Random(42);
        long[] keys = new long[3_000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = CompactProgram.key(io.lsdt.sim.state.Value.Type.values()[i % 6], i % 97 - 1, i / 97 - 3);
        }
        for (int it = 0; it < 300_000; it++) {
            long k = keys[rnd.nextInt(keys.length)];
            switch (rnd.nextInt(3)) {
                case 0 -> assertThat(m.put(k, "v" + it)).isEqualTo(ref.put(k, "v" + it));
                case 1 -> assertThat(m.remove(k)).isEqualTo(ref.remove(k));
                default -> assertThat(m.get(k)).isEqualTo(ref.get(k));
            }
            assertThat(m.size()).isEqualTo(ref.size());
        }
        assertThat(m.sortedKeys()).containsExactly(ref.keySet().stream().sorted().mapToLong(Long::longValue).toArray());
    }

    @Test
    void numbersKeysInOrderOfFirstSight() {
        LongIntMap n = new LongIntMap(2);
        for (long k = 0; k < 1_000; k++) {
            assertThat(n.number(k * 7919)).isEqualTo((int) k);
        }
        assertThat(n.number(7919)).isEqualTo(1);
        assertThat(n.get(-5)).isEqualTo(-1);
        assertThat(n.keysByValue()[999]).isEqualTo(999L * 7919);
    }
}
