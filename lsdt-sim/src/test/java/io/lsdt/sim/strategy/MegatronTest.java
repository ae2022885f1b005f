package io.lsdt.sim.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.catalog.Model;
import io.lsdt.physics.design.AnalyticalStepModel;
import io.lsdt.physics.design.Hardware;
import io.lsdt.physics.design.LayerCosts;
import io.lsdt.physics.design.Numerics;
import io.lsdt.physics.design.ParallelConfig;
import io.lsdt.physics.design.Prediction;
import io.lsdt.physics.design.Recompute;
import io.lsdt.physics.design.Schedule;
import io.lsdt.sim.engine.Engine;
import io.lsdt.sim.engine.Event;
import io.lsdt.sim.engine.LabSetup;
import io.lsdt.sim.engine.SimulationResult;
import io.lsdt.sim.lab.LabSizes;
import io.lsdt.sim.lab.StepsPredictor;
import io.lsdt.sim.predict.PhysicalPredictor;
import io.lsdt.sim.predict.PhysicalSizes;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Megatron strategy: its layer split, the operations it writes, and agreement with the analytical model. */
class MegatronTest {
    private static final Catalog CATALOG = Catalog.builtIn();
    private static final AnalyticalStepModel MODEL = io.lsdt.physics.Physics.stepModel();

    private static ParallelConfig cfg(int tp, int cp, int pp, int vpp, int dp, int gbs, int zero) {
        return design(tp, cp, pp, vpp, dp, 1, gbs, zero, Recompute.NONE,
                vpp > 1 ? Schedule.INTERLEAVED_1F1B : Schedule.ONE_F_ONE_B);
    }

    /** A design without overlap (the simulator below runs one stream per rank), sequence parallel with TP. */
    private static ParallelConfig design(int tp, int cp, int pp, int vpp, int dp, int mb, int gbs, int zero,
            Recompute rc, Schedule schedule) {
        return new ParallelConfig(tp, pp, vpp, dp, cp, 1, mb, gbs, zero, rc, tp > 1, schedule, Numerics.BF16, false,
                false);
    }

    /**
     * A design of Llama 3.1 8B (32 layers) on H100 SXM (scale-up domains of 8), predicted and simulated with one
     * stream per rank, as the analytical ledger adds its terms; with the per-operation costs both rest on.
     */
    private record Both(Prediction analytical, SimulationResult simulated, LayerCosts costs, Hardware hardware) {
        /** @return the step the analytical model predicts (s) */
        double predicted() {
            return analytical.stepTime();
        }

        /** @return the simulated step: the latest end of any event (s) */
        double simulatedStep() {
            return simulated.endTime();
        }

        /** @return the loss of one micro-batch on the last stage, 3 · t_logits_fwd_mb (s) */
        double loss() {
            return 3 * costs.logitsForward();
        }

        /** @return the link rate inside one scale-up domain, eff_link_up · bw_up (B/s) */
        double upRate() {
            return costs.calibration().effLinkUp() * hardware.scaleUpBandwidth();
        }

        /** @return the latency α of one ring step inside a scale-up domain (s) */
        double alphaUp() {
            return hardware.scaleUpLatency();
        }

        /** @return a micro-batch's activations between stages in one domain: tok_mb · h · 2 B / tp / rate + α (s) */
        double hop() {
            return costs.tokensPerMicroBatch() * costs.hidden() * 2 / costs.config().tp() / upRate() + alphaUp();
        }
    }

    private static Both both(ParallelConfig c) {
        Model.Architecture a = CATALOG.model("llama3.1-8b").architecture();
        Hardware hw = Hardware.of(CATALOG, "h100-sxm", Numerics.BF16);
        LayerCosts lc = MODEL.layerCosts(a, hw, c);
        Megatron s = Megatron.of(c);
        LabSetup setup = s.setup(a.layers(), c.globalBatch(), c.microBatch());
        // sends that do not wait for the receive (Megatron's batched isend/irecv); blocking never moves a clock
        return new Both(MODEL.predict(a, hw, c), new Engine(setup, new PhysicalPredictor(lc), new PhysicalSizes(lc),
                Engine.Options.LAB.withChannelCapacity(Megatron.CHANNEL_CAPACITY)).run(s.programs(setup)), lc, hw);
    }

