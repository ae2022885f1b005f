package io.lsdt.sim.trace;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.sim.engine.Event;
import io.lsdt.sim.engine.SimulationResult;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The picture of a simulated step, computed once and painted by {@link TimelineSvg} and {@link TimelinePng}: a list
 * of primitive shapes (rectangles, lines, texts) in pixel coordinates, origin at the top left, y downwards, plus the
 * canvas size. Both renderers paint exactly these shapes in this order, so the SVG and the PNG show the same picture.
 *
 * <p>From top to bottom:
 * <ul>
 *   <li>a title (ranks, execution time, max memory) and a subtitle (definitions; aggregation when there are many
 *       ranks);</li>
 *   <li>one row per rank, labelled {@code "GPU r"} (0-based, as {@link SimulationResult}), with one box per event
 *       coloured by kind — forward green, backward blue, loss brown, update yellow, load_weights violet, send and
 *       recv grey, collectives orange — and a dashed line at the lab's execution time;</li>
 *   <li>a time axis from 0 to the end of the last event, with ticks at 1, 2 or 5 × 10ⁿ in s, ms, µs or ns (the
 *       largest unit the span reaches);</li>
 *   <li>a bar chart of each row's peak memory (bar height ∝ that maximum; the bar holding the global maximum is
 *       marked red);</li>
 *   <li>a legend of the kinds present.</li>
 * </ul>
 *
 * <p>With more ranks than {@link Options#maxRows()} (64 by default), ranks are aggregated: row i stands for the
 * consecutive ranks [⌊i·n/R⌋, ⌊(i+1)·n/R⌋) and draws the timeline of the first of them (so the rows show evenly
 * spaced ranks), while its memory bar is the maximum over the whole group; the subtitle says so.
 *
 * <p>Boxes are at least {@value #MIN_BOX_WIDTH} px wide so that zero-length events (loss) stay visible; such narrow
 * boxes are painted after the row's other boxes. A row with more events than pixels is drawn at the resolution of
 * the picture: each pixel column shows the kind painted last in it (zero-length events after the others, as above),
 * and each run of columns of one kind is one box whose tooltip counts the events of that kind starting in it. That
 * bounds the picture's size by its width rather than by the event count (a step of millions of events is a few MB of
 * SVG, not tens). Layouts are deterministic: the same result and options give the same shapes.
 */
public final class TimelineLayout {
    /** Smallest box width (px). */
    public static final double MIN_BOX_WIDTH = 1.0;

    /** Colour of forward boxes (0xRRGGBB). */
    public static final int FORWARD = 0x2E9E44;
    /** Colour of backward boxes. */
    public static final int BACKWARD = 0x2F6FD0;
    /** Colour of loss boxes. */
    public static final int LOSS = 0x8C564B;
    /** Colour of update boxes. */
    public static final int UPDATE = 0xF2C21B;
    /** Colour of weight-load boxes. */
    public static final int LOAD = 0x9467BD;
    /** Colour of send and receive boxes. */
    public static final int POINT_TO_POINT = 0x9E9E9E;
    /** Colour of collective boxes (all_reduce, reduce_scatter, all_gather). */
    public static final int COLLECTIVE = 0xF28E2B;
    /** Background colour. */
    public static final int BACKGROUND = 0xFFFFFF;
    /** Colour of the global-maximum memory marker. */
    public static final int MAX_MARKER = 0xD62728;

    private static final int ROW_STRIPE = 0xF2F2F2;
    private static final int MEMORY_BAR = 0x6B8BA4;
    private static final int INK = 0x202020;
    private static final int GREY_INK = 0x555555;
    private static final int AXIS = 0x888888;
    private static final double LEFT = 84;
    private static final double RIGHT = 24;
    private static final double ROW_HEIGHT = 22;
    private static final double BOX_HEIGHT = 16;
    private static final double MEMORY_HEIGHT = 80;

    /**
     * Options of the picture.
     *
     * @param width canvas width (px), at least 400
     * @param maxRows the most rows drawn before ranks are aggregated, at least 1
     */
    public record Options(int width, int maxRows) {
        /** 1200 px wide, up to 64 rows. */
        public static final Options DEFAULT = new Options(1200, 64);

        /** Checks the values. */
        public Options {
            if (width < 400) {
                throw LsdtException.of(Problem.INVALID_VALUE, "timeline width", width, "at least 400 px");
            }
            if (maxRows < 1) {
                throw LsdtException.of(Problem.INVALID_VALUE, "timeline rows", maxRows, "at least 1");
            }
        }
    }

    /** Horizontal anchor of a text. */
    public enum Anchor {
        /** x is the left end. */
        START,
        /** x is the middle. */
        MIDDLE,
        /** x is the right end. */
        END
    }

    /** A primitive shape in pixel coordinates. */
    public sealed interface Shape permits Rect, Line, Text {
    }

    /**
     * A filled rectangle.
     *
     * @param x left (px)
     * @param y top (px)
     * @param width width (px)
     * @param height height (px)
     * @param fill colour, 0xRRGGBB
     * @param stroke outline colour, or -1 for none (0.5 px wide)
     * @param role what it shows, used as the SVG class: {@code "event <kind>"} for an event box (one per event
     *     unless merged), {@code "memory"}, {@code "memory max"}, {@code "row"}, {@code "legend"}, {@code "background"}
     * @param tooltip a description shown on hover in the SVG, or null
     */
    public record Rect(double x, double y, double width, double height, int fill, int stroke, String role,
            String tooltip) implements Shape {
    }

    /**
     * A straight line.
     *
     * @param x1 start x (px)
     * @param y1 start y (px)
     * @param x2 end x (px)
     * @param y2 end y (px)
     * @param colour colour, 0xRRGGBB
     * @param strokeWidth width (px)
     * @param dashed true for a 4 px on, 3 px off dash
     */
    public record Line(double x1, double y1, double x2, double y2, int colour, double strokeWidth, boolean dashed)
            implements Shape {
    }

    /**
     * A line of text.
     *
     * @param x anchor x (px)
     * @param y baseline y (px)
     * @param text the text
     * @param size font size (px)
     * @param anchor what x refers to
     * @param colour colour, 0xRRGGBB
     * @param bold true for bold
     */
    public record Text(double x, double y, String text, double size, Anchor anchor, int colour, boolean bold)
            implements Shape {
    }

    private final int width;
    private final int height;
    private final String title;
    private final List<Integer> rowRanks;
    private final List<Shape> shapes;

    private TimelineLayout(int width, int height, String title, List<Integer> rowRanks, List<Shape> shapes) {
        this.width = width;
        this.height = height;
        this.title = title;
        this.rowRanks = List.copyOf(rowRanks);
        this.shapes = List.copyOf(shapes);
    }

    /**
     * The width of the canvas the shapes are laid out on.
     *
     * @return canvas width (px)
     */
    public int width() {
        return width;
    }

    /**
     * The height of the canvas the shapes are laid out on.
     *
     * @return canvas height (px)
     */
    public int height() {
        return height;
    }

    /**
     * The title drawn above the timeline.
     *
     * @return the title line (also the SVG's {@code <title>})
     */
    public String title() {
        return title;
    }

    /**
     * Which rank each row shows: every rank, or with more ranks than {@link Options#maxRows()} the first of each
     * row's group of consecutive ranks.
     *
     * @return the rank drawn in each row, top to bottom
     */
    public List<Integer> rowRanks() {
        return rowRanks;
    }

    /**
     * Everything to draw, for a renderer ({@link TimelineSvg}, {@link TimelinePng}) to paint as it is.
     *
     * @return the shapes, in painting order (later ones over earlier ones)
     */
    public List<Shape> shapes() {
        return shapes;
    }

    /**
     * The colour of an event kind.
     *
     * @param kind the kind
     * @return 0xRRGGBB
     */
    public static int colour(Event.Kind kind) {
        return switch (kind) {
            case FORWARD -> FORWARD;
            case BACKWARD -> BACKWARD;
            case LOSS -> LOSS;
            case UPDATE -> UPDATE;
            case LOAD_WEIGHTS -> LOAD;
            case SEND, RECV -> POINT_TO_POINT;
            case ALL_REDUCE, REDUCE_SCATTER, ALL_GATHER -> COLLECTIVE;
        };
    }

    /**
     * Lays out {@code result} with the default options.
     *
     * @param result the simulation result
     * @return the layout
     */
    public static TimelineLayout of(SimulationResult result) {
        return of(result, Options.DEFAULT);
    }

    /**
     * Lays out {@code result}.
     *
     * @param result the simulation result
     * @param options the options
     * @return the layout
     * @throws LsdtException {@link Problem#INVALID_VALUE} when an event has a non-finite time or memory
     */
    public static TimelineLayout of(SimulationResult result, Options options) {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(options, "options");
        return new Builder(result, options).build();
    }

    // --------------------------------------------------------------------------------------------- building

    private static final class Builder {
        private final SimulationResult result;
        private final Options options;
        private final List<Shape> shapes = new ArrayList<>();
        private final String unit;

        Builder(SimulationResult result, Options options) {
            this.result = result;
            this.options = options;
            this.unit = result.memoryUnit() == null || result.memoryUnit().isBlank() ? "" : result.memoryUnit();
        }

        TimelineLayout build() {
            List<List<Event>> events = result.events();
            int n = events.size();
            for (List<Event> rank : events) {
                for (Event e : rank) {
                    if (!Double.isFinite(e.start()) || !Double.isFinite(e.duration()) || e.duration() < 0
                            || !Double.isFinite(e.memory())) {
                        throw LsdtException.of(Problem.INVALID_VALUE, "event " + ChromeTrace.sliceName(e)
                                + " of rank " + e.rank() + " (start, duration, memory)",
                                e.start() + ", " + e.duration() + ", " + e.memory(),
                                "finite values and a duration ≥ 0");
                    }
                }
            }
            int rows = Math.min(n, options.maxRows());
            boolean aggregated = n > rows;
            int[] groupStart = new int[rows + 1];
            for (int i = 0; i <= rows; i++) {
                groupStart[i] = (int) ((long) i * n / Math.max(rows, 1));
            }
            double[] groupMax = new double[rows];
            double globalMax = 0;
            int maxRow = -1;
            Event maxEvent = result.maxMemoryEvent();
            for (int i = 0; i < rows; i++) {
                double m = 0;
                for (int r = groupStart[i]; r < groupStart[i + 1]; r++) {
                    for (Event e : events.get(r)) {
                        m = Math.max(m, e.memory());
                    }
                }
                groupMax[i] = m;
                if (maxEvent != null && maxEvent.rank() >= groupStart[i] && maxEvent.rank() < groupStart[i + 1]) {
                    maxRow = i;
                }
            }
            if (maxEvent != null) {
                globalMax = maxEvent.memory();
            }
            double end = result.endTime();
            double span = end > 0 ? end : 1.0;

            double w = options.width();
            double plotW = w - LEFT - RIGHT;
            String title = title(n);
            List<String> subtitles = subtitles(n, rows, groupStart, aggregated, maxEvent);
            double y = 26;
            add(new Rect(0, 0, w, 0, BACKGROUND, -1, "background", null)); // height fixed below
            add(new Text(12, y, title, 16, Anchor.START, INK, true));
            for (String s : subtitles) {
                y += 18;
                add(new Text(12, y, s, 12, Anchor.START, GREY_INK, false));
            }
            double top = y + 26;

            // rows
            List<Integer> rowRanks = new ArrayList<>();
            for (int i = 0; i < rows; i++) {
                int rank = groupStart[i];
                rowRanks.add(rank);
                double rowY = top + i * ROW_HEIGHT;
                add(new Rect(LEFT, rowY + 1, plotW, ROW_HEIGHT - 2, ROW_STRIPE, -1, "row", null));
                add(new Text(LEFT - 8, rowY + ROW_HEIGHT / 2 + 4, ChromeTrace.processName(rank), 12, Anchor.END,
                        INK, false));
                double boxY = rowY + (ROW_HEIGHT - BOX_HEIGHT) / 2;
                if (result.hasStreams()) { // compute above, communication below: they overlap in time
                    List<Event> all = events.get(rank);
                    boxes(all.stream().filter(e -> !e.kind().isCommunication()).toList(), boxY, BOX_HEIGHT / 2,
                            plotW, span);
                    boxes(all.stream().filter(e -> e.kind().isCommunication()).toList(), boxY + BOX_HEIGHT / 2,
                            BOX_HEIGHT / 2, plotW, span);
                } else {
                    boxes(events.get(rank), boxY, BOX_HEIGHT, plotW, span);
                }
            }
            double rowsBottom = top + rows * ROW_HEIGHT;
            if (rows > 0 && result.eventCount() > 0) {
                double xe = LEFT + plotW * result.executionTime() / span;
                add(new Line(xe, top - 4, xe, rowsBottom, GREY_INK, 1, true));
                add(new Text(xe, top - 7, "execution time", 10, xe > LEFT + plotW - 60 ? Anchor.END : Anchor.MIDDLE,
                        GREY_INK, false));
            }

            // time axis
            double axisY = rowsBottom + 6;
            add(new Line(LEFT, axisY, LEFT + plotW, axisY, AXIS, 1, false));
            for (Tick t : ticks(span)) {
                double x = LEFT + plotW * t.value() / span;
                add(new Line(x, axisY, x, axisY + 5, AXIS, 1, false));
                add(new Text(x, axisY + 18, t.label(), 11, Anchor.MIDDLE, INK, false));
            }

            // memory bars
            double memTitleY = axisY + 44;
            add(new Text(LEFT, memTitleY, "peak memory per " + (aggregated ? "row (maximum over its ranks)"
                    : "rank") + (unit.isEmpty() ? "" : " (" + unit + ")") + "; max " + memory(globalMax),
                    12, Anchor.START, INK, false));
            double barsTop = memTitleY + 16;
            double barsBottom = barsTop + MEMORY_HEIGHT;
            add(new Line(LEFT, barsBottom, LEFT + plotW, barsBottom, AXIS, 1, false));
            if (rows > 0) {
                double slot = plotW / rows;
                double barW = Math.min(28, slot * 0.7);
                double labelW = textWidth(ChromeTrace.processName(groupStart[rows - 1]), 10) + 6;
                int every = (int) Math.ceil(labelW / slot);
                for (int i = 0; i < rows; i++) {
                    double cx = LEFT + slot * (i + 0.5);
                    double h = globalMax > 0 ? MEMORY_HEIGHT * Math.max(groupMax[i], 0) / globalMax : 0;
                    int last = groupStart[i + 1] - 1;
                    String tip = ChromeTrace.processName(groupStart[i]) + (last > groupStart[i] ? "–" + last : "")
                            + ": peak memory " + memory(groupMax[i]);
                    add(new Rect(cx - barW / 2, barsBottom - h, barW, h, i == maxRow ? MAX_MARKER : MEMORY_BAR, -1,
                            i == maxRow ? "memory max" : "memory", tip));
                    if (i == maxRow) {
                        add(new Rect(cx - barW / 2 - 3, barsBottom - h - 3, barW + 6, 3, MAX_MARKER, -1,
                                "memory marker", null));
                    }
                    if (i % every == 0) {
                        add(new Text(cx, barsBottom + 14, ChromeTrace.processName(groupStart[i]), 10, Anchor.MIDDLE,
                                INK, false));
                    }
                }
            }

            // legend
            double legendY = barsBottom + 40;
            double x = LEFT;
            for (LegendItem item : legend(events)) {
                double itemW = 18 + textWidth(item.label(), 12) + 18;
                if (x + itemW > w - RIGHT && x > LEFT) {
                    x = LEFT;
                    legendY += 20;
                }
                add(new Rect(x, legendY - 11, 12, 12, item.colour(), -1, "legend", null));
                add(new Text(x + 18, legendY, item.label(), 12, Anchor.START, INK, false));
                x += itemW;
            }
            int height = (int) Math.ceil(legendY + 16);
            shapes.set(0, new Rect(0, 0, w, height, BACKGROUND, -1, "background", null));
            return new TimelineLayout(options.width(), height, title, rowRanks, shapes);
        }

        private void add(Shape s) {
            shapes.add(s);
        }

        /** One box per event, narrow boxes after the wide ones; a row longer than the canvas, at pixel resolution. */
        private void boxes(List<Event> rank, double y, double height, double plotW, double span) {
            if (rank.size() > plotW) {
                pixels(rank, y, height, plotW, span);
                return;
            }
            List<Rect> narrow = new ArrayList<>();
            for (Event e : rank) {
                double x = LEFT + plotW * e.start() / span;
                double bw = plotW * e.duration() / span;
                if (bw >= MIN_BOX_WIDTH) {
                    Rect r = new Rect(x, y, bw, height, colour(e.kind()), bw >= 3 ? BACKGROUND : -1,
                            "event " + e.kind().label(), tooltip(e));
                    add(r);
                    String label = e.microBatch() >= 0 ? String.valueOf(e.microBatch()) : "";
                    if (!label.isEmpty() && height >= 12 && bw >= textWidth(label, 10) + 4) {
                        add(new Text(x + bw / 2, y + height / 2 + 3.5, label, 10, Anchor.MIDDLE,
                                contrast(colour(e.kind())), false));
                    }
                    continue;
                }
                narrow.add(narrowRect(e, 1, x, x + bw, y, height));
            }
            narrow.forEach(this::add);
        }

        /**
         * A row at the picture's resolution: each pixel column takes the kind of the last event painted over it
         * (events of at least a pixel first, then the narrower ones, as {@link #boxes} paints them), and each run of
         * columns of one kind becomes one box.
         */
        private void pixels(List<Event> rank, double y, double height, double plotW, double span) {
            int cols = (int) Math.ceil(plotW);
            Event.Kind[] kinds = Event.Kind.values();
            int[] painted = new int[cols];
            java.util.Arrays.fill(painted, -1);
            int[][] starts = new int[cols][kinds.length];
            Event[][] first = new Event[cols][kinds.length];
            for (int pass = 0; pass < 2; pass++) {
                for (Event e : rank) {
                    double x = plotW * e.start() / span;
                    double bw = plotW * e.duration() / span;
                    if (bw >= MIN_BOX_WIDTH != (pass == 0)) {
                        continue;
                    }
                    int c0 = Math.clamp((long) Math.floor(x), 0, cols - 1);
                    int c1 = Math.clamp((long) Math.ceil(x + Math.max(bw, MIN_BOX_WIDTH)) - 1, c0, cols - 1);
                    int k = e.kind().ordinal();
                    for (int c = c0; c <= c1; c++) {
                        painted[c] = k;
                    }
                    if (starts[c0][k]++ == 0) {
                        first[c0][k] = e;
                    }
                }
            }
            for (int c = 0; c < cols; ) {
                int k = painted[c];
                if (k < 0) {
                    c++;
                    continue;
                }
                int d = c;
                int count = 0;
                Event f = null;
                for (; d < cols && painted[d] == k; d++) {
                    count += starts[d][k];
                    if (f == null) {
                        f = first[d][k];
                    }
                }
                Event.Kind kind = kinds[k];
                String tip = f == null ? "part of a " + kind.label() + " event"
                        : count == 1 ? tooltip(f) : count + " " + kind.label() + " events on "
                                + ChromeTrace.processName(f.rank()) + " from " + time(f.start());
                add(new Rect(LEFT + c, y, Math.min(d, plotW) - c, height, colour(kind), -1, "event " + kind.label(),
                        tip));
                c = d;
            }
        }

        private Rect narrowRect(Event first, int count, double x, double end, double y, double height) {
            String tip = count == 1 ? tooltip(first)
                    : count + " " + first.kind().label() + " events on " + ChromeTrace.processName(first.rank())
                            + " from " + time(first.start());
            return new Rect(x, y, Math.max(end - x, MIN_BOX_WIDTH), height, colour(first.kind()), -1,
                    "event " + first.kind().label(), tip);
        }

        private String tooltip(Event e) {
            return ChromeTrace.sliceName(e) + " on " + ChromeTrace.processName(e.rank())
                    + (e.peer() >= 0 ? (e.kind() == Event.Kind.SEND ? " to " : " from ")
                            + ChromeTrace.processName(e.peer()) : "")
                    + ": start " + time(e.start()) + ", duration " + time(e.duration()) + ", memory "
                    + memory(e.memory());
        }

        private String title(int n) {
            if (result.eventCount() == 0) {
                return "Simulated step: " + count(n) + " rank" + (n == 1 ? "" : "s") + ", no events";
            }
            return "Simulated step: " + count(n) + " rank" + (n == 1 ? "" : "s") + ", execution time "
                    + time(result.executionTime()) + ", max memory " + memory(result.maxMemoryEvent().memory());
        }

        private List<String> subtitles(int n, int rows, int[] groupStart, boolean aggregated, Event maxEvent) {
            List<String> lines = new ArrayList<>();
            if (maxEvent != null) {
                lines.add("execution time as the lab: latest start of any rank's last event (the last event ends at "
                        + time(result.endTime()) + "); max memory on " + ChromeTrace.processName(maxEvent.rank())
                        + " at " + time(maxEvent.start()) + (result.checked() ? "; correctness check passed"
                                : "; correctness check NOT passed"));
            }
            if (result.hasStreams()) {
                lines.add("compute and communication run on separate streams and overlap: each row draws compute in "
                        + "its upper half, communication in its lower half");
            }
            if (aggregated) {
                int small = Integer.MAX_VALUE;
                int large = 0;
                for (int i = 0; i < rows; i++) {
                    int size = groupStart[i + 1] - groupStart[i];
                    small = Math.min(small, size);
                    large = Math.max(large, size);
                }
                String size = small == large ? String.valueOf(small) : small + "–" + large;
                lines.add(count(n) + " ranks aggregated into " + rows + " rows of " + size
                        + " consecutive ranks: each row draws its first rank ("
                        + (rows == 1 ? ChromeTrace.processName(0) : ChromeTrace.processName(groupStart[0]) + ", "
                                + ChromeTrace.processName(groupStart[1]) + ", …, "
                                + ChromeTrace.processName(groupStart[rows - 1]))
                        + "); its memory bar is the maximum over all its ranks");
            }
            return lines;
        }

        private String memory(double v) {
            return TimelineLayout.memory(v, unit);
        }
    }

    private record LegendItem(String label, int colour) {
    }

    private static List<LegendItem> legend(List<List<Event>> events) {
        Set<Event.Kind> present = EnumSet.noneOf(Event.Kind.class);
        for (List<Event> rank : events) {
            for (Event e : rank) {
                present.add(e.kind());
            }
        }
        List<LegendItem> items = new ArrayList<>();
        if (present.contains(Event.Kind.LOAD_WEIGHTS)) {
            items.add(new LegendItem("load_weights", LOAD));
        }
        if (present.contains(Event.Kind.FORWARD)) {
            items.add(new LegendItem("forward", FORWARD));
        }
        if (present.contains(Event.Kind.LOSS)) {
            items.add(new LegendItem("loss", LOSS));
        }
        if (present.contains(Event.Kind.BACKWARD)) {
            items.add(new LegendItem("backward", BACKWARD));
        }
        if (present.contains(Event.Kind.SEND) || present.contains(Event.Kind.RECV)) {
            items.add(new LegendItem("send / recv", POINT_TO_POINT));
        }
        if (present.contains(Event.Kind.ALL_REDUCE) || present.contains(Event.Kind.REDUCE_SCATTER)
                || present.contains(Event.Kind.ALL_GATHER)) {
            items.add(new LegendItem("collectives", COLLECTIVE));
        }
        if (present.contains(Event.Kind.UPDATE)) {
            items.add(new LegendItem("update", UPDATE));
        }
        if (!present.isEmpty()) {
            items.add(new LegendItem("global max memory", MAX_MARKER));
        }
        return items;
    }

    // -------------------------------------------------------------------------------------------- formatting

    /**
     * A tick of the time axis.
     *
     * @param value time (s)
     * @param label readable label, e.g. {@code "20 ms"}
     */
    record Tick(double value, String label) {
    }

    /**
     * Ticks from 0 to {@code span} at 1, 2 or 5 × 10ⁿ (four to ten intervals), labelled in the largest of s, ms,
     * µs and ns that the span reaches (e.g. 0.5 s steps over 4.2 s, 20 ms steps over 109 ms).
     *
     * @param span the axis length (s), &gt; 0
     * @return the ticks, from 0
     */
    static List<Tick> ticks(double span) {
        double raw = span / 10;
        double pow = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / pow;
        double step = (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * pow;
        double scale = span >= 1 ? 1 : span >= 1e-3 ? 1e-3 : span >= 1e-6 ? 1e-6 : 1e-9;
        String unit = span >= 1 ? "s" : span >= 1e-3 ? "ms" : span >= 1e-6 ? "µs" : "ns";
        BigDecimal stepInUnit = new BigDecimal(step / scale, new MathContext(1));
        List<Tick> ticks = new ArrayList<>();
        for (int k = 0; k * step <= span * (1 + 1e-9); k++) {
            BigDecimal v = stepInUnit.multiply(BigDecimal.valueOf(k));
            ticks.add(new Tick(k * step, plain(v) + " " + unit));
        }
        return ticks;
    }

    /**
     * A readable time: four significant digits in s, ms, µs or ns.
     *
     * @param seconds the time (s)
     * @return e.g. {@code "16.25 ms"}
     */
    static String time(double seconds) {
        double a = Math.abs(seconds);
        if (a == 0) {
            return "0 s";
        }
        if (a >= 1) {
            return sig(seconds) + " s";
        }
        if (a >= 1e-3) {
            return sig(seconds * 1e3) + " ms";
        }
        if (a >= 1e-6) {
            return sig(seconds * 1e6) + " µs";
        }
        return sig(seconds * 1e9) + " ns";
    }

    /**
     * A readable memory: bytes in B, KiB, MiB, GiB, TiB; elements (and other units) with SI prefixes.
     *
     * @param v the amount
     * @param unit the unit ({@code "bytes"}, {@code "elements"}, other, or empty)
     * @return e.g. {@code "4.672 GiB"}, {@code "5.016 G elements"}
     */
    static String memory(double v, String unit) {
        double a = Math.abs(v);
        if ("bytes".equals(unit)) {
            String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
            int i = 0;
            while (a >= 1024 && i < units.length - 1) {
                a /= 1024;
                v /= 1024;
                i++;
            }
            return sig(v) + " " + units[i];
        }
        String[] prefixes = {"", "k", "M", "G", "T", "P", "E"};
        int i = 0;
        while (a >= 1000 && i < prefixes.length - 1) {
            a /= 1000;
            v /= 1000;
            i++;
        }
        String number = sig(v);
        String suffix = (prefixes[i] + (unit.isEmpty() ? "" : (prefixes[i].isEmpty() ? "" : " ") + unit)).trim();
        return suffix.isEmpty() ? number : number + " " + suffix;
    }

    private static String sig(double v) {
        return plain(new BigDecimal(v).round(new MathContext(4)));
    }

    private static String plain(BigDecimal v) {
        String s = v.stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    private static String count(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /**
     * Estimated width of a text in the sans-serif fonts used (px); for placement only.
     *
     * @param text the text
     * @param size font size (px)
     * @return the width (px)
     */
    static double textWidth(String text, double size) {
        return text.length() * size * 0.6;
    }

    /** Black or white, whichever reads better on {@code rgb}. */
    private static int contrast(int rgb) {
        double r = (rgb >> 16 & 0xFF) / 255.0;
        double g = (rgb >> 8 & 0xFF) / 255.0;
        double b = (rgb & 0xFF) / 255.0;
        return 0.299 * r + 0.587 * g + 0.114 * b > 0.55 ? 0x000000 : 0xFFFFFF;
    }
}
