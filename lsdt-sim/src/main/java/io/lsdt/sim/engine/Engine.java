package io.lsdt.sim.engine;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.unit.UnitFormat;
import io.lsdt.graph.unit.Units;
import io.lsdt.sim.predict.Predictor;
import io.lsdt.sim.predict.StepsPredictor;
import io.lsdt.sim.state.Value;
import io.lsdt.sim.state.Value.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Interprets every rank's program with the lab's semantics (seed 001, GT lab {@code lib.py}) in one thread,
 * deterministically: no thread per rank. Each rank has one clock (compute and communication share a stream, as
 * in the lab); an event starts at the rank's clock and advances it by its predicted duration. A receive starts no
 * earlier than the message's timestamp (the sender's clock before its send in the GT lab, after it in srush's
 * puzzles: {@link PointToPoint}), and each pair of ranks has a one-message channel, so a second send blocks until the
 * first is received. A rank that cannot proceed waits; if none can, the run ends with a
 * deadlock diagnosis naming each waiting rank, its operation and its clock.
 *
 * <p>Memory is the sum of the values a rank stores, in the lab's unit (elements), logged before an operation stores
 * its result. The lab's assertions are enforced with a diagnosis (rank, operation, time). At the end every layer
 * must have been updated exactly once with every sample's gradient, and every message sent must have been received.
 *
 * <p>Two point-to-point semantics are offered ({@link PointToPoint}); they differ only in the timestamp a message
 * carries.
 */
public final class Engine {
    /**
     * Which lab's point-to-point clock rule to apply ({@code shared/reference/lab-simulator.md} §5.4).
     */
    public enum PointToPoint {
        /**
         * GT CS 8803 lab {@code lib.py}: {@code send} enqueues the message with the sender's clock <em>before</em> the
         * send, then logs the send; the receive starts at max(that clock, the receiver's clock).
         */
        GT_LAB,
        /**
         * srush/LLM-Training-Puzzles {@code lib.py}: {@code pass_to} logs its 0.2-step {@code pass} <em>first</em>
         * and enqueues the message with the clock after it, so the receive starts no earlier than the end of the
         * send. The PR #7 targets of puzzles 5–7 (66.9, 33.3, 15.5 steps) hold only with this rule; with the GT rule
         * each hop is 0.2 steps shorter. srush's one queue per destination (its {@code receive()} takes whatever
         * arrives first) is not reproduced: a receive here names its source, which gives the same result whenever
         * a rank's messages arrive in the order it receives them, as in every puzzle. Blocking never moves a clock
         * in either lab, so it cannot change a time.
         */
        SRUSH
    }

    private final LabSetup setup;
    private final Predictor predictor;
    private final int hidden;
    private final int sequence;
    private final PointToPoint pointToPoint;
    private final Map<Integer, Integer> finalShardCount = new HashMap<>();

    /**
     * An engine with the GT lab's point-to-point rule.
     *
     * @param setup sizes
     * @param predictor operation costs
     * @param hidden the lab's h (elements per row of a layer)
     * @param sequence the lab's L (tokens per sample)
     */
    public Engine(LabSetup setup, Predictor predictor, int hidden, int sequence) {
        this(setup, predictor, hidden, sequence, PointToPoint.GT_LAB);
    }

    /**
     * @param setup sizes
     * @param predictor operation costs
     * @param hidden the lab's h (elements per row of a layer)
     * @param sequence the lab's L (tokens per sample)
     * @param pointToPoint the clock rule of sends and receives
     */
    public Engine(LabSetup setup, Predictor predictor, int hidden, int sequence, PointToPoint pointToPoint) {
        this.setup = setup;
        this.predictor = predictor;
        this.hidden = hidden;
        this.sequence = sequence;
        this.pointToPoint = pointToPoint;
    }

    private record Message(Op.Key key, Value value, double sentAt, int sender, Op op, double sendStart) {}

    private final class Rank {
        final int id;
        final List<Op> ops;
        int pc;
        double clock;
        /** The clock when the current operation began: a failure is reported at this time. */
        double opStart;
        double memory;
        final Map<Op.Key, Value> store = new LinkedHashMap<>();
        final List<Event> events = new ArrayList<>();

