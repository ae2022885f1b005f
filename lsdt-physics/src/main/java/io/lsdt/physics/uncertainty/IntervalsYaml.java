package io.lsdt.physics.uncertainty;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.model.Range;
import io.lsdt.physics.design.Numerics;
import io.lsdt.physics.yaml.YamlNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads and writes the residuals table ({@code lsdt/validation/residuals.yaml}).
 *
 * <p>The reader is strict: every key must be known, every value of its type and range, and the derived sections
 * must be what the {@code runs} section gives — each entry of {@code regimes} (its rows, P10, P90, pooling and
 * sources) and of {@code best_mfu} is recomputed from the runs with {@link Intervals#build} and compared. An error
 * names the field, its value and what was expected. So a hand edit of a number shows up at once; the way to change
 * the table is the command in its {@code command} field.
 */
public final class IntervalsYaml {
    /** The value of the {@code kind} key. */
    public static final String KIND = "lsdt-residuals";
    /** The format version written and read. */
    public static final int VERSION = 1;
    /** What a residual is, as the file states it. */
    public static final String RESIDUAL = "ln(measured / predicted) of the metric each source published, as a rate: "
            + "a step time is read as its inverse, so a positive residual means the run was faster than predicted";
    /** The quantile estimator, as the file states it. */
    public static final String QUANTILE = "Hyndman-Fan definition 6: h = (n + 1) q, interpolated between order "
            + "statistics, clamped to the smallest and largest value";

    private static final String WHAT = "residuals table";

    private IntervalsYaml() {}

    /**
     * Reads a residuals table file.
     *
     * @param file a residuals table
     * @return the table
     * @throws LsdtException a user error naming the file, the field, its value and what was expected
     */
    public static Intervals read(Path file) {
        try {
            return read(YamlNode.load(file));
        } catch (LsdtException e) {
            throw e.getMessage().startsWith(file.toString()) ? e : e.inContext(file.toString());
        }
    }

    /**
     * Parses a residuals table from YAML text.
     *
     * @param text the YAML text of a table
     * @param name where it came from, for messages
     * @return the table
     * @throws LsdtException naming the field, its value and what was expected
     */
    public static Intervals parse(String text, String name) {
        try {
            return read(YamlNode.parse(text, name));
        } catch (LsdtException e) {
            throw e.getMessage().startsWith(name) ? e : e.inContext(name);
        }
    }

    /**
     * Reads a residuals table shipped as a resource.
     *
     * @param resource a classpath resource
     * @return the table
     * @throws LsdtException {@link Problem#CATALOG_INVALID} when the shipped table is missing or malformed
     */
    static Intervals resource(String resource) {
        try {
            return read(YamlNode.resource(resource));
        } catch (LsdtException e) {
            throw e.problem() == Problem.CATALOG_INVALID ? e : LsdtException.wrap(e, Problem.CATALOG_INVALID,
                    resource, e.getMessage());
        }
    }

    private static Intervals read(YamlNode root) {
        root.expect("kind", "version", "generated", "command", "step_model", "residual", "quantile", "min_rows",
                "inputs", "regimes", "best_mfu", "runs");
        String kind = root.text("kind");
        if (!kind.equals(KIND)) {
            throw LsdtException.of(Problem.INVALID_VALUE, "kind", "'" + kind + "'", "'" + KIND + "'");
        }
        long version = root.whole("version", 1);
        if (version != VERSION) {
            throw LsdtException.of(Problem.INVALID_VALUE, "version", version, String.valueOf(VERSION));
        }
        String generated = root.text("generated");
        if (!generated.matches("\\d{4}-\\d{2}-\\d{2}")) {
            throw LsdtException.of(Problem.INVALID_VALUE, "generated", "'" + generated + "'", "a date YYYY-MM-DD");
        }
        String command = root.text("command");
        String stepModel = root.text("step_model");
        root.text("residual");
        root.text("quantile");
        int minRows = (int) root.whole("min_rows", 1);
        List<Intervals.Input> inputs = new ArrayList<>();
        for (YamlNode n : root.list("inputs")) {
            n.expect("file", "rows", "predicted");
            long rows = n.whole("rows", 1);
            long predicted = n.whole("predicted", 0);
            if (predicted > rows) {
                throw LsdtException.of(Problem.INVALID_VALUE, n.path() + ".predicted", predicted,
                        "at most the file's " + rows + " rows");
            }
            inputs.add(new Intervals.Input(n.text("file"), (int) rows, (int) predicted));
        }
        List<ValidatedRun> runs = new ArrayList<>();
        for (YamlNode n : root.list("runs")) {
            runs.add(run(n));
        }
        if (runs.isEmpty()) {
            throw LsdtException.of(Problem.INVALID_VALUE, "runs", "[]", "at least one validated run");
        }
        Intervals.Provenance provenance = new Intervals.Provenance(generated, command, stepModel, inputs);
        Intervals expected = Intervals.build(runs, minRows, provenance);
        Map<String, RegimeResiduals> regimes = new LinkedHashMap<>();
        List<YamlNode> regimeNodes = root.list("regimes");
        for (YamlNode n : regimeNodes) {
            RegimeResiduals r = regime(n, expected);
            regimes.put(r.key(), r);
        }
        for (String key : expected.regimes().keySet()) {
            if (!regimes.containsKey(key)) {
                throw LsdtException.of(Problem.MISSING_FIELD, "regimes: entry '" + key + "'",
                        "an entry for every regime, family and 'all' that has runs (recomputed from the runs section)");
            }
        }
        List<YamlNode> bestNodes = root.list("best_mfu");
        if (bestNodes.size() != expected.best().size()) {
            throw LsdtException.of(Problem.INVALID_VALUE, "best_mfu", bestNodes.size() + " entries",
                    expected.best().size() + " entries, one per device, precision class and scale band with runs "
                            + "(recomputed from the runs section)");
        }
        List<BestMeasured> best = new ArrayList<>();
        for (int i = 0; i < bestNodes.size(); i++) {
            best.add(best(bestNodes.get(i), expected.best().get(i)));
        }
        root.finish();
        return Intervals.of(minRows, provenance, regimes, best, runs);
    }

    private static ValidatedRun run(YamlNode n) {
        n.expect("run_id", "source", "device", "precision", "devices", "family", "active_params_b", "tp", "pp", "cp",
                "ep", "log_residual", "mfu", "credible");
        String precision = n.text("precision");
        Numerics numerics;
        try {
            numerics = Numerics.valueOf(precision.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw LsdtException.of(Problem.INVALID_VALUE, n.path() + ".precision", "'" + precision + "'",
                    "bf16, fp16 or fp8");
        }
        String familyKey = n.text("family");
        Regime.Family family = Regime.Family.byKey(familyKey);
        if (family == null) {
            throw LsdtException.of(Problem.INVALID_VALUE, n.path() + ".family", "'" + familyKey + "'",
                    "one of " + Regime.Family.keys());
        }
        double billions = n.quantity("active_params_b", "1", Range.POSITIVE).si();
        Configuration c = new Configuration(n.text("device"), numerics, n.whole("devices", 1), family,
                billions * 1e9, (int) n.whole("tp", 1), (int) n.whole("pp", 1), (int) n.whole("cp", 1),
                (int) n.whole("ep", 1));
        double residual = n.quantity("log_residual", "1", Range.ANY).si();
        double mfu = n.quantity("mfu", "1", Range.POSITIVE).si();
        if (!n.hasValue("credible")) {
            throw LsdtException.of(Problem.MISSING_FIELD, n.path() + ".credible", "true or false");
        }
        return new ValidatedRun(n.text("run_id"), n.text("source"), c, residual, mfu, n.bool("credible", false));
    }

    private static RegimeResiduals regime(YamlNode n, Intervals expected) {
        n.expect("key", "rows", "p10", "p90", "uses", "sources");
        String key = n.text("key");
        RegimeResiduals want = expected.regimes().get(key);
        if (want == null) {
            throw LsdtException.of(Problem.INVALID_VALUE, n.path() + ".key", "'" + key + "'",
                    "'all', a family (" + Regime.Family.keys() + ") or a regime FAMILY/SCALE/SIZE that has runs: "
                            + String.join(", ", expected.regimes().keySet()));
        }
        long rows = n.whole("rows", 1);
        check(n, "rows", rows, want.rows());
        double p10 = n.quantity("p10", "1", Range.ANY).si();
        check(n, "p10", p10, want.p10());
        double p90 = n.quantity("p90", "1", Range.ANY).si();
        check(n, "p90", p90, want.p90());
        String uses = n.text("uses");
        if (!uses.equals(want.uses())) {
            throw LsdtException.of(Problem.INVALID_VALUE, n.path() + ".uses", "'" + uses + "'", "'" + want.uses()
                    + "' (the pooling rule: the entry's own residuals with at least " + expected.minRows()
                    + " runs, else its family's, else all)");
        }
        List<String> sources = n.texts("sources");
        if (!sources.equals(want.sources())) {
            throw LsdtException.of(Problem.INVALID_VALUE, n.path() + ".sources", sources, want.sources()
                    + " (the sources of its runs, recomputed from the runs section)");
        }
        return new RegimeResiduals(key, (int) rows, p10, p90, uses, sources);
    }

    private static BestMeasured best(YamlNode n, BestMeasured want) {
        n.expect("device", "precision", "scale", "mfu", "devices", "run_id", "source");
        String device = n.text("device");
        String precision = n.text("precision");
        String scaleKey = n.text("scale");
        Regime.Scale scale = Regime.Scale.byKey(scaleKey);
        if (scale == null) {
            throw LsdtException.of(Problem.INVALID_VALUE, n.path() + ".scale", "'" + scaleKey + "'",
                    "one of " + Regime.Scale.keys());
        }
        BestMeasured got = new BestMeasured(device, precision, scale, n.quantity("mfu", "1", Range.POSITIVE).si(),
                n.whole("devices", 1), n.text("run_id"), n.text("source"));
        if (!got.equals(want)) {
            throw LsdtException.of(Problem.INVALID_VALUE, n.path(), describe(got), describe(want)
                    + " (recomputed from the runs section)");
        }
        return got;
    }

    private static String describe(BestMeasured b) {
        return b.device() + " " + b.precision() + " " + b.scale().key() + ": MFU " + number(b.mfu()) + " on "
                + b.devices() + " devices, run " + b.runId();
    }

    private static void check(YamlNode n, String field, double got, double want) {
        if (got != want) {
            throw LsdtException.of(Problem.INVALID_VALUE, n.path() + "." + field, number(got), number(want)
                    + " (recomputed from the runs section)");
        }
    }

    // ------------------------------------------------------------------------------------------------ writing

    /**
     * Writes a residuals table as YAML, as {@code lsdt validate --write-intervals} does.
     *
     * @param t a table
     * @return its YAML text, deterministic: the same table gives the same bytes
     */
    public static String write(Intervals t) {
        Intervals.Provenance p = t.provenance();
        StringBuilder sb = new StringBuilder();
        sb.append("# LSDT's residuals table: how far the step model was off on the development runs, per regime.\n")
                .append("# Derived data: do not edit by hand (the loader recomputes every regime from the runs and "
                        + "refuses a mismatch).\n")
                .append("# Regenerate after any change to the design equations or the calibration, from the "
                        + "repository root:\n")
                .append("#   ").append(p.command()).append('\n');
        sb.append("kind: ").append(q(KIND)).append('\n');
        sb.append("version: ").append(VERSION).append('\n');
        sb.append("generated: ").append(q(p.generated())).append('\n');
        sb.append("command: ").append(q(p.command())).append('\n');
        sb.append("step_model: ").append(q(p.stepModel())).append('\n');
        sb.append("residual: ").append(q(RESIDUAL)).append('\n');
        sb.append("quantile: ").append(q(QUANTILE)).append('\n');
        sb.append("min_rows: ").append(t.minRows()).append('\n');
        sb.append("inputs:\n");
        for (Intervals.Input in : p.inputs()) {
            sb.append("  - file: ").append(q(in.file())).append('\n')
                    .append("    rows: ").append(in.rows()).append('\n')
                    .append("    predicted: ").append(in.predicted()).append('\n');
        }
        sb.append("# P10 and P90 of the log residual per entry: 'all', each framework family, each regime "
                + "FAMILY/SCALE/SIZE with runs.\n# 'uses' is the entry whose quantiles a prediction here takes "
                + "(itself with at least min_rows runs, else its family, else all).\n");
        sb.append("regimes:\n");
        for (RegimeResiduals r : t.regimes().values()) {
            sb.append("  - key: ").append(q(r.key())).append('\n')
                    .append("    rows: ").append(r.rows()).append('\n')
                    .append("    p10: ").append(number(r.p10())).append('\n')
                    .append("    p90: ").append(number(r.p90())).append('\n')
                    .append("    uses: ").append(q(r.uses())).append('\n')
                    .append("    sources:\n");
            for (String s : r.sources()) {
                sb.append("      - ").append(q(s)).append('\n');
            }
        }
        sb.append("# The best MFU measured per device, precision class and scale band (MFU on LSDT's definition: "
                + "its model FLOPs at the measured speed over the dense peak).\n");
        sb.append("best_mfu:\n");
        for (BestMeasured b : t.best()) {
            sb.append("  - device: ").append(q(b.device())).append('\n')
                    .append("    precision: ").append(q(b.precision())).append('\n')
                    .append("    scale: ").append(q(b.scale().key())).append('\n')
                    .append("    mfu: ").append(number(b.mfu())).append('\n')
                    .append("    devices: ").append(b.devices()).append('\n')
                    .append("    run_id: ").append(q(b.runId())).append('\n')
                    .append("    source: ").append(q(b.source())).append('\n');
        }
        sb.append("# The validated configurations: every development run LSDT predicted. credible: false for adapter "
                + "fine-tuning (LoRA, QLoRA, PEFT)\n# and runs whose caveats flag their utilisation as implausible; "
                + "they keep their residuals but cannot be the best MFU.\n");
        sb.append("runs:\n");
        for (ValidatedRun r : t.runs()) {
            Configuration c = r.configuration();
            sb.append("  - run_id: ").append(q(r.runId())).append('\n')
                    .append("    source: ").append(q(r.source())).append('\n')
                    .append("    device: ").append(q(c.device())).append('\n')
                    .append("    precision: ").append(q(c.numerics().name().toLowerCase(Locale.ROOT))).append('\n')
                    .append("    devices: ").append(c.devices()).append('\n')
                    .append("    family: ").append(q(c.family().key())).append('\n')
                    .append("    active_params_b: ").append(number(billions(c.activeParams()))).append('\n')
                    .append("    tp: ").append(c.tp()).append('\n')
                    .append("    pp: ").append(c.pp()).append('\n')
                    .append("    cp: ").append(c.cp()).append('\n')
                    .append("    ep: ").append(c.ep()).append('\n')
                    .append("    log_residual: ").append(number(r.logResidual())).append('\n')
                    .append("    mfu: ").append(number(r.mfu())).append('\n')
                    .append("    credible: ").append(r.credible()).append('\n');
        }
        return sb.toString();
    }

    /**
     * A parameter count in billions, as the table's files write it.
     *
     * @param params parameters
     * @return billions, to six decimals (what the file keeps)
     */
    static double billions(double params) {
        return Math.round(params / 1e9 * 1e6) / 1e6;
    }

    private static String number(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("non-finite " + v);
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** @return {@code s} as a double-quoted YAML scalar */
    private static String q(String s) {
        Objects.requireNonNull(s);
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
