package io.lsdt.cli;

import io.lsdt.physics.uncertainty.BestMeasured;
import io.lsdt.physics.uncertainty.Intervals;
import io.lsdt.physics.uncertainty.IntervalsYaml;
import io.lsdt.physics.uncertainty.RegimeResiduals;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What {@code lsdt validate --write-intervals} wrote, for people and as JSON. */
final class IntervalsPrinter {
    private IntervalsPrinter() {}

    static String text(Intervals t, Path file) {
        StringBuilder sb = new StringBuilder();
        int rows = t.provenance().inputs().stream().mapToInt(Intervals.Input::rows).sum();
        sb.append("wrote ").append(file).append(": the residuals of ").append(t.runs().size())
                .append(" predicted runs of ").append(rows).append(" (");
        List<String> parts = new ArrayList<>();
        for (Intervals.Input in : t.provenance().inputs()) {
            parts.add(in.file() + ": " + in.predicted() + " of " + in.rows());
        }
        sb.append(String.join("; ", parts)).append("), generated ").append(t.provenance().generated())
                .append(", step model ").append(t.provenance().stepModel()).append('\n');
        sb.append("log residual = ").append(IntervalsYaml.RESIDUAL).append(".\nP10 and P90: ")
                .append(IntervalsYaml.QUANTILE).append(". An entry with fewer than ").append(t.minRows())
                .append(" runs uses its family's residuals, a family with fewer all runs'.\n\n");
        TextTable table = new TextTable(new String[] {"entry", "runs", "P10", "P90", "rate × (P10-P90)",
            "uses", "sources"}, false, true, true, true, true, false, true);
        for (RegimeResiduals r : t.regimes().values()) {
            table.row(r.key(), String.valueOf(r.rows()), signed(r.p10()), signed(r.p90()),
                    String.format(Locale.ROOT, "%.2f-%.2f", Math.exp(r.p10()), Math.exp(r.p90())),
                    r.uses().equals(r.key()) ? "itself" : r.uses() + " (pooled)", String.valueOf(r.sources().size()));
        }
        sb.append(table.render("  "));
        sb.append("\nbest MFU measured per device, precision and scale band (LSDT's model FLOPs at the measured speed "
                + "over the dense peak)\n");
        TextTable best = new TextTable(new String[] {"device", "precision", "devices", "MFU", "run"}, false, false,
                false, true, false);
        for (BestMeasured b : t.best()) {
            best.row(b.device(), b.precision(), b.scale().key(), Fmt.pct(b.mfu()), b.runId() + " (" + b.devices()
                    + " devices)");
        }
        sb.append(best.render("  "));
        sb.append("\nregenerate with: ").append(t.provenance().command()).append('\n');
        return sb.toString();
    }

    static Map<String, Object> json(Intervals t, Path file) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file.toString());
        m.put("generated", t.provenance().generated());
        m.put("command", t.provenance().command());
        m.put("step_model", t.provenance().stepModel());
        m.put("min_rows", t.minRows());
        List<Map<String, Object>> inputs = new ArrayList<>();
        for (Intervals.Input in : t.provenance().inputs()) {
            Map<String, Object> i = new LinkedHashMap<>();
            i.put("file", in.file());
            i.put("rows", in.rows());
            i.put("predicted", in.predicted());
            inputs.add(i);
        }
        m.put("inputs", inputs);
        List<Map<String, Object>> regimes = new ArrayList<>();
        for (RegimeResiduals r : t.regimes().values()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("key", r.key());
            e.put("rows", r.rows());
            e.put("p10", r.p10());
            e.put("p90", r.p90());
            e.put("uses", r.uses());
            e.put("sources", r.sources());
            regimes.add(e);
        }
        m.put("regimes", regimes);
        List<Map<String, Object>> best = new ArrayList<>();
        for (BestMeasured b : t.best()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("device", b.device());
            e.put("precision", b.precision());
            e.put("scale", b.scale().key());
            e.put("mfu", b.mfu());
            e.put("devices", b.devices());
            e.put("run_id", b.runId());
            e.put("source", b.source());
            best.add(e);
        }
        m.put("best_mfu", best);
        m.put("runs", t.runs().size());
        return m;
    }

    private static String signed(double v) {
        return String.format(Locale.ROOT, "%+.3f", v);
    }
}
