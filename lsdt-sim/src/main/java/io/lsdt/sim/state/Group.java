package io.lsdt.sim.state;

import java.util.Arrays;
import java.util.List;

/**
 * The members of a collective, in shard order (member i keeps shard i of a reduce-scatter), and how many identical
 * copies of them the collective spans ({@link #replicas()}: a simulation of one data-parallel replica stands for
 * all). Immutable; the engine makes one per distinct group, so a cost model may key caches on it.
 */
public final class Group {
    private final int id;
    private final int replicas;
    private final int[] members;
    private final int[] sorted;
    private final int[] positionOfSorted;

    /**
     * A group that is its whole collective (one replica).
     *
     * @param id a number unique within one simulation
     * @param members the member ranks, in shard order, distinct
     * @throws IllegalArgumentException when a rank repeats or the group is empty
     */
    public Group(int id, List<Integer> members) {
        this(id, members, 1);
    }

    /**
     * A group whose collective spans {@code replicas} identical copies of it.
     *
     * @param id a number unique within one simulation
     * @param members the member ranks simulated, in shard order, distinct
     * @param replicas identical copies of the group the collective spans, ≥ 1
     * @throws IllegalArgumentException when a rank repeats, the group is empty or {@code replicas < 1}
     */
    public Group(int id, List<Integer> members, int replicas) {
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas " + replicas);
        }
        this.replicas = replicas;
        this.id = id;
        this.members = members.stream().mapToInt(Integer::intValue).toArray();
        if (this.members.length == 0) {
            throw new IllegalArgumentException("empty group");
        }
        Integer[] order = new Integer[this.members.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(this.members[a], this.members[b]));
        sorted = new int[order.length];
        positionOfSorted = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            sorted[i] = this.members[order[i]];
            positionOfSorted[i] = order[i];
            if (i > 0 && sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException("rank " + sorted[i] + " appears twice in " + members);
            }
        }
    }

    /**
     * The group's number, unique within its simulation.
     *
     * @return the group's number within its simulation
     */
    public int id() {
        return id;
    }

    /**
     * The number of members simulated (of one replica; see {@link #span()}).
     *
     * @return the number of members simulated
     */
    public int size() {
        return members.length;
    }

    /**
     * How many identical copies of the group the collective spans.
     *
     * @return identical copies of the group the collective spans, ≥ 1 (1 unless a replica stands for others)
     */
    public int replicas() {
        return replicas;
    }

    /**
     * The number of ranks the collective really spans, which its cost is charged for.
     *
     * @return {@code size() × replicas()}
     */
    public int span() {
        return members.length * replicas;
    }

    /**
     * The member ranks.
     *
     * @return the member ranks, in shard order (an immutable copy)
     */
    public List<Integer> members() {
        return Arrays.stream(members).boxed().toList();
    }

    /**
     * The member at a position, i.e. the rank that keeps shard {@code i} of a reduce-scatter.
     *
     * @param i a position, 0 … size − 1
     * @return the rank at that position
     * @throws ArrayIndexOutOfBoundsException if {@code i} is out of range
     */
    public int member(int i) {
        return members[i];
    }

    /**
     * The position of a rank in the group (O(log size)), i.e. the shard it keeps.
     *
     * @param rank a rank
     * @return its position in the group, or -1 when it is not a member
     */
    public int positionOf(int rank) {
        int i = Arrays.binarySearch(sorted, rank);
        return i < 0 ? -1 : positionOfSorted[i];
    }

    /**
     * The lowest member rank.
     *
     * @return the lowest member rank
     */
    public int lowest() {
        return sorted[0];
    }

    /**
     * The highest member rank.
     *
     * @return the highest member rank
     */
    public int highest() {
        return sorted[sorted.length - 1];
    }

    /** @return e.g. {@code [0, 1, 2, 3]}, or {@code [0, 4] × 32 replicas} */
    @Override
    public String toString() {
        return Arrays.toString(members) + (replicas > 1 ? " × " + replicas + " replicas" : "");
    }
}
