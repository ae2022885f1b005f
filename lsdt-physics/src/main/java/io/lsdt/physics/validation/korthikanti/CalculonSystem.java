package io.lsdt.physics.validation.korthikanti;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A Calculon <em>system</em> file ({@code systems/*.json} of github calculon-ai/calculon, Apache-2.0), read strictly.
 * The suite does not run on it — LSDT's hardware is the catalog device {@code a100-sxm-80gb} — but reads it to state,
 * and test, what Calculon assumed: the A100 figures (312 TFLOP/s FP16, 2048 GB/s HBM, 300 GB/s NVLink in groups of
 * 8, 25 GB/s InfiniBand per GPU) and the difference between {@code a100_80g} (Table 5) and {@code a100_80e} (Figures
 * 1 and 7). Component semantics: {@code shared/reference/lab-simulator.md} §6.2.
 *
 * @param matrix matrix-unit (GEMM) throughput per datatype
 * @param vector vector-unit throughput per datatype
 * @param mem1 device memory (HBM)
 * @param mem2 second-tier (host, offload) memory
 * @param processingMode Calculon's {@code processing_mode} (e.g. {@code no_overlap})
 * @param networks network tiers, smallest first
 */
public record CalculonSystem(@JsonProperty("matrix") Map<String, Compute> matrix,
        @JsonProperty("vector") Map<String, Compute> vector, @JsonProperty("mem1") Memory mem1,
        @JsonProperty("mem2") Memory mem2, @JsonProperty("processing_mode") String processingMode,
        @JsonProperty("networks") List<Network> networks) {

    /**
     * A compute unit for one datatype.
     *
     * @param tflops peak (TFLOP/s)
     * @param gflopsEfficiency [threshold GFLOP, efficiency] pairs, thresholds strictly decreasing: an operation of at
     *     least the threshold runs at that fraction of the peak
     */
    public record Compute(@JsonProperty("tflops") double tflops,
            @JsonProperty("gflops_efficiency") List<List<Double>> gflopsEfficiency) {
        /** Checks the table. */
        public Compute {
            checkTable("gflops_efficiency", gflopsEfficiency);
        }

        /**
         * The compute efficiency of one operation, by its size.
         *
         * @param flop the operation's FLOPs
         * @return the efficiency Calculon applies (the first row whose threshold the operation reaches)
         */
        public double efficiency(double flop) {
            return lookup(gflopsEfficiency, flop / 1e9);
        }
    }

    /**
     * A memory tier.
     *
     * @param gib capacity (GiB = 2^30 B)
     * @param gbps bandwidth (GB/s = 1e9 B/s)
     * @param mbEfficiency [threshold MB, efficiency] pairs, as for {@link Compute}
     */
    public record Memory(@JsonProperty("GiB") double gib, @JsonProperty("GBps") double gbps,
            @JsonProperty("MB_efficiency") List<List<Double>> mbEfficiency) {
        /** Checks the table. */
        public Memory {
            checkTable("MB_efficiency", mbEfficiency);
        }

        /**
         * The memory's capacity.
         *
         * @return capacity (B)
         */
        public double capacityBytes() {
            return gib * 0x1p30;
        }

        /**
         * The memory's peak bandwidth.
         *
         * @return peak bandwidth (B/s)
         */
        public double bandwidth() {
            return gbps * 1e9;
        }

        /**
         * The memory efficiency of one access, by its size.
         *
         * @param bytes the access size (B)
         * @return the efficiency Calculon applies
         */
        public double efficiency(double bytes) {
            return lookup(mbEfficiency, bytes / 1e6);
        }
    }

    /**
     * A network tier.
     *
     * @param bandwidth per GPU (GB/s)
     * @param efficiency fraction of the bandwidth achieved
     * @param size largest group it connects (GPUs)
     * @param latency per operation (s)
     * @param ops per collective: [scalar, offset] (offset null for p2p)
     * @param mustBeFilled whether a group on this tier must use all of it
     * @param processorUsage fraction of the processor communication takes
     */
    public record Network(@JsonProperty("bandwidth") double bandwidth, @JsonProperty("efficiency") double efficiency,
            @JsonProperty("size") int size, @JsonProperty("latency") double latency,
            @JsonProperty("ops") Map<String, List<Double>> ops,
            @JsonProperty("must_be_filled") boolean mustBeFilled,
            @JsonProperty("processor_usage") double processorUsage) {}

    /**
     * Reads a Calculon system (hardware) file.
     *
     * @param file a Calculon system JSON file
     * @return its contents
     */
    public static CalculonSystem read(Path file) {
        return CalculonJson.read(file, CalculonSystem.class, "Calculon system");
    }

    /**
     * Reads a system file's text, e.g. a copy shipped as another module's resource.
     *
     * @param json UTF-8 JSON
     * @param source where it came from, for messages (a path or {@code classpath:…})
     * @return its contents
     */
    public static CalculonSystem parse(byte[] json, String source) {
        return CalculonJson.parse(json, source, CalculonSystem.class, "Calculon system");
    }

    /**
     * One of the Calculon systems shipped for the Korthikanti et al. 2022 suite.
     *
     * @param name {@code a100_80g} or {@code a100_80e}
     * @return the copy shipped in {@code lsdt/validation/korthikanti/systems/}
     */
    public static CalculonSystem resource(String name) {
        return CalculonJson.resource("systems/" + name + ".json", CalculonSystem.class, "Calculon system");
    }

    private static void checkTable(String key, List<List<Double>> rows) {
        if (rows.isEmpty()) {
            throw LsdtException.of(Problem.INVALID_VALUE, key, rows, "at least one [threshold, efficiency] row");
        }
        double previous = Double.POSITIVE_INFINITY;
        for (List<Double> r : rows) {
            if (r.size() != 2 || r.get(0) == null || r.get(1) == null || !(r.get(0) < previous)
                    || !(r.get(1) > 0 && r.get(1) <= 1)) {
                throw LsdtException.of(Problem.INVALID_VALUE, key, rows,
                        "[threshold, efficiency] rows, thresholds strictly decreasing, efficiencies in (0, 1]");
            }
            previous = r.get(0);
        }
    }

    private static double lookup(List<List<Double>> rows, double size) {
        for (List<Double> r : rows) {
            if (size >= r.get(0)) {
                return r.get(1);
            }
        }
        throw LsdtException.of(Problem.INVALID_VALUE, "operation size", size, "at least the smallest threshold "
                + rows.get(rows.size() - 1).get(0));
    }
}
