package io.lsdt.sim.engine;

/**
 * A hash map from {@code long} keys to non-negative {@code int} values, open addressing with linear probing; no
 * removal. Used to number the values a program names. Values are stored plus one, so that a fresh (zeroed) table is
 * empty without filling it. Not thread-safe.
 */
final class LongIntMap {
    private long[] keys;
    private int[] vals;
    private int size;
    private int mask;

    LongIntMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) * 2;
        keys = new long[cap];
        vals = new int[cap];
        mask = cap - 1;
    }

    static int slot(long k, int mask) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        return (int) k & mask;
    }

    /** @return the value of {@code k}, or -1 */
    int get(long k) {
        int i = slot(k, mask);
        while (vals[i] != 0) {
            if (keys[i] == k) {
                return vals[i] - 1;
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    /** @return the value of {@code k}, giving it {@code size()} when absent */
    int number(long k) {
        int i = slot(k, mask);
        while (vals[i] != 0) {
            if (keys[i] == k) {
                return vals[i] - 1;
            }
            i = (i + 1) & mask;
        }
        int v = size++;
        keys[i] = k;
        vals[i] = v + 1;
        if (size * 2 > vals.length) {
            grow();
        }
        return v;
    }

    private void grow() {
        long[] ok = keys;
        int[] ov = vals;
        keys = new long[ok.length * 2];
        vals = new int[ov.length * 2];
        mask = keys.length - 1;
        for (int i = 0; i < ok.length; i++) {
            if (ov[i] != 0) {
                int j = slot(ok[i], mask);
                while (vals[j] != 0) {
                    j = (j + 1) & mask;
                }
                keys[j] = ok[i];
                vals[j] = ov[i];
            }
        }
    }

    /** @return the keys, indexed by their values (when the values are 0 … size − 1, as {@link #number} gives) */
    long[] keysByValue() {
        long[] out = new long[size];
        for (int i = 0; i < keys.length; i++) {
            if (vals[i] != 0) {
                out[vals[i] - 1] = keys[i];
            }
        }
        return out;
    }

    int size() {
        return size;
    }
}
