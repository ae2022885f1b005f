package io.lsdt.physics.fundamentals;

import io.lsdt.graph.model.Range;
import io.lsdt.graph.model.Reference;
import io.lsdt.graph.registry.Scope;
import io.lsdt.physics.reference.References;

/**
 * Scope {@code fundamentals}: what must be true to train a model of P parameters on Tok tokens by deadline T,
 * whatever the cluster design (seed 000). Variable names are the seed implementation's bundle keys; semantics are
 * the seed's, including ceilings on device and checkpoint counts and {@code N_guess_devices} = the largest of the
 * device lower bounds.
 *
 * <p>Beyond the seed: {@code t_comm_min_s} — the shortest time for one update-sized signal to cross one node's
 * sustained fabric bandwidth, a topology-agnostic lower bound — and the step-time budget that uses it; the
 * parameters that do arithmetic ({@code P_active}, = P for dense models, the active parameters of a MoE); the
 * sustained device rate as peak × a stated utilisation; the node fabric bandwidth as NICs × NIC bandwidth ×
 * efficiency; and {@code B_step_bytes} derived from activation memory (Korthikanti et al. 2022) as variants. Seed
 * briefs assign the derived inputs directly (an assignment overrides an equation).
 */
public final class FundamentalsScope {
    /** Scope name. */
    public static final String NAME = "fundamentals";

    private FundamentalsScope() {}

    private static Reference seed(String locator) {
        return References.SEED_FUNDAMENTALS.at(locator);
    }