    /** Llama 3.1 8B's transformer layers. */
    private static final int L = 32;

    /**
     * Asserts simulated − analytical = {@code physicalGap} (s) to 1e-9 of the step: 0 where both model the same
     * physics, else the part of the physics one models and the other does not (derived at each call).
     *
     * <p>One such part recurs: the simulated Megatron reduces (and ZeRO gathers) layer by layer, one collective per
     * layer each paying its ring steps' latency α, where the design scope's DP terms charge one collective per step
     * (or per micro-batch) for the whole stage, as Megatron-Core's DDP does without overlap (one bucket). Their
     * bandwidth terms are equal; the simulated step pays (L − 1) collectives' α more.
     */
    private static void assertGap(String what, Both b, double physicalGap) {
        double gap = b.simulatedStep() - b.predicted();
        double tolerance = 1e-9 * b.predicted();
        assertThat(gap).as("%s: simulated %.12g s − analytical %.12g s = %.6g s; the physics says %.6g s", what,
                b.simulatedStep(), b.predicted(), gap, physicalGap).isCloseTo(physicalGap, within(tolerance));
    }

    @Test
    void layersAreSplitEvenlyWithTheLighterBlocksAtTheEnds() {
        // Llama 3.1 405B: 126 layers on 16 stages = 14 of 8 and, first and last, 2 of 7 (Dubey et al. 2024 §3.3.2)
        int[] b = Megatron.split(126, 16);
        assertThat(b[1] - b[0]).isEqualTo(7);
        assertThat(b[16] - b[15]).isEqualTo(7);
        for (int i = 1; i < 15; i++) {
            assertThat(b[i + 1] - b[i]).isEqualTo(8);
        }
        assertThat(b[16]).isEqualTo(126);
        assertThat(Megatron.split(32, 8)).containsExactly(0, 4, 8, 12, 16, 20, 24, 28, 32);
        // 10 layers on 4 blocks: 2 of 3 inside, the last and the first of 2
        assertThat(Megatron.split(10, 4)).containsExactly(0, 2, 5, 8, 10);
    }

    @Test
    void writesTheCollectivesOfEveryKindOfParallelism() {
        // TP 2 × CP 2 × PP 2 × DP 2 = 16 ranks, 4 layers (2 per stage), 4 sequences = 2 micro-batches per replica
        Megatron s = new Megatron(2, 2, 2, 1, 2, 1, Schedule.ONE_F_ONE_B);
        LabSetup setup = s.setup(4, 4, 1);
        assertThat(setup.ranks()).isEqualTo(16);
        assertThat(setup.globalBatch()).isEqualTo(8); // 4 sequences × 2 chunks
        SimulationResult r = new Engine(setup, new StepsPredictor(), new LabSizes(4, 2), Engine.Options.LAB)
                .run(s.programs(setup));
        assertThat(r.checked()).isTrue();
        // rank 0 (t 0, c 0, d 0, stage 0; layers 0–1), 2 micro-batches:
        Map<Event.Kind, Long> kinds = r.events().get(0).stream()
                .collect(Collectors.groupingBy(Event::kind, Collectors.counting()));
        assertThat(kinds.get(Event.Kind.FORWARD)).isEqualTo(4);
        assertThat(kinds.get(Event.Kind.BACKWARD)).isEqualTo(4);
        // all-reduces: TP forward 4 + TP backward (input gradients, layer 0's too) 4; no DP all-reduce with ZeRO 1
        assertThat(kinds.get(Event.Kind.ALL_REDUCE)).isEqualTo(8);
        // all-gathers: the weights at the start (2 layers) + keys and values before every forward and backward (8)
        assertThat(kinds.get(Event.Kind.ALL_GATHER)).isEqualTo(10);
        // reduce-scatters: key/value gradients after each backward (4) + the DP × CP gradients of 2 layers
        assertThat(kinds.get(Event.Kind.REDUCE_SCATTER)).isEqualTo(6);
        assertThat(kinds.get(Event.Kind.SEND)).isEqualTo(2);
        assertThat(kinds.get(Event.Kind.RECV)).isEqualTo(2);
        assertThat(kinds.get(Event.Kind.UPDATE)).isEqualTo(2);
        assertThat(kinds.get(Event.Kind.LOAD_WEIGHTS)).isEqualTo(2);
    }

