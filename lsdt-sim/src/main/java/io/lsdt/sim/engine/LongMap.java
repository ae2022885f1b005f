package io.lsdt.sim.engine;

import java.util.Arrays;

/**
 * A hash map from {@code long} keys to objects with open addressing and linear probing (deletion by backward shift,
 * no tombstones): no boxing and no entry objects, for the engine's per-rank stores, inboxes and meeting points.
 * Not thread-safe. Iteration order is the table's and is deterministic for a given sequence of operations.
 *
 * @param <V> the value type
 */
final class LongMap<V> {
    private long[] keys;
    private Object[] vals;
    private int size;
    private int mask;

    LongMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) * 2;
        keys = new long[cap];
        vals = new Object[cap];
        mask = cap - 1;
    }

    private static int slot(long k, int mask) {
        return LongIntMap.slot(k, mask);
    }

    @SuppressWarnings("unchecked")
    V get(long k) {
        int i = slot(k, mask);
        while (true) {
            Object v = vals[i];
            if (v == null) {
                return null;
            }
            if (keys[i] == k) {
                return (V) v;
            }
            i = (i + 1) & mask;
        }
    }

    boolean containsKey(long k) {
        return get(k) != null;
    }

    /** @return the previous value, or null */
    @SuppressWarnings("unchecked")
    V put(long k, V v) {
        if (v == null) {
            throw new IllegalArgumentException("null value");
        }
        int i = slot(k, mask);
        while (true) {
            Object old = vals[i];
            if (old == null) {
                keys[i] = k;
                vals[i] = v;
                if (++size * 2 > vals.length) {
                    grow();
                }
                return null;
            }
            if (keys[i] == k) {
                vals[i] = v;
                return (V) old;
            }
            i = (i + 1) & mask;
        }
    }

    /** @return the removed value, or null */
    @SuppressWarnings("unchecked")
    V remove(long k) {
        int i = slot(k, mask);
        while (true) {
            Object v = vals[i];
            if (v == null) {
                return null;
            }
            if (keys[i] == k) {
                shiftBack(i);
                size--;
                return (V) v;
            }
            i = (i + 1) & mask;
        }
    }

    private void shiftBack(int gap) {
        int i = gap;
        while (true) {
            i = (i + 1) & mask;
            Object v = vals[i];
            if (v == null) {
                vals[gap] = null;
                return;
            }
            int home = slot(keys[i], mask);
            // move the entry into the gap when its home is not cyclically within (gap, i]
            if (((i - home) & mask) >= ((i - gap) & mask)) {
                keys[gap] = keys[i];
                vals[gap] = v;
                gap = i;
            }
        }
    }

    private void grow() {
        long[] ok = keys;
        Object[] ov = vals;
        keys = new long[ok.length * 2];
        vals = new Object[ov.length * 2];
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < ok.length; i++) {
            if (ov[i] != null) {
                put(ok[i], uncheckedCast(ov[i]));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private V uncheckedCast(Object o) {
        return (V) o;
    }

    void clear() {
        Arrays.fill(vals, null);
        size = 0;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** @return the keys, sorted (for deterministic reports) */
    long[] sortedKeys() {
        long[] out = new long[size];
        int n = 0;
        for (int i = 0; i < vals.length; i++) {
            if (vals[i] != null) {
                out[n++] = keys[i];
            }
        }
        Arrays.sort(out);
        return out;
    }
}
