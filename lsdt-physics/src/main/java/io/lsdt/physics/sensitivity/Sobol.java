package io.lsdt.physics.sensitivity;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.hipparchus.random.SobolSequenceGenerator;

/**
 * Sobol' variance-based indices by Saltelli sampling over a Sobol' low-discrepancy sequence.
 *
 * <p>Sampling (Saltelli et al. 2010, "Variance based sensitivity analysis of model output. Design and estimator for
 * the total sensitivity index", Comput. Phys. Commun. 181:259–270, §3): N points of a 2k-dimensional Sobol' sequence
 * (Hipparchus {@link SobolSequenceGenerator}, Joe–Kuo direction numbers; its first point, the origin, skipped) give
 * two N × k matrices, A (the first k coordinates) and B (the last k); for each input i, A<sub>B</sub><sup>(i)</sup>
 * is A with its column i taken from B. The model runs on A, B and the k matrices A<sub>B</sub><sup>(i)</sup>:
 * N (k + 2) evaluations. The seed rotates the sequence (Cranley–Patterson: every coordinate shifted by a seeded
 * uniform offset, modulo 1), so each seed is another randomised quasi-Monte Carlo estimate and one seed is always
 * the same one.
 *
 * <p>Estimators, with V the variance of the 2N outputs f(A) and f(B):
 * <ul>
 *   <li>first order, Saltelli et al. 2010 Table 2 (b):
 *       S<sub>i</sub> = (1/N) Σ<sub>j</sub> f(B)<sub>j</sub> (f(A<sub>B</sub><sup>(i)</sup>)<sub>j</sub> − f(A)<sub>j</sub>) / V</li>
 *   <li>total order, Jansen 1999 (Saltelli et al. 2010 Table 2 (f)):
 *       S<sub>Ti</sub> = (1/2N) Σ<sub>j</sub> (f(A)<sub>j</sub> − f(A<sub>B</sub><sup>(i)</sup>)<sub>j</sub>)² / V</li>
 * </ul>
 * f(B) in the first-order estimator is centred on f0, the mean of f(A) and f(B): the sum of
 * f(A<sub>B</sub><sup>(i)</sup>) − f(A) has expectation 0, so the estimate stays consistent, and its noise no longer
 * grows with the output's mean (a time to train of 60 days that varies by a few days would otherwise need 100 times
 * the samples; Saltelli 2002, "Making best use of model evaluations to compute sensitivity indices", Comput. Phys.
 * Commun. 145:280–297, §2 recommends the same centring). An output that does not vary (V = 0) has every index 0.
 */
public final class Sobol {
    /** The most base samples one analysis takes. */
    public static final int MAX_BASE_SAMPLES = 10_000_000;

    private Sobol() {}

    /**
     * The indices of one output.
     *
     * @param variance V, the variance of f(A) and f(B) together
     * @param first S<sub>i</sub>, one per factor
     * @param total S<sub>Ti</sub>, one per factor
     */
    public record Indices(double variance, double[] first, double[] total) {}

    /**
     * The model evaluations of a Sobol' analysis.
     *
     * @param factors the inputs, k ≥ 1 (each uniform over its range)
     * @param base N, the base samples, ≥ 2
     * @return the evaluations an analysis takes: N (k + 2)
     */
    public static long evaluations(int factors, int base) {
        return (long) base * (factors + 2);
    }

