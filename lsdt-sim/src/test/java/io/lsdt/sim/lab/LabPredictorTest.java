package io.lsdt.sim.lab;

import static io.lsdt.sim.lab.LabConstants.activationBytes;
import static io.lsdt.sim.lab.LabConstants.weightBytes;
import static io.lsdt.sim.lab.LabConstants.weightGradBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lsdt.physics.validation.korthikanti.CalculonSystem;
import io.lsdt.sim.engine.Predictor.Collective;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The worked values of {@code shared/reference/lab-simulator.md} §7 (they match the durations in the lab's sample trace
 * {@code lab2-main/1f1b_sample_4rank_8batch.json}), over the bundled {@code h100_80g_nvl8.json}. Full digits are
 * compared to 1e-9 relative, printed ones by their rounding.
 */
class LabPredictorTest {
    private static final long H = LabConstants.HIDDEN;
    private static final LabPredictor EIGHT = new LabPredictor(8);
    private static final LabPredictor SIXTEEN = new LabPredictor(16);

    // ---- forward / backward

    @Test
    void forwardOfOneSampleIsComputeBoundAtEfficiency0point9() {
        // §7 forward/backward, b = 1: 38.17748707555556 µs (compute, eff 0.9); memory 21.85 µs (50,331,648 B, eff 0.75)
        Micros.exactly(EIGHT.forwardBackward(1), 38.17748707555556, "forward(1)");
        Micros.exactly(EIGHT.flopsTime(2 * H * H * 1024), 38.17748707555556, "compute time, b = 1");
        Micros.roundsTo(EIGHT.memoryTime(50_331_648), "21.85", "memory time, b = 1");
        Micros.exactly(EIGHT.memoryTime(50_331_648), 50_331_648 / (3072e9 * 0.75) * 1e6, "HBM at eff 0.75");
    }

    @Test
    void forwardOf64SamplesMatchesTheSampleTrace() {
        // §7: b = 64 → 2314.7613216336845 µs; the sample trace's forward of 64 samples is 2314.76 µs
        Micros.exactly(EIGHT.forwardBackward(64), 2314.7613216336845, "forward(64)");
        Micros.roundsTo(EIGHT.forwardBackward(64), "2314.76", "forward(64), sample trace");
    }

    @ParameterizedTest(name = "b = {0}: compute {1} µs, memory {2} µs")
    @CsvSource({
        // §7 forward/backward table: samples, compute time (µs), memory time (µs); always compute-bound
        "1, 38.18, 21.85",
        "2, 76.35, 29.13",
        "4, 144.67, 36.41",
        "8, 289.35, 60.68",
        "16, 578.69, 109.23",
        "32, 1157.38, 206.32",
        "64, 2314.76, 400.50",
        "128, 4629.52, 788.86"})
    void forwardBackwardTable(int samples, String computeMicros, String memoryMicros) {
        long tokens = samples * 1024L;
        long flops = 2 * H * H * tokens;
        long bytes = 2 * (H * H + 2 * tokens * H);
        Micros.roundsTo(EIGHT.flopsTime(flops), computeMicros, "compute, b = " + samples);
        Micros.roundsTo(EIGHT.memoryTime(bytes), memoryMicros, "memory, b = " + samples);
        assertThat(EIGHT.forwardBackward(samples)).isEqualTo(EIGHT.flopsTime(flops)) // compute-bound
                .isEqualTo(EIGHT.processingTime(flops, bytes)).isGreaterThan(EIGHT.memoryTime(bytes));
        Micros.roundsTo(EIGHT.forwardBackward(samples), computeMicros, "forward(" + samples + ")");
    }

    @Test
    void forwardOf128Samples() {
        // §7: b = 128 → 4629.52 µs
        Micros.roundsTo(EIGHT.forwardBackward(128), "4629.52", "forward(128)");
    }

