package io.lsdt.spark;

import io.lsdt.api.Lsdt;
import io.lsdt.api.SearchMemo;
import io.lsdt.api.Sweep;
import io.lsdt.api.SweepOutput;
import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import java.io.IOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;

/**
 * {@code lsdt sweep} on Spark: the sweep's point indices are a Dataset ({@code spark.range}), mapped by partition
 * through the LSDT API ({@link Sweep#evaluate}) on the executors, and the rows come back to the driver in point order
 * and are written as the in-process run writes them ({@link SweepOutput}): the same bytes. The sweep travels as text
 * with its base brief inline ({@link Sweep#selfContained()}), so the executors need no files; each executor JVM
 * builds LSDT once and shares one {@link SearchMemo} between its tasks.
 *
 * <p>The rows come back in waves of at most {@link #WAVE} points, each wave one Spark job collected whole, so the
 * driver holds one wave, not the sweep.
 *
 * <p>Entry points: {@link #main} (spark-submit or a JVM with Spark on the class path) and {@link #run}, which
 * {@code lsdt sweep --spark MASTER} calls reflectively when this module is on its class path.
 */
public final class SparkSweep {
    /** Points per Spark job, at most: the rows the driver holds at once. */
    public static final long WAVE = 50_000;

    private SparkSweep() {}

