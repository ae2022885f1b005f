package io.lsdt.api;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.registry.Registry;
import io.lsdt.graph.unit.UnitFormat;
import io.lsdt.physics.Physics;
import io.lsdt.physics.brief.Brief;
import io.lsdt.physics.brief.BriefInput;
import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.catalog.Device;
import io.lsdt.physics.floor.Floor;
import io.lsdt.physics.floor.Silicon;
import io.lsdt.physics.catalog.Model;
import io.lsdt.physics.design.AnalyticalStepModel;
import io.lsdt.physics.design.Calibration;
import io.lsdt.physics.design.DesignProvenance;
import io.lsdt.physics.search.DesignSearch;
import io.lsdt.physics.design.Hardware;
import io.lsdt.physics.design.Numerics;
import io.lsdt.physics.design.ParallelConfig;
import io.lsdt.physics.design.Prediction;
import io.lsdt.physics.search.SearchResult;

import io.lsdt.physics.design.StateBytes;
import io.lsdt.physics.fundamentals.Fundamentals;
import io.lsdt.physics.fundamentals.FundamentalsResult;
import io.lsdt.physics.limits.SizeLimits;
import io.lsdt.physics.macro.MacroPlan;
import io.lsdt.physics.macro.MacroSettings;
import io.lsdt.graph.unit.Quantity;
import io.lsdt.graph.unit.Units;
import io.lsdt.physics.reference.References;
import io.lsdt.physics.uncertainty.Configuration;
import io.lsdt.physics.uncertainty.Credibility;
import io.lsdt.physics.uncertainty.Interval;
import io.lsdt.physics.uncertainty.Intervals;
import io.lsdt.physics.uncertainty.Regime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * LSDT as a library. One instance holds the graph, the catalog and the calibration (built once; thread-safe) and
 * answers requests:
 *
 * <pre>{@code
 * Lsdt lsdt = Lsdt.builtIn();
 * Plan plan = lsdt.plan(PlanRequest.of(Path.of("examples/llama3.1-405b.yaml")));
 * double days = plan.chosen().timeToTrain() / 86400;
 * Explanation why = plan.chosen().explain("design.t_step");
 * }</pre>
 *
 * <p>Bad requests throw {@link LsdtException} with a user {@link Problem} that names the field, the value, what was
 * expected and, where it can, a "Maybe …" hint — the message the command line prints.
 */
public final class Lsdt {
    /** What a design point resolves besides the macro section: every number a plan prints of a design. */
    public static final List<String> DESIGN_TARGETS = List.of("design.t_step", "design.t_compute",
            "design.t_recompute", "design.t_mem", "design.t_tp_exposed", "design.t_cp_exposed", "design.t_ep",
            "design.t_pp", "design.t_dp_exposed", "design.t_bubble", "design.t_optimizer", "design.mem_total",
            "design.mem_weights", "design.mem_grads", "design.mem_opt", "design.mem_act", "design.mem_host",
            "design.mfu", "design.hfu",
            "design.tokens_per_s", "design.flops_gpu", "design.flop_model_step", "design.flop_hw_step",
            "design.devices", "design.m", "design.zero_stage", "design.tokens_step");

    /**
     * What a design point resolves of the {@code uncertainty} scope: the P10 and P90 of the design step, the time to
     * train and the MFU, from the residuals of the design's regime widened by its distance from the validated
     * configurations ({@link io.lsdt.physics.uncertainty.UncertaintyScope}).
     */
    public static final List<String> UNCERTAINTY_TARGETS = List.of("uncertainty.t_step_p10",
            "uncertainty.t_step_p90", "uncertainty.wallclock_p10", "uncertainty.wallclock_p90",
            "uncertainty.mfu_p10", "uncertainty.mfu_p90", "uncertainty.log_low", "uncertainty.log_high",
            "uncertainty.widening");

    private final Registry registry;
    private final Catalog catalog;
    private final Calibration calibration;
    private final AnalyticalStepModel model;
    private final DesignSearch search;
    private final Intervals intervals;

    /**
     * LSDT with the shipped residuals table ({@link Intervals#shipped()}).
     *
     * @param registry the equation graph
     * @param catalog the catalog
     * @param calibration the design model's constants
     */
    public Lsdt(Registry registry, Catalog catalog, Calibration calibration) {
        this(registry, catalog, calibration, Intervals.shipped());
    }