    /**
     * The {@code fundamentals} scope: a training run's first-principles FLOPs, memory, time and energy.
     *
     * @return a new filled scope
     */
    public static Scope create() {
        Scope s = Scope.named(NAME, "What must be true to train the model by the deadline, before any design");
        Reference brief = seed("brief format (workload, state_bytes, io, device, step, capabilities)");
        // ---- inputs
        s.variable("P", "param", "model parameters", brief, Range.POSITIVE)
                .equation("P", "arch.params_total", References.TRANSFORMER_PARAMS, "parameter count of the catalog model")
                .variable("P_active", "param", "parameters that do arithmetic per token (= P for dense models)",
                        References.MOE, Range.POSITIVE)
                .equation("P_active", "arch.params_active", References.MOE, "active parameters of the catalog model")
                .variable("Tok", "token", "training tokens", brief, Range.POSITIVE)
                .variable("T", "d", "deadline: wall-clock time allowed for the run", brief, Range.POSITIVE)
                .variable("c", "FLOP/(param·token)", "training FLOP per parameter per token (≈ 6 for a dense transformer)",
                        References.KAPLAN_2020, Range.POSITIVE)
                .variable("b_w", "B/param", "weight bytes per parameter", References.ZERO_2020, Range.POSITIVE)
                .variable("b_g", "B/param", "gradient bytes per parameter", References.ZERO_2020, Range.POSITIVE)
                .variable("b_opt", "B/param", "optimizer-state bytes per parameter", References.ZERO_2020,
                        Range.NON_NEGATIVE)
                .variable("b_tok", "B/token", "dataset bytes streamed per token", brief, Range.POSITIVE)
                .variable("A_io", "1", "dataset bandwidth headroom multiplier", brief, Range.AT_LEAST_ONE)
                .variable("b_ckpt", "B/param", "bytes written per parameter per checkpoint", brief, Range.POSITIVE)
                .variable("t_ckpt_max", "s", "longest allowed checkpoint write", brief, Range.POSITIVE)
                .variable("F_dev_sust_flop_s", "FLOP/s", "sustained FLOP/s of one device", brief, Range.POSITIVE)
                .equation("F_dev_sust_flop_s", "F_dev_peak_flop_s * eta_dev_sust",
                        References.definition("sustained rate = dense peak × sustained fraction (an assumption)"))
                .variable("F_dev_peak_flop_s", "FLOP/s", "dense peak FLOP/s of one device at the training precision",
                        References.definition("device datasheet, from the catalog"), Range.POSITIVE)
                .variable("eta_dev_sust", "1", "sustained fraction of dense peak (model FLOP utilisation assumed)",
                        References.definition("assumption stated in the brief"), Range.FRACTION)
                .variable("B_dev_mem_bytes", "GB", "memory capacity of one device", brief, Range.POSITIVE)
                .variable("Tok_per_step", "token", "tokens per optimizer step (global batch)", brief, Range.POSITIVE)
                .variable("b_update_per_param", "B/param", "update-signal bytes per parameter (often gradient bytes)",
                        brief, Range.POSITIVE)
                .variable("k_update", "1", "update-signal margin multiplier", brief, Range.AT_LEAST_ONE)
                .variable("BW_fabric_node_sust_Bps", "B/s", "sustained inter-node payload bandwidth of one node", brief,
                        Range.POSITIVE)
                .equation("BW_fabric_node_sust_Bps", "n_nics_per_node * BW_nic_Bps * eta_fabric",
                        References.definition("node bandwidth = NICs × per-direction NIC bandwidth × fabric efficiency"))
                .variable("n_nics_per_node", "1", "scale-out NICs per node", References.definition("brief"),
                        Range.POSITIVE)
                .variable("BW_nic_Bps", "Gb/s", "per-direction bandwidth of one scale-out NIC",
                        References.definition("fabric datasheet, from the catalog"), Range.POSITIVE)
                .variable("eta_fabric", "1", "sustained fraction of NIC bandwidth (an assumption)",
                        References.definition("assumption stated in the brief"), Range.FRACTION)
                .variable("BW_ckpt_sust_Bps", "B/s", "sustained checkpoint write bandwidth", brief, Range.POSITIVE)
                .variable("seconds_per_ckpt", "s", "wall-clock period between checkpoints", brief, Range.POSITIVE);

        // ---- activation working set (variants) for briefs that name a catalog model
        Reference k = References.KORTHIKANTI_2022;
        s.variable("Tok_in_flight", "token", "tokens whose activations are held at once (default: the whole step)",
                        k, Range.POSITIVE)
                .equation("Tok_in_flight", "Tok_per_step", References.definition(
                        "no gradient accumulation: every token of the step is in flight (assign to override)"))
                .variable("B_step_bytes", "B", "global instantaneous working set of one step (activations, temps)",
                        brief, Range.NON_NEGATIVE)
                .variant("B_step_bytes", "none",
                        "arch.layers * Tok_in_flight * arch.hidden * (34 + 5 * arch.heads * arch.seq_len / arch.hidden)"
                                + " * [B/token]",
                        k.at("§4.1 Eq. (1): sbh(34 + 5as/h) bytes per layer, 16-bit activations, no recompute"),
                        "derived for GPT-style layers (MHA, 4h GELU MLP); an estimate for others")
                .variant("B_step_bytes", "selective",
                        "arch.layers * Tok_in_flight * arch.hidden * 34 * [B/token]",
                        k.at("§5 selective recompute: 34·sbh bytes per layer (attention core recomputed)"),
                        "derived for GPT-style layers; the attention score term 5as/h is recomputed (as with FlashAttention)")
                .variant("B_step_bytes", "full",
                        "arch.layers * Tok_in_flight * arch.hidden * 2 * [B/token]",
                        k.at("§5 full recompute: only each layer's 16-bit input, 2·sbh bytes per layer"),
                        "full activation recomputation");

        // ---- req
        s.variable("F_total_flop", "FLOP", "total training FLOPs", seed("req"), Range.POSITIVE)
                .equation("F_total_flop", "c * P_active * Tok", References.KAPLAN_2020.at("§2.1; seed req: c·P·Tok"),
                        "P_active = P for dense models")
                .variable("F_req_flop_s", "FLOP/s", "sustained FLOP/s needed to meet the deadline", seed("req"),
                        Range.POSITIVE)
                .equation("F_req_flop_s", "F_total_flop / T", seed("req: F_total / T"))
                .variable("R_tok_req_tok_s", "token/s", "sustained tokens/s needed to meet the deadline", seed("req"),
                        Range.POSITIVE)
                .equation("R_tok_req_tok_s", "Tok / T", seed("req: Tok / T"))
                .variable("B_weights_min_bytes", "B", "bytes of the weights", seed("req"), Range.POSITIVE)
                .equation("B_weights_min_bytes", "b_w * P", seed("req: b_w·P"))
                .variable("B_grads_min_bytes", "B", "bytes of the gradients", seed("req"), Range.POSITIVE)
                .equation("B_grads_min_bytes", "b_g * P", seed("req: b_g·P"))
                .variable("B_opt_min_bytes", "B", "bytes of the optimizer state", seed("req"), Range.NON_NEGATIVE)
                .equation("B_opt_min_bytes", "b_opt * P", seed("req: b_opt·P"))
                .variable("B_state_min_bytes", "B", "minimum model state: weights + gradients + optimizer", seed("req"),
                        Range.POSITIVE)
                .equation("B_state_min_bytes", "B_weights_min_bytes + B_grads_min_bytes + B_opt_min_bytes",
                        seed("req: B_weights + B_grads + B_opt"))
                .variable("BW_dataset_ideal_Bps", "B/s", "dataset streaming bandwidth at the required token rate",
                        seed("req"), Range.POSITIVE)
                .equation("BW_dataset_ideal_Bps", "R_tok_req_tok_s * b_tok", seed("req: R_tok_req·b_tok"))
                .variable("BW_dataset_plan_Bps", "B/s", "dataset bandwidth to plan for, with headroom", seed("req"),
                        Range.POSITIVE)
                .equation("BW_dataset_plan_Bps", "BW_dataset_ideal_Bps * A_io", seed("req: BW_dataset_ideal·A_io"))
                .variable("S_ckpt_bytes", "B", "checkpoint size", seed("req"), Range.POSITIVE)
                .equation("S_ckpt_bytes", "P * b_ckpt", seed("req: P·b_ckpt"))
                .variable("BW_ckpt_req_Bps", "B/s", "write bandwidth to finish a checkpoint within t_ckpt_max",
                        seed("req"), Range.POSITIVE)
                .equation("BW_ckpt_req_Bps", "S_ckpt_bytes / t_ckpt_max", seed("req: S_ckpt / t_ckpt_max"));

        // ---- device_bounds and instant
        s.variable("N_compute_lower_bound", "device", "devices needed for the FLOP rate alone", seed("device_bounds"),
                        Range.POSITIVE)
                .equation("N_compute_lower_bound", "ceil(F_req_flop_s / F_dev_sust_flop_s)",
                        seed("device_bounds: ⌈F_req / F_dev⌉"))
                .variable("N_state_memory_lower_bound", "device", "devices needed to hold the model state",
                        seed("device_bounds"), Range.POSITIVE)
                .equation("N_state_memory_lower_bound", "ceil(B_state_min_bytes / B_dev_mem_bytes)",
                        seed("device_bounds: ⌈B_state_min / B_dev⌉"))
                .variable("N_min_lower_bound", "device", "larger of the compute and state bounds", seed("device_bounds"),
                        Range.POSITIVE)
                .equation("N_min_lower_bound", "max(N_compute_lower_bound, N_state_memory_lower_bound)",
                        seed("device_bounds: max(N_compute, N_state)"))
                .variable("B_instant_min_bytes", "B", "model state plus the step working set", seed("instant"),
                        Range.POSITIVE)
                .equation("B_instant_min_bytes", "B_state_min_bytes + B_step_bytes", seed("instant: B_state_min + B_step"))
                .variable("N_instant_device_lower_bound", "device", "devices needed to hold state and working set",
                        seed("instant"), Range.POSITIVE)
                .equation("N_instant_device_lower_bound", "ceil(B_instant_min_bytes / B_dev_mem_bytes)",
                        seed("instant: ⌈B_instant_min / B_dev⌉"));

        // ---- movement and stepfacts
        s.variable("t_step_max_s", "s", "longest step that still meets the deadline", seed("movement"), Range.POSITIVE)
                .equation("t_step_max_s", "Tok_per_step / R_tok_req_tok_s", seed("movement: Tok_per_step / R_tok_req"))
                .variable("B_update_total_bytes_per_step", "B", "update-signal bytes exchanged per step",
                        seed("movement"), Range.POSITIVE)
                .equation("B_update_total_bytes_per_step", "k_update * P * b_update_per_param",
                        seed("movement: k_update·P·b_update_per_param"))
                .variable("BW_update_global_min_Bps", "B/s", "global bandwidth to move the update signal within a step",
                        seed("movement"), Range.POSITIVE)
                .equation("BW_update_global_min_Bps", "B_update_total_bytes_per_step / t_step_max_s",
                        seed("movement: B_update / t_step_max (global, not per node)"))
                .variable("N_steps", "step", "optimizer steps in the run", seed("stepfacts"), Range.POSITIVE)
                .equation("N_steps", "Tok / Tok_per_step", seed("stepfacts: Tok / Tok_per_step"))
                .variable("F_step_flop", "FLOP", "FLOPs of one step", seed("stepfacts"), Range.POSITIVE)
                .equation("F_step_flop", "c * P_active * Tok_per_step", seed("stepfacts: c·P·Tok_per_step"),
                        "P_active = P for dense models");

        // ---- timecmp
        s.variable("N_guess_devices", "device", "largest of the device lower bounds: where sizing starts",
                        seed("timecmp"), Range.POSITIVE)
                .equation("N_guess_devices", "max(N_min_lower_bound, N_instant_device_lower_bound)",
                        seed("timecmp: max(N_min, N_instant)"))
                .variable("t_step_compute_min_s", "s", "shortest compute time per step on N_guess devices",
                        seed("timecmp"), Range.POSITIVE)
                .equation("t_step_compute_min_s", "F_step_flop / (N_guess_devices * F_dev_sust_flop_s)",
                        seed("timecmp: F_step / (N_guess·F_dev)"))
                .variable("N_devices_time_only", "device", "devices to fit one step's FLOPs in t_step_max",
                        seed("timecmp"), Range.POSITIVE)
                .equation("N_devices_time_only", "ceil(F_step_flop / (t_step_max_s * F_dev_sust_flop_s))",
                        seed("timecmp: ⌈F_step / (t_step_max·F_dev)⌉"));

        // ---- comm and budget (named by the seed, left to its design step; defined here)
        s.variable("t_comm_min_s", "s",
                        "shortest time for one update-sized signal to cross one node's sustained fabric bandwidth "
                                + "(topology-agnostic; exact as a bound for pure data parallelism, where every node "
                                + "exchanges the whole update)", seed("README: comm – communication time scales"),
                        Range.POSITIVE)
                .equation("t_comm_min_s", "B_update_total_bytes_per_step / BW_fabric_node_sust_Bps",
                        References.definition("t_comm_min = B_update / BW_fabric_node_sust: every node must at least "
                                + "send one update-sized signal over its own fabric link"),
                        "a lower bound: ring/tree factors, overlap and topology come in the design layer")
                .variable("t_residual_s", "s", "step time left for everything else", seed("step_time_budget"),
                        Range.ANY)
                .equation("t_residual_s", "t_step_max_s - t_step_compute_min_s - t_comm_min_s",
                        seed("step_time_budget: t_step_max − t_compute − t_comm"))
                .variable("residual_fraction_of_step", "1", "share of the step left over", seed("step_time_budget"),
                        Range.ANY)
                .equation("residual_fraction_of_step", "t_residual_s / t_step_max_s",
                        seed("step_time_budget: t_residual / t_step_max"))
                .variable("accounted_fraction_of_step", "1", "share of the step taken by compute and communication",
                        seed("step_time_budget"), Range.NON_NEGATIVE)
                .equation("accounted_fraction_of_step", "(t_step_compute_min_s + t_comm_min_s) / t_step_max_s",
                        seed("step_time_budget: (t_compute + t_comm) / t_step_max"));

        // ---- ckpt
        s.variable("t_ckpt_min_s", "s", "shortest time to write one checkpoint", seed("ckpt"), Range.POSITIVE)
                .equation("t_ckpt_min_s", "S_ckpt_bytes / BW_ckpt_sust_Bps", seed("ckpt: S_ckpt / BW_ckpt_sust"))
                .variable("N_ckpt", "ckpt", "checkpoints over the run (at least one)", seed("ckpt"), Range.POSITIVE)
                .equation("N_ckpt", "ceil(T / seconds_per_ckpt)", seed("ckpt: ⌈T / seconds_per_ckpt⌉"))
                .variable("T_ckpt_total_min_s", "s", "total time spent writing checkpoints", seed("ckpt"),
                        Range.POSITIVE)
                .equation("T_ckpt_total_min_s", "N_ckpt * t_ckpt_min_s", seed("ckpt: N_ckpt·t_ckpt_min"))
                .variable("ckpt_fraction_of_run", "1", "share of the deadline spent writing checkpoints", seed("ckpt"),
                        Range.NON_NEGATIVE)
                .equation("ckpt_fraction_of_run", "T_ckpt_total_min_s / T", seed("ckpt: T_ckpt_total_min / T"));

        // ---- what must hold
        s.constraint("compute_fits_step", "t_step_compute_min_s <= t_step_max_s",
                        "the step's FLOPs do not fit in the longest allowed step on N_guess devices",
                        seed("timecmp"))
                .constraint("step_budget_closes", "t_residual_s >= 0 [s]",
                        "with every node exchanging the whole update (pure data parallelism) and no overlap, compute"
                                + " and communication exceed the step budget; sharding the model across nodes (TP/PP/"
                                + "ZeRO) or overlapping communication must hide it",
                        seed("step_time_budget"))
                .constraint("ckpt_write_in_time", "BW_ckpt_sust_Bps >= BW_ckpt_req_Bps",
                        "the storage cannot write a checkpoint within t_ckpt_max", seed("req, ckpt"))
                .constraint("ckpt_drain_fits_run", "ckpt_fraction_of_run <= 1",
                        "checkpoint writes alone take longer than the whole run", seed("ckpt (quirk: N_ckpt ≥ 1)"));

        s.headline("F_total_flop", "F_req_flop_s", "R_tok_req_tok_s", "B_state_min_bytes", "BW_dataset_plan_Bps",
                "BW_ckpt_req_Bps", "N_min_lower_bound", "N_instant_device_lower_bound", "N_guess_devices",
                "BW_update_global_min_Bps", "N_steps", "t_step_compute_min_s", "N_devices_time_only",
                "residual_fraction_of_step", "accounted_fraction_of_step", "ckpt_fraction_of_run");
        return s;
    }
}
