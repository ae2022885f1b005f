package io.lsdt.sim.engine;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.unit.UnitFormat;
import io.lsdt.graph.unit.Units;
import io.lsdt.sim.engine.Predictor;
import io.lsdt.sim.state.Group;
import io.lsdt.sim.state.IndexSet;
import io.lsdt.sim.state.Sizes;
import io.lsdt.sim.state.Value;
import io.lsdt.sim.state.Value.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Interprets every rank's program with the lab's semantics (seed 001, GT lab {@code lib.py}) in one thread,
 * deterministically: no thread per rank. A rank runs its program as far as it can, then waits (for a message, a
 * free channel, or the other members of a collective) and is resumed when what it waits for happens; if no rank can
 * proceed, the run ends with a deadlock diagnosis naming each waiting rank, its operation and its clock.
 *
 * <p><b>Clocks.</b> Times are logical clocks, as in the labs: an operation starts at its stream's clock, or later
 * when an input is not ready yet, and advances the stream by its predicted duration. A receive starts no earlier than
 * the message's timestamp (the sender's clock before its send in the GT lab, after it in srush's puzzles:
 * {@link PointToPoint}); a collective starts on every member at the latest of their clocks (and input readiness).
 * Each ordered pair of ranks has a channel of {@link Options#channelCapacity()} messages (one in the labs), so a send
 * to a full channel blocks until a message is received;
 * blocking never moves a clock. Because every time is a function of the program order alone, the order in which
 * ranks are interpreted cannot change a result.
 *
 * <p><b>Streams.</b> Without overlap (the labs) a rank has one stream: compute and communication never overlap.
 * With {@link Options#overlap()} a rank has a compute stream and one stream per communicator it uses — each
 * collective group, and each peer of its point-to-point transfers — as NCCL runs each communicator on its own CUDA
 * stream; an operation then waits only for its own stream and for the values it reads (each stored value carries the
 * time it is ready), so gradient reductions overlap later backward passes. Links shared by concurrent streams are not
 * slowed down (no contention model).
 *
 * <p><b>Memory</b> is the sum of the values a rank stores, in the {@link Sizes}' unit (the labs: elements), logged
 * before an operation stores its result, in program order (as a caching allocator sees allocations and frees on the
 * host). With {@link Options#capacity()} a rank whose memory exceeds the capacity stops the run with an out-of-memory
 * diagnosis naming rank, time, operation and what was resident.
 *
 * <p><b>Checks.</b> The lab's assertions are enforced with a diagnosis (rank, operation, time). At the end every
 * layer must have been updated exactly once with every sample's gradient, and every message sent must have been
 * received.
 *
 * <p><b>Speed.</b> Values are immutable with interval-coded sample and shard sets ({@link IndexSet}), events are
 * column-stored ({@link EventLog}), collective groups are interned and members meet in O(1); a step costs a few
 * hundred nanoseconds per event (see {@code lsdt-bench}'s {@code EngineBenchmark}).
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

    /**
     * How the engine runs.
     *
     * @param pointToPoint the clock rule of sends and receives
     * @param overlap true for a compute stream and one stream per communicator (see the class comment); false for
     *     the labs' single stream
     * @param capacity memory per rank in the sizes' unit beyond which the run fails (out of memory); 0 for no check
     * @param replicas identical data-parallel replicas the programs stand for (1: the programs are the whole job).
     *     With R &gt; 1 the programs are one replica; a collective over a group with {@link Group#replicas()} R
     *     spans the same members of every replica (member i of copy k holds shard k·n + i of an n-member group) and
     *     the final check asks for one replica's share of every layer's shards.
     * @param channelCapacity messages an ordered pair of ranks can have in flight: 1 in the labs (a second send blocks
     *     until the first is received), more for frameworks whose sends do not block (Megatron-LM's batched
     *     {@code isend}/{@code irecv}). Blocking never moves a clock, so this decides only whether a program can
     *     deadlock, never a time.
     */
    public record Options(PointToPoint pointToPoint, boolean overlap, double capacity, int replicas,
            int channelCapacity) {
        /** The GT lab: one stream, no capacity check, the whole job, one-message channels. */
        public static final Options LAB = new Options(PointToPoint.GT_LAB, false, 0, 1, 1);

        /**
         * Checks the capacity, replicas and channel capacity.
         *
         * @throws LsdtException ({@code INVALID_VALUE}) if {@code capacity} is negative, infinite or NaN, or
         *     {@code replicas} or {@code channelCapacity} is below 1
         */
        public Options {
            if (!(capacity >= 0) || Double.isInfinite(capacity)) {
                throw LsdtException.of(Problem.INVALID_VALUE, "memory capacity", capacity, "a finite number ≥ 0 "
                        + "(0: no check)");
            }
            if (replicas < 1) {
                throw LsdtException.of(Problem.INVALID_VALUE, "replicas", replicas, "a whole number ≥ 1");
            }
            if (channelCapacity < 1) {
                throw LsdtException.of(Problem.INVALID_VALUE, "channel capacity", channelCapacity,
                        "a whole number ≥ 1");
            }
        }

        /**
         * The same options with another point-to-point clock rule.
         *
         * @param p the rule
         * @return a copy with that point-to-point rule
         */
        public Options withPointToPoint(PointToPoint p) {
            return new Options(p, overlap, capacity, replicas, channelCapacity);
        }

        /**
         * The same options with or without overlapping streams.
         *
         * @param o true for a compute stream and one stream per communicator; false for one stream
         * @return a copy with or without overlapping streams
         */
        public Options withOverlap(boolean o) {
            return new Options(pointToPoint, o, capacity, replicas, channelCapacity);
        }

        /**
         * The same options with another memory capacity per rank.
         *
         * @param c capacity in the sizes' unit (elements or bytes), 0 for no check
         * @return a copy with that capacity
         * @throws LsdtException ({@code INVALID_VALUE}) if {@code c} is negative, infinite or NaN
         */
        public Options withCapacity(double c) {
            return new Options(pointToPoint, overlap, c, replicas, channelCapacity);
        }

        /**
         * The same options for programs that stand for another number of data-parallel replicas.
         *
         * @param r identical replicas the programs stand for, ≥ 1
         * @return a copy with that number of replicas
         * @throws LsdtException ({@code INVALID_VALUE}) if {@code r < 1}
         */
        public Options withReplicas(int r) {
            return new Options(pointToPoint, overlap, capacity, r, channelCapacity);
        }

        /**
         * The same options with another channel capacity.
         *
         * @param c messages in flight per ordered pair of ranks, ≥ 1
         * @return a copy with that channel capacity
         * @throws LsdtException ({@code INVALID_VALUE}) if {@code c < 1}
         */
        public Options withChannelCapacity(int c) {
            return new Options(pointToPoint, overlap, capacity, replicas, c);
        }
    }

    /** Told how far a run is, a few milliseconds apart: operations done of all the programs' operations. */
    @FunctionalInterface
    public interface Progress {
        /**
         * Reports progress; called on the running thread, so it must return quickly.
         *
         * @param done operations run so far, over all ranks
         * @param total operations of every rank's program
         */
        void update(long done, long total);
    }

    private Progress progress;

    /**
     * Sets the listener told how far later runs are, a few milliseconds apart.
     *
     * @param p told how far a run is (on the running thread: it must be quick), or null
     * @return this engine
     */
    public Engine withProgress(Progress p) {
        this.progress = p;
        return this;
    }

    /** Ranks whose events are kept; null: every rank's. */
    private java.util.function.IntPredicate keep;

    /**
     * Keeps the events of some ranks only: the others' logs hold only the summary figures of the result (step time,
     * events, largest memory, per-rank end and compute time) and read as empty lists, so that a large step needs less
     * memory ({@link SimulationBudget#BYTES_PER_EVENT} less an event).
     *
     * @param ranks the ranks whose events are kept (tested from several threads), or null for all
     * @return this engine
     */
    public Engine withEvents(java.util.function.IntPredicate ranks) {
        this.keep = ranks;
        return this;
    }

    private final LabSetup setup;
    private final Predictor predictor;
    private final Sizes sizes;
    private final Options options;
    private final double capacity;

    /**
     * An engine for one step's setup, reusable for several runs (one at a time).
     *
     * @param setup the step's sizes
     * @param predictor operation costs
     * @param sizes value sizes (memory and payloads)
     * @param options clock rule, streams, capacity
     */
    public Engine(LabSetup setup, Predictor predictor, Sizes sizes, Options options) {
        this.setup = setup;
        this.predictor = predictor;
        this.sizes = sizes;
        this.options = options;
        this.capacity = options.capacity();
    }

    // ------------------------------------------------------------------------------------------------ run state

    private record Message(long key, Value value, double stamp, int pc, double sendStart) {}

    private static final int NONE = -1;

    private final class Rank {
        final int id;
        final CompactProgram prog;
        final int length;
        /** Registers of each operation's values (see {@link CompactProgram#link(int)}). */
        final int[] start;
        final int[] slots;
        int pc;
        /** Compute stream clock (the only stream without overlap). */
        double clock;
        /** The compute clock when the current operation began: a failure is reported at this time. */
        double opStart;
        double memory;
        /** The values this rank stores, by slot, and the memory each takes (kept so a delete never reads the value). */
        final Value[] store;
        final double[] storeMemory;
        /** Messages sent to this rank and not yet received, by sender (a channel per sender). */
        final LongMap<ArrayDeque<Message>> inbox = new LongMap<>(4);
        final EventLog log;
        /** The pc of the collective this rank has joined and waits in, else {@link #NONE}. */
        int joined = NONE;
        /** This program's collective groups, resolved to the run's groups on first use, and their streams. */
        final Group[] groups;
        final int[] groupStreams;
        /** Communication streams (with overlap): communicator → stream number; clocks by number (0 = compute). */
        final LongMap<int[]> streams;
        double[] clocks;
        final List<String> streamNames;

        Rank(int id, List<Op> ops) {
            this.id = id;
            this.prog = CompactProgram.of(ops);
            this.length = prog.size();
            CompactProgram.Linked linked = prog.link(setup.layers());
            start = linked.start();
            slots = linked.slots();
            store = new Value[linked.registers()];
            storeMemory = new double[linked.registers()];
            int logged = 0;
            for (int i = 0; i < length; i++) {
                if (prog.logs(i)) {
                    logged++;
                }
            }
            log = new EventLog(id, logged, keep == null || keep.test(id));
            groups = new Group[prog.groups.size()];
            groupStreams = new int[prog.groups.size()];
            Arrays.fill(groupStreams, -1);
            streams = options.overlap() ? new LongMap<>(8) : null;
            clocks = options.overlap() ? new double[4] : null;
            streamNames = options.overlap() ? new ArrayList<>(List.of("compute")) : List.of("compute");
        }

        boolean done() {
            return pc >= length;
        }

        Op op() {
            return prog.get(pc);
        }

        /** Slot {@code j} of the current operation. */
        int slot(int j) {
            return slots[start[pc] + j];
        }

        /** The stream of a communicator (a group id ≥ 0, or a peer's {@link #p2pKey(int)}): 0 without overlap. */
        int stream(long communicator) {
            if (streams == null) {
                return 0;
            }
            int[] s = streams.get(communicator);
            if (s == null) {
                s = new int[] {streams.size() + 1};
                streams.put(communicator, s);
                streamNames.add(communicator < 0 ? "p2p with rank " + (-1 - communicator)
                        : "collectives over " + (communicator == 0 ? "every rank" : "ranks " + groupsById.get(
                                (int) communicator)));
                if (s[0] >= clocks.length) {
                    clocks = Arrays.copyOf(clocks, clocks.length * 2);
                }
            }
            return s[0];
        }

        double clockOf(int stream) {
            return stream == 0 ? clock : clocks[stream];
        }

        /** Logs an event on a stream starting at {@code start} and advances the stream; @return its end. */
        double log(Event.Kind kind, int stream, double start, double duration, int layer, IndexSet samples, int mb,
                int peer) {
            log.add(kind, layer, start, duration, memory, samples, mb, peer, stream);
            double end = start + duration;
            if (stream == 0) {
                clock = end;
            } else {
                clocks[stream] = end;
            }
            return end;
        }

        void put(int slot, Value v) {
            double m = sizes.memory(v);
            memory += m - storeMemory[slot];
            store[slot] = v;
            storeMemory[slot] = m;
            if (capacity > 0 && memory > capacity) {
                throw outOfMemory(this, slot, v);
            }
        }

        Value take(int slot) {
            Value v = store[slot];
            if (v != null) {
                store[slot] = null;
                memory -= storeMemory[slot];
                storeMemory[slot] = 0;
            }
            return v;
        }

        Value need(int slot) {
            Value v = store[slot];
            if (v == null) {
                throw fail(this, "it needs " + describe(keyIn(slot)) + ", which this rank does not store");
            }
            return v;
        }

        /** The key the current operation names for a register (for messages). */
        Op.Key keyIn(int slot) {
            long[] keys = new long[7];
            int m = prog.mentions(pc, setup.layers(), keys);
            for (int k = 0; k < m; k++) {
                if (slots[start[pc] + k] == slot) {
                    return CompactProgram.unkey(keys[k]);
                }
            }
            throw new IllegalStateException("register " + slot + " is not named by op " + pc);
        }
    }

    // ------------------------------------------------------------------------------------------------ the run

    private List<Rank> ranks;
    /** Ranks that can proceed, as a stack: a rank woken by a message or a collective runs next, while its state is
     *  still in the caches (times do not depend on the order in which ranks run). */
    private int[] runnable;
    private int top;
    private boolean[] queued;
    private final Map<CompactProgram.GroupSpec, Group> groupsByMembers = new HashMap<>();
    private final List<Group> groupsById = new ArrayList<>();
    /** Per group id: the collective open (kind, type, layer), members arrived, the first member. */
    private long[] pendingWhat = new long[16];
    private int[] pendingCount = new int[16];
    private int[] pendingFirst = new int[16];
    private IndexSet[] samplesByMicroBatch;
    private int[] finalSteps;
    private IndexSet[] finalShards;
    private int[] finalShardCount;
    private int[] finalSlices;

    /**
     * Runs the step. An engine runs one step at a time; runs are independent.
     *
     * @param programs one program per rank
     * @return the events and summary
     * @throws LsdtException {@link Problem#STRATEGY_ERROR} when a rank breaks a rule, {@link Problem#DEADLOCK} when no
     *     rank can proceed, {@link Problem#OUT_OF_MEMORY} when a rank exceeds the capacity
     * @throws java.util.concurrent.CancellationException when the calling thread is interrupted (checked at the start
     *     and every 65,536 scheduling turns); the interrupt flag stays set
     */
    public synchronized SimulationResult run(List<List<Op>> programs) {
        if (programs.size() != setup.ranks()) {
            throw LsdtException.of(Problem.INVALID_VALUE, "programs", programs.size(), setup.ranks() + " (one per rank)");
        }
        int n = programs.size();
        groupsByMembers.clear();
        groupsById.clear();
        List<Integer> all = new ArrayList<>(n);
        for (int r = 0; r < n; r++) {
            all.add(r);
        }
        groupsById.add(new Group(0, all));
        // linking the programs is independent per rank: on all cores
        ranks = java.util.stream.IntStream.range(0, n).parallel().mapToObj(r -> new Rank(r, programs.get(r)))
                .toList();
        runnable = new int[n];
        queued = new boolean[n];
        top = 0;
        samplesByMicroBatch = new IndexSet[setup.microBatches()];
        finalSteps = new int[setup.layers()];
        finalShards = new IndexSet[setup.layers()];
        finalShardCount = new int[setup.layers()];
        finalSlices = new int[setup.layers()];
        for (int r = n - 1; r >= 0; r--) {
            wake(r);
        }
        long total = 0;
        for (Rank r : ranks) {
            total += r.length;
        }
        try {
            long turns = 0;
            while (top > 0) {
                if ((turns++ & 0xFFFF) == 0) {
                    if (Thread.currentThread().isInterrupted()) {
                        // a caller that no longer wants the step (lsdt serve's Cancel) interrupts the thread; checked
                        // every 65,536 turns, a few milliseconds apart
                        throw new java.util.concurrent.CancellationException("the simulation was cancelled after "
                                + (turns - 1) + " scheduling turns");
                    }
                    if (progress != null) {
                        // a rank's pc also moves when a collective it waits in completes: count them all
                        long done = 0;
                        for (Rank r : ranks) {
                            done += r.pc;
                        }
                        progress.update(done, total);
                    }
                }
                int rid = runnable[--top];
                queued[rid] = false;
                advance(ranks.get(rid));
            }
            if (progress != null) { // all of them unless the run ends waiting (finish() then says why)
                long done = 0;
                for (Rank r : ranks) {
                    done += r.pc;
                }
                progress.update(done, total);
            }
            finish();
            return new SimulationResult(n, ranks.stream().map(r -> (List<Event>) r.log).toList(),
                    sizes.memoryUnit(), true, options.overlap() ? ranks.stream().map(r -> r.streamNames).toList()
                            : List.of(), options.replicas());
        } finally {
            ranks = null;
            Arrays.fill(pendingCount, 0);
            samplesByMicroBatch = null;
        }
    }

    private void wake(int r) {
        if (!queued[r]) {
            queued[r] = true;
            runnable[top++] = r;
        }
    }

    /** Runs a rank until it finishes or waits. */
    private void advance(Rank r) {
        CompactProgram p = r.prog;
        int[] slots = r.slots;
        int[] start = r.start;
        while (r.pc < r.length) {
            int pc = r.pc;
            int s = start[pc];
            r.opStart = r.clock;
            switch (p.opcode(pc)) {
                case CompactProgram.SEND -> {
                    if (!send(r, p.arg(pc), p.word(pc, 1), slots[s])) {
                        return;
                    }
                }
                case CompactProgram.RECV -> {
                    if (!receive(r, p.arg(pc), p.word(pc, 1), slots[s])) {
                        return;
                    }
                }
                case CompactProgram.COLLECTIVE -> {
                    if (!join(r, p, pc, slots[s])) {
                        return;
                    }
                }
                case CompactProgram.LOAD -> load(r, p.arg(pc), p.word(pc, 1), p.word(pc, 2), slots[s], slots[s + 1]);
                case CompactProgram.INPUT -> r.put(slots[s], new Value(Type.ACTIVATION, 0, samplesOf(p.arg(pc)), ONE, 1,
                        0));
                case CompactProgram.FORWARD -> forward(r, p.arg(pc), (int) p.word(pc, 1), slots[s], slots[s + 1],
                        slots[s + 2], slots[s + 3]);
                case CompactProgram.LOSS -> loss(r, p.arg(pc), slots[s], slots[s + 1]);
                case CompactProgram.BACKWARD -> backward(r, p.arg(pc), (int) p.word(pc, 1),
                        (p.flags(pc) & CompactProgram.FLAG_ACCUMULATE) != 0, slots, s);
                case CompactProgram.UPDATE -> update(r, p.arg(pc), slots[s], slots[s + 1], slots[s + 2]);
                case CompactProgram.DELETE -> {
                    if (r.take(slots[s]) == null) {
                        throw fail(r, describe(r.keyIn(slots[s])) + " is not stored");
                    }
                }
                case CompactProgram.ACCUMULATE -> {
                    long k = p.word(pc, 1);
                    if (CompactProgram.typeOf(k) != Type.WEIGHT_GRAD || CompactProgram.microBatchOf(k) == Op.Key.SUM) {
                        throw fail(r, "only a micro-batch's weight gradient can be added into the running sum");
                    }
                    accumulate(r, r.need(slots[s]), slots[s + 1]);
                }
                default -> throw new IllegalStateException("opcode " + p.opcode(pc));
            }
            r.pc++;
        }
    }

    private static final IndexSet ONE = IndexSet.of(0);

    private boolean send(Rank r, int peerId, long key, int slot) {
        if (peerId < 0 || peerId >= ranks.size() || peerId == r.id) {
            throw fail(r, "rank " + peerId + " is not another rank of this " + ranks.size() + "-rank world");
        }
        Rank peer = ranks.get(peerId);
        ArrayDeque<Message> channel = peer.inbox.get(r.id);
        if (channel == null) {
            channel = new ArrayDeque<>(2);
            peer.inbox.put(r.id, channel);
        }
        if (channel.size() >= options.channelCapacity()) {
            return false; // the channel to this peer is full: wait until it reads
        }
        Value v = r.need(slot);
        int stream = r.stream(p2pKey(peerId));
        double start = Math.max(r.clockOf(stream), v.ready());
        double end = r.log(Event.Kind.SEND, stream, start, predictor.p2p(sizes.payload(v), r.id, peerId),
                CompactProgram.layerOf(key), v.samples(), CompactProgram.microBatchOf(key), peerId);
        double stamp = options.pointToPoint() == PointToPoint.SRUSH ? end : start;
        channel.add(new Message(key, v, stamp, r.pc, start));
        wake(peerId);
        return true;
    }

    private boolean receive(Rank r, int peerId, long key, int slot) {
        ArrayDeque<Message> channel = r.inbox.get(peerId);
        Message msg = channel == null ? null : channel.peek();
        if (msg == null) {
            return false; // nothing sent yet: wait
        }
        if (msg.key() != key) {
            throw fail(r, "it expected " + describe(CompactProgram.unkey(key)) + " from rank " + peerId
                    + " but the next message from that rank is " + describe(CompactProgram.unkey(msg.key())));
        }
        channel.poll();
        int stream = r.stream(p2pKey(peerId));
        double start = Math.max(r.clockOf(stream), msg.stamp());
        double end = r.log(Event.Kind.RECV, stream, start, predictor.p2p(sizes.payload(msg.value()), peerId, r.id),
                CompactProgram.layerOf(key), msg.value().samples(), CompactProgram.microBatchOf(key), peerId);
        r.put(slot, msg.value().readyAt(end));
        wake(peerId); // the sender may wait for this channel
        return true;
    }

    private static long p2pKey(int peer) {
        return -1L - peer;
    }

    /** The run's group for a program's group index: null when the members are not distinct ranks of the world. */
    private Group group(Rank r, int index) {
        Group g = r.groups[index];
        if (g != null) {
            return g;
        }
        CompactProgram.GroupSpec spec = r.prog.groups.get(index);
        List<Integer> members = spec.members();
        if (members.isEmpty() && spec.replicas() == 1) {
            g = groupsById.get(0);
        } else {
            if (members.isEmpty()) {
                spec = new CompactProgram.GroupSpec(groupsById.get(0).members(), spec.replicas());
                members = spec.members();
            }
            g = groupsByMembers.get(spec);
            if (g == null) {
                for (int m : members) {
                    if (m < 0 || m >= ranks.size()) {
                        return null;
                    }
                }
                try {
                    g = new Group(groupsById.size(), members, spec.replicas());
                } catch (IllegalArgumentException e) {
                    return null;
                }
                groupsById.add(g);
                groupsByMembers.put(spec, g);
            }
        }
        r.groups[index] = g;
        return g;
    }

    /** What a member joins: kind, and the type and layer of its value (not its micro-batch: see {@link Op.Collective}). */
    private static long what(int kind, long key) {
        return ((long) kind << 40) | (key >>> 32);
    }

    private void growPending() {
        int n = Math.max(16, groupsById.size() * 2);
        pendingWhat = Arrays.copyOf(pendingWhat, n);
        pendingCount = Arrays.copyOf(pendingCount, n);
        pendingFirst = Arrays.copyOf(pendingFirst, n);
    }

    /**
     * A rank arrives at a collective; the last member to arrive runs it. A group has one collective open at a time:
     * members join a group's collectives in the same order (as NCCL requires), so a member that arrives at another
     * collective than the one its group has open fails at once, naming both.
     *
     * @return false when the rank must wait
     */
    private boolean join(Rank r, CompactProgram p, int pc, int slot) {
        Group g = group(r, p.arg(pc));
        if (g == null) {
            throw fail(r, "the group " + p.groups.get(p.arg(pc)).members() + " is not a set of distinct ranks of this "
                    + ranks.size() + "-rank world");
        }
        int id = g.id();
        if (id >= pendingCount.length) {
            growPending();
        }
        if (r.joined != pc) {
            if (g.positionOf(r.id) < 0) {
                throw fail(r, "this rank is not a member of the group " + p.groups.get(p.arg(pc)).members());
            }
            if ((p.flags(pc) & CompactProgram.FLAG_EMPTY) == 0) {
                r.need(slot);
            }
            long what = what(p.kind(pc), p.word(pc, 1));
            if (pendingCount[id] == 0) {
                pendingWhat[id] = what;
                pendingFirst[id] = r.id;
            } else if (pendingWhat[id] != what) {
                Rank first = ranks.get(pendingFirst[id]);
                throw fail(r, "rank " + first.id + " waits in " + opText(first.op()) + " over the same group; the "
                        + "members of a group must join its collectives in the same order")
                        .withHint("make every member of " + g + " call the same sequence of collectives");
            }
            pendingCount[id]++;
            r.joined = pc;
        }
        if (pendingCount[id] < g.size()) {
            return false; // wait for the other members
        }
        pendingCount[id] = 0;
        collective(Op.Collective.Kind.values()[p.kind(pc)], g);
        for (int i = 0; i < g.size(); i++) {
            Rank other = ranks.get(g.member(i));
            other.joined = NONE;
            if (other != r) {
                other.pc++;
                wake(other.id);
            }
        }
        return true;
    }

    private final IndexSet.Union sampleUnion = new IndexSet.Union();
    private final IndexSet.Union shardUnion = new IndexSet.Union();

    /** Runs a collective once every member has arrived: lab semantics, start at the latest entry clock. */
    private void collective(Op.Collective.Kind kind, Group g) {
        double start = 0;
        int n = g.size();
        int[] streams = new int[n];
        Value first = null;
        int firstRank = -1;
        // all-gather unions shards (or, into keys and values, samples); reductions union samples (weight
        // gradients) or partial-sum contributions (activations), the other set being equal on every member
        boolean unionShards = kind == Op.Collective.Kind.ALL_GATHER;
        sampleUnion.reset();
        shardUnion.reset();
        for (int i = 0; i < n; i++) {
            Rank r = ranks.get(g.member(i));
            CompactProgram p = r.prog; // each member's own op: its keys may differ
            int gi = p.arg(r.pc);
            int st = r.groupStreams[gi];
            if (st < 0) {
                st = r.stream(g.id());
                r.groupStreams[gi] = st;
            }
            streams[i] = st;
            start = Math.max(start, r.clockOf(st));
            if ((p.flags(r.pc) & CompactProgram.FLAG_EMPTY) != 0) {
                continue;
            }
            Value v = r.store[r.slot(0)];
            start = Math.max(start, v.ready());
            boolean toKv = kind == Op.Collective.Kind.ALL_GATHER && CompactProgram.typeOf(p.word(r.pc, 2)) == Type.KV;
            Value in = gathered(v, toKv);
            if (first == null) {
                first = in;
                firstRank = r.id;
                unionShards = kind == Op.Collective.Kind.ALL_GATHER ? in.type() != Type.KV : in.isActivationLike();
            } else {
                check(kind, first, in, v, r, firstRank);
            }
            if (unionShards) {
                if (shardUnion.overlaps(in.shards()) && kind != Op.Collective.Kind.ALL_GATHER) {
                    throw fail(r, "its partial sum " + in.shards() + " of " + in.numShards() + " is contributed "
                            + "twice");
                }
                shardUnion.add(in.shards());
                for (int k = 1; k < g.replicas() && kind == Op.Collective.Kind.ALL_GATHER; k++) {
                    shardUnion.add(in.shards().shift(k * n)); // the same member of replica k
                }
            } else {
                if (kind == Op.Collective.Kind.ALL_GATHER && sampleUnion.overlaps(in.samples())) {
                    throw fail(r, "its sequence chunk " + in.samples() + " overlaps another member's");
                }
                sampleUnion.add(in.samples());
            }
        }
        IndexSet shards = shardUnion.build();
        IndexSet samples = sampleUnion.build();
        Rank lead = ranks.get(g.member(0));
        Value merged = first == null // every member contributed an empty gradient
                ? new Value(Type.WEIGHT_GRAD, CompactProgram.layerOf(lead.prog.word(lead.pc, 1)), IndexSet.EMPTY, ONE,
                        1, 0)
                : new Value(first.type(), first.layer(), unionShards ? first.samples() : samples,
                        unionShards ? shards : first.shards(), first.numShards(), first.slice(), first.slices(),
                        first.step(), 0);
        if (kind == Op.Collective.Kind.REDUCE_SCATTER && !merged.isComplete()) {
            throw fail(lead, "reduce-scatter needs complete (unsharded) values");
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
        double duration = predictor.collective(predicted, merged.type(), sizes.payload(merged), g);
        Value whole = merged.readyAt(start + duration);
        for (int i = 0; i < n; i++) {
            Rank r = ranks.get(g.member(i));
            long own = r.prog.word(r.pc, 1);
            int into = r.slot(1);
            r.opStart = r.clock;
            Value result = kind == Op.Collective.Kind.REDUCE_SCATTER
                    ? new Value(merged.type(), merged.layer(), merged.samples(), IndexSet.of(i), g.span(),
                            merged.slice(), merged.slices(), merged.step(), whole.ready())
                    : whole;
            r.log(eventKind, streams[i], start, duration, CompactProgram.layerOf(own), result.samples(),
                    CompactProgram.microBatchOf(own), NONE);
            r.put(into, result);
        }
    }

    /** The first contribution, as the result's type: an activation all-gathered into keys and values becomes KV. */
    private static Value gathered(Value v, boolean toKv) {
        if (toKv && v.type() == Type.ACTIVATION) {
            return new Value(Type.KV, v.layer(), v.samples(), ONE, 1, 0, 1, 0, 0);
        }
        return v;
    }

    /** Checks one member's contribution against the first (the unions themselves are checked as they grow). */
    private void check(Op.Collective.Kind kind, Value first, Value in, Value v, Rank r, int firstRank) {
        if (in.type() != first.type() || in.layer() != first.layer()) {
            throw fail(r, "it contributes " + v.type() + " of layer " + v.layer() + " where rank "
                    + firstRank + " contributes " + first.type() + " of layer " + first.layer());
        }
        if (in.slice() != first.slice() || in.slices() != first.slices()) {
            throw fail(r, "it contributes tensor-parallel slice " + in.slice() + " of " + in.slices()
                    + " where rank " + firstRank + " contributes slice " + first.slice() + " of " + first.slices()
                    + "; slices are never combined");
        }
        if (kind == Op.Collective.Kind.ALL_GATHER) {
            return;
        }
        if (first.isActivationLike()) {
            if (!first.samples().equals(in.samples()) || first.numShards() != in.numShards()) {
                throw fail(r, "a reduction of partial activations needs the same samples on every member: it has "
                        + in.samples() + " where rank " + firstRank + " has " + first.samples());
            }
        } else if (!first.shards().equals(in.shards()) || first.numShards() != in.numShards()) {
            throw fail(r, "a reduction needs the same shards on every member");
        }
    }

    private void load(Rank r, int layer, long shards, long slices, int weightSlot, int optSlot) {
        int shard = (int) (shards >> 32);
        int numShards = (int) shards;
        int slice = (int) (slices >> 32);
        int numSlices = (int) slices;
        if (numShards < 1 || shard < 0 || shard >= numShards || numSlices < 1 || slice < 0 || slice >= numSlices) {
            throw fail(r, "shard " + shard + " of " + numShards + ", slice " + slice + " of " + numSlices
                    + " is not a valid part of a layer");
        }
        checkLayer(r, layer);
        double end = r.log(Event.Kind.LOAD_WEIGHTS, 0, r.clock, predictor.loadWeights(1, numShards), layer,
                IndexSet.EMPTY, NONE, NONE);
        IndexSet sh = IndexSet.of(shard);
        r.put(weightSlot, new Value(Type.WEIGHT, layer, IndexSet.EMPTY, sh, numShards, slice, numSlices, 0, end));
        r.put(optSlot, new Value(Type.OPT_STATE, layer, IndexSet.EMPTY, sh, numShards, slice, numSlices, 0, end));
    }

    private void forward(Rank r, int layer, int mb, int weightSlot, int inSlot, int outSlot, int contextSlot) {
        Value w = r.need(weightSlot);
        checkWeight(r, w, layer);
        Value x = r.need(inSlot);
        checkComplete(r, inSlot, x);
        double start = Math.max(r.clock, Math.max(w.ready(), x.ready()));
        if (contextSlot >= 0) {
            start = Math.max(start, r.need(contextSlot).ready());
        }
        IndexSet samples = samplesOf(mb);
        double end = r.log(Event.Kind.FORWARD, 0, start, predictor.forward(layer, samples.size()), layer, samples, mb,
                NONE);
        r.put(outSlot, new Value(Type.ACTIVATION, layer + 1, x.samples(), IndexSet.of(w.slice()), w.slices(), 0, 1, 0,
                end));
    }

    private void loss(Rank r, int mb, int inSlot, int outSlot) {
        int last = setup.layers();
        Value x = r.need(inSlot);
        checkComplete(r, inSlot, x);
        IndexSet samples = samplesOf(mb);
        double end = r.log(Event.Kind.LOSS, 0, Math.max(r.clock, x.ready()), predictor.loss(samples.size()), last,
                samples, mb, NONE);
        r.put(outSlot, new Value(Type.ACTIVATION_GRAD, last - 1, samples, ONE, 1, 0, 1, 0, end));
    }

    /** Slots at {@code s}: weight, input, output gradient, weight gradient, input gradient, running sum, context. */
    private void backward(Rank r, int layer, int mb, boolean accumulate, int[] slots, int s) {
        Value w = r.need(slots[s]);
        checkWeight(r, w, layer);
        Value x = r.need(slots[s + 1]);
        Value dy = r.need(slots[s + 2]);
        checkComplete(r, slots[s + 2], dy);
        double start = Math.max(r.clock, Math.max(w.ready(), Math.max(x.ready(), dy.ready())));
        if (slots[s + 6] >= 0) {
            start = Math.max(start, r.need(slots[s + 6]).ready());
        }
        IndexSet samples = samplesOf(mb);
        double end = r.log(Event.Kind.BACKWARD, 0, start, predictor.backward(layer, samples.size()), layer, samples,
                mb, NONE);
        Value g = new Value(Type.WEIGHT_GRAD, layer, samples, w.shards(), w.numShards(), w.slice(), w.slices(), 0,
                end);
        r.put(slots[s + 3], g);
        if (accumulate) {
            accumulate(r, g, slots[s + 5]);
        }
        // the gradient of the layer's input; for layer 0 the labs' ActivationGrad of layer −1
        r.put(slots[s + 4], new Value(Type.ACTIVATION_GRAD, layer - 1, samples, IndexSet.of(w.slice()), w.slices(), 0,
                1, 0, end));
    }

    private void update(Rank r, int layer, int weightSlot, int optSlot, int sumSlot) {
        checkLayer(r, layer);
        Value w = r.need(weightSlot);
        Value o = r.need(optSlot);
        Value g = r.need(sumSlot);
        double start = Math.max(r.clock, Math.max(g.ready(), Math.max(w.ready(), o.ready())));
        r.log(Event.Kind.UPDATE, 0, start, predictor.update(layer, w.shards().size(), w.numShards()), layer,
                g.samples(), NONE, NONE);
        if (g.samples().size() != setup.globalBatch()) {
            throw fail(r, "the gradient of layer " + layer + " covers " + g.samples().size()
                    + " of the " + setup.globalBatch() + " samples; every sample must contribute before the "
                    + "update");
        }
        if (w.step() != o.step()) {
            throw fail(r, "weight and optimizer state are at different steps");
        }
        if (g.slice() != w.slice() || g.slices() != w.slices()) {
            throw fail(r, "the gradient is of tensor-parallel slice " + g.slice() + " of " + g.slices()
                    + " but the weight is slice " + w.slice() + " of " + w.slices());
        }
        if (!g.isComplete() && (g.numShards() != o.numShards() || !g.shards().union(o.shards()).equals(g.shards()))) {
            throw fail(r, "the gradient holds shards " + g.shards() + " of " + g.numShards() + " but the optimizer "
                    + "state it updates holds shards " + o.shards() + " of " + o.numShards());
        }
        double end = r.clock;
        r.put(weightSlot, new Value(Type.WEIGHT, layer, IndexSet.EMPTY, w.shards(), w.numShards(), w.slice(),
                w.slices(), w.step() + 1, end));
        r.put(optSlot, new Value(Type.OPT_STATE, layer, IndexSet.EMPTY, o.shards(), o.numShards(), o.slice(),
                o.slices(), o.step() + 1, end));
        finalSteps[layer] = Math.max(finalSteps[layer], w.step() + 1);
        // the parts updated: shards within each tensor-parallel slice, numbered slice · numShards + shard
        IndexSet parts = IndexSet.EMPTY;
        for (int sh = w.shards().first(); sh >= 0 && sh < w.shards().end(); sh++) {
            if (w.shards().contains(sh)) {
                parts = parts.union(IndexSet.of(w.slice() * w.numShards() + sh));
            }
        }
        finalShards[layer] = finalShards[layer] == null ? parts : finalShards[layer].union(parts);
        finalShardCount[layer] = w.numShards() * w.slices();
        finalSlices[layer] = w.slices();
        if (w.step() + 1 > 1) {
            throw fail(r, "layer " + layer + " is updated a second time");
        }
    }

    private void checkLayer(Rank r, int layer) {
        if (layer < 0 || layer >= setup.layers()) {
            throw fail(r, "layer " + layer + " does not exist (layers 0 … " + (setup.layers() - 1) + ")");
        }
    }

    private void checkWeight(Rank r, Value w, int layer) {
        if (w.type() != Type.WEIGHT || w.layer() != layer) {
            throw fail(r, "it is given " + w.type() + " of layer " + w.layer() + " as the weight of layer " + layer);
        }
        if (!w.isComplete()) {
            throw fail(r, "the weight of layer " + layer + " is not complete (holds " + w.shards().size()
                    + " of " + w.numShards() + " shards)");
        }
    }

    private void checkComplete(Rank r, int slot, Value v) {
        if (!v.isComplete()) {
            throw fail(r, describe(r.keyIn(slot)) + " is a partial sum (" + v.shards().size() + " of " + v.numShards()
                    + " tensor-parallel contributions)").withHint("all-reduce it over the tensor-parallel group "
                            + "first");
        }
    }

    /** Adds a weight gradient into its layer's running sum: the union of the samples, over the same shards. */
    private void accumulate(Rank r, Value g, int sumSlot) {
        Value sum = r.store[sumSlot];
        if (sum == null) {
            r.put(sumSlot, g);
            return;
        }
        if (!sum.shards().equals(g.shards()) || sum.numShards() != g.numShards() || sum.slice() != g.slice()) {
            throw fail(r, "the running sum of layer " + g.layer() + " holds shards " + bits(sum.shards()) + " of "
                    + sum.numShards() + " but the gradient added holds " + bits(g.shards()) + " of " + g.numShards());
        }
        r.put(sumSlot, new Value(Type.WEIGHT_GRAD, g.layer(), sum.samples().union(g.samples()), sum.shards(),
                sum.numShards(), sum.slice(), sum.slices(), 0, Math.max(sum.ready(), g.ready())));
    }

    /** A set in {@link java.util.BitSet}'s notation, as earlier messages printed it. */
    private static String bits(IndexSet s) {
        return s.toBitSet().toString();
    }

    private void finish() {
        List<String> stuck = new ArrayList<>();
        for (Rank r : ranks) {
            if (!r.done()) {
                stuck.add("  rank " + r.id + " waits at " + opText(r.op()) + " (op " + r.pc + " of "
                        + r.length + ", clock " + time(r.clock) + ")");
            }
        }
        if (!stuck.isEmpty()) {
            throw LsdtException.of(Problem.DEADLOCK, String.join("\n", stuck))
                    .withHint("check that every send has a matching receive on the peer, in the same order, and that "
                            + "every member of a group joins its collectives in the same order");
        }
        for (Rank r : ranks) {
            for (long sender : r.inbox.sortedKeys()) {
                Message m = r.inbox.get(sender).peek();
                if (m == null) {
                    continue;
                }
                Rank from = ranks.get((int) sender);
                throw LsdtException.of(Problem.STRATEGY_ERROR, sender, opText(from.prog.get(m.pc())),
                        time(m.sendStart()), "rank " + r.id + " finished its program without receiving it")
                        .withHint("add the matching receive to rank " + r.id + "'s program, or drop the send");
            }
        }
        for (int l = 0; l < setup.layers(); l++) {
            if (finalShards[l] == null) {
                throw LsdtException.of(Problem.STRATEGY_ERROR, "-", "the final check", "end",
                        "layer " + l + " was never updated");
            }
            int n = finalShardCount[l];
            // states sharded over the data-parallel ranks are split among the replicas; replicated ones are whole
            // in each
            int shardsPerSlice = n / Math.max(1, finalSlices[l]);
            long expected = options.replicas() > 1 && shardsPerSlice % options.replicas() == 0
                    ? n / options.replicas() : n;
            if (finalShards[l].size() != expected) {
                throw LsdtException.of(Problem.STRATEGY_ERROR, "-", "the final check", "end", "layer " + l
                        + ": only " + finalShards[l].size() + " of its " + expected + " shards were updated"
                        + (expected < n ? " (one replica's share of " + n + ")" : ""));
            }
        }
    }

    private IndexSet samplesOf(int mb) {
        if (mb >= 0 && mb < samplesByMicroBatch.length) {
            IndexSet s = samplesByMicroBatch[mb];
            if (s == null) {
                int b = setup.microBatch();
                s = IndexSet.range(mb * b, (mb + 1) * b);
                samplesByMicroBatch[mb] = s;
            }
            return s;
        }
        int b = setup.microBatch();
        return IndexSet.range(mb * b, (mb + 1) * b);
    }

    private LsdtException fail(Rank r, String why) {
        return LsdtException.of(Problem.STRATEGY_ERROR, r.id, opText(r.op()), time(r.opStart), why);
    }

    private LsdtException outOfMemory(Rank r, int slot, Value v) {
        Map<String, double[]> byKind = new LinkedHashMap<>();
        for (int i = 0; i < r.store.length; i++) {
            Value stored = r.store[i];
            if (stored == null) {
                continue;
            }
            String kind = switch (stored.type()) {
                case WEIGHT -> stored.numShards() > 1 && stored.isComplete() ? "gathered weights" : "weights";
                case OPT_STATE -> "optimizer state";
                case WEIGHT_GRAD -> "weight gradients";
                case ACTIVATION -> "activations";
                case ACTIVATION_GRAD -> "activation gradients";
                case KV -> "gathered keys and values";
            };
            double[] acc = byKind.computeIfAbsent(kind, x -> new double[2]);
            acc[0] += sizes.memory(stored);
            acc[1]++;
        }
        StringBuilder resident = new StringBuilder();
        byKind.entrySet().stream().sorted((a, b) -> a.getValue()[0] != b.getValue()[0]
                ? Double.compare(b.getValue()[0], a.getValue()[0]) : a.getKey().compareTo(b.getKey()))
                .forEach(e -> resident.append("\n  ").append(e.getKey()).append(": ")
                        .append(amount(e.getValue()[0])).append(" in ").append((long) e.getValue()[1])
                        .append(e.getValue()[1] == 1 ? " value" : " values"));
        return LsdtException.of(Problem.OUT_OF_MEMORY, r.id, time(r.opStart), opText(r.op()), amount(r.memory),
                amount(options.capacity()), "storing " + describe(r.keyIn(slot)) + " ("
                        + amount(sizes.memory(v)) + ")",
                resident).withHint("free values earlier, shard weights and optimizer state (ZeRO), "
                                + "recompute activations, use smaller micro-batches or more pipeline stages");
    }

    private String amount(double m) {
        if (sizes.memoryUnit().equals("bytes")) {
            return UnitFormat.format(m, Units.parse("GiB"));
        }
        return String.format(Locale.ROOT, "%,.0f %s", m, sizes.memoryUnit());
    }

    /** A clock reading: seconds, or abstract steps when the predictor's {@link Predictor#timeUnit()} is steps. */
    private String time(double clock) {
        if (Predictor.STEPS.equals(predictor.timeUnit())) {
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
            case KV -> "the gathered keys and values";
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
            case Op.Collective o -> o.kind().name().toLowerCase(Locale.ROOT) + "(" + describe(o.value())
                    + (o.group().isEmpty() ? "" : ", group " + o.group()) + ")";
        };
    }
}