    @Test
    void withoutParallelismTheSimulationIsTheAnalyticalStep() {
        // one GPU, two micro-batches: each is L forwards (t_fwd + t_mem), the loss (3 t_logits) and L backwards
        // (2 t_fwd + 2 t_mem), then L updates of params_layer · t_optimizer_param — the analytical
        // m · t_mb + t_optimizer term by term
        Both b = both(cfg(1, 1, 1, 1, 1, 2, 0));
        assertThat(b.simulated().endTime()).isCloseTo(b.analytical().stepTime(),
                org.assertj.core.data.Percentage.withPercentage(1e-9));
    }

    @Test
    void tensorParallelCommunicationIsTheAnalyticalOne() {
        // TP 8 in one H100 domain, one micro-batch: 4 all-reduces per layer (2 forward, 2 backward, as the
        // physical predictor charges each all-reduce event twice), exactly t_tp_mb
        Both b = both(cfg(8, 1, 1, 1, 1, 1, 0));
        SimulationResult r = b.simulated();
        Prediction p = b.analytical();
        double comm = r.events().get(0).stream().filter(e -> e.kind() == Event.Kind.ALL_REDUCE)
                .mapToDouble(Event::duration).sum();
        assertThat(comm).isCloseTo(p.ledger().tpComm(), org.assertj.core.data.Percentage.withPercentage(1e-9));
        assertThat(r.endTime()).isCloseTo(p.stepTime(), org.assertj.core.data.Percentage.withPercentage(1e-9));
    }

    // ---- analytical = simulated where both charge the same physics; the exact gap where they do not. Below, per
    // ---- micro-batch on one pipeline stage: F its forwards, B its backwards, Lo the loss (last stage only), h a
    // ---- hop between stages; m micro-batches, p stages, U a stage's updates; L = 32 layers; α a ring step's latency.

    @Test
    void recomputationIsTheAnalyticalStep() {
        // Two micro-batches of 2, no pipeline, no DP. Per micro-batch the simulator charges L forwards
        // (t_fwd_layer_mb + t_mem_layer_mb), the loss 3 t_logits_fwd_mb and L backwards (2 t_fwd_layer_mb +
        // 2 t_mem_layer_mb + t_recompute_layer_mb): t_compute_mb + t_mem_mb + t_recompute_mb, the analytical t_mb
        // term by term, whether the recomputation is full (the forward's GEMMs and attention core again) or selective
        // (the attention core only); then L updates, t_optimizer. With TP 4 (one domain) full recomputation also
        // repeats the forward's two all-reduces in the backward: the predictor charges a backward TP all-reduce event
        // 4 t_tp_ar, a forward one 2 t_tp_ar, the analytical t_tp_mb = (4 + 2) · L · t_tp_ar, and both carry t_tp_ar's
        // own 2(tp − 1) α. The same physics: equal.
        for (Recompute rc : new Recompute[] {Recompute.FULL, Recompute.SELECTIVE}) {
            for (int tp : new int[] {1, 4}) {
                assertGap("TP " + tp + ", " + rc + " recomputation",
                        both(design(tp, 1, 1, 1, 1, 2, 4, 0, rc, Schedule.ONE_F_ONE_B)), 0);
            }
        }
    }

