package io.lsdt.sim.predict;

import io.lsdt.physics.comm.Collectives;
import io.lsdt.physics.design.Hardware;
import io.lsdt.physics.design.LayerCosts;
import io.lsdt.physics.design.Recompute;
import io.lsdt.sim.engine.Predictor;
import io.lsdt.sim.engine.SimulationResult;
import io.lsdt.sim.state.Group;
import io.lsdt.sim.state.Value;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * Real costs of a transformer training step on catalog hardware, from the design layer's equations
 * ({@link LayerCosts}): what an analytical design and a simulation of it share. One simulator sample is one
 * sequence, or its chunk under context parallelism; one layer is one transformer layer (attention and MLP).
 *
 * <ul>
 *   <li>forward of a layer: {@code t_fwd_layer_mb + t_mem_layer_mb} per micro-batch of the design, in proportion
 *       to the samples;</li>
 *   <li>backward: twice the forward's GEMMs and memory traffic (Narayanan et al. 2021 §5.1) plus the layer's
 *       recomputation;</li>
 *   <li>loss: forward and backward of the output projection, {@code 3 · t_logits_fwd_mb};</li>
 *   <li>update: the Adam step, {@code t_optimizer_param} per parameter of the shard held;</li>
 *   <li>collectives and point-to-point: the {@code comm} scope's ring α–β times over the link the group uses:
 *       scale-up when every member is in one scale-up domain (ranks are numbered domain by domain), scale-out
 *       otherwise. A tensor-parallel all-reduce of activations stands for Megatron's two per layer (after
 *       attention and after the MLP; Shoeybi et al. 2019 §3), in the backward two more with full recomputation;
 *       a pipeline transfer is split over the tensor-parallel group (Narayanan et al. 2021 §4.1, scatter/gather);</li>
 *   <li>weights are resident at the start of a step: loading is free.</li>
 * </ul>
 * Times of distinct transfers are memoized. Not thread-safe.
 */
public final class PhysicalPredictor implements Predictor {
    private final LayerCosts costs;
    private final int domain;
    private final IntUnaryOperator realRank;
    private final int replicaStride;
    private final Map<Group, Boolean> inside = new IdentityHashMap<>();
    private final Map<Group, Integer> perDomain = new IdentityHashMap<>();
    private final double perSampleForward;
    private final double perSampleBackward;
    private final double perSampleLoss;
    private final Map<Transfer, Double> memo = new HashMap<>();

    private record Transfer(Collectives.Kind kind, int n, double bytes, boolean inside, int perDomain) {}

    /**
     * A predictor for a simulation of the whole job: simulated ranks are the job's own ranks.
     *
     * @param costs the design's per-layer costs
     */
    public PhysicalPredictor(LayerCosts costs) {
        this(costs, IntUnaryOperator.identity(), 0);
    }

    /**
     * A predictor for a simulation whose rank numbers are not the job's (one data-parallel replica standing for
     * all): links are chosen by where the ranks really are.
     *
     * @param costs the design's per-layer costs
     * @param realRank the job's rank of each simulated rank (scale-up domains are consecutive job ranks)
     * @param replicaStride job ranks between the same member of consecutive replicas of a replicated group
     */
    public PhysicalPredictor(LayerCosts costs, IntUnaryOperator realRank, int replicaStride) {
        this.costs = costs;
        this.realRank = realRank;
        this.replicaStride = replicaStride;
        this.domain = Math.max(1, costs.hardware().scaleUpDomain());
        double mb = costs.config().microBatch();
        perSampleForward = (costs.forwardLayer() + costs.memoryBoundLayer()) / mb;
        perSampleBackward = (2 * costs.forwardLayer() + 2 * costs.memoryBoundLayer() + costs.recomputeLayer()) / mb;
        perSampleLoss = 3 * costs.logitsForward() / mb;
    }

    /**
     * The design's per-layer costs that every predicted time derives from.
     *
     * @return the costs this predictor charges
     */
    public LayerCosts costs() {
        return costs;
    }

    @Override
    public double forward(int layer, int samples) {
        return perSampleForward * samples;
    }

    @Override
    public double backward(int layer, int samples) {
        return perSampleBackward * samples;
    }

    @Override
    public double loss(int samples) {
        return perSampleLoss * samples;
    }

    @Override
    public double update(int layer, int shardsOnDevice, int numShards) {
        return costs.paramsPerLayer() * costs.optimizerPerParam() * shardsOnDevice / numShards;
    }

