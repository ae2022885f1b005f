package io.lsdt.sim.trace;

import io.lsdt.physics.io.AtomicFile;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.sim.engine.Event;
import io.lsdt.sim.engine.SimulationResult;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * Writes a {@link SimulationResult} in the Trace Event JSON Object Format that chrome://tracing and the Perfetto UI
 * load directly, streaming with Jackson's {@link JsonGenerator} so that memory stays bounded by the result itself
 * (a 16,384-rank run may have millions of events; no JSON tree is built).
 *
 * <p>Layout, one JSON object per line:
 * <pre>
 * {"traceEvents":[
 * {"name":"process_name","ph":"M","pid":1,"tid":1,"args":{"name":"GPU 0"}},        per rank: process_name,
 * {"name":"process_sort_index","ph":"M",...,"args":{"sort_index":0}},               process_sort_index,
 * {"name":"thread_name","ph":"M","pid":1,"tid":1,"args":{"name":"Execution"}},     thread_name (+ sort index)
 * {"name":"forward L0 mb0","cat":"compute","ph":"X","ts":250,"dur":2000,"pid":1,"tid":1,
 *  "args":{"layer":0,"micro_batch":0,"samples_count":4,"memory":1000}},              one slice per event,
 * {"name":"memory","ph":"C","ts":250,"pid":1,"tid":1,"args":{"elements":1000}},     then its memory counter
 * ...
 * {"name":"p2p","cat":"p2p","ph":"s","id":1,"ts":...,"pid":1,"tid":1},              per matched send/recv pair
 * {"name":"p2p","cat":"p2p","ph":"f","bp":"e","id":1,"ts":...,"pid":2,"tid":1}
 * ],
 * "displayTimeUnit":"ns",
 * "otherData":{"generator":"lsdt-sim",...}}
 * </pre>
 *
 * <p>Differences from the GT lab's {@code write_chrome_trace} (sample: {@code 1f1b_sample_4rank_8batch.json}), each
 * deliberate:
 * <ul>
 *   <li><b>Rank numbering.</b> The lab names ranks {@code "GPU 1"}..{@code "GPU n"} (1-based) and uses that string as
 *       {@code pid}. Here process {@code "GPU r"} is rank r of the result, 0-based as in {@link SimulationResult},
 *       and the {@code pid} is the integer r + 1: the format's pids are integers (Perfetto does not accept string
 *       pids), and pid 0 means the kernel's idle task to Perfetto, so it is avoided. Threads start at tid 1 for the
 *       same reason. A {@code process_sort_index} of r keeps the ranks in order.</li>
 *   <li><b>Slice names.</b> {@code "<kind> L<layer> mb<k>"} (e.g. {@code "forward L3 mb5"}), or {@code "<kind>
 *       L<layer>"} for operations across micro-batches (update, load_weights, collectives), instead of the lab's
 *       {@code "<typ> batch: k"}. The kind is the lab's own name ({@link Event.Kind#label()}); the lab's sample file
 *       spells weight loading {@code "load_weights)"}, a typo not reproduced here.</li>
 *   <li><b>Arguments.</b> {@code layer}, {@code micro_batch} (left out for operations across micro-batches, where the
 *       lab writes {@code "Across Batch Operation"}), {@code samples_count} (not the full sample list, which would
 *       dominate a large trace), {@code memory} and {@code peer} (sends and receives only).</li>
 *   <li><b>Memory counter.</b> Named {@code memory} as in the lab, with one series named after the run's memory unit
 *       ({@code elements} or {@code bytes}; the lab's series is called {@code memory}), on the rank's process and
 *       logged at each event's start, i.e. the memory before the operation's result is stored.</li>
 *   <li><b>Flows.</b> Each send is linked to its receive by a flow (the lab has none): the k-th send from rank a to
 *       rank b is matched with the k-th receive on b from a. Sends and receives without a partner are counted in
 *       {@code otherData.unmatched_point_to_point}.</li>
 *   <li><b>Threads.</b> One thread {@code "Execution"} per rank as in the lab ({@link Threads#EXECUTION}), or
 *       {@code "compute"} and {@code "communication"} for runs with separate streams
 *       ({@link Threads#COMPUTE_AND_COMMUNICATION}).</li>
 * </ul>
 * Times: {@code ts} = start·1e6 and {@code dur} = duration·1e6 (µs, fractional), exactly as the lab computes them;
 * {@code displayTimeUnit} {@code "ns"} only tells viewers to show nanosecond precision. One exception keeps Perfetto
 * from misreading serial clocks: when floating-point noise makes a slice end less than 1 ns after the next slice on
 * its thread begins, its {@code dur} is shortened to that start (counted in
 * {@code otherData.slices_shortened_below_1ns}); Perfetto reads times in whole nanoseconds and keeps a thread's
 * slices as a stack, so it would otherwise nest the next slice inside this one and cut it short. Real overlaps on
 * one thread are left alone and counted ({@code otherData.overlapping_slices}).
 *
 * <p>Why integer pids: Perfetto's JSON importer reads {@code pid} and {@code tid} as integers (a string is parsed as
 * a decimal number, which the lab's {@code "GPU 1"} is not), so names go in {@code "M"} metadata instead.
 * {@code displayTimeUnit} comes after {@code traceEvents}, as the format's examples have it; current Perfetto ignores
 * it, as chrome://tracing does for parsing (some old trace-processor versions read {@code ts} in nanoseconds when
 * they found the key at the start of the file).
 */
public final class ChromeTrace {
    /** Name of the memory counter, as in the lab. */
    public static final String COUNTER_NAME = "memory";
    /** Name and category of the send → receive flow events. */
    public static final String FLOW_NAME = "p2p";
    /** Thread id of the execution (or compute) stream; threads start at 1, as tid 0 is special to Perfetto. */
    public static final int EXECUTION_TID = 1;
    /** Thread id of the communication stream under {@link Threads#COMPUTE_AND_COMMUNICATION}. */
    public static final int COMMUNICATION_TID = 2;

    /** Crossings of consecutive slices on a thread up to this length are floating-point noise (µs): 1 ns. */
    static final double NOISE_US = 1e-3;

    /** Leaves the caller's stream open, and a failed write unterminated (not silently closed into valid JSON). */
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.AUTO_CLOSE_CONTENT)
            .build();

    /** How a rank's events are laid out on threads. */
    public enum Threads {
        /** One thread, {@code "Execution"}, as the lab (the lab's clocks are one serial stream per rank). */
        EXECUTION,
        /** Two threads: {@code "compute"} and {@code "communication"} (collectives and point-to-point). */
        COMPUTE_AND_COMMUNICATION,
        /**
         * One thread per stream of the rank, named as the result names them ({@code "compute"}, {@code "collectives
         * over ranks […]"}, {@code "p2p with rank r"}): for runs with overlap, whose communication streams run at the
         * same time as each other.
         */
        STREAMS
    }

    /**
     * What a write produced.
     *
     * @param processes processes (ranks) named
     * @param slices complete ({@code "X"}) events, one per simulation event
     * @param counters counter ({@code "C"}) events, one per simulation event
     * @param flows send → receive flows (each one {@code "s"} and one {@code "f"} event)
     * @param unmatchedPointToPoint sends and receives without a partner (no flow drawn), including pairs whose
     *     receive ends before the send starts
     * @param overlappingSlices slices that begin more than 1 ns before the previous slice on their thread ends
     *     (viewers nest slices on a thread, so these display wrongly; a run whose streams overlap wants
     *     {@link Threads#COMPUTE_AND_COMMUNICATION})
     */
    public record Stats(int processes, long slices, long counters, long flows, long unmatchedPointToPoint,
            long overlappingSlices) {
    }

    private ChromeTrace() {
    }

    /**
     * The process id of a rank: rank + 1 (pid 0 is the idle task to Perfetto).
     *
     * @param rank the rank, 0-based
     * @return the pid
     */
    public static int pid(int rank) {
        return rank + 1;
    }

    /**
     * The process name of a rank.
     *
     * @param rank the rank, 0-based
     * @return {@code "GPU <rank>"}
     */
    public static String processName(int rank) {
        return "GPU " + rank;
    }

    /**
     * The slice name of an event.
     *
     * @param e the event
     * @return {@code "<kind> L<layer> mb<k>"}, or {@code "<kind> L<layer>"} when it spans micro-batches
     */
    public static String sliceName(Event e) {
        String base = e.kind().label() + " L" + e.layer();
        return e.microBatch() >= 0 ? base + " mb" + e.microBatch() : base;
    }

    /**
     * Writes the trace of {@code result} to {@code target} (one {@code "Execution"} thread per rank), whole or not at
     * all.
     *
     * @param result the simulation result
     * @param target the file to create or replace; its folder must exist
     * @return what was written
     * @throws LsdtException {@link Problem#INVALID_VALUE} when the file cannot be written (nothing is left behind) or
     *     an event has a non-finite time or memory
     */
    public static Stats write(SimulationResult result, Path target) {
        return write(result, target, Threads.EXECUTION);
    }

    /**
     * Writes the trace of {@code result} to {@code target}, whole or not at all.
     *
     * @param result the simulation result
     * @param target the file to create or replace; its folder must exist
     * @param threads the thread layout
     * @return what was written
     * @throws LsdtException {@link Problem#INVALID_VALUE} when the file cannot be written (nothing is left behind) or
     *     an event has a non-finite time or memory
     */
    public static Stats write(SimulationResult result, Path target, Threads threads) {
        Stats[] stats = new Stats[1];
        AtomicFile.write(target, "Chrome trace file", out -> stats[0] = writeTo(result, out, threads));
        return stats[0];
    }

    /**
     * Writes the trace of {@code result} to a stream (one {@code "Execution"} thread per rank). The stream is flushed,
     * not closed.
     *
     * @param result the simulation result
     * @param out the stream
     * @return what was written
     * @throws IOException when the stream fails
     * @throws LsdtException {@link Problem#INVALID_VALUE} when an event has a non-finite time or memory (checked before
     *     anything is written)
     */
    public static Stats writeTo(SimulationResult result, OutputStream out) throws IOException {
        return writeTo(result, out, Threads.EXECUTION);
    }

    /**
     * Writes the trace of {@code result} to a stream. The stream is flushed, not closed.
     *
     * @param result the simulation result
     * @param out the stream
     * @param threads the thread layout
     * @return what was written
     * @throws IOException when the stream fails
     * @throws LsdtException {@link Problem#INVALID_VALUE} when an event has a non-finite time or memory (checked before
     *     anything is written)
     */
    public static Stats writeTo(SimulationResult result, OutputStream out, Threads threads) throws IOException {
        return writeTo(result, out, threads, r -> true);
    }

    /**
     * Writes the trace of {@code result} to {@code target} for some ranks only, whole or not at all.
     *
     * @param result the simulation result
     * @param target the file to create or replace; its folder must exist
     * @param threads the thread layout
     * @param ranks which ranks to write (a large run's trace of every rank would take gigabytes)
     * @return what was written
     * @throws LsdtException as {@link #write(SimulationResult, Path, Threads)}
     */
    public static Stats write(SimulationResult result, Path target, Threads threads, IntPredicate ranks) {
        Stats[] stats = new Stats[1];
        AtomicFile.write(target, "Chrome trace file", out -> stats[0] = writeTo(result, out, threads, ranks));
        return stats[0];
    }

    /**
     * Writes the trace of some ranks of {@code result} to a stream; flows are drawn between written ranks only. The
     * stream is flushed, not closed.
     *
     * @param result the simulation result
     * @param out the stream
     * @param threads the thread layout
     * @param ranks which ranks to write
     * @return what was written
     * @throws IOException when the stream fails
     * @throws LsdtException as {@link #writeTo(SimulationResult, OutputStream, Threads)}
     */
    public static Stats writeTo(SimulationResult result, OutputStream out, Threads threads, IntPredicate ranks)
            throws IOException {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(threads, "threads");
        List<List<Event>> events = result.events();
        check(result);
        Map<Long, IntList> sends = sendsByPair(events);
        String unit = result.memoryUnit() == null || result.memoryUnit().isBlank() ? "memory" : result.memoryUnit();

        long slices;
        long shortened;
        long overlapping;
        long flows = 0;
        long unmatched = 0;
        int processes = 0;
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.setPrettyPrinter(new OneEventPerLine());
            g.writeStartObject();
            g.writeFieldName("traceEvents");
            g.writeStartArray();
            for (int r = 0; r < events.size(); r++) {
                if (ranks.test(r)) {
                    metadata(g, r, threads, result.streamNames(r));
                    processes++;
                }
            }
            Slices written = new Slices(g, threads, unit);
            for (int r = 0; r < events.size(); r++) {
                if (!ranks.test(r)) {
                    continue;
                }
                List<Event> rank = events.get(r);
                for (int i = 0; i < rank.size(); i++) {
                    written.add(rank.get(i), i);
                }
                written.flushRank();
            }
            slices = written.count;
            shortened = written.shortened;
            overlapping = written.overlapping;
            // flows: the k-th receive on b from a is paired with the k-th send from a to b
            Map<Long, int[]> cursor = new HashMap<>();
            for (int b = 0; b < events.size(); b++) {
                if (!ranks.test(b)) {
                    continue;
                }
                for (Event recv : events.get(b)) {
                    if (recv.kind() != Event.Kind.RECV || validPeer(recv, events.size()) && !ranks.test(recv.peer())) {
                        continue;
                    }
                    IntList fromA = validPeer(recv, events.size()) ? sends.get(key(recv.peer(), b)) : null;
                    int k = fromA == null ? 0 : cursor.computeIfAbsent(key(recv.peer(), b), x -> new int[1])[0]++;
                    if (fromA == null || k >= fromA.size()) {
                        unmatched++;
                        continue;
                    }
                    Event send = events.get(recv.peer()).get(fromA.get(k));
                    if (flow(g, send, recv, flows + 1, threads)) {
                        flows++;
                    } else {
                        unmatched += 2;
                    }
                }
            }
            for (Map.Entry<Long, IntList> e : sends.entrySet()) {
                int sender = (int) (e.getKey() >> 32);
                int receiver = (int) (long) e.getKey();
                if (!ranks.test(sender) || receiver >= 0 && receiver < events.size() && !ranks.test(receiver)) {
                    continue;
                }
                int[] used = cursor.get(e.getKey());
                unmatched += Math.max(0, e.getValue().size() - (used == null ? 0 : used[0]));
            }
            g.writeEndArray();
            g.writeStringField("displayTimeUnit", "ns");
            otherData(g, result, unit, flows, unmatched, shortened, overlapping);
            g.writeEndObject();
        }
        out.flush();
        return new Stats(processes, slices, slices, flows, unmatched, overlapping);
    }

    // ------------------------------------------------------------------------------------------------- events

    private static void metadata(JsonGenerator g, int rank, Threads threads, List<String> streams)
            throws IOException {
        int pid = pid(rank);
        meta(g, "process_name", pid, EXECUTION_TID, "name", processName(rank));
        meta(g, "process_sort_index", pid, EXECUTION_TID, "sort_index", rank);
        switch (threads) {
            case EXECUTION -> thread(g, pid, EXECUTION_TID, "Execution");
            case COMPUTE_AND_COMMUNICATION -> {
                thread(g, pid, EXECUTION_TID, "compute");
                thread(g, pid, COMMUNICATION_TID, "communication");
            }
            case STREAMS -> {
                for (int s = 0; s < streams.size() && s < MAX_STREAMS; s++) {
                    thread(g, pid, s + 1, streams.get(s));
                }
            }
        }
    }

    /** Streams numbered in an event log (8 bits). */
    private static final int MAX_STREAMS = 256;

    private static void thread(JsonGenerator g, int pid, int tid, String name) throws IOException {
        meta(g, "thread_name", pid, tid, "name", name);
        meta(g, "thread_sort_index", pid, tid, "sort_index", tid);
    }

    /** One metadata ({@code "ph": "M"}) event whose {@code args} hold a single field. */
    private static void meta(JsonGenerator g, String name, int pid, int tid, String arg, Object value)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeStringField("ph", "M");
        g.writeNumberField("pid", pid);
        g.writeNumberField("tid", tid);
        g.writeObjectFieldStart("args");
        if (value instanceof Integer n) {
            g.writeNumberField(arg, n);
        } else {
            g.writeStringField(arg, (String) value);
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static int tid(Event e, Threads threads) {
        return switch (threads) {
            case EXECUTION -> EXECUTION_TID;
            case COMPUTE_AND_COMMUNICATION -> e.kind().isCommunication() ? COMMUNICATION_TID : EXECUTION_TID;
            case STREAMS -> e.stream() + 1;
        };
    }

    private static void slice(JsonGenerator g, Event e, double durUs, Threads threads) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", sliceName(e));
        g.writeStringField("cat", e.kind().isCommunication() ? "communication" : "compute");
        g.writeStringField("ph", "X");
        number(g, "ts", e.start() * 1e6);
        number(g, "dur", durUs);
        g.writeNumberField("pid", pid(e.rank()));
        g.writeNumberField("tid", tid(e, threads));
        g.writeObjectFieldStart("args");
        g.writeNumberField("layer", e.layer());
        if (e.microBatch() >= 0) {
            g.writeNumberField("micro_batch", e.microBatch());
        }
        g.writeNumberField("samples_count", e.samples().size());
        number(g, "memory", e.memory());
        if (e.peer() >= 0) {
            g.writeNumberField("peer", e.peer());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void counter(JsonGenerator g, Event e, String unit) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", COUNTER_NAME);
        g.writeStringField("ph", "C");
        number(g, "ts", e.start() * 1e6);
        g.writeNumberField("pid", pid(e.rank()));
        g.writeNumberField("tid", EXECUTION_TID);
        g.writeObjectFieldStart("args");
        number(g, unit, e.memory());
        g.writeEndObject();
        g.writeEndObject();
    }

    /**
     * Writes the flow from a send to its receive. Both ends lie inside their slices (Perfetto and Chrome bind a flow
     * to the slice enclosing its timestamp) and the start is no later than the finish (a finish read before its start
     * is dropped): the middles of the two slices, else the send's start and the first instant of the receive not
     * before it.
     *
     * @return false when no such timestamps exist (the receive ends before the send starts): nothing is written
     */
    private static boolean flow(JsonGenerator g, Event send, Event recv, long id, Threads threads)
            throws IOException {
        double s = (send.start() + send.duration() / 2) * 1e6;
        double f = (recv.start() + recv.duration() / 2) * 1e6;
        if (f < s) {
            s = send.start() * 1e6;
            f = Math.max(recv.start() * 1e6, s);
            if (f > recv.start() * 1e6 + recv.duration() * 1e6) {
                return false;
            }
        }
        flowEnd(g, "s", id, s, send, threads);
        flowEnd(g, "f", id, f, recv, threads);
        return true;
    }

    /** A flow's start ({@code "s"}) or finish ({@code "f"}, bound to the enclosing slice) on {@code e}'s track. */
    private static void flowEnd(JsonGenerator g, String ph, long id, double tsUs, Event e, Threads threads)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("name", FLOW_NAME);
        g.writeStringField("cat", FLOW_NAME);
        g.writeStringField("ph", ph);
        if (ph.equals("f")) {
            g.writeStringField("bp", "e");
        }
        g.writeNumberField("id", id);
        number(g, "ts", tsUs);
        g.writeNumberField("pid", pid(e.rank()));
        g.writeNumberField("tid", tid(e, threads));
        g.writeEndObject();
    }

    private static void otherData(JsonGenerator g, SimulationResult result, String unit, long flows, long unmatched,
            long shortened, long overlapping) throws IOException {
        g.writeObjectFieldStart("otherData");
        g.writeStringField("generator", "lsdt-sim");
        g.writeNumberField("ranks", result.events().size());
        g.writeNumberField("events", result.eventCount());
        g.writeStringField("memory_unit", unit);
        g.writeBooleanField("checked", result.checked());
        number(g, "execution_time_s", result.executionTime());
        number(g, "end_time_s", result.endTime());
        Event max = result.maxMemoryEvent();
        if (max != null) {
            number(g, "max_memory", max.memory());
            g.writeNumberField("max_memory_rank", max.rank());
            number(g, "max_memory_time_s", max.start());
        }
        g.writeNumberField("flows", flows);
        g.writeNumberField("unmatched_point_to_point", unmatched);
        g.writeNumberField("slices_shortened_below_1ns", shortened);
        g.writeNumberField("overlapping_slices", overlapping);
        g.writeStringField("ranks_note", "process \"GPU r\" is rank r (0-based) with pid r + 1; the GT lab names"
                + " ranks \"GPU 1\"..\"GPU n\"");
        g.writeStringField("execution_time_note", "execution_time_s is the lab's: the latest start of any rank's"
                + " last event; end_time_s is the latest end");
        g.writeEndObject();
    }

    /**
     * Integral values as integers (250, not 250.0); others as the shortest decimal that reads back as the same double,
     * in plain notation (24578250.000000734, not 2.4578250000000734E7: some trace readers parse exponents poorly).
     */
    private static void number(JsonGenerator g, String field, double v) throws IOException {
        g.writeFieldName(field);
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            g.writeNumber((long) v);
        } else {
            g.writeNumber(BigDecimal.valueOf(v).toPlainString());
        }
    }

    // ------------------------------------------------------------------------------------------------- checks

    /** Checks the whole result before anything is written, so that a stream gets a whole trace or nothing. */
    private static void check(SimulationResult result) {
        List<List<Event>> events = result.events();
        if (events.size() != result.ranks()) {
            throw LsdtException.of(Problem.INTERNAL, "simulation result has " + result.ranks() + " ranks but "
                    + events.size() + " event lists");
        }
        for (int r = 0; r < events.size(); r++) {
            List<Event> rank = events.get(r);
            for (int i = 0; i < rank.size(); i++) {
                Event e = rank.get(i);
                if (e.rank() != r) {
                    throw LsdtException.of(Problem.INTERNAL, "event " + sliceName(e) + " of rank " + e.rank()
                            + " is in the event list of rank " + r);
                }
                checkValues(e, i);
            }
        }
    }

    private static void checkValues(Event e, int index) {
        String where = "event " + index + " (" + sliceName(e) + ") of rank " + e.rank();
        if (!Double.isFinite(e.start())) {
            throw LsdtException.of(Problem.INVALID_VALUE, where + " start", e.start(), "a finite time in seconds");
        }
        if (!Double.isFinite(e.duration()) || e.duration() < 0) {
            throw LsdtException.of(Problem.INVALID_VALUE, where + " duration", e.duration(),
                    "a finite time ≥ 0 in seconds");
        }
        if (!Double.isFinite(e.memory())) {
            throw LsdtException.of(Problem.INVALID_VALUE, where + " memory", e.memory(), "a finite number");
        }
    }

    private static boolean validPeer(Event e, int ranks) {
        return e.peer() >= 0 && e.peer() < ranks && e.peer() != e.rank();
    }

    private static long key(int sender, int receiver) {
        return ((long) sender << 32) | (receiver & 0xffffffffL);
    }

    /** Per (sender, receiver): the indices of the sender's SEND events to that receiver, in order. */
    private static Map<Long, IntList> sendsByPair(List<List<Event>> events) {
        Map<Long, IntList> sends = new HashMap<>();
        for (int a = 0; a < events.size(); a++) {
            List<Event> rank = events.get(a);
            for (int i = 0; i < rank.size(); i++) {
                Event e = rank.get(i);
                if (e.kind() == Event.Kind.SEND && validPeer(e, events.size())) {
                    sends.computeIfAbsent(key(a, e.peer()), x -> new IntList()).add(i);
                }
            }
        }
        return sends;
    }

    /**
     * Writes a rank's slices (each followed by its memory counter) one slice behind, per thread, so that a slice can
     * be shortened when the next slice on its thread begins less than {@value #NOISE_US} µs before it ends. Such a
     * crossing is floating-point noise of clocks summed in seconds (e.g. 5.5 ms + 0.5 ms written as 6000.000000000001
     * µs against a next start of 6000 µs), but Perfetto, which reads times in whole nanoseconds and keeps the slices of
     * a thread as a stack, would nest the next slice inside this one and cut it short. Longer crossings are real
     * overlaps: left as they are and counted.
     */
    private static final class Slices {
        private final JsonGenerator g;
        private final Threads threads;
        private final String unit;
        private final Event[] pending = new Event[MAX_STREAMS + 2];
        private final int[] pendingIndex = new int[MAX_STREAMS + 2];
        private final double[] pendingDur = new double[MAX_STREAMS + 2];
        long count;
        long shortened;
        long overlapping;

        Slices(JsonGenerator g, Threads threads, String unit) {
            this.g = g;
            this.threads = threads;
            this.unit = unit;
        }

        void add(Event e, int index) throws IOException {
            int t = tid(e, threads);
            Event p = pending[t];
            if (p != null) {
                double pTs = p.start() * 1e6;
                double ts = e.start() * 1e6;
                double dur = pendingDur[t];
                if (ts < pTs + dur && ts >= pTs) {
                    if (pTs + dur - ts <= NOISE_US) {
                        dur = ts - pTs;
                        shortened++;
                    } else {
                        overlapping++;
                    }
                }
                write(p, dur);
            }
            pending[t] = e;
            pendingIndex[t] = index;
            pendingDur[t] = e.duration() * 1e6;
        }

        /** Writes the rank's last slice of each thread, in the order the events were logged. */
        void flushRank() throws IOException {
            while (true) {
                int next = -1;
                for (int t = 0; t < pending.length; t++) {
                    if (pending[t] != null && (next < 0 || pendingIndex[t] < pendingIndex[next])) {
                        next = t;
                    }
                }
                if (next < 0) {
                    return;
                }
                write(pending[next], pendingDur[next]);
                pending[next] = null;
            }
        }

        private void write(Event e, double durUs) throws IOException {
            slice(g, e, durUs, threads);
            counter(g, e, unit);
            count++;
        }
    }

    /** A growable list of ints (no boxing: a large run has one entry per send). */
    private static final class IntList {
        private int[] values = new int[4];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int get(int i) {
            return values[i];
        }

        int size() {
            return size;
        }
    }

    /** Compact JSON with each trace event on its own line (diffable and greppable, as the lab's files). */
    private static final class OneEventPerLine extends MinimalPrettyPrinter {
        private static final long serialVersionUID = 1L;
        private int depth;

        @Override
        public void writeStartArray(JsonGenerator g) throws IOException {
            depth++;
            g.writeRaw('[');
        }

        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            g.writeRaw('\n');
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(depth == 1 ? ",\n" : ",");
        }

        @Override
        public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
            depth--;
            g.writeRaw(depth == 0 ? "\n]" : "]");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(depth == 0 ? ",\n" : ",");
        }
    }
}
