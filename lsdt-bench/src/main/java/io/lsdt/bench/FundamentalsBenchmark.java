package io.lsdt.bench;

import io.lsdt.graph.compile.CompiledPlan;
import io.lsdt.graph.registry.Registry;
import io.lsdt.graph.resolve.Resolver;
import io.lsdt.physics.Physics;
import io.lsdt.physics.brief.Brief;
import io.lsdt.physics.brief.BriefLoader;
import io.lsdt.physics.fundamentals.Fundamentals;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of evaluating the fundamentals bundle (every bundle key: 40-odd equations) for one brief: the compiled plan
 * over {@code double} slots (the search's path) against the resolver with its trace (the explain path).
 *
 * <p>Run: {@code ./mvnw -q -pl lsdt-bench -am package -DskipTests && java -jar lsdt-bench/target/benchmarks.jar
 * FundamentalsBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FundamentalsBenchmark {
    /** The brief evaluated: a seed-format and a catalog-form brief (the latter adds the arch equations). */
    @Param({"examples/13b-seed.yaml", "examples/llama3.1-405b.yaml"})
    public String brief;

    private CompiledPlan plan;
    private double[] slots;
    private int pSlot;
    private int pActiveSlot;
    private int outSlot;
    private double p;
    private long tick;
    private Resolver resolver;
    private Map<String, Double> assignments;
    private Map<String, String> variants;
    private List<String> targets;

    /** Loads the brief and compiles the plan. */
    @Setup
    public void setup() {
        Registry registry = Physics.registry();
        Path path = Path.of(brief);
        if (!path.toFile().exists()) {
            path = Path.of("..").resolve(brief);
        }
        Brief b = BriefLoader.load(path);
        assignments = b.assignments(registry);
        variants = b.variants();
        targets = Fundamentals.targets();
        plan = CompiledPlan.compile(registry, new ArrayList<>(assignments.keySet()), targets, variants);
        slots = plan.newSlots();
        for (Map.Entry<String, Double> a : assignments.entrySet()) {
            slots[plan.slot(a.getKey())] = a.getValue();
        }
        String pVar = assignments.containsKey("fundamentals.P") ? "fundamentals.P" : "arch.hidden";
        pSlot = plan.slot(pVar);
        pActiveSlot = assignments.containsKey("fundamentals.P_active") ? plan.slot("fundamentals.P_active") : pSlot;
        p = slots[pSlot];
        outSlot = plan.slot("fundamentals.t_residual_s");
        resolver = new Resolver(registry);
    }

    /** @return one bundle key, so the evaluation cannot be eliminated */
    @Benchmark
    public double compiledPlan() {
        // vary an input every call so nothing is constant-folded
        double v = p * (1 + (++tick & 7) * 1e-3);
        slots[pSlot] = v;
        slots[pActiveSlot] = v;
        plan.evaluate(slots);
        return slots[outSlot];
    }

    /** @return the same key through the resolver, with trace and constraint checks */
    @Benchmark
    public double resolverWithTrace() {
        return resolver.resolve(assignments, variants, targets).value("fundamentals.t_residual_s");
    }
}
