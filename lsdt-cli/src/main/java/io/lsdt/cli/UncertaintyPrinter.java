package io.lsdt.cli;

import io.lsdt.graph.unit.UnitFormat;
import io.lsdt.physics.design.Prediction;
import io.lsdt.physics.uncertainty.BestMeasured;
import io.lsdt.physics.uncertainty.Configuration;
import io.lsdt.physics.uncertainty.Credibility;
import io.lsdt.physics.uncertainty.Interval;
import io.lsdt.physics.uncertainty.NearestRun;
import io.lsdt.physics.uncertainty.ValidatedRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A prediction's uncertainty — interval, distance, nearest validated runs, best measured MFU — for people and JSON. */
final class UncertaintyPrinter {
    private UncertaintyPrinter() {}

    /**
     * The regime of an interval in words.
     *
     * @param i an interval of the residuals table
     * @return the regime and where its residuals come from, e.g. "megatron/1025+/30B+ (19 runs)"
     */
    static String regime(Interval i) {
        return i.regime().key() + (i.pooled() ? " → pooled into " + i.used() : "") + " (" + i.rows() + " runs)";
    }

    /**
     * The uncertainty block of a plan's text.
     *
     * @param c a prediction's credibility
     * @param indent the indentation of every line
     * @return lines: the regime and its residuals, the distance and the widening, the nearest validated runs
     */
    static String text(Credibility c, String indent) {
        Interval i = c.interval();
        StringBuilder sb = new StringBuilder();
        sb.append(indent).append("regime ").append(i.regime().key()).append(" (").append(i.regime().describe())
                .append("): ");
        if (i.pooled()) {
            sb.append("fewer than the runs a regime needs, so the residuals of ").append(i.used()).append(": ");
        }
        sb.append(String.format(Locale.ROOT, "P10-P90 of ln(measured/predicted rate) %+.3f to %+.3f over %d "
                + "development runs%n", i.p10(), i.p90(), i.rows()));
        sb.append(indent).append(String.format(Locale.ROOT, "distance %.2f from the nearest validated run: the "
                + "interval widened to %+.3f to %+.3f (log-width x (1 + distance))%n", c.distance(), c.logLow(),
                c.logHigh()));
        sb.append(indent).append("nearest validated runs: ");
        List<String> near = new ArrayList<>();
        for (NearestRun n : c.nearest()) {
            near.add(nearest(n));
        }
        sb.append(near.isEmpty() ? "none" : String.join("; ", near)).append('\n');
        return sb.toString();
    }

    /**
     * One of the nearest validated runs in words.
     *
     * @param n a nearest run and its distance
     * @return one nearest run in words
     */
    static String nearest(NearestRun n) {
        ValidatedRun r = n.run();
        Configuration c = r.configuration();
        return String.format(Locale.ROOT, "%s (%.2f: %d x %s %s, TP %d PP %d CP %d EP %d; measured %s than "
                + "predicted by %.1f %%)", r.runId(), n.distance(), c.devices(), c.device(),
                c.numerics().name().toLowerCase(Locale.ROOT), c.tp(), c.pp(), c.cp(), c.ep(),
                r.logResidual() >= 0 ? "faster" : "slower", Math.abs(Math.expm1(r.logResidual())) * 100);
    }

    /**
     * The best measured MFU of a prediction's setting in words.
     *
     * @param b the best measured MFU, or null
     * @param c the prediction's configuration (its device and precision class name the setting when none was measured)
     * @return it in words, naming the run and its source, or that the development set has none
     */
    static String best(BestMeasured b, Configuration c) {
        if (b == null) {
            return "no run on " + c.device() + " at " + c.precisionClass() + " in the development set";
        }
        boolean sameBand = io.lsdt.physics.uncertainty.Regime.Scale.of(c.devices()) == b.scale();
        return String.format(Locale.ROOT, "%s on %s %s at %s devices%s: %s (%s, %d devices; %s)", "best measured",
                b.device(), b.precision(), b.scale().key(), sameBand ? "" : " (the nearest band with runs)",
                Fmt.pct(b.mfu()), b.runId(), b.devices(), b.source());
    }

