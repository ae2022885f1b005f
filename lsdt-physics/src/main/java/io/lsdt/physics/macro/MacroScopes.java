package io.lsdt.physics.macro;

import io.lsdt.graph.model.Range;
import io.lsdt.graph.model.Reference;
import io.lsdt.graph.registry.Scope;
import io.lsdt.physics.reference.References;
import io.lsdt.physics.economics.EconomicsScope;
import io.lsdt.physics.energy.EnergyScopes;
import io.lsdt.physics.reliability.ReliabilityScope;
import io.lsdt.physics.serving.ServingScope;
import io.lsdt.physics.stragglers.TailScope;
import java.util.List;

/**
 * The macro layer: what a training run costs in dollars, watts, water and CO2, what failures and stragglers do to its
 * time, and what serving a model takes. Variable names of the {@code gpu}, {@code par}, {@code training},
 * {@code cluster}, {@code thermal} and {@code econ} scopes are gpu_stack's (seeds 003/004,
 * {@code shared/reference/equation-graph.md} §10), so that its scenarios resolve here unchanged; {@code sust},
 * {@code rel}, {@code tail} and {@code serve} follow MLSys·im (seed 002, {@code shared/reference/mlsysim.md} §6).
 *
 * <p>Where gpu_stack's audit found an equation wrong, the corrected form is used and said so: the pipeline overhead is
 * a share of the nominal step (Narayanan et al. 2021), the facility has its own useful life, and the cluster's
 * availability comes from the reliability scope rather than being an unlinked input.
 */
public final class MacroScopes {
    private MacroScopes() {}

    /**
     * The scopes of the macro layer.
     *
     * @return every macro scope, in dependency order
     */
    public static List<Scope> all() {
        return List.of(EnergyScopes.gpu(), par(), training(), EnergyScopes.cluster(), EnergyScopes.thermal(),
                EconomicsScope.econ(), EnergyScopes.sust(), ReliabilityScope.rel(), TailScope.tail(),
                ServingScope.serve());
    }

    /**
     * The job-size scope.
     *
     * @return scope {@code par}: the job's size
     */
    static Scope par() {
        Scope s = Scope.named("par", "The job's parallel size");
        s.variable("n_gpus", "device", "devices the job runs on", References.GPU_STACK, Range.POSITIVE)
                .variant("n_gpus", "design", "design.devices * [device]",
                        References.definition("a plan: the chosen design of the design scope"), "TP × CP × PP × DP");
        return s;
    }

