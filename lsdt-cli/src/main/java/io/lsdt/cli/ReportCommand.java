package io.lsdt.cli;

import io.lsdt.api.Lsdt;
import io.lsdt.api.Plan;
import io.lsdt.api.PlanRequest;
import io.lsdt.api.Scaling;
import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.macro.MacroPlan;
import io.lsdt.physics.validation.RunRow;
import io.lsdt.physics.validation.RunValidation;
import io.lsdt.physics.validation.RunsCsv;
import io.lsdt.physics.validation.RunsReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lsdt report BRIEF -o report.html}: plans, sweeps and validates through the library, renders one HTML file. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {
            "Write one self-contained HTML report of a catalog-form brief: it opens offline (inline CSS, plots",
            "embedded as PNG data: URIs, no external resource) and is byte-for-byte the same for the same inputs.",
            "",
            "What is in it:",
            "  plan        the chosen design, the table of best designs on the brief's devices, the time to train",
            "              with its P10-P90 interval and its components, the MFU, whether the deadline is met, the",
            "              chosen design's step-time ledger and memory per GPU, deadline-first sizing (lsdt plan)",
            "  macro       cost, power, energy, CO2 and water, goodput (failures, checkpoints), stragglers",
            "  plots       1 step-time ledger of the best designs as stacked bars (compute, recompute, memory-bound,",
            "                TP/CP/EP/PP/DP comm, bubble, optimizer)",
            "              2 memory per GPU (weights, gradients, optimizer, activations, reserve) against capacity",
            "              3 scaling: the design step time and MFU of the best design the search finds at a",
            "                quarter, half, one, two and four times the plan's GPU count",
            "              4 cost against time to train over the same sweep, with the deadline",
            "              5 validation: predicted vs measured (log-log, ±10 %% lines) over the --runs files, with",
            "                the median and p90 |error| (lsdt validate)",
            "",
            "Every number carries, as its title (hover it), the command that explains it, e.g.",
            "'lsdt plan BRIEF --explain design.t_step'. --plots DIR also writes each plot as a PNG for papers",
            "and as an SVG (DIR/ledger.png and ledger.svg, memory, scaling, cost-vs-time, validation; in the SVG",
            "the labels are outlines, as XChart draws them). Outputs are written whole or not at all, and",
            "checked before any work.",
            ""},
        footer = {"", "Examples:",
            "  lsdt report examples/llama3.1-405b.yaml -o llama-405b.html",
            "  lsdt report examples/gpt3-175b.yaml -o gpt3.html --plots plots/",
            "", "Exit codes: 0 written and the plan meets its deadline and requirements; 3 written, but the plan",
            "misses the deadline or a requirement (the report says which), or no design fits (nothing written);",
            "2 bad input (brief, seed-form brief, --runs, an output that cannot be written); 1 a defect."})
final class ReportCommand implements Callable<Integer> {
    /** The validation files read when --runs is not given, relative to the working directory. */
    static final List<Path> DEFAULT_RUNS = List.of(Path.of("data/validation/dev_runs.csv"),
            Path.of("data/validation/dev_runs_wave2.csv"));

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BRIEF", description = "catalog-form brief (YAML)")
    Path brief;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE.html", description = "the HTML report")
    Path output;

    @Option(names = "--plots", paramLabel = "DIR", description = "also write each plot as DIR/NAME.png and "
            + "DIR/NAME.svg (an existing directory)")
    Path plots;

    @Option(names = "--runs", paramLabel = "CSV", description = "validation runs (dev_runs.csv schema); repeatable "
            + "(default: data/validation/dev_runs.csv and data/validation/dev_runs_wave2.csv)")
    List<Path> runs = new ArrayList<>();

    @Override
    public Integer call() {
        List<Path> runFiles = runs.isEmpty() ? DEFAULT_RUNS : runs;
        Outputs outputs = new Outputs().output("-o", output).input("BRIEF", brief);
        runFiles.forEach(f -> outputs.input("--runs", f));
        List<String> names = List.of("ledger", "memory", "scaling", "cost-vs-time", "validation");
        if (plots != null) {
            if (!Files.isDirectory(plots)) {
                throw LsdtException.of(Problem.INVALID_VALUE, "--plots", plots, "an existing directory")
                        .withHint("create it first: mkdir -p " + plots);
            }
            names.forEach(n -> {
                outputs.output("--plots", plots.resolve(n + ".png"));
                outputs.output("--plots", plots.resolve(n + ".svg"));
            });
        }
        outputs.check(); // before any work: nothing is computed whose result could not be written
        for (Path f : runFiles) {
            if (!Files.isRegularFile(f)) {
                throw LsdtException.of(Problem.UNREADABLE_FILE, "--runs " + f, "no such file").withHint(runs.isEmpty()
                        ? "run lsdt report from the repository's root, or give --runs CSV" : "give a dev_runs.csv "
                        + "file");
            }
        }
        Lsdt lsdt = Lsdt.builtIn();
        PlanRequest request = PlanRequest.of(brief);
        Plan plan = lsdt.plan(request);
        if (plan.chosen() == null) {
            spec.commandLine().getErr().println("lsdt: no design to report: " + (plan.search() != null
                    && plan.search().reason() != null ? plan.search().reason() : plan.deadlineFirst().reason())
                    + "; nothing written");
            return 3;
        }
        Scaling scaling = lsdt.scaling(request, plan);
        List<RunRow> rows = new ArrayList<>();
        runFiles.forEach(f -> rows.addAll(RunsCsv.read(f)));
        RunsReport validation = RunValidation.validate(rows, io.lsdt.physics.Physics.stepModel(), Catalog.builtIn());
        double cv = plan.chosen().macro().input("tail.step.cv").value().si();
        var reg = io.lsdt.physics.Physics.registry();
        double[] stragglers = {MacroPlan.stragglerEfficiency(reg, cv, 1024),
            MacroPlan.stragglerEfficiency(reg, cv, 16384), MacroPlan.stragglerEfficiency(reg, cv, 100000)};
        List<io.lsdt.api.DesignPoint> designs = plan.designs().isEmpty() ? List.of(plan.chosen()) : plan.designs();
        List<ReportCharts.Plot> charts = List.of(
                ReportCharts.ledger(designs, plan.chosen().config().devices()),
                ReportCharts.memory(designs, plan.brief().deviceId()),
                ReportCharts.scaling(scaling),
                ReportCharts.costTime(scaling, plan.deadline()),
                ReportCharts.validation(validation));
        String html = ReportHtml.render(new ReportHtml.Input(brief.toString(), plan, scaling, validation,
                runFiles.stream().map(Path::toString).toList(), stragglers, charts));
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        outputs.write("-o", output, "HTML report, " + charts.size() + " plots", out -> out.write(bytes));
        if (plots != null) {
            for (ReportCharts.Plot p : charts) {
                outputs.write("--plots", plots.resolve(p.name() + ".png"), "PNG " + ReportCharts.WIDTH + " × "
                        + ReportCharts.HEIGHT + ": " + p.title(), out -> out.write(p.png()));
                outputs.write("--plots", plots.resolve(p.name() + ".svg"), "SVG: " + p.title(),
                        out -> out.write(p.svg()));
            }
        }
        spec.commandLine().getOut().print("Report of " + brief + ": " + plan.chosen().describe() + ", time to train "
                + Fmt.days(plan.chosen().timeToTrain()) + (plan.meetsDeadline() ? " (meets" : " (MISSES")
                + " the deadline of " + Fmt.days(plan.deadline()) + ")\n" + outputs.text());
        return plan.succeeds() ? 0 : 3;
    }
}
