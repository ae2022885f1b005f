package io.lsdt.cli;

import io.lsdt.api.Lsdt;
import io.lsdt.api.SearchMemo;
import io.lsdt.api.Sweep;
import io.lsdt.api.SweepOutput;
import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lsdt sweep SWEEP.yaml}: one full plan per point of a sweep, streamed to CSV and JSON lines, with plots. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {
            "Plans every point of a sweep: a base brief and axes that vary it. Each point runs the full plan (design",
            "search on the point's GPUs and the macro section) through the same library call as 'lsdt plan', and",
            "becomes one row: the chosen design, its step, MFU, time to train with P10-P90, cost, energy, CO2 and",
            "whether it meets the deadline; a point where nothing fits, or whose brief is refused, is a row with the",
            "reason. Rows are written in point order as they come (memory stays bounded), so the output is the same",
            "bytes whatever --threads, and a stopped sweep resumes where it stopped: run the same command again.",
            "",
            "The sweep file (YAML):",
            "  name: Llama 3.1 70B across devices, GPU counts and regions",
            "  base: llama3.1-70b.yaml        # a catalog-form brief, relative to this file (or brief: {...} inline)",
            "  mode: product                  # product (default): every combination, the last axis varying fastest",
            "  axes:",
            "    device: [h100-sxm, a100-sxm-80gb, b200]",
            "    gpus: [256, 512, 1024, 2048, 4096]",
            "    region: [us-average, us-bpa]",
            "or, with mode: list, the points one by one (each gives every axis any point names):",
            "  points:",
            "    - {device: h100-sxm, gpus: 1024}",
            "    - {device: b200, gpus: 512, region: us-bpa}",
            "",
            "Axes: model, device, gpus (= devices), tokens, deadline, precision, fabric, framework, region,",
            "gpu_hour_price, power_price, pue, global_batch (= step.global_batch_sequences), or any dotted brief path",
            "(step.activation_recompute, macro.gpu_mtbf, ...). Values are written as in a brief: \"90 d\", \"15e12",
            "token\", 1024, \"2.5 USD/h\". Catalog ids are checked before anything runs (an unknown one gets the",
            "closest ids). A sweep of 0 points is refused, and one of more than 1,000,000,000 points unless --yes.",
            "",
            "Output, in the directory -o (default sweep-out):",
            "  sweep.csv     one row per point: index, the axis values, status (ok, no-fit, refused), devices,",
            "                TP CP PP v DP EP, micro-batch, ZeRO, recompute, step_s, mfu, time_to_train_d and its",
            "                P10/P90, cost_usd, energy_mwh (facility), co2_t, meets_deadline, pareto_cost_time,",
            "                pareto_co2_time (on the front of cost, or CO2, against time to train: no other point is",
            "                cheaper and faster), design (in words), reason",
            "  sweep.jsonl   the same rows as JSON objects, one per line (numbers in the CSV's units)",
            "  pareto-cost-time.png, pareto-co2-time.png   every point and its front",
            "  scaling.png   time to train against GPUs, one line per combination of the other axes (up to 10)",
            "  sweep.yaml    the sweep these rows are of, its base brief inline (a changed sweep is not resumed)",
            "",
            "--spark MASTER runs the points on Spark (local[*], spark://host:7077) when the lsdt-spark module is on",
            "the class path (see README: Sweeps on Spark); the rows are the same bytes.",
            ""},
        footer = {"", "Examples:",
            "  lsdt sweep examples/sweep-70b-devices.yaml -o sweep-70b",
            "  lsdt sweep examples/sweep-70b-list.yaml -o sweep-list --threads 1",
            "", "Exit codes: 0 every point planned (points without a design are rows, not failures); 2 bad input",
            "(the sweep file, an axis value, an output directory, an unreachable Spark master); 1 a defect."})
