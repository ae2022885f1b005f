package io.lsdt.cli;

import io.lsdt.api.DesignPoint;
import io.lsdt.api.Scaling;
import io.lsdt.physics.validation.Metric;
import io.lsdt.physics.validation.RunResult;
import io.lsdt.physics.validation.RunsReport;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The plots of {@code lsdt report}, drawn with XChart and encoded as PNG. Every chart has a fixed size and fixed
 * fonts, and PNG encoding through ImageIO writes no timestamp, so the same numbers give the same bytes.
 */
final class ReportCharts {
    /** Width and height of every plot (pixels). */
    static final int WIDTH = 1000;
    static final int HEIGHT = 520;

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font BASE = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    /** The ledger's parts, in the plan's order: label and graph variable. */
    static final Map<String, String> LEDGER = ordered("compute", "design.t_compute", "recompute",
            "design.t_recompute", "memory-bound", "design.t_mem", "TP comm", "design.t_tp_exposed", "CP comm",
            "design.t_cp_exposed", "EP comm", "design.t_ep", "PP comm", "design.t_pp", "DP comm",
            "design.t_dp_exposed", "bubble", "design.t_bubble", "optimizer", "design.t_optimizer");

    /** The memory parts per GPU: label and graph variable. */
    static final Map<String, String> MEMORY = ordered("weights", "design.mem_weights", "gradients",
            "design.mem_grads", "optimizer state", "design.mem_opt", "activations", "design.mem_act",
            "reserve (assumption)", "design.reserve");

