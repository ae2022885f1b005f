package io.lsdt.cli;

import io.lsdt.graph.unit.UnitFormat;
import io.lsdt.graph.unit.Units;
import io.lsdt.physics.design.MemoryBreakdown;
import io.lsdt.physics.design.ParallelConfig;
import io.lsdt.physics.design.Prediction;
import io.lsdt.physics.design.StepLedger;
import io.lsdt.physics.uncertainty.Credibility;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Tables of designs for people. */
final class DesignPrinter {
    private DesignPrinter() {}

    static String table(List<Prediction> designs, double peak) {
        return table(designs, peak, null);
    }

    /**
     * @param designs designs, best first
     * @param peak the peak MFU divides by
     * @param credibility each design's uncertainty (its step's P10-P90 and its distance from the validated runs are
     *     printed), or null for none
     * @return the table
     */
    /**
     * The offload column of the designs table.
     *
     * @param o what a design offloads
     * @return the offload as the table shows it: "-", "optimizer" or "params"
     */
    static String offload(io.lsdt.physics.design.Offload o) {
        return switch (o) {
            case NONE -> "-";
            case OPTIMIZER -> "optimizer";
            case PARAMETERS -> "params";
        };
    }

    static String table(List<Prediction> designs, double peak,
            java.util.function.Function<Prediction, Credibility> credibility) {
        boolean u = credibility != null;
        List<String> head = new ArrayList<>(List.of("#", "TP", "CP", "PP", "v", "DP", "EP", "mb", "recompute",
                "ZeRO", "offload", "step"));
        if (u) {
            head.add("step P10-P90");
        }
        head.addAll(List.of("tokens/s", "TFLOP/s/GPU", "MFU"));
        if (u) {
            head.add("dist");
        }
        head.addAll(List.of("mem/GPU", "largest costs"));
        boolean[] right = new boolean[head.size()];
        java.util.Arrays.fill(right, true);
        right[head.indexOf("recompute")] = false;
        right[head.indexOf("offload")] = false;
        right[head.indexOf("largest costs")] = false;
        TextTable t = new TextTable(head.toArray(String[]::new), right);
        int i = 1;
        for (Prediction p : designs) {
            ParallelConfig c = p.config();
            Credibility cr = u ? credibility.apply(p) : null;
            List<String> row = new ArrayList<>(List.of(String.valueOf(i++), String.valueOf(c.tp()),
                    String.valueOf(c.cp()), String.valueOf(c.pp()), String.valueOf(c.vpp()), String.valueOf(c.dp()),
                    String.valueOf(c.ep()), String.valueOf(c.microBatch()), c.recompute().key(),
                    String.valueOf(c.zeroStage()), offload(c.offload()),
                    UnitFormat.format(p.stepTime(), Units.parse("s"))));
            if (u) {
                row.add(UncertaintyPrinter.stepRange(cr, p));
            }
            row.addAll(List.of(UnitFormat.format(p.tokensPerSecond(), Units.parse("token/s")),
                    UnitFormat.significant(p.modelFlopsPerGpu() / 1e12),
                    UnitFormat.significant(p.mfu(peak) * 100) + " %"));
            if (u) {
                row.add(String.format(java.util.Locale.ROOT, "%.2f", cr.distance()));
            }
            row.addAll(List.of(UnitFormat.format(p.memory().total(), Units.parse("GiB")), topCosts(p.ledger(), 3)));
            t.row(row.toArray(String[]::new));
        }
        return t.render("  ");
    }

    static String topCosts(StepLedger l, int n) {
        List<Map.Entry<String, Double>> e = new ArrayList<>(entries(l));
        e.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()));
        double total = l.total();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(n, e.size()); i++) {
            if (e.get(i).getValue() <= 0) {
                break;
            }
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(e.get(i).getKey()).append(' ').append(Math.round(e.get(i).getValue() / total * 100)).append('%');
        }
        return sb.toString();
    }

    static List<Map.Entry<String, Double>> entries(StepLedger l) {
        return List.of(Map.entry("compute", l.compute()), Map.entry("recompute", l.recompute()),
                Map.entry("memory-bound", l.memoryBound()), Map.entry("TP comm", l.tpComm()),
                Map.entry("CP comm", l.cpComm()), Map.entry("EP comm", l.epComm()), Map.entry("PP comm", l.ppComm()),
                Map.entry("DP comm", l.dpComm()), Map.entry("bubble", l.bubble()),
                Map.entry("optimizer", l.optimizer()));
    }

    static String ledger(Prediction p) {
        TextTable t = new TextTable(new String[] {"step time", "value", "share"}, false, true, true);
        for (Map.Entry<String, Double> e : entries(p.ledger())) {
            t.row(e.getKey(), UnitFormat.format(e.getValue(), Units.parse("s")),
                    UnitFormat.significant(e.getValue() / p.stepTime() * 100) + " %");
        }
        t.row("total", UnitFormat.format(p.stepTime(), Units.parse("s")), "100 %");
        return t.render("  ");
    }

    static String memory(Prediction p) {
        MemoryBreakdown m = p.memory();
        TextTable t = new TextTable(new String[] {"memory per GPU", "value"}, false, true);
        t.row("weights", UnitFormat.format(m.weights(), Units.parse("GiB")));
        t.row("gradients", UnitFormat.format(m.gradients(), Units.parse("GiB")));
        t.row("optimizer state", UnitFormat.format(m.optimizer(), Units.parse("GiB")));
        t.row("activations", UnitFormat.format(m.activations(), Units.parse("GiB")));
        t.row("reserve (assumption)", UnitFormat.format(m.reserve(), Units.parse("GiB")));
        t.row("total", UnitFormat.format(m.total(), Units.parse("GiB")));
        t.row("device capacity", UnitFormat.format(p.memoryCapacity(), Units.parse("GiB")));
        return t.render("  ");
    }
}
