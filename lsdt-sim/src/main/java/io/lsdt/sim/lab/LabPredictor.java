package io.lsdt.sim.lab;

import static io.lsdt.sim.lab.LabConstants.BYTES_PER_ELEMENT;
import static io.lsdt.sim.lab.LabConstants.HIDDEN;
import static io.lsdt.sim.lab.LabConstants.SEQUENCE;
import static io.lsdt.sim.lab.LabConstants.checkAtLeast;
import static io.lsdt.sim.lab.LabConstants.checkShards;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.error.Suggestions;
import io.lsdt.physics.io.InputFiles;
import io.lsdt.physics.validation.korthikanti.CalculonSystem;
import io.lsdt.sim.engine.LabSetup;
import io.lsdt.sim.engine.Predictor;
import io.lsdt.sim.engine.SimulationResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The GT CS 8803 SMR Lab 2 {@code RuntimePredictor} ({@code lab2-main/lib.py}) over a Calculon system file, exactly:
 * the same integer arithmetic, the same floating-point operations in the same order, and Calculon's
 * {@code Processor}, {@code Memory} and {@code Network} rules ({@code shared/reference/lab-simulator.md} §6).
 *
 * <ul>
 *   <li><b>Compute</b>: FLOP / (tflops·1e12 · eff), eff from {@code matrix.float16.gflops_efficiency}: the first row
 *       [G, e] with FLOP ≥ G·1e9.
 *   <li><b>Memory</b>: B / (GBps·1e9 · eff), eff from {@code MB_efficiency}: the first row [M, e] with B ≥ M·1e6;
 *       {@code mem1} (HBM) for forward, backward and update, {@code mem2} (host/PCIe) for weight loading.
 *   <li><b>Roofline</b>: forward, backward and update take max(compute time, HBM time).
 *   <li><b>Network</b>: latency + S·scalar·(1 + offset/n) / (bandwidth·1e9 · efficiency), with the op's
 *       [scalar, offset] (p2p: offset {@code null}, taken as 0) and n the world size for collectives, 2 for p2p.
 *   <li><b>Topology</b>: the networks sorted by size (stably); the first with size ≥ world size carries every
 *       collective and every p2p. There is no hierarchy.
 * </ul>
 *
 * <p>Size thresholds are compared exactly, as Python compares an {@code int} with a {@code float}: an operation of
 * exactly 128 GFLOP runs at the 128-GFLOP efficiency.
 *
 * <p>Where the lab would fail, this class throws an {@link LsdtException} with the reason: a collective on a world
 * of one rank (Calculon asserts comm_size ≥ 2), and any communication when no network is large enough for the world
 * (the lab never sets its network and fails on first use; computation and loading are still costed, as in the lab).
 * The system's networks are checked on construction as Calculon's {@code Network} constructor checks them.
 */
public final class LabPredictor implements Predictor {
    /** Name of the bundled system the lab reads by default, {@code h100_80g_nvl8}. */
    public static final String DEFAULT_SYSTEM = "h100_80g_nvl8";

    /**
     * The largest micro-batch whose FLOP count 2·h²·L·samples fits in a {@code long}: 2^28 − 1 samples. (The lab's
     * Python integers have no limit; no real micro-batch comes near this.)
     */
    public static final int MAX_SAMPLES = (int) (Long.MAX_VALUE / (2L * HIDDEN * HIDDEN * SEQUENCE));

    private static final String SYSTEMS = "/lsdt/sim/systems/";
    private static final List<String> BUNDLED = List.of(DEFAULT_SYSTEM);
    private static final String P2P = "p2p";
    /** Calculon {@code Network.kNetOps}. */
    private static final Set<String> NET_OPS = Set.of(P2P, "reduce_scatter", "all_gather", "all_reduce");

    private final int worldSize;
    private final CalculonSystem system;
    private final CalculonSystem.Compute matrix;
    /** The network the world uses, or null when none is large enough. */
    private final CalculonSystem.Network network;

    /**
     * A predictor over the bundled {@value #DEFAULT_SYSTEM} system, as the lab constructs it.
     *
     * @param worldSize ranks in the world, at least 1
     * @throws LsdtException ({@code INVALID_VALUE}) if {@code worldSize < 1}
     */
    public LabPredictor(int worldSize) {
        this(worldSize, DefaultSystem.H100);
    }

    /** The default system, read once (the lab builds one predictor per rank). */
    private static final class DefaultSystem {
        static final CalculonSystem H100 = bundledSystem(DEFAULT_SYSTEM);
    }