    @Test
    void efficiencySwitchesFrom0point9To0point95BetweenThreeAndFourSamples() {
        // §6.4 / §12 quirk 7: b = 3 is 103.08 GFLOP (< 128, eff 0.9), b = 4 is 137.44 GFLOP (≥ 128, eff 0.95)
        long f3 = 2 * H * H * 3 * 1024;
        long f4 = 2 * H * H * 4 * 1024;
        assertThat(f3).isLessThan(128_000_000_000L);
        assertThat(f4).isGreaterThanOrEqualTo(128_000_000_000L);
        assertThat(EIGHT.forwardBackward(3)).isCloseTo(f3 / (1e15 * 0.9), within(1e-18));
        assertThat(EIGHT.forwardBackward(4)).isCloseTo(f4 / (1e15 * 0.95), within(1e-18));
        // per sample: 38.18 µs at 0.9, 36.17 µs at 0.95 (§7: "for b ≥ 4 the cost is exactly 36.17 µs per sample")
        Micros.roundsTo(EIGHT.forwardBackward(3) / 3, "38.18", "per sample, b = 3");
        for (int b = 4; b <= 128; b *= 2) {
            Micros.roundsTo(EIGHT.forwardBackward(b) / b, "36.17", "per sample, b = " + b);
        }
        assertThat(EIGHT.forwardBackward(4)).isLessThan(4.0 / 3 * EIGHT.forwardBackward(3));
    }

    @Test
    void thresholdsAreInclusiveAndInDecimalUnits() {
        // Calculon: an op of at least G·1e9 FLOP (M·1e6 B) runs at that row's efficiency (§6.2, §12 quirk 7)
        assertThat(EIGHT.flopsTime(128_000_000_000L)).isEqualTo(128e9 / (1000 * 1e12 * 0.95));
        assertThat(EIGHT.flopsTime(127_999_999_999L)).isEqualTo(127_999_999_999L / (1000 * 1e12 * 0.9));
        assertThat(EIGHT.flopsTime(1_000_000_000L)).isEqualTo(1e9 / (1000 * 1e12 * 0.6));
        assertThat(EIGHT.flopsTime(999_999_999L)).isEqualTo(999_999_999L / (1000 * 1e12 * 0.1));
        assertThat(EIGHT.memoryTime(100_000_000L)).isEqualTo(1e8 / (3072 * 1e9 * 0.90));
        assertThat(EIGHT.memoryTime(99_999_999L)).isEqualTo(99_999_999L / (3072 * 1e9 * 0.75));
        assertThat(EIGHT.memoryTime(0)).isZero();
        assertThat(EIGHT.flopsTime(0)).isZero();
    }

    @Test
    void thresholdComparisonIsExactLikePythons() {
        // Python compares int with float exactly; a long → double conversion would round 2^53 + 3 up to 2^53 + 4
        long x = (1L << 53) + 3;
        assertThat((double) x >= 0x1p53 + 4).isTrue(); // the naive comparison is wrong here
        assertThat(LabPredictor.atLeast(x, 0x1p53 + 4)).isFalse();
        assertThat(LabPredictor.atLeast(x, 0x1p53 + 2)).isTrue();
        assertThat(LabPredictor.atLeast((1L << 53) + 4, 0x1p53 + 4)).isTrue();
        assertThat(LabPredictor.atLeast(Long.MAX_VALUE, 0x1p63)).isFalse();
        assertThat(LabPredictor.atLeast(Long.MAX_VALUE, 0x1p62)).isTrue();
        assertThat(LabPredictor.atLeast(0, 0)).isTrue();
        assertThat(LabPredictor.atLeast(0, Double.NaN)).isFalse();
        assertThat(LabPredictor.atLeast(5, 5.5)).isFalse();
        assertThat(LabPredictor.atLeast(6, 5.5)).isTrue();
    }

    @Test
    void forwardOfNoSamplesCostsTheWeightRead() {
        // lib.py with b = 0: F = 0 (eff 0.1, time 0), B = 2·h² = 33,554,432 B at HBM eff 0.75 → 14.56 µs
        Micros.roundsTo(EIGHT.forwardBackward(0), "14.56", "forward(0)");
    }

    // ---- update

