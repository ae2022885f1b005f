package io.lsdt.physics.fundamentals;

import io.lsdt.graph.unit.Unit;
import io.lsdt.graph.unit.UnitFormat;
import io.lsdt.graph.unit.Units;

/**
 * The seed's "story" of a fundamentals bundle: the same numbers told as a chain of reasoning, with units.
 */
public final class Narrative {
    private Narrative() {}

    /**
     * The fundamentals in words, for the report.
     *
     * @param r a fundamentals result
     * @return the story, several short paragraphs
     */
    public static String tell(FundamentalsResult r) {
        StringBuilder sb = new StringBuilder();
        boolean moe = r.value("P") != valueOr(r, "P_active", r.value("P"));
        sb.append("I want to train a model of ").append(f(r, "P", "param")).append(" on ").append(f(r, "Tok", "token"))
                .append(" within ").append(f(r, "T", "d")).append(".\n");
        sb.append("At ").append(f(r, "c", "FLOP/(param·token)")).append(moe ? " for each of its "
                + f(r, "P_active", "param") + " active parameters" : "").append(", the run is ")
                .append(f(r, "F_total_flop", "FLOP")).append(": I need ").append(f(r, "F_req_flop_s", "FLOP/s"))
                .append(" sustained, which is ").append(f(r, "R_tok_req_tok_s", "token/s")).append(".\n\n");
        sb.append("The model state must exist somewhere: weights ").append(f(r, "B_weights_min_bytes", "B"))
                .append(", gradients ").append(f(r, "B_grads_min_bytes", "B")).append(", optimizer state ")
                .append(f(r, "B_opt_min_bytes", "B")).append(" — ").append(f(r, "B_state_min_bytes", "B"))
                .append(" at least.\n");
        sb.append("Streaming the data takes ").append(f(r, "BW_dataset_ideal_Bps", "B/s")).append(" (")
                .append(f(r, "BW_dataset_plan_Bps", "B/s")).append(" with headroom). A checkpoint is ")
                .append(f(r, "S_ckpt_bytes", "B")).append("; to write it within the allowed time I need ")
                .append(f(r, "BW_ckpt_req_Bps", "B/s")).append(".\n\n");
        sb.append("One device sustains ").append(f(r, "F_dev_sust_flop_s", "FLOP/s")).append(" and holds ")
                .append(f(r, "B_dev_mem_bytes", "B")).append(". So compute alone needs ")
                .append(count(r, "N_compute_lower_bound")).append(" devices, holding the state needs ")
                .append(count(r, "N_state_memory_lower_bound")).append(", and holding state plus the step's ")
                .append(f(r, "B_step_bytes", "B")).append(" working set needs ")
                .append(count(r, "N_instant_device_lower_bound")).append(". I start sizing at ")
                .append(count(r, "N_guess_devices")).append(" devices.\n\n");
        sb.append("Each step processes ").append(f(r, "Tok_per_step", "token")).append(", so there are ")
                .append(count(r, "N_steps")).append(" steps and each may take at most ")
                .append(f(r, "t_step_max_s", "s")).append(". A step is ").append(f(r, "F_step_flop", "FLOP"))
                .append("; on ").append(count(r, "N_guess_devices")).append(" devices that is at least ")
                .append(f(r, "t_step_compute_min_s", "s")).append(" of compute.\n");
        sb.append("Each step must also move an update signal of ").append(f(r, "B_update_total_bytes_per_step", "B"))
                .append(" (").append(f(r, "BW_update_global_min_Bps", "B/s")).append(" globally); over one node's ")
                .append(f(r, "BW_fabric_node_sust_Bps", "B/s")).append(" that is at least ")
                .append(f(r, "t_comm_min_s", "s")).append(". That leaves ").append(f(r, "t_residual_s", "s"))
                .append(" (").append(pct(r.value("residual_fraction_of_step"))).append(" of the step) for everything "
                        + "else.\n\n");
        sb.append("Checkpointing every ").append(f(r, "seconds_per_ckpt", "s")).append(" means ")
                .append(count(r, "N_ckpt")).append(" checkpoints of at least ").append(f(r, "t_ckpt_min_s", "s"))
                .append(" each: ").append(f(r, "T_ckpt_total_min_s", "s")).append(", ")
                .append(pct(r.value("ckpt_fraction_of_run"))).append(" of the run.\n");
        return sb.toString();
    }

    private static double valueOr(FundamentalsResult r, String key, double fallback) {
        return r.resolution().has(FundamentalsScope.NAME + "." + key) ? r.value(key) : fallback;
    }

    private static String f(FundamentalsResult r, String key, String unit) {
        Unit u = Units.parse(unit);
        String s = UnitFormat.format(r.value(key), u);
        return s;
    }

    private static String count(FundamentalsResult r, String key) {
        return UnitFormat.number(r.value(key));
    }

    private static String pct(double fraction) {
        return UnitFormat.significant(fraction * 100) + " %";
    }
}