        Rank(int id, List<Op> ops) {
            this.id = id;
            this.ops = ops;
        }

        boolean done() {
            return pc >= ops.size();
        }

        void put(Op.Key k, Value v) {
            Value old = store.put(k, v);
            if (old != null) {
                memory -= old.memory(hidden, sequence);
            }
            memory += v.memory(hidden, sequence);
        }

        Value take(Op.Key k) {
            Value v = store.remove(k);
            if (v != null) {
                memory -= v.memory(hidden, sequence);
            }
            return v;
        }

        void log(Event.Kind kind, int layer, double duration, BitSet samples, int mb, int peer) {
            List<Integer> s = samples.stream().boxed().toList();
            events.add(new Event(kind, layer, id, clock, duration, memory, s, mb, peer));
            clock += duration;
        }

        Value need(Op.Key k, Op op) {
            Value v = store.get(k);
            if (v == null) {
                throw fail(this, op, "it needs " + describe(k) + ", which this rank does not store");
            }
            return v;
        }
    }

    /**
     * Runs the step.
     *
     * @param programs one program per rank
     * @return the events and summary
     * @throws LsdtException {@link Problem#STRATEGY_ERROR} when a rank breaks a rule, {@link Problem#DEADLOCK} when no
     *     rank can proceed
     */
    public SimulationResult run(List<List<Op>> programs) {
        if (programs.size() != setup.ranks()) {
            throw LsdtException.of(Problem.INVALID_VALUE, "programs", programs.size(), setup.ranks() + " (one per rank)");
        }
        List<Rank> ranks = new ArrayList<>();
        for (int r = 0; r < programs.size(); r++) {
            ranks.add(new Rank(r, programs.get(r)));
        }
        Map<Long, ArrayDeque<Message>> channels = new HashMap<>();
        ArrayDeque<Integer> runnable = new ArrayDeque<>();
        boolean[] queued = new boolean[ranks.size()];
        for (int r = 0; r < ranks.size(); r++) {
            runnable.add(r);
            queued[r] = true;
        }
        Map<String, List<Integer>> arrivals = new HashMap<>();
        Map<Integer, int[]> finalSteps = new HashMap<>();
        Map<Integer, BitSet> finalShards = new HashMap<>();
        while (!runnable.isEmpty()) {
            int rid = runnable.poll();
            queued[rid] = false;
            Rank r = ranks.get(rid);
            while (!r.done()) {
                Op op = r.ops.get(r.pc);
                r.opStart = r.clock;
                int wake = -1;
                if (op instanceof Op.Send s) {
                    ArrayDeque<Message> ch = channels.computeIfAbsent(channel(rid, s.peer()), k -> new ArrayDeque<>());
                    if (!ch.isEmpty()) {
                        break; // the previous message to this peer is unread: wait
                    }
                    Value v = r.need(s.value(), op);
                    double before = r.clock;
                    r.log(Event.Kind.SEND, s.value().layer(), predictor.p2p(bytes(v)), v.samples(),
                            s.value().microBatch(), s.peer());
                    double stamp = pointToPoint == PointToPoint.SRUSH ? r.clock : before;
                    ch.add(new Message(s.value(), v, stamp, rid, op, before));
                    wake = s.peer();
                } else if (op instanceof Op.Recv rc) {
                    ArrayDeque<Message> ch = channels.get(channel(rc.peer(), rid));
                    if (ch == null || ch.isEmpty()) {
                        break; // nothing sent yet: wait
                    }
                    Message msg = ch.poll();
                    if (!msg.key().equals(rc.value())) {
                        throw fail(r, op, "it expected " + describe(rc.value()) + " from rank " + rc.peer()
                                + " but the next message from that rank is " + describe(msg.key()));
                    }
                    r.clock = Math.max(msg.sentAt(), r.clock);
                    r.log(Event.Kind.RECV, rc.value().layer(), predictor.p2p(bytes(msg.value())), msg.value().samples(),
                            rc.value().microBatch(), rc.peer());
                    r.put(rc.value(), msg.value());
                    wake = rc.peer();
                } else if (op instanceof Op.Collective c) {
                    List<Integer> members = c.group().isEmpty() ? everyRank(ranks.size()) : c.group();
                    if (!members.contains(rid)) {
                        throw fail(r, op, "this rank is not a member of the group " + members);
                    }
                    String groupKey = c.kind() + " " + members + " " + c.value().type() + " " + c.value().layer();
                    List<Integer> arrived = arrivals.computeIfAbsent(groupKey, k -> new ArrayList<>());
                    if (!arrived.contains(rid)) {
                        if (!c.empty()) {
                            r.need(c.value(), op);
                        }
                        arrived.add(rid);
                    }
                    if (arrived.size() < members.size()) {
                        break; // wait for the other members
                    }
                    arrivals.remove(groupKey);
                    collective(c.kind(), members, ranks);
                    for (int m : members) {
                        if (m != rid) {
                            ranks.get(m).pc++;
                            if (!queued[m]) {
                                runnable.add(m);
                                queued[m] = true;
                            }
                        }
                    }
                } else {
                    execute(r, op, finalSteps, finalShards);
                }
                r.pc++;
                if (wake >= 0 && !queued[wake]) {
                    runnable.add(wake);
                    queued[wake] = true;
                }
            }
        }
        List<String> stuck = new ArrayList<>();
        for (Rank r : ranks) {
            if (!r.done()) {
                stuck.add("  rank " + r.id + " waits at " + opText(r.ops.get(r.pc)) + " (op " + r.pc + " of "
                        + r.ops.size() + ", clock " + time(r.clock) + ")");
            }
        }
        if (!stuck.isEmpty()) {
            throw LsdtException.of(Problem.DEADLOCK, String.join("\n", stuck))
                    .withHint("check that every send has a matching receive on the peer, in the same order, and that "
                            + "every member of a group joins its collectives in the same order");
        }
        for (ArrayDeque<Message> ch : channels.values()) {
            Message m = ch.peek();
            if (m != null) {
                Op.Send s = (Op.Send) m.op();
                throw LsdtException.of(Problem.STRATEGY_ERROR, m.sender(), opText(m.op()), time(m.sendStart()),
                        "rank " + s.peer() + " finished its program without receiving it")
                        .withHint("add the matching receive to rank " + s.peer() + "'s program, or drop the send");
            }
        }
        check(finalSteps, finalShards);
        return new SimulationResult(ranks.size(), ranks.stream().map(r -> r.events).toList(), predictor.memoryUnit(),
                true);
    }

