package io.lsdt.sim.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/** The Megatron strategy: its layer split, the operations it writes, and agreement with the analytical model. */
class MegatronTest {
    private static final Catalog CATALOG = Catalog.builtIn();
    private static final AnalyticalStepModel MODEL = new AnalyticalStepModel();

    private static ParallelConfig cfg(int tp, int cp, int pp, int vpp, int dp, int gbs, int zero) {
        return new ParallelConfig(tp, pp, vpp, dp, cp, 1, 1, gbs, zero, Recompute.NONE, tp > 1,
                vpp > 1 ? Schedule.INTERLEAVED_1F1B : Schedule.ONE_F_ONE_B, Numerics.BF16, false, false);
    }

    /** A design of Llama 3.1 8B on H100, predicted and simulated (one stream per rank, as the analytical ledger). */
    private record Both(Prediction analytical, SimulationResult simulated) {}

    private static Both both(ParallelConfig c) {
        Model.Architecture a = CATALOG.model("llama3.1-8b").architecture();
        Hardware hw = Hardware.of(CATALOG, "h100-sxm", Numerics.BF16);
        LayerCosts lc = MODEL.layerCosts(a, hw, c);
        Megatron s = Megatron.of(c);
        LabSetup setup = s.setup(a.layers(), c.globalBatch(), c.microBatch());
        return new Both(MODEL.predict(a, hw, c), new Engine(setup, new PhysicalPredictor(lc), new PhysicalSizes(lc),
                Engine.Options.LAB).run(s.programs(setup)));
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