    /**
     * A predictor over any Calculon system file in the newer ({@code [scalar, offset]}) format, e.g. one read with
     * {@link CalculonSystem#read(java.nio.file.Path)}.
     *
     * @param worldSize ranks in the world, at least 1
     * @param system the system
     * @throws LsdtException ({@code INVALID_VALUE}) if {@code worldSize < 1} or a network's bandwidth, efficiency,
     *     size, latency or processor usage is out of range; ({@code MISSING_FIELD}) if the system has no
     *     {@value LabConstants#DATATYPE} matrix table
     * @throws NullPointerException if {@code system} is null
     */
    public LabPredictor(int worldSize, CalculonSystem system) {
        checkAtLeast("world size", worldSize, 1);
        this.worldSize = worldSize;
        this.system = Objects.requireNonNull(system, "system");
        this.matrix = system.matrix().get(LabConstants.DATATYPE);
        if (matrix == null) {
            throw LsdtException.of(Problem.MISSING_FIELD, "matrix." + LabConstants.DATATYPE + " in the Calculon system",
                    "the " + LabConstants.DATATYPE + " matrix table the lab's predictor reads (the system has "
                            + new TreeSet<>(system.matrix().keySet()) + ")");
        }
        for (int i = 0; i < system.networks().size(); i++) {
            checkNetwork(system.networks().get(i), "networks[" + i + "]");
        }
        List<CalculonSystem.Network> bySize = new ArrayList<>(system.networks());
        bySize.sort(Comparator.comparingInt(CalculonSystem.Network::size)); // stable, like Python's sorted
        this.network = bySize.stream().filter(n -> n.size() >= worldSize).findFirst().orElse(null);
    }

    /**
     * Reads a Calculon system bundled with the simulator.
     *
     * @param name a bundled system, {@value #DEFAULT_SYSTEM}
     * @return the copy shipped in {@code lsdt/sim/systems/}
     * @throws LsdtException ({@code UNKNOWN_ID}) for a name that is not bundled, with the closest name as a hint
     */
    public static CalculonSystem bundledSystem(String name) {
        if (!BUNDLED.contains(name)) {
            String close = Suggestions.hint(name, BUNDLED);
            throw LsdtException.of(Problem.UNKNOWN_ID, "bundled Calculon system", name).withHint(close.isEmpty()
                    ? "use one of " + BUNDLED + ", or read a system file with CalculonSystem.read" : close);
        }
        String resource = SYSTEMS + name + ".json";
        return CalculonSystem.parse(InputFiles.resource(LabPredictor.class, resource), "classpath:" + resource);
    }

    /**
     * The Calculon systems bundled with the simulator.
     *
     * @return the names {@link #bundledSystem(String)} accepts
     */
    public static List<String> bundledSystems() {
        return BUNDLED;
    }

    /**
     * The number of ranks the predictor costs collectives for; it picks the network.
     *
     * @return ranks in the world, ≥ 1
     */
    public int worldSize() {
        return worldSize;
    }

    /**
     * The Calculon system the costs come from.
     *
     * @return the system the costs come from
     */
    public CalculonSystem system() {
        return system;
    }

    /**
     * Whether communication can be costed.
     *
     * @return true when a network is large enough for the world, i.e. when communication can be costed (a world of
     *     one rank still has one, used by p2p only)
     */
    public boolean hasNetwork() {
        return network != null;
    }

    /**
     * The network the lab's predictor picks for this world.
     *
     * @return the network that carries every collective and p2p of this world: the smallest whose size is at least
     *     the world size
     * @throws LsdtException when no network of the system is that large
     */
    public CalculonSystem.Network network() {
        if (network == null) {
            int largest = system.networks().stream().mapToInt(CalculonSystem.Network::size).max().orElse(0);
            throw LsdtException.of(Problem.INVALID_VALUE, "world size", worldSize, system.networks().isEmpty()
                    ? "a Calculon system with at least one network to communicate over (this one has none)"
                    : "at most " + largest + ", the size of the largest network of the Calculon system (network sizes "
                            + system.networks().stream().map(n -> String.valueOf(n.size())).toList()
                            + "); the lab's RuntimePredictor selects no network for a larger world")
                    .withHint("simulate at most " + largest + " ranks, or give the system a network of size at least "
                            + worldSize);
        }
        return network;
    }

    // ---- the lab's building blocks: compute_flops_time, compute_mem_time, get_processing_time

    /**
     * {@code compute_flops_time}: FLOP / {@code Processor.throughput("float16", FLOP)}.
     *
     * @param flops the operation's FLOPs, at least 0
     * @return its compute time (s)
     */
    public double flopsTime(long flops) {
        checkAtLeast("FLOPs", flops, 0);
        double eff = efficiency(matrix.gflopsEfficiency(), flops, 1e9, "matrix." + LabConstants.DATATYPE
                + ".gflops_efficiency", "FLOP");
        return flops / (matrix.tflops() * 1e12 * eff);
    }

    /**
     * {@code compute_mem_time}: B / {@code mem1.throughput(B)} (HBM).
     *
     * @param bytes bytes read and written, at least 0
     * @return the memory time (s)
     */
    public double memoryTime(long bytes) {
        return memoryTime(system.mem1(), "mem1", bytes);
    }

