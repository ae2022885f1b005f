package io.lsdt.sim.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.physics.design.Schedule;
import io.lsdt.sim.engine.LabSetup;
import io.lsdt.sim.engine.SimulationBudget;
import io.lsdt.sim.engine.Op;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A simulation too large for memory is refused before anything is built, with its estimated size and the limit; the
 * estimate is an upper bound of what the strategies build, and not a loose one.
 */
class SimulationLimitsTest {
    private static long built(Strategy s, LabSetup setup) {
        long n = 0;
        for (List<Op> p : s.programs(setup)) {
            n += p.size();
        }
        return n;
    }

    private static void bounds(Strategy s, LabSetup setup) {
        long built = built(s, setup);
        long estimate = s.operations(setup);
        assertThat(estimate).as("%s %s", s.name(), setup).isGreaterThanOrEqualTo(built)
                .isLessThanOrEqualTo(25 * built);
    }

    @Test
    void theEstimateBoundsWhatEveryStrategyBuilds() {
        Strategies.Degrees none = Strategies.Degrees.NONE;
        bounds(Strategies.create("single", none), new LabSetup(1, 8, 64, 64));
        bounds(Strategies.create("grad-accum", none), new LabSetup(1, 64, 8, 1));
        for (String n : List.of("ddp", "wsdp", "zero1", "zero2", "fsdp")) {
            bounds(Strategies.create(n, none), new LabSetup(4, 6, 4, 1));
            bounds(Strategies.create(n, none), new LabSetup(8, 36, 32, 4));
            bounds(Strategies.create(n, none), new LabSetup(8, 8, 512, 1));
        }
        bounds(Strategies.create("pipeline", none), new LabSetup(8, 64, 8, 8));
        for (String n : List.of("gpipe", "1f1b")) {
            bounds(Strategies.create(n, none), new LabSetup(4, 4, 512, 64));
            bounds(Strategies.create(n, none), new LabSetup(32, 32, 512, 1));
        }
        bounds(Strategies.create("interleaved-1f1b", new Strategies.Degrees(0, 0, 4)), new LabSetup(8, 64, 512, 1));
        bounds(Strategies.create("pp-fsdp", new Strategies.Degrees(4, 0, 0)), new LabSetup(16, 4, 4, 1));
        bounds(Strategies.create("pp-fsdp-global", new Strategies.Degrees(4, 0, 0)), new LabSetup(16, 4, 4, 1));
        bounds(Strategies.create("3d", new Strategies.Degrees(2, 2, 0)), new LabSetup(64, 16, 256, 1));
        // Megatron counts one program per pipeline stage: exact here
        Megatron m = new Megatron(2, 2, 2, 1, 2, 1, Schedule.ONE_F_ONE_B);
        LabSetup ms = m.setup(8, 64, 1);
        assertThat(m.operations(ms)).isEqualTo(built(m, ms)).isEqualTo(27_392);
        Megatron i = new Megatron(1, 1, 4, 2, 4, 3, Schedule.INTERLEAVED_1F1B);
        LabSetup is = i.setup(32, 256, 1);
        assertThat(i.operations(is)).isEqualTo(built(i, is)).isEqualTo(102_144);
    }

    /** Runs {@code r} as if the JVM's heap were {@code bytes} ({@link SimulationBudget#HEAP_PROPERTY}). */
    static void withHeap(long bytes, Runnable r) {
        String old = System.getProperty(SimulationBudget.HEAP_PROPERTY);
        System.setProperty(SimulationBudget.HEAP_PROPERTY, Long.toString(bytes));
        try {
            r.run();
        } finally {
            if (old == null) {
                System.clearProperty(SimulationBudget.HEAP_PROPERTY);
            } else {
                System.setProperty(SimulationBudget.HEAP_PROPERTY, old);
            }
        }
    }

    @Test
    void theLimitIsWhatTheHeapHolds() {
        // every event kept: (4 GiB − 128 MiB reserve) / 80 B an operation = 4,160,749,568 / 80 = 52,009,369 operations;
        // none kept: / 56 B = 74,299,099; half the ranks' kept: / (56 + 24 / 2) = / 68 B = 61,187,493
        withHeap(4L << 30, () -> {
            assertThat(SimulationBudget.maxOperations()).isEqualTo(52_009_369L);
            assertThat(SimulationBudget.maxOperations(0)).isEqualTo(74_299_099L);
            assertThat(SimulationBudget.maxOperations(0.5)).isEqualTo(61_187_493L);
        });
        // a heap smaller than the reserve holds none; a huge one is capped at two billion
        withHeap(64L << 20, () -> assertThat(SimulationBudget.maxOperations()).isZero());
        withHeap(1L << 50, () -> assertThat(SimulationBudget.maxOperations()).isEqualTo(2_000_000_000L));
        // the 405B plan's whole job, 124,641,280 operations: × 80 B + 128 MiB = 10,105,520,128 B = 9.41 GiB (-Xmx10g)
        // with every event kept, × 56 B + 128 MiB = 7,114,129,408 B = 6.63 GiB (-Xmx7g) with none
        assertThat(SimulationBudget.bytesNeeded(124_641_280L)).isEqualTo(10_105_520_128.0);
        assertThat(SimulationBudget.heapOption(SimulationBudget.bytesNeeded(124_641_280L))).isEqualTo("-Xmx10g");
        assertThat(SimulationBudget.bytesNeeded(124_641_280L, 0)).isEqualTo(7_114_129_408.0);
        assertThat(SimulationBudget.heapOption(SimulationBudget.bytesNeeded(124_641_280L, 0))).isEqualTo("-Xmx7g");
    }

