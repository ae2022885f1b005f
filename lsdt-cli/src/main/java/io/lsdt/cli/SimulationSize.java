package io.lsdt.cli;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.unit.UnitFormat;
import io.lsdt.graph.unit.Units;
import io.lsdt.sim.engine.LabSetup;
import io.lsdt.sim.engine.Op;
import io.lsdt.sim.strategy.Strategy;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * The largest step {@code lsdt simulate} takes on: the simulator keeps every operation of every rank's program and
 * every event in memory, so a step whose operations would not fit in the JVM's heap is refused before it is built,
 * with the limit, rather than running out of memory (exit 1) after minutes of garbage collection.
 *
 * <p>The limit is the heap divided by {@value #BYTES_PER_OP} bytes per operation: measured peaks (JDK 25, serial GC)
 * were 140 B per event for a Megatron step of 16,384 ranks (9.8 million events, 1.34 GiB), 170 B for DDP on 4,096
 * ranks and 570 B for FSDP on 1,024 ranks (10.6 million events, 5.7 GiB, mostly garbage the collector had not yet
 * reclaimed), so 400 B leaves the collector room on all of them.
 */
final class SimulationSize {
    /** Heap per operation (B). */
    static final long BYTES_PER_OP = 400;
    /** {@link #BYTES_PER_OP} for help texts. */
    static final String BYTES_PER_OP_TEXT = "400";

    private SimulationSize() {
    }

    /** @return the most operations a simulation may hold in this JVM */
    static long limit() {
        return Runtime.getRuntime().maxMemory() / BYTES_PER_OP;
    }

    private static String why() {
        return "the simulator keeps every operation and event in memory, about " + BYTES_PER_OP + " bytes each, in "
                + "this JVM's heap of " + UnitFormat.format(Runtime.getRuntime().maxMemory(), Units.parse("GiB"));
    }

    private static final String MORE_HEAP = "give Java a larger heap, e.g. JAVA_TOOL_OPTIONS=-Xmx16g ./lsdt simulate …";

    /**
     * Refuses a step one rank of which could hold more operations than the limit: a rank runs at most every layer
     * for every micro-batch.
     *
     * @param setup the step's sizes
     * @throws LsdtException {@link Problem#INVALID_VALUE} naming the options, the product and the limit
     */
    static void checkPerRank(LabSetup setup) {
        long microBatches = Math.max(1, setup.globalBatch() / Math.max(1, setup.microBatch()));
        long product = setup.layers() * microBatches;
        if (product > limit()) {
            throw LsdtException.of(Problem.INVALID_VALUE, "--layers × (--global-batch / --micro-batch)",
                    UnitFormat.number(setup.layers()) + " × " + UnitFormat.number(microBatches) + " = "
                            + UnitFormat.number(product), "at most " + UnitFormat.number(limit()) + " (" + why()
                            + ")").withHint("use fewer layers or larger micro-batches, or " + MORE_HEAP);
        }
    }

    /**
     * Builds every rank's program on all cores, refusing the step as soon as the programs hold more operations than
     * the limit.
     *
     * @param s the strategy
     * @param setup the step's sizes
     * @return the programs, by rank
     * @throws LsdtException {@link Problem#INVALID_VALUE} naming the options, the operations and the limit
     */
    static List<List<Op>> programs(Strategy s, LabSetup setup) {
        long limit = limit();
        s.program(setup, 0); // fail fast, on this thread, on a size the strategy refuses
        AtomicLong total = new AtomicLong();
        AtomicLong built = new AtomicLong();
        try {
            return IntStream.range(0, setup.ranks()).parallel().mapToObj(r -> {
                if (total.get() > limit) {
                    throw new TooLarge();
                }
                List<Op> p = s.program(setup, r);
                built.incrementAndGet();
                if (total.addAndGet(p.size()) > limit) {
                    throw new TooLarge();
                }
                return p;
            }).toList();
        } catch (TooLarge e) {
            long estimate = Math.round((double) total.get() / Math.max(1, built.get()) * setup.ranks());
            throw LsdtException.of(Problem.INVALID_VALUE, "--ranks, --layers, --global-batch / --micro-batch",
                    UnitFormat.number(setup.ranks()) + ", " + UnitFormat.number(setup.layers()) + ", "
                            + UnitFormat.number(setup.globalBatch()) + " / " + UnitFormat.number(setup.microBatch()),
                    "a step of at most " + UnitFormat.number(limit) + " operations (" + why() + "); this one has about "
                            + UnitFormat.number(estimate)).withHint("use fewer ranks, layers or micro-batches, or "
                                    + MORE_HEAP);
        }
    }

    /**
     * Refuses a plan's step whose simulated ranks hold more operations than the limit.
     *
     * @param ops operations of the ranks to simulate (estimated from one rank's program)
     * @param couldFold true when every rank was asked for (--no-fold-dp) and one replica could stand for all
     * @throws LsdtException {@link Problem#INVALID_VALUE} naming the design's size and the limit
     */
    static void checkPlan(long ops, boolean couldFold) {
        if (ops > limit()) {
            throw LsdtException.of(Problem.INVALID_VALUE, couldFold ? "--no-fold-dp" : "design", "a step of about "
                    + UnitFormat.number(ops) + " operations", "at most " + UnitFormat.number(limit()) + " (" + why()
                    + ")").withHint(couldFold ? "drop --no-fold-dp: one data-parallel replica stands for all, exactly"
                            : "simulate a smaller design (--tp, --pp, --dp, --micro-batch), or " + MORE_HEAP);
        }
    }

    /** Stops building programs (no stack trace: it never leaves this class). */
    private static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super(null, null, false, false);
        }
    }
}