    private void execute(Rank r, Op op, Map<Integer, int[]> finalSteps, Map<Integer, BitSet> finalShards) {
        switch (op) {
            case Op.LoadWeights lw -> {
                r.log(Event.Kind.LOAD_WEIGHTS, lw.layer(), predictor.loadWeights(1, lw.numShards()), new BitSet(), -1,
                        -1);
                BitSet sh = Value.one(lw.shard());
                r.put(new Op.Key(Type.WEIGHT, lw.layer(), -1), new Value(Type.WEIGHT, lw.layer(), new BitSet(), sh,
                        lw.numShards(), 0));
                r.put(new Op.Key(Type.OPT_STATE, lw.layer(), -1), new Value(Type.OPT_STATE, lw.layer(), new BitSet(),
                        sh, lw.numShards(), 0));
            }
            case Op.Input in -> r.put(Op.Key.activation(0, in.microBatch()), new Value(Type.ACTIVATION, 0,
                    samplesOf(in.microBatch()), new BitSet(), 1, 0));
            case Op.Forward f -> {
                Op.Key in = Op.Key.activation(f.layer(), f.microBatch());
                BitSet samples = samplesOf(f.microBatch());
                r.log(Event.Kind.FORWARD, f.layer(), predictor.forwardBackward(samples.cardinality()), samples,
                        f.microBatch(), -1);
                Value w = r.need(f.weight(), op);
                checkWeight(r, op, w, f.layer());
                Value x = r.need(in, op);
                r.put(Op.Key.activation(f.layer() + 1, f.microBatch()), new Value(Type.ACTIVATION, f.layer() + 1,
                        x.samples(), new BitSet(), 1, 0));
            }
            case Op.Loss l -> {
                int last = setup.layers();
                BitSet samples = samplesOf(l.microBatch());
                r.log(Event.Kind.LOSS, last, predictor.loss(), samples, l.microBatch(), -1);
                r.need(Op.Key.activation(last, l.microBatch()), op);
                r.put(Op.Key.gradient(last - 1, l.microBatch()), new Value(Type.ACTIVATION_GRAD, last - 1, samples,
                        new BitSet(), 1, 0));
            }
            case Op.Backward b -> {
                BitSet samples = samplesOf(b.microBatch());
                r.log(Event.Kind.BACKWARD, b.layer(), predictor.forwardBackward(samples.cardinality()), samples,
                        b.microBatch(), -1);
                Value w = r.need(b.weight(), op);
                checkWeight(r, op, w, b.layer());
                r.need(Op.Key.activation(b.layer(), b.microBatch()), op);
                r.need(Op.Key.gradient(b.layer(), b.microBatch()), op);
                Value g = new Value(Type.WEIGHT_GRAD, b.layer(), samples, w.shards(), w.numShards(), 0);
                r.put(Op.Key.weightGrad(b.layer(), b.microBatch()), g);
                if (b.accumulate()) {
                    accumulate(r, op, g);
                }
                // the gradient of the layer's input; for layer 0 the labs' ActivationGrad of layer −1
                r.put(Op.Key.gradient(b.layer() - 1, b.microBatch()), new Value(Type.ACTIVATION_GRAD,
                        b.layer() - 1, samples, new BitSet(), 1, 0));
            }
            case Op.Update u -> {
                Value w = r.need(new Op.Key(Type.WEIGHT, u.layer(), -1), op);
                Value o = r.need(new Op.Key(Type.OPT_STATE, u.layer(), -1), op);
                Value g = r.need(Op.Key.weightGrad(u.layer(), Op.Key.SUM), op);
                r.log(Event.Kind.UPDATE, u.layer(), predictor.update(w.shards().cardinality(), w.numShards()),
                        g.samples(), -1, -1);
                if (g.samples().cardinality() != setup.globalBatch()) {
                    throw fail(r, op, "the gradient of layer " + u.layer() + " covers " + g.samples().cardinality()
                            + " of the " + setup.globalBatch() + " samples; every sample must contribute before the "
                            + "update");
                }
                if (w.step() != o.step()) {
                    throw fail(r, op, "weight and optimizer state are at different steps");
                }
                r.put(new Op.Key(Type.WEIGHT, u.layer(), -1), new Value(Type.WEIGHT, u.layer(), new BitSet(),
                        w.shards(), w.numShards(), w.step() + 1));
                r.put(new Op.Key(Type.OPT_STATE, u.layer(), -1), new Value(Type.OPT_STATE, u.layer(), new BitSet(),
                        o.shards(), o.numShards(), o.step() + 1));
                int[] steps = finalSteps.computeIfAbsent(u.layer(), k -> new int[1]);
                steps[0] = Math.max(steps[0], w.step() + 1);
                BitSet shards = finalShards.computeIfAbsent(u.layer(), k -> new BitSet());
                shards.or(w.shards());
                finalShardCount.put(u.layer(), w.numShards());
                if (w.step() + 1 > 1) {
                    throw fail(r, op, "layer " + u.layer() + " is updated a second time");
                }
            }
            case Op.Accumulate a -> {
                if (a.value().type() != Type.WEIGHT_GRAD || a.value().microBatch() == Op.Key.SUM) {
                    throw fail(r, op, "only a micro-batch's weight gradient can be added into the running sum");
                }
                accumulate(r, op, r.need(a.value(), op));
            }
            case Op.Delete d -> {
                if (r.take(d.value()) == null) {
                    throw fail(r, op, describe(d.value()) + " is not stored");
                }
            }
            case Op.Send s -> throw new IllegalStateException("handled by run");
            case Op.Recv s -> throw new IllegalStateException("handled by run");
            case Op.Collective s -> throw new IllegalStateException("handled by run");
        }
    }