    @Override
    public double collective(Collective op, Value.Type type, long bytes, Group group) {
        double t = transfer(switch (op) {
            case ALL_REDUCE -> Collectives.Kind.ALL_REDUCE;
            case ALL_GATHER -> Collectives.Kind.ALL_GATHER;
            case REDUCE_SCATTER -> Collectives.Kind.REDUCE_SCATTER;
        }, group.span(), bytes, inside.computeIfAbsent(group, this::withinOneDomain),
                perDomain.computeIfAbsent(group, this::membersPerDomain));
        if (op == Collective.ALL_REDUCE && type == Value.Type.ACTIVATION) {
            return 2 * t;
        }
        if (op == Collective.ALL_REDUCE && type == Value.Type.ACTIVATION_GRAD) {
            return (costs.config().recompute() == Recompute.FULL ? 4 : 2) * t;
        }
        return t;
    }

    @Override
    public double p2p(long bytes, int from, int to) {
        return transfer(Collectives.Kind.P2P, 2, (double) bytes / costs.config().tp(),
                realRank.applyAsInt(from) / domain == realRank.applyAsInt(to) / domain, 1);
    }

    /**
     * The group's members (every replica's included) in its first member's scale-up domain, over whose NICs a ring
     * stripes (CommScope).
     */
    private int membersPerDomain(Group g) {
        int d = realRank.applyAsInt(g.member(0)) / domain;
        int k = 0;
        for (int j = 0; j < g.replicas(); j++) {
            for (int i = 0; i < g.size(); i++) {
                if ((realRank.applyAsInt(g.member(i)) + (long) j * replicaStride) / domain == d) {
                    k++;
                }
            }
        }
        return Math.max(1, k);
    }

    /** Whether every rank the group spans (every replica's members) sits in one scale-up domain. */
    private boolean withinOneDomain(Group g) {
        int lo = Integer.MAX_VALUE;
        int hi = Integer.MIN_VALUE;
        for (int i = 0; i < g.size(); i++) {
            int r = realRank.applyAsInt(g.member(i));
            lo = Math.min(lo, r);
            hi = Math.max(hi, r);
        }
        hi += (g.replicas() - 1) * replicaStride;
        return lo / domain == hi / domain;
    }

    private double transfer(Collectives.Kind kind, int n, double bytes, boolean inside, int perDomain) {
        Transfer key = new Transfer(kind, n, bytes, inside, perDomain);
        Double t = memo.get(key);
        if (t == null) {
            Hardware hw = costs.hardware();
            boolean up = inside && hw.scaleUpBandwidth() > 0 || hw.scaleOutBandwidth() <= 0;
            t = io.lsdt.physics.Physics.collectives().time(kind, n, bytes, up ? hw.scaleUpBandwidth()
                            : io.lsdt.physics.comm.CommScope.ringBandwidth(true, perDomain, hw.scaleUpBandwidth(),
                                    hw.scaleOutBandwidth()),
                    up ? costs.calibration().effLinkUp() : costs.calibration().effLinkOut(),
                    up ? hw.scaleUpLatency() : hw.scaleOutLatency());
            memo.put(key, t);
        }
        return t;
    }

    // ---- the lab's questions without context: a layer-0 micro-batch, a transfer within one domain

    @Override
    public double forwardBackward(int samples) {
        return forward(0, samples);
    }

    @Override
    public double update(int shardsOnDevice, int numShards) {
        return update(0, shardsOnDevice, numShards);
    }

    @Override
    public double loadWeights(int shardsOnDevice, int numShards) {
        return 0;
    }

    @Override
    public double collective(Collective op, long bytes) {
        return collective(op, Value.Type.WEIGHT_GRAD, bytes, new Group(0, java.util.List.of(0, 1)));
    }

    @Override
    public double p2p(long bytes) {
        return p2p(bytes, 0, 1);
    }

    @Override
    public double loss() {
        return loss(costs.config().microBatch());
    }

    /** @return {@code "bytes"} */
    @Override
    public String memoryUnit() {
        return "bytes";
    }

    /**
     * Model FLOPs utilisation of a simulated step: the design's model FLOPs of the step ({@code flop_model_step},
     * forward and backward, recomputation not counted) over (true end × ranks × dense peak).
     *
     * @param result the simulated step
     * @return a fraction, or null when the step took no time
     */
    public Double mfu(SimulationResult result) {
        double t = result.endTime();
        return t > 0 ? costs.modelFlopsPerStep() / (t * (double) result.ranks() * result.replicas()
                * costs.hardware().peakFlops()) : null;
    }

    @Override
    public String toString() {
        return "PhysicalPredictor[" + costs.hardware().deviceId() + ", " + costs.config() + "]";
    }
}