    @ParameterizedTest(name = "ZeRO {0}")
    @ValueSource(ints = {0, 1, 2, 3})
    void dataParallelAndZeroWithoutOverlapAreTheAnalyticalStep(int zero) {
        // DP 4 in one H100 domain, m = 8 / 4 = 2 micro-batches per rank. Each rank runs the single-GPU step on its
        // micro-batches (m · t_mb, as without parallelism), the four ranks reach every collective at the same
        // clock (they are symmetric), and on one stream every collective adds its whole time to the step: the
        // analytical t_dp_exposed = t_dp_step + m · t_dp_mb without overlap. Per layer, with S_g = params_layer_gpu ·
        // b_grad_comm and S_w = params_layer_gpu · b_w bytes, a ring of n = 4 at rate r = eff_link_up · bw_up:
        //   ZeRO 0: after the layer's last backward an all-reduce of the summed gradient, 2(n−1)/n · S_g / r; L of
        //           them are t_dp_step = (n−1)/n · params_gpu · 2 b_grad_comm / r; L updates are t_optimizer.
        //   ZeRO 1: at the start an all-gather of the weights, (n−1)/n · S_w / r, after the last backward a
        //           reduce-scatter of the sum, (n−1)/n · S_g / r; the update of a 1/n shard: t_dp_step = (n−1)/n ·
        //           params_gpu · (b_grad_comm + b_w) / r, t_optimizer = params_gpu / n · t_optimizer_param.
        //   ZeRO 2: the same all-gather; each micro-batch's gradient reduce-scattered after its backward: t_dp_step
        //           = (n−1)/n · params_gpu · b_w / r, and m · t_dp_mb = m · (n−1)/n · params_gpu · b_grad_comm / r.
        //   ZeRO 3: each layer's weights all-gathered before its forward and again before its backward, its gradient
        //           reduce-scattered after: m · t_dp_mb = m · (n−1)/n · params_gpu · (b_grad_comm + 2 b_w) / r.
        // Bandwidth terms equal. Latency: the simulator's collectives are per layer, the analytical ones per stage
        // (one bucket) for ZeRO 0–2, so the simulated step pays (L − 1) times each collective's ring steps of α more;
        // ZeRO 3 gathers and reduce-scatters per unit (layer) in both models, as FSDP does:
        int n = 4;
        int m = 2;
        Both b = both(design(1, 1, 1, 1, n, 1, 8, zero, Recompute.NONE, Schedule.ONE_F_ONE_B));
        double ringSteps = switch (zero) {
            case 0 -> 2 * (n - 1); // an all-reduce
            case 1 -> 2 * (n - 1); // an all-gather and a reduce-scatter
            case 2 -> (1 + m) * (n - 1); // an all-gather, a reduce-scatter per micro-batch
            default -> 0; // 2 all-gathers and a reduce-scatter per layer and micro-batch in both
        };
        assertGap("DP 4, ZeRO " + zero, b, (L - 1) * ringSteps * b.alphaUp());
    }

    @ParameterizedTest(name = "TP {0} × DP {1}")
    @CsvSource({"1, 16", "8, 2"})
    void dataParallelAcrossDomainsUsesTheScaleOutLinkInBothModels(int tp, int dp) {
        // DP 16 spans two H100 domains of 8, and TP 8 × DP 2 puts the two replicas of each slice in different
        // domains: the simulator's DP groups are not within one domain and the design scope's dp_cross = 1, so both
        // charge the all-reduce of the summed gradients (ZeRO 0, as above) at eff_link_out · bw_out; the simulator's
        // per-layer all-reduces pay 2(n − 1) scale-out latencies each, the analytical one-bucket all-reduce once.
        Both b = both(design(tp, 1, 1, 1, dp, 1, dp, 0, Recompute.NONE, Schedule.ONE_F_ONE_B));
        assertGap("TP " + tp + " × DP " + dp, b, (L - 1) * 2 * (dp - 1) * b.hardware().scaleOutLatency());
    }

    @Test
    void oneFOneBIsShorterThanTheAnalyticalBubbleByTheLossesAndTwoHops() {
        // Uniform stages (32 layers on p = 2, 4, 8), one domain. Per micro-batch the last stage receives the
        // activation (h), runs F, the loss Lo and B, and sends the gradient back (h): F + B + Lo + 2h, which is the
        // analytical t_mb (t_compute_mb charges the logits to the busiest stage, t_pp_mb = 2 t_pp_hop). Every other
        // stage does less (F + B + 4h at most, and Lo > 2h), so in 1F1B the last stage is never idle once started and
        // paces the step at t_mb per micro-batch. A receive starts with its send (the GT lab's rule: a transfer is
        // charged on both sides at once), so the first activation reaches the last stage at (p − 1) F + (p − 2) h;
        // its last gradient leaves m · t_mb later and reaches stage 0 after (p − 2)(B + h), which then runs its B;
        // then every stage updates (U, equal stages). Simulated = m · t_mb + (p − 1)(F + B) + 2(p − 2) h + U.
        // Analytical = (m + p − 1) · t_mb + U: its bubble paces fill and drain by the last stage's t_mb, loss and
        // hops included, where really only F and B of the other stages fill it. So, for every m:
        //   analytical − simulated = (p − 1) · Lo + 2h.
        for (int p : new int[] {2, 4, 8}) {
            for (int m : new int[] {1, 2, 4, 8}) {
                Both b = both(design(1, 1, p, 1, 1, 1, m, 0, Recompute.NONE, Schedule.ONE_F_ONE_B));
                assertGap("1F1B, p " + p + ", m " + m, b, -((p - 1) * b.loss() + 2 * b.hop()));
            }
        }
    }

