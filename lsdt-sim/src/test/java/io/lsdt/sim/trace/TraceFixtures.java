package io.lsdt.sim.trace;

import io.lsdt.sim.engine.Event;
import io.lsdt.sim.engine.Event.Kind;
import io.lsdt.sim.engine.SimulationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Hand-built simulation results with known times, following the lab's semantics (one serial clock per rank; a receive
 * starts at max(its clock, the sender's clock before the send); both sides are charged the transfer).
 *
 * <p>{@link #twoRanks()}: a two-stage pipeline (layer 0 on GPU 0, layer 1 on GPU 1), two micro-batches of four
 * samples; load 0.25 ms, forward and backward 2 ms, send/recv 1 ms, loss 0, update 0.5 ms. Times in ms:
 * <pre>
 * GPU 0  load 0–0.25 | fwd mb0 0.25–2.25 | send mb0 2.25–3.25 | fwd mb1 3.25–5.25 | send mb1 5.25–6.25
 *        | recv mb0 7.25–8.25 | bwd mb0 8.25–10.25 | recv mb1 13.25–14.25 | bwd mb1 14.25–16.25 | update 16.25–16.75
 * GPU 1  load 0–0.25 | recv mb0 2.25–3.25 | fwd mb0 3.25–5.25 | loss 5.25 | bwd mb0 5.25–7.25 | send mb0 7.25–8.25
 *        | recv mb1 8.25–9.25 | fwd mb1 9.25–11.25 | loss 11.25 | bwd mb1 11.25–13.25 | send mb1 13.25–14.25
 *        | update 14.25–14.75
 * </pre>
 * Execution time (lab: latest start of a last event) 16.25 ms, end 16.75 ms; max memory 300 elements on GPU 1 at
 * 13.25 ms; four send → recv pairs.
 *
 * <p>{@link #fourRanks()}: two such pipelines (GPU 0 → 1 and GPU 2 → 3, samples 0–7 and 8–15), where each rank ends
 * with an all_reduce at 16.25–17 ms (a collective starts at the latest entry clock) and an update at 17–17.5 ms;
 * memory in bytes (the two-rank values × 10⁷, GPU 2 and 3 × 1.5: max 4.5e9 B on GPU 3 at 13.25 ms).
 */
final class TraceFixtures {
    static final double MS = 1e-3;

    private TraceFixtures() {
    }

    static SimulationResult twoRanks() {
        List<List<Event>> events = new ArrayList<>();
        events.add(stageZero(0, 1, 0, 1, false));
        events.add(stageOne(1, 0, 0, 1, false));
        return new SimulationResult(2, events, "elements", true);
    }

    static SimulationResult fourRanks() {
        List<List<Event>> events = new ArrayList<>();
        events.add(stageZero(0, 1, 0, 1e7, true));
        events.add(stageOne(1, 0, 0, 1e7, true));
        events.add(stageZero(2, 3, 8, 1.5e7, true));
        events.add(stageOne(3, 2, 8, 1.5e7, true));
        return new SimulationResult(4, events, "bytes", true);
    }

    /** Layer 0 of a pipeline: forward both micro-batches, then the backward passes as gradients come back. */
    private static List<Event> stageZero(int rank, int next, int first, double memScale, boolean allReduce) {
        Log l = new Log(rank, first, memScale);
        l.add(Kind.LOAD_WEIGHTS, 0, 0, 0.25, 0, -1, -1);
        l.add(Kind.FORWARD, 0, 0.25, 2, 100, 0, -1);
        l.add(Kind.SEND, 1, 2.25, 1, 150, 0, next);
        l.add(Kind.FORWARD, 0, 3.25, 2, 150, 1, -1);
        l.add(Kind.SEND, 1, 5.25, 1, 200, 1, next);
        l.add(Kind.RECV, 0, 7.25, 1, 150, 0, next);
        l.add(Kind.BACKWARD, 0, 8.25, 2, 200, 0, -1);
        l.add(Kind.RECV, 0, 13.25, 1, 150, 1, next);
        l.add(Kind.BACKWARD, 0, 14.25, 2, 200, 1, -1);
        finish(l, 0, 16.25, allReduce);
        return l.events;
    }

    /** Layer 1 (the last): receive, forward, loss, backward, send the gradient back. */
    private static List<Event> stageOne(int rank, int previous, int first, double memScale, boolean allReduce) {
        Log l = new Log(rank, first, memScale);
        l.add(Kind.LOAD_WEIGHTS, 1, 0, 0.25, 0, -1, -1);
        l.add(Kind.RECV, 1, 2.25, 1, 100, 0, previous);
        l.add(Kind.FORWARD, 1, 3.25, 2, 150, 0, -1);
        l.add(Kind.LOSS, 1, 5.25, 0, 200, 0, -1);
        l.add(Kind.BACKWARD, 1, 5.25, 2, 200, 0, -1);
        l.add(Kind.SEND, 0, 7.25, 1, 250, 0, previous);
        l.add(Kind.RECV, 1, 8.25, 1, 150, 1, previous);
        l.add(Kind.FORWARD, 1, 9.25, 2, 200, 1, -1);
        l.add(Kind.LOSS, 1, 11.25, 0, 250, 1, -1);
        l.add(Kind.BACKWARD, 1, 11.25, 2, 250, 1, -1);
        l.add(Kind.SEND, 0, 13.25, 1, 300, 1, previous);
        finish(l, 1, 14.25, allReduce);
        return l.events;
    }

    private static void finish(Log l, int layer, double clock, boolean allReduce) {
        if (allReduce) {
            l.add(Kind.ALL_REDUCE, layer, 16.25, 0.75, 200, -1, -1);
            l.add(Kind.UPDATE, layer, 17, 0.5, 200, -1, -1);
        } else {
            l.add(Kind.UPDATE, layer, clock, 0.5, layer == 0 ? 150 : 200, -1, -1);
        }
    }

    /**
     * A chain pipeline of {@code ranks} ranks, one layer each, {@code microBatches} micro-batches of one sample,
     * forward only: rank r receives micro-batch k from r − 1, computes 1 ms, sends 0.5 ms to r + 1. About 4 events per
     * rank and micro-batch; flows: (ranks − 1) × microBatches.
     */
    static SimulationResult chain(int ranks, int microBatches) {
        List<List<Event>> events = new ArrayList<>(ranks);
        double[] sendStart = new double[microBatches]; // the previous rank's send starts
        for (int r = 0; r < ranks; r++) {
            List<Event> log = new ArrayList<>(4 * microBatches);
            double clock = 0;
            double[] mySends = new double[microBatches];
            for (int k = 0; k < microBatches; k++) {
                List<Integer> s = List.of(k);
                if (r > 0) {
                    clock = Math.max(clock, sendStart[k]);
                    log.add(new Event(Kind.RECV, r, r, clock, 0.5 * MS, k, s, k, r - 1));
                    clock += 0.5 * MS;
                }
                log.add(new Event(Kind.FORWARD, r, r, clock, MS, k + 1, s, k, -1));
                clock += MS;
                if (r < ranks - 1) {
                    mySends[k] = clock;
                    log.add(new Event(Kind.SEND, r + 1, r, clock, 0.5 * MS, k + 1, s, k, r + 1));
                    clock += 0.5 * MS;
                }
            }
            log.add(new Event(Kind.UPDATE, r, r, clock, 0.25 * MS, r % 7, List.of(), -1, -1));
            sendStart = mySends;
            events.add(log);
        }
        return new SimulationResult(ranks, events, "elements", true);
    }

    /** One event list being written; times and durations in ms, memory scaled. */
    private static final class Log {
        final List<Event> events = new ArrayList<>();
        final int rank;
        final int firstSample;
        final double memScale;

        Log(int rank, int firstSample, double memScale) {
            this.rank = rank;
            this.firstSample = firstSample;
            this.memScale = memScale;
        }

        void add(Kind kind, int layer, double startMs, double durMs, double memory, int mb, int peer) {
            List<Integer> samples = switch (kind) {
                case LOAD_WEIGHTS -> List.of();
                case UPDATE, ALL_REDUCE -> IntStream.range(firstSample, firstSample + 8).boxed().toList();
                default -> IntStream.range(firstSample + 4 * mb, firstSample + 4 * mb + 4).boxed().toList();
            };
            events.add(new Event(kind, layer, rank, startMs * MS, durMs * MS, memory * memScale, samples, mb, peer));
        }
    }
}
