package io.lsdt.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.error.Suggestions;
import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.io.InputFiles;
import io.lsdt.physics.macro.MacroCatalog;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * A sweep: one base brief and axes that vary it, each point planned in full — design search and macro section —
 * by {@link Lsdt#plan(PlanRequest)}'s own path, one {@link SweepRow} per point.
 *
 * <p>The sweep file (YAML):
 *
 * <pre>{@code
 * name: Llama 3.1 70B across devices, GPU counts and regions
 * base: ../llama3.1-70b.yaml     # a catalog-form brief, relative to this file (or `brief:` with the brief inline)
 * mode: product                  # product (default): every combination of the axes, the last axis fastest;
 *                                # list: `points:`, a list of maps from axis to value
 * axes:
 *   device: [h100-sxm, a100-sxm-80gb, b200]
 *   gpus: [256, 512, 1024, 2048, 4096]
 *   region: [us-average, france]
 * }</pre>
 *
 * <p>An axis is a brief field: a short name ({@link #ALIASES}: model, device, gpus, tokens, deadline, precision,
 * fabric, framework, region, gpu_hour_price, power_price, pue, global_batch) or any dotted path of the brief
 * ({@code step.global_batch_sequences}, {@code macro.gpu_mtbf}). A point's brief is the base with the point's values
 * set at those paths; values are written as in a brief ({@code "90 d"}, {@code 1024}, {@code "2.5 USD/h"}).
 * Catalog ids (model, device, fabric, framework, region) are checked when the sweep is read, with the closest ids
 * for an unknown one.
 *
 * <p>Immutable and thread-safe. Points are numbered from 0 in product order (the last axis varies fastest) or list
 * order; {@link #point(long)} builds one without expanding the others, so a sweep of any size holds no more than its
 * axes in memory.
 */
public final class Sweep {
    /** Sweeps larger than this many points need to be confirmed ({@link #requireSize(boolean)}). */
    public static final long CONFIRM_ABOVE = 1_000_000_000L;

    /** Short axis names and the brief path each sets. */
    public static final Map<String, String> ALIASES;

    static {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("model", "model");
        a.put("device", "device");
        a.put("gpus", "devices");
        a.put("devices", "devices");
        a.put("tokens", "tokens");
        a.put("deadline", "deadline");
        a.put("precision", "precision");
        a.put("fabric", "fabric.id");
        a.put("framework", "framework");
        a.put("region", "macro.region");
        a.put("gpu_hour_price", "macro.gpu_hour_price");
        a.put("power_price", "macro.power_price");
        a.put("pue", "macro.pue");
        a.put("global_batch", "step.global_batch_sequences");
        ALIASES = Collections.unmodifiableMap(a);
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    /**
     * One axis.
     *
     * @param name its name in the sweep file (a column of the output)
     * @param path the brief path it sets, e.g. {@code macro.region}
     * @param values its values as written in the sweep file (text), in order; in list mode, the distinct values
     *     the points give, in first-seen order
     */
    public record Axis(String name, String path, List<String> values) {
        /** Copies the list. */
        public Axis {
            values = List.copyOf(values);
        }
    }

    /**
     * One point of the sweep.
     *
     * @param index its number, from 0
     * @param values its value on each axis, by axis name, in axis order
     * @param request its brief: the base with those values set
     */
    public record Point(long index, Map<String, String> values, PlanRequest request) {}

    private final String name;
    private final String source;
    private final JsonNode root;
    private final ObjectNode base;
    private final List<Axis> axes;
    private final List<Map<String, JsonNode>> listPoints;
    private final List<List<JsonNode>> productValues;
    private final long size;

    private Sweep(String name, String source, JsonNode root, ObjectNode base, List<Axis> axes,
            List<List<JsonNode>> productValues, List<Map<String, JsonNode>> listPoints, long size) {
        this.name = name;
        this.source = source;
        this.root = root;
        this.base = base;
        this.axes = List.copyOf(axes);
        this.productValues = productValues;
        this.listPoints = listPoints;
        this.size = size;
    }

    /**
     * Reads a sweep file.
     *
     * @param file the sweep (YAML; its {@code base:} is resolved against its directory)
     * @param catalog the catalog the axes' ids are checked against
     * @return the sweep
     * @throws LsdtException a user error naming the field, its value and what was expected: an unreadable file, an
     *     unknown key, an axis with no values, an unknown catalog id (with the closest ids), a list point without
     *     an axis's value
     */
    public static Sweep read(Path file, Catalog catalog) {
        Path dir = file.toAbsolutePath().getParent();
        return parse(InputFiles.text(file), file.toString(), dir, catalog);
    }

    /**
     * Reads a sweep from YAML text.
     *
     * @param yaml the sweep
     * @param name where it came from, for messages
     * @param dir the directory {@code base:} is resolved against
     * @param catalog the catalog the axes' ids are checked against
     * @return the sweep
     * @throws LsdtException as {@link #read}
     */
    public static Sweep parse(String yaml, String name, Path dir, Catalog catalog) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw LsdtException.of(Problem.MALFORMED_FILE, name, "YAML", e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw LsdtException.of(Problem.INVALID_VALUE, name, root == null ? "empty" : root.getNodeType(),
                    "a map with base (or brief), axes and, in list mode, points");
        }
        List<String> keys = List.of("name", "base", "brief", "mode", "axes", "points");
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!keys.contains(k)) {
                String h = Suggestions.hint(k, keys);
                throw LsdtException.of(Problem.UNKNOWN_FIELD, k, ": expected one of " + String.join(", ", keys))
                        .withHint(h.isEmpty() ? "see 'lsdt sweep --help'" : h).inContext(name);
            }
        }
        ObjectNode base = base(root, name, dir);
        String mode = root.path("mode").asText("product");
        String title = root.path("name").asText(base.path("name").asText("sweep"));
        if (mode.equals("product")) {
            JsonNode ax = root.get("axes");
            if (ax == null || !ax.isObject() || ax.isEmpty()) {
                throw LsdtException.of(Problem.INVALID_VALUE, "axes", ax == null ? "missing" : ax.toString(),
                        "a map from axis (e.g. device, gpus, region) to a list of values").inContext(name);
            }
            List<Axis> axes = new ArrayList<>();
            List<List<JsonNode>> values = new ArrayList<>();
            double count = 1;
            long size = 1;
            for (Iterator<Map.Entry<String, JsonNode>> it = ax.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                List<JsonNode> vs = new ArrayList<>();
                if (e.getValue().isArray()) {
                    e.getValue().forEach(vs::add);
                } else if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                    vs.add(e.getValue());
                } else {
                    throw LsdtException.of(Problem.INVALID_VALUE, "axes." + e.getKey(), e.getValue(),
                            "a list of values").inContext(name);
                }
                String path = path(e.getKey(), name);
                for (int i = 0; i < vs.size(); i++) {
                    check(e.getKey(), path, vs.get(i), "axes." + e.getKey() + "[" + i + "]", catalog, name);
                }
                axes.add(new Axis(e.getKey(), path, vs.stream().map(Sweep::text).toList()));
                values.add(List.copyOf(vs));
                count *= vs.size();
                size = count > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : size * vs.size();
            }
            return new Sweep(title, name, root, base, axes, List.copyOf(values), null, size);
        }
        if (!mode.equals("list")) {
            throw LsdtException.of(Problem.INVALID_VALUE, "mode", mode, "product or list").inContext(name);
        }
        JsonNode pts = root.get("points");
        if (pts == null || !pts.isArray()) {
            throw LsdtException.of(Problem.INVALID_VALUE, "points", pts == null ? "missing" : pts.getNodeType(),
                    "in list mode, a list of maps from axis to value").inContext(name);
        }
        Map<String, List<String>> seen = new LinkedHashMap<>();
        List<Map<String, JsonNode>> list = new ArrayList<>();
        int i = 0;
        for (JsonNode p : pts) {
            if (!p.isObject() || p.isEmpty()) {
                throw LsdtException.of(Problem.INVALID_VALUE, "points[" + i + "]", p, "a map from axis to value")
                        .inContext(name);
            }
            Map<String, JsonNode> m = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String path = path(e.getKey(), name);
                check(e.getKey(), path, e.getValue(), "points[" + i + "]." + e.getKey(), catalog, name);
                m.put(e.getKey(), e.getValue());
                List<String> vs = seen.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
                if (!vs.contains(text(e.getValue()))) {
                    vs.add(text(e.getValue()));
                }
            }
            list.add(m);
            i++;
        }
        for (int j = 0; j < list.size(); j++) {
            for (String a : seen.keySet()) {
                if (!list.get(j).containsKey(a)) {
                    throw LsdtException.of(Problem.MISSING_FIELD, "points[" + j + "]." + a,
                            "a value: every point gives every axis another point names (" + String.join(", ",
                                    seen.keySet()) + ")").inContext(name);
                }
            }
        }
        List<Axis> axes = new ArrayList<>();
        seen.forEach((k, v) -> axes.add(new Axis(k, path(k, name), v)));
        return new Sweep(title, name, root, base, axes, null, List.copyOf(list), list.size());
    }

    private static ObjectNode base(JsonNode root, String name, Path dir) {
        JsonNode b = root.get("base");
        JsonNode inline = root.get("brief");
        if ((b == null) == (inline == null)) {
            throw LsdtException.of(Problem.INVALID_VALUE, "base", b == null ? "missing" : b.asText(),
                    "either base: a brief file, or brief: the brief inline (one of them)").inContext(name);
        }
        if (inline != null) {
            if (!inline.isObject()) {
                throw LsdtException.of(Problem.INVALID_VALUE, "brief", inline.getNodeType(),
                        "a catalog-form brief as a map").inContext(name);
            }
            return ((ObjectNode) inline).deepCopy();
        }
        Path file = dir == null ? Path.of(b.asText()) : dir.resolve(b.asText());
        try {
            JsonNode n = YAML.readTree(InputFiles.text(file));
            if (n == null || !n.isObject()) {
                throw LsdtException.of(Problem.INVALID_VALUE, "base", b.asText(), "a catalog-form brief (a map)")
                        .inContext(name);
            }
            return (ObjectNode) n;
        } catch (JsonProcessingException e) {
            throw LsdtException.of(Problem.MALFORMED_FILE, file, "YAML", e.getOriginalMessage()).inContext(name);
        }
    }

    private static String path(String axis, String name) {
        String p = ALIASES.get(axis);
        if (p != null) {
            return p;
        }
        if (axis.matches("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)+")) {
            return axis; // a dotted brief path; the brief loader names a wrong one
        }
        String h = Suggestions.hint(axis, ALIASES.keySet());
        throw LsdtException.of(Problem.UNKNOWN_FIELD, axis, ": expected an axis (" + String.join(", ",
                ALIASES.keySet()) + ") or a dotted brief path such as step.global_batch_sequences")
                .withHint(h.isEmpty() ? "see 'lsdt sweep --help'" : h).inContext(name);
    }

    /** Checks a catalog id of an axis value, naming its place and the closest ids. */
    private static void check(String axis, String path, JsonNode value, String field, Catalog catalog,
            String name) {
        if (!value.isValueNode() || value.isNull()) {
            throw LsdtException.of(Problem.INVALID_VALUE, field, value, "a value as written in a brief (a number, an "
                    + "id, or a quantity with its unit such as \"90 d\")").inContext(name);
        }
        String v = value.asText();
        try {
            switch (path) {
                case "model" -> catalog.model(v);
                case "device" -> catalog.device(v);
                case "fabric.id" -> catalog.fabric(v);
                case "framework" -> catalog.framework(v);
                case "macro.region" -> MacroCatalog.bundled().region(v);
                case "devices" -> {
                    if (!value.canConvertToLong() || value.asLong() < 1 || !value.isIntegralNumber()) {
                        throw LsdtException.of(Problem.INVALID_VALUE, "devices", v, "a whole number ≥ 1");
                    }
                }
                default -> { }
            }
        } catch (LsdtException e) {
            throw e.isUserError() ? e.inContext(name + ": " + field) : e;
        }
    }

    private static String text(JsonNode v) {
        return v.asText();
    }

    /**
     * The sweep's name ({@code name:}).
     *
     * @return the sweep's title
     */
    public String name() {
        return name;
    }

    /**
     * The axes the sweep varies.
     *
     * @return the axes, in file order (the output's axis columns)
     */
    public List<Axis> axes() {
        return axes;
    }

    /**
     * The sweep's source name.
     *
     * @return where the sweep came from (its file name): the name in its points' messages
     */
    public String source() {
        return source;
    }

    /**
     * The sweep as YAML text with its base brief inline ({@code brief:} instead of {@code base:}): what a worker that
     * does not have the files parses ({@link #parse} with {@link #source()} as the name) to get the same points.
     *
     * @return the YAML text
     */
    public String selfContained() {
        ObjectNode copy = ((ObjectNode) root).deepCopy();
        copy.remove("base");
        copy.set("brief", base);
        try {
            return YAML.writeValueAsString(copy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a YAML tree always writes as YAML", e);
        }
    }

    /**
     * Whether the sweep is in list mode.
     *
     * @return whether the points are listed one by one ({@code mode: list}) rather than a product of the axes
     */
    public boolean listed() {
        return listPoints != null;
    }

    /**
     * How many points the sweep has.
     *
     * @return the number of points ({@link Long#MAX_VALUE} when the product overflows)
     */
    public long size() {
        return size;
    }

    /**
     * Refuses a sweep with no points, or with more than {@link #CONFIRM_ABOVE} unless confirmed.
     *
     * @param confirmed whether a sweep beyond {@link #CONFIRM_ABOVE} points is meant
     * @throws LsdtException {@link Problem#INVALID_VALUE} with the count (and, for an empty product, the empty axis)
     */
    public void requireSize(boolean confirmed) {
        if (size == 0) {
            String empty = productValues == null ? "points is empty" : "axis '" + axes.get(
                    productValues.indexOf(productValues.stream().filter(List::isEmpty).findFirst().orElseThrow()))
                    .name() + "' has no values";
            throw LsdtException.of(Problem.INVALID_VALUE, "points of the sweep", "0 (" + empty + ")",
                    "at least one point").inContext(source);
        }
        if (size > CONFIRM_ABOVE && !confirmed) {
            String n = size == Long.MAX_VALUE ? "more than 9.2e18" : String.format(Locale.ROOT, "%,d", size);
            throw LsdtException.of(Problem.INVALID_VALUE, "points of the sweep", n, "at most "
                    + String.format(Locale.ROOT, "%,d", CONFIRM_ABOVE) + " unless confirmed")
                    .withHint("add --yes if you mean it (at 1,000 plans/s that is "
                            + String.format(Locale.ROOT, "%.3g", size / 1000.0 / 86400) + " days), or shorten an axis")
                    .inContext(source);
        }
    }

    /**
     * Builds one point: its values and its brief.
     *
     * @param index from 0 to {@link #size()} − 1
     * @return the point
     * @throws IndexOutOfBoundsException outside that range
     */
    public Point point(long index) {
        Objects.checkIndex(index, size);
        Map<String, String> values = new LinkedHashMap<>();
        ObjectNode brief = base.deepCopy();
        if (productValues != null) {
            long rest = index;
            JsonNode[] chosen = new JsonNode[axes.size()];
            for (int a = axes.size() - 1; a >= 0; a--) {
                int n = productValues.get(a).size();
                chosen[a] = productValues.get(a).get((int) (rest % n));
                rest /= n;
            }
            for (int a = 0; a < axes.size(); a++) {
                values.put(axes.get(a).name(), text(chosen[a]));
                set(brief, axes.get(a).path(), chosen[a]);
            }
        } else {
            Map<String, JsonNode> p = listPoints.get((int) index);
            for (Axis a : axes) {
                values.put(a.name(), text(p.get(a.name())));
                set(brief, a.path(), p.get(a.name()));
            }
        }
        try {
            return new Point(index, Collections.unmodifiableMap(values),
                    PlanRequest.ofYaml(YAML.writeValueAsString(brief), source + " point " + index)
                            .withTop(1).withDeadlineFirst(false));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a YAML tree always writes as YAML", e);
        }
    }

    private static void set(ObjectNode brief, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode at = brief;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = at.get(parts[i]);
            if (next == null || !next.isObject()) {
                next = JsonNodeFactory.instance.objectNode();
                at.set(parts[i], next);
            }
            at = (ObjectNode) next;
        }
        at.set(parts[parts.length - 1], value);
    }

    /**
     * Plans one point in full ({@link Lsdt#plan(PlanRequest)}'s path: the design search on the point's device
     * count, the best design resolved through the graph with its macro section; no deadline-first sizing when the
     * brief names a device count). A point whose brief is refused or where no design fits is a row with the reason,
     * not an exception.
     *
     * @param lsdt LSDT
     * @param index the point
     * @param memo searches to share between points, or null
     * @return its row
     * @throws LsdtException only for a defect (an internal error), never for the point's input
     */
    public SweepRow evaluate(Lsdt lsdt, long index, SearchMemo memo) {
        Point p = point(index);
        try {
            Plan plan = lsdt.plan(p.request(), 1, memo);
            return SweepRow.of(p, plan);
        } catch (LsdtException e) {
            if (!e.isUserError()) {
                throw e;
            }
            return SweepRow.failed(p, "refused", e.getMessage());
        }
    }

    /**
     * Plans points {@code from} … {@link #size()} − 1 on {@code threads} threads and hands the rows to {@code sink}
     * in point order (whatever the threads, the same rows in the same order). At most {@code 8 × threads} rows are
     * held at once: the rows stream out.
     *
     * @param lsdt LSDT
     * @param from the first point (the points before it are taken as done, as when resuming)
     * @param threads worker threads (≥ 1)
     * @param memo searches to share between points (the run's), or null
     * @param sink receives each row, in order, on the calling thread
     * @throws LsdtException a defect of a point's evaluation, as thrown
     */
    public void run(Lsdt lsdt, long from, int threads, SearchMemo memo, Consumer<SweepRow> sink) {
        if (threads < 1) {
            throw LsdtException.of(Problem.INVALID_VALUE, "threads", threads, "a whole number ≥ 1");
        }
        if (threads == 1) {
            for (long i = from; i < size; i++) {
                sink.accept(evaluate(lsdt, i, memo));
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "lsdt-sweep");
            t.setDaemon(true);
            return t;
        });
        try {
            ArrayDeque<Future<SweepRow>> window = new ArrayDeque<>();
            int max = 8 * threads;
            for (long i = from; i < size; i++) {
                if (window.size() >= max) {
                    sink.accept(take(window));
                }
                long k = i;
                window.add(pool.submit(() -> evaluate(lsdt, k, memo)));
            }
            while (!window.isEmpty()) {
                sink.accept(take(window));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static SweepRow take(ArrayDeque<Future<SweepRow>> window) {
        try {
            return window.poll().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LsdtException.of(Problem.INTERNAL, "sweep interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw LsdtException.wrap(e.getCause(), Problem.INTERNAL, e.getCause().toString());
        }
    }
}
