package io.lsdt.physics.design;

import static io.lsdt.physics.design.DesignProbe.CAL;
import static io.lsdt.physics.design.DesignProbe.CATALOG;
import static io.lsdt.physics.design.DesignProbe.GIB;
import static io.lsdt.physics.design.DesignProbe.MODEL;
import static io.lsdt.physics.design.DesignProbe.arch;
import static org.assertj.core.api.Assertions.assertThat;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.unit.UnitFormat;
import io.lsdt.graph.unit.Units;
import io.lsdt.physics.Close;
import io.lsdt.physics.catalog.Model;
import io.lsdt.physics.search.DesignSearch;
import io.lsdt.physics.search.SearchResult;
import io.lsdt.physics.search.SearchSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The exhaustive design search: determinism across thread counts, agreement of its bytecode kernel with the direct
 * evaluation, memory feasibility, top-N, optimality over sampled configurations, and the two ways it can find
 * nothing.
 */
class DesignSearchTest {
    private static final Hardware H100 = Hardware.of(CATALOG, "h100-sxm", Numerics.BF16);
    private static final Model.Architecture LLAMA_8B = arch("llama3.1-8b");
    private static final Model.Architecture MIXTRAL = arch("mixtral-8x7b");
    /** Llama 3.1 8B on 32 H100s, 256 sequences of 8192 tokens (2M tokens) per step. */
    private static final SearchSpace DENSE = SearchSpace.standard(LLAMA_8B, H100, 32, 256, Numerics.BF16);
    /** Mixtral 8x7B on 32 H100s, 64 sequences of 32,768 tokens: EP, CP and ZeRO all in play. */
    private static final SearchSpace MOE = SearchSpace.standard(MIXTRAL, H100, 32, 64, Numerics.BF16);

    private static DesignSearch search() {
        return new DesignSearch(MODEL);
    }

    @Test
    void sameResultOnOneAndTwoThreads() {
        for (SearchSpace space : List.of(DENSE, MOE)) {
            SearchResult one = search().search(space, 10, 1, null);
            SearchResult two = search().search(space, 10, 2, null);
            assertThat(one.best()).as("%s has designs", space.arch()).hasSize(10);
            assertThat(two.evaluated()).isEqualTo(one.evaluated()).isPositive();
            assertThat(two.feasible()).isEqualTo(one.feasible()).isPositive().isLessThanOrEqualTo(one.evaluated());
            assertThat(two.best()).extracting(Prediction::config)
                    .containsExactlyElementsOf(one.best().stream().map(Prediction::config).toList());
            // bit for bit
            assertThat(two.best()).extracting(p -> Double.doubleToRawLongBits(p.stepTime()))
                    .containsExactlyElementsOf(one.best().stream()
                            .map(p -> Double.doubleToRawLongBits(p.stepTime())).toList());
            assertThat(two.reason()).isNull();
            assertThat(one.reason()).isNull();
        }
    }