final class SweepCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SWEEP", description = "sweep file (YAML; see above)")
    Path file;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "output directory (default sweep-out)")
    Path out = Path.of("sweep-out");

    @Option(names = "--threads", paramLabel = "T", description = "worker threads (default: the cores, "
            + "${DEFAULT-VALUE})")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--yes", description = "run a sweep of more than 1,000,000,000 points")
    boolean yes;

    @Option(names = "--fresh", description = "start over: overwrite the rows of an earlier run in DIR")
    boolean fresh;

    @Option(names = "--no-plots", description = "write no PNG plots")
    boolean noPlots;

    @Option(names = "--progress", negatable = true, description = "progress bar with rate and ETA on stderr "
            + "(default: when stderr is a terminal)")
    Boolean progress;

    @Option(names = "--spark", paramLabel = "MASTER", description = "run the points on Spark: local[*], local[2], "
            + "spark://host:7077 (needs lsdt-spark on the class path)")
    String spark;

    @Override
    public Integer call() {
        OptionChecks.atLeastOne("--threads", threads);
        if (threads > 1024) {
            throw LsdtException.of(Problem.INVALID_VALUE, "--threads", threads, "a whole number from 1 to 1,024");
        }
        new Outputs().input("SWEEP", file).check();
        Lsdt lsdt = Lsdt.builtIn();
        Sweep sweep = Sweep.read(file, lsdt.catalog());
        sweep.requireSize(yes);
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw LsdtException.of(Problem.INVALID_VALUE, "-o", out, "a directory that can be created and written ("
                    + e.getMessage() + ")");
        }
        if (!Files.isDirectory(out) || !Files.isWritable(out)) {
            throw LsdtException.of(Problem.INVALID_VALUE, "-o", out, "a writable directory");
        }
        Path csv = out.resolve("sweep.csv");
        Path jsonl = out.resolve("sweep.jsonl");
        long done = SweepOutput.resume(csv, sweep, fresh);
        long t0 = System.nanoTime();
        SearchMemo memo = new SearchMemo(4096);
        String engine;
        if (spark != null) {
            SparkLauncher.run(spark, file, sweep, done, csv);
            engine = "Spark " + spark;
        } else {
            runHere(lsdt, sweep, done, csv, memo);
            engine = threads + (threads == 1 ? " thread" : " threads");
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        SweepOutput.Summary s = SweepOutput.finish(csv, jsonl);
        List<String> files = new ArrayList<>(List.of(csv.toString(), jsonl.toString()));
        if (!noPlots) {
            for (SweepCharts.Plot p : SweepCharts.plots(csv, sweep)) {
                Path f = out.resolve(p.name() + ".png");
                try {
                    Files.write(f, p.png());
                } catch (IOException e) {
                    throw LsdtException.of(Problem.INVALID_VALUE, "-o", f, "a writable file (" + e.getMessage() + ")");
                }
                files.add(f.toString());
            }
        }
        spec.commandLine().getOut().print(SweepText.summary(file.toString(), sweep, s, done, secs, engine,
                spark == null ? memo : null, csv, files));
        return 0;
    }

    private void runHere(Lsdt lsdt, Sweep sweep, long done, Path csv, SearchMemo memo) {
        boolean show = progress != null ? progress : System.console() != null;
        PrintStream err = System.err;
        try (Writer w = SweepOutput.append(csv);
                ProgressBar bar = show ? new ProgressBarBuilder().setTaskName("sweep").setStyle(ProgressBarStyle.ASCII)
                        .setInitialMax(sweep.size()).startsFrom(done, Duration.ZERO).showSpeed()
                        .setUnit(" plans", 1).setUpdateIntervalMillis(250)
                        .setConsumer(new ConsoleProgressBarConsumer(err)).build() : null) {
            sweep.run(lsdt, done, threads, memo, row -> {
                try {
                    w.write(row.csv());
                    w.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (bar != null) {
                    bar.step();
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw LsdtException.of(Problem.UNREADABLE_FILE, csv, e.getMessage());
        }
    }

    /** Loads lsdt-spark reflectively, so that the command line does not carry Spark. */
    static final class SparkLauncher {
        static final String CLASS = "io.lsdt.spark.SparkSweep";

        private SparkLauncher() {}

        static void run(String master, Path file, Sweep sweep, long from, Path csv) {
            Class<?> c;
            try {
                c = Class.forName(CLASS);
            } catch (ClassNotFoundException e) {
                throw LsdtException.of(Problem.INVALID_VALUE, "--spark", master, "the lsdt-spark module on the class "
                        + "path").withHint("run lsdt-spark/target/lsdt-spark.jar (its own main takes the same "
                        + "arguments), or spark-submit it (README: Sweeps on Spark)");
            }
            try {
                c.getMethod("run", String.class, Path.class, Sweep.class, long.class, Path.class)
                        .invoke(null, master, file, sweep, from, csv);
            } catch (java.lang.reflect.InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw LsdtException.wrap(e.getCause(), Problem.INTERNAL, String.valueOf(e.getCause()));
            } catch (ReflectiveOperationException e) {
                throw LsdtException.wrap(e, Problem.INTERNAL, "lsdt-spark's " + CLASS + ".run: " + e);
            }
        }
    }

    static String rate(double n, double secs) {
        return String.format(Locale.ROOT, "%,.1f", secs > 0 ? n / secs : 0);
    }
}
