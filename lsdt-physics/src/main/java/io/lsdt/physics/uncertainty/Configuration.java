package io.lsdt.physics.uncertainty;

import io.lsdt.physics.design.Numerics;
import java.util.Objects;

/**
 * What the uncertainty of a prediction depends on: the device, the numerics, the scale, the framework family, the
 * model size and the layout. Both a published run and a design LSDT predicts are described this way, so that one can
 * be measured against the other ({@link #distance(Configuration)}).
 *
 * @param device the catalog device id, e.g. {@code h100-sxm}
 * @param numerics the training numerics
 * @param devices devices of the job, ≥ 1
 * @param family the framework family
 * @param activeParams active parameters (parameters), &gt; 0
 * @param tp tensor-parallel degree, ≥ 1
 * @param pp pipeline-parallel degree, ≥ 1
 * @param cp context-parallel degree, ≥ 1
 * @param ep expert-parallel degree, ≥ 1
 */
public record Configuration(String device, Numerics numerics, long devices, Regime.Family family, double activeParams,
        int tp, int pp, int cp, int ep) {
    /** Checks the components. */
    public Configuration {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(numerics, "numerics");
        Objects.requireNonNull(family, "family");
        if (devices < 1 || !(activeParams > 0) || Double.isInfinite(activeParams) || tp < 1 || pp < 1 || cp < 1
                || ep < 1) {
            throw new IllegalArgumentException("configuration out of range: " + devices + " devices, "
                    + activeParams + " parameters, TP " + tp + ", PP " + pp + ", CP " + cp + ", EP " + ep);
        }
    }

    /**
     * The regime this configuration's prediction falls in, which picks its interval.
     *
     * @return the regime: family × scale × size
     */
    public Regime regime() {
        return Regime.of(family, devices, activeParams);
    }

    /**
     * The configuration's precision class: the regimes tell 16-bit and FP8 runs apart.
     *
     * @return {@code 16-bit} for BF16 and FP16 (one dense peak), {@code fp8} for FP8
     */
    public String precisionClass() {
        return precisionClass(numerics);
    }

    /**
     * The precision class of given numerics.
     *
     * @param numerics numerics
     * @return {@code 16-bit} or {@code fp8}
     */
    public static String precisionClass(Numerics numerics) {
        return numerics == Numerics.FP8 ? "fp8" : "16-bit";
    }

    /**
     * The distance between two configurations: a sum of terms, each about 1 for one whole step away along its axis.
     * <ul>
     *   <li>device: 0 for the same catalog device, else 1;</li>
     *   <li>numerics: 0 for the same precision class (16-bit or FP8), else 0.5;</li>
     *   <li>framework family: 0 when the same, else 1;</li>
     *   <li>scale: |log10(devices / other's devices)| — 1 per factor of 10;</li>
     *   <li>model size: |log10(active parameters / other's)| — 1 per factor of 10;</li>
     *   <li>layout: (|log2(TP ratio)| + |log2(PP ratio)| + |log2(CP ratio)| + |log2(EP ratio)|) / 4 — 1 when all
     *       four degrees differ by a factor of 2.</li>
     * </ul>
     * Zero means the same device, numerics, family, scale, size and layout: a validated configuration.
     *
     * @param other another configuration
     * @return the distance, ≥ 0, symmetric
     */
    public double distance(Configuration other) {
        double d = device.equals(other.device) ? 0 : 1;
        d += precisionClass().equals(other.precisionClass()) ? 0 : 0.5;
        d += family == other.family ? 0 : 1;
        d += Math.abs(Math.log10((double) devices / other.devices));
        d += Math.abs(Math.log10(activeParams / other.activeParams));
        d += (log2(tp, other.tp) + log2(pp, other.pp) + log2(cp, other.cp) + log2(ep, other.ep)) / 4;
        return d;
    }

    private static double log2(int a, int b) {
        return Math.abs(Math.log((double) a / b) / Math.log(2));
    }
}
