package io.lsdt.bench;

import io.lsdt.sim.engine.Engine;
import io.lsdt.sim.engine.LabSetup;
import io.lsdt.sim.engine.Op;
import io.lsdt.sim.engine.SimulationResult;
import io.lsdt.sim.lab.LabSizes;
import io.lsdt.sim.lab.StepsPredictor;
import io.lsdt.sim.strategy.OneFOneB;
import io.lsdt.sim.strategy.ThreeD;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Speed of the event engine (issue 4 target: ≥ 1e7 events per second on one core). Each invocation simulates one
 * whole training step from prepared rank programs and reports the events it produced; the {@code events} counter's
 * rate (ops/s in JMH's secondary results) is the engine's throughput.
 *
 * <ul>
 *   <li>{@code 1f1b}: 1F1B over 32 pipeline stages, 64 layers, 256 micro-batches — point-to-point traffic, one
 *       stream (≈ 0.1 M events).</li>
 *   <li>{@code 3d}: TP 4 × PP 8 × DP 4 on 128 ranks, 32 layers, 64 micro-batches per replica — sub-group all-gathers,
 *       reduce-scatters and all-reduces as well (≈ 0.7 M events).</li>
 *   <li>{@code 3d-overlap}: the same with a compute stream and one stream per communicator.</li>
 * </ul>
 *
 * <p>Run: {@code java -jar lsdt-bench/target/benchmarks.jar EngineBenchmark}
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EngineBenchmark {
    /** Which step to simulate. */
    @Param({"1f1b", "3d", "3d-overlap"})
    public String scenario;

    private Engine engine;
    private List<List<Op>> programs;

    /** Events produced, as a JMH counter: its rate is events per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Events {
        /** Events simulated. */
        public long events;
    }

    /** Builds the programs once; only the engine's run is measured. */
    @Setup(Level.Trial)
    public void setup() {
        LabSetup s;
        Engine.Options options = Engine.Options.LAB.withPointToPoint(Engine.PointToPoint.SRUSH);
        switch (scenario) {
            case "1f1b" -> {
                s = new LabSetup(32, 64, 256, 1);
                programs = new OneFOneB(false).programs(s);
            }
            case "3d", "3d-overlap" -> {
                s = new LabSetup(128, 32, 64 * 4 * 4, 1);
                programs = new ThreeD(4, 8).programs(s);
                options = options.withOverlap(scenario.endsWith("overlap"));
            }
            default -> throw new IllegalArgumentException(scenario);
        }
        engine = new Engine(s, new StepsPredictor(), new LabSizes(512, 256), options);
    }

    /**
     * @param counter where the events are counted
     * @return the simulated step
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public SimulationResult step(Events counter) {
        SimulationResult r = engine.run(programs);
        counter.events += r.eventCount();
        return r;
    }
}