    @Test
    void ppMaxBoundsThePipelineDegree() {
        // Llama 3.1 8B (32 layers) on 32 H100s: unbounded, the search tries PP 1, 2, 4, 8, 16 and 32 and, for the
        // 4 MiB-token step, keeps pipelined designs among the best 200; bounded at 1 (PyTorch FSDP and DDP cannot
        // pipeline) every design it evaluates and keeps has PP 1
        SearchResult free = search().search(DENSE, 200, 2, null);
        assertThat(free.best()).extracting(p -> p.config().pp()).contains(1).anyMatch(pp -> pp > 1);
        SearchResult flat = search().search(DENSE.withPpMax(1), 200, 2, null);
        assertThat(flat.best()).isNotEmpty().allMatch(p -> p.config().pp() == 1 && p.config().vpp() == 1);
        assertThat(flat.evaluated()).isPositive().isLessThan(free.evaluated());
        // the bound is kept by the other copies, and a bound below 1 is refused
        assertThat(DENSE.withPpMax(2).withStateBytes(StateBytes.MIXED_PRECISION_ADAM).ppMax()).isEqualTo(2);
        assertThat(DENSE.ppMax()).isEqualTo(Integer.MAX_VALUE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DENSE.withPpMax(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ppMax must be at least 1, got 0");
    }

    @Test
    void everyDesignFitsUsesAllDevicesAndComesBestFirst() {
        DesignSearch s = search();
        SearchResult r = s.search(DENSE, 7, 2, null);
        assertThat(r.best()).hasSize(7);
        for (int i = 0; i < r.best().size(); i++) {
            Prediction p = r.best().get(i);
            assertThat(p.fits()).isTrue();
            assertThat(p.memory().total()).isLessThanOrEqualTo(80e9);
            assertThat(p.config().devices()).isEqualTo(32);
            assertThat(p.devices()).isEqualTo(32);
            // the search ranks by the kernel's t_step; the list holds ledger totals, equal to 1e-12
            if (i > 0) {
                assertThat(p.stepTime()).isGreaterThanOrEqualTo(r.best().get(i - 1).stepTime() * (1 - 1e-12));
            }
        }
        // top-N is honoured and the 3 best are the first 3 of the 7 best
        SearchResult three = s.search(DENSE, 3, 2, null);
        assertThat(three.best()).extracting(Prediction::config)
                .containsExactlyElementsOf(r.best().subList(0, 3).stream().map(Prediction::config).toList());
        assertThat(s.search(DENSE, 1, 1, null).best()).hasSize(1);
    }

    @Test
    void bestDesignIsWhatTheStepModelPredictsForIt() {
        DesignSearch s = search();
        for (SearchSpace space : List.of(DENSE, MOE)) {
            Prediction best = s.search(space, 5, 2, null).best().get(0);
            // the search re-predicts its designs in full: a fresh model gives the same numbers bit for bit
            Prediction fresh = io.lsdt.physics.Physics.stepModel(CAL).predict(space.arch(), space.hardware(), best.config());
            assertThat(fresh).isEqualTo(best);
            // the bytecode kernel that ranked it computes t_step = m·t_mb + bubble + DP + optimizer; predict sums the
            // ledger m·t_compute_mb + m·t_recompute_mb + …: the same real number, rounded in a different order, so
            // they may differ in the last few bits — never by more than 1e-12 relative
            DesignSearch.Evaluator e = s.evaluator(space);
            Close.relative(e.stepTime(best.config()), best.stepTime(), 1e-12, "kernel vs predict");
            Close.relative(e.memory(), best.memory().total(), 1e-12, "kernel memory vs predict");
        }
    }

    @Test
    void evaluatorAgreesWithPredictOnRandomValidConfigurations() {
        // 100 seeded random valid configurations per space (any G; the evaluator's inputs are the configuration)
        SplittableRandom rnd = new SplittableRandom(20_261_121L);
        DesignSearch s = search();
        for (SearchSpace space : List.of(DENSE, MOE)) {
            DesignSearch.Evaluator e = s.evaluator(space);
            int n = 0;
            int feasible = 0;
            for (int tries = 0; n < 100; tries++) {
                assertThat(tries).as("valid configurations drawn").isLessThan(100_000);
                ParallelConfig c = random(rnd, space, 0);
                if (c == null) {
                    continue;
                }
                n++;
                Prediction p = MODEL.predict(space.arch(), space.hardware(), c);
                double t = e.stepTime(c);
                Close.relative(t, p.stepTime(), 1e-12, "step time of " + c);
                Close.relative(e.memory(), p.memory().total(), 1e-12, "memory of " + c);
                feasible += p.fits() ? 1 : 0;
            }
            assertThat(feasible).as("some drawn designs fit").isPositive().isLessThan(100);
        }
    }

    @Test
    void noSampledDesignBeatsTheSearch() {
        // 200 random valid designs of the search's own space (tp·pp·dp·cp = G, the enumerated degrees): none that
        // fits is faster than the best design found
        SplittableRandom rnd = new SplittableRandom(7L);
        DesignSearch s = search();
        DesignSearch.Evaluator e = s.evaluator(DENSE);
        double best = s.search(DENSE, 1, 2, null).best().get(0).stepTime();
        int n = 0;
        int fits = 0;
        for (int tries = 0; n < 200; tries++) {
            assertThat(tries).isLessThan(100_000);
            ParallelConfig c = random(rnd, DENSE, DENSE.devices());
            if (c == null) {
                continue;
            }
            n++;
            double t = e.stepTime(c);
            if (e.memory() <= DENSE.hardware().memoryBytes()) {
                fits++;
                assertThat(t).as("%s", c).isGreaterThanOrEqualTo(best * (1 - 1e-12));
            }
        }
        assertThat(fits).isPositive();
    }

    @Test
    void nothingFitsNamesNeededAndAvailableMemory() {
        // Llama 3.1 405B on 8 H100s: even fully sharded, 18 B × P / 8 of model state per GPU. P = 126 × (attention
        // 2·16384² + 2·16384·1024 + SwiGLU 3·16384·53,248 + norms 2·16384) + 2 × 128,256 × 16,384 + 16,384 =
        // 405,853,388,800; 18 P / 8 = 913,170,124,800 B = 850.5 GiB against the 81,559 MiB = 79.65 GiB an H100 SXM5
        // shows (MLPerf v4.0 Eos system description).
        Model.Architecture a = arch("llama3.1-405b");
        double p405 = 405_853_388_800.0;
        // on the device alone (no offload)
        SearchResult r = search().search(SearchSpace.standard(a, H100, 8, 512, Numerics.BF16)
                .withOffloads(java.util.Set.of(io.lsdt.physics.design.Offload.NONE)), 5, 2, null);
        assertThat(r.best()).isEmpty();
        assertThat(r.feasible()).isZero();
        assertThat(r.evaluated()).isPositive();
        Prediction closest = r.closestInfeasible();
        assertThat(closest).isNotNull();
        assertThat(closest.fits()).isFalse();
        assertThat(closest.memory().parametersAndOptimizer()).isGreaterThanOrEqualTo(18 * p405 / 8 * (1 - 1e-12));
        assertThat(closest.memory().total()).isGreaterThan(18 * p405 / 8 + CAL.reserve());
        String need = UnitFormat.format(closest.memory().total(), Units.parse("GiB"));
        assertThat(r.reason()).startsWith("no design fits in memory: the closest needs " + need + " per GPU")
                .contains("the device has 79.65 GiB")
                .contains("Maybe");
        Matcher m = Pattern.compile("needs ([0-9.,]+) GiB").matcher(r.reason());
        assertThat(m.find()).isTrue();
        double needGiB = Double.parseDouble(m.group(1).replace(",", ""));
        assertThat(needGiB).isGreaterThan(850.4); // 850.46 GiB of state plus the 2 GiB reserve and activations
        // with offload the parameters, gradients and optimizer state can leave the device, but 18 B × P / 8 =
        // 850.5 GiB per GPU does not fit the DGX H100's 2 TB of host memory either (256 GB = 238.4 GiB per GPU)
        SearchResult off = search().search(SearchSpace.standard(a, H100, 8, 512, Numerics.BF16), 5, 2, null);
        assertThat(off.best()).isEmpty();
        Prediction host = off.closestInfeasible();
        assertThat(host.config().offload()).isEqualTo(io.lsdt.physics.design.Offload.PARAMETERS);
        assertThat(host.memory().total()).isLessThanOrEqualTo(host.memoryCapacity());
        Close.relative(host.hostMemory(), 18 * p405 / 8, 1e-12, "the whole state, on the host");
        assertThat(off.reason()).startsWith("no design fits in memory: the closest offloads its state to host "
                + "memory and needs 850.5 GiB of it per GPU, the host has 238.4 GiB per GPU");
        Close.relative(needGiB, closest.memory().total() / GIB, 5e-4, "the reason's number");
    }

    @Test
    void noFactorisationIsExplained() {
        // G = 74 = 2 × 37: TP ∈ {1, 2}, CP ∈ {1, 2}, PP ≤ 32 layers cannot take the prime 37, so DP is 37 or 74 —
        // and neither divides a global batch of 512 sequences
        SearchResult r = search().search(SearchSpace.standard(LLAMA_8B, H100, 74, 512, Numerics.BF16), 5, 2, null);
        assertThat(r.best()).isEmpty();
        assertThat(r.evaluated()).isZero();
        assertThat(r.closestInfeasible()).isNull();
        assertThat(r.reason()).startsWith("no valid configuration: G = 74 has no factorisation")
                .contains("32 heads", "32 layers", "512 sequences", "Maybe");
    }

    /**
     * A random design of the search's conventions (SP when tp > 1, interleaved when vpp > 1, overlap on, the space's
     * attention and numerics), or null when the draw is invalid.
     *
     * @param devices 0 for any device count, else tp·pp·dp·cp must equal it and the degrees stay in the space
     */
    private static ParallelConfig random(SplittableRandom r, SearchSpace space, long devices) {
        Model.Architecture a = space.arch();
        int experts = a.moe() == null ? 0 : a.moe().experts();
        int tp = 1 << r.nextInt(4);
        int cp = 1 << r.nextInt(devices > 0 ? 5 : 3);
        int pp;
        int dp;
        if (devices > 0) {
            if (devices % ((long) tp * cp) != 0) {
                return null;
            }
            long rest = devices / ((long) tp * cp);
            List<Integer> divisors = new ArrayList<>();
            for (int d = 1; d <= Math.min(rest, a.layers()); d++) {
                if (rest % d == 0) {
                    divisors.add(d);
                }
            }
            pp = divisors.get(r.nextInt(divisors.size()));
            dp = (int) (rest / pp);
        } else {
            pp = 1 + r.nextInt(8);
            dp = 1 << r.nextInt(4);
        }
        if (cp > 1 && a.seqLen() % (2 * cp) != 0) {
            return null;
        }
        int vpp = pp == 1 ? 1 : 1 + r.nextInt(space.vppMax());
        // the standard space tries every divisor of the local batch up to 64: sample one of them
        int local = Math.max(1, space.globalBatch() / Math.max(1, dp));
        List<Integer> mbs = space.microBatches().isEmpty()
                ? java.util.stream.IntStream.rangeClosed(1, Math.min(local, 64)).filter(d -> local % d == 0).boxed()
                        .toList()
                : space.microBatches();
        int mb = mbs.get(r.nextInt(mbs.size()));
        int ep = experts == 0 ? 1 : 1 << r.nextInt(4);
        int zero = r.nextInt(4);
        if (zero > 0 && dp * cp == 1) {
            zero = 0;
        }
        Recompute rc = Recompute.values()[r.nextInt(3)];
        ParallelConfig c = new ParallelConfig(tp, pp, vpp, dp, cp, ep, mb, space.globalBatch(), zero, rc, tp > 1,
                vpp > 1 ? Schedule.INTERLEAVED_1F1B : Schedule.ONE_F_ONE_B, space.numerics(), true, true,
                space.flashAttention());
        try {
            return c.validate(a.layers(), a.heads(), a.kvHeads(), experts);
        } catch (LsdtException e) {
            return null;
        }
    }
}