    @Test
    void gpipeIsShorterThanTheAnalyticalBubbleByTheLossesLessTheMiddleStagesHops() {
        // All forwards, then all backwards, uniform stages. Forward phase: a middle stage receives, runs F and sends
        // on one stream, F + 2h per micro-batch; the first stage takes F + h. With p = 2 there is no middle stage and
        // the last stage keeps step with the first: simulated = m (F + B + Lo + 2h) + F + B + U, analytical
        // (m + 1)(F + B + Lo + 2h) + U, a gap of Lo + 2h as for 1F1B. With p ≥ 3 the activations reach the last
        // stage every F + 2h; it then runs its m losses and backwards back to back (Lo + B + h each; the middle
        // stages need B + 2h and keep up), and the drain is (p − 1) B + (p − 2) h as in 1F1B. Simulated =
        // (p − 1) F + (p − 2) h + (m − 1)(F + 2h) + h + F + m (Lo + B + h) + (p − 1) B + (p − 2) h + U
        // = (m + p − 1)(F + B) + m Lo + (2p + 3m − 5) h + U against (m + p − 1)(F + B + Lo + 2h) + U:
        //   analytical − simulated = (p − 1) · Lo + (3 − m) · h   (p ≥ 3).
        for (int m : new int[] {1, 2, 4, 8}) {
            Both two = both(design(1, 1, 2, 1, 1, 1, m, 0, Recompute.NONE, Schedule.GPIPE));
            assertGap("GPipe, p 2, m " + m, two, -(two.loss() + 2 * two.hop()));
            for (int p : new int[] {4, 8}) {
                Both b = both(design(1, 1, p, 1, 1, 1, m, 0, Recompute.NONE, Schedule.GPIPE));
                assertGap("GPipe, p " + p + ", m " + m, b, -((p - 1) * b.loss() + (3 - m) * b.hop()));
            }
        }
    }

    @Test
    void interleavedOneFOneBIsShorterThanTheAnalyticalBubble() {
        // p = 2, v = 2, m = 2: each rank holds two blocks of 8 layers (f = F/2, b = B/2 each); rank 0 runs its four
        // block forwards then its four backwards, rank 1 two forwards then forward-backward pairs (Megatron's warm-up
        // (p − rank − 1)·2 + (v − 1)·p). Traced with the GT lab's clocks, rank 0 finishes last, after 5 f and 5 b on
        // its critical path, rank 1's two losses and 12 hops: simulated = 2.5 (F + B) + 2 Lo + 12 h + U. Analytical:
        // t_mb = F + B + Lo + 2v·h, step (m + (p − 1)/v) · t_mb + U = 2.5 (F + B + Lo + 4h) + U:
        //   analytical − simulated = Lo / 2 − 2h.
        Both b = both(design(1, 1, 2, 2, 1, 1, 2, 0, Recompute.NONE, Schedule.INTERLEAVED_1F1B));
        assertGap("interleaved, p 2, v 2, m 2", b, -(b.loss() / 2 - 2 * b.hop()));
        // p = 4, v = 2 (not traced by hand): the same cause, the analytical bubble (p − 1)/v · t_mb carries
        // (p − 1)/v losses the simulated fill and drain do not. The sign, and at most that much (the simulated step
        // is observed shorter by (p − 1)(Lo / v − 2h), as traced for p = 2).
        for (int m : new int[] {4, 8}) {
            Both i = both(design(1, 1, 4, 2, 1, 1, m, 0, Recompute.NONE, Schedule.INTERLEAVED_1F1B));
            double shorter = i.predicted() - i.simulatedStep();
            assertThat(shorter).as("interleaved, p 4, v 2, m %d", m).isPositive()
                    .isLessThan(3 * i.loss() / 2);
        }
    }

