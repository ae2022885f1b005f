package io.lsdt.cli;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.physics.design.AnalyticalStepModel;
import io.lsdt.physics.design.StepModel;
import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.uncertainty.Coverage;
import io.lsdt.physics.uncertainty.Interval;
import io.lsdt.physics.uncertainty.Intervals;
import io.lsdt.physics.uncertainty.IntervalsYaml;
import io.lsdt.physics.uncertainty.ValidatedRun;
import io.lsdt.physics.validation.Calibrator;
import io.lsdt.physics.validation.ErrorStats;
import io.lsdt.physics.validation.Loso;
import io.lsdt.physics.validation.Residuals;
import io.lsdt.physics.validation.RunRow;
import io.lsdt.physics.validation.RunsCsv;
import io.lsdt.physics.validation.LedgerEntries;
import io.lsdt.physics.validation.RunResult;
import io.lsdt.physics.validation.RunValidation;
import io.lsdt.physics.validation.RunsReport;
import io.lsdt.physics.validation.SuiteReport;
import io.lsdt.physics.validation.korthikanti.KorthikantiSuite;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lsdt validate}: scores LSDT's analytical step-time model against published training runs. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {
            "Score LSDT's analytical step-time model against published, measured training runs.",
            "",
            "--runs CSV reads runs in the schema of data/validation/dev_runs.csv (see its README), predicts each one",
            "and compares the quantity the source measured, in this order of preference: step_time_s (or the time",
            "of one micro-batch iteration when the row says so), tflops_per_gpu, tokens_per_s_per_gpu, tokens_per_s,",
            "mfu_pct, hfu_pct (MFU/HFU against the peak the source divided by), samples/s from derived_values, then",
            "a whole run's time_to_train or gpu_hours (tokens_trained / predicted tokens per second).",
            "",
            "What a row leaves unstated is assumed, and every assumption is a note of that row (--json, --report):",
            "  framework      its text maps to a profile (megatron, pytorch-fsdp, pytorch-fsdp-grad-op,",
            "                 pytorch-fsdp-hybrid, fsdp2, deepspeed, jax-xla, pytorch-ddp, other) and a ZeRO stage",
            "  tp, pp, dp     blank: the best design LSDT's search finds within what the framework can do (FSDP,",
            "                 DDP, DeepSpeed, JAX: TP = PP = CP = 1 at the stated ZeRO stage; Megatron: TP within a",
            "                 node, no PP with ZeRO-2/3); a product that is not device_count is predicted as published",
            "  micro_batch    Megatron family 1; otherwise the fastest of 1, 2, 4, ..., 32 that fits in memory",
            "  global batch   global_batch_seqs, else tokens / seq_len, else micro_batch x dp x grad_accum, else",
            "                 one micro-batch per device per step",
            "  device         loose names map to the catalog: H100 of unstated form -> h100-sxm; A100 memory from the",
            "                 text, caveats or source, else 80 GB; A800 / H800 -> A100 / H100 (lower NVLink, a noted",
            "                 caveat); TPU v4/v5e/v5p, Gaudi 2/3, MI250X/MI300X/MI325X, RTX A6000/4090/3090",
            "  network        inter_node_interconnect's rate replaces the catalog's NICs: 'N x ... R Gb/s' is N",
            "                 NICs per node, 'R Gb/s per GPU' per GPU, a rate alone the node's total",
            "  device_count   blank: one host, doubled until a searched design fits",
            "  model shape    blank cells from the catalog model the name or shape matches (or the family it",
            "                 names at the row's params_b), else GPT conventions (ffn 4h, head dim 128, vocab",
            "                 50257); a GPT-style name with only params_b: the width of the nearest GPT",
            "                 configuration of Narayanan et al. 2021 Table 1 and the layers the count holds;",
            "                 no layers or width and no match: refused",
            "  seq_len        blank: the length the caveats give, the framework's default (run_clm 1024,",
            "                 run_lora_clm 512), else 2048 for fine-tuning, 1024 GPT-2-style, 2048 otherwise",
            "  precision      no format named: BF16",
            "  recompute      blank: none (searched layouts: the search picks); outside the Megatron family, full",
            "                 when the design cannot fit without it (the run ran, so its activations fit)",
            "  ZeRO           Megatron-Core / NeMo / Megatron-Bridge with sharding blank: 1 (their overlapped",
            "                 recipes need the distributed optimizer)",
            "  offload        'CPU offload' in the framework or sharding text: parameters at ZeRO-3, else the",
            "                 optimizer state, in host memory",
            "  fine-tuning    LoRA / QLoRA: only the adapters train (share from rank and targets, q and v when",
            "                 unstated); QLoRA holds a 4-bit base, dequantized before each pass; the framework",
            "                 profile sets the reduction and overlap",
            "  numbers        cells with words are read leniently ('~2,048', '4 (per GPU)', '1.3k', '2.2T'),",
            "                 within 1e-30..1e30; every row needs a run_id",
            "A row that still cannot be predicted is listed with the reason, naming the column, its text and what",
            "was expected; the other rows are scored. --runs repeats: the files are read as one set (run ids unique",
            "across them).",
            "Error = |predicted - measured| / measured in %%; p90 is the nearest-rank 90th percentile.",
            "Where a row publishes memory_gib_per_gpu, the design's memory per GPU (weights, gradients, optimizer",
            "state, activations, framework reserve) is compared with it too (text: a memory table; --json: memory).",
            "",
            "Each prediction carries the P10-P90 interval of its regime (framework family x devices x active",
            "parameters) from the shipped residuals table, and says whether the measured value falls inside; the",
            "summary gives the coverage. In-sample for the runs the table was made from: --loso gives the honest one.",
            "",
            "--write-intervals FILE writes the residuals table of these runs (per regime: rows, P10 and P90 of",
            "ln(measured/predicted) as a rate, the pooling, the sources; the best MFU measured per device and scale;",
            "the validated configurations) and prints it. The shipped table is regenerated with",
            "  ./lsdt validate --runs data/validation/dev_runs.csv \\",
            "      --runs data/validation/dev_runs_wave2.csv \\",
            "      --write-intervals lsdt-physics/src/main/resources/lsdt/validation/residuals.yaml",
            "",
            "--loso holds out one source (source_title) at a time: fits the calibration without it, predicts its runs",
            "and reports per source and per regime the median |error| out of sample beside the in-sample ones, and",
            "the share of held-out runs inside the P10-P90 interval computed from the other sources' residuals.",
            "",
            "--suite NAME compares LSDT with a published validation suite, beside a reference tool's errors.",
            ""},
        footer = {"",
            "Suites: " + ValidateCommand.SUITES,
            "",
            "Examples:",
            "  lsdt validate --runs data/validation/dev_runs.csv",
            "  lsdt validate --runs data/validation/dev_runs_wave2.csv",
            "  lsdt validate --runs data/validation/dev_runs.csv --json",
            "  lsdt validate --runs data/validation/dev_runs.csv --report validation.md",
            "  lsdt validate --runs data/validation/dev_runs.csv --runs data/validation/dev_runs_wave2.csv --loso \\",
            "      --threads 8",
            "  lsdt validate --suite korthikanti"})
