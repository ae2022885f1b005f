package io.lsdt.api;

import io.lsdt.physics.design.ParallelConfig;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One point of a {@link Sweep} planned: its axis values, the chosen design and its headline numbers, or why there is
 * none. Its CSV line ({@link #csv()}) and the JSON line made from it ({@link #json(List, List)}) are the sweep's
 * output format; every front end writes them through this class, so an in-process run and a distributed one write
 * the same bytes.
 *
 * @param index the point's number (from 0)
 * @param values its value on each axis, by axis name, in axis order
 * @param status {@code ok} (a design fits; the numbers are set), {@code no-fit} (no design fits on the point's
 *     devices) or {@code refused} (the point's brief is refused: a bad combination)
 * @param design the chosen design in words, or null
 * @param config the chosen design, or null
 * @param stepTime the design step (s), NaN without a design
 * @param mfu the headline MFU at the expected step (fraction), NaN without a design
 * @param timeToTrain the headline time to train (s): design step stretched by stragglers, over the goodput
 * @param timeToTrainP10 its P10 (s)
 * @param timeToTrainP90 its P90 (s)
 * @param cost the run's total cost (USD)
 * @param energy the facility energy of the run (J)
 * @param co2 the run's CO2, operational and embodied (kg)
 * @param meetsDeadline whether the time to train is within the deadline (false without a design)
 * @param reason why there is no design, or null
 */
public record SweepRow(long index, Map<String, String> values, String status, String design, ParallelConfig config,
        double stepTime, double mfu, double timeToTrain, double timeToTrainP10, double timeToTrainP90, double cost,
        double energy, double co2, boolean meetsDeadline, String reason) {

    /** The columns after the axis columns, in order. */
    public static final List<String> COLUMNS = List.of("status", "devices", "tp", "cp", "pp", "vpp", "dp", "ep",
            "micro_batch", "zero", "recompute", "step_s", "mfu", "time_to_train_d", "time_to_train_p10_d",
            "time_to_train_p90_d", "cost_usd", "energy_mwh", "co2_t", "meets_deadline", "pareto_cost_time",
            "pareto_co2_time", "design", "reason");

    private static final List<String> NUMERIC = List.of("devices", "tp", "cp", "pp", "vpp", "dp", "ep",
            "micro_batch", "zero", "step_s", "mfu", "time_to_train_d", "time_to_train_p10_d", "time_to_train_p90_d",
            "cost_usd", "energy_mwh", "co2_t");
    private static final List<String> BOOLEAN = List.of("meets_deadline", "pareto_cost_time", "pareto_co2_time");

    /**
     * The row of a point whose plan ran.
     *
     * @param p the point
     * @param plan its plan
     * @return its row: the chosen design's numbers, or {@code no-fit} with the search's reason
     */
    static SweepRow of(Sweep.Point p, Plan plan) {
        DesignPoint d = plan.chosen();
        if (d == null) {
            String why = plan.search() != null && plan.search().reason() != null ? plan.search().reason()
                    : plan.deadlineFirst() != null ? plan.deadlineFirst().reason() : "no design fits";
            return failed(p, "no-fit", why);
        }
        double[] ttt = d.intervalOf("wallclock");
        return new SweepRow(p.index(), p.values(), "ok", d.describe(), d.config(), d.value("design.t_step"),
                d.mfu(), d.timeToTrain(), ttt[0], ttt[1], d.macro().value("econ.run.total_cost"),
                d.macro().value("sust.energy.facility"), d.macro().value("sust.co2.total"), plan.meetsDeadline(),
                null);
    }

    /**
     * The row of a point without a design: none fits, or the point's brief was refused.
     *
     * @param p the point
     * @param status {@code no-fit} or {@code refused}
     * @param reason why
     * @return a row without a design
     */
    static SweepRow failed(Sweep.Point p, String status, String reason) {
        // one row, one line: a message's "Maybe ..." line joins its first
        return new SweepRow(p.index(), p.values(), status, null, null, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, false,
                reason.strip().replaceAll("\\s*\\R\\s*", " "));
    }

    /**
     * Whether the point has a design.
     *
     * @return whether a design fits
     */
    public boolean ok() {
        return status.equals("ok");
    }

    /**
     * The header line of a sweep's CSV output.
     *
     * @param axes the sweep's axes
     * @return the CSV header: {@code index}, the axis names, then {@link #COLUMNS}
     */
    public static String header(List<Sweep.Axis> axes) {
        List<String> h = new ArrayList<>();
        h.add("index");
        axes.forEach(a -> h.add(a.name()));
        h.addAll(COLUMNS);
        return join(h);
    }

    /**
     * The row as one CSV line (no line end), numbers to six significant digits in plain notation, the Pareto
     * columns empty (a sweep marks them when all its rows are known: {@link SweepOutput}).
     *
     * @return the line
     */
    public String csv() {
        List<String> f = new ArrayList<>();
        f.add(Long.toString(index));
        f.addAll(values.values());
        f.add(status);
        ParallelConfig c = config;
        if (c == null) {
            for (int i = 0; i < 10; i++) {
                f.add("");
            }
        } else {
            f.add(Long.toString(c.devices()));
            f.add(Integer.toString(c.tp()));
            f.add(Integer.toString(c.cp()));
            f.add(Integer.toString(c.pp()));
            f.add(Integer.toString(c.vpp()));
            f.add(Integer.toString(c.dp()));
            f.add(Integer.toString(c.ep()));
            f.add(Integer.toString(c.microBatch()));
            f.add(Integer.toString(c.zeroStage()));
            f.add(c.recompute().name().toLowerCase(java.util.Locale.ROOT));
        }
        f.add(num(stepTime));
        f.add(num(mfu));
        f.add(num(timeToTrain / 86400));
        f.add(num(timeToTrainP10 / 86400));
        f.add(num(timeToTrainP90 / 86400));
        f.add(num(cost));
        f.add(num(energy / 3.6e9));
        f.add(num(co2 / 1000));
        f.add(ok() ? Boolean.toString(meetsDeadline) : "");
        f.add("");
        f.add("");
        f.add(design == null ? "" : design);
        f.add(reason == null ? "" : reason);
        return join(f);
    }

    /**
     * Formats a number for a sweep's CSV output.
     *
     * @param v a number
     * @return six significant digits in plain notation ({@code 121234000}, {@code 0.542381}); empty for NaN
     */
    public static String num(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return "0";
        }
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /**
     * Joins fields into one CSV line.
     *
     * @param fields fields
     * @return them as one CSV line (RFC 4180: a field with a comma, quote or line end is quoted)
     */
    public static String join(List<String> fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String s = fields.get(i);
            if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                sb.append('"').append(s.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(s);
            }
        }
        return sb.toString();
    }

    /**
     * Splits one CSV line into its fields, undoing {@link #join}.
     *
     * @param line one CSV line as {@link #join} writes it
     * @return its fields
     */
    public static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        sb.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    sb.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(sb.toString());
                sb.setLength(0);
            } else {
                sb.append(ch);
            }
        }
        out.add(sb.toString());
        return out;
    }

    /**
     * One row's JSON line from its CSV fields: numeric columns as numbers, {@code meets_deadline} and the Pareto
     * columns as booleans, empty fields as null, the rest (axis values included) as strings.
     *
     * @param header the header's fields
     * @param fields the row's fields
     * @return a JSON object on one line (no line end)
     */
    public static String json(List<String> header, List<String> fields) {
        java.io.StringWriter w = new java.io.StringWriter();
        try (com.fasterxml.jackson.core.JsonGenerator g = JSON_FACTORY.createGenerator(w)) {
            g.writeStartObject();
            for (int i = 0; i < header.size(); i++) {
                String h = header.get(i);
                String v = i < fields.size() ? fields.get(i) : "";
                g.writeFieldName(h);
                if (v.isEmpty()) {
                    g.writeNull();
                } else if (h.equals("index") || NUMERIC.contains(h) && !v.equals("inf") && !v.equals("-inf")) {
                    g.writeNumber(v); // the CSV's own digits, unchanged
                } else if (BOOLEAN.contains(h)) {
                    g.writeBoolean(v.equals("true"));
                } else {
                    g.writeString(v);
                }
            }
            g.writeEndObject();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("writing a JSON line in memory", e);
        }
        return w.toString();
    }

    private static final com.fasterxml.jackson.core.JsonFactory JSON_FACTORY = new com.fasterxml.jackson.core.JsonFactory();
}
