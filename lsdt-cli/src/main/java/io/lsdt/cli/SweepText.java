package io.lsdt.cli;

import io.lsdt.api.SearchMemo;
import io.lsdt.api.Sweep;
import io.lsdt.api.SweepOutput;
import io.lsdt.api.SweepRow;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** What {@code lsdt sweep} prints when it is done: the counts, the rate, the Pareto fronts, the files. */
final class SweepText {
    /** Front rows printed per front. */
    static final int FRONT_ROWS = 12;

    private SweepText() {}

    static String summary(String file, Sweep sweep, SweepOutput.Summary s, long resumed, double secs, String engine,
            SearchMemo memo, Path csv, List<String> files) {
        StringBuilder sb = new StringBuilder();
        List<String> dims = new ArrayList<>();
        sweep.axes().forEach(a -> dims.add(a.name() + " " + a.values().size()));
        sb.append("Sweep: ").append(sweep.name()).append(" (").append(file).append(")\n");
        sb.append("  ").append(Fmt.count(sweep.size())).append(" points (").append(sweep.listed()
                ? "listed; axes " + String.join(", ", sweep.axes().stream().map(Sweep.Axis::name).toList())
                : String.join(" × ", dims)).append(")\n");
        long ran = sweep.size() - resumed;
        sb.append("  planned ").append(Fmt.count(ran)).append(" points in ")
                .append(String.format(Locale.ROOT, "%.1f s", secs)).append(" on ").append(engine).append(" (")
                .append(SweepCommand.rate(ran, secs)).append(" plans/s")
                .append(resumed > 0 ? "; resumed after " + Fmt.count(resumed) + " points already written" : "")
                .append(memo != null ? "; " + Fmt.count(memo.misses()) + " design searches, "
                        + Fmt.count(memo.hits()) + " reused" : "")
                .append(")\n");
        sb.append("  a design fits at ").append(Fmt.count(s.ok())).append(" points, ")
                .append(Fmt.count(s.meets())).append(" of them meet their deadline; ")
                .append(Fmt.count(s.rows() - s.ok())).append(" without a design (status and reason in the CSV)\n");
        List<List<String>> rows = new ArrayList<>();
        List<String> header;
        TreeSet<Long> any = new TreeSet<>(s.costFront());
        any.addAll(s.co2Front());
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            header = SweepRow.split(r.readLine());
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                int comma = line.indexOf(',');
                if (any.contains(Long.parseLong(line.substring(0, comma)))) {
                    rows.add(SweepRow.split(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        front(sb, "Pareto front: cost against time to train", "pareto_cost_time", header, rows, sweep);
        front(sb, "Pareto front: CO2 against time to train", "pareto_co2_time", header, rows, sweep);
        sb.append("\nFiles\n");
        for (String f : files) {
            try {
                sb.append("  ").append(f).append("  (").append(Outputs.size(Files.size(Path.of(f)))).append(")\n");
            } catch (IOException e) {
                sb.append("  ").append(f).append('\n');
            }
        }
        return sb.toString();
    }

    private static void front(StringBuilder sb, String title, String column, List<String> header,
            List<List<String>> rows, Sweep sweep) {
        int mark = header.indexOf(column);
        List<List<String>> on = rows.stream().filter(r -> r.get(mark).equals("true")).sorted((a, b) -> Double
                .compare(Double.parseDouble(a.get(header.indexOf("time_to_train_d"))),
                        Double.parseDouble(b.get(header.indexOf("time_to_train_d"))))).toList();
        sb.append('\n').append(title).append(" (").append(on.size()).append(on.size() == 1 ? " point" : " points")
                .append(on.size() > FRONT_ROWS ? ", the fastest " + FRONT_ROWS + " shown" : "")
                .append("; fastest first)\n");
        List<String> cols = new ArrayList<>(List.of("#"));
        sweep.axes().forEach(a -> cols.add(a.name()));
        cols.addAll(List.of("TP", "CP", "PP", "DP", "time to train", "P10-P90 (d)", "cost", "CO2", "MFU",
                "meets"));
        boolean[] right = new boolean[cols.size()];
        java.util.Arrays.fill(right, true);
        for (int i = 1; i <= sweep.axes().size(); i++) {
            right[i] = false;
        }
        TextTable t = new TextTable(cols.toArray(String[]::new), right);
        for (List<String> r : on.subList(0, Math.min(FRONT_ROWS, on.size()))) {
            List<String> cells = new ArrayList<>();
            cells.add(r.get(0));
            for (int i = 1; i <= sweep.axes().size(); i++) {
                cells.add(r.get(i));
            }
            cells.add(r.get(header.indexOf("tp")));
            cells.add(r.get(header.indexOf("cp")));
            cells.add(r.get(header.indexOf("pp")));
            cells.add(r.get(header.indexOf("dp")));
            cells.add(Fmt.days(Double.parseDouble(r.get(header.indexOf("time_to_train_d"))) * 86400));
            cells.add(String.format(Locale.ROOT, "%.1f-%.1f",
                    Double.parseDouble(r.get(header.indexOf("time_to_train_p10_d"))),
                    Double.parseDouble(r.get(header.indexOf("time_to_train_p90_d")))));
            cells.add(MacroPrinter.usd(Double.parseDouble(r.get(header.indexOf("cost_usd")))));
            cells.add(String.format(Locale.ROOT, "%,.0f t", Double.parseDouble(r.get(header.indexOf("co2_t")))));
            cells.add(Fmt.pct(Double.parseDouble(r.get(header.indexOf("mfu")))));
            cells.add(r.get(header.indexOf("meets_deadline")).equals("true") ? "yes" : "no");
            t.row(cells.toArray(String[]::new));
        }
        sb.append(t.render("  "));
    }
}