    @Test
    void fullUpdateIsMemoryBound() {
        // §7 update, full: compute 0.17 µs (F = 1.68e7, eff 0.1); memory 36.41 µs (100.66 MB at eff 0.90)
        long bytes = 2 * 3 * H * H;
        assertThat(bytes).isEqualTo(100_663_296L);
        Micros.roundsTo(EIGHT.flopsTime(H * H), "0.17", "update compute, full");
        Micros.roundsTo(EIGHT.memoryTime(bytes), "36.41", "update memory, full");
        assertThat(EIGHT.memoryTime(bytes)).isEqualTo(bytes / (3072 * 1e9 * 0.90));
        assertThat(EIGHT.update(1, 1)).isEqualTo(EIGHT.memoryTime(bytes));
        Micros.roundsTo(EIGHT.update(1, 1), "36.41", "update(1, 1)");
        Micros.roundsTo(EIGHT.update(8, 8), "36.41", "update(8, 8)");
    }

    @ParameterizedTest(name = "1/{0}: compute {1} µs, update {2} µs")
    @CsvSource({
        // §7 update table: shard fraction 1/n, compute (µs), result (µs, memory-bound)
        "1, 0.17, 36.41",
        "2, 0.08, 21.85",
        "4, 0.04, 10.92",
        "8, 0.02, 5.46",
        "16, 0.01, 3.41",
        "32, 0.005, 1.71"})
    void updateOfAShard(int numShards, String computeMicros, String updateMicros) {
        long h2 = H / numShards;
        Micros.roundsTo(EIGHT.flopsTime(H * h2), computeMicros, "update compute, 1/" + numShards);
        Micros.roundsTo(EIGHT.update(1, numShards), updateMicros, "update(1, " + numShards + ")");
        assertThat(EIGHT.update(1, numShards)).isEqualTo(EIGHT.memoryTime(6 * H * h2));
    }

    @Test
    void updateUsesTheLabsIntegerDivision() {
        // lib.py: h2 = h·nsd // ns; 3 of 8 shards → h2 = 1536, B = 2·3·4096·1536 = 37,748,736 B at eff 0.75
        assertThat(EIGHT.update(3, 8)).isEqualTo(EIGHT.memoryTime(6 * H * 1536));
        Micros.exactly(EIGHT.update(3, 8), 37_748_736 / (3072e9 * 0.75) * 1e6, "update(3, 8)");
        // 1 of 3: h2 = 1365 (not 1365.33)
        assertThat(EIGHT.update(1, 3)).isEqualTo(EIGHT.memoryTime(6 * H * 1365));
    }

    // ---- load_weights

    @Test
    void loadOfAFullLayerMatchesTheSampleTrace() {
        // §7 load_weights, full: 33,554,432 B at PCIe eff 0.9 → 82.85044938271605 µs (sample trace: 82.85 µs)
        Micros.exactly(EIGHT.loadWeights(1, 1), 82.85044938271605, "loadWeights(1, 1)");
        Micros.roundsTo(EIGHT.loadWeights(1, 8), "13.32", "loadWeights(1, 8)");
    }

    @ParameterizedTest(name = "1/{0}: {1} B at eff {2} → {3} µs")
    @CsvSource({
        // §7 load_weights table: shard, bytes, PCIe (mem2) efficiency, time (µs)
        "1, 33554432, 0.9, 82.85",
        "2, 16777216, 0.9, 41.43",
        "4, 8388608, 0.7, 26.63",
        "8, 4194304, 0.7, 13.32",
        "16, 2097152, 0.7, 6.66",
        "32, 1048576, 0.7, 3.33"})
    void loadOfAShard(int numShards, long bytes, double eff, String micros) {
        double t = EIGHT.loadWeights(1, numShards);
        Micros.roundsTo(t, micros, "loadWeights(1, " + numShards + ")");
        assertThat(t).isCloseTo(bytes / (450e9 * eff), within(1e-12 * t));
        // the world size does not matter
        assertThat(new LabPredictor(1).loadWeights(1, numShards)).isEqualTo(t);
        assertThat(new LabPredictor(100_000).loadWeights(1, numShards)).isEqualTo(t);
    }

    @Test
    void loadOfSeveralShards() {
        // lib.py: B = (h²·nsd // ns)·2; 2 of 4 shards = one half
        assertThat(EIGHT.loadWeights(2, 4)).isEqualTo(EIGHT.loadWeights(1, 2));
    }

