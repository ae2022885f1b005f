package io.lsdt.bench;

import io.lsdt.api.Lsdt;
import io.lsdt.api.SearchMemo;
import io.lsdt.api.Sweep;
import io.lsdt.api.SweepRow;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Speed of {@code lsdt sweep}: full plans of Llama 3.1 70B per second on one core (target ≥ 1,000), each the design
 * search on the point's GPUs and the macro section, as {@code lsdt plan} makes it.
 * <ul>
 *   <li>{@link #fullPlan}: every plan searches (256, 512 or 1,024 H100s in turn; the search single-threaded).
 *   <li>{@link #planSharingTheSearch}: points that differ only in region, deadline and PUE, so the search is made
 *       once per GPU count and reused ({@link SearchMemo}); what is left is the brief, the fundamentals and the
 *       design's resolution with its macro section.
 * </ul>
 *
 * <p>Run: {@code java -jar lsdt-bench/target/benchmarks.jar SweepBenchmark} (from the repository root). The
 * 100,000-point sweep in one process: {@code java -cp lsdt-bench/target/benchmarks.jar
 * io.lsdt.bench.SweepBenchmark examples/sweep-70b-100k.yaml [THREADS]}.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
@Warmup(iterations = 8, time = 5)
@Measurement(iterations = 5, time = 5)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SweepBenchmark {
    private static final String BASE = "base: llama3.1-70b.yaml\naxes:\n  gpus: [256, 512, 1024]\n"
            + "  region: [us-average, us-bpa, us-pjm, us-ercot]\n  deadline: [60 d, 90 d, 120 d, 150 d, 180 d]\n"
            + "  pue: [1.1, 1.2, 1.3, 1.4, 1.5]\n";

    private Lsdt lsdt;
    private Sweep sweep;
    private SearchMemo memo;
    private long next;

    /** Reads the sweep (300 points) and fills the memo with its three searches. */
    @Setup
    public void setup() {
        lsdt = Lsdt.builtIn();
        sweep = Sweep.parse(BASE, "bench", examples(), lsdt.catalog());
        memo = new SearchMemo(16);
        for (long i = 0; i < sweep.size(); i += 100) {
            sweep.evaluate(lsdt, i, memo);
        }
    }

    private static Path examples() {
        Path p = Path.of("examples");
        return java.nio.file.Files.isDirectory(p) ? p : Path.of("../examples");
    }

    /** @return a full plan with its own design search */
    @Benchmark
    public SweepRow fullPlan() {
        // points 0, 100, 200 …: 256, 512, 1,024 GPUs in turn
        long i = (next++ % 3) * 100 + next % 100;
        return sweep.evaluate(lsdt, i, null);
    }

    /** @return a full plan whose design search another point made */
    @Benchmark
    public SweepRow planSharingTheSearch() {
        return sweep.evaluate(lsdt, next++ % sweep.size(), memo);
    }

    /**
     * Runs a sweep file in process once, rows discarded, and prints its throughput.
     *
     * @param args the sweep file, and optionally the threads (default: the cores)
     */
    public static void main(String[] args) {
        Lsdt lsdt = Lsdt.builtIn();
        Sweep s = Sweep.read(Path.of(args[0]), lsdt.catalog());
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        SearchMemo memo = new SearchMemo(4096);
        AtomicLong ok = new AtomicLong();
        long t0 = System.nanoTime();
        s.run(lsdt, 0, threads, memo, r -> {
            if (r.ok()) {
                ok.incrementAndGet();
            }
        });
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%,d points (%,d with a design) on %d threads in %.1f s: %,.0f plans/s, "
                + "%,.0f per thread; %d design searches, %,d reused%n", s.size(), ok.get(), threads, secs,
                s.size() / secs, s.size() / secs / threads, memo.misses(), memo.hits());
    }
}