    /**
     * The training scope.
     *
     * @return scope {@code training}: step time, throughput and run length (gpu_stack's training scope)
     */
    static Scope training() {
        Reference gs = References.GPU_STACK;
        Reference n = References.NARAYANAN_2021;
        Scope s = Scope.named("training", "Step time, throughput and run length of a training job");
        s.variable("flops_per_step", "FLOP", "model FLOPs of one step", gs, Range.POSITIVE)
                .variant("flops_per_step", "dense", "arch.flops.step_dense", gs, null)
                .variant("flops_per_step", "moe", "arch.flops.step_moe", gs, null)
                .variant("flops_per_step", "design", "design.flop_model_step", n, "the design's model FLOPs: 6·P·T plus "
                        + "the attention scores and values (Narayanan et al. 2021 Eq. 3), not 6·P·T alone")
                .variable("recompute_overhead", "1", "executed FLOPs per model FLOP from recomputation (1 = none)",
                        gs, Range.AT_LEAST_ONE)
                .variable("optimizer_flop_multiplier", "1", "executed FLOPs per model FLOP from the optimizer step",
                        gs, Range.AT_LEAST_ONE)
                .variable("flops_executed_per_step", "FLOP", "FLOPs a step executes", gs, Range.POSITIVE)
                .equation("flops_executed_per_step", "flops_per_step * recompute_overhead * optimizer_flop_multiplier",
                        gs)
                .variable("peak_flops_power_limited", "FLOP/s", "the job's sustained FLOP/s", gs, Range.POSITIVE)
                .equation("peak_flops_power_limited", "par.n_gpus * gpu.peak_flops_power_limited", gs)
                .variable("t_compute", "s", "compute time of one step", gs, Range.POSITIVE)
                .equation("t_compute", "flops_executed_per_step / peak_flops_power_limited", gs)
                .variable("t_exposed_comm", "s", "communication a step waits for", gs, Range.NON_NEGATIVE)
                .variable("t_mem_bound", "s", "memory-bound kernels not overlapped with compute", gs,
                        Range.NON_NEGATIVE)
                .variable("t_step_nominal", "s", "step time before pipeline and other overheads", gs, Range.POSITIVE)
                .equation("t_step_nominal", "t_compute + t_exposed_comm + t_mem_bound", gs)
                .variable("overhead_fraction", "1", "pipeline bubble and other overheads, as a share of the nominal "
                        + "step ((p − 1)/m for 1F1B)", n, Range.NON_NEGATIVE)
                .variable("t_bubbles", "s", "time the overheads add to a step", n, Range.NON_NEGATIVE)
                .equation("t_bubbles", "t_step_nominal * overhead_fraction", n.at("§2.2.1: the bubble is (p − 1)/m of "
                        + "the ideal time"), "gpu_stack's audited form: a share of the nominal step, not of the total")
                .variable("t_step", "s", "time of one training step", gs, Range.POSITIVE)
                .variant("t_step", "components", "t_step_nominal + t_bubbles", gs,
                        "gpu_stack's ledger: compute, exposed communication, memory-bound time, overheads")
                .variant("t_step", "stragglers", "tail.step.expected", References.BLOM_1958,
                        "a synchronous step waits for its slowest rank: the expected maximum over the ranks")
                .variable("tokens_per_sec", "token/s", "training throughput", gs, Range.POSITIVE)
                .equation("tokens_per_sec", "arch.tokens_per_step / t_step", gs)
                .variable("total_tokens", "token", "tokens the run trains on", gs, Range.POSITIVE)
                .variable("n_steps", "step", "optimizer steps of the run", gs, Range.POSITIVE)
                .equation("n_steps", "total_tokens / arch.tokens_per_step", gs)
                .variable("wallclock_nominal", "s", "run time without interruptions", gs, Range.POSITIVE)
                .equation("wallclock_nominal", "n_steps * t_step", gs)
                .variable("cluster_availability", "1", "share of wall time the job makes progress (failures, "
                        + "restarts, checkpoints: rel.goodput)", gs, Range.FRACTION)
                .variant("cluster_availability", "reliability", "rel.goodput", References.DALY_2006,
                        "checkpoint writes, work lost to failures and restarts (Daly eq. 20)")
                .variable("wallclock", "s", "run time", gs, Range.POSITIVE)
                .equation("wallclock", "wallclock_nominal / cluster_availability", gs)
                .variable("achieved_flops", "FLOP/s", "model FLOP/s the job achieves", gs, Range.POSITIVE)
                .equation("achieved_flops", "flops_per_step / t_step", gs)
                .variable("mfu", "1", "model FLOPs utilisation", gs, Range.NON_NEGATIVE)
                .equation("mfu", "achieved_flops / (par.n_gpus * gpu.peak_flops)", gs)
                .variable("run_power_it", "W", "the job's device power (no host, no facility)", gs, Range.POSITIVE)
                .equation("run_power_it", "par.n_gpus * gpu.power.total", gs)
                .variable("energy_per_step", "J", "device energy of one step", gs, Range.POSITIVE)
                .equation("energy_per_step", "run_power_it * t_step", gs)
                .variable("energy_per_token", "J/token", "device energy per token trained", gs, Range.POSITIVE)
                .equation("energy_per_token", "energy_per_step / arch.tokens_per_step", gs);
        s.headline("t_step", "tokens_per_sec", "wallclock", "mfu", "energy_per_token");
        return s;
    }
}
