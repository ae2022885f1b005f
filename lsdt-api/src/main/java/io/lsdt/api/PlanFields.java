package io.lsdt.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The numbers a plan reports for one design, each named by the graph variable it is: the one table the command
 * line's JSON and text, and the tests that explain every number, read. A field's value is the variable's value (SI)
 * times its scale.
 */
public final class PlanFields {
    private PlanFields() {}

    /**
     * One reported number.
     *
     * @param path the JSON path inside a design's object, e.g. {@code ledger_s.compute}
     * @param variable the graph variable
     * @param scale factor from the variable's SI value to the field's (1 but for TFLOP/s)
     */
    public record Field(String path, String variable, double scale) {}

    /** A design's numbers, in output order. */
    public static final List<Field> DESIGN = List.of(
            f("configuration.tp", "design.tp"), f("configuration.pp", "design.pp"),
            f("configuration.vpp", "design.vpp"), f("configuration.dp", "design.dp"),
            f("configuration.cp", "design.cp"), f("configuration.ep", "design.ep"),
            f("configuration.micro_batch", "design.mb"), f("configuration.global_batch", "design.gbs"),
            f("configuration.micro_batches", "design.m"), f("configuration.zero_stage", "design.zero_stage"),
            f("configuration.devices", "design.devices"),
            f("step_time_s", "design.t_step"), f("tokens_per_s", "design.tokens_per_s"),
            new Field("tflops_per_gpu", "design.flops_gpu", 1e-12), f("mfu", "design.mfu"), f("hfu", "design.hfu"),
            f("model_flops_per_step", "design.flop_model_step"),
            f("memory_per_gpu_bytes", "design.mem_total"),
            f("ledger_s.compute", "design.t_compute"), f("ledger_s.recompute", "design.t_recompute"),
            f("ledger_s.memory_bound", "design.t_mem"), f("ledger_s.tp_comm", "design.t_tp_exposed"),
            f("ledger_s.cp_comm", "design.t_cp_exposed"), f("ledger_s.ep_comm", "design.t_ep"),
            f("ledger_s.pp_comm", "design.t_pp"), f("ledger_s.dp_comm", "design.t_dp_exposed"),
            f("ledger_s.bubble", "design.t_bubble"), f("ledger_s.optimizer", "design.t_optimizer"),
            f("memory_bytes.weights", "design.mem_weights"), f("memory_bytes.gradients", "design.mem_grads"),
            f("memory_bytes.optimizer", "design.mem_opt"), f("memory_bytes.activations", "design.mem_act"),
            f("memory_bytes.reserve", "design.reserve"), f("memory_bytes.capacity", "design.hbm_cap"),
            f("memory_bytes.host_offloaded", "design.mem_host"), f("memory_bytes.host_capacity", "design.host_cap"));

    /** The headline time to train and its components, and the headline MFU and its component. */
    public static final List<Field> HEADLINE = List.of(
            f("time_to_train_s", DesignPoint.TIME_TO_TRAIN), f("design_step_s", "design.t_step"),
            f("expected_step_s", "training.t_step"), f("steps", "training.n_steps"),
            f("without_failures_s", "training.wallclock_nominal"), f("goodput", "rel.goodput"),
            f("mfu", DesignPoint.MFU), f("design_mfu", "design.mfu"),
            f("model_flops_per_step", "design.flop_model_step"),
            f("fundamentals_flops_per_step", "fundamentals.F_step_flop"));

    /** A design's P10 and P90 (graph values of the {@code uncertainty} scope), in output order. */
    public static final List<Field> UNCERTAINTY = List.of(
            f("uncertainty.step_time_s_p10", "uncertainty.t_step_p10"),
            f("uncertainty.step_time_s_p90", "uncertainty.t_step_p90"),
            f("uncertainty.time_to_train_s_p10", "uncertainty.wallclock_p10"),
            f("uncertainty.time_to_train_s_p90", "uncertainty.wallclock_p90"),
            f("uncertainty.mfu_p10", "uncertainty.mfu_p10"), f("uncertainty.mfu_p90", "uncertainty.mfu_p90"),
            f("uncertainty.resid_p10", "uncertainty.resid_p10"), f("uncertainty.resid_p90", "uncertainty.resid_p90"),
            f("uncertainty.runs", "uncertainty.runs"), f("uncertainty.distance", "uncertainty.distance"),
            f("uncertainty.widening", "uncertainty.widening"), f("uncertainty.log_low", "uncertainty.log_low"),
            f("uncertainty.log_high", "uncertainty.log_high"));

    /** The P10 and P90 of the headline time to train and MFU. */
    public static final List<Field> HEADLINE_INTERVALS = List.of(
            f("time_to_train_s_p10", "uncertainty.wallclock_p10"),
            f("time_to_train_s_p90", "uncertainty.wallclock_p90"),
            f("mfu_p10", "uncertainty.mfu_p10"), f("mfu_p90", "uncertainty.mfu_p90"));

    private static Field f(String path, String variable) {
        return new Field(path, variable, 1);
    }

    /**
     * The values of fields for one design point, nested as the fields' dotted names are.
     *
     * @param fields fields
     * @param point a design point
     * @return the fields' values as nested maps (JSON-ready, SI but for the scale)
     */
    public static Map<String, Object> values(List<Field> fields, DesignPoint point) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field f : fields) {
            double v = point.value(f.variable()) * f.scale();
            // the design's degrees and counts (and the runs behind an interval) are whole numbers: print them as such
            boolean count = f.path().startsWith("configuration.") || f.path().equals("uncertainty.runs");
            put(out, f.path(), count && v == Math.rint(v) ? (Object) (long) v : v);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> m, String path, Object value) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            m.put(path, value);
            return;
        }
        Map<String, Object> sub = (Map<String, Object>) m.computeIfAbsent(path.substring(0, dot),
                k -> new LinkedHashMap<String, Object>());
        put(sub, path.substring(dot + 1), value);
    }
}
