package io.lsdt.bench;

import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.catalog.Model;
import io.lsdt.physics.design.AnalyticalStepModel;
import io.lsdt.physics.search.DesignSearch;
import io.lsdt.physics.design.Hardware;
import io.lsdt.physics.design.Numerics;
import io.lsdt.physics.design.ParallelConfig;
import io.lsdt.physics.design.Recompute;
import io.lsdt.physics.design.Schedule;
import io.lsdt.physics.search.SearchResult;
import io.lsdt.physics.search.SearchSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * Speed of the design search: one configuration evaluation on one core (target ≥ 1e6 per second, i.e. ≤ 1 µs), and
 * the exhaustive search for Llama 3.1 405B on 16,384 H100 (target under 2 s on two cores).
 *
 * <p>Run: {@code java -jar lsdt-bench/target/benchmarks.jar SearchBenchmark}
 */
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SearchBenchmark {
    private DesignSearch search;
    private SearchSpace space;
    private DesignSearch.Evaluator evaluator;
    private ParallelConfig[] configs;
    private int next;

    /** Builds the 405B space and a cycle of 4,096 varied configurations. */
    @Setup
    public void setup() {
        Catalog c = Catalog.builtIn();
        Model m = c.model("llama3.1-405b");
        Hardware hw = Hardware.of(c, "h100-sxm", Numerics.BF16);
        space = SearchSpace.standard(m.architecture(), hw, 16384, 2048, Numerics.BF16);
        search = new DesignSearch(io.lsdt.physics.Physics.stepModel());
        evaluator = search.evaluator(space);
        List<ParallelConfig> list = new ArrayList<>();
        int[] tps = {1, 2, 4, 8};
        int[] pps = {1, 2, 4, 8, 16};
        int[] cps = {1, 2, 4};
        Recompute[] rcs = Recompute.values();
        for (int i = 0; list.size() < 4096; i++) {
            int tp = tps[i % 4];
            int pp = pps[(i / 4) % 5];
            int cp = cps[(i / 20) % 3];
            int dp = 16384 / (tp * pp * cp);
            int vpp = pp > 1 && i % 2 == 0 ? 2 : 1;
            list.add(new ParallelConfig(tp, pp, vpp, dp, cp, 1, 1, 2048, (i / 60) % 4, rcs[(i / 7) % 3], tp > 1,
                    vpp > 1 ? Schedule.INTERLEAVED_1F1B : Schedule.ONE_F_ONE_B, Numerics.BF16, true, true));
        }
        configs = list.toArray(ParallelConfig[]::new);
    }

    /** @return the step time of one configuration (one evaluation of the search kernel) */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public double evaluateOneConfiguration() {
        ParallelConfig cfg = configs[next++ & 4095];
        return evaluator.stepTime(cfg);
    }

    /** @return the exhaustive search of 405B on 16,384 H100 with two threads */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    public SearchResult exhaustiveSearch405bOn16384() {
        return search.search(space, 10, 2, null);
    }
}
