package io.lsdt.sim.state;

import java.util.BitSet;
import java.util.stream.IntStream;

/**
 * An immutable set of non-negative integers — the samples a value covers, or the shards it holds. Stored as one
 * half-open interval {@code [from, to)} whenever the members are contiguous, which they are in nearly every training
 * step (a micro-batch is a run of samples; a data-parallel rank's share is a run of micro-batches), and as a
 * {@link BitSet} otherwise. Size, equality and unions of intervals cost O(1) and allocate at most one object, so the
 * simulator's hot loop never clones bit sets.
 */
public final class IndexSet {
    /** The empty set. */
    public static final IndexSet EMPTY = new IndexSet(0, 0, null, 0);

    private final int from;
    private final int to;
    /** Null for an interval; never mutated after construction. */
    private final BitSet bits;
    private final int size;

    private IndexSet(int from, int to, BitSet bits, int size) {
        this.from = from;
        this.to = to;
        this.bits = bits;
        this.size = size;
    }

    /**
     * The contiguous set {@code [from, to)}, stored as an interval.
     *
     * @param from first member (inclusive), ≥ 0
     * @param to end (exclusive), ≥ {@code from}
     * @return the members {@code from … to − 1}
     * @throws IllegalArgumentException when {@code from < 0} or {@code to < from}
     */
    public static IndexSet range(int from, int to) {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("range [" + from + ", " + to + ")");
        }
        return from == to ? EMPTY : new IndexSet(from, to, null, to - from);
    }

    /**
     * The one-member set {@code {i}}; sets of members below 1,024 are shared.
     *
     * @param i a member, ≥ 0
     * @return the set {i}
     * @throws IllegalArgumentException when {@code i < 0}
     */
    public static IndexSet of(int i) {
        return i >= 0 && i < SINGLETONS.length ? SINGLETONS[i] : range(i, i + 1);
    }

    /** {0}, {1}, … shared: shards and partial sums are small numbers used on every operation. */
    private static final IndexSet[] SINGLETONS = new IndexSet[1024];

    static {
        for (int i = 0; i < SINGLETONS.length; i++) {
            SINGLETONS[i] = new IndexSet(i, i + 1, null, 1);
        }
    }

    /**
     * The set of a bit set's members, in canonical form: an interval when they are contiguous, else a copy of the
     * bits.
     *
     * @param members the members (copied)
     * @return the set, as an interval when the members are contiguous
     */
    public static IndexSet of(BitSet members) {
        int n = members.cardinality();
        if (n == 0) {
            return EMPTY;
        }
        int first = members.nextSetBit(0);
        int end = members.length();
        if (end - first == n) {
            return new IndexSet(first, end, null, n);
        }
        return new IndexSet(first, end, (BitSet) members.clone(), n);
    }

    /**
     * The number of members (cardinality), in O(1).
     *
     * @return the number of members
     */
    public int size() {
        return size;
    }

    /**
     * Whether the set is empty.
     *
     * @return true when there are no members
     */
    public boolean isEmpty() {
        return size == 0;
    }

    /**
     * The smallest member.
     *
     * @return the smallest member, or -1 when empty
     */
    public int first() {
        return size == 0 ? -1 : from;
    }

    /**
     * The exclusive upper bound of the members.
     *
     * @return one past the largest member, or 0 when empty
     */
    public int end() {
        return size == 0 ? 0 : to;
    }

    /**
     * Whether the set is stored as one interval; the form is canonical, so this is whether the members are
     * contiguous.
     *
     * @return true when the members are one run {@code first() … end() − 1} (the empty set counts as one)
     */
    public boolean isInterval() {
        return bits == null;
    }

    /**
     * Membership test.
     *
     * @param i a candidate (any int; negative ones are never members)
     * @return true when {@code i} is a member
     */
    public boolean contains(int i) {
        return bits == null ? i >= from && i < to : i >= 0 && bits.get(i);
    }

    /**
     * The union of two sets: O(1) and at most one allocation when both are intervals that touch or overlap.
     *
     * @param other another set
     * @return the members of either (this set or {@code other} itself when it already holds them all)
     */
    public IndexSet union(IndexSet other) {
        if (other.size == 0 || this == other) {
            return this;
        }
        if (size == 0) {
            return other;
        }
        if (bits == null && other.bits == null) {
            if (other.from <= to && from <= other.to) { // overlapping or touching: still one run
                int lo = Math.min(from, other.from);
                int hi = Math.max(to, other.to);
                return lo == from && hi == to ? this : new IndexSet(lo, hi, null, hi - lo);
            }
        }
        BitSet b = toBitSet();
        b.or(other.toBitSet());
        return of(b);
    }

    /**
     * Accumulates a union without building the intermediate sets: while the parts touch or overlap it keeps one
     * interval, and falls back to a bit set otherwise. Reusable after {@link #build()}; not thread-safe.
     */
    public static final class Union {
        private int lo;
        private int hi;
        private boolean empty = true;
        private BitSet bits;

        /** An empty union, to which sets are added. */
        public Union() {
            // empty until a set is added
        }

        /**
         * Adds a part to the union.
         *
         * @param s a part
         * @return this
         */
        public Union add(IndexSet s) {
            if (s.size == 0) {
                return this;
            }
            if (bits == null && s.bits == null) {
                if (empty) {
                    lo = s.from;
                    hi = s.to;
                    empty = false;
                    return this;
                }
                if (s.from <= hi && lo <= s.to) {
                    lo = Math.min(lo, s.from);
                    hi = Math.max(hi, s.to);
                    return this;
                }
            }
            if (bits == null) {
                bits = new BitSet();
                if (!empty) {
                    bits.set(lo, hi);
                }
                empty = false;
            }
            if (s.bits == null) {
                bits.set(s.from, s.to);
            } else {
                bits.or(s.bits);
            }
            return this;
        }

        /**
         * Whether a set overlaps the parts added so far (e.g. the same sample contributed twice).
         *
         * @param s a set
         * @return true when it shares a member with the union so far
         */
        public boolean overlaps(IndexSet s) {
            if (s.size == 0 || empty) {
                return false;
            }
            if (bits == null) {
                return s.bits == null ? s.from < hi && lo < s.to : s.intersects(range(lo, hi));
            }
            if (s.bits == null) {
                int next = bits.nextSetBit(s.from);
                return next >= 0 && next < s.to;
            }
            return bits.intersects(s.bits);
        }

        /** Forgets the parts added. */
        public void reset() {
            empty = true;
            bits = null;
        }

        /**
         * Ends the union and resets the builder for reuse.
         *
         * @return the union of the parts added since the last build or reset, in canonical form
         */
        public IndexSet build() {
            IndexSet out;
            if (bits != null) {
                out = of(bits);
            } else if (empty) {
                out = EMPTY;
            } else {
                out = hi - lo == 1 ? of(lo) : new IndexSet(lo, hi, null, hi - lo);
            }
            empty = true;
            bits = null;
            return out;
        }
    }

    /**
     * Translates the set, e.g. from a micro-batch's local sample numbers to global ones.
     *
     * @param offset added to every member, such that no member becomes negative
     * @return the members shifted by {@code offset}
     * @throws IllegalArgumentException if an interval's shifted members would be negative
     * @throws IndexOutOfBoundsException if a non-interval set's shifted members would be negative
     */
    public IndexSet shift(int offset) {
        if (size == 0 || offset == 0) {
            return this;
        }
        if (bits == null) {
            return range(from + offset, to + offset);
        }
        BitSet b = new BitSet();
        bits.stream().forEach(i -> b.set(i + offset));
        return of(b);
    }

    /**
     * Whether two sets intersect; O(1) for two intervals.
     *
     * @param other another set
     * @return true when the two share a member
     */
    public boolean intersects(IndexSet other) {
        if (size == 0 || other.size == 0) {
            return false;
        }
        if (bits == null && other.bits == null) {
            return from < other.to && other.from < to;
        }
        return toBitSet().intersects(other.toBitSet());
    }

    /**
     * The members as a mutable bit set that the caller owns.
     *
     * @return a fresh {@link BitSet} of the members
     */
    public BitSet toBitSet() {
        if (bits != null) {
            return (BitSet) bits.clone();
        }
        BitSet b = new BitSet(to);
        b.set(from, to);
        return b;
    }

    /**
     * The members as a stream.
     *
     * @return the members in increasing order
     */
    public IntStream stream() {
        return bits == null ? IntStream.range(from, to) : bits.stream();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof IndexSet s) || s.size != size) {
            return false;
        }
        if (size == 0) {
            return true;
        }
        // the representation is canonical: contiguous members are always an interval, others never
        if (bits == null || s.bits == null) {
            return bits == null && s.bits == null && from == s.from && to == s.to;
        }
        return bits.equals(s.bits);
    }

    @Override
    public int hashCode() {
        return size == 0 ? 0 : bits == null ? 31 * from + to : bits.hashCode();
    }

    /** @return e.g. {@code {}}, {@code {3}}, {@code {0-63}}, {@code {0-3, 8-11}} */
    @Override
    public String toString() {
        if (size == 0) {
            return "{}";
        }
        StringBuilder sb = new StringBuilder("{");
        BitSet b = bits == null ? null : bits;
        int start = from;
        while (start >= 0) {
            int stop = b == null ? to : b.nextClearBit(start);
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(start);
            if (stop - start > 1) {
                sb.append('-').append(stop - 1);
            }
            start = b == null ? -1 : b.nextSetBit(stop);
        }
        return sb.append('}').toString();
    }
}
