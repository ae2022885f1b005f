package io.lsdt.physics.sensitivity;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Morris elementary effects: a screening of which inputs matter, at r (k + 1) evaluations.
 *
 * <p>Design (Morris 1991, "Factorial sampling plans for preliminary computational experiments", Technometrics
 * 33:161–174): each input moves on a p-level grid {0, 1/(p−1), …, 1} of the unit interval (p even) by
 * Δ = p / (2 (p − 1)). A trajectory starts at a random grid point from which every input can move by Δ, then
 * moves one input at a time, in a random order and direction, by Δ: k + 1 points, one elementary effect per input,
 * EE<sub>i</sub> = (f(x + Δ e<sub>i</sub>) − f(x)) / Δ in the unit hypercube's coordinates — so an effect is the
 * output's change per unit of the input's whole range (f = Σ c<sub>i</sub> x<sub>i</sub> has
 * EE<sub>i</sub> = c<sub>i</sub> (high<sub>i</sub> − low<sub>i</sub>)). Trajectories come from a seeded generator:
 * one seed, one design.
 *
 * <p>Statistics over the r trajectories, per input and output: μ, the mean effect, and σ, its standard deviation
 * (Morris 1991; denominator r − 1, 0 for r = 1), and μ*, the mean absolute effect (Campolongo, Cariboni and
 * Saltelli 2007, "An effective screening design for sensitivity analysis of large models", Environ. Model. Softw.
 * 22:1509–1518, Eq. 5), which ranks the inputs: effects of both signs do not cancel in it.
 */
public final class Morris {
    /** The most trajectories one analysis takes. */
    public static final int MAX_TRAJECTORIES = 10_000_000;

    private Morris() {}

    /**
     * The effects of the inputs on one output.
     *
     * @param mu μ, the mean elementary effect, one per factor
     * @param muStar μ*, the mean absolute elementary effect, one per factor
     * @param sigma σ, the standard deviation of the elementary effects, one per factor
     */
    public record Effects(double[] mu, double[] muStar, double[] sigma) {}

    /**
     * The model evaluations of a Morris analysis.
     *
     * @param factors k
     * @param trajectories r
     * @return the evaluations an analysis takes: r (k + 1)
     */
    public static long evaluations(int factors, int trajectories) {
        return (long) trajectories * (factors + 1);
    }

    /**
     * Runs a Morris elementary-effects analysis (Morris 1991; μ* of Campolongo et al. 2007).
     *
     * @param factors the inputs, k ≥ 1
     * @param model the function
     * @param trajectories r, 1 … {@link #MAX_TRAJECTORIES}
     * @param levels p, even and ≥ 2 (4 is usual)
     * @param seed the seed of the trajectories
     * @return one {@link Effects} per output, in the model's output order
     * @throws IllegalArgumentException for no factor, r or p out of range
     */
    public static List<Effects> analyse(List<Factor> factors, Model model, int trajectories, int levels, long seed) {
        Objects.requireNonNull(model, "model");
        int k = factors.size();
        if (k < 1) {
            throw new IllegalArgumentException("Morris analysis of no factor: at least one expected");
        }
        if (trajectories < 1 || trajectories > MAX_TRAJECTORIES) {
            throw new IllegalArgumentException("Morris trajectories " + trajectories + ": 1 to " + MAX_TRAJECTORIES
                    + " expected");
        }
        if (levels < 2 || levels % 2 != 0) {
            throw new IllegalArgumentException("Morris levels " + levels + ": an even number ≥ 2 expected");
        }
        double delta = levels / (2.0 * (levels - 1));
        // grid points from which +Δ stays on the grid: j / (p − 1) for j = 0 … p/2 − 1
        int starts = levels / 2;
        SplittableRandom rng = new SplittableRandom(seed);
        double[] u = new double[k];
        double[] x = new double[k];
        int[] order = new int[k];
        int outputs = -1;
        double[][] sum = null;
        double[][] sumAbs = null;
        double[][] sumSq = null;
        for (int t = 0; t < trajectories; t++) {
            boolean[] down = new boolean[k];
            for (int i = 0; i < k; i++) {
                double low = rng.nextInt(starts) / (double) (levels - 1);
                down[i] = rng.nextBoolean();
                u[i] = down[i] ? low + delta : low;
                order[i] = i;
            }
            for (int i = k - 1; i > 0; i--) { // Fisher–Yates
                int j = rng.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
            double[] prev = model.evaluate(map(factors, u, x));
            if (outputs < 0) {
                outputs = prev.length;
                sum = new double[k][outputs];
                sumAbs = new double[k][outputs];
                sumSq = new double[k][outputs];
            }
            for (int step = 0; step < k; step++) {
                int i = order[step];
                double d = down[i] ? -delta : delta;
                u[i] += d;
                double[] next = model.evaluate(map(factors, u, x));
                if (next.length != outputs) {
                    throw new IllegalArgumentException("the model returned " + next.length + " outputs after "
                            + outputs);
                }
                for (int o = 0; o < outputs; o++) {
                    double ee = (next[o] - prev[o]) / d;
                    double dm = ee - sum[i][o]; // Welford: sum holds the running mean, sumSq the squared deviations
                    sum[i][o] += dm / (t + 1);
                    sumSq[i][o] += dm * (ee - sum[i][o]);
                    sumAbs[i][o] += Math.abs(ee);
                }
                prev = next;
            }
        }
        List<Effects> out = new ArrayList<>();
        for (int o = 0; o < outputs; o++) {
            double[] mu = new double[k];
            double[] muStar = new double[k];
            double[] sigma = new double[k];
            for (int i = 0; i < k; i++) {
                mu[i] = sum[i][o];
                muStar[i] = sumAbs[i][o] / trajectories;
                sigma[i] = trajectories > 1 ? Math.sqrt(Math.max(0, sumSq[i][o] / (trajectories - 1))) : 0;
            }
            out.add(new Effects(mu, muStar, sigma));
        }
        return out;
    }

    private static double[] map(List<Factor> factors, double[] u, double[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = factors.get(i).at(u[i]);
        }
        return x.clone();
    }
}