    private void checkWeight(Rank r, Op op, Value w, int layer) {
        if (w.type() != Type.WEIGHT || w.layer() != layer) {
            throw fail(r, op, "it is given " + w.type() + " of layer " + w.layer() + " as the weight of layer " + layer);
        }
        if (!w.isComplete()) {
            throw fail(r, op, "the weight of layer " + layer + " is not complete (holds " + w.shards().cardinality()
                    + " of " + w.numShards() + " shards)");
        }
    }

    /** Adds a weight gradient into its layer's running sum: the union of the samples, over the same shards. */
    private void accumulate(Rank r, Op op, Value g) {
        Op.Key sumKey = Op.Key.weightGradSum(g.layer());
        Value sum = r.store.get(sumKey);
        if (sum == null) {
            r.put(sumKey, g);
            return;
        }
        if (!sum.shards().equals(g.shards()) || sum.numShards() != g.numShards()) {
            throw fail(r, op, "the running sum of layer " + g.layer() + " holds shards " + sum.shards() + " of "
                    + sum.numShards() + " but the gradient added holds " + g.shards() + " of " + g.numShards());
        }
        BitSet all = (BitSet) sum.samples().clone();
        all.or(g.samples());
        r.put(sumKey, new Value(Type.WEIGHT_GRAD, g.layer(), all, sum.shards(), sum.numShards(), 0));
    }