    static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xaec7e8), new Color(0x7f7f7f),
        new Color(0xff7f0e), new Color(0xffbb78), new Color(0x9467bd), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0x8c564b), new Color(0x17becf)};

    private ReportCharts() {}

    /**
     * One plot: a file-name stem, a title for the HTML, the chart as PNG and as SVG.
     *
     * @param name file-name stem
     * @param title caption
     * @param png the chart at {@link #WIDTH} × {@link #HEIGHT} pixels
     * @param svg the same chart as an SVG document (UTF-8), vector for papers
     */
    record Plot(String name, String title, byte[] png, byte[] svg) {}

    private static Plot plot(String name, String title, Chart<?, ?> chart) {
        return new Plot(name, title, png(chart), svg(chart));
    }

    private static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static void style(Styler s) {
        s.setChartTitleFont(TITLE);
        s.setBaseFont(BASE);
        s.setLegendFont(BASE);
        s.setChartBackgroundColor(Color.WHITE);
        s.setLegendBorderColor(Color.LIGHT_GRAY);
        s.setAntiAlias(true);
        s.setTextAntiAlias(true);
        s.setChartPadding(12);
        s.setAnnotationTextFont(BASE);
        s.setAnnotationTextFontColor(Color.DARK_GRAY);
        if (s instanceof AxesChartStyler a) {
            a.setAxisTitleFont(BASE);
            a.setAxisTickLabelsFont(BASE);
            a.setPlotBackgroundColor(Color.WHITE);
            a.setPlotBorderColor(Color.GRAY);
            a.setPlotGridLinesColor(new Color(0xdddddd));
        }
    }

    static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a plot as PNG in memory", e);
        }
    }

    /**
     * The chart drawn by XChart onto Apache Batik's SVG Graphics2D, at the chart's own size: vector shapes, the
     * labels as outlines (XChart draws text as shapes). Batik numbers its clip paths in drawing order, so the same
     * chart gives the same bytes.
     *
     * @param chart a chart
     * @return the SVG document, UTF-8
     */
    static byte[] svg(Chart<?, ?> chart) {
        try {
            org.w3c.dom.Document doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .newDocument();
            org.apache.batik.svggen.SVGGeneratorContext ctx = org.apache.batik.svggen.SVGGeneratorContext
                    .createDefault(doc);
            ctx.setComment("lsdt report (XChart drawn through Apache Batik's SVGGraphics2D)");
            ctx.setEmbeddedFontsOn(false);
            org.apache.batik.svggen.SVGGraphics2D g = new org.apache.batik.svggen.SVGGraphics2D(ctx, false);
            g.setSVGCanvasSize(new java.awt.Dimension(chart.getWidth(), chart.getHeight()));
            chart.paint(g, chart.getWidth(), chart.getHeight());
            java.io.StringWriter w = new java.io.StringWriter();
            g.stream(w, false);
            g.dispose();
            return w.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (javax.xml.parsers.ParserConfigurationException | org.apache.batik.svggen.SVGGraphics2DIOException e) {
            throw new IllegalStateException("drawing a plot as SVG", e);
        }
    }

    /**
     * The labels of the designs on the report's charts.
     *
     * @param n the designs listed
     * @return category labels of the listed designs: "#1 (chosen)", "#2", …
     */
    static List<String> designLabels(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(i == 1 ? "#1 (chosen)" : "#" + i);
        }
        return out;
    }

    /**
     * The step-time ledger of each listed design as a stacked bar (s).
     *
     * @param designs the listed designs, the chosen one first
     * @param devices their device count, for the title
     * @return the chart
     */
    static Plot ledger(List<DesignPoint> designs, long devices) {
        CategoryChart c = new CategoryChart(WIDTH, HEIGHT);
        style(c.getStyler());
        c.setTitle("Step-time ledger of the best designs on " + Fmt.count(devices) + " GPUs");
        c.setXAxisTitle("design (as in the designs table)");
        c.setYAxisTitle("time per step (s)");
        c.getStyler().setStacked(true);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setSeriesColors(PALETTE);
        List<String> labels = designLabels(designs.size());
        for (Map.Entry<String, String> e : LEDGER.entrySet()) {
            List<Double> v = designs.stream().map(d -> d.value(e.getValue())).toList();
            c.addSeries(e.getKey(), labels, v);
        }
        return plot("ledger", "Step-time ledger", c);
    }

    /**
     * Memory per GPU of each listed design as a stacked bar (GiB), against the device's capacity.
     *
     * @param designs the listed designs, the chosen one first
     * @param device the device's catalog id, for the capacity line's label
     * @return the chart
     */
    static Plot memory(List<DesignPoint> designs, String device) {
        CategoryChart c = new CategoryChart(WIDTH, HEIGHT);
        style(c.getStyler());
        c.setTitle("Memory per GPU of the best designs, against the " + device + "'s capacity");
        c.setXAxisTitle("design (as in the designs table)");
        c.setYAxisTitle("memory per GPU (GiB)");
        c.getStyler().setStacked(true);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setSeriesColors(new Color[] {PALETTE[0], PALETTE[3], PALETTE[6], PALETTE[5], PALETTE[2]});
        List<String> labels = designLabels(designs.size());
        for (Map.Entry<String, String> e : MEMORY.entrySet()) {
            c.addSeries(e.getKey(), labels, designs.stream().map(d -> d.value(e.getValue()) / GIB).toList());
        }
        double cap = designs.get(0).value("design.hbm_cap") / GIB;
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setYAxisMax(Math.ceil(cap * 1.15 / 10) * 10);
        c.getStyler().setAnnotationLineColor(new Color(0xd62728));
        c.getStyler().setAnnotationLineStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {8f, 6f}, 0f));
        c.addAnnotation(new AnnotationLine(cap, false, false));
        c.addAnnotation(new AnnotationText(String.format(Locale.ROOT, "device capacity %.2f GiB", cap),
                (designs.size() + 1) / 2.0 - 0.5, cap * 1.06, false));
        return plot("memory", "Memory per GPU", c);
    }

    static final double GIB = 1024.0 * 1024 * 1024;

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /**
     * Step time and MFU of the best design at each device count of the sweep, against the count. The counts double
     * from one to the next, so evenly spaced categories are a log-2 axis.
     *
     * @param s the device-count sweep
     * @return the chart
     */
    static Plot scaling(Scaling s) {
        List<Scaling.Point> pts = s.fitting();
        CategoryChart c = new CategoryChart(WIDTH, HEIGHT);
        style(c.getStyler());
        c.setTitle("Scaling: the best design at each GPU count");
        c.setXAxisTitle("GPUs (each twice the one before: a log-2 axis)");
        c.setYAxisGroupTitle(0, "design step time (s)");
        c.setYAxisGroupTitle(1, "design MFU (%)");
        c.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setMarkerSize(9);
        c.getStyler().setOverlapped(true); // both series at each count, not side by side
        List<String> x = pts.stream().map(p -> Fmt.count(p.devices())
                + (p.devices() == s.center() ? " (plan)" : "")).toList();
        List<Double> step = pts.stream().map(p -> p.design().value("design.t_step")).toList();
        List<Double> mfu = pts.stream().map(p -> p.design().value("design.mfu") * 100).toList();
        var a = c.addSeries("design step time (s), left axis", x, step);
        a.setChartCategorySeriesRenderStyle(org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle.Line);
        a.setMarker(SeriesMarkers.CIRCLE).setLineColor(PALETTE[0]);
        a.setMarkerColor(PALETTE[0]);
        a.setYAxisGroup(0);
        var b = c.addSeries("design MFU (%), right axis", x, mfu);
        b.setChartCategorySeriesRenderStyle(org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle.Line);
        b.setMarker(SeriesMarkers.DIAMOND).setLineColor(PALETTE[3]);
        b.setMarkerColor(PALETTE[3]);
        b.setYAxisGroup(1);
        c.getStyler().setYAxisMin(0, 0.0);
        c.getStyler().setYAxisMin(1, 0.0);
        c.getStyler().setYAxisMax(1, 100.0);
        return plot("scaling", "Scaling curve", c);
    }

    /**
     * Cost against time to train of the best design at each device count, with the deadline.
     *
     * @param s the device-count sweep
     * @param deadline the brief's deadline (s)
     * @return the chart
     */
    static Plot costTime(Scaling s, double deadline) {
        List<Scaling.Point> pts = s.fitting();
        XYChart c = new XYChart(WIDTH, HEIGHT);
        style(c.getStyler());
        c.setTitle("Cost against time to train, one point per GPU count");
        c.setXAxisTitle("time to train (days; stragglers and failures included)");
        c.setYAxisTitle("cost of the run (million USD)");
        c.getStyler().setYAxisDecimalPattern("#,##0.###");
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        double[] x = pts.stream().mapToDouble(p -> p.design().timeToTrain() / 86400).toArray();
        double[] y = pts.stream().mapToDouble(p -> p.design().value("econ.run.total_cost") / 1e6).toArray();
        XYSeries a = c.addSeries("best design at each GPU count", x, y);
        a.setMarker(SeriesMarkers.CIRCLE).setLineColor(PALETTE[0]);
        a.setMarkerColor(PALETTE[0]);
        double dl = deadline / 86400;
        double xmax = Math.max(dl, java.util.Arrays.stream(x).max().orElse(dl)) * 1.12;
        double ymax = java.util.Arrays.stream(y).max().orElse(1) * 1.18;
        double ymin = Math.min(0, java.util.Arrays.stream(y).min().orElse(0));
        c.getStyler().setXAxisMin(0.0);
        c.getStyler().setXAxisMax(xmax);
        c.getStyler().setYAxisMin(ymin);
        c.getStyler().setYAxisMax(ymax);
        c.getStyler().setAnnotationLineColor(new Color(0xd62728));
        c.getStyler().setAnnotationLineStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {8f, 6f}, 0f));
        c.addAnnotation(new AnnotationLine(dl, true, false));
        c.addAnnotation(new AnnotationText("deadline " + Fmt.days(deadline), dl, ymax * 0.95, false));
        for (int i = 0; i < pts.size(); i++) {
            c.addAnnotation(new AnnotationText(Fmt.count(pts.get(i).devices()) + " GPUs", x[i] + xmax * 0.05,
                    y[i] + ymax * 0.035, false));
        }
        return plot("cost-vs-time", "Cost against time to train", c);
    }

    /**
     * Predicted against measured for every predicted run, log-log, with the identity and ±10 % lines.
     *
     * @param r the validation of the runs files
     * @return the chart
     */
    static Plot validation(RunsReport r) {
        XYChart c = new XYChart(WIDTH, HEIGHT);
        style(c.getStyler());
        c.setTitle(String.format(Locale.ROOT, "Predicted vs measured: %d runs, median |error| %.1f %%, p90 %.1f %%",
                r.summary().predicted(), r.summary().median(), r.summary().p90()));
        c.setXAxisTitle("measured (in each metric's unit, log scale)");
        c.setYAxisTitle("predicted (same unit, log scale)");
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setMarkerSize(7);
        c.getStyler().setPlotGridLinesColor(new Color(0xf2f2f2));
        Map<Metric, List<double[]>> byMetric = new LinkedHashMap<>();
        for (Metric m : Metric.values()) {
            byMetric.put(m, new ArrayList<>());
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (RunResult.Predicted p : r.predicted()) {
            if (p.measured() > 0 && p.predicted() > 0) {
                byMetric.get(p.metric()).add(new double[] {p.measured(), p.predicted()});
                lo = Math.min(lo, Math.min(p.measured(), p.predicted()));
                hi = Math.max(hi, Math.max(p.measured(), p.predicted()));
            }
        }
        lo = Math.pow(10, Math.floor(Math.log10(lo)));
        hi = Math.pow(10, Math.ceil(Math.log10(hi)));
        line(c, "predicted = measured", lo, hi, 1.0, new Color(0x333333), new BasicStroke(1.5f));
        BasicStroke dash = new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f},
                0f);
        line(c, "±10 %", lo, hi, 1.1, new Color(0x888888), dash);
        XYSeries minus = line(c, "-10 %", lo, hi, 0.9, new Color(0x888888), dash);
        minus.setShowInLegend(false);
        int k = 0;
        for (Map.Entry<Metric, List<double[]>> e : byMetric.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            double[] mx = e.getValue().stream().mapToDouble(v -> v[0]).toArray();
            double[] py = e.getValue().stream().mapToDouble(v -> v[1]).toArray();
            XYSeries s = c.addSeries(e.getKey().column() + " (" + e.getKey().unit() + "), " + mx.length, mx, py);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            Color col = PALETTE[(k++) % PALETTE.length];
            s.setMarkerColor(col);
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        c.getStyler().setXAxisMin(lo);
        c.getStyler().setXAxisMax(hi);
        c.getStyler().setYAxisMin(lo);
        c.getStyler().setYAxisMax(hi);
        return plot("validation", "Validation: predicted vs measured", c);
    }

    private static XYSeries line(XYChart c, String name, double lo, double hi, double f, Color col, BasicStroke st) {
        XYSeries s = c.addSeries(name, new double[] {lo, hi}, new double[] {lo * f, hi * f});
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(col);
        s.setLineStyle(st);
        return s;
    }
}