final class ValidateCommand implements Callable<Integer> {
    /** The suites {@code --suite} knows. */
    static final String SUITES = "korthikanti (Korthikanti et al. 2022, as Calculon reproduces it)";

    /** The step model scored; tests replace it. */
    static Supplier<StepModel> modelFactory = io.lsdt.physics.Physics::stepModel;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--runs", paramLabel = "CSV", description = "published runs to score (dev_runs.csv schema); "
            + "repeatable")
    List<Path> runs = new ArrayList<>();

    @Option(names = "--suite", paramLabel = "NAME", description = "a validation suite: korthikanti")
    String suite;

    @Option(names = "--fit", description = "with --runs: fit the design model's six calibration constants on these "
            + "runs (Nelder-Mead from the first-principles values, minimising the mean absolute log error) and print "
            + "them beside the shipped ones; nothing is changed")
    boolean fit;

    @Option(names = "--write-intervals", paramLabel = "FILE", description = "with --runs: write the residuals table "
            + "of these runs to FILE (whole or not at all) and print it")
    Path writeIntervals;

    @Option(names = "--loso", description = "with --runs: leave-one-source-out — fit without each source, predict "
            + "its runs; median |error| per source and per regime beside the in-sample ones, and the coverage of the "
            + "P10-P90 intervals on the held-out runs")
    boolean loso;

    @Option(names = "--threads", paramLabel = "T", description = "with --loso: fits run in parallel (default: the "
            + "number of cores)")
    Integer threads;

    @Option(names = "--max-evaluations", paramLabel = "N", description = "with --fit or --loso: evaluation budget of "
            + "each fit (default: " + Calibrator.MAX_EVALUATIONS + ")")
    Integer maxEvaluations;

    @Option(names = "--json", description = "print as JSON: a summary (by source) and one entry per row; errors in %%")
    boolean json;

    @Option(names = "--report", paramLabel = "FILE.md", description = "also write a Markdown report (with --runs); "
            + "written whole or not at all")
    Path report;

    @Override
    public Integer call() {
        if (runs.isEmpty() && suite == null) {
            throw LsdtException.of(Problem.MISSING_FIELD, "what to validate",
                    "--runs CSV (published runs) or --suite NAME (" + SUITES + ")");
        }
        if (!runs.isEmpty() && suite != null) {
            throw LsdtException.of(Problem.INVALID_VALUE, "--runs and --suite", "both given", "one of them");
        }
        int modes = (fit ? 1 : 0) + (loso ? 1 : 0) + (writeIntervals != null ? 1 : 0);
        if (modes > 1) {
            throw LsdtException.of(Problem.INVALID_VALUE, "--fit, --loso and --write-intervals", "more than one given",
                    "one of them");
        }
        if (threads != null) {
            OptionChecks.atLeastOne("--threads", threads);
        }
        if (maxEvaluations != null) {
            OptionChecks.atLeastOne("--max-evaluations", maxEvaluations);
        }
        StepModel model = modelFactory.get();
        if (suite != null) {
            if (report != null || modes > 0) {
                throw LsdtException.of(Problem.INVALID_VALUE, report != null ? "--report" : "--fit, --loso or "
                        + "--write-intervals", report != null ? report : "given", "used with --runs only");
            }
            SuiteReport r = suite(suite, model);
            spec.commandLine().getOut().print(json ? Json.write(suiteJson(r)) : suiteHuman(r));
            return 0;
        }
        Outputs outputs = new Outputs().output("--report", report).output("--write-intervals", writeIntervals);
        runs.forEach(f -> outputs.input("--runs", f));
        outputs.check(); // before the runs are read and scored: no work is done whose result could not be written
        List<List<RunRow>> files = new ArrayList<>();
        List<RunRow> rows = new ArrayList<>();
        Map<String, Path> seen = new LinkedHashMap<>();
        for (Path f : runs) {
            List<RunRow> in = RunsCsv.read(f);
            for (RunRow r : in) {
                Path before = seen.putIfAbsent(r.runId(), f);
                if (before != null) {
                    throw LsdtException.of(Problem.INVALID_VALUE, "--runs", f, "files whose run ids are unique "
                            + "across them: run_id '" + r.runId() + "' is also in " + before);
                }
            }
            files.add(in);
            rows.addAll(in);
        }
        int budget = maxEvaluations != null ? maxEvaluations : Calibrator.MAX_EVALUATIONS;
        if (fit) {
            return fit(rows, budget);
        }
        if (loso) {
            Loso.Report r = LosoPrinter.run(rows, model, budget, threads != null ? threads
                    : Runtime.getRuntime().availableProcessors(), System.console() != null && !json);
            spec.commandLine().getOut().print(json ? Json.write(LosoPrinter.json(r)) : LosoPrinter.text(r,
                    threads != null ? threads : Runtime.getRuntime().availableProcessors()));
            return 0;
        }
        RunsReport r = RunValidation.validate(rows, model, Catalog.builtIn());
        if (writeIntervals != null) {
            return writeIntervals(files, rows, r, model);
        }
        String input = String.join(", ", runs.stream().map(Path::toString).toList());
        Intervals table = Intervals.shipped();
        Map<String, ValidatedRun> validated = new LinkedHashMap<>();
        Residuals.validated(rows, r.results()).forEach(v -> validated.put(v.runId(), v));
        List<io.lsdt.physics.validation.MemoryCheck.Row> memory = io.lsdt.physics.validation.MemoryCheck.of(rows,
                r.results());
        String printed;
        if (json) {
            Map<String, Object> out = runsJson(r, validated, table);
            out.put("memory", memoryJson(memory));
            printed = Json.write(out);
        } else {
            printed = runsHuman(r, model, validated, table) + memoryText(memory);
        }
        if (report != null) { // last, once everything is computed: a run that fails leaves no report behind
            writeWhole(report, r.markdown(input, model.getClass().getName()));
        }
        spec.commandLine().getOut().print(printed);
        return 0;
    }

    /**
     * The memory check of a validation as JSON.
     *
     * @param rows the memory check's rows
     * @return the memory rows as JSON: per run measured and predicted bytes and the error, and the median
     */
    static Map<String, Object> memoryJson(List<io.lsdt.physics.validation.MemoryCheck.Row> rows) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", rows.size());
        m.put("median_abs_pct_error", rows.isEmpty() ? null : median(rows));
        m.put("runs", rows.stream().map(r -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("run_id", r.runId());
            x.put("measured_bytes", r.measured());
            x.put("predicted_bytes", r.predicted());
            x.put("abs_pct_error", r.absPctError());
            x.put("as_published", r.text());
            return x;
        }).toList());
        return m;
    }

    static String memoryText(List<io.lsdt.physics.validation.MemoryCheck.Row> rows) {
        if (rows.isEmpty()) {
            return "";
        }
        TextTable t = new TextTable(new String[] {"run", "published", "predicted", "error"}, false, true, true, true);
        rows.forEach(r -> t.row(r.runId(), Fmt.gib(r.measured()), Fmt.gib(r.predicted()),
                String.format(Locale.ROOT, "%.1f %%", r.absPctError())));
        return String.format(Locale.ROOT, "%nmemory per GPU where the run publishes it (memory_gib_per_gpu; predicted: "
                + "weights, gradients, optimizer state, activations and the %s framework reserve): %d runs, median "
                + "|error| %.1f %%%n", Fmt.gib(io.lsdt.physics.design.Calibration.DEFAULT.reserve()), rows.size(),
                median(rows)) + t.render("  ");
    }

    private static double median(List<io.lsdt.physics.validation.MemoryCheck.Row> rows) {
        double[] e = rows.stream().mapToDouble(io.lsdt.physics.validation.MemoryCheck.Row::absPctError).sorted()
                .toArray();
        return e[(int) Math.ceil(0.5 * e.length) - 1];
    }

    /** The command that regenerates a residuals table, as the user ran it. */
    private String command() {
        StringBuilder sb = new StringBuilder("./lsdt validate");
        for (Path p : runs) {
            sb.append(" --runs ").append(p);
        }
        return sb.append(" --write-intervals ").append(writeIntervals).toString();
    }

    private int writeIntervals(List<List<RunRow>> files, List<RunRow> rows, RunsReport r, StepModel model) {
        List<Intervals.Input> inputs = new ArrayList<>();
        int at = 0;
        for (int i = 0; i < files.size(); i++) {
            int n = files.get(i).size();
            int predicted = (int) r.results().subList(at, at + n).stream()
                    .filter(RunResult.Predicted.class::isInstance).count();
            inputs.add(new Intervals.Input(runs.get(i).getFileName().toString(), n, predicted));
            at += n;
        }
        if (r.predicted().isEmpty()) {
            throw LsdtException.of(Problem.INVALID_VALUE, "--runs", String.join(", ", runs.stream()
                    .map(Path::toString).toList()), "runs of which LSDT predicts at least one: it skipped all "
                    + rows.size());
        }
        Intervals.Provenance p = new Intervals.Provenance(java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                .toString(), command(), model.getClass().getName(), inputs);
        Intervals table = Residuals.table(rows, r, p);
        String yaml = IntervalsYaml.write(table);
        io.lsdt.physics.io.AtomicFile.write(writeIntervals, "--write-intervals",
                out -> out.write(yaml.getBytes(StandardCharsets.UTF_8)));
        spec.commandLine().getOut().print(json ? Json.write(IntervalsPrinter.json(table, writeIntervals))
                : IntervalsPrinter.text(table, writeIntervals));
        return 0;
    }

    private int fit(List<RunRow> rows, int budget) {
        io.lsdt.physics.validation.Calibrator.Fit f = io.lsdt.physics.validation.Calibrator.fit(rows,
                io.lsdt.physics.design.Calibration.FIRST_PRINCIPLES, io.lsdt.physics.catalog.Catalog.builtIn(),
                io.lsdt.physics.Physics.registry(), budget);
        io.lsdt.physics.design.Calibration shipped = io.lsdt.physics.design.Calibration.DEFAULT;
        io.lsdt.physics.design.Calibration c = f.calibration();
        if (json) {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("rows", f.rows());
            m.put("evaluations", f.evaluations());
            m.put("converged", f.converged());
            m.put("objective_before", f.objectiveBefore());
            m.put("objective_after", f.objectiveAfter());
            m.put("fitted", c);
            m.put("shipped", shipped);
            spec.commandLine().getOut().print(Json.write(m));
            return 0;
        }
        TextTable t = new TextTable(new String[] {"constant", "first principles", "fitted here", "shipped"}, false,
                true, true, true);
        row(t, "effGemmMax (16-bit)", f.start().effGemmMax(), c.effGemmMax(), shipped.effGemmMax());
        row(t, "effGemmMaxFp8", f.start().effGemmMaxFp8(), c.effGemmMaxFp8(), shipped.effGemmMaxFp8());
        row(t, "gemmHalf (width)", f.start().gemmHalf(), c.gemmHalf(), shipped.gemmHalf());
        row(t, "kMem", f.start().kMem(), c.kMem(), shipped.kMem());
        row(t, "tpHidden", f.start().tpHidden(), c.tpHidden(), shipped.tpHidden());
        row(t, "effAttn", f.start().effAttn(), c.effAttn(), shipped.effAttn());
        spec.commandLine().getOut().printf(java.util.Locale.ROOT, "fitted on %d predictable rows of %s in %d "
                + "evaluations%s; mean |ln(predicted/measured)| %.4f → %.4f%n%s", f.rows(),
                String.join(", ", runs.stream().map(Path::toString).toList()), f.evaluations(),
                f.converged() ? "" : " (the budget ran out before convergence)", f.objectiveBefore(),
                f.objectiveAfter(), t.render("  "));
        return 0;
    }

    private static void row(TextTable t, String name, double a, double b, double c) {
        t.row(name, io.lsdt.graph.unit.UnitFormat.significant(a), io.lsdt.graph.unit.UnitFormat.significant(b),
                io.lsdt.graph.unit.UnitFormat.significant(c));
    }

    private static SuiteReport suite(String name, StepModel model) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        if (n.equals(KorthikantiSuite.NAME)) {
            return KorthikantiSuite.report(model);
        }
        throw LsdtException.of(Problem.UNKNOWN_ID, "suite", name).withHint("the suites are: " + SUITES);
    }

    // ------------------------------------------------------------------------------------------ runs: JSON

    /**
     * The JSON of a runs report. Contract (scripts depend on it): {@code summary} with {@code rows, predicted,
     * skipped, median_abs_pct_error, mean_abs_pct_error, p90_abs_pct_error, max_abs_pct_error}, {@code by_source}
     * (source title → the same statistics) and {@code coverage} ({@code inside, predicted, share, table}: the
     * predicted rows whose measured value lies inside their regime's P10–P90 interval); {@code rows}, each
     * {@code run_id, metric, measured, predicted, abs_pct_error} or {@code run_id, skipped}. Percentages as numbers
     * (5.2 = 5.2 %); null when nothing was predicted. Extra keys per predicted row: {@code unit, source,
     * framework} (profile id), {@code finetune} (with {@code lora_rank, lora_targets, base_weight_bits} for adapters),
     * {@code regime, interval} ({@code p10, p90} in the metric's unit, {@code log_p10, log_p90}, {@code uses} — the residuals
     * used —, {@code rows}, {@code inside}), {@code notes, ledger} (s).
     *
     * @param r the report
     * @param validated the validated runs by run id (their regimes and intervals)
     * @param table the residuals table the coverage is checked against
     * @return the JSON
     */
    static Map<String, Object> runsJson(RunsReport r, Map<String, ValidatedRun> validated, Intervals table) {
        Map<String, Object> summary = stats(r.summary());
        Map<String, Object> by = new LinkedHashMap<>();
        for (Map.Entry<String, ErrorStats> e : r.bySource().entrySet()) {
            by.put(e.getKey(), stats(e.getValue()));
        }
        summary.put("by_source", by);
        Coverage cov = Coverage.of(List.copyOf(validated.values()), table);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("inside", cov.inside());
        c.put("predicted", cov.total());
        c.put("share", number(cov.share()));
        c.put("table", "shipped residuals table of " + table.provenance().generated());
        summary.put("coverage", c);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RunResult res : r.results()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("run_id", res.runId());
            if (res instanceof RunResult.Predicted p) {
                m.put("metric", p.metric().column());
                m.put("measured", p.measured());
                m.put("predicted", p.predicted());
                m.put("abs_pct_error", p.absPctError());
                m.put("unit", p.metric().unit());
                m.put("source", p.source());
                m.put("framework", p.spec().framework());
                m.put("finetune", p.spec().finetune());
                if (!p.spec().finetune().equals("none") && !p.spec().finetune().equals("full")) {
                    m.put("lora_rank", p.spec().loraRank() > 0 ? p.spec().loraRank() : null);
                    m.put("lora_targets", p.spec().loraTargets());
                    m.put("base_weight_bits", p.spec().baseWeightBits());
                }
                ValidatedRun v = validated.get(p.runId());
                Interval i = table.interval(v.regime());
                double[] b = bounds(i, p);
                m.put("regime", v.regime().key());
                Map<String, Object> iv = new LinkedHashMap<>();
                iv.put("p10", b[0]);
                iv.put("p90", b[1]);
                iv.put("log_p10", i.p10());
                iv.put("log_p90", i.p90());
                iv.put("uses", i.used());
                iv.put("rows", i.rows());
                iv.put("inside", i.contains(v.logResidual()));
                m.put("interval", iv);
                m.put("notes", p.notes());
                m.put("ledger", LedgerEntries.of(p.prediction().ledger()));
            } else if (res instanceof RunResult.Skipped s) {
                m.put("skipped", s.reason());
                m.put("source", s.source());
                m.put("notes", s.notes());
            }
            rows.add(m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("summary", summary);
        root.put("rows", rows);
        return root;
    }

    /**
     * The interval of a predicted run's metric, in the metric's unit.
     *
     * @param i an interval
     * @param p a predicted run
     * @return the P10 and P90 of the run's metric: a rate r·e^p10 … r·e^p90, a step time t·e^−p90 … t·e^−p10
     */
    static double[] bounds(Interval i, RunResult.Predicted p) {
        double v = p.predicted();
        return p.metric().isRate() ? new double[] {i.rateLow(v), i.rateHigh(v)}
                : new double[] {v * Math.exp(-i.p90()), v * Math.exp(-i.p10())};
    }

    private static Map<String, Object> stats(ErrorStats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", s.rows());
        m.put("predicted", s.predicted());
        m.put("skipped", s.skipped());
        m.put("median_abs_pct_error", number(s.median()));
        m.put("mean_abs_pct_error", number(s.mean()));
        m.put("p90_abs_pct_error", number(s.p90()));
        m.put("max_abs_pct_error", number(s.max()));
        return m;
    }

    private static Double number(double v) {
        return Double.isFinite(v) ? v : null;
    }

    // ------------------------------------------------------------------------------------------ runs: text

    static String runsHuman(RunsReport r, StepModel model, Map<String, ValidatedRun> validated, Intervals table) {
        StringBuilder sb = new StringBuilder();
        ErrorStats all = r.summary();
        sb.append("Validation of the step model ").append(model.getClass().getSimpleName()).append(": ")
                .append(all.rows()).append(" runs, ").append(all.predicted()).append(" predicted, ")
                .append(all.skipped()).append(" skipped\n");
        if (!r.predicted().isEmpty()) {
            sb.append("\npredicted (error = |predicted - measured| / measured; P10-P90 of the run's regime, "
                    + "in = measured inside it)\n");
            TextTable t = new TextTable(new String[] {"run", "metric", "measured", "predicted", "P10-P90", "in",
                "error", "regime", "largest ledger entries (share of step)"}, false, false, true, true, true, false,
                true, false, false);
            for (RunResult.Predicted p : r.predicted()) {
                String unit = " " + p.metric().unit();
                ValidatedRun v = validated.get(p.runId());
                Interval i = table.interval(v.regime());
                double[] b = bounds(i, p);
                t.row(p.runId(), p.metric().column(), RunsReport.format(p.measured()) + unit,
                        RunsReport.format(p.predicted()) + unit, RunsReport.format(b[0]) + "-"
                                + RunsReport.format(b[1]) + unit, i.contains(v.logResidual()) ? "yes" : "no",
                        pct(p.absPctError()), v.regime().key() + (i.pooled() ? " (" + i.used() + ")" : ""),
                        LedgerEntries.describeLargest(p.prediction().ledger(), 3));
            }
            sb.append(t.render("  "));
        }
        if (!r.skipped().isEmpty()) {
            sb.append("\nskipped\n");
            TextTable t = new TextTable(new String[] {"run", "reason"}, false, false);
            for (RunResult.Skipped s : r.skipped()) {
                t.row(s.runId(), s.reason());
            }
            sb.append(t.render("  "));
        }
        sb.append("\nsummary by source (errors in %; p90 = nearest-rank 90th percentile)\n");
        TextTable t = new TextTable(new String[] {"rows", "predicted", "skipped", "median", "mean", "p90", "max",
            "source"}, true, true, true, true, true, true, true, false);
        for (Map.Entry<String, ErrorStats> e : r.bySource().entrySet()) {
            statsRow(t, e.getValue(), e.getKey());
        }
        statsRow(t, all, "all");
        sb.append(t.render("  "));
        Coverage cov = Coverage.of(List.copyOf(validated.values()), table);
        sb.append(String.format(Locale.ROOT, "%ncoverage: %d of %d predicted runs measured inside their regime's "
                + "P10-P90 (%s); the intervals are the shipped residuals table of %s (%d runs), so this is in-sample "
                + "for the runs it was made from; --loso gives the out-of-sample coverage.%n", cov.inside(),
                cov.total(), cov.total() == 0 ? "—" : String.format(Locale.ROOT, "%.1f %%", cov.share() * 100),
                table.provenance().generated(), table.runs().size()));
        sb.append("A regime in parentheses pooled: fewer than ").append(table.minRows())
                .append(" runs, so its family's residuals (or all runs') are used.\n");
        sb.append("\nThe assumptions made for each run are in --json (notes) and --report FILE.md.\n");
        return sb.toString();
    }

    private static void statsRow(TextTable t, ErrorStats s, String name) {
        t.row(String.valueOf(s.rows()), String.valueOf(s.predicted()), String.valueOf(s.skipped()), one(s.median()),
                one(s.mean()), one(s.p90()), one(s.max()), name);
    }

    private static String one(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", v) : "—";
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f %%", v);
    }

    // ------------------------------------------------------------------------------------------ suites

    static Map<String, Object> suiteJson(SuiteReport r) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("suite", r.name());
        root.put("source", r.source());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SuiteReport.Row row : r.rows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", row.id());
            m.put("quantity", row.quantity());
            m.put("unit", row.unit());
            m.put("measured", row.measured());
            m.put("predicted", row.predicted());
            m.put("abs_pct_error", number(row.absPctError()));
            rows.add(m);
        }
        root.put("rows", rows);
        List<Map<String, Object>> sums = new ArrayList<>();
        for (SuiteReport.Summary s : r.summaries()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("quantity", s.quantity());
            m.put("mean_abs_pct_error", number(s.meanAbsPctError()));
            m.put("max_abs_pct_error", number(s.maxAbsPctError()));
            m.put("reference_tool", s.referenceTool());
            m.put("reference_mean_abs_pct_error", number(s.referenceMeanAbsPctError()));
            m.put("reference_max_abs_pct_error", number(s.referenceMaxAbsPctError()));
            sums.add(m);
        }
        root.put("summaries", sums);
        return root;
    }

    static String suiteHuman(SuiteReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("Suite ").append(r.name()).append(": ").append(r.source()).append('\n');
        TextTable t = new TextTable(new String[] {"run", "quantity", "measured", "predicted", "error"},
                false, false, true, true, true);
        for (SuiteReport.Row row : r.rows()) {
            String unit = row.unit() == null || row.unit().isEmpty() ? "" : " " + row.unit();
            t.row(row.id(), row.quantity(), RunsReport.format(row.measured()) + unit,
                    RunsReport.format(row.predicted()) + unit, pct(row.absPctError()));
        }
        sb.append('\n').append(t.render("  "));
        TextTable s = new TextTable(new String[] {"quantity", "LSDT mean", "LSDT max", "reference", "ref. mean",
            "ref. max"}, false, true, true, false, true, true);
        for (SuiteReport.Summary sum : r.summaries()) {
            s.row(sum.quantity(), pct(sum.meanAbsPctError()), pct(sum.maxAbsPctError()), sum.referenceTool(),
                    pct(sum.referenceMeanAbsPctError()), pct(sum.referenceMaxAbsPctError()));
        }
        sb.append("\nabsolute errors, LSDT beside the reference tool's published ones\n").append(s.render("  "));
        return sb.toString();
    }

    // ------------------------------------------------------------------------------------------ report file

    /**
     * Writes {@code text} to {@code target} whole or not at all: into a temporary file in the same folder, then an
     * atomic rename over the target. On any failure the temporary file is removed and the target is untouched.
     *
     * @param target the file
     * @param text its new content (UTF-8)
     * @throws LsdtException {@link Problem#INVALID_VALUE} (a user error) naming the file and the reason
     */
    static void writeWhole(Path target, String text) {
        io.lsdt.physics.io.AtomicFile.write(target, "--report",
                out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }
}