    // ---- collectives

    @ParameterizedTest(name = "world {0}: all_reduce {1} µs")
    @CsvSource({
        // §7 collectives on a Weight/WeightGrad (S = 33,554,432 B): all_reduce on the size-8 network (offset 1)
        "2, 182.07",
        "4, 153.40",
        "8, 139.06"})
    void allReduceOfAWeightOnTheEightGpuNetwork(int worldSize, String allReduceMicros) {
        LabPredictor p = new LabPredictor(worldSize);
        assertThat(p.network().size()).isEqualTo(8);
        Micros.roundsTo(p.collective(Collective.ALL_REDUCE, weightGradBytes()), allReduceMicros,
                "all_reduce, world " + worldSize);
        // t = latency + S·(1 + 1/n) / (450e9 · 0.65)
        assertThat(p.collective(Collective.ALL_REDUCE, weightBytes()))
                .isCloseTo(1e-5 + 33_554_432.0 * (1 + 1.0 / worldSize) / (450e9 * 0.65), within(1e-15));
        // all_gather and reduce_scatter: offset 0 → 124.72 µs whatever n
        Micros.roundsTo(p.collective(Collective.ALL_GATHER, weightBytes()), "124.72", "all_gather");
        Micros.roundsTo(p.collective(Collective.REDUCE_SCATTER, weightGradBytes()), "124.72", "reduce_scatter");
    }

    @ParameterizedTest(name = "world {0}: every collective 765.65 µs")
    @ValueSource(ints = {9, 16, 32, 1024, 65_536})
    void collectivesOnTheLargeNetwork(int worldSize) {
        // §7: on 9 … 65,536 ranks every collective of a weight costs 765.65 µs (50 GB/s × 0.9, latency 20 µs, offset 0)
        LabPredictor p = new LabPredictor(worldSize);
        assertThat(p.network().size()).isEqualTo(65_536);
        for (Collective op : Collective.values()) {
            Micros.roundsTo(p.collective(op, weightBytes()), "765.65", op.label() + ", world " + worldSize);
        }
        assertThat(p.collective(Collective.ALL_REDUCE, weightBytes()))
                .isEqualTo(p.collective(Collective.ALL_GATHER, weightBytes()));
    }

    @Test
    void collectiveCostsTheBytesItIsGiven() {
        // §6.3: the lab's sizes — 2·h² for a weight or gradient whatever its sharding; OptState shrinks. No payload:
        // the latency only.
        assertThat(EIGHT.collective(Collective.ALL_GATHER, 0)).isEqualTo(1e-5);
        assertThat(SIXTEEN.collective(Collective.ALL_GATHER, 0)).isEqualTo(2e-5);
        assertThat(EIGHT.collective(Collective.ALL_GATHER, LabConstants.optStateBytes(8)))
                .isCloseTo(1e-5 + 4_194_304 / (450e9 * 0.65), within(1e-15));
    }

    // ---- p2p

    @ParameterizedTest(name = "{0} samples: {1} µs (≤ 8 ranks), {2} µs (> 8 ranks)")
    @CsvSource({
        // §7 p2p table: activation samples, time on ≤ 8 ranks (µs), time on > 8 ranks (µs)
        "1, 38.68, 206.41",
        "4, 124.72, 765.65",
        "8, 239.43, 1511.31",
        "64, 1845.46, 11950.46",
        "128, 3680.91, 23880.93"})
    void p2pOfActivations(int samples, String smallMicros, String largeMicros) {
        Micros.roundsTo(EIGHT.p2p(activationBytes(samples)), smallMicros, "p2p on 8 ranks, " + samples + " samples");
        Micros.roundsTo(SIXTEEN.p2p(activationBytes(samples)), largeMicros, "p2p on 16 ranks, " + samples + " samples");
        // the network depends on the world, not on the pair: comm size is always 2
        assertThat(new LabPredictor(2).p2p(activationBytes(samples))).isEqualTo(EIGHT.p2p(activationBytes(samples)));
        assertThat(new LabPredictor(65_536).p2p(activationBytes(samples)))
                .isEqualTo(SIXTEEN.p2p(activationBytes(samples)));
    }