    private static List<Integer> everyRank(int n) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(i);
        }
        return all;
    }

    /** Runs a collective once every member has arrived: lab semantics, start at the latest entry clock. */
    private void collective(Op.Collective.Kind kind, List<Integer> members, List<Rank> ranks) {
        double start = 0;
        Value merged = null;
        int first = -1;
        Op.Collective c = null;
        for (int m : members) {
            Rank r = ranks.get(m);
            c = (Op.Collective) r.ops.get(r.pc); // each member's own op: its keys may differ
            start = Math.max(start, r.clock);
            if (c.empty()) {
                continue;
            }
            Value v = r.store.get(c.value());
            if (merged == null) {
                merged = v;
                first = m;
            } else if (v.type() != merged.type() || v.layer() != merged.layer()) {
                throw fail(r, c, "it contributes " + v.type() + " of layer " + v.layer() + " where rank "
                        + first + " contributes " + merged.type() + " of layer " + merged.layer());
            } else {
                BitSet samples = (BitSet) merged.samples().clone();
                samples.or(v.samples());
                BitSet shards = (BitSet) merged.shards().clone();
                if (c.kind() == Op.Collective.Kind.ALL_GATHER) {
                    shards.or(v.shards());
                } else if (!merged.shards().equals(v.shards())) {
                    throw fail(r, c, "a reduction needs the same shards on every member");
                }
                merged = new Value(merged.type(), merged.layer(), samples, shards, merged.numShards(), merged.step());
            }
        }
        if (merged == null) { // every member contributed an empty gradient
            merged = new Value(Type.WEIGHT_GRAD, c.value().layer(), new BitSet(), Value.one(0), 1, 0);
        }
        if (kind == Op.Collective.Kind.REDUCE_SCATTER && !merged.isComplete()) {
            throw fail(ranks.get(members.get(0)), c, "reduce-scatter needs complete (unsharded) values");
        }
        Predictor.Collective predicted = switch (kind) {
            case ALL_REDUCE -> Predictor.Collective.ALL_REDUCE;
            case ALL_GATHER -> Predictor.Collective.ALL_GATHER;
            case REDUCE_SCATTER -> Predictor.Collective.REDUCE_SCATTER;
        };
        Event.Kind eventKind = switch (kind) {
            case ALL_REDUCE -> Event.Kind.ALL_REDUCE;
            case ALL_GATHER -> Event.Kind.ALL_GATHER;
            case REDUCE_SCATTER -> Event.Kind.REDUCE_SCATTER;
        };
        double duration = predictor.collective(predicted, bytes(merged));
        for (int i = 0; i < members.size(); i++) {
            Rank r = ranks.get(members.get(i));
            Op.Collective own = (Op.Collective) r.ops.get(r.pc);
            r.clock = start;
            Value result = merged;
            if (kind == Op.Collective.Kind.REDUCE_SCATTER) {
                result = new Value(merged.type(), merged.layer(), merged.samples(), Value.one(i), members.size(),
                        merged.step());
            }
            r.log(eventKind, own.value().layer(), duration, result.samples(), own.value().microBatch(), -1);
            r.put(own.into(), result);
        }
    }

    private void check(Map<Integer, int[]> finalSteps, Map<Integer, BitSet> finalShards) {
        for (int l = 0; l < setup.layers(); l++) {
            if (!finalSteps.containsKey(l)) {
                throw LsdtException.of(Problem.STRATEGY_ERROR, "-", "the final check", "end",
                        "layer " + l + " was never updated");
            }
            int n = finalShardCount.get(l);
            if (finalShards.get(l).cardinality() != n) {
                throw LsdtException.of(Problem.STRATEGY_ERROR, "-", "the final check", "end", "layer " + l
                        + ": only " + finalShards.get(l).cardinality() + " of its " + n + " shards were updated");
            }
        }
    }

    private BitSet samplesOf(int mb) {
        int b = setup.microBatch();
        return Value.range(mb * b, (mb + 1) * b);
    }

    private long bytes(Value v) {
        long h = hidden;
        return switch (v.type()) {
            case WEIGHT, WEIGHT_GRAD -> 2 * h * h;
            case OPT_STATE -> 2 * h * h / v.numShards();
            case ACTIVATION, ACTIVATION_GRAD -> 2 * h * sequence * v.samples().cardinality();
        };
    }

    private long channel(int from, int to) {
        return (long) from * setup.ranks() + to;
    }

    private LsdtException fail(Rank r, Op op, String why) {
        return LsdtException.of(Problem.STRATEGY_ERROR, r.id, opText(op), time(r.opStart), why);
    }

    /** A clock reading: seconds, or the puzzles' abstract steps with {@link StepsPredictor}. */
    private String time(double clock) {
        if (predictor instanceof StepsPredictor) {
            return "step " + UnitFormat.significant(clock);
        }
        return UnitFormat.format(clock, Units.parse("s"));
    }

    static String describe(Op.Key k) {
        String what = switch (k.type()) {
            case WEIGHT -> k.microBatch() == Op.Key.GATHERED ? "the gathered weight" : "the weight";
            case OPT_STATE -> "the optimizer state";
            case WEIGHT_GRAD -> k.microBatch() == Op.Key.SUM ? "the summed weight gradient" : "the weight gradient";
            case ACTIVATION -> "the input activation";
            case ACTIVATION_GRAD -> "the output gradient";
        };
        if (k.type() == Type.ACTIVATION_GRAD && k.layer() < 0) {
            return "the gradient of the input" + (k.microBatch() >= 0 ? " for micro-batch " + k.microBatch() : "");
        }
        return what + " of layer " + k.layer() + (k.microBatch() >= 0 ? " for micro-batch " + k.microBatch() : "");
    }

    static String opText(Op op) {
        return switch (op) {
            case Op.LoadWeights o -> "load_weights(layer " + o.layer() + ")";
            case Op.Input o -> "input(micro-batch " + o.microBatch() + ")";
            case Op.Forward o -> "forward(layer " + o.layer() + ", micro-batch " + o.microBatch() + ")";
            case Op.Loss o -> "loss(micro-batch " + o.microBatch() + ")";
            case Op.Backward o -> "backward(layer " + o.layer() + ", micro-batch " + o.microBatch() + ")";
            case Op.Send o -> "send(" + describe(o.value()) + " to rank " + o.peer() + ")";
            case Op.Recv o -> "receive(" + describe(o.value()) + " from rank " + o.peer() + ")";
            case Op.Update o -> "update(layer " + o.layer() + ")";
            case Op.Delete o -> "delete(" + describe(o.value()) + ")";
            case Op.Accumulate o -> "accumulate(" + describe(o.value()) + ")";
            case Op.Collective o -> o.kind().name().toLowerCase(java.util.Locale.ROOT) + "(" + describe(o.value())
                    + (o.group().isEmpty() ? "" : ", group " + o.group()) + ")";
        };
    }
}
