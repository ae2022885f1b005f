package io.lsdt.sim.trace;

import io.lsdt.physics.io.AtomicFile;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.sim.engine.SimulationResult;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Paints a {@link TimelineLayout} as SVG, written by hand (no library): deterministic, byte for byte, so it can be
 * checked against golden files. Each shape becomes one element in painting order: {@code <rect>} with the shape's role
 * as its {@code class} (event boxes are {@code class="event <kind>"}, one per event) and its tooltip as a
 * {@code <title>} child, {@code <line>} and {@code <text>}. Coordinates are rounded to 0.01 px; the root has a
 * {@code viewBox} of the canvas size, so the picture scales.
 */
public final class TimelineSvg {
    private TimelineSvg() {
    }

    /**
     * Renders {@code result} with the default layout options.
     *
     * @param result the simulation result
     * @return the SVG document
     */
    public static String render(SimulationResult result) {
        return render(TimelineLayout.of(result));
    }

    /**
     * Renders a layout.
     *
     * @param layout the layout
     * @return the SVG document
     */
    public static String render(TimelineLayout layout) {
        StringWriter w = new StringWriter();
        try {
            paint(layout, w);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return w.toString();
    }

    /**
     * Writes the SVG of {@code result} (default options) to {@code target}, whole or not at all.
     *
     * @param result the simulation result
     * @param target the file to create or replace; its folder must exist
     * @throws LsdtException {@link Problem#INVALID_VALUE} when the file cannot be written (nothing is left behind)
     */
    public static void write(SimulationResult result, Path target) {
        write(TimelineLayout.of(result), target);
    }

    /**
     * Writes the SVG of a layout to {@code target}, whole or not at all.
     *
     * @param layout the layout
     * @param target the file to create or replace; its folder must exist
     * @throws LsdtException {@link Problem#INVALID_VALUE} when the file cannot be written (nothing is left behind)
     */
    public static void write(TimelineLayout layout, Path target) {
        Objects.requireNonNull(layout, "layout");
        AtomicFile.write(target, "SVG file", out -> writeTo(layout, out));
    }

    /**
     * Writes the SVG of {@code result} (default options) to a stream as UTF-8. The stream is flushed, not closed.
     *
     * @param result the simulation result
     * @param out the stream
     * @throws IOException when the stream fails
     */
    public static void writeTo(SimulationResult result, OutputStream out) throws IOException {
        writeTo(TimelineLayout.of(result), out);
    }

    /**
     * Writes the SVG of a layout to a stream as UTF-8. The stream is flushed, not closed.
     *
     * @param layout the layout
     * @param out the stream
     * @throws IOException when the stream fails
     */
    public static void writeTo(TimelineLayout layout, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        paint(layout, w);
        w.flush();
    }

    private static void paint(TimelineLayout layout, Writer w) throws IOException {
        Objects.requireNonNull(layout, "layout");
        w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        w.write("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + layout.width() + "\" height=\""
                + layout.height() + "\" viewBox=\"0 0 " + layout.width() + " " + layout.height()
                + "\" font-family=\"DejaVu Sans, Arial, Helvetica, sans-serif\">\n");
        w.write("<title>" + escape(layout.title()) + "</title>\n");
        for (TimelineLayout.Shape s : layout.shapes()) {
            switch (s) {
                case TimelineLayout.Rect r -> rect(w, r);
                case TimelineLayout.Line l -> line(w, l);
                case TimelineLayout.Text t -> text(w, t);
            }
        }
        w.write("</svg>\n");
    }

    private static void rect(Writer w, TimelineLayout.Rect r) throws IOException {
        w.write("<rect class=\"" + escape(r.role()) + "\" x=\"" + num(r.x()) + "\" y=\"" + num(r.y()) + "\" width=\""
                + num(r.width()) + "\" height=\"" + num(r.height()) + "\" fill=\"" + colour(r.fill()) + "\"");
        if (r.stroke() >= 0) {
            w.write(" stroke=\"" + colour(r.stroke()) + "\" stroke-width=\"0.5\"");
        }
        if (r.tooltip() == null) {
            w.write("/>\n");
        } else {
            w.write("><title>" + escape(r.tooltip()) + "</title></rect>\n");
        }
    }

    private static void line(Writer w, TimelineLayout.Line l) throws IOException {
        w.write("<line x1=\"" + num(l.x1()) + "\" y1=\"" + num(l.y1()) + "\" x2=\"" + num(l.x2()) + "\" y2=\""
                + num(l.y2()) + "\" stroke=\"" + colour(l.colour()) + "\" stroke-width=\"" + num(l.strokeWidth())
                + "\"" + (l.dashed() ? " stroke-dasharray=\"4 3\"" : "") + "/>\n");
    }

    private static void text(Writer w, TimelineLayout.Text t) throws IOException {
        String anchor = switch (t.anchor()) {
            case START -> "";
            case MIDDLE -> " text-anchor=\"middle\"";
            case END -> " text-anchor=\"end\"";
        };
        w.write("<text x=\"" + num(t.x()) + "\" y=\"" + num(t.y()) + "\" font-size=\"" + num(t.size()) + "\""
                + anchor + " fill=\"" + colour(t.colour()) + "\"" + (t.bold() ? " font-weight=\"bold\"" : "") + ">"
                + escape(t.text()) + "</text>\n");
    }

    /** A coordinate rounded to 0.01 px, without trailing zeros: {@code 12}, {@code 12.5}, {@code 12.25}. */
    static String num(double v) {
        String s = BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    private static String colour(int rgb) {
        return String.format(Locale.ROOT, "#%06x", rgb & 0xFFFFFF);
    }

    /** Escapes text for XML content and attribute values. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        b.append(' '); // not allowed in XML 1.0
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
