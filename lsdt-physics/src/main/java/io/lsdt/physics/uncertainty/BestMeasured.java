package io.lsdt.physics.uncertainty;

/**
 * The best MFU measured in the development set for one device, precision class and scale band.
 *
 * @param device the catalog device id
 * @param precision {@code 16-bit} or {@code fp8}
 * @param scale the scale band
 * @param mfu the MFU, on LSDT's definition (see {@link ValidatedRun#mfu()})
 * @param devices the run's devices
 * @param runId the run's id
 * @param source the run's source title
 */
public record BestMeasured(String device, String precision, Regime.Scale scale, double mfu, long devices,
        String runId, String source) {}
