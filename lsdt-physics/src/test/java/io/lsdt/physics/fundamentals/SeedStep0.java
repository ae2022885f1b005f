package io.lsdt.physics.fundamentals;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An independent plain-Java transcription of the seed's Step 0 (CausalCompute step0_fundamentals, first layout), written
 * from the formula table of /work/shared/reference/peers.md §3.3 — not from LSDT's equations. Used as the oracle of
 * {@link SeedFormulaPropertyTest}.
 */
final class SeedStep0 {
    /** Seed loader defaults (peers.md §3.2 table, "Loader default" column). */
    static final double C = 6.0;
    static final double B_W = 2.0;
    static final double B_G = 2.0;
    static final double B_OPT = 8.0;
    static final double B_TOK = 2.0;
    static final double A_IO = 1.3;
    static final double B_CKPT = 2.0;
    static final double T_CKPT_MAX = 300.0;
    static final double K_UPDATE = 1.0;
    static final double SECONDS_PER_CKPT = 3600.0;

    /** The Step-0 inputs (peers.md §3.3 "Inputs"), SI units. */
    record Inputs(double P, double Tok, double T, double c, double b_w, double b_g, double b_opt, double b_tok,
            double A_io, double b_ckpt, double t_ckpt_max, double F_dev, double B_dev, double B_step,
            double Tok_per_step, double b_update_per_param, double k_update, double BW_node_sust,
            double BW_ckpt_sust, double seconds_per_ckpt) {}

    private SeedStep0() {}

    /** @return every output, keyed by the seed bundle's key names */
    static Map<String, Double> run(Inputs in) {
        Map<String, Double> out = new LinkedHashMap<>();
        // req
        double F_total = in.c() * in.P() * in.Tok();
        double F_req = F_total / in.T();
        double R_tok_req = in.Tok() / in.T();
        double B_weights = in.b_w() * in.P();
        double B_grads = in.b_g() * in.P();
        double B_opt = in.b_opt() * in.P();
        double B_state_min = B_weights + B_grads + B_opt;
        double BW_dataset_ideal = R_tok_req * in.b_tok();
        double BW_dataset_plan = BW_dataset_ideal * in.A_io();
        double S_ckpt = in.P() * in.b_ckpt();
        double BW_ckpt_req = S_ckpt / in.t_ckpt_max();
        // device_bounds (first layout: N_min = max(N_compute, N_state))
        double N_compute = Math.ceil(F_req / in.F_dev());
        double N_state = Math.ceil(B_state_min / in.B_dev());
        double N_min = Math.max(N_compute, N_state);
        // instant
        double B_instant_min = B_state_min + in.B_step();
        double N_instant = Math.ceil(B_instant_min / in.B_dev());
        // movement
        double t_step_max = in.Tok_per_step() / R_tok_req;
        double B_update = in.k_update() * in.P() * in.b_update_per_param();
        double BW_update_global_min = B_update / t_step_max;
        // stepfacts
        double N_steps = in.Tok() / in.Tok_per_step();
        double F_step = in.c() * in.P() * in.Tok_per_step();
        // timecmp (first layout: N_guess = max(N_min, N_instant))
        double N_guess = Math.max(N_min, N_instant);
        double t_step_compute_min = F_step / (N_guess * in.F_dev());
        double N_devices_time_only = Math.ceil(F_step / (t_step_max * in.F_dev()));
        // comm: the seed names the section but leaves it to design; LSDT defines t_comm_min = B_update / BW_node_sust
        double t_comm = B_update / in.BW_node_sust();
        // budget: the seed's step_time_budget(t_step_max, t_step_compute_min, t_comm)
        double t_residual = t_step_max - t_step_compute_min - t_comm;
        double residual_fraction = t_residual / t_step_max;
        double accounted_fraction = (t_step_compute_min + t_comm) / t_step_max;
        // ckpt
        double t_ckpt_min = S_ckpt / in.BW_ckpt_sust();
        double N_ckpt = Math.ceil(in.T() / in.seconds_per_ckpt());
        double T_ckpt_total_min = N_ckpt * t_ckpt_min;
        double ckpt_fraction = T_ckpt_total_min / in.T();

        out.put("F_total_flop", F_total);
        out.put("F_req_flop_s", F_req);
        out.put("R_tok_req_tok_s", R_tok_req);
        out.put("B_weights_min_bytes", B_weights);
        out.put("B_grads_min_bytes", B_grads);
        out.put("B_opt_min_bytes", B_opt);
        out.put("B_state_min_bytes", B_state_min);
        out.put("BW_dataset_ideal_Bps", BW_dataset_ideal);
        out.put("BW_dataset_plan_Bps", BW_dataset_plan);
        out.put("S_ckpt_bytes", S_ckpt);
        out.put("BW_ckpt_req_Bps", BW_ckpt_req);
        out.put("N_compute_lower_bound", N_compute);
        out.put("N_state_memory_lower_bound", N_state);
        out.put("N_min_lower_bound", N_min);
        out.put("B_step_bytes", in.B_step());
        out.put("B_instant_min_bytes", B_instant_min);
        out.put("N_instant_device_lower_bound", N_instant);
        out.put("Tok_per_step", in.Tok_per_step());
        out.put("t_step_max_s", t_step_max);
        out.put("B_update_total_bytes_per_step", B_update);
        out.put("BW_update_global_min_Bps", BW_update_global_min);
        out.put("N_steps", N_steps);
        out.put("F_step_flop", F_step);
        out.put("t_step_compute_min_s", t_step_compute_min);
        out.put("N_devices_time_only", N_devices_time_only);
        out.put("N_guess_devices", N_guess);
        out.put("t_comm_min_s", t_comm);
        out.put("t_residual_s", t_residual);
        out.put("residual_fraction_of_step", residual_fraction);
        out.put("accounted_fraction_of_step", accounted_fraction);
        out.put("BW_ckpt_sust_Bps", in.BW_ckpt_sust());
        out.put("seconds_per_ckpt", in.seconds_per_ckpt());
        out.put("t_ckpt_min_s", t_ckpt_min);
        out.put("N_ckpt", N_ckpt);
        out.put("T_ckpt_total_min_s", T_ckpt_total_min);
        out.put("ckpt_fraction_of_run", ckpt_fraction);
        out.put("F_dev_sust_flop_s", in.F_dev());
        out.put("B_dev_mem_bytes", in.B_dev());
        out.put("BW_fabric_node_sust_Bps", in.BW_node_sust());
        return out;
    }
}
