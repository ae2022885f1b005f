package io.lsdt.physics.uncertainty;

import java.util.Objects;

/**
 * A published run LSDT predicted: a validated configuration, with how far the prediction was off.
 *
 * @param runId the run's id
 * @param source the source title
 * @param configuration its device, numerics, scale, family, size and layout
 * @param logResidual ln(measured rate / predicted rate): the log ratio of the published metric to LSDT's, with a
 *     step time read as its inverse (a rate), so that a positive residual always means the run was faster than
 *     predicted
 * @param mfu the run's measured MFU on LSDT's definition: LSDT's model FLOPs per step (6·P·T plus attention) at the
 *     measured speed, over the device's dense peak at the run's numerics — the predicted MFU × exp(logResidual)
 * @param credible whether the run may stand as the best MFU measured on its hardware: false for adapter fine-tuning
 *     (LoRA, QLoRA, PEFT: its FLOPs per token are not the model FLOPs LSDT counts, so its MFU on LSDT's definition is
 *     overstated) and for runs whose caveats flag the utilisation they imply as implausible. Such runs keep their
 *     residuals in the intervals.
 */
public record ValidatedRun(String runId, String source, Configuration configuration, double logResidual, double mfu,
        boolean credible) {
    /** Checks the components. */
    public ValidatedRun {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(configuration, "configuration");
        if (!Double.isFinite(logResidual) || !(mfu > 0) || Double.isInfinite(mfu)) {
            throw new IllegalArgumentException("run " + runId + ": residual " + logResidual + ", MFU " + mfu);
        }
    }

    /**
     * The regime the run's residual counts in.
     *
     * @return the regime of its configuration
     */
    public Regime regime() {
        return configuration.regime();
    }
}