    @Test
    void p2pOf64SamplesMatchesTheSampleTrace() {
        // §7: 1845.4561094017095 µs (sample trace: send of 64 samples 1845.46 µs)
        Micros.exactly(new LabPredictor(4).p2p(LabConstants.activationGradBytes(64)), 1845.4561094017095,
                "p2p of 64 samples on 4 ranks");
        // one sample: 8.39 MB
        assertThat(activationBytes(1)).isEqualTo(8_388_608L);
        Micros.roundsTo(EIGHT.p2p(activationBytes(1)), "38.68", "p2p of 1 sample, ≤ 8 ranks");
        Micros.roundsTo(SIXTEEN.p2p(activationBytes(1)), "206.41", "p2p of 1 sample, > 8 ranks");
    }

    // ---- loss, unit, topology

    @Test
    void lossIsFreeAndMemoryIsInElements() {
        // §5.1: loss has duration 0; §3: memory is counted in elements
        assertThat(EIGHT.loss()).isZero();
        assertThat(EIGHT.memoryUnit()).isEqualTo("elements");
    }

    @ParameterizedTest(name = "world {0} → network of size {1}")
    @CsvSource({
        // §6.1 topology selection: the first network (by size) with size ≥ world size
        "1, 8",
        "2, 8",
        "8, 8",
        "9, 65536",
        "65536, 65536"})
    void topology(int worldSize, int networkSize) {
        LabPredictor p = new LabPredictor(worldSize);
        assertThat(p.worldSize()).isEqualTo(worldSize);
        assertThat(p.hasNetwork()).isTrue();
        assertThat(p.network().size()).isEqualTo(networkSize);
    }

    @Test
    void networksAreSortedBySizeStably() {
        CalculonSystem h100 = LabPredictor.bundledSystem(LabPredictor.DEFAULT_SYSTEM);
        CalculonSystem.Network small = h100.networks().get(0);
        CalculonSystem.Network large = h100.networks().get(1);
        // listed largest first: the size-8 network is still chosen for 8 ranks
        CalculonSystem reversed = withNetworks(h100, List.of(large, small));
        assertThat(new LabPredictor(8, reversed).network()).isEqualTo(small);
        assertThat(new LabPredictor(9, reversed).network()).isEqualTo(large);
        // equal sizes: the first listed wins, as with Python's stable sort
        CalculonSystem.Network slowSmall = new CalculonSystem.Network(100, 0.5, 8, 0, small.ops(), true, 0.1);
        assertThat(new LabPredictor(4, withNetworks(h100, List.of(large, slowSmall, small))).network())
                .isEqualTo(slowSmall);
    }

    @Test
    void bundledSystemIsCalculonsH100File() {
        // lsdt/sim/systems/h100_80g_nvl8.json = calculon-ai/calculon systems/h100_80g_nvl8.json (§6.4)
        CalculonSystem s = new LabPredictor(8).system();
        assertThat(s.matrix().get("float16").tflops()).isEqualTo(1000);
        assertThat(s.matrix().get("float8").tflops()).isEqualTo(2000);
        assertThat(s.mem1().gbps()).isEqualTo(3072);
        assertThat(s.mem2().gbps()).isEqualTo(450);
        assertThat(s.networks()).extracting(CalculonSystem.Network::size).containsExactly(8, 65_536);
        assertThat(s.networks().get(0).ops().get("all_reduce")).containsExactly(1.0, 1.0);
        assertThat(s.networks().get(0).ops().get("p2p")).containsExactly(1.0, null);
        assertThat(s.networks().get(1).ops().get("all_reduce")).containsExactly(1.0, 0.0);
        assertThat(LabPredictor.bundledSystems()).containsExactly("h100_80g_nvl8");
        assertThat(new LabPredictor(8, s).forwardBackward(64)).isEqualTo(EIGHT.forwardBackward(64));
    }

    static CalculonSystem withNetworks(CalculonSystem s, List<CalculonSystem.Network> networks) {
        return new CalculonSystem(s.matrix(), s.vector(), s.mem1(), s.mem2(), s.processingMode(), networks);
    }
}