    /**
     * Runs the points {@code from} … of a sweep on Spark and appends their rows to the CSV in point order.
     *
     * @param master the Spark master: {@code local[*]}, {@code local[2]}, {@code spark://host:7077}, {@code yarn} …
     * @param file the sweep file (for messages)
     * @param sweep the sweep
     * @param from the first point (the rows before it are written)
     * @param csv the CSV, opened by {@link SweepOutput#resume}
     * @throws LsdtException {@link Problem#INVALID_VALUE} (exit 2) when a {@code spark://} master cannot be reached or
     *     Spark refuses the master
     */
    public static void run(String master, Path file, Sweep sweep, long from, Path csv) {
        SparkSession spark = session(master);
        try (Writer w = SweepOutput.append(csv)) {
            rows(spark, sweep, from, line -> {
                try {
                    w.write(line);
                    w.write('\n');
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            throw LsdtException.of(Problem.UNREADABLE_FILE, csv, e.getMessage());
        } finally {
            spark.stop();
        }
    }

    /**
     * @param master a Spark master
     * @return a session on it (Spark UI off)
     * @throws LsdtException {@link Problem#INVALID_VALUE} naming the master when it cannot be reached or parsed
     */
    public static SparkSession session(String master) {
        reachable(master);
        try {
            return SparkSession.builder().master(master).appName("lsdt sweep").config("spark.ui.enabled", "false")
                    .getOrCreate();
        } catch (RuntimeException e) {
            throw LsdtException.of(Problem.INVALID_VALUE, "--spark", master, "a Spark master Spark accepts: local[*], "
                    + "local[N], spark://host:7077, yarn, k8s://… (Spark said: " + e.getMessage() + ")");
        }
    }

    /**
     * Refuses a {@code spark://} master none of whose hosts accepts a connection within 5 s, before Spark would retry
     * for a minute.
     */
    static void reachable(String master) {
        if (!master.startsWith("spark://")) {
            return;
        }
        List<String> tried = new ArrayList<>();
        for (String hp : master.substring("spark://".length()).split(",")) {
            int colon = hp.lastIndexOf(':');
            String host = colon < 0 ? hp : hp.substring(0, colon);
            int port;
            try {
                port = colon < 0 ? 7077 : Integer.parseInt(hp.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw LsdtException.of(Problem.INVALID_VALUE, "--spark", master, "spark://host:port (port a number)");
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 5000);
                return;
            } catch (IOException | IllegalArgumentException e) {
                tried.add(host + ":" + port + " (" + e.getMessage() + ")");
            }
        }
        throw LsdtException.of(Problem.INVALID_VALUE, "--spark", master, "a reachable Spark master; could not "
                + "connect to " + String.join(", ", tried))
                .withHint("start the master (sbin/start-master.sh) or check the host and port; use local[*] to run "
                        + "on this machine");
    }

    /**
     * Plans points {@code from} … on the session's executors and hands their CSV lines to {@code sink} in point order.
     *
     * @param spark the session
     * @param sweep the sweep
     * @param from the first point
     * @param sink receives each row's CSV line ({@link io.lsdt.api.SweepRow#csv()}), in order
     */
    public static void rows(SparkSession spark, Sweep sweep, long from, Consumer<String> sink) {
        Plan task = new Plan(sweep.selfContained(), sweep.source());
        int slices = Math.max(2, spark.sparkContext().defaultParallelism() * 4);
        for (long start = from; start < sweep.size(); start += WAVE) {
            long end = Math.min(sweep.size(), start + WAVE);
            int parts = (int) Math.min(slices, end - start);
            List<String> lines = spark.range(start, end, 1, parts).as(Encoders.LONG())
                    .mapPartitions(task, Encoders.STRING()).collectAsList();
            lines.forEach(sink);
        }
    }

    /** The task: one partition of point indices to their rows, through the LSDT API. */
    static final class Plan implements MapPartitionsFunction<Long, String> {
        private static final long serialVersionUID = 1L;
        private static final Map<String, Sweep> SWEEPS = new ConcurrentHashMap<>();
        private static volatile Lsdt lsdt;
        private static final SearchMemo MEMO = new SearchMemo(4096);

        private final String yaml;
        private final String source;

        Plan(String yaml, String source) {
            this.yaml = yaml;
            this.source = source;
        }

        private static Lsdt lsdt() {
            Lsdt l = lsdt;
            if (l == null) {
                synchronized (Plan.class) {
                    if (lsdt == null) {
                        lsdt = Lsdt.builtIn();
                    }
                    l = lsdt;
                }
            }
            return l;
        }

        @Override
        public Iterator<String> call(Iterator<Long> indices) {
            Lsdt l = lsdt();
            Sweep s = SWEEPS.computeIfAbsent(source + "\n" + yaml, k -> Sweep.parse(yaml, source, null, l.catalog()));
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return indices.hasNext();
                }

                @Override
                public String next() {
                    return s.evaluate(l, indices.next(), MEMO).csv();
                }
            };
        }
    }

    /**
     * {@code SWEEP.yaml [-o DIR] [--master M] [--fresh]}: the sweep on Spark, written as {@code lsdt sweep} writes it
     * (CSV and JSON lines; plots are the command line's: run {@code lsdt sweep} on the same directory to draw them).
     * Under spark-submit the master is spark-submit's ({@code --master}); otherwise {@code --master} (default
     * {@code local[*]}).
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        try {
            System.exit(main(args, System.out));
        } catch (LsdtException e) {
            System.err.println("lsdt: error: " + e.getMessage());
            System.exit(e.isUserError() ? 2 : 1);
        }
    }

    static int main(String[] args, java.io.PrintStream out) {
        Path file = null;
        Path dir = Path.of("sweep-out");
        String master = System.getProperty("spark.master", "local[*]");
        boolean fresh = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-o", "--output" -> dir = Path.of(value(args, ++i, "-o"));
                case "--master", "--spark" -> master = value(args, ++i, "--master");
                case "--fresh" -> fresh = true;
                default -> {
                    if (args[i].startsWith("-") || file != null) {
                        throw LsdtException.of(Problem.INVALID_VALUE, "argument", args[i], "SWEEP.yaml [-o DIR] "
                                + "[--master M] [--fresh]");
                    }
                    file = Path.of(args[i]);
                }
            }
        }
        if (file == null) {
            throw LsdtException.of(Problem.MISSING_FIELD, "SWEEP", "a sweep file: SWEEP.yaml [-o DIR] [--master M]");
        }
        Lsdt lsdt = Lsdt.builtIn();
        Sweep sweep = Sweep.read(file, lsdt.catalog());
        sweep.requireSize(true);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw LsdtException.of(Problem.INVALID_VALUE, "-o", dir, "a directory that can be created ("
                    + e.getMessage() + ")");
        }
        Path csv = dir.resolve("sweep.csv");
        long done = SweepOutput.resume(csv, sweep, fresh);
        long t0 = System.nanoTime();
        run(master, file, sweep, done, csv);
        double secs = (System.nanoTime() - t0) / 1e9;
        SweepOutput.Summary s = SweepOutput.finish(csv, dir.resolve("sweep.jsonl"));
        out.printf(Locale.ROOT, "%s: %,d points on Spark %s in %.1f s (%,.1f plans/s); a design fits at %,d, %,d meet "
                + "their deadline; Pareto fronts: %d (cost), %d (CO2)%n", file, sweep.size() - done, master, secs,
                (sweep.size() - done) / secs, s.ok(), s.meets(), s.costFront().size(), s.co2Front().size());
        out.println("  " + csv + "\n  " + dir.resolve("sweep.jsonl"));
        return 0;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw LsdtException.of(Problem.MISSING_FIELD, option, "a value after it");
        }
        return args[i];
    }
}
