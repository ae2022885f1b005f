package io.lsdt.graph.expr;

import java.util.Locale;

/** The functions an equation may call. Dimension rules are in {@link DimensionCheck}. */
public enum Fn {
    /** Smallest integer ≥ x; x must be dimensionless (used for device and checkpoint counts). */
    CEIL(1),
    /** Largest integer ≤ x; x must be dimensionless. */
    FLOOR(1),
    /** Nearest integer (half up); x must be dimensionless. */
    ROUND(1),
    /** Largest argument; all arguments share one dimension. */
    MAX(-1),
    /** Smallest argument; all arguments share one dimension. */
    MIN(-1),
    /** Absolute value. */
    ABS(1),
    /** Square root; the dimension's exponents must be even. */
    SQRT(1),
    /** Natural logarithm of a dimensionless argument. */
    LN(1),
    /** Base-2 logarithm of a dimensionless argument. */
    LOG2(1),
    /** Base-10 logarithm of a dimensionless argument. */
    LOG10(1),
    /** e^x of a dimensionless argument. */
    EXP(1),
    /**
     * The standard normal quantile Φ⁻¹(p) of a dimensionless probability p in (0, 1) (for tail percentiles and the
     * extreme values of N ranks); see {@link SpecialFunctions#normInv(double)}.
     */
    NORMINV(1),
    /**
     * Erlang's C formula: the probability that an arrival waits in an M/M/c queue, {@code erlangc(c, a)} with c
     * servers and offered load a = λ/μ, both dimensionless; see {@link SpecialFunctions#erlangC(double, double)}.
     */
    ERLANGC(2);

    private final int arity;

    Fn(int arity) {
        this.arity = arity;
    }

    /**
     * How many arguments the function takes.
     *
     * @return the number of arguments, or -1 for two or more
     */
    public int arity() {
        return arity;
    }

    /**
     * The function's name in equation text.
     *
     * @return the name used in equation text, e.g. {@code "ceil"}
     */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Evaluates the function.
     *
     * @param args argument values
     * @return the function value
     */
    public double apply(double[] args) {
        return switch (this) {
            case CEIL -> Math.ceil(args[0]);
            case FLOOR -> Math.floor(args[0]);
            case ROUND -> Math.floor(args[0] + 0.5);
            case MAX -> {
                double m = args[0];
                for (int i = 1; i < args.length; i++) {
                    m = Math.max(m, args[i]);
                }
                yield m;
            }
            case MIN -> {
                double m = args[0];
                for (int i = 1; i < args.length; i++) {
                    m = Math.min(m, args[i]);
                }
                yield m;
            }
            case ABS -> Math.abs(args[0]);
            case SQRT -> Math.sqrt(args[0]);
            case LN -> Math.log(args[0]);
            case LOG2 -> Math.log(args[0]) / Math.log(2);
            case LOG10 -> Math.log10(args[0]);
            case EXP -> Math.exp(args[0]);
            case NORMINV -> SpecialFunctions.normInv(args[0]);
            case ERLANGC -> SpecialFunctions.erlangC(args[0], args[1]);
        };
    }
}