    @Test
    void unevenStagesAreFasterThanTheFullestStageSuggests() {
        // 32 layers on 3 stages: 11 | 11 | 10 (the lighter block at the end, with the loss). The analytical model
        // paces every stage by the fullest, layers_stage = ceil(32/3) = 11 layers, loss included: it is the
        // analytical step of 3 uniform stages of 11 layers, except that its optimizer term holds params_gpu =
        // params / 3, i.e. 32/3 layers, where stage 0 really updates 11. The simulated step is no longer than that of
        // 3 uniform stages of 11 layers (times are sums and maxima of durations: one layer less cannot lengthen the
        // step), which 1F1B makes (p − 1) Lo + 2h shorter than its analytical step (above). So
        //   analytical − simulated ≥ 2 Lo + 2h − (11 − 32/3) · params_layer_gpu · t_optimizer_param.
        for (int m : new int[] {1, 4, 8}) {
            Both b = both(design(1, 1, 3, 1, 1, 1, m, 0, Recompute.NONE, Schedule.ONE_F_ONE_B));
            double moreUpdates = (11 - 32.0 / 3) * b.costs().paramsPerLayer() * b.costs().optimizerPerParam();
            assertThat(b.predicted() - b.simulatedStep()).as("p 3, m %d", m)
                    .isGreaterThanOrEqualTo(2 * b.loss() + 2 * b.hop() - moreUpdates - 1e-9 * b.predicted());
        }
    }

    @ParameterizedTest(name = "CP {0}, m {1}")
    @CsvSource({"2, 1", "4, 2"})
    void contextParallelExchangeIsHiddenAnalyticallyAndChargedInTheSimulation(int c, int m) {
        // The analytical model runs CP as ring attention: each chunk's keys and values move while the previous
        // chunk's attention is computed, exposing only max(0, t_cp_mb − t_core_mb). The simulated Megatron gathers
        // a layer's keys and values over the CP group before its forward and before its backward and reduce-scatters
        // their gradients after (all-gather CP, as Llama 3 ran it: Dubey et al. 2024 §3.3.2), on the rank's one
        // stream, so nothing hides them. Per layer and micro-batch those are 3 collectives of (C − 1)/C · S over the
        // link, S = kv_tok · tok_mb · C the whole sequence's keys and values, i.e. 3 (t_cp_layer + (C − 1) α) with
        // t_cp_layer = (C − 1) · tok_mb · kv_tok / r. With selective recomputation t_recompute_layer_mb is exactly a
        // layer's attention-core forward, t_core_mb / (3 L): the exchange is far shorter, so the analytical ledger
        // exposes none of it (cp_comm = 0) and the simulated step is longer by all of it:
        //   simulated − analytical = m · 3 L · (t_cp_layer + (C − 1) α).
        // The weight gradients are also all-reduced over the C ranks (n_dp = dp · cp): per layer in the simulator,
        // in one bucket analytically, (L − 1) · 2(C − 1) α more simulated.
        Both b = both(design(1, c, 1, 1, 1, 1, m, 0, Recompute.SELECTIVE, Schedule.ONE_F_ONE_B));
        double tCpLayer = (c - 1) * b.costs().tokensPerMicroBatch() * b.costs().kvBytesPerToken() / b.upRate();
        double exchange = tCpLayer + (c - 1) * b.alphaUp();
        assertThat(exchange).as("CP %d: the exchange is shorter than the attention core", c)
                .isLessThan(b.costs().recomputeLayer());
        assertThat(b.analytical().ledger().cpComm()).isZero();
        assertGap("CP " + c + ", m " + m, b, m * 3 * L * exchange + (L - 1) * 2 * (c - 1) * b.alphaUp());
    }

