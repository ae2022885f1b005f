package io.lsdt.api;

import io.lsdt.graph.compile.CompiledPlan;
import io.lsdt.graph.compile.SlotProgram;
import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.model.Range;
import io.lsdt.graph.model.Reference;
import io.lsdt.graph.registry.Registry;
import io.lsdt.graph.unit.Unit;
import io.lsdt.physics.brief.BriefInput;
import io.lsdt.physics.sensitivity.Factor;
import io.lsdt.physics.sensitivity.Morris;
import io.lsdt.physics.sensitivity.Sobol;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Global sensitivity of a plan's chosen design: which of its uncertain inputs move the time to train, the cost, the
 * energy, the CO2 and the MFU, and how much. The design stays fixed (no search per sample): the design point's one
 * resolution is compiled ({@link CompiledPlan}) from its inputs to the five outputs, and each sample re-evaluates the
 * equations downstream of the varied inputs.
 *
 * <p>The varied inputs are the design point's inputs that an output depends on and whose source says how sure it is,
 * each uniform over a default relative range by source kind ({@link Kind}): ±2 % for a datasheet or vendor
 * documentation, ±5 % for a measurement or a published figure (paper, software constant), ±20 % for an estimate or
 * a constant fitted on the development set, ±50 % for an assumption. The range is clipped to the variable's declared
 * range (an efficiency stays ≤ 1). Held fixed: the model's shape, the design, the brief's own numbers (tokens,
 * batch, state bytes: what is asked, not what is uncertain), definitions, the residuals behind the P10–P90
 * interval, integer counts and inputs whose value is 0 (a relative range of 0 is no range).
 *
 * <p>Methods: {@link Method#SOBOL}, variance-based first- and total-order indices by Saltelli sampling
 * ({@link Sobol}: Saltelli et al. 2010 Table 2 (b), Jansen 1999), N base samples → N (k + 2) evaluations; and
 * {@link Method#MORRIS}, elementary effects μ* and σ ({@link Morris}: Morris 1991, Campolongo et al. 2007), r
 * trajectories on a 4-level grid → r (k + 1) evaluations. Both are deterministic for a seed.
 */
public final class Sensitivity {
    /** The outputs, in order: time to train (s), cost (USD), facility energy (J), CO2 (kg), MFU (1). */
    public static final List<String> OUTPUTS = List.of(DesignPoint.TIME_TO_TRAIN, "econ.run.total_cost",
            "sust.energy.facility", "sust.co2.total", DesignPoint.MFU);

    /** The levels of the Morris grid. */
    public static final int MORRIS_LEVELS = 4;

    /** The most samples (Sobol base samples N or Morris trajectories r) one analysis takes. */
    public static final int MAX_SAMPLES = 10_000_000;

    /** The most model evaluations one analysis takes. */
    public static final long MAX_EVALUATIONS = 200_000_000L;

    private static final java.util.Set<String> COUNTS = java.util.Set.of("design.domain",
            "fundamentals.n_nics_per_node", "design.dequant");

    private Sensitivity() {}

    /** The analysis. */
    public enum Method {
        /** Morris elementary effects: μ* ranks, σ says interaction or non-linearity. */
        MORRIS,
        /** Sobol' indices: S1, the share of variance an input explains alone; ST, with its interactions. */
        SOBOL;

        /**
         * The method's name as the command line's {@code --method} takes it.
         *
         * @return the lower-case name
         */
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * Reads a method's name, as {@code lsdt sensitivity --method} gives it.
         *
         * @param text {@code morris} or {@code sobol}, any case
         * @return the method
         * @throws LsdtException {@link Problem#INVALID_VALUE} naming {@code --method} for another word
         */
        public static Method parse(String text) {
            for (Method m : values()) {
                if (m.text().equalsIgnoreCase(text)) {
                    return m;
                }
            }
            throw LsdtException.of(Problem.INVALID_VALUE, "--method", text, "morris or sobol");
        }
    }

    /** How sure an input's source is, and its default relative range. */
    public enum Kind {
        /** A datasheet or the vendor's documentation: ±2 %. */
        DATASHEET(0.02),
        /** A measurement or a published figure (paper, software constant): ±5 %. */
        MEASURED(0.05),
        /** An estimate: ±20 %. */
        ESTIMATE(0.20),
        /** Fitted on the development set: ±20 %. */
        FITTED(0.20),
        /** An assumption (no source; set by judgment): ±50 %. */
        ASSUMPTION(0.50);

        private final double relative;

        Kind(double relative) {
            this.relative = relative;
        }

        /**
         * The kind's default relative half-width of an input's range: the value ± this share of it.
         *
         * @return the half-width as a share of the value
         */
        public double relative() {
            return relative;
        }

        /**
         * The kind's name as a {@code sensitivity:} section's keys spell it.
         *
         * @return the lower-case name
         */
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * Classifies an input by its source: fitted for LSDT's calibration constants, an assumption for an input
         * flagged as one (or an estimate its source calls an assumption), otherwise by the source's kind (a datasheet
         * or documentation, a measurement, paper or software constant, an estimate).
         *
         * @param in an input of a design point
         * @return its kind, or null when it is held fixed (no source, or a definition)
         */
        public static Kind of(BriefInput in) {
            Reference s = in.source();
            if (s != null && s.title().startsWith("LSDT calibration")) {
                return FITTED;
            }
            if (in.assumption() || s != null && s.kind() == Reference.Kind.ESTIMATE
                    && s.title().toLowerCase(Locale.ROOT).contains("assumption")) {
                return s != null && s.kind() == Reference.Kind.DEFINITION ? null : ASSUMPTION;
            }
            if (s == null) {
                return null;
            }
            return switch (s.kind()) {
                case DATASHEET, DOCUMENTATION -> DATASHEET;
                case MEASURED, PAPER, SOFTWARE -> MEASURED;
                case ESTIMATE -> ESTIMATE;
                case DEFINITION -> null;
            };
        }
    }

    /**
     * One varied input.
     *
     * @param variable the graph variable
     * @param unit its unit
     * @param value the plan's value (SI)
     * @param low the lower bound (SI)
     * @param high the upper bound (SI)
     * @param kind its source's kind, which sets the default range
     * @param relative the half-width used, as a share of the value: the kind's, or an override ({@link Ranges})
     * @param origin where the plan's value comes from
     */
    public record Input(String variable, Unit unit, double value, double low, double high, Kind kind,
            double relative, String origin) {}

    /**
     * The relative half-widths of the inputs' ranges: per kind (default {@link Kind#relative()}) and per variable,
     * a variable's own overriding its kind's. From {@code lsdt sensitivity --range KEY=SHARE} or a brief's
     * {@code sensitivity: ranges:} section.
     *
     * @param byKind half-widths by kind (absent: the kind's default)
     * @param byVariable half-widths by graph variable
     */
    public record Ranges(Map<Kind, Double> byKind, Map<String, Double> byVariable) {
        /** The defaults of {@link Kind}. */
        public static final Ranges DEFAULT = new Ranges(Map.of(), Map.of());

        /** Copies the maps; checks every share is in [0, 1). */
        public Ranges {
            byKind = Map.copyOf(byKind);
            byVariable = Map.copyOf(byVariable);
            for (Map.Entry<Kind, Double> e : byKind.entrySet()) {
                check(e.getKey().text(), e.getValue());
            }
            for (Map.Entry<String, Double> e : byVariable.entrySet()) {
                check(e.getKey(), e.getValue());
            }
        }

        private static void check(String key, double share) {
            if (!(share >= 0 && share < 1)) {
                throw LsdtException.of(Problem.INVALID_VALUE, "range of " + key, share,
                        "a relative half-width from 0 to below 1 (0.2 = ±20 %)");
            }
        }

        /**
         * The relative half-width of an input's range: the one set for the variable, else the one set for its kind,
         * else the kind's default.
         *
         * @param variable a graph variable
         * @param kind its kind
         * @return the half-width to use
         */
        public double relative(String variable, Kind kind) {
            Double v = byVariable.get(variable);
            if (v != null) {
                return v;
            }
            Double k = byKind.get(kind);
            return k != null ? k : kind.relative();
        }

        /**
         * Reads {@code KEY=SHARE} overrides: KEY a kind (datasheet, measured, estimate, fitted, assumption) or a
         * graph variable, SHARE a relative half-width ("0.1", "10%").
         *
         * @param specs the overrides, later ones winning
         * @param known the graph's variables, for the closest names of an unknown key
         * @return these ranges with the overrides
         * @throws LsdtException {@link Problem#INVALID_VALUE} naming the text, the key or the share
         */
        public Ranges with(List<String> specs, java.util.Set<String> known) {
            return with(io.lsdt.physics.sensitivity.RangeOverrides.parse(specs, "--range", known));
        }

        private Ranges with(Map<String, Double> shares) {
            Map<Kind, Double> k = new java.util.EnumMap<>(Kind.class);
            k.putAll(byKind);
            Map<String, Double> v = new LinkedHashMap<>(byVariable);
            shares.forEach((key, share) -> {
                Kind kind = java.util.Arrays.stream(Kind.values()).filter(x -> x.text().equals(key)).findFirst()
                        .orElse(null);
                if (kind != null) {
                    k.put(kind, share);
                } else {
                    v.put(key, share);
                }
            });
            return new Ranges(k, v);
        }

        /**
         * The overrides of a brief's {@code sensitivity:} section ({@code ranges:} KEY: SHARE, as {@link #with});
         * none when the brief has no such section.
         *
         * @param brief the brief file
         * @param known the graph's variables
         * @return the ranges
         * @throws LsdtException naming {@code sensitivity.ranges…} for a bad key or share, or the file's errors
         */
        public static Ranges ofBrief(java.nio.file.Path brief, java.util.Set<String> known) {
            return DEFAULT.with(io.lsdt.physics.sensitivity.RangeOverrides.ofBrief(
                    io.lsdt.physics.yaml.YamlNode.load(brief), known));
        }
    }

    /**
     * An output's spread: from the inputs' ranges alone (P10 and P90 over a Monte Carlo sample of them), and with
     * the design model's own prediction interval (the plan's P10–P90 of ln(actual / predicted rate), its
     * credibility) added in quadrature on each side, the two treated as independent. The model's error moves the
     * step: time to train, cost, energy and CO2 scale with it, MFU inversely.
     *
     * @param variable the output
     * @param inputsP10 its P10 over the inputs' ranges (SI)
     * @param inputsP90 its P90 over the inputs' ranges (SI)
     * @param p10 its P10 with the model's interval (SI)
     * @param p90 its P90 with the model's interval (SI)
     */
    public record Band(String variable, double inputsP10, double inputsP90, double p10, double p90) {}

    /** Monte Carlo samples of the band's inputs-only spread. */
    public static final int BAND_SAMPLES = 4096;

    /**
     * One input's indices on one output.
     *
     * @param input the input
     * @param first Sobol: S1; Morris: μ* (in the output's SI unit per the input's whole range)
     * @param second Sobol: ST; Morris: σ
     * @param mu Morris: μ, the signed mean effect; Sobol: NaN
     */
    public record Row(Input input, double first, double second, double mu) {}

    /**
     * The inputs ranked on one output: by ST (Sobol) or μ* (Morris), largest first, ties by name.
     *
     * @param variable the output variable
     * @param unit its unit
     * @param nominal its value at the plan's inputs (SI)
     * @param variance Sobol: the output's variance over the samples (SI²); Morris: NaN
     * @param rows one per input, ranked
     * @param swings one per input, the output with that input alone at its low and at its high bound (the others
     *     at the plan's values: a tornado chart's bars), widest first, ties by name
     */
    public record Output(String variable, Unit unit, double nominal, double variance, List<Row> rows,
            List<Swing> swings) {}

    /**
     * One input's one-at-a-time swing of an output.
     *
     * @param input the input
     * @param atLow the output with the input at its low bound (SI)
     * @param atHigh the output with the input at its high bound (SI)
     */
    public record Swing(Input input, double atLow, double atHigh) {
        /**
         * The swing's width, the bar's length in a tornado chart (the output's unit, SI).
         *
         * @return |atHigh − atLow|
         */
        public double width() {
            return Math.abs(atHigh - atLow);
        }
    }

    /**
     * One sensitivity analysis of a design point: the varied inputs and, for each of {@link #OUTPUTS}, the inputs
     * ranked and the output's band.
     *
     * @param method the method
     * @param samples N (Sobol) or r (Morris)
     * @param seed the seed
     * @param evaluations the method's model evaluations, N (k + 2) or r (k + 1) (the swings' 2k besides)
     * @param inputs the varied inputs, in the order of the design point's inputs
     * @param outputs one per {@link #OUTPUTS}
     * @param bands one per {@link #OUTPUTS}: the output's P10–P90 from the inputs and with the model's interval
     */
    public record Result(Method method, int samples, long seed, long evaluations, List<Input> inputs,
            List<Output> outputs, List<Band> bands) {}

    /**
     * The inputs a sensitivity analysis of this design point varies, with their ranges (see the class comment).
     *
     * @param registry the graph
     * @param point a plan's design
     * @return the inputs an output depends on, in the design point's order
     */
    public static List<Input> inputs(Registry registry, DesignPoint point) {
        return inputs(registry, point, Ranges.DEFAULT);
    }

    /**
     * The inputs a sensitivity analysis varies: those of the design point that the outputs depend on and that have a
     * source to judge their range by.
     *
     * @param registry the graph
     * @param point a plan's design
     * @param ranges the relative half-widths
     * @return the inputs an output depends on, in the design point's order (an input given a zero range is held)
     */
    public static List<Input> inputs(Registry registry, DesignPoint point, Ranges ranges) {
        CompiledPlan plan = compile(registry, point);
        List<Input> out = new ArrayList<>();
        for (BriefInput in : point.macro().inputs()) {
            String v = in.variable();
            Kind kind = Kind.of(in);
            double value = in.value().si();
            if (kind == null || value == 0 || !Double.isFinite(value) || COUNTS.contains(v)
                    || v.startsWith("arch.") || v.startsWith("uncertainty.")
                    || out.stream().anyMatch(i -> i.variable().equals(v))
                    || plan.restrictTo(List.of(v)).size() == 0) {
                continue;
            }
            double rel = ranges.relative(v, kind);
            double a = value * (1 - rel);
            double b = value * (1 + rel);
            Range r = registry.variable(v).range();
            double low = Math.max(Math.min(a, b), r.lower());
            double high = Math.min(Math.max(a, b), r.upper());
            if (!(low < high)) {
                continue;
            }
            out.add(new Input(v, registry.variable(v).unit(), value, low, high, kind, rel, in.origin()));
        }
        return out;
    }

    /**
     * Analyses a design point.
     *
     * @param registry the graph
     * @param point a plan's design
     * @param method the method
     * @param samples N base samples (Sobol) or r trajectories (Morris), 1 … {@link #MAX_SAMPLES} (Sobol ≥ 2)
     * @param seed the seed
     * @return the ranked indices per output
     * @throws LsdtException {@link Problem#INVALID_VALUE} naming {@code --samples} for a count out of range or one
     *     whose evaluations would exceed {@link #MAX_EVALUATIONS}
     */
    public static Result analyse(Registry registry, DesignPoint point, Method method, int samples, long seed) {
        return analyse(registry, point, method, samples, seed, Ranges.DEFAULT);
    }

    /**
     * {@link #analyse(Registry, DesignPoint, Method, int, long)} with the inputs' ranges given.
     *
     * @param registry the graph
     * @param point a plan's design
     * @param method the method
     * @param samples N (Sobol) or r (Morris)
     * @param seed the seed
     * @param ranges the relative half-widths
     * @return the ranked indices and bands per output
     * @throws LsdtException as the other form
     */
    public static Result analyse(Registry registry, DesignPoint point, Method method, int samples, long seed,
            Ranges ranges) {
        List<Input> inputs = inputs(registry, point, ranges);
        int min = method == Method.SOBOL ? 2 : 1;
        if (samples < min || samples > MAX_SAMPLES) {
            throw LsdtException.of(Problem.INVALID_VALUE, "--samples", samples, "a whole number from " + min
                    + " to " + String.format(Locale.ROOT, "%,d", MAX_SAMPLES) + " ("
                    + (method == Method.SOBOL ? "Sobol base samples N" : "Morris trajectories r") + ")");
        }
        long evaluations = method == Method.SOBOL ? Sobol.evaluations(inputs.size(), samples)
                : Morris.evaluations(inputs.size(), samples);
        if (evaluations > MAX_EVALUATIONS) {
            throw LsdtException.of(Problem.INVALID_VALUE, "--samples", samples, String.format(Locale.ROOT,
                    "at most %,d evaluations; %,d × %s is %,d", MAX_EVALUATIONS, samples,
                    method == Method.SOBOL ? "(k + 2), k = " + inputs.size() : "(k + 1), k = " + inputs.size(),
                    evaluations));
        }
        CompiledPlan full = compile(registry, point);
        double[] base = full.newSlots();
        point.macro().assignments().forEach((v, x) -> base[full.slot(v)] = x);
        SlotProgram all = full.bytecode();
        all.run(base);
        CompiledPlan part = full.restrictTo(inputs.stream().map(Input::variable).toList());
        SlotProgram run = part.bytecode();
        int[] in = inputs.stream().mapToInt(i -> full.slot(i.variable())).toArray();
        int[] outSlots = OUTPUTS.stream().mapToInt(full::slot).toArray();
        double[] slots = base.clone();
        io.lsdt.physics.sensitivity.Model model = x -> {
            System.arraycopy(base, 0, slots, 0, base.length);
            for (int i = 0; i < in.length; i++) {
                slots[in[i]] = x[i];
            }
            run.run(slots);
            double[] y = new double[outSlots.length];
            for (int o = 0; o < y.length; o++) {
                y[o] = slots[outSlots[o]];
            }
            return y;
        };
        // one at a time: each input at its bounds, the others at the plan's values
        double[][] lowY = new double[inputs.size()][];
        double[][] highY = new double[inputs.size()][];
        double[] nominal = new double[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            nominal[i] = inputs.get(i).value();
        }
        for (int i = 0; i < inputs.size(); i++) {
            double[] x = nominal.clone();
            x[i] = inputs.get(i).low();
            lowY[i] = model.evaluate(x);
            x[i] = inputs.get(i).high();
            highY[i] = model.evaluate(x);
        }
        List<List<Swing>> swings = new ArrayList<>();
        for (int o = 0; o < OUTPUTS.size(); o++) {
            List<Swing> sw = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                sw.add(new Swing(inputs.get(i), lowY[i][o], highY[i][o]));
            }
            sw.sort(Comparator.comparingDouble((Swing w) -> -w.width()).thenComparing(w -> w.input().variable()));
            swings.add(List.copyOf(sw));
        }
        List<Factor> factors = inputs.stream().map(i -> new Factor(i.variable(), i.low(), i.high())).toList();
        List<Output> outputs = new ArrayList<>();
        if (method == Method.SOBOL) {
            List<Sobol.Indices> r = Sobol.analyse(factors, model, samples, seed);
            for (int o = 0; o < OUTPUTS.size(); o++) {
                List<Row> rows = new ArrayList<>();
                for (int i = 0; i < inputs.size(); i++) {
                    rows.add(new Row(inputs.get(i), r.get(o).first()[i], r.get(o).total()[i], Double.NaN));
                }
                outputs.add(output(registry, OUTPUTS.get(o), base[outSlots[o]], r.get(o).variance(), rows,
                        swings.get(o)));
            }
        } else {
            List<Morris.Effects> r = Morris.analyse(factors, model, samples, MORRIS_LEVELS, seed);
            for (int o = 0; o < OUTPUTS.size(); o++) {
                List<Row> rows = new ArrayList<>();
                for (int i = 0; i < inputs.size(); i++) {
                    rows.add(new Row(inputs.get(i), r.get(o).muStar()[i], r.get(o).sigma()[i], r.get(o).mu()[i]));
                }
                outputs.add(output(registry, OUTPUTS.get(o), base[outSlots[o]], Double.NaN, rows, swings.get(o)));
            }
        }
        return new Result(method, samples, seed, evaluations, inputs, outputs, bands(point, inputs, model, seed,
                base, outSlots));
    }

    /** The bands: a seeded Monte Carlo of the inputs, then the model's interval in quadrature (see {@link Band}). */
    private static List<Band> bands(DesignPoint point, List<Input> inputs, io.lsdt.physics.sensitivity.Model model,
            long seed, double[] base, int[] outSlots) {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        double[][] y = new double[OUTPUTS.size()][BAND_SAMPLES];
        double[] x = new double[inputs.size()];
        for (int s = 0; s < BAND_SAMPLES; s++) {
            for (int i = 0; i < x.length; i++) {
                x[i] = inputs.get(i).low() + rnd.nextDouble() * (inputs.get(i).high() - inputs.get(i).low());
            }
            double[] out = x.length == 0 ? null : model.evaluate(x);
            for (int o = 0; o < y.length; o++) {
                y[o][s] = out == null ? base[outSlots[o]] : out[o];
            }
        }
        io.lsdt.physics.uncertainty.Credibility c = point.credibility();
        List<Band> bands = new ArrayList<>();
        for (int o = 0; o < OUTPUTS.size(); o++) {
            double nominal = base[outSlots[o]];
            double[] v = y[o].clone();
            java.util.Arrays.sort(v);
            double p10 = v[(int) Math.ceil(0.10 * v.length) - 1];
            double p90 = v[(int) Math.ceil(0.90 * v.length) - 1];
            // ln(actual rate / predicted): a slower rate (logLow < 0) lengthens time, cost, energy and CO2
            boolean rate = OUTPUTS.get(o).equals("training.mfu");
            double modelDown = rate ? c.logLow() : -c.logHigh();
            double modelUp = rate ? c.logHigh() : -c.logLow();
            double inDown = Math.log(p10 / nominal);
            double inUp = Math.log(p90 / nominal);
            double down = -Math.hypot(Math.min(0, inDown), Math.min(0, modelDown));
            double up = Math.hypot(Math.max(0, inUp), Math.max(0, modelUp));
            bands.add(new Band(OUTPUTS.get(o), p10, p90, nominal * Math.exp(down), nominal * Math.exp(up)));
        }
        return List.copyOf(bands);
    }

    private static Output output(Registry registry, String variable, double nominal, double variance,
            List<Row> rows, List<Swing> swings) {
        List<Row> ranked = new ArrayList<>(rows);
        boolean morris = variance != variance; // Morris has no variance: rank by mu*, then sigma
        Comparator<Row> rank = morris
                ? Comparator.comparingDouble((Row r) -> -r.first()).thenComparingDouble(r -> -r.second())
                : Comparator.comparingDouble((Row r) -> -r.second()).thenComparingDouble(r -> -r.first());
        ranked.sort(rank.thenComparing(r -> r.input().variable()));
        return new Output(variable, registry.variable(variable).unit(), nominal, variance, List.copyOf(ranked),
                swings);
    }

    private static CompiledPlan compile(Registry registry, DesignPoint point) {
        Map<String, Double> a = point.macro().assignments();
        return CompiledPlan.compile(registry, new ArrayList<>(a.keySet()), OUTPUTS, point.macro().variants());
    }
}