    /**
     * {@code get_processing_time}: the roofline.
     *
     * @param flops the operation's FLOPs
     * @param bytes its bytes read and written
     * @return max({@link #flopsTime(long)}, {@link #memoryTime(long)}) (s)
     */
    public double processingTime(long flops, long bytes) {
        return Math.max(flopsTime(flops), memoryTime(bytes));
    }

    // ---- Predictor

    /**
     * {@code get_forward_backward_time(b)}: n = b·L tokens through one h × h matmul, F = 2·h²·n FLOP,
     * B = 2·(h² + 2·n·h) bytes (weight, input and output); the same for forward and backward.
     */
    @Override
    public double forwardBackward(int samples) {
        checkAtLeast("samples", samples, 0);
        if (samples > MAX_SAMPLES) {
            throw LsdtException.of(Problem.INVALID_VALUE, "samples", samples,
                    "at most " + MAX_SAMPLES + " (the FLOP count 2·h²·L·samples must fit in 64 bits)");
        }
        long h = HIDDEN;
        long tokens = (long) samples * SEQUENCE;
        long flops = 2 * h * h * tokens;
        long bytes = (h * h + tokens * h + tokens * h) * BYTES_PER_ELEMENT;
        return processingTime(flops, bytes);
    }

    /**
     * {@code get_update_step_time(nsd, ns)}: h2 = ⌊h·nsd/ns⌋, F = h·h2 FLOP, B = 2·3·h·h2 bytes (weight, gradient and
     * optimizer state); the roofline.
     */
    @Override
    public double update(int shardsOnDevice, int numShards) {
        checkShards(shardsOnDevice, numShards);
        long h = HIDDEN;
        long h2 = h * shardsOnDevice / numShards;
        return processingTime(h * h2, 3 * h * h2 * BYTES_PER_ELEMENT);
    }

    /** {@code get_weight_load_time(nsd, ns)}: B = ⌊h²·nsd/ns⌋·2 bytes at {@code mem2} (host/PCIe) throughput. */
    @Override
    public double loadWeights(int shardsOnDevice, int numShards) {
        checkShards(shardsOnDevice, numShards);
        long h = HIDDEN;
        long bytes = h * h * shardsOnDevice / numShards * BYTES_PER_ELEMENT;
        return memoryTime(system.mem2(), "mem2", bytes);
    }

    /** {@code get_collective_time}: {@code Network.time(op, bytes, worldSize)} on this world's network. */
    @Override
    public double collective(Collective op, long bytes) {
        Objects.requireNonNull(op, "op");
        if (worldSize < 2) {
            throw LsdtException.of(Problem.INVALID_VALUE, "world size", worldSize, "at least 2 ranks for a collective ("
                    + op.label() + "): Calculon's Network.time asserts comm_size >= 2")
                    .withHint("leave the collective out on a single rank: there is no other rank to exchange with");
        }
        return networkTime(network(), op.label(), bytes, worldSize);
    }

    /** {@code get_send_recv_time}: {@code Network.time("p2p", bytes, 2)} on this world's network. */
    @Override
    public double p2p(long bytes) {
        return networkTime(network(), P2P, bytes, 2);
    }

    /** @return 0: the lab logs the loss with no duration */
    @Override
    public double loss() {
        return 0;
    }

    /** @return {@code "elements"}: the lab's memory accounting */
    @Override
    public String memoryUnit() {
        return "elements";
    }

    /**
     * The lab's MFU (GT lab {@code utils.py}, {@code shared/reference/lab-simulator.md} §8.3): the theoretical best
     * time 4·h²·G·L·layers / (peak · ranks) — forward and backward of every layer at peak, the lab counting backward
     * like forward — over the execution time (the latest start of a rank's last event).
     *
     * @param setup the step's sizes
     * @param result the simulated step
     * @param peak the system's float16 matrix peak (FLOP/s)
     * @return a fraction, or null when the execution time is 0
     */
    public static Double labMfu(LabSetup setup, SimulationResult result,
            double peak) {
        double h = LabConstants.HIDDEN;
        double best = 4 * h * h * setup.globalBatch() * (double) LabConstants.SEQUENCE * setup.layers()
                / (peak * setup.ranks());
        double t = result.executionTime();
        return t > 0 ? best / t : null;
    }

    /**
     * The peak of the system's {@value LabConstants#DATATYPE} matrix unit: {@code tflops × 1e12}, per rank.
     *
     * @return the peak of this system's float16 matrix unit (FLOP/s), the lab's MFU denominator
     */
    public double peak() {
        return system.matrix().get(LabConstants.DATATYPE).tflops() * 1e12;
    }

