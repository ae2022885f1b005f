package io.lsdt.api;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The Pareto front of points in two objectives, both minimized (a sweep's cost against time to train, CO2 against
 * time to train). A point is on the front when no other point is at least as good in both and better in one;
 * points equal in both are on it together. Built incrementally: memory grows with the front, not with the points,
 * and the front does not depend on the order the points come in.
 */
public final class Pareto {
    private record Member(long id, double x, double y) {}

    private final List<Member> front = new ArrayList<>();

    /** An empty front, to which points are offered with {@link #add}. */
    public Pareto() {
        // the front starts empty
    }

    /**
     * Offers a point to the front: it joins when no point on the front dominates it, and drops the points it dominates.
     *
     * @param id the point's id (e.g. a sweep's point index)
     * @param x its first objective (e.g. time to train, s); NaN points are ignored
     * @param y its second objective (e.g. cost, USD)
     */
    public void add(long id, double x, double y) {
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return;
        }
        for (Member m : front) {
            if (m.x <= x && m.y <= y && (m.x < x || m.y < y)) {
                return;
            }
        }
        front.removeIf(m -> x <= m.x && y <= m.y && (x < m.x || y < m.y));
        front.add(new Member(id, x, y));
    }

    /**
     * The points on the front so far.
     *
     * @return the ids on the front, ascending
     */
    public TreeSet<Long> ids() {
        TreeSet<Long> s = new TreeSet<>();
        front.forEach(m -> s.add(m.id));
        return s;
    }

    /**
     * The Pareto front of a whole set of points at once.
     *
     * @param x first objective of each point
     * @param y second objective of each point (same length)
     * @return whether each point is on the front
     * @throws IllegalArgumentException when x and y differ in length
     */
    public static boolean[] mark(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException(x.length + " x values but " + y.length + " y values");
        }
        Pareto p = new Pareto();
        for (int i = 0; i < x.length; i++) {
            p.add(i, x[i], y[i]);
        }
        boolean[] on = new boolean[x.length];
        p.ids().forEach(i -> on[(int) (long) i] = true);
        return on;
    }
}
