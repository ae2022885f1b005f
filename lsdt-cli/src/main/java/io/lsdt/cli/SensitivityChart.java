package io.lsdt.cli;

import io.lsdt.api.Sensitivity;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The tornado chart of {@code lsdt sensitivity --png}: one output's one-at-a-time swings, widest on top. */
final class SensitivityChart {
    private SensitivityChart() {}

    /**
     * The tornado chart of one output: the widest one-at-a-time swings as bars.
     *
     * @param o an output of the analysis (its swings, widest first)
     * @param top the most bars
     * @return the PNG
     */
    static byte[] tornado(Sensitivity.Output o, int top) {
        List<Sensitivity.Swing> bars = o.swings().stream().filter(s -> s.width() > 0).limit(top).toList();
        boolean time = o.variable().equals("training.wallclock");
        double scale = time ? 86400 : 1;
        XYChart c = new XYChart(ReportCharts.WIDTH, Math.max(ReportCharts.HEIGHT, 60 + 44 * bars.size()));
        c.setTitle("Tornado: " + SensitivityCommand.TITLES.get(o.variable()) + " at " + SensitivityCommand.show(
                o.variable(), o.nominal()) + ", each input alone at its low (light) and high (dark) bound");
        c.setXAxisTitle(SensitivityCommand.TITLES.get(o.variable()) + (time ? " (d)" : " (SI)"));
        c.setYAxisTitle("inputs, widest swing on top");
        c.getStyler().setLegendVisible(false);
        c.getStyler().setYAxisTicksVisible(false);
        c.getStyler().setPlotGridHorizontalLinesVisible(false);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotBackgroundColor(Color.WHITE);
        c.getStyler().setAntiAlias(true);
        c.getStyler().setTextAntiAlias(true);
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setYAxisMax(bars.size() + 1.0);
        c.getStyler().setAnnotationTextFontColor(Color.DARK_GRAY);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        double nominal = o.nominal() / scale;
        BasicStroke thick = new BasicStroke(16f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER);
        for (int i = 0; i < bars.size(); i++) {
            Sensitivity.Swing s = bars.get(i);
            double y = bars.size() - i;
            XYSeries low = c.addSeries(s.input().variable() + " low", new double[] {s.atLow() / scale, nominal},
                    new double[] {y, y});
            low.setMarker(SeriesMarkers.NONE).setLineStyle(thick).setLineColor(new Color(0x9ecae1));
            XYSeries high = c.addSeries(s.input().variable() + " high", new double[] {nominal, s.atHigh() / scale},
                    new double[] {y, y});
            high.setMarker(SeriesMarkers.NONE).setLineStyle(thick).setLineColor(new Color(0x08519c));
            c.addAnnotation(new AnnotationText(s.input().variable() + " (" + s.input().kind().text() + ")",
                    nominal, y + 0.45, false));
        }
        XYSeries mid = c.addSeries("plan", new double[] {nominal, nominal}, new double[] {0, bars.size() + 1.0});
        mid.setMarker(SeriesMarkers.NONE).setLineColor(Color.GRAY).setLineStyle(new BasicStroke(1f));
        return ReportCharts.png(c);
    }
}
