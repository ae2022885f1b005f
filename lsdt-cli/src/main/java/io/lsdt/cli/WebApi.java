package io.lsdt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.lsdt.api.DesignPoint;
import io.lsdt.api.Explanation;
import io.lsdt.api.Lsdt;
import io.lsdt.api.Plan;
import io.lsdt.api.PlanRequest;
import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.model.Relation.Equation;
import io.lsdt.graph.model.Reference;
import io.lsdt.graph.registry.Registry;
import io.lsdt.graph.query.Cones;
import io.lsdt.graph.resolve.TraceStep;
import io.lsdt.graph.unit.UnitFormat;
import io.lsdt.physics.Physics;
import io.lsdt.physics.brief.BriefInput;
import io.lsdt.physics.design.DesignProvenance;
import io.lsdt.physics.design.MemoryBreakdown;
import io.lsdt.physics.design.Prediction;
import io.lsdt.physics.validation.LedgerEntries;
import io.lsdt.physics.macro.MacroPlan;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The JSON API of {@code lsdt serve}: every answer comes from the library API ({@link Lsdt}) or from the command a
 * CLI user would run (in-process, the same code path), rendered by the CLI's own JSON helpers. No formula lives here.
 */
final class WebApi {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    /**
     * The brief keys the scenario lab may set, each to its place in a catalog-form brief: the sweep's short names
     * ({@link io.lsdt.api.Sweep#ALIASES}) of the assumptions the lab shows.
     */
    static final Map<String, String> SCENARIO_KEYS = scenarioKeys();

