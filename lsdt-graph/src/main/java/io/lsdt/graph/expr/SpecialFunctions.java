package io.lsdt.graph.expr;

import org.hipparchus.special.Erf;

/**
 * The special functions equations may call beyond {@link Math}: the standard normal quantile and Erlang's C formula.
 * Public and static so that compiled plans call them directly.
 */
public final class SpecialFunctions {
    /** Above this many servers {@link #erlangC} uses the Halfin–Whitt limit rather than the exact recursion. */
    static final long HALFIN_WHITT_SERVERS = 1_000_000;

    private SpecialFunctions() {}

    /**
     * The standard normal quantile Φ⁻¹(p) = √2 · erf⁻¹(2p − 1) (Hipparchus {@code Erf.erfInv}).
     *
     * @param p a probability (dimensionless)
     * @return Φ⁻¹(p); −∞ at 0, +∞ at 1, NaN outside [0, 1]
     */
    public static double normInv(double p) {
        if (!(p >= 0 && p <= 1)) {
            return Double.NaN;
        }
        if (p == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (p == 1) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.sqrt(2) * Erf.erfInv(2 * p - 1);
    }

    /**
     * Erlang's C formula (A. K. Erlang 1917; Kleinrock, Queueing Systems vol. 1, 1975, §3.5): the probability that an
     * arrival to an M/M/c queue has to wait, with c servers and offered load a = λ/μ. Computed through Erlang's B
     * recursion, B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)), then C = c·B(c) / (c − a·(1 − B(c))), which is exact and
     * stable for any c. The recursion stops early once B underflows to 0 (then C = 0 too); above a million servers
     * the Halfin–Whitt heavy-traffic limit is used instead, C ≈ [1 + β·Φ(β)/φ(β)]⁻¹ with β = (c − a)/√c (Halfin and
     * Whitt, Operations Research 29(3), 1981), whose error there is below 1e-3.
     *
     * @param servers c, rounded to the nearest whole number, ≥ 1
     * @param load a = λ/μ (erlangs), ≥ 0
     * @return the probability of waiting; 1 when a ≥ c (the queue grows without bound); NaN for c &lt; 1 or a &lt; 0
     */
    public static double erlangC(double servers, double load) {
        long c = Math.round(servers);
        if (c < 1 || !(load >= 0)) {
            return Double.NaN;
        }
        if (load >= c) {
            return 1;
        }
        if (c > HALFIN_WHITT_SERVERS) {
            double beta = (c - load) / Math.sqrt(c);
            double cdf = 0.5 * Erf.erfc(-beta / Math.sqrt(2));
            double pdf = Math.exp(-0.5 * beta * beta) / Math.sqrt(2 * Math.PI);
            return pdf == 0 ? 0 : 1 / (1 + beta * cdf / pdf);
        }
        double b = 1;
        for (long k = 1; k <= c; k++) {
            b = load * b / (k + load * b);
            if (b == 0) {
                return 0;
            }
        }
        return c * b / (c - load * (1 - b));
    }
}
