package io.lsdt.sim.engine;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.unit.UnitFormat;
import io.lsdt.graph.unit.Units;

/**
 * How large a step this JVM can simulate. The engine holds every rank's program and event log in memory until the step
 * ends: a linked program is 32 B an operation plus its registers, an event 36 B plus a sample-set reference, and the
 * engine's state per value on top. Measured on the folded Llama 3.1 405B plan (512 ranks, 3.6 million operations,
 * 2.3 million events, serial GC, {@code -Xmx}: out of memory at 224 MiB, done at 288 MiB, with the plan itself
 * running in 128 MiB) that is about {@value #BYTES_PER_OPERATION} B an operation at the smallest heap that completes,
 * so a step's need is its operations times that plus {@link #RESERVE_BYTES} for the rest of the program (catalog,
 * plan, compiled code). A step that needs more than the heap ({@link Runtime#maxMemory()}) is refused before it is
 * built, naming both; {@value #HEAP_PROPERTY} (bytes) stands in for the heap, so that tests can set a small one.
 */
public final class SimulationBudget {
    /** Heap an operation of a simulated step takes, engine and event included (B; measured, see the class). */
    public static final long BYTES_PER_OPERATION = 64;
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

    /** @return the heap a simulation may use: {@value #HEAP_PROPERTY} when set, else {@link Runtime#maxMemory()} (B) */
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

    /** @return the most operations this heap can simulate */
    public static long maxOperations() {
        return Math.min(MAX_OPERATIONS, Math.max(0, heap() - RESERVE_BYTES) / BYTES_PER_OPERATION);
    }

    /**
     * @param operations a step's operations
     * @return the heap it needs (B)
     */
    public static double bytesNeeded(long operations) {
        return (double) operations * BYTES_PER_OPERATION + RESERVE_BYTES;
    }

    /**
     * @param operations a step's operations
     * @return the JVM option that gives it enough heap, e.g. {@code -Xmx9g} (whole GiB, rounded up)
     */
    public static String heapOption(long operations) {
        return "-Xmx" + (long) Math.ceil(bytesNeeded(operations) / (1L << 30)) + "g";
    }

    /**
     * @param operations a step's operations
     * @return a hint that raises the heap: {@code JAVA_TOOL_OPTIONS=-Xmx9g ./lsdt simulate …}
     */
    public static String heapHint(long operations) {
        return "give the JVM more heap: JAVA_TOOL_OPTIONS=" + heapOption(operations) + " ./lsdt simulate …";
    }

    /**
     * @param bytes a size (B)
     * @return it in binary units, e.g. {@code 5.887 GiB} or {@code 256 MiB}
     */
    public static String gib(double bytes) {
        return UnitFormat.format(bytes, Units.parse("GiB"));
    }
}