    @Test
    void allTogetherTheLastStagesGradientReductionDelaysTheDrain() {
        // TP 2 × PP 2 × DP 2, ZeRO 1, full recomputation, m = 4, all in one domain. Within a stage TP, recomputation
        // and ZeRO 1 agree term by term as above; the pipeline gives the 1F1B gap Lo + 2h. One more difference: the
        // simulated Megatron reduce-scatters a layer's summed gradient right after its last backward, on the one
        // stream, so the last stage's 16 reductions run before it sends its last gradient back and delay the drain;
        // the analytical model (like Megatron-LM's finalize_model_grads without overlap) exposes the DP traffic once
        // after the flush, as one stage's worth. Each reduction is (D − 1)/D · params_layer_gpu · b_grad_comm / r
        // + (D − 1) α (D = 2):
        //   simulated − analytical = 16 t_rs − (Lo + 2h), plus the α of stage 0's 16 all-gathers and 16
        //   reduce-scatters (one ring step each) beyond the analytical one-bucket pair: (32 − 2) α.
        Both b = both(design(2, 1, 2, 1, 2, 1, 8, 1, Recompute.FULL, Schedule.ONE_F_ONE_B));
        double rs = 0.5 * b.costs().paramsPerLayer() * b.costs().gradCommBytes() / b.upRate() + b.alphaUp();
        assertGap("TP 2 × PP 2 × DP 2, ZeRO 1", b, 16 * rs - (b.loss() + 2 * b.hop()) + 30 * b.alphaUp());
    }

    @Test
    void oneReplicaStandsForAllOfThem() {
        // TP 2 × CP 2 × PP 2 × DP 4 = 32 ranks of Llama 3.1 8B on H100 (domains of 8: the DP group spans domains):
        // simulating one data-parallel replica (8 ranks) gives the same step, memory and MFU, for every ZeRO stage,
        // with and without overlap — the replicas are symmetric and links are not shared
        Model.Architecture a = CATALOG.model("llama3.1-8b").architecture();
        Hardware hw = Hardware.of(CATALOG, "h100-sxm", Numerics.BF16);
        for (int zero = 0; zero <= 3; zero++) {
            for (boolean overlap : new boolean[] {false, true}) {
                ParallelConfig c = cfg(2, 2, 2, 1, 4, 16, zero);
                LayerCosts lc = MODEL.layerCosts(a, hw, c);
                Megatron whole = Megatron.of(c);
                Megatron one = whole.withFoldDp(true);
                LabSetup ws = whole.setup(a.layers(), 16, 1);
                LabSetup os = one.setup(a.layers(), 16, 1);
                assertThat(os.ranks()).isEqualTo(8);
                Engine.Options o = Engine.Options.LAB.withOverlap(overlap);
                SimulationResult w = new Engine(ws, new PhysicalPredictor(lc), new PhysicalSizes(lc), o)
                        .run(whole.programs(ws));
                PhysicalPredictor folded = new PhysicalPredictor(lc, one::realRank, one.replicaStride());
                SimulationResult f = new Engine(os, folded, new PhysicalSizes(lc), o.withReplicas(4))
                        .run(one.programs(os));
                String what = "ZeRO " + zero + (overlap ? ", overlap" : "");
                assertThat(f.endTime()).as(what).isCloseTo(w.endTime(),
                        org.assertj.core.data.Percentage.withPercentage(1e-9));
                assertThat(f.maxMemoryEvent().memory()).as(what).isEqualTo(w.maxMemoryEvent().memory());
                assertThat(folded.mfu(f)).as(what).isCloseTo(new PhysicalPredictor(lc).mfu(w),
                        org.assertj.core.data.Percentage.withPercentage(1e-9));
                assertThat(f.eventCount() * 4).as(what).isEqualTo(w.eventCount());
                assertThat(f.replicas()).isEqualTo(4);
            }
        }
    }

    @Test
    void refusesWhatItCannotRun() {
        assertThatThrownBy(() -> new Megatron(1, 1, 1, 1, 1, 4, Schedule.ONE_F_ONE_B))
                .hasMessageStartingWith("zero_stage = 4: expected 0, 1, 2 or 3");
        Megatron s = new Megatron(1, 1, 4, 1, 1, 0, Schedule.ONE_F_ONE_B);
        assertThatThrownBy(() -> s.programs(s.setup(3, 4, 1)))
                .hasMessageStartingWith("layers = 3: expected at least pp × vpp = 4");
        assertThat(List.of(s.name())).containsExactly("megatron");
    }
}
