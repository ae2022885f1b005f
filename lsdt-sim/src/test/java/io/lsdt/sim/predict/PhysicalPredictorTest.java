package io.lsdt.sim.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.catalog.Model;
import io.lsdt.physics.comm.Collectives;
import io.lsdt.physics.design.AnalyticalStepModel;
import io.lsdt.physics.design.Hardware;
import io.lsdt.physics.design.LayerCosts;
import io.lsdt.physics.design.Numerics;
import io.lsdt.physics.design.ParallelConfig;
import io.lsdt.physics.design.Recompute;
import io.lsdt.physics.design.Schedule;
import io.lsdt.sim.engine.Predictor;
import io.lsdt.sim.state.Group;
import io.lsdt.sim.state.IndexSet;
import io.lsdt.sim.state.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The physical predictor and sizes charge exactly the design layer's per-layer quantities and the comm scope's
 * transfers: Llama 3.1 70B on H100 SXM (scale-up domains of 8), TP 4, PP 2, 2 sequences per micro-batch, full
 * recomputation.
 */
class PhysicalPredictorTest {
    private static final Catalog CATALOG = Catalog.builtIn();
    private static final Model.Architecture A = CATALOG.model("llama3.1-70b").architecture();
    private static final Hardware HW = Hardware.of(CATALOG, "h100-sxm", Numerics.BF16);
    private static final ParallelConfig CFG = new ParallelConfig(4, 2, 1, 4, 1, 1, 2, 64, 1, Recompute.FULL, true,
            Schedule.ONE_F_ONE_B, Numerics.BF16, true, false);
    private static final LayerCosts C = io.lsdt.physics.Physics.stepModel().layerCosts(A, HW, CFG);

    @Test
    void computeIsTheDesignsPerLayerTimesPerSample() {
        PhysicalPredictor p = new PhysicalPredictor(C);
        // per sample: half the design's micro-batch of 2
        assertThat(p.forward(3, 2)).isCloseTo(C.forwardLayer() + C.memoryBoundLayer(), within(1e-15));
        assertThat(p.backward(3, 2)).isCloseTo(2 * C.forwardLayer() + 2 * C.memoryBoundLayer() + C.recomputeLayer(),
                within(1e-15));
        // full recomputation repeats the forward's GEMMs and attention core: t_recompute_layer_mb = t_fwd_layer_mb
        // (design scope: rc_full · tok_mb · proj_flop_tok / (tp · peak · eff_gemm) + the attention core's term)
        assertThat(C.recomputeLayer()).isCloseTo(C.forwardLayer(), within(1e-15 * C.forwardLayer()));
        assertThat(p.loss(1)).isCloseTo(1.5 * C.logitsForward(), within(1e-15));
        assertThat(p.update(0, 1, 4)).isCloseTo(C.paramsPerLayer() * C.optimizerPerParam() / 4, within(1e-15));
        assertThat(p.loadWeights(1, 1)).isZero();
        assertThat(p.memoryUnit()).isEqualTo("bytes");
    }

    @Test
    void transfersUseTheLinkTheGroupSpans() {
        PhysicalPredictor p = new PhysicalPredictor(C);
        Collectives k = io.lsdt.physics.Physics.collectives();
        double up = k.time(Collectives.Kind.ALL_REDUCE, 4, 1e8, HW.scaleUpBandwidth(), C.calibration().effLinkUp(),
                HW.scaleUpLatency());
        double out = k.time(Collectives.Kind.ALL_REDUCE, 4, 1e8, HW.scaleOutBandwidth(),
                C.calibration().effLinkOut(), HW.scaleOutLatency());
        Group inNode = new Group(1, List.of(0, 1, 2, 3));
        Group acrossNodes = new Group(2, List.of(0, 8, 16, 24));
        assertThat(p.collective(Predictor.Collective.ALL_REDUCE, Value.Type.WEIGHT_GRAD, 100_000_000, inNode))
                .isEqualTo(up);
        assertThat(p.collective(Predictor.Collective.ALL_REDUCE, Value.Type.WEIGHT_GRAD, 100_000_000, acrossNodes))
                .isEqualTo(out);
        // Megatron: two all-reduces per layer forward; backward two more for full recomputation
        assertThat(p.collective(Predictor.Collective.ALL_REDUCE, Value.Type.ACTIVATION, 100_000_000, inNode))
                .isEqualTo(2 * up);
        assertThat(p.collective(Predictor.Collective.ALL_REDUCE, Value.Type.ACTIVATION_GRAD, 100_000_000, inNode))
                .isEqualTo(4 * up);
        // a pipeline transfer is split over TP 4 (scatter/gather) and crosses domains between ranks 0 and 8
        assertThat(p.p2p(4_000_000, 0, 8)).isEqualTo(k.time(Collectives.Kind.P2P, 2, 1_000_000,
                HW.scaleOutBandwidth(), C.calibration().effLinkOut(), HW.scaleOutLatency()));
    }

    @Test
    void sizesAreTheDesignsBytes() {
        PhysicalSizes s = new PhysicalSizes(C);
        double pl = C.paramsPerLayer();
        Value shard = new Value(Value.Type.OPT_STATE, 5, IndexSet.EMPTY, IndexSet.of(1), 4, 0);
        assertThat(s.memory(shard)).isCloseTo(pl * 12 / 4, within(1e-3));
        Value w = new Value(Value.Type.WEIGHT, 5, IndexSet.EMPTY, IndexSet.of(0), 1, 0);
        assertThat(s.memory(w)).isCloseTo(pl * 2, within(1e-3));
        assertThat(s.payload(w)).isEqualTo(Math.round(pl * 2));
        Value act = new Value(Value.Type.ACTIVATION, 5, IndexSet.range(0, 2), IndexSet.of(0), 1, 0);
        // two sequences of 8192 tokens, act_tok_layer bytes each
        assertThat(s.memory(act)).isCloseTo(C.activationBytesPerToken() * 8192 * 2, within(1e-3));
        assertThat(s.payload(act)).isEqualTo(2L * 8192 * 8192 * 2);
        Value loss = new Value(Value.Type.ACTIVATION, A.layers(), IndexSet.range(0, 2), IndexSet.of(0), 1, 0);
        assertThat(s.memory(loss)).isCloseTo(C.logitsActivationBytes(), within(1e-3));
        Value grad = new Value(Value.Type.ACTIVATION_GRAD, 5, IndexSet.of(0), IndexSet.of(0), 1, 0);
        assertThat(s.memory(grad)).isCloseTo(8192.0 * 8192 * 2 / 4, within(1e-3)); // split over TP 4 (SP)
    }
}