    @Test
    void aStepLargerThanATinyHeapIsRefusedBeforeBuilding() {
        // 1f1b, 4 ranks, 8 layers, 8 micro-batches: a few hundred operations; a heap of 128 MiB + 80 B holds one
        withHeap((128L << 20) + 80, () -> {
            LsdtException e = catchThrowableOfType(LsdtException.class,
                    () -> Strategies.create("1f1b", Strategies.Degrees.NONE).programs(new LabSetup(4, 8, 8, 1)));
            assertThat(e.problem()).isEqualTo(Problem.INVALID_VALUE);
            assertThat(e.getMessage()).startsWith("simulation size = ").contains("expected at most 1 operations, "
                    + "what this JVM's heap of 128 MiB holds at about 80 B an operation; this step needs about ")
                    .contains("Maybe simulate fewer layers").contains("JAVA_TOOL_OPTIONS=-Xmx1g");
        });
    }

    @Test
    void aMillionLayersIsRefusedBeforeBuilding() {
        // fsdp on 8 ranks, 10^6 layers, 8 micro-batches: 16 × 10^6 × 8 + 16 × 10^6 × 8 + 2 × 8 × 8 = 256,000,128
        // with a 4 GiB heap: at most 52,009,369; it needs 256,000,128 × 80 B + 128 MiB = 20,614,227,968 B = 19.2 GiB
        withHeap(4L << 30, () -> {
            LsdtException e = catchThrowableOfType(LsdtException.class, () -> Strategies.create("fsdp",
                    Strategies.Degrees.NONE).programs(new LabSetup(8, 1_000_000, 32, 4)));
            assertThat(e.problem()).isEqualTo(Problem.INVALID_VALUE);
            assertThat(e.getMessage()).isEqualTo("simulation size = 256,000,128 operations (estimated for fsdp: 8 "
                    + "ranks, 1,000,000 layers, 8 micro-batches): expected at most 52,009,369 operations, what this "
                    + "JVM's heap of 4 GiB holds at about 80 B an operation; this step needs about 19.2 GiB\nMaybe "
                    + "simulate fewer layers, fewer micro-batches (a smaller global batch or a larger micro-batch) or "
                    + "fewer ranks, or give the JVM more heap: JAVA_TOOL_OPTIONS=-Xmx20g ./lsdt simulate …");
        });
    }

    @Test
    void aMillionMicroBatchesIsRefusedBeforeBuilding() {
        // 16 × 32 layers × 10^6 micro-batches + 16 × 32 × 8 + 2 × 10^6 × 8 = 528,004,096
        withHeap(4L << 30, () -> {
            LsdtException e = catchThrowableOfType(LsdtException.class, () -> Strategies.create("fsdp",
                    Strategies.Degrees.NONE).programs(new LabSetup(8, 32, 1_000_000, 1)));
            assertThat(e.getMessage()).startsWith("simulation size = 528,004,096 operations (estimated for fsdp: 8 "
                    + "ranks, 32 layers, 1,000,000 micro-batches): expected at most 52,009,369 operations");
        });
        // beyond the largest global batch LSDT plans, the setup itself is refused
        LsdtException big = catchThrowableOfType(LsdtException.class, () -> new LabSetup(8, 32, 10_000_000, 1));
        assertThat(big.getMessage()).isEqualTo("--global-batch = 10,000,000: expected at most 1,048,576 samples, the "
                + "largest global batch LSDT plans");
    }

    @Test
    void virtualStagesBeyondTheLayersAreRefusedWithoutOverflow() {
        // 4 ranks × 2,147,483,647 overflows an int; each virtual stage needs a layer: at most 8 / 4 = 2
        LsdtException e = catchThrowableOfType(LsdtException.class,
                () -> Strategies.create("interleaved-1f1b", new Strategies.Degrees(0, 0, Integer.MAX_VALUE))
                        .programs(new LabSetup(4, 8, 8, 1)));
        assertThat(e.getMessage()).isEqualTo("--virtual-stages = 2147483647: expected at most the layers per rank, "
                + "8 / 4 = 2 (each virtual stage holds a layer)\nMaybe use --virtual-stages 2 or fewer");
    }
}
