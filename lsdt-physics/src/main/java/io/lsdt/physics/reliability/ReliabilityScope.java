package io.lsdt.physics.reliability;

import io.lsdt.graph.model.Range;
import io.lsdt.graph.model.Reference;
import io.lsdt.graph.registry.Scope;
import io.lsdt.physics.reference.References;

/**
 * Failures, checkpoints and goodput of a long job (Young 1974, Daly 2006).
 * Variable names follow gpu_stack (seeds 003/004) and MLSys·im (seed 002); see {@code io.lsdt.physics.macro.MacroScopes}.
 */
public final class ReliabilityScope {
    private ReliabilityScope() {}

    /**
     * The reliability scope.
     *
     * @return scope {@code rel}: failures, checkpoints and goodput (Young 1974, Daly 2006)
     */
    public static Scope rel() {
        Reference y = References.YOUNG_1974;
        Reference d = References.DALY_2006;
        Reference ml = References.MLSYSIM;
        Scope s = Scope.named("rel", "Failures, checkpoints, restarts and the time to train with them");
        s.variable("gpu.mtbf", "h", "mean time between failures of one device (with its share of the host)", ml,
                        Range.POSITIVE)
                .variable("node.mtbf", "h", "mean time between failures of a node's other parts (NICs, PSUs, host, "
                        + "switch share)", ml, Range.POSITIVE)
                .variable("fleet.failure_rate", "1/h", "failures of the job per hour", ml, Range.POSITIVE)
                .equation("fleet.failure_rate", "par.n_gpus / gpu.mtbf"
                        + " + par.n_gpus / cluster.node.n_gpus / node.mtbf", ml.at("1/MTBF = Σ n_i / MTBF_i"))
                .variable("fleet.mtbf", "h", "mean time between failures of the job", ml, Range.POSITIVE)
                .equation("fleet.mtbf", "1 / fleet.failure_rate", ml)
                .variable("ckpt.write_time", "s", "time to write one checkpoint (the job stops meanwhile)", d,
                        Range.POSITIVE)
                .variable("restart_time", "s", "time from a failure to computing again: detection, rescheduling, "
                        + "reading the checkpoint", d, Range.NON_NEGATIVE)
                .variable("ckpt.interval_young", "s", "optimum compute time between checkpoints, first order", y,
                        Range.POSITIVE)
                .equation("ckpt.interval_young", "sqrt(2 * ckpt.write_time * fleet.mtbf)", y.at("τ = √(2δM)"))
                .variable("ckpt.interval", "s", "optimum compute time between checkpoints", d, Range.POSITIVE)
                .approximation("ckpt.interval", "sqrt(2 * ckpt.write_time * fleet.mtbf)"
                        + " * (1 + sqrt(ckpt.write_time / (2 * fleet.mtbf)) / 3"
                        + " + ckpt.write_time / (18 * fleet.mtbf)) - ckpt.write_time",
                        "ckpt.write_time < 2 * fleet.mtbf", d.at("eq. (37): τ = √(2δM)·[1 + √(δ/(2M))/3 + δ/(18M)] − δ "
                                + "for δ < 2M"))
                .variable("waste_fraction", "1", "wall time lost per unit of useful time: checkpoint writes, work "
                        + "redone after a failure, restarts", d, Range.NON_NEGATIVE)
                .equation("waste_fraction", "fleet.mtbf / ckpt.interval * exp(restart_time / fleet.mtbf)"
                        + " * (exp((ckpt.interval + ckpt.write_time) / fleet.mtbf) - 1) - 1", d.at("eq. (20): "
                                + "T_wall = M·e^(R/M)·(e^((τ+δ)/M) − 1)·T_s/τ for exponentially distributed failures"))
                .variable("goodput", "1", "share of wall time spent on useful training", d, Range.FRACTION)
                .equation("goodput", "1 / (1 + waste_fraction)", d)
                .variable("expected_failures", "1", "failures expected over the run", ml, Range.NON_NEGATIVE)
                .equation("expected_failures", "training.wallclock * fleet.failure_rate", ml);
        s.headline("ckpt.interval", "ckpt.interval_young", "goodput", "expected_failures");
        return s;
    }
}