    private static Map<String, String> scenarioKeys() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : List.of("devices", "device", "precision", "framework", "deadline", "gpu_hour_price", "region",
                "pue")) {
            m.put(k, io.lsdt.api.Sweep.ALIASES.get(k));
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    private final Lsdt lsdt = Lsdt.builtIn();
    private final Path root;
    private final Map<String, Plan> plans = lru(12);
    private final Map<String, Plan> scenarios = lru(64);
    private final Map<String, byte[]> traces = lru(4);
    private final AtomicLong traceIds = new AtomicLong();
    private volatile Map<String, Object> validation;
    private volatile Map<String, Object> catalog;

    /**
     * The API of {@code lsdt serve}'s pages.
     *
     * @param root the directory whose examples/ and data/validation/ the app offers (the repository's root)
     */
    WebApi(Path root) {
        this.root = root;
    }

    private static <V> Map<String, V> lru(int size) {
        return java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> e) {
                return size() > size;
            }
        });
    }

    /**
     * The example briefs the app offers.
     *
     * @return the briefs under examples/ (catalog and seed form, scenarios too), each with its text
     */
    Map<String, Object> examples() {
        List<Map<String, Object>> out = new ArrayList<>();
        Path dir = root.resolve("examples");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.walk(dir, 2)) {
                for (Path p : s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", dir.relativize(p).toString().replace('\\', '/'));
                    m.put("yaml", Files.readString(p, StandardCharsets.UTF_8));
                    out.add(m);
                }
            } catch (IOException e) {
                throw LsdtException.wrap(e, Problem.UNREADABLE_FILE, dir, e.getMessage());
            }
        }
        return Map.of("examples", out);
    }

    private Plan plan(String yaml, String name) {
        Plan p = plans.get(yaml);
        if (p == null) {
            p = lsdt.plan(PlanRequest.ofYaml(yaml, name));
            plans.put(yaml, p);
        }
        return p;
    }

    private static String yaml(JsonNode body) {
        JsonNode y = body.get("yaml");
        if (y == null || !y.isTextual() || y.asText().isBlank()) {
            throw LsdtException.of(Problem.MISSING_FIELD, "yaml", "the brief's YAML text (a string)");
        }
        return y.asText();
    }

    private static String name(JsonNode body) {
        JsonNode n = body.get("name");
        return n != null && n.isTextual() && !n.asText().isBlank() ? n.asText() : "pasted brief";
    }

    /**
     * Plans a brief for the Plan page.
     *
     * @param body the request, whose {@code yaml} is the brief
     * @return {@code lsdt plan --json} of the brief, with each design's ledger and memory for the charts
     */
    Map<String, Object> plan(JsonNode body) {
        String yaml = yaml(body);
        Plan plan = plan(yaml, name(body));
        DesignPoint chosen = plan.chosen();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", plan.brief().name());
        out.put("describe", chosen == null ? null : chosen.describe());
        out.put("device", plan.brief().deviceId());
        out.put("plan", PlanCommand.json(plan, chosen == null ? null : stragglers(chosen)));
        List<Map<String, Object>> bars = new ArrayList<>();
        for (DesignPoint d : plan.designs()) {
            Map<String, Object> m = new LinkedHashMap<>();
            Prediction p = d.prediction();
            m.put("label", DesignProvenance.describe(p.config()));
            m.put("ledger", LedgerEntries.of(p.ledger()));
            MemoryBreakdown mem = p.memory();
            Map<String, Double> memory = new LinkedHashMap<>();
            memory.put("weights", mem.weights());
            memory.put("gradients", mem.gradients());
            memory.put("optimizer state", mem.optimizer());
            memory.put("activations", mem.activations());
            memory.put("reserve (assumption)", mem.reserve());
            m.put("memory", memory);
            m.put("capacity", p.memoryCapacity());
            bars.add(m);
        }
        out.put("charts", bars);
        return out;
    }

    private static double[] stragglers(DesignPoint chosen) {
        double cv = chosen.macro().input("tail.step.cv").value().si();
        Registry reg = Physics.registry();
        return new double[] {MacroPlan.stragglerEfficiency(reg, cv, 1024),
            MacroPlan.stragglerEfficiency(reg, cv, 16384), MacroPlan.stragglerEfficiency(reg, cv, 100000)};
    }

    /**
     * Explains one number of a plan for the Plan page.
     *
     * @param body the request: {@code yaml}, the brief, and {@code variable}, the number to explain
     * @return the explanation of one number of the chosen design: the text {@code --explain} prints, and its parts
     */
    Map<String, Object> explain(JsonNode body) {
        String yaml = yaml(body);
        JsonNode v = body.get("variable");
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw LsdtException.of(Problem.MISSING_FIELD, "variable", "a graph variable or an alias (step_time, "
                    + "cost, …)");
        }
        Plan plan = plan(yaml, name(body));
        if (plan.chosen() == null) {
            throw LsdtException.of(Problem.INVALID_VALUE, "variable", v.asText(),
                    "a plan with a design: no design fits, so there is nothing to explain");
        }
        DesignPoint point = plan.chosen();
        JsonNode i = body.get("design");
        if (i != null && !i.isNull()) {
            if (!i.canConvertToInt() || i.asInt() < 0 || i.asInt() >= Math.max(1, plan.designs().size())) {
                throw LsdtException.of(Problem.INVALID_VALUE, "design", i, "the index of one of the plan's "
                        + plan.designs().size() + " designs, from 0");
            }
            point = plan.designs().isEmpty() ? point : plan.designs().get(i.asInt());
        }
        Explanation e = point.explain(MacroPrinter.variable(v.asText()));
        Registry reg = e.registry();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("variable", e.variable());
        out.put("resolved", e.resolved());
        out.put("value", e.resolved() ? e.value() : null);
        out.put("formatted", e.resolved() ? UnitFormat.format(e.value(), reg.variable(e.variable()).unit()) : null);
        out.put("description", reg.variable(e.variable()).description());
        out.put("text", TracePrinter.explain(e));
        List<Map<String, Object>> steps = new ArrayList<>();
        for (TraceStep s : e.trace()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("variable", s.variable());
            m.put("equation", s.equation().text());
            m.put("value", UnitFormat.format(s.value(), s.unit()));
            Reference r = s.equation().reference();
            m.put("reference", r == null ? null : r.cite());
            steps.add(m);
        }
        out.put("steps", steps);
        List<Map<String, Object>> inputs = new ArrayList<>();
        for (String in : e.inputs()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("variable", in);
            m.put("value", UnitFormat.format(e.resolution().value(in), reg.variable(in).unit()));
            BriefInput bi = e.origin(in);
            m.put("origin", bi == null ? null : bi.origin());
            m.put("source", bi == null || bi.source() == null ? null : bi.source().cite());
            m.put("kind", kind(bi));
            inputs.add(m);
        }
        out.put("inputs", inputs);
        return out;
    }

    /** @return sourced, estimated, assumed or missing: how an input's value is known */
    private static String kind(BriefInput bi) {
        if (bi == null) {
            return "missing";
        }
        if (bi.assumption()) {
            return "assumed";
        }
        if (bi.source() == null) {
            return "given";
        }
        return bi.source().kind() == Reference.Kind.ESTIMATE ? "estimated" : "sourced";
    }

    /**
     * Searches the graph's variables.
     *
     * @param query part of a variable's name
     * @return graph variables whose name contains the query (at most 50), for the cone viewer's search
     */
    Map<String, Object> variables(String query) {
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        List<String> names = Physics.registry().variables().keySet().stream()
                .filter(n -> n.toLowerCase(Locale.ROOT).contains(q)).sorted().limit(50).toList();
        return Map.of("variables", names);
    }

    /**
     * The cone of a variable for the cone viewer.
     *
     * @param variable a graph variable (full or unique short name)
     * @param direction up (what it depends on) or down (what depends on it)
     * @param yaml a brief whose chosen design gives the values, or null for none
     * @return the cone as nodes (variables and equations) and edges, each variable with its value and how it is known
     */
    Map<String, Object> cone(String variable, String direction, String yaml) {
        if (variable == null || variable.isBlank()) {
            throw LsdtException.of(Problem.MISSING_FIELD, "variable", "a graph variable, e.g. design.t_step");
        }
        Cones.Direction dir;
        try {
            dir = Cones.Direction.valueOf((direction == null ? "up" : direction.strip()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw LsdtException.of(Problem.INVALID_VALUE, "direction", direction, "up or down");
        }
        Registry r = Physics.registry();
        String v = r.find(variable.strip()).name();
        Set<String> cone = Cones.cone(r, v, dir);
        DesignPoint d = yaml == null || yaml.isBlank() ? null : plan(yaml, "brief").chosen();
        Explanation e = d == null ? null : d.explain(v);
        List<Map<String, Object>> nodes = new ArrayList<>();
        List<Map<String, Object>> edges = new ArrayList<>();
        Set<String> eqs = new java.util.LinkedHashSet<>();
        for (String n : cone) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", n);
            m.put("type", "variable");
            m.put("unit", r.variable(n).unit().symbol());
            m.put("root", r.isRoot(n));
            m.put("target", n.equals(v));
            m.put("description", r.variable(n).description());
            Double value = d == null ? null : valueOf(d, n);
            m.put("value", value == null ? null : UnitFormat.format(value, r.variable(n).unit()));
            BriefInput bi = e == null || !r.isRoot(n) ? null : e.origin(n);
            m.put("kind", !r.isRoot(n) ? "derived" : d == null ? "root" : value == null ? "missing" : kind(bi));
            m.put("origin", bi == null ? null : bi.origin());
            m.put("source", bi == null || bi.source() == null ? null : bi.source().cite());
            nodes.add(m);
            for (Equation eq : r.definitions(n)) {
                if (eqs.add(eq.name())) {
                    Map<String, Object> q = new LinkedHashMap<>();
                    q.put("id", "eq:" + eq.name());
                    q.put("type", "equation");
                    q.put("expression", eq.text());
                    q.put("variant", eq.variantKey());
                    q.put("reference", eq.reference() == null ? null : eq.reference().cite());
                    nodes.add(q);
                }
                edges.add(Map.of("source", "eq:" + eq.name(), "target", n));
                for (String in : eq.inputs()) {
                    if (cone.contains(in)) {
                        edges.add(Map.of("source", in, "target", "eq:" + eq.name()));
                    }
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("variable", v);
        out.put("direction", dir.name().toLowerCase(Locale.ROOT));
        out.put("nodes", nodes);
        out.put("edges", edges);
        return out;
    }

    private static Double valueOf(DesignPoint d, String n) {
        try {
            return d.resolution().has(n) ? d.resolution().value(n) : d.macro().resolution().has(n)
                    ? d.macro().value(n) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Evaluates a scenario for the Scenario lab.
     *
     * @param body the request: {@code yaml}, the brief, and {@code set}, the scenario's settings by key
     * @return the headline numbers of the brief with the scenario's settings applied: the chosen design's time to
     *     train, cost, energy, CO2 and MFU (the plan's search without deadline-first sizing, one design)
     */
    Map<String, Object> scenario(JsonNode body) {
        String yaml = yaml(body);
        JsonNode set = body.get("set");
        String edited = yaml;
        if (set != null && !set.isNull()) {
            if (!set.isObject()) {
                throw LsdtException.of(Problem.INVALID_VALUE, "set", set, "an object of brief settings");
            }
            edited = edit(yaml, set);
        }
        long t0 = System.nanoTime();
        Plan plan = scenarios.get(edited);
        if (plan == null) {
            plan = lsdt.plan(PlanRequest.ofYaml(edited, name(body)).withTop(1).withDeadlineFirst(false));
            scenarios.put(edited, plan);
        }
        DesignPoint d = plan.chosen();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("fits", d != null);
        out.put("reason", d == null && plan.search() != null ? plan.search().reason() : null);
        out.put("yaml", edited); // the brief as changed: what a click on one of its numbers explains
        if (d != null) {
            out.put("design", d.describe());
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("time_to_train", number(d, "training.wallclock", "d"));
            n.put("step_time", number(d, "design.t_step", null));
            n.put("mfu", number(d, "training.mfu", "%"));
            n.put("cost", number(d, "econ.run.total_cost", null));
            n.put("energy", number(d, "sust.energy.facility", "MWh"));
            n.put("carbon", number(d, "sust.co2.total", "t"));
            n.put("goodput", number(d, "rel.goodput", "%"));
            out.put("numbers", n);
            out.put("meets_deadline", plan.meetsDeadline());
        }
        out.put("server_ms", (System.nanoTime() - t0) / 1e6);
        return out;
    }

    private static Map<String, Object> number(DesignPoint d, String variable, String unit) {
        Map<String, Object> m = new LinkedHashMap<>();
        Double v = valueOf(d, variable);
        m.put("variable", variable);
        m.put("value", v);
        var u = Physics.registry().variable(variable).unit();
        m.put("formatted", v == null ? null : unit == null ? UnitFormat.format(v, u)
                : UnitFormat.format(v, io.lsdt.graph.unit.Units.parse(unit)));
        return m;
    }

    /**
     * Applies a scenario's settings to a brief's YAML.
     *
     * @param yaml a brief
     * @param set the settings, by key
     * @return the brief's YAML with the scenario's settings written to their keys (comments are not kept)
     */
    static String edit(String yaml, JsonNode set) {
        JsonNode tree;
        try {
            tree = YAML.readTree(yaml);
        } catch (IOException e) {
            throw LsdtException.of(Problem.INVALID_VALUE, "yaml", "the brief", "valid YAML: " + firstLine(e));
        }
        if (!(tree instanceof ObjectNode brief)) {
            throw LsdtException.of(Problem.INVALID_VALUE, "yaml", "the brief", "a YAML mapping of brief keys");
        }
        set.fields().forEachRemaining(f -> {
            String path = SCENARIO_KEYS.get(f.getKey());
            if (path == null) {
                throw LsdtException.of(Problem.INVALID_VALUE, "set." + f.getKey(), f.getValue(), "one of "
                        + SCENARIO_KEYS.keySet());
            }
            if (f.getValue().isNull() || f.getValue().asText().isBlank()) {
                return; // left as the brief has it
            }
            ObjectNode at = brief;
            String[] parts = path.split("\\.");
            for (int i = 0; i < parts.length - 1; i++) {
                JsonNode child = at.get(parts[i]);
                at = child instanceof ObjectNode o ? o : at.putObject(parts[i]);
            }
            at.set(parts[parts.length - 1], f.getValue());
        });
        try {
            return YAML.writeValueAsString(brief);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /**
     * The validation report for the Validation page.
     *
     * @return {@code lsdt validate --runs … --json} over the default validation files (computed once)
     */
    Map<String, Object> validation() {
        Map<String, Object> v = validation;
        if (v == null) {
            List<String> args = new ArrayList<>(List.of("validate"));
            List<Path> files = validationFiles();
            for (Path f : files) {
                args.add("--runs");
                args.add(f.toString());
            }
            args.add("--json");
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) cliJson(args.toArray(String[]::new));
            m.put("files", files.stream().map(Path::toString).toList());
            validation = v = m;
        }
        return v;
    }

    /**
     * The runs files the validation reads: {@link ReportCommand#DEFAULT_RUNS}, the repository's data/validation copies,
     * under the directory the server serves.
     *
     * @return the files
     * @throws LsdtException {@link Problem#UNREADABLE_FILE} when one is missing (the server runs elsewhere than the
     *     repository's root)
     */
    List<Path> validationFiles() {
        List<Path> files = ReportCommand.DEFAULT_RUNS.stream().map(root::resolve).toList();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw LsdtException.of(Problem.UNREADABLE_FILE, f.toString(), "no such file under "
                        + root.toAbsolutePath().normalize()).withHint("run lsdt serve from the repository's root, or "
                        + "give --dir");
            }
        }
        return files;
    }

    /**
     * The catalog for the Catalog page.
     *
     * @return every device, fabric, model and region as {@code lsdt catalog show ID --json} gives it (computed once)
     */
    Map<String, Object> catalog() {
        Map<String, Object> c = catalog;
        if (c == null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> ids = (Map<String, Object>) cliJson("catalog", "list", "--json");
            Map<String, Object> out = new LinkedHashMap<>();
            for (String kind : List.of("devices", "models", "fabrics")) {
                List<Object> items = new ArrayList<>();
                for (Object id : (List<?>) ids.get(kind)) {
                    items.add(cliJson("catalog", "show", String.valueOf(id), "--json"));
                }
                out.put(kind, items);
            }
            List<Map<String, Object>> regions = new ArrayList<>();
            for (io.lsdt.physics.macro.MacroCatalog.Region g
                    : io.lsdt.physics.macro.MacroCatalog.bundled().regions().values()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", g.id());
                m.put("name", g.name());
                m.put("carbon", CatalogCommand.fmt(g.carbon(), "gCO2/kWh"));
                m.put("carbon_source", g.carbon().source().id() + (g.carbon().note() == null ? ""
                        : ": " + g.carbon().note()));
                m.put("price", g.price() == null ? null : CatalogCommand.fmt(g.price(), "USD/kWh"));
                m.put("price_source", g.price() == null ? null : g.price().source().id());
                regions.add(m);
            }
            out.put("regions", regions);
            out.put("frameworks", ids.get("frameworks"));
            catalog = c = out;
        }
        return c;
    }

    /**
     * Simulates the brief's chosen design as {@code lsdt simulate --plan BRIEF --json --trace} does and keeps the
     * Perfetto trace for download.
     *
     * @param body the request, whose {@code yaml} is the brief
     * @return the simulation's JSON, the trace's id, and its complete events in compact form for the timeline
     */
    Map<String, Object> simulate(JsonNode body) {
        String yaml = yaml(body);
        JsonNode jobNode = body.get("job");
        String job = jobNode == null || jobNode.isNull() ? null : jobNode.asText();
        if (job != null) {
            running.put(job, Thread.currentThread());
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("lsdt-serve");
            Path brief = dir.resolve("brief.yaml");
            Path trace = dir.resolve("trace.json");
            Files.writeString(brief, yaml, StandardCharsets.UTF_8);
            @SuppressWarnings("unchecked")
            Map<String, Object> out = (Map<String, Object>) cliJson("simulate", "--plan", brief.toString(), "--json",
                    "--trace", trace.toString());
            byte[] bytes = Files.readAllBytes(trace);
            String id = String.valueOf(traceIds.incrementAndGet());
            traces.put(id, bytes);
            out.put("trace_id", id);
            out.put("trace_bytes", bytes.length);
            out.put("timeline", timeline(bytes));
            return out;
        } catch (IOException | RuntimeException e) {
            if (job != null && cancelled.remove(job)) {
                // interrupted anywhere — in the simulator's loop, or in a file read the interrupt closed
                throw new WebServer.BadRequest(409, "cancelled: the simulation was stopped before it finished");
            }
            if (e instanceof IOException io) {
                throw new java.io.UncheckedIOException(io);
            }
            throw (RuntimeException) e;
        } finally {
            if (job != null) {
                running.remove(job, Thread.currentThread());
                cancelled.remove(job);
            }
            Thread.interrupted(); // a cancel that came after the work: the pooled thread serves the next request clean
            if (dir != null) {
                try (Stream<Path> s = Files.walk(dir)) {
                    s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // a temporary directory left behind is harmless
                }
            }
        }
    }

    /** Simulations in progress, by the job id their page gave: the thread to interrupt to cancel one. */
    private final Map<String, Thread> running = new java.util.concurrent.ConcurrentHashMap<>();
    /** Jobs a page cancelled while they ran: their failure is the cancellation, answered 409. */
    private final java.util.Set<String> cancelled = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Cancels a simulation in progress: its thread is interrupted, the simulator stops within milliseconds and the
     * simulate request answers 409.
     *
     * @param body {@code {"job": id}}, the id the page sent with its simulate request
     * @return {@code {"job": id, "cancelled": true}} when the job was running, false when it was not (finished, or
     *     never started)
     * @throws WebServer.BadRequest 400 without a job id
     */
    Map<String, Object> cancel(JsonNode body) {
        JsonNode j = body.get("job");
        if (j == null || j.isNull() || j.asText().isBlank()) {
            throw new WebServer.BadRequest(400, "job: missing; expected the id sent with the simulate request");
        }
        Thread t = running.get(j.asText());
        if (t != null) {
            cancelled.add(j.asText());
            t.interrupt();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("job", j.asText());
        out.put("cancelled", t != null);
        return out;
    }

    /**
     * A kept trace by id, for download.
     *
     * @param id the trace's id, as {@link #simulate} gave it
     * @return a kept Perfetto trace, or null
     */
    byte[] trace(String id) {
        return traces.get(id);
    }

    /** @return the trace's lanes (rank × stream) and complete events as [lane, ts µs, dur µs, name index] */
    private static Map<String, Object> timeline(byte[] trace) throws IOException {
        JsonNode events = new ObjectMapper().readTree(trace).get("traceEvents");
        Map<Integer, String> ranks = new java.util.TreeMap<>();
        Map<String, String> streams = new LinkedHashMap<>();
        for (JsonNode e : events) {
            if ("M".equals(e.path("ph").asText())) {
                if ("process_name".equals(e.path("name").asText())) {
                    ranks.put(e.path("pid").asInt(), e.path("args").path("name").asText());
                } else if ("thread_name".equals(e.path("name").asText())) {
                    streams.put(e.path("pid").asInt() + "/" + e.path("tid").asInt(), e.path("args").path("name")
                            .asText());
                }
            }
        }
        Map<String, Integer> lanes = new LinkedHashMap<>();
        Map<String, Integer> names = new LinkedHashMap<>();
        List<double[]> out = new ArrayList<>();
        for (JsonNode e : events) {
            if (!"X".equals(e.path("ph").asText())) {
                continue;
            }
            String lane = e.path("pid").asInt() + "/" + e.path("tid").asInt();
            int l = lanes.computeIfAbsent(lane, k -> lanes.size());
            int n = names.computeIfAbsent(e.path("name").asText(), k -> names.size());
            out.add(new double[] {l, e.path("ts").asDouble(), e.path("dur").asDouble(), n});
        }
        List<String> laneNames = new ArrayList<>();
        for (String lane : lanes.keySet()) {
            int pid = Integer.parseInt(lane.substring(0, lane.indexOf('/')));
            laneNames.add(ranks.getOrDefault(pid, "rank " + pid) + " · " + streams.getOrDefault(lane, lane));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lanes", laneNames);
        m.put("names", List.copyOf(names.keySet()));
        m.put("events", out);
        return m;
    }

    /**
     * Runs an {@code lsdt} command in-process and reads what it prints as JSON.
     *
     * @param args the command line, without {@code lsdt}
     * @return what the command printed, parsed (maps, lists, scalars)
     * @throws WebServer.BadRequest 400 with the command's own error message when it exits 2 (a user error)
     */
    static Object cliJson(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        if (code == 2) { // the command's own message: field, value, what was expected, a hint
            String msg = err.toString().strip().replaceFirst("^lsdt: error: ", "");
            for (String a : args) {
                if (a.contains("lsdt-serve")) { // a temporary file of this server: the user knows it as the brief
                    msg = msg.replace(a, "brief");
                }
            }
            throw new WebServer.BadRequest(400, msg);
        }
        if (code == Main.CANCELLED) {
            throw new WebServer.BadRequest(409, "cancelled: " + err.toString().strip()
                    .replaceFirst("^lsdt: cancelled: ", ""));
        }
        if (code != 0 && code != 3) {
            throw new IllegalStateException("lsdt " + String.join(" ", args) + " exited " + code + ": " + err);
        }
        try {
            return new ObjectMapper().readValue(out.toString(), Object.class);
        } catch (IOException e) {
            throw new IllegalStateException("lsdt " + String.join(" ", args) + " printed no JSON: " + e);
        }
    }
}
