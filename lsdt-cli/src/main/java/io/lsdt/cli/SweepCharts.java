package io.lsdt.cli;

import io.lsdt.api.Sweep;
import io.lsdt.api.SweepRow;
import java.awt.Color;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The plots of {@code lsdt sweep}, drawn from its CSV in one streaming pass (XChart, PNG; fixed size and fonts, so
 * the same rows give the same bytes): the two Pareto fronts over every point, and the scaling curves.
 */
final class SweepCharts {
    /** Points drawn per scatter at most: a larger sweep is thinned to every k-th point (the fronts are whole). */
    static final int MAX_SCATTER = 20_000;
    /** Scaling curves drawn at most. */
    static final int MAX_CURVES = 10;

    private SweepCharts() {}

    /**
     * One plot: its file-name stem and its PNG.
     *
     * @param name the file-name stem
     * @param png the chart as PNG
     */
    record Plot(String name, byte[] png) {}

    static List<Plot> plots(Path csv, Sweep sweep) {
        long stride = Math.max(1, (sweep.size() + MAX_SCATTER - 1) / MAX_SCATTER);
        // the scatter is coloured by the first axis' value when it has at most MAX_CURVES values
        boolean grouped = !sweep.axes().isEmpty() && sweep.axes().get(0).values().size() <= MAX_CURVES
                && sweep.axes().get(0).values().size() > 1;
        Map<String, List<double[]>> all = new LinkedHashMap<>();
        List<double[]> costFront = new ArrayList<>();
        List<double[]> co2Front = new ArrayList<>();
        int gpuAxis = -1;
        for (int i = 0; i < sweep.axes().size(); i++) {
            if (sweep.axes().get(i).path().equals("devices")) {
                gpuAxis = i;
            }
        }
        Map<String, TreeMap<Double, Double>> curves = new LinkedHashMap<>();
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            List<String> h = SweepRow.split(r.readLine());
            int iS = h.indexOf("status");
            int iT = h.indexOf("time_to_train_d");
            int iC = h.indexOf("cost_usd");
            int iE = h.indexOf("co2_t");
            int pC = h.indexOf("pareto_cost_time");
            int pE = h.indexOf("pareto_co2_time");
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                List<String> f = SweepRow.split(line);
                if (!f.get(iS).equals("ok")) {
                    continue;
                }
                long idx = Long.parseLong(f.get(0));
                double[] p = {Double.parseDouble(f.get(iT)), Double.parseDouble(f.get(iC)) / 1e6,
                    Double.parseDouble(f.get(iE))};
                if (idx % stride == 0) {
                    all.computeIfAbsent(grouped ? sweep.axes().get(0).name() + " " + f.get(1) : stride > 1
                            ? "points (every " + stride + "th)" : "points", k -> new ArrayList<>()).add(p);
                }
                if (f.get(pC).equals("true")) {
                    costFront.add(p);
                }
                if (f.get(pE).equals("true")) {
                    co2Front.add(p);
                }
                if (gpuAxis >= 0) {
                    List<String> key = new ArrayList<>();
                    for (int a = 0; a < sweep.axes().size(); a++) {
                        if (a != gpuAxis) {
                            key.add(f.get(1 + a));
                        }
                    }
                    String k = key.isEmpty() ? "time to train" : String.join(", ", key);
                    if (curves.containsKey(k) || curves.size() < MAX_CURVES) {
                        curves.computeIfAbsent(k, x -> new TreeMap<>()).put(Double.parseDouble(f.get(1 + gpuAxis)),
                                p[0]);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Plot> out = new ArrayList<>();
        out.add(new Plot("pareto-cost-time", scatter("Cost against time to train: every point and the Pareto front",
                "cost of the run (million USD)", all, costFront, 1, stride)));
        out.add(new Plot("pareto-co2-time", scatter("CO2 against time to train: every point and the Pareto front",
                "CO2 of the run (t)", all, co2Front, 2, stride)));
        if (!curves.isEmpty()) {
            // curves that are the same line (an axis the time does not depend on, such as the region) drawn once
            Map<TreeMap<Double, Double>, String> same = new LinkedHashMap<>();
            curves.forEach((k, v) -> same.merge(v, k, (a, b) -> a + " = " + b));
            Map<String, TreeMap<Double, Double>> merged = new LinkedHashMap<>();
            same.forEach((v, k) -> merged.put(k, v));
            out.add(new Plot("scaling", scaling(merged)));
        }
        return out;
    }

    /** Palette entries that tell curves apart (no light-dark pairs next to each other). */
    private static final int[] DISTINCT = {0, 3, 6, 7, 5, 8, 9, 2, 1, 4};

    private static final Color[] LIGHT = {new Color(0x6baed6), new Color(0xfdae6b), new Color(0x74c476),
        new Color(0x9e9ac8), new Color(0xfc9272), new Color(0xbdbdbd), new Color(0xc49c94), new Color(0xf7b6d2),
        new Color(0xdbdb8d), new Color(0x9edae5)};

    private static byte[] scatter(String title, String yTitle, Map<String, List<double[]>> all, List<double[]> front, int y,
            long stride) {
        XYChart c = new XYChart(ReportCharts.WIDTH, ReportCharts.HEIGHT);
        ReportCharts.style(c.getStyler());
        c.setTitle(title);
        c.setXAxisTitle("time to train (days, log scale; stragglers and failures included)");
        c.setYAxisTitle(yTitle);
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setYAxisDecimalPattern("#,##0.###");
        c.getStyler().setMarkerSize(7);
        int i = 0;
        for (Map.Entry<String, List<double[]>> e : all.entrySet()) {
            XYSeries s = c.addSeries(e.getKey(), e.getValue().stream().mapToDouble(p -> p[0]).toArray(),
                    e.getValue().stream().mapToDouble(p -> p[y]).toArray());
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(all.size() == 1 ? new Color(0x9ecae1) : LIGHT[i++ % LIGHT.length]);
        }
        List<double[]> f = new ArrayList<>(front);
        f.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(b[y], a[y]));
        if (!f.isEmpty()) {
            XYSeries s = c.addSeries("Pareto front (" + f.size() + ")", f.stream().mapToDouble(p -> p[0]).toArray(),
                    f.stream().mapToDouble(p -> p[y]).toArray());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setMarker(SeriesMarkers.DIAMOND);
            s.setMarkerColor(ReportCharts.PALETTE[7]);
            s.setLineColor(ReportCharts.PALETTE[7]);
        }
        if (all.isEmpty()) {
            c.addSeries("no point has a design", new double[] {0}, new double[] {0});
        }
        return ReportCharts.png(c);
    }

    private static byte[] scaling(Map<String, TreeMap<Double, Double>> curves) {
        XYChart c = new XYChart(ReportCharts.WIDTH, ReportCharts.HEIGHT);
        ReportCharts.style(c.getStyler());
        c.setTitle("Scaling: time to train against GPUs, best design at each count");
        c.setXAxisTitle("GPUs (log scale)");
        c.setYAxisTitle("time to train (days, log scale)");
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setMarkerSize(7);
        int i = 0;
        for (Map.Entry<String, TreeMap<Double, Double>> e : curves.entrySet()) {
            double[] x = e.getValue().keySet().stream().mapToDouble(Double::doubleValue).toArray();
            double[] t = e.getValue().values().stream().mapToDouble(Double::doubleValue).toArray();
            XYSeries s = c.addSeries(e.getKey(), x, t);
            Color col = ReportCharts.PALETTE[DISTINCT[i % DISTINCT.length]];
            s.setLineColor(col);
            s.setMarkerColor(col);
            s.setMarker(SeriesMarkers.CIRCLE);
            i++;
        }
        return ReportCharts.png(c);
    }
}