    /**
     * Runs a Sobol' analysis: first-order indices (Saltelli et al. 2010) and total indices (Jansen 1999) from Saltelli
     * sampling of a Sobol' sequence.
     *
     * @param factors the inputs, k ≥ 1 (each uniform over its range); k ≤ 500 (half the sequence's 1000 dimensions)
     * @param model the function
     * @param base N, the base samples, 2 … {@link #MAX_BASE_SAMPLES}
     * @param seed the seed of the rotation
     * @return one {@link Indices} per output, in the model's output order
     * @throws IllegalArgumentException for no factor, too many factors or N out of range
     */
    public static List<Indices> analyse(List<Factor> factors, Model model, int base, long seed) {
        Objects.requireNonNull(model, "model");
        int k = factors.size();
        if (k < 1 || 2 * k > 1000) {
            throw new IllegalArgumentException("Sobol analysis of " + k + " factors: 1 to 500 expected");
        }
        if (base < 2 || base > MAX_BASE_SAMPLES) {
            throw new IllegalArgumentException("Sobol base samples " + base + ": 2 to " + MAX_BASE_SAMPLES + " expected");
        }
        SobolSequenceGenerator seq = new SobolSequenceGenerator(2 * k);
        seq.skipTo(1); // the origin
        SplittableRandom rng = new SplittableRandom(seed);
        double[] shift = new double[2 * k];
        for (int d = 0; d < shift.length; d++) {
            shift[d] = rng.nextDouble();
        }
        // streaming sums (nothing of size N is kept): Welford's mean and variance of f(A) and f(B) together,
        // and the two estimators' sums per factor and output
        double[] x = new double[k];
        int outputs = -1;
        long count = 0;
        double[] mean = null;
        double[] m2 = null;
        double[][] first = null;
        double[][] total = null;
        double[][] drift = null; // Σ (f(A_B) − f(A)), to centre f(B) on the sample mean at the end
        for (int j = 0; j < base; j++) {
            double[] p = seq.nextVector();
            for (int d = 0; d < p.length; d++) {
                double u = p[d] + shift[d];
                p[d] = u >= 1 ? u - 1 : u;
            }
            map(factors, p, 0, x);
            double[] a = model.evaluate(x.clone());
            map(factors, p, k, x);
            double[] b = model.evaluate(x.clone());
            if (outputs < 0) {
                outputs = a.length;
                mean = new double[outputs];
                m2 = new double[outputs];
                first = new double[k][outputs];
                total = new double[k][outputs];
                drift = new double[k][outputs];
            }
            check(a, outputs);
            check(b, outputs);
            count++;
            welford(mean, m2, a, count);
            count++;
            welford(mean, m2, b, count);
            for (int i = 0; i < k; i++) {
                map(factors, p, 0, x);
                x[i] = factors.get(i).at(p[k + i]);
                double[] ab = model.evaluate(x.clone());
                check(ab, outputs);
                for (int o = 0; o < outputs; o++) {
                    first[i][o] += b[o] * (ab[o] - a[o]);
                    total[i][o] += sq(a[o] - ab[o]);
                    drift[i][o] += ab[o] - a[o];
                }
            }
        }
        List<Indices> out = new java.util.ArrayList<>();
        for (int o = 0; o < outputs; o++) {
            double v = m2[o] / (count - 1);
            double[] s1 = new double[k];
            double[] st = new double[k];
            for (int i = 0; i < k; i++) {
                // Σ (f(B) − f0)(f(A_B) − f(A)) = Σ f(B)(f(A_B) − f(A)) − f0 Σ (f(A_B) − f(A))
                s1[i] = v > 0 ? (first[i][o] - mean[o] * drift[i][o]) / base / v : 0;
                st[i] = v > 0 ? total[i][o] / (2.0 * base) / v : 0;
            }
            out.add(new Indices(v, s1, st));
        }
        return out;
    }

    private static void welford(double[] mean, double[] m2, double[] y, long n) {
        for (int o = 0; o < y.length; o++) {
            double d = y[o] - mean[o];
            mean[o] += d / n;
            m2[o] += d * (y[o] - mean[o]);
        }
    }

    private static void check(double[] y, int outputs) {
        if (y.length != outputs) {
            throw new IllegalArgumentException("the model returned " + y.length + " outputs after " + outputs);
        }
    }

    private static void map(List<Factor> factors, double[] p, int offset, double[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = factors.get(i).at(p[offset + i]);
        }
    }

    private static double sq(double d) {
        return d * d;
    }
}
