package io.lsdt.sim.trace;

import io.lsdt.physics.io.AtomicFile;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.sim.engine.SimulationResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Paints a {@link TimelineLayout} to a PNG with Java2D: the same shapes, in the same order, as {@link TimelineSvg}.
 * One image pixel is one layout pixel. Shapes are drawn without anti-aliasing (crisp box edges, exact colours inside
 * boxes); text is anti-aliased, in the logical {@code SansSerif} font.
 *
 * <p>Runs headless: loading this class sets {@code java.awt.headless=true} unless the property is already set (it
 * must happen before AWT starts, which a command-line tool or a test does not do earlier). ImageIO's disk cache is
 * not used: the PNG is encoded in memory and written to the destination.
 */
public final class TimelinePng {
    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private static final float[] DASH = {4f, 3f};

    private TimelinePng() {
    }

    /**
     * Renders {@code result} with the default layout options.
     *
     * @param result the simulation result
     * @return the image, {@link TimelineLayout#width()} × {@link TimelineLayout#height()} pixels
     */
    public static BufferedImage render(SimulationResult result) {
        return render(TimelineLayout.of(result));
    }

    /**
     * Renders a layout.
     *
     * @param layout the layout
     * @return the image, {@link TimelineLayout#width()} × {@link TimelineLayout#height()} pixels, RGB
     */
    public static BufferedImage render(TimelineLayout layout) {
        Objects.requireNonNull(layout, "layout");
        BufferedImage image = new BufferedImage(layout.width(), layout.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(new Color(TimelineLayout.BACKGROUND));
            g.fillRect(0, 0, layout.width(), layout.height());
            Font plain = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
            Font bold = plain.deriveFont(Font.BOLD);
            for (TimelineLayout.Shape s : layout.shapes()) {
                switch (s) {
                    case TimelineLayout.Rect r -> {
                        Rectangle2D box = new Rectangle2D.Double(r.x(), r.y(), r.width(), r.height());
                        g.setColor(new Color(r.fill()));
                        g.fill(box);
                        if (r.stroke() >= 0) {
                            g.setColor(new Color(r.stroke()));
                            g.setStroke(new BasicStroke(0.5f));
                            g.draw(box);
                        }
                    }
                    case TimelineLayout.Line l -> {
                        g.setColor(new Color(l.colour()));
                        g.setStroke(l.dashed()
                                ? new BasicStroke((float) l.strokeWidth(), BasicStroke.CAP_BUTT,
                                        BasicStroke.JOIN_MITER, 10f, DASH, 0f)
                                : new BasicStroke((float) l.strokeWidth()));
                        g.draw(new Line2D.Double(l.x1(), l.y1(), l.x2(), l.y2()));
                    }
                    case TimelineLayout.Text t -> {
                        Font f = (t.bold() ? bold : plain).deriveFont((float) t.size());
                        g.setFont(f);
                        g.setColor(new Color(t.colour()));
                        double w = f.getStringBounds(t.text(), g.getFontRenderContext()).getWidth();
                        double x = switch (t.anchor()) {
                            case START -> t.x();
                            case MIDDLE -> t.x() - w / 2;
                            case END -> t.x() - w;
                        };
                        g.drawString(t.text(), (float) x, (float) t.y());
                    }
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * Writes the PNG of {@code result} (default options) to {@code target}, whole or not at all.
     *
     * @param result the simulation result
     * @param target the file to create or replace; its folder must exist
     * @throws LsdtException {@link Problem#INVALID_VALUE} when the file cannot be written (nothing is left behind)
     */
    public static void write(SimulationResult result, Path target) {
        write(TimelineLayout.of(result), target);
    }

    /**
     * Writes the PNG of a layout to {@code target}, whole or not at all.
     *
     * @param layout the layout
     * @param target the file to create or replace; its folder must exist
     * @throws LsdtException {@link Problem#INVALID_VALUE} when the file cannot be written (nothing is left behind)
     */
    public static void write(TimelineLayout layout, Path target) {
        Objects.requireNonNull(layout, "layout");
        BufferedImage image = render(layout);
        AtomicFile.write(target, "PNG file", out -> encode(image, out));
    }

    /**
     * Writes the PNG of {@code result} (default options) to a stream. The stream is flushed, not closed.
     *
     * @param result the simulation result
     * @param out the stream
     * @throws IOException when the stream fails
     */
    public static void writeTo(SimulationResult result, OutputStream out) throws IOException {
        writeTo(TimelineLayout.of(result), out);
    }

    /**
     * Writes the PNG of a layout to a stream. The stream is flushed, not closed.
     *
     * @param layout the layout
     * @param out the stream
     * @throws IOException when the stream fails
     */
    public static void writeTo(TimelineLayout layout, OutputStream out) throws IOException {
        encode(render(layout), out);
    }

    private static void encode(BufferedImage image, OutputStream out) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IOException("this Java runtime has no PNG encoder");
        }
        ImageWriter writer = writers.next();
        try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.write(image);
            ios.flush(); // closing a MemoryCacheImageOutputStream leaves the destination open
        } finally {
            writer.dispose();
        }
        out.flush();
    }
}