    /**
     * LSDT on a given graph, catalog, calibration and residuals table (tests and what-ifs; {@link #builtIn} for the
     * shipped ones).
     *
     * @param registry the equation graph (with the {@code uncertainty} scope)
     * @param catalog the catalog
     * @param calibration the design model's constants
     * @param intervals the residuals table every prediction's interval, nearest runs and best measured MFU come from
     */
    public Lsdt(Registry registry, Catalog catalog, Calibration calibration, Intervals intervals) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.calibration = Objects.requireNonNull(calibration, "calibration");
        this.intervals = Objects.requireNonNull(intervals, "intervals");
        this.model = new AnalyticalStepModel(registry, calibration);
        this.search = new DesignSearch(model);
    }

    /**
     * LSDT as shipped: the graph, catalog, calibration and residuals table of its resources.
     *
     * @return LSDT with its shipped graph, catalog, calibration and residuals table
     */
    public static Lsdt builtIn() {
        return new Lsdt(Physics.registry(), Catalog.builtIn(), Calibration.DEFAULT);
    }

    /**
     * The residuals table: the validated runs' residuals by regime, which give each prediction its interval.
     *
     * @return the residuals table
     */
    public Intervals intervals() {
        return intervals;
    }

    /**
     * How far to trust a prediction of a model on some hardware (what {@code lsdt search} prints beside each design,
     * and a plan's design points carry): the P10–P90 interval of its regime, widened by its distance from the
     * validated configurations, the nearest validated runs, and the best MFU measured on the device at its scale.
     *
     * @param model the model
     * @param hardware the hardware (its device id is a catalog id)
     * @param prediction the prediction
     * @return its credibility
     */
    public Credibility credibility(Model model, Hardware hardware, Prediction prediction) {
        return Credibility.of(registry, intervals, configuration(model, hardware, prediction.config()));
    }

    /**
     * The configuration the uncertainty model looks a design up by.
     *
     * @param model a catalog model
     * @param hardware the hardware
     * @param design a design of LSDT's search
     * @return its configuration for the uncertainty: device, numerics, devices, the design's framework family
     *     ({@link Regime.Family#ofDesign}), the model's published active parameters (or its total), the layout
     */
    public static Configuration configuration(Model model, Hardware hardware, ParallelConfig design) {
        Model.PublishedCount active = model.publishedActiveParams() != null ? model.publishedActiveParams()
                : model.publishedParams();
        return new Configuration(hardware.deviceId(), design.numerics(), design.devices(),
                Regime.Family.ofDesign(design), active.value(), design.tp(), design.pp(), design.cp(), design.ep());
    }

    /**
     * The equation graph every plan resolves.
     *
     * @return the equation graph
     */
    public Registry registry() {
        return registry;
    }

    /**
     * The catalog of models, devices, fabrics and framework profiles that briefs name.
     *
     * @return the catalog
     */
    public Catalog catalog() {
        return catalog;
    }

    /**
     * The analytical step model the design search ranks designs with, with this instance's calibration.
     *
     * @return the analytical step model
     */
    public AnalyticalStepModel stepModel() {
        return model;
    }

    /**
     * The design search over parallel layouts.
     *
     * @return the design search
     */
    public DesignSearch designSearch() {
        return search;
    }

    /**
     * Plans a run: fundamentals, the best designs on the brief's device count, deadline-first sizing on the headline
     * time to train, each design resolved through the graph with its macro section.
     *
     * @param request the brief
     * @return the plan
     * @throws LsdtException a user error for a bad brief (named field, value, expected, hint)
     */
    public Plan plan(PlanRequest request) {
        return plan(request, Runtime.getRuntime().availableProcessors(), null);
    }

    /**
     * {@link #plan(PlanRequest)} with the search's threads given and its results memoized: what a sweep runs at
     * each point, so that points differing only in what the search does not read (tokens, deadline, region,
     * prices) share one search. The plan is the same as {@link #plan(PlanRequest)}'s, whatever the threads.
     *
     * @param request the brief
     * @param threads threads of each design search (≥ 1)
     * @param memo searches already made, keyed by search space and designs kept; null for none
     * @return the plan
     * @throws LsdtException as {@link #plan(PlanRequest)}
     */
    Plan plan(PlanRequest request, int threads, SearchMemo memo) {
        java.util.function.BiFunction<io.lsdt.physics.search.SearchSpace, Integer, SearchResult> searchOf =
                memo == null ? (sp, n) -> search.search(sp, n, threads, null)
                        : (sp, n) -> memo.get(sp, n, () -> search.search(sp, n, threads, null));
        if (Brief.ANY_FRAMEWORK.equals(request.brief(catalog).framework())) {
            return planAcrossFrameworks(request, searchOf);
        }
        return plan(request, context(request), List.of(), searchOf);
    }

    private Plan plan(PlanRequest request, PlanContext s, List<Plan.FrameworkBest> frameworks,
            java.util.function.BiFunction<io.lsdt.physics.search.SearchSpace, Integer, SearchResult> searchOf) {
        SearchResult atG = null;
        List<DesignPoint> designs = new ArrayList<>();
        if (s.brief().devices() != null) {
            atG = searchOf.apply(s.space(s.brief().devices()), request.top());
            for (Prediction p : atG.best()) {
                designs.add(point(s, p));
            }
        }
        Plan.DeadlineFirst df = request.deadlineFirst() || s.brief().devices() == null ? deadlineFirst(s, searchOf)
                : null;
        // a brief that names its device count asks about that count: when nothing fits there, the plan has no
        // design (deadline-first sizing still says how many devices would do)
        DesignPoint chosen = s.brief().devices() != null ? (designs.isEmpty() ? null : designs.get(0)) : df.design();
        return new Plan(s.brief(), s.fundamentals(), s.model(), s.hardware(), s.numerics(), s.globalBatch(), s.steps(), s.deadline(),
                atG, designs, df, chosen, s.floor(), frameworks);
    }

    /**
     * {@code framework: any}: LSDT's default (Megatron-style designs, every ZeRO stage) and every catalog framework
     * profile, each searched within what it can do on the brief's device count; the plan is the fastest one's, with
     * each framework's best design beside it.
     */
    private Plan planAcrossFrameworks(PlanRequest request,
            java.util.function.BiFunction<io.lsdt.physics.search.SearchSpace, Integer, SearchResult> searchOf) {
        List<io.lsdt.physics.catalog.FrameworkProfile> candidates = new ArrayList<>();
        candidates.add(null);
        candidates.addAll(catalog.frameworks().values());
        List<Plan.FrameworkBest> bests = new ArrayList<>();
        PlanContext winner = null;
        double fastest = Double.POSITIVE_INFINITY;
        for (io.lsdt.physics.catalog.FrameworkProfile f : candidates) {
            PlanContext s = context(request, f);
            SearchResult r = searchOf.apply(s.space(s.brief().devices()), 1);
            Prediction best = r.best().isEmpty() ? null : r.best().get(0);
            bests.add(new Plan.FrameworkBest(f == null ? Plan.FrameworkBest.DEFAULT : f.id(),
                    f == null ? "LSDT default: Megatron-style designs, ZeRO 0-3, overlap on" : f.name(), best,
                    best == null ? r.reason() : null));
            if (best != null && best.stepTime() < fastest) {
                fastest = best.stepTime();
                winner = s;
            }
        }
        return plan(request, winner != null ? winner : context(request, null), bests, searchOf);
    }

    /**
     * A scaling sweep: at each device count, the best design LSDT's search finds for the brief, resolved through the
     * graph with its macro section as a plan's design is (the brief's own device count is ignored; its batch, model,
     * hardware and macro settings hold at every count). What {@code lsdt report} plots as the scaling curve and the
     * cost against time to train.
     *
     * <pre>{@code
     * PlanRequest r = PlanRequest.of(Path.of("examples/llama3.1-405b.yaml"));
     * Scaling s = lsdt.scaling(r, Scaling.defaultCounts(16384, 8)); // 4,096 … 65,536 devices
     * double step = s.points().get(0).design().value("design.t_step");
     * }</pre>
     *
     * @param request the brief
     * @param devices the device counts (each ≥ 1 and at most {@link SizeLimits#MAX_DEVICES}); sorted and deduplicated
     * @return one point per distinct count, fewest devices first; a count where nothing fits has the search's reason
     * @throws LsdtException a user error for a bad brief (as {@link #plan}), an empty list or a count out of range
     */
    public Scaling scaling(PlanRequest request, List<Long> devices) {
        if (devices.isEmpty()) {
            throw LsdtException.of(Problem.INVALID_VALUE, "device counts", "none", "at least one device count");
        }
        for (long g : devices) {
            if (g < 1 || g > SizeLimits.MAX_DEVICES) {
                throw LsdtException.of(Problem.INVALID_VALUE, "device count", g, "a whole number from 1 to "
                        + String.format(Locale.ROOT, "%,d", SizeLimits.MAX_DEVICES));
            }
        }
        PlanContext s = context(request);
        int threads = Runtime.getRuntime().availableProcessors();
        List<Scaling.Point> points = new ArrayList<>();
        for (long g : new java.util.TreeSet<>(devices)) {
            SearchResult r = search.search(s.space(g), 1, threads, null);
            points.add(r.best().isEmpty() ? new Scaling.Point(g, null, r.reason())
                    : new Scaling.Point(g, point(s, r.best().get(0)), null));
        }
        long center = s.brief().devices() != null ? s.brief().devices() : points.get(points.size() / 2).devices();
        return new Scaling(center, points);
    }

    /**
     * A scaling sweep around a plan's chosen design: {@link Scaling#defaultCounts} of its device count (a quarter
     * to four times) at the brief's node size.
     *
     * @param request the brief the plan answered
     * @param plan its plan (with a chosen design)
     * @return the sweep, centred on the chosen design's device count
     * @throws LsdtException {@link Problem#INVALID_VALUE} when the plan has no chosen design
     */
    public Scaling scaling(PlanRequest request, Plan plan) {
        if (plan.chosen() == null) {
            throw LsdtException.of(Problem.INVALID_VALUE, "plan", "no chosen design",
                    "a plan with a design to centre the sweep on");
        }
        PlanContext s = context(request);
        long center = plan.chosen().config().devices();
        Scaling sw = scaling(request, Scaling.defaultCounts(center, s.node()));
        return new Scaling(center, sw.points());
    }

    /**
     * Global sensitivity of a plan's chosen design ({@link Sensitivity}): which uncertain inputs move its time to
     * train, cost, energy, CO2 and MFU. The design stays fixed; each sample re-evaluates its compiled graph.
     *
     * <pre>{@code
     * Plan plan = lsdt.plan(PlanRequest.of(Path.of("examples/llama3.1-405b.yaml")));
     * Sensitivity.Result r = lsdt.sensitivity(plan, Sensitivity.Method.SOBOL, 1024, 1);
     * String top = r.outputs().get(0).rows().get(0).input().variable(); // the input the time to train moves with most
     * }</pre>
     *
     * @param plan a plan
     * @param method Sobol' indices or Morris elementary effects
     * @param samples N base samples (Sobol: N (k + 2) evaluations) or r trajectories (Morris: r (k + 1))
     * @param seed the seed: one seed, one answer
     * @return the ranked inputs per output
     * @throws LsdtException {@link Problem#INVALID_VALUE} when the plan has no chosen design or the samples are out
     *     of range
     */
    public Sensitivity.Result sensitivity(Plan plan, Sensitivity.Method method, int samples, long seed) {
        return sensitivity(plan, method, samples, seed, Sensitivity.Ranges.DEFAULT);
    }

    /**
     * {@link #sensitivity(Plan, Sensitivity.Method, int, long)} with the inputs' ranges given.
     *
     * @param plan a plan with a chosen design
     * @param method Morris or Sobol
     * @param samples trajectories (Morris) or base samples (Sobol)
     * @param seed the seed
     * @param ranges the relative half-widths (kind defaults and overrides)
     * @return the ranked inputs and bands per output
     * @throws LsdtException as the other form
     */
    public Sensitivity.Result sensitivity(Plan plan, Sensitivity.Method method, int samples, long seed,
            Sensitivity.Ranges ranges) {
        if (plan.chosen() == null) {
            throw LsdtException.of(Problem.INVALID_VALUE, "plan", "no chosen design",
                    "a plan with a design whose inputs to vary");
        }
        return Sensitivity.analyse(registry, plan.chosen(), method, samples, seed, ranges);
    }

    /**
     * One given design of a brief, resolved through the graph with its macro section (what {@code lsdt simulate
     * --plan} sets beside its simulation).
     *
     * @param request the brief
     * @param design the design (its batch must be the brief's; its state bytes are replaced by the brief's)
     * @return the design point
     * @throws LsdtException a user error for a bad brief or a design that breaks a divisibility rule
     */
    public DesignPoint design(PlanRequest request, ParallelConfig design) {
        PlanContext s = context(request);
        ParallelConfig cfg = design.withStateBytes(s.stateBytes());
        if (s.framework() != null) {
            cfg = cfg.withFramework(s.framework(), s.node());
        }
        Model.Architecture a = s.model().architecture();
        cfg.validate(a.layers(), a.heads(), a.kvHeads(), a.moe() == null ? 0 : a.moe().experts());
        if (cfg.globalBatch() != s.globalBatch()) {
            throw LsdtException.of(Problem.INVALID_VALUE, "global batch", cfg.globalBatch(),
                    "the brief's " + s.globalBatch() + " sequences");
        }
        return point(s, model.predict(a, s.hardware(), cfg));
    }

    /**
     * One design variable of a design without a brief (what {@code lsdt search} prints): the design scope resolved
     * from the architecture, the {@link io.lsdt.physics.design.DesignInput} table and the hardware, with each input's
     * origin.
     *
     * @param model the model
     * @param hardware the hardware
     * @param design the design
     * @param variable a {@code design.*} or {@code arch.*} variable
     * @return its explanation
     * @throws LsdtException {@link Problem#UNKNOWN_VARIABLE} for an unknown name
     */
    public Explanation explain(Model model, Hardware hardware, ParallelConfig design, String variable) {
        registry.variable(variable);
        Map<String, BriefInput> origins = new java.util.LinkedHashMap<>();
        DesignProvenance.inputs(registry, catalog, model, hardware, design, calibration, null)
                .forEach(i -> origins.put(i.variable(), i));
        var r = new io.lsdt.graph.resolve.Resolver(registry).resolve(
                this.model.assignments(model.architecture(), hardware, design), model.architecture().variants(),
                List.of(variable));
        return new Explanation(variable, registry, r, origins);
    }

    /**
     * What every design of one request shares: the brief, its fundamentals, model, hardware, numerics, state bytes,
     * batch, steps and deadline.
     *
     * @param request the brief
     * @return the context
     * @throws LsdtException a user error for a bad brief, a seed-form brief (the design layer needs the model's
     *     shape), a token count per step that is not whole sequences, a device without a catalogued TDP
     */
    public PlanContext context(PlanRequest request) {
        Brief brief = request.brief(catalog);
        return context(request, brief.framework() == null || Brief.ANY_FRAMEWORK.equals(brief.framework()) ? null
                : catalog.framework(brief.framework()));
    }

    private PlanContext context(PlanRequest request, io.lsdt.physics.catalog.FrameworkProfile framework) {
        Brief brief = request.brief(catalog);
        if (brief.form() != Brief.Form.CATALOG) {
            throw LsdtException.of(Problem.INVALID_VALUE, "brief form", "seed",
                    "a catalog-form brief naming the model and device: the design layer needs the model's shape")
                    .withHint("write the brief in the catalog form (docs/briefs.md); 'lsdt fundamentals' reads both");
        }
        MacroSettings macro = request.macro();
        FundamentalsResult fundamentals = Fundamentals.compute(registry, brief);
        Model m = catalog.model(brief.modelId());
        Numerics numerics = numerics(brief.precision());
        Hardware hardware = Hardware.of(catalog, brief.deviceId(), brief.fabricId(), numerics);
        // a what-if at the physical floor: the brief's floor section moves the datasheet figures by the physics' ratio
        Map<String, Double> floorValues = request.floor(registry);
        Floor floor = null;
        if (!floorValues.isEmpty()) {
            Floor base = Floor.of(registry, catalog, brief.deviceId());
            floor = Floor.of(registry, catalog, Silicon.builtIn(), brief.deviceId(), floorValues);
            hardware = floor.scale(hardware, base);
        }
        Device device = catalog.device(brief.deviceId());
        double tokensPerStep = fundamentals.value("Tok_per_step");
        double seqs = tokensPerStep / m.architecture().seqLen();
        if (seqs != Math.rint(seqs)) {
            throw LsdtException.of(Problem.INVALID_VALUE, "step.tokens_per_step", tokensPerStep + " token",
                    "a whole number of " + m.architecture().seqLen() + "-token sequences")
                    .withHint("give step.global_batch_sequences instead");
        }
        SizeLimits.globalBatch("step.tokens_per_step / seq_len " + m.architecture().seqLen(), seqs);
        if (device.tdp() == null) {
            throw LsdtException.of(Problem.INVALID_VALUE, "device", device.id(), "a device with a catalogued TDP")
                    .withHint("the macro layer needs the device's power; the catalog has none for " + device.id());
        }
        return new PlanContext(brief, macro, fundamentals, m, device, numerics, hardware, stateBytes(brief),
                (int) seqs, fundamentals.value("N_steps"), fundamentals.value("T"), framework, floor);
    }

    /**
     * The numerics of a brief's precision.
     *
     * @param precision a brief's precision key, or null (bf16)
     * @return the numerics
     * @throws LsdtException {@link Problem#INVALID_VALUE} for another key
     */
    public static Numerics numerics(String precision) {
        String p = precision == null ? "bf16" : precision;
        try {
            return Numerics.valueOf(p.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw LsdtException.of(Problem.INVALID_VALUE, "precision", p, "bf16, fp16 or fp8");
        }
    }

    /**
     * The training state's bytes per parameter as the brief states them (its {@code state_bytes} section and
     * {@code step.update_bytes_per_param}, or the loader's sourced defaults).
     *
     * @param brief a catalog-form brief
     * @return the bytes per parameter
     */
    public static StateBytes stateBytes(Brief brief) {
        BriefInput w = brief.input("fundamentals.b_w");
        BriefInput g = brief.input("fundamentals.b_g");
        BriefInput o = brief.input("fundamentals.b_opt");
        BriefInput u = brief.input("fundamentals.b_update_per_param");
        return new StateBytes(w.value().si(), g.value().si(), o.value().si(), u.value().si(),
                "brief: " + w.origin() + "; " + g.origin() + "; " + o.origin() + "; DP reduction " + u.origin());
    }

    private DesignPoint point(PlanContext s, Prediction p) {
        ParallelConfig cfg = p.config();
        List<BriefInput> inputs = new ArrayList<>(DesignProvenance.inputs(registry, catalog, s.model(), s.hardware(), cfg,
                calibration, s.brief().fabricId() == null ? null : "brief fabric " + s.brief().fabricId()));
        // the state bytes are the brief's: cite each field where the brief (or its loader's default) set it
        Map<String, String> fromBrief = Map.of("design.b_w", "fundamentals.b_w", "design.b_grad", "fundamentals.b_g",
                "design.b_opt", "fundamentals.b_opt", "design.b_grad_comm", "fundamentals.b_update_per_param");
        inputs.replaceAll(i -> {
            if (i.variable().equals("design.b_grad_comm") && s.framework() != null
                    && i.value().si() == s.framework().reduceBytes().si()) {
                // the framework's reduction dtype, not the brief's update bytes
                var r = s.framework().reduceBytes();
                return new BriefInput(i.variable(), i.value(), "framework profile " + s.framework().id()
                        + ": reduce_bytes (" + r.note() + ")", r.source().reference(), r.source().isEstimate());
            }
            BriefInput b = fromBrief.containsKey(i.variable()) ? s.brief().input(fromBrief.get(i.variable())) : null;
            return b == null ? i : new BriefInput(i.variable(), i.value(), "brief " + b.origin(), b.source(),
                    b.assumption());
        });
        Set<String> seen = new HashSet<>();
        inputs.forEach(i -> seen.add(i.variable()));
        for (BriefInput in : s.brief().inputs()) {
            if (seen.add(in.variable())) {
                inputs.add(in);
            }
        }
        inputs.add(new BriefInput("gpu.tdp", s.device().tdp().quantity(), "catalog device " + s.device().id()
                + ": TDP", s.device().tdp().source().reference(), s.device().tdp().source().isEstimate()));
        Credibility cred = credibility(s.model(), s.hardware(), p);
        inputs.addAll(uncertaintyInputs(cred));
        String origin = "design " + DesignProvenance.describe(cfg);
        MacroPlan.Job job = new MacroPlan.Job(cfg.devices(), s.node(), p.stepTime(), p.tokensPerStep(),
                s.steps() * s.fundamentals().value("Tok_per_step"), p.modelFlopsPerStep(), s.device().id(),
                s.device().tdp().si(), p.mfu(s.hardware().peakFlops()), s.fundamentals().value("t_ckpt_min_s"),
                s.device().listPrice(), origin);
        List<String> targets = new ArrayList<>(DESIGN_TARGETS);
        targets.addAll(UNCERTAINTY_TARGETS);
        MacroPlan.DesignLink link = new MacroPlan.DesignLink(inputs, s.brief().variants(), targets);
        io.lsdt.physics.macro.MacroResult macro = MacroPlan.evaluate(registry, s.macro(), job, link);
        // nothing not finite reaches a printer: refuse it here, by name, with the brief's inputs below it
        java.util.function.Function<String, String> userOrigin = io.lsdt.physics.fundamentals.Fundamentals
                .userOrigin(s.brief());
        try {
            macro.resolution().requireFinite(macro.resolution().values().keySet(), v -> {
                String o = userOrigin.apply(v);
                BriefInput in = o == null ? macro.input(v) : null;
                return o != null ? o : in != null && in.origin().startsWith("brief macro.") ? in.origin() : null;
            });
        } catch (LsdtException e) {
            throw e.isUserError() ? e.inContext(s.brief().file()) : e;
        }
        return new DesignPoint(registry, p, macro, cred);
    }

    /** The inputs of the {@code uncertainty} scope for one design, each with where it comes from. */
    private List<BriefInput> uncertaintyInputs(Credibility c) {
        Interval i = c.interval();
        io.lsdt.graph.unit.Unit one = Units.parse("1");
        String table = "residuals table of " + intervals.provenance().generated() + ", regime " + i.regime().key()
                + (i.pooled() ? " (fewer than " + intervals.minRows() + " runs: pooled into " + i.used() + ")" : "")
                + ", " + i.rows() + " runs";
        List<BriefInput> out = new ArrayList<>();
        out.add(new BriefInput("uncertainty.resid_p10", new Quantity(i.p10(), one), table + ": P10",
                References.DEV_RESIDUALS, false));
        out.add(new BriefInput("uncertainty.resid_p90", new Quantity(i.p90(), one), table + ": P90",
                References.DEV_RESIDUALS, false));
        out.add(new BriefInput("uncertainty.runs", new Quantity(i.rows(), one), table, References.DEV_RESIDUALS,
                false));
        String nearest = c.nearest().isEmpty() ? "no validated run" : "nearest validated run "
                + c.nearest().get(0).run().runId() + " (" + c.nearest().get(0).run().source() + ")";
        out.add(new BriefInput("uncertainty.distance", new Quantity(c.distance(), one), nearest,
                References.DEV_RESIDUALS, false));
        return out;
    }

    /**
     * The smallest device count whose best design trains within the deadline by the headline definition. Candidates
     * are whole nodes in four sizes per octave (node × 2^a × {1, 1.25, 1.5, 1.75}), which factor into TP × CP × PP ×
     * DP for the usual power-of-two batches. The headline time to train is not monotone in G: more devices shorten
     * the step but fail more often (the fleet's MTBF falls as 1/G), so past some size the run gets longer. The
     * search probes an octave at a time upwards from the fundamentals' bound until a candidate meets the deadline or
     * the time to train stops falling, then bisects between the last probe that missed and the first that met, and
     * scans whole nodes (at most 32 probes) below it.
     */
    private Plan.DeadlineFirst deadlineFirst(PlanContext s,
            java.util.function.BiFunction<io.lsdt.physics.search.SearchSpace, Integer, SearchResult> searchOf) {
        int node = s.node();
        double lowerBound = s.fundamentals().value("N_min_lower_bound");
        if (!(lowerBound <= SizeLimits.MAX_DEVICES)) {
            // the candidates start an octave below the bound: beyond the limit there is nothing to search
            String needed = String.format(Locale.ROOT, lowerBound < 1e15 ? "%,.0f" : "%.4g", lowerBound);
            String limit = String.format(Locale.ROOT, "%,d", SizeLimits.MAX_DEVICES);
            String hint = "extend the deadline, train on fewer tokens, or give a faster device or a higher "
                    + "sustained_fraction";
            if (s.brief().devices() != null) {
                return new Plan.DeadlineFirst(null, null, 0, "the deadline needs at least " + needed + " devices "
                        + "(the fundamentals' lower bound N_min_lower_bound), more than the " + limit + " LSDT sizes. "
                        + "Maybe " + hint);
            }
            throw LsdtException.of(Problem.INVALID_VALUE, "devices the deadline needs", needed + " (the "
                    + "fundamentals' lower bound N_min_lower_bound, from the tokens, the deadline and the sustained "
                    + "rate)", "at most " + limit + " devices, the most LSDT sizes").withHint(hint)
                    .inContext(s.brief().file());
        }
        List<Long> candidates = new ArrayList<>();
        long cap = (long) Math.min(SizeLimits.MAX_DEVICES, Math.max(node, Math.ceil(Math.max(lowerBound, 1)) * 64));
        for (long base = node; base <= cap; base *= 2) {
            for (long r = 4; r <= 7; r++) {
                if (base * r % 4 == 0 && base * r / 4 <= cap) {
                    candidates.add(base * r / 4);
                }
            }
        }
        List<Long> cands = candidates.stream().distinct().sorted().toList();
        int[] searches = {0};
        java.util.Map<Integer, DesignPoint> memo = new java.util.HashMap<>();
        java.util.function.IntFunction<DesignPoint> at = i -> memo.computeIfAbsent(i, k -> {
            searches[0]++;
            SearchResult r = searchOf.apply(s.space(cands.get(k)), 1);
            return r.best().isEmpty() ? null : point(s, r.best().get(0));
        });
        java.util.function.Predicate<DesignPoint> meets = d -> d != null && d.timeToTrain() <= s.deadline();
        // start an octave below the fundamentals' bound
        int start = 0;
        while (start + 1 < cands.size() && cands.get(start + 1) <= lowerBound / 2) {
            start++;
        }
        int lo = -1;
        int hi = -1;
        if (meets.test(at.apply(start))) {
            hi = start;
        } else {
            lo = start;
            DesignPoint bestSoFar = at.apply(start);
            int missStreak = 0;
            for (int i = start + 4; ; i += 4) {
                int k = Math.min(i, cands.size() - 1);
                DesignPoint d = at.apply(k);
                if (meets.test(d)) {
                    hi = k;
                    break;
                }
                boolean better = d != null && (bestSoFar == null || d.timeToTrain() < bestSoFar.timeToTrain());
                missStreak = better ? 0 : missStreak + 1;
                if (better) {
                    bestSoFar = d;
                }
                lo = k;
                // past the fastest size (two octaves without improvement) or out of candidates: no size meets it
                if (k == cands.size() - 1 || missStreak >= 2) {
                    String best = bestSoFar == null ? "" : "; the shortest found is "
                            + UnitFormat.format(bestSoFar.timeToTrain(), io.lsdt.graph.unit.Units.parse("d"))
                            + " on " + UnitFormat.number(bestSoFar.config().devices()) + " devices, beyond which "
                            + "failures cost more than more devices save";
                    return new Plan.DeadlineFirst(null, null, searches[0], "no design meets the deadline with "
                            + "stragglers and failures included (candidates up to " + UnitFormat.number(cands.get(k))
                            + " devices)" + best + ". Maybe extend the deadline, use a faster device or a larger "
                            + "global batch, or raise the MTBF or lower the restart time in the brief's macro "
                            + "section");
                }
            }
        }
        // bisect: lo misses (or is -1), hi meets
        while (hi - lo > 1) {
            int mid = (lo + hi) / 2;
            if (meets.test(at.apply(mid))) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        DesignPoint best = at.apply(hi);
        long bestDevices = cands.get(hi);
        long from = lo < 0 ? node : cands.get(lo) + node;
        long stride = Math.max(node, (bestDevices - from) / 32 / node * node);
        for (long g = from; g < bestDevices; g += stride) {
            searches[0]++;
            SearchResult r = searchOf.apply(s.space(g), 1);
            DesignPoint d = r.best().isEmpty() ? null : point(s, r.best().get(0));
            if (meets.test(d)) {
                best = d;
                bestDevices = g;
                break;
            }
        }
        return new Plan.DeadlineFirst(bestDevices, best, searches[0], null);
    }
}