    @Override
    public String toString() {
        return "LabPredictor[world size " + worldSize + ", network "
                + (network == null ? "none" : "size " + network.size() + ", " + network.bandwidth() + " GB/s × "
                        + network.efficiency()) + "]";
    }

    // ---- Calculon rules

    /** {@code Network.time}, with its operations in its order. */
    private static double networkTime(CalculonSystem.Network net, String op, long bytes, int commSize) {
        checkAtLeast("bytes", bytes, 0);
        List<Double> rule = net.ops().get(op);
        double scalar = rule.get(0);
        double offset = rule.get(1) == null ? 0 : rule.get(1);
        double size = bytes * scalar;
        double chunk = 1.0 / commSize * size;
        size += chunk * offset;
        return net.latency() + size / (net.bandwidth() * 1e9 * net.efficiency());
    }

    /** {@code Memory.throughput}: B / (GBps·1e9 · eff). */
    private static double memoryTime(CalculonSystem.Memory memory, String name, long bytes) {
        checkAtLeast("bytes", bytes, 0);
        double eff = efficiency(memory.mbEfficiency(), bytes, 1e6, name + ".MB_efficiency", "B");
        return bytes / (memory.gbps() * 1e9 * eff);
    }

    /** The first row [threshold, e] with size ≥ threshold·scale, compared exactly. */
    private static double efficiency(List<List<Double>> rows, long size, double scale, String table, String unit) {
        for (List<Double> row : rows) {
            if (atLeast(size, row.get(0) * scale)) {
                return row.get(1);
            }
        }
        throw LsdtException.of(Problem.INVALID_VALUE, "operation size", size + " " + unit, "a row of " + table
                + " whose threshold it reaches (Calculon asserts the table covers every operation; tables end in 0)");
    }

    /**
     * Python's {@code int >= float}: exact, unlike a conversion of the {@code long} to {@code double}. Rounding is
     * monotone, so the converted value decides whenever it differs from the threshold; when it equals it, the
     * threshold is an integer (or 2^63) and the longs are compared.
     */
    static boolean atLeast(long x, double threshold) {
        double d = x;
        if (d != threshold) {
            return d > threshold;
        }
        return threshold < 0x1p63 && x >= (long) threshold;
    }

    /** Calculon's {@code Network.__init__} and {@code _parse_op} checks, naming the key. */
    private static void checkNetwork(CalculonSystem.Network n, String at) {
        if (!(n.bandwidth() > 0) || Double.isInfinite(n.bandwidth())) {
            throw LsdtException.of(Problem.INVALID_VALUE, at + ".bandwidth", n.bandwidth(),
                    "a finite value > 0 (GB/s)");
        }
        if (!(n.efficiency() > 0 && n.efficiency() <= 1)) {
            throw LsdtException.of(Problem.INVALID_VALUE, at + ".efficiency", n.efficiency(), "a fraction in (0, 1]");
        }
        if (n.size() < 0) {
            throw LsdtException.of(Problem.INVALID_VALUE, at + ".size", n.size(), "at least 0 (GPUs)");
        }
        if (!(n.latency() >= 0) || Double.isInfinite(n.latency())) {
            throw LsdtException.of(Problem.INVALID_VALUE, at + ".latency", n.latency(), "a finite value >= 0 (s)");
        }
        if (!(n.processorUsage() >= 0 && n.processorUsage() < 1)) {
            throw LsdtException.of(Problem.INVALID_VALUE, at + ".processor_usage", n.processorUsage(),
                    "a fraction in [0, 1)");
        }
        for (String key : n.ops().keySet()) {
            if (!NET_OPS.contains(key)) {
                throw LsdtException.of(Problem.UNKNOWN_FIELD, at + ".ops." + key,
                        " in the Calculon system; expected one of " + new TreeSet<>(NET_OPS))
                        .withHint(Suggestions.hint(key, NET_OPS));
            }
        }
        for (String op : new TreeSet<>(NET_OPS)) {
            List<Double> rule = n.ops().get(op);
            String key = at + ".ops." + op;
            if (rule == null) {
                throw LsdtException.of(Problem.MISSING_FIELD, key + " in the Calculon system",
                        "[scalar, offset] (Calculon needs all of " + new TreeSet<>(NET_OPS) + ")");
            }
            boolean p2p = op.equals(P2P);
            String expected = p2p ? "[scalar > 0, null]" : "[scalar > 0, offset]";
            if (rule.size() != 2 || rule.get(0) == null || !(rule.get(0) > 0) || Double.isInfinite(rule.get(0))
                    || p2p != (rule.get(1) == null) || (!p2p && !Double.isFinite(rule.get(1)))) {
                throw LsdtException.of(Problem.INVALID_VALUE, key, rule, expected + " (the newer Calculon format; "
                        + (p2p ? "p2p takes no offset" : "a collective must give an offset") + ")");
            }
        }
    }
}