    /**
     * A time's interval in words.
     *
     * @param c the prediction's credibility
     * @param t the predicted time (s)
     * @return a time's P10-P90 in seconds with readable units, e.g. "5.1 s to 5.9 s"
     */
    static String timeRange(Credibility c, double t) {
        return Fmt.secs(c.timeLow(t)) + " to " + Fmt.secs(c.timeHigh(t));
    }

    /**
     * A design's step-time interval for the designs table.
     *
     * @param c the design's credibility
     * @param p its prediction
     * @return a design's step P10-P90 for the designs table, both ends in the unit of the upper one, e.g.
     *     "4.449-6.333 s" or "5.318-8.398 min" (the lower end was printed in seconds: "319.1-8.398 min")
     */
    static String stepRange(Credibility c, Prediction p) {
        String high = Fmt.secs(c.timeHigh(p.stepTime()));
        String unit = high.substring(high.lastIndexOf(' ') + 1);
        return UnitFormat.significant(io.lsdt.graph.unit.Units.parse(unit).fromSi(c.timeLow(p.stepTime()))) + "-"
                + high;
    }

    /**
     * The dev-set facts behind a prediction's uncertainty (not graph values: the runs themselves).
     *
     * @param c the credibility
     * @return {@code regime, uses, nearest_runs, best_measured_mfu}
     */
    static Map<String, Object> evidence(Credibility c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("regime", c.interval().regime().key());
        m.put("uses", c.interval().used());
        m.put("pooled", c.interval().pooled());
        List<Map<String, Object>> near = new ArrayList<>();
        for (NearestRun n : c.nearest()) {
            ValidatedRun r = n.run();
            Configuration k = r.configuration();
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("run_id", r.runId());
            e.put("source", r.source());
            e.put("distance", n.distance());
            e.put("device", k.device());
            e.put("numerics", k.numerics().name().toLowerCase(Locale.ROOT));
            e.put("devices", k.devices());
            e.put("family", k.family().key());
            e.put("active_params", k.activeParams());
            e.put("tp", k.tp());
            e.put("pp", k.pp());
            e.put("cp", k.cp());
            e.put("ep", k.ep());
            e.put("log_residual", r.logResidual());
            near.add(e);
        }
        m.put("nearest_runs", near);
        BestMeasured b = c.best();
        if (b == null) {
            m.put("best_measured_mfu", null);
        } else {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("mfu", b.mfu());
            e.put("device", b.device());
            e.put("precision", b.precision());
            e.put("scale", b.scale().key());
            e.put("devices", b.devices());
            e.put("run_id", b.runId());
            e.put("source", b.source());
            m.put("best_measured_mfu", e);
        }
        return m;
    }

    /**
     * A search design's uncertainty for JSON (computed, not resolved: the search has no macro section).
     *
     * @param c its credibility
     * @param p the prediction
     * @param peak the peak its MFU is divided by
     * @return the bounds and the evidence
     */
    static Map<String, Object> json(Credibility c, Prediction p, double peak) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step_time_s_p10", c.timeLow(p.stepTime()));
        m.put("step_time_s_p90", c.timeHigh(p.stepTime()));
        m.put("tokens_per_s_p10", c.rateLow(p.tokensPerSecond()));
        m.put("tokens_per_s_p90", c.rateHigh(p.tokensPerSecond()));
        m.put("mfu_p10", c.rateLow(p.mfu(peak)));
        m.put("mfu_p90", c.rateHigh(p.mfu(peak)));
        m.put("resid_p10", c.interval().p10());
        m.put("resid_p90", c.interval().p90());
        m.put("runs", c.interval().rows());
        m.put("distance", c.distance());
        m.put("log_low", c.logLow());
        m.put("log_high", c.logHigh());
        m.putAll(evidence(c));
        return m;
    }
}
