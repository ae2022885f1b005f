package io.lsdt.physics.uncertainty;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.physics.design.Numerics;
import io.lsdt.physics.util.Lazy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The residuals table: how far LSDT's step model was off on the development runs, per regime, and the runs
 * themselves as validated configurations. It answers three questions about a new prediction: its P10–P90 interval
 * ({@link #interval(Regime)}), the validated configurations nearest to it ({@link #nearest(Configuration, int)}), and
 * the best MFU measured on its device at its scale ({@link #bestMeasured(String, Numerics, long)}).
 *
 * <p><b>Pooling.</b> A regime (family × scale × size) with at least {@link #MIN_ROWS} runs uses its own residuals;
 * one with fewer falls back to its framework family's pool, and a family with fewer to all runs. Nine is the smallest
 * count whose P10–P90 range is an 80 % prediction interval ({@link Quantiles}).
 *
 * <p>The shipped table ({@link #shipped()}) is derived data: {@code lsdt validate --runs dev_runs.csv --runs
 * dev_runs_wave2.csv --write-intervals FILE} regenerates it, and its file says when, from what and with which
 * command ({@link Provenance}). Immutable.
 */
public final class Intervals {
    /** Runs a regime or a family needs before its own residuals are used. */
    public static final int MIN_ROWS = 9;
    /** The key of the pool of every run. */
    public static final String ALL = "all";
    /** The classpath resource of the shipped table. */
    public static final String RESOURCE = "/lsdt/validation/residuals.yaml";

    private static final Lazy<Intervals> SHIPPED = Lazy.of(() -> IntervalsYaml.resource(RESOURCE));

    /**
     * Where a table came from.
     *
     * @param generated the date it was generated, {@code YYYY-MM-DD}
     * @param command the command that regenerates it
     * @param stepModel the step model whose residuals it holds
     * @param inputs the runs files read
     */
    public record Provenance(String generated, String command, String stepModel, List<Input> inputs) {
        /** Copies the inputs. */
        public Provenance {
            Objects.requireNonNull(generated, "generated");
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(stepModel, "stepModel");
            inputs = List.copyOf(inputs);
        }
    }

    /**
     * One runs file behind a table.
     *
     * @param file the file's name
     * @param rows its rows
     * @param predicted rows LSDT predicted (the others were skipped with a reason)
     */
    public record Input(String file, int rows, int predicted) {}

    private final int minRows;
    private final Provenance provenance;
    private final Map<String, RegimeResiduals> regimes;
    private final List<BestMeasured> best;
    private final List<ValidatedRun> runs;

    private Intervals(int minRows, Provenance provenance, Map<String, RegimeResiduals> regimes,
            List<BestMeasured> best, List<ValidatedRun> runs) {
        this.minRows = minRows;
        this.provenance = provenance;
        this.regimes = Collections.unmodifiableMap(new LinkedHashMap<>(regimes));
        this.best = List.copyOf(best);
        this.runs = List.copyOf(runs);
    }

    /**
     * The residuals table LSDT ships.
     *
     * @return the table shipped with LSDT (resource {@value #RESOURCE}), loaded once
     * @throws LsdtException when the shipped file is malformed (a defect of LSDT)
     */
    public static Intervals shipped() {
        return SHIPPED.get();
    }

    /**
     * The interval of a regime in the shipped table.
     *
     * @param regime a regime
     * @return its interval in the shipped table
     */
    public static Interval of(Regime regime) {
        return shipped().interval(regime);
    }

    /**
     * Builds the table from validated runs: the residuals of every regime cell, family and of all runs, the pooling,
     * and the best MFU per device, precision class and scale band among the {@linkplain ValidatedRun#credible()
     * credible} runs. Quantiles and MFUs are rounded to four decimals
     * (the precision the file keeps), so that a table read back equals the table written.
     *
     * @param runs the validated runs, at least one
     * @param minRows runs a regime needs before its own residuals are used, ≥ 1
     * @param provenance where the runs came from
     * @return the table
     */
    public static Intervals build(List<ValidatedRun> runs, int minRows, Provenance provenance) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no validated runs");
        }
        if (minRows < 1) {
            throw new IllegalArgumentException("minRows " + minRows);
        }
        Map<String, List<ValidatedRun>> groups = new LinkedHashMap<>();
        groups.put(ALL, runs);
        for (Regime.Family f : Regime.Family.values()) {
            List<ValidatedRun> in = runs.stream().filter(r -> r.configuration().family() == f).toList();
            if (!in.isEmpty()) {
                groups.put(f.key(), in);
            }
        }
        for (Regime.Family f : Regime.Family.values()) {
            for (Regime.Scale s : Regime.Scale.values()) {
                for (Regime.Size z : Regime.Size.values()) {
                    Regime g = new Regime(f, s, z);
                    List<ValidatedRun> in = runs.stream().filter(r -> r.regime().equals(g)).toList();
                    if (!in.isEmpty()) {
                        groups.put(g.key(), in);
                    }
                }
            }
        }
        Map<String, RegimeResiduals> regimes = new LinkedHashMap<>();
        for (Map.Entry<String, List<ValidatedRun>> g : groups.entrySet()) {
            double[] r = g.getValue().stream().mapToDouble(ValidatedRun::logResidual).toArray();
            List<String> sources = new ArrayList<>(new LinkedHashSet<>(g.getValue().stream()
                    .map(ValidatedRun::source).toList()));
            String uses = uses(g.getKey(), k -> groups.getOrDefault(k, List.of()).size(), minRows);
            regimes.put(g.getKey(), new RegimeResiduals(g.getKey(), r.length, round4(Quantiles.of(r, 0.1)),
                    round4(Quantiles.of(r, 0.9)), uses, sources));
        }
        return new Intervals(minRows, provenance, regimes, bestOf(runs), runs);
    }

    /**
     * Assembles a table read from a file, as is (the reader checks it).
     *
     * @param minRows runs a regime needs before its own residuals are used
     * @param provenance where the table came from
     * @param regimes every entry: {@code all}, the families, the regime cells with runs
     * @param best the best MFU per device, precision class and scale band
     * @param runs the validated runs
     * @return the table
     */
    static Intervals of(int minRows, Provenance provenance, Map<String, RegimeResiduals> regimes,
            List<BestMeasured> best, List<ValidatedRun> runs) {
        return new Intervals(minRows, provenance, regimes, best, runs);
    }

    /**
     * The pooling rule.
     *
     * @param key an entry's key: a regime cell, a family or {@value #ALL}
     * @param rows the runs of an entry by key (0 for an entry without runs)
     * @param minRows runs an entry needs before its own residuals are used
     * @return the key whose residuals a prediction in {@code key} uses
     */
    static String uses(String key, java.util.function.ToIntFunction<String> rows, int minRows) {
        if (key.equals(ALL)) {
            return ALL;
        }
        int slash = key.indexOf('/');
        if (slash >= 0 && rows.applyAsInt(key) >= minRows) {
            return key;
        }
        String family = slash >= 0 ? key.substring(0, slash) : key;
        return rows.applyAsInt(family) >= minRows ? family : ALL;
    }

    private static List<BestMeasured> bestOf(List<ValidatedRun> runs) {
        Map<String, BestMeasured> best = new LinkedHashMap<>();
        for (ValidatedRun r : runs) {
            if (!r.credible()) {
                continue;
            }
            Configuration c = r.configuration();
            Regime.Scale s = Regime.Scale.of(c.devices());
            String key = c.device() + "|" + c.precisionClass() + "|" + s.ordinal();
            BestMeasured b = best.get(key);
            if (b == null || r.mfu() > b.mfu()) {
                best.put(key, new BestMeasured(c.device(), c.precisionClass(), s, round4(r.mfu()), c.devices(),
                        r.runId(), r.source()));
            }
        }
        List<BestMeasured> out = new ArrayList<>(best.values());
        out.sort(Comparator.comparing(BestMeasured::device).thenComparing(BestMeasured::precision)
                .thenComparing(BestMeasured::scale));
        return out;
    }

    /**
     * Rounds a value as the table keeps it.
     *
     * @param v a value
     * @return {@code v} rounded to four decimals
     */
    static double round4(double v) {
        return Math.round(v * 1e4) / 1e4;
    }

    /**
     * The fewest runs a regime needs for its own interval; below it the regime pools its family's or all runs.
     *
     * @return runs a regime needs before its own residuals are used
     */
    public int minRows() {
        return minRows;
    }

    /**
     * The table's provenance: the runs files and the model it was computed from.
     *
     * @return where the table came from
     */
    public Provenance provenance() {
        return provenance;
    }

    /**
     * The residuals of each entry of the table.
     *
     * @return every entry: {@code all}, the families, the regime cells with runs — in that order
     */
    public Map<String, RegimeResiduals> regimes() {
        return regimes;
    }

    /**
     * The best MFU measured per setting, a bound to read a predicted MFU against.
     *
     * @return the best MFU per device, precision class and scale band, sorted by device, precision and band
     */
    public List<BestMeasured> best() {
        return best;
    }

    /**
     * The runs the table was computed from.
     *
     * @return the validated runs, in the order of their files
     */
    public List<ValidatedRun> runs() {
        return runs;
    }

    /**
     * The interval of a regime: its own residuals when it has at least {@link #minRows()} runs, else its family's,
     * else all runs'.
     *
     * @param regime a regime
     * @return its interval
     */
    public Interval interval(Regime regime) {
        String key = regime.key();
        RegimeResiduals own = regimes.get(key);
        String used = own != null ? own.uses() : uses(key, k -> regimes.containsKey(k) ? regimes.get(k).rows() : 0,
                minRows);
        RegimeResiduals u = regimes.get(used);
        if (u == null) {
            u = regimes.get(ALL);
            used = ALL;
        }
        return new Interval(regime, used, u.rows(), u.p10(), u.p90());
    }

    /**
     * The validated runs closest to a configuration, the evidence its prediction rests on.
     *
     * @param c a configuration
     * @param k how many runs, ≥ 1
     * @return the {@code k} validated runs nearest to {@code c} (fewer when the table has fewer), nearest first; ties
     *     in file order
     */
    public List<NearestRun> nearest(Configuration c, int k) {
        List<NearestRun> all = new ArrayList<>();
        for (ValidatedRun r : runs) {
            all.add(new NearestRun(r, c.distance(r.configuration())));
        }
        // a stable sort keeps file order among equal distances
        all.sort(Comparator.comparingDouble(NearestRun::distance));
        return List.copyOf(all.subList(0, Math.min(k, all.size())));
    }

    /**
     * The best MFU measured on a device at a precision class, in the scale band of {@code devices} or, when that
     * band has no run, the nearest band that has one (ties to the larger band).
     *
     * @param device a catalog device id
     * @param numerics numerics
     * @param devices devices of the job
     * @return the best run, or null when the development set has no run on that device at that precision class
     */
    public BestMeasured bestMeasured(String device, Numerics numerics, long devices) {
        String precision = Configuration.precisionClass(numerics);
        int band = Regime.Scale.of(devices).ordinal();
        BestMeasured found = null;
        int foundGap = Integer.MAX_VALUE;
        for (BestMeasured b : best) {
            if (!b.device().equals(device) || !b.precision().equals(precision)) {
                continue;
            }
            int gap = Math.abs(b.scale().ordinal() - band);
            if (gap < foundGap || gap == foundGap && b.scale().ordinal() > found.scale().ordinal()) {
                found = b;
                foundGap = gap;
            }
        }
        return found;
    }
}
