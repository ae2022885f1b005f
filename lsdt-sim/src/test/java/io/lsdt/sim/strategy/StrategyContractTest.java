package io.lsdt.sim.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.catalog.Model;
import io.lsdt.physics.design.AnalyticalStepModel;
import io.lsdt.physics.design.Hardware;
import io.lsdt.physics.design.LayerCosts;
import io.lsdt.physics.design.Numerics;
import io.lsdt.physics.design.ParallelConfig;
import io.lsdt.physics.design.Recompute;
import io.lsdt.physics.design.Schedule;
import io.lsdt.sim.engine.Engine;
import io.lsdt.sim.engine.Event;
import io.lsdt.sim.engine.LabSetup;
import io.lsdt.sim.engine.Op;
import io.lsdt.sim.engine.SimulationResult;
import io.lsdt.sim.lab.LabConstants;
import io.lsdt.sim.lab.LabPredictor;
import io.lsdt.sim.lab.LabSizes;
import io.lsdt.sim.lab.StepsPredictor;
import io.lsdt.sim.predict.PhysicalPredictor;
import io.lsdt.sim.predict.PhysicalSizes;
import io.lsdt.sim.puzzles.Puzzles;
import io.lsdt.sim.state.IndexSet;
import io.lsdt.sim.state.Sizes;
import io.lsdt.sim.state.Value;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every strategy and every cost model keeps: each built-in strategy of {@link Strategies} (at its
 * registry example's sizes) and a set of Megatron designs, run under every predictor it supports — the puzzles' unit
 * steps, the GT lab's Calculon costs, and the design layer's physical costs with and without overlapping streams —
 * gives a step that obeys what a training step is, whatever the schedule or the costs:
 *
 * <ol>
 *   <li><b>deterministic</b>: two runs on fresh engines and predictors log the same events, bit for bit;</li>
 *   <li><b>one optimizer step</b> (the engine's final check, re-derived here from the programs and the log): every
 *       rank updates every layer it holds exactly once, with a gradient of all G samples, and the parts updated
 *       cover every shard of every tensor-parallel slice of every layer;</li>
 *   <li><b>every sample trained once</b>: each layer's forwards, and its backwards, cover each of the G samples the
 *       same number of times, that number being the layer's tensor-parallel slices (each slice computes its share
 *       of every sample); every sample's loss is computed that many times too;</li>
 *   <li><b>clocks</b>: no negative start or duration; on each stream of each rank an event starts no earlier than
 *       the previous one ends (one operation at a time per stream); the end time is the latest end, at least the
 *       busiest stream's total busy time, and at least the lab's execution time (the last start);</li>
 *   <li><b>messages</b>: the k-th send from a rank to a peer is the peer's k-th receive from it — same layer,
 *       micro-batch and samples, the same duration (a transfer is charged on both sides), starting no earlier than
 *       the send starts (GT lab) or ends (srush's pass rule);</li>
 *   <li><b>memory</b>: never negative; from a rank's last load on, at least the weights and optimizer state it
 *       loaded (they stay resident: updates replace them in place), so the peak holds at least that.</li>
 * </ol>
 * Each assertion compares numbers the run produced with numbers derived independently (from the programs, the sizes
 * and the setup), so a broken strategy, engine or predictor fails here.
 */
class StrategyContractTest {
    private static final Catalog CATALOG = Catalog.builtIn();
    private static final Model.Architecture LLAMA_8B = CATALOG.model("llama3.1-8b").architecture();
    private static final Hardware H100 = Hardware.of(CATALOG, "h100-sxm", Numerics.BF16);
    private static final AnalyticalStepModel MODEL = io.lsdt.physics.Physics.stepModel();

    /** The cost models a strategy can run under. */
    enum Costs {
        /** srush's unit steps, srush's pass rule, the puzzles' h and L (as {@code lsdt simulate} runs them). */
        STEPS,
        /** The GT lab's RuntimePredictor over h100_80g_nvl8, the lab's h and L, the GT send rule. */
        LAB,
        /** The design layer's costs of Llama 3.1 8B on H100 (whole layers), one stream per rank. */
        PHYSICAL,
        /** The same with a compute stream and one stream per communicator. */
        PHYSICAL_OVERLAP
    }

    /** One run: what is simulated, and how to make a fresh engine for it (a fresh predictor each time). */
    record Case(String name, Strategy strategy, LabSetup setup, Costs costs, Supplier<Engine> engine, Sizes sizes,
            Engine.PointToPoint pointToPoint) {
        @Override
        public String toString() {
            return name + " / " + costs;
        }
    }

    static Stream<Case> cases() {
        List<Case> out = new ArrayList<>();
        for (Strategies.Entry e : Strategies.all()) {
            Map<String, Integer> o = options(e.example());
            Strategy s = Strategies.create(e.name(), new Strategies.Degrees(o.getOrDefault("--pp", 0),
                    o.getOrDefault("--tp", 0), o.getOrDefault("--virtual-stages", 0)));
            int ranks = o.get("--ranks");
            int gbs = o.get("--global-batch");
            int mb = o.get("--micro-batch");
            for (Costs c : Costs.values()) {
                // the physical predictor times a real model: its layers, not the example's
                int layers = c == Costs.STEPS || c == Costs.LAB ? o.get("--layers") : LLAMA_8B.layers();
                // a design of whole layers, data-parallel over the ranks, as lsdt simulate --predictor physical
                ParallelConfig cfg = new ParallelConfig(1, 1, 1, ranks, 1, 1, mb, gbs, 0, Recompute.NONE, false,
                        Schedule.ONE_F_ONE_B, Numerics.BF16, c == Costs.PHYSICAL_OVERLAP, false);
                out.add(of(e.name(), s, new LabSetup(ranks, layers, gbs, mb), c, cfg, 1));
            }
        }
        // Megatron designs of Llama 3.1 8B: every kind of parallelism, every ZeRO stage, every schedule
        List<ParallelConfig> designs = List.of(
                design(2, 2, 2, 1, 2, 1, 8, 1, Recompute.NONE, Schedule.ONE_F_ONE_B),
                design(2, 1, 2, 1, 2, 2, 8, 2, Recompute.SELECTIVE, Schedule.GPIPE),
                design(1, 2, 1, 1, 2, 3, 4, 1, Recompute.FULL, Schedule.ONE_F_ONE_B),
                design(1, 1, 4, 2, 1, 0, 8, 1, Recompute.NONE, Schedule.INTERLEAVED_1F1B),
                design(4, 1, 1, 1, 2, 0, 4, 2, Recompute.FULL, Schedule.ONE_F_ONE_B));
        for (ParallelConfig d : designs) {
            Megatron m = Megatron.of(d);
            String name = String.format("megatron tp %d cp %d pp %d vpp %d dp %d zero %d %s %s", d.tp(), d.cp(),
                    d.pp(), d.vpp(), d.dp(), d.zeroStage(), d.recompute(), d.schedule());
            for (Costs c : Costs.values()) {
                int layers = c == Costs.STEPS || c == Costs.LAB ? 8 : LLAMA_8B.layers();
                ParallelConfig cfg = c == Costs.PHYSICAL_OVERLAP ? overlap(d) : d;
                out.add(of(name, m, m.setup(layers, d.globalBatch(), d.microBatch()), c, cfg,
                        Megatron.CHANNEL_CAPACITY));
            }
        }
        return out.stream();
    }

    private static Case of(String name, Strategy s, LabSetup setup, Costs c, ParallelConfig cfg, int channels) {
        return switch (c) {
            case STEPS -> {
                Sizes sizes = new LabSizes(Puzzles.HIDDEN, Puzzles.LENGTH);
                Engine.Options o = Engine.Options.LAB.withPointToPoint(Engine.PointToPoint.SRUSH)
                        .withChannelCapacity(channels);
                yield new Case(name, s, setup, c, () -> new Engine(setup, new StepsPredictor(), sizes, o), sizes,
                        Engine.PointToPoint.SRUSH);
            }
            case LAB -> {
                Sizes sizes = new LabSizes(LabConstants.HIDDEN, LabConstants.SEQUENCE);
                Engine.Options o = Engine.Options.LAB.withChannelCapacity(channels);
                yield new Case(name, s, setup, c, () -> new Engine(setup, new LabPredictor(setup.ranks()), sizes, o),
                        sizes, Engine.PointToPoint.GT_LAB);
            }
            case PHYSICAL, PHYSICAL_OVERLAP -> {
                LayerCosts lc = MODEL.layerCosts(LLAMA_8B, H100, cfg);
                Sizes sizes = new PhysicalSizes(lc);
                Engine.Options o = Engine.Options.LAB.withOverlap(c == Costs.PHYSICAL_OVERLAP)
                        .withChannelCapacity(channels);
                yield new Case(name, s, setup, c, () -> new Engine(setup, new PhysicalPredictor(lc), sizes, o), sizes,
                        Engine.PointToPoint.GT_LAB);
            }
        };
    }

    private static ParallelConfig design(int tp, int cp, int pp, int vpp, int dp, int zero, int gbs, int mb,
            Recompute rc, Schedule schedule) {
        return new ParallelConfig(tp, pp, vpp, dp, cp, 1, mb, gbs, zero, rc, tp > 1, schedule, Numerics.BF16, false,
                false);
    }

    private static ParallelConfig overlap(ParallelConfig d) {
        return new ParallelConfig(d.tp(), d.pp(), d.vpp(), d.dp(), d.cp(), d.ep(), d.microBatch(), d.globalBatch(),
                d.zeroStage(), d.recompute(), d.sequenceParallel(), d.schedule(), d.numerics(), true, false);
    }

    @Test
    void everyStrategyOfTheRegistryRunsUnderEveryPredictor() {
        // the registry's 14 strategies and 5 Megatron designs, each under the 4 cost models: 76 runs, none left out
        assertThat(cases().map(Case::name).distinct().count()).isEqualTo(Strategies.all().size() + 5);
        assertThat(cases().count()).isEqualTo(4L * (Strategies.all().size() + 5));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theStepKeepsTheContract(Case c) {
        List<List<Op>> programs = c.strategy().programs(c.setup());
        SimulationResult r = c.engine().get().run(programs);
        SimulationResult again = c.engine().get().run(c.strategy().programs(c.setup()));

        // 1. deterministic
        assertThat(again.events()).isEqualTo(r.events());
        assertThat(again.endTime()).isEqualTo(r.endTime());
        for (int rank = 0; rank < r.ranks(); rank++) {
            assertThat(again.streamNames(rank)).isEqualTo(r.streamNames(rank));
        }

        LabSetup s = c.setup();
        IndexSet all = IndexSet.range(0, s.globalBatch());
        // 2. one optimizer step: the parts each rank loads, and its updates
        Map<Integer, TreeSet<Integer>> partsUpdated = new TreeMap<>();
        Map<Integer, Integer> partsPerLayer = new HashMap<>();
        Map<Integer, Integer> slicesPerLayer = new HashMap<>();
        double heldMax = 0;
        for (int rank = 0; rank < s.ranks(); rank++) {
            Map<Integer, Op.LoadWeights> loads = new TreeMap<>();
            double held = 0;
            for (Op op : programs.get(rank)) {
                if (op instanceof Op.LoadWeights w) {
                    assertThat(loads.put(w.layer(), w)).as("rank %d loads layer %d once", rank, w.layer()).isNull();
                    partsPerLayer.put(w.layer(), w.numShards() * w.slices());
                    slicesPerLayer.put(w.layer(), w.slices());
                    IndexSet shard = IndexSet.of(w.shard());
                    held += c.sizes().memory(new Value(Value.Type.WEIGHT, w.layer(), IndexSet.EMPTY, shard,
                            w.numShards(), w.slice(), w.slices(), 0, 0))
                            + c.sizes().memory(new Value(Value.Type.OPT_STATE, w.layer(), IndexSet.EMPTY, shard,
                                    w.numShards(), w.slice(), w.slices(), 0, 0));
                }
            }
            List<Event> log = r.events().get(rank);
            Map<Integer, Integer> updates = new TreeMap<>();
            for (Event e : log) {
                if (e.kind() == Event.Kind.UPDATE) {
                    updates.merge(e.layer(), 1, Integer::sum);
                    assertThat(e.samples()).as("rank %d updates layer %d with every sample's gradient", rank,
                            e.layer()).isEqualTo(all);
                    Op.LoadWeights w = loads.get(e.layer());
                    assertThat(w).as("rank %d updates layer %d, which it holds", rank, e.layer()).isNotNull();
                    partsUpdated.computeIfAbsent(e.layer(), l -> new TreeSet<>())
                            .add(w.slice() * w.numShards() + w.shard());
                }
            }
            assertThat(updates.keySet()).as("rank %d updates every layer it holds", rank)
                    .containsExactlyElementsOf(loads.keySet());
            assertThat(updates.values()).as("rank %d updates each layer once", rank).allMatch(n -> n == 1);

            // 6. memory: from the last load on, at least the weights and optimizer state loaded
            int lastLoad = -1;
            for (int i = 0; i < log.size(); i++) {
                assertThat(log.get(i).memory()).isGreaterThanOrEqualTo(0);
                if (log.get(i).kind() == Event.Kind.LOAD_WEIGHTS) {
                    lastLoad = i;
                }
            }
            assertThat(lastLoad).as("rank %d loads its weights", rank).isGreaterThanOrEqualTo(0);
            for (int i = lastLoad + 1; i < log.size(); i++) {
                assertThat(log.get(i).memory()).as("rank %d, event %d", rank, i)
                        .isGreaterThanOrEqualTo(held * (1 - 1e-12));
            }
            heldMax = Math.max(heldMax, held);
        }
        assertThat(partsUpdated.keySet()).as("every layer is updated").hasSize(s.layers());
        partsUpdated.forEach((layer, parts) -> assertThat(parts).as("layer %d: every shard of every slice", layer)
                .hasSize(partsPerLayer.get(layer)));
        assertThat(r.maxMemoryEvent().memory()).isGreaterThanOrEqualTo(heldMax * (1 - 1e-12));

        // 3. every sample trained once (per tensor-parallel slice)
        for (Event.Kind kind : new Event.Kind[] {Event.Kind.FORWARD, Event.Kind.BACKWARD}) {
            int[][] count = new int[s.layers()][s.globalBatch()];
            forEach(r, kind, e -> e.samples().stream().forEach(i -> count[e.layer()][i]++));
            for (int l = 0; l < s.layers(); l++) {
                int slices = slicesPerLayer.get(l);
                for (int i = 0; i < s.globalBatch(); i++) {
                    assertThat(count[l][i]).as("%s of layer %d, sample %d", kind, l, i).isEqualTo(slices);
                }
            }
        }
        int[] losses = new int[s.globalBatch()];
        forEach(r, Event.Kind.LOSS, e -> e.samples().stream().forEach(i -> losses[i]++));
        int lastSlices = slicesPerLayer.get(s.layers() - 1);
        assertThat(losses).as("losses per sample").containsOnly(lastSlices);

        // 4. clocks
        double end = 0;
        double busiest = 0;
        for (List<Event> log : r.events()) {
            Map<Integer, Double> clock = new HashMap<>();
            Map<Integer, Double> busy = new HashMap<>();
            for (Event e : log) {
                assertThat(e.start()).as("%s", e).isGreaterThanOrEqualTo(0);
                assertThat(e.duration()).as("%s", e).isGreaterThanOrEqualTo(0);
                assertThat(e.start()).as("%s starts after its stream's previous event", e)
                        .isGreaterThanOrEqualTo(clock.getOrDefault(e.stream(), 0.0));
                clock.put(e.stream(), e.end());
                busy.merge(e.stream(), e.duration(), Double::sum);
                end = Math.max(end, e.end());
            }
            for (double b : busy.values()) {
                busiest = Math.max(busiest, b);
            }
        }
        assertThat(r.endTime()).isEqualTo(end);
        assertThat(r.endTime()).isGreaterThanOrEqualTo(busiest * (1 - 1e-12));
        assertThat(r.endTime()).isGreaterThanOrEqualTo(r.executionTime());

        // 5. messages
        Map<Long, ArrayDeque<Event>> sent = new HashMap<>();
        for (List<Event> log : r.events()) {
            for (Event e : log) {
                if (e.kind() == Event.Kind.SEND) {
                    sent.computeIfAbsent((long) e.rank() * s.ranks() + e.peer(), k -> new ArrayDeque<>()).add(e);
                }
            }
        }
        for (List<Event> log : r.events()) {
            for (Event e : log) {
                if (e.kind() == Event.Kind.RECV) {
                    ArrayDeque<Event> channel = sent.get((long) e.peer() * s.ranks() + e.rank());
                    assertThat(channel).as("a send for %s", e).isNotNull().isNotEmpty();
                    Event send = channel.poll();
                    assertThat(List.of(e.layer(), e.microBatch())).as("%s receives %s", e, send)
                            .isEqualTo(List.of(send.layer(), send.microBatch()));
                    assertThat(e.samples()).isEqualTo(send.samples());
                    assertThat(e.duration()).isEqualTo(send.duration());
                    assertThat(e.start()).isGreaterThanOrEqualTo(c.pointToPoint() == Engine.PointToPoint.SRUSH
                            ? send.end() : send.start());
                }
            }
        }
        assertThat(sent.values()).as("every send is received").allMatch(ArrayDeque::isEmpty);
    }

    private static void forEach(SimulationResult r, Event.Kind kind, java.util.function.Consumer<Event> action) {
        r.events().forEach(log -> log.stream().filter(e -> e.kind() == kind).forEach(action));
    }

    private static Map<String, Integer> options(String example) {
        String[] t = example.split(" ");
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < t.length; i += 2) {
            m.put(t[i], Integer.parseInt(t[i + 1]));
        }
        return m;
    }
}
