package io.lsdt.physics.fundamentals;

import io.lsdt.graph.registry.Registry;
import io.lsdt.graph.resolve.Resolution;
import io.lsdt.graph.resolve.Resolver;
import io.lsdt.physics.brief.Brief;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the fundamentals layer on a brief: resolves every bundle variable through the equation graph and groups the
 * values into the seed's sections ({@code req}, {@code device_bounds}, {@code instant}, {@code movement},
 * {@code stepfacts}, {@code timecmp}, {@code comm}, {@code budget}, {@code ckpt}, {@code meta}).
 */
public final class Fundamentals {
    /** The bundle's sections and keys, in the seed implementation's order (a key may appear in several sections). */
    public static final Map<String, List<String>> SECTIONS = sections();

    private Fundamentals() {}

    private static Map<String, List<String>> sections() {
        Map<String, List<String>> s = new LinkedHashMap<>();
        s.put("req", List.of("F_total_flop", "F_req_flop_s", "R_tok_req_tok_s", "B_weights_min_bytes",
                "B_grads_min_bytes", "B_opt_min_bytes", "B_state_min_bytes", "BW_dataset_ideal_Bps",
                "BW_dataset_plan_Bps", "S_ckpt_bytes", "BW_ckpt_req_Bps"));
        s.put("device_bounds", List.of("N_compute_lower_bound", "N_state_memory_lower_bound", "N_min_lower_bound"));
        s.put("instant", List.of("B_step_bytes", "B_instant_min_bytes", "N_instant_device_lower_bound"));
        s.put("movement", List.of("Tok_per_step", "t_step_max_s", "B_update_total_bytes_per_step",
                "BW_update_global_min_Bps"));
        s.put("stepfacts", List.of("N_steps", "F_step_flop"));
        s.put("timecmp", List.of("t_step_max_s", "F_step_flop", "t_step_compute_min_s", "N_devices_time_only",
                "N_guess_devices"));
        s.put("comm", List.of("t_comm_min_s"));
        s.put("budget", List.of("t_residual_s", "residual_fraction_of_step", "accounted_fraction_of_step"));
        s.put("ckpt", List.of("S_ckpt_bytes", "BW_ckpt_sust_Bps", "seconds_per_ckpt", "t_ckpt_min_s", "N_ckpt",
                "T_ckpt_total_min_s", "ckpt_fraction_of_run"));
        s.put("meta", List.of("F_dev_sust_flop_s", "B_dev_mem_bytes", "BW_fabric_node_sust_Bps"));
        return java.util.Collections.unmodifiableMap(s);
    }

    /**
     * The variables of the fundamentals bundle, the targets {@link #compute} resolves.
     *
     * @return every bundle variable, fully qualified, each once, in section order
     */
    public static List<String> targets() {
        List<String> out = new ArrayList<>();
        for (List<String> keys : SECTIONS.values()) {
            for (String k : keys) {
                String v = FundamentalsScope.NAME + "." + k;
                if (!out.contains(v)) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    /**
     * Resolves the fundamentals of a brief: FLOPs, memory, time and energy bounds from first principles.
     *
     * @param registry the graph (with the {@code fundamentals} scope)
     * @param brief a loaded brief
     * @return the resolved bundle
     * @throws io.lsdt.graph.error.LsdtException when an input is invalid for its variable; when a bundle value is not
     *     a finite number ({@link io.lsdt.graph.error.Problem#NON_FINITE}, naming it and the brief's inputs below it)
     */
    public static FundamentalsResult compute(Registry registry, Brief brief) {
        Resolution r = new Resolver(registry).resolve(brief.assignments(registry), brief.variants(), targets());
        try {
            r.requireFinite(targets(), userOrigin(brief));
        } catch (io.lsdt.graph.error.LsdtException e) {
            throw e.isUserError() ? e.inContext(brief.file()) : e;
        }
        return new FundamentalsResult(brief, r);
    }

    /**
     * The origins of a brief's own inputs, to tell them apart from catalog values and defaults in explanations.
     *
     * @param brief a brief
     * @return where each input the brief's author wrote came from (its field), null for catalog values and defaults
     */
    public static java.util.function.Function<String, String> userOrigin(Brief brief) {
        return variable -> {
            io.lsdt.physics.brief.BriefInput in = brief.input(variable);
            return in == null || in.source() != null ? null : "brief " + in.origin();
        };
    }
}
