package io.lsdt.sim.engine;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.unit.UnitFormat;
import io.lsdt.graph.unit.Units;

/**
 * How large a step this JVM can simulate. The engine holds every rank's program until the step ends — 32 B an
 * operation, plus its registers and the engine's state — and the events of the ranks it keeps
 * ({@link Engine#withEvents}), 36 B an event plus a sample-set reference. Measured with serial GC as the smallest
 * {@code -Xmx} at which the step completes, less the rest of the program (the plan alone runs in 128 MiB):
 * <ul>
 *   <li>every event kept: 63.5 B an operation (Llama 3.1 70B plan, every rank: 1,024 ranks, 8.9 million operations,
 *       5.3 million events, 668 MiB);</li>
 *   <li>no event kept: 36.6 B an operation on the same step (439 MiB), and at least 46 B on the 405B plan's whole
 *       16,384-rank job (124.6 million operations: 5.6 GiB live when stopped at 58 %, the heap of 5.9 GiB spent on
 *       back-to-back full collections).</li>
 * </ul>
 * At the smallest heap a step spends most of its time collecting garbage (0.14 million events per second instead of
 * 1-2 million), so the figures below add about a quarter: {@value #BYTES_PER_OPERATION} B and
 * {@value #BYTES_PER_OPERATION_SUMMARY} B an operation, plus {@link #RESERVE_BYTES} for the rest. A step that needs
 * more than the heap ({@link Runtime#maxMemory()}) is refused before it is built, naming both;
 * {@value #HEAP_PROPERTY} (bytes) stands in for the heap, so that tests can set a small one.
 */
public final class SimulationBudget {
    /** Heap an operation of a simulated step takes, engine and event included (B; measured, see the class). */
    public static final long BYTES_PER_OPERATION = 80;
    /**
     * Heap an operation takes when its event is not kept ({@link Engine#withEvents}): its program, registers and the
     * engine's state (B; measured like {@link #BYTES_PER_OPERATION}).
     */
    public static final long BYTES_PER_OPERATION_SUMMARY = 56;
    /** What keeping an operation's event adds (B). */
    public static final long BYTES_PER_EVENT = BYTES_PER_OPERATION - BYTES_PER_OPERATION_SUMMARY;
    /** Heap kept for everything but the simulation: catalog, plan, compiled code (B). */
    public static final long RESERVE_BYTES = 128L << 20;
    /** A system property (bytes) that, when set, stands in for the JVM's heap: tests set a small one. */
    public static final String HEAP_PROPERTY = "lsdt.sim.heap";
    /**
     * The most operations any simulation may build, whatever the heap: about two billion, where a rank's event count
     * would overflow an {@code int}, and hours of engine time.
     */
    public static final long MAX_OPERATIONS = 2_000_000_000L;

    private SimulationBudget() {}

    /**
     * The heap a simulation may use, before {@link #RESERVE_BYTES} is set aside.
     *
     * @return {@value #HEAP_PROPERTY} when set, else {@link Runtime#maxMemory()} (B)
     * @throws LsdtException ({@code INVALID_VALUE}) if {@value #HEAP_PROPERTY} is set but not a whole number
     */
    public static long heap() {
        String p = System.getProperty(HEAP_PROPERTY);
        if (p != null) {
            try {
                return Long.parseLong(p.strip());
            } catch (NumberFormatException e) {
                throw LsdtException.of(Problem.INVALID_VALUE, "system property " + HEAP_PROPERTY, p,
                        "a number of bytes");
            }
        }
        return Runtime.getRuntime().maxMemory();
    }

    /**
     * The most operations this heap can simulate when every rank's events are kept: {@code (heap − reserve) /}
     * {@value #BYTES_PER_OPERATION} B, at most {@link #MAX_OPERATIONS}.
     *
     * @return the most operations this heap can simulate, every event kept
     * @throws LsdtException ({@code INVALID_VALUE}) if {@value #HEAP_PROPERTY} is set but not a whole number
     */
    public static long maxOperations() {
        return maxOperations(1);
    }

    /**
     * The most operations this heap can simulate when a share of the ranks keep their events:
     * {@code (heap − reserve) / bytesPerOperation(keptShare)}, at most {@link #MAX_OPERATIONS}.
     *
     * @param keptShare the share of the ranks whose events are kept (0 to 1)
     * @return the most operations this heap can simulate
     * @throws LsdtException ({@code INVALID_VALUE}) if {@value #HEAP_PROPERTY} is set but not a whole number
     */
    public static long maxOperations(double keptShare) {
        return Math.min(MAX_OPERATIONS, (long) (Math.max(0, heap() - RESERVE_BYTES) / bytesPerOperation(keptShare)));
    }

    /**
     * The heap an operation takes on average: {@value #BYTES_PER_OPERATION_SUMMARY} B plus
     * {@link #BYTES_PER_EVENT} B times the share of kept events.
     *
     * @param keptShare the share of the ranks whose events are kept (0 to 1; clamped to that range)
     * @return the heap an operation takes (B)
     */
    public static double bytesPerOperation(double keptShare) {
        return BYTES_PER_OPERATION_SUMMARY + BYTES_PER_EVENT * Math.min(1, Math.max(0, keptShare));
    }

    /**
     * The heap a step needs when every rank's events are kept, {@link #RESERVE_BYTES} included.
     *
     * @param operations a step's operations
     * @return the heap it needs, every event kept (B)
     */
    public static double bytesNeeded(long operations) {
        return bytesNeeded(operations, 1);
    }

    /**
     * The heap a step needs: {@code operations × bytesPerOperation(keptShare) + RESERVE_BYTES}.
     *
     * @param operations a step's operations
     * @param keptShare the share of the ranks whose events are kept (0 to 1)
     * @return the heap it needs (B)
     */
    public static double bytesNeeded(long operations, double keptShare) {
        return operations * bytesPerOperation(keptShare) + RESERVE_BYTES;
    }

    /**
     * The {@code -Xmx} option for a heap size.
     *
     * @param bytes heap needed (B)
     * @return the JVM option that gives it, e.g. {@code -Xmx9g} (whole GiB, rounded up)
     */
    public static String heapOption(double bytes) {
        return "-Xmx" + (long) Math.ceil(bytes / (1L << 30)) + "g";
    }

    /**
     * The hint shown when a step needs more heap than the JVM has.
     *
     * @param bytes heap needed (B)
     * @return a hint that raises the heap: {@code JAVA_TOOL_OPTIONS=-Xmx9g ./lsdt simulate …}
     */
    public static String heapHint(double bytes) {
        return "give the JVM more heap: JAVA_TOOL_OPTIONS=" + heapOption(bytes) + " ./lsdt simulate …";
    }

    /**
     * Formats a size for messages.
     *
     * @param bytes a size (B)
     * @return it in binary units, e.g. {@code 5.887 GiB} or {@code 256 MiB}
     */
    public static String gib(double bytes) {
        return UnitFormat.format(bytes, Units.parse("GiB"));
    }
}
