package io.lsdt.sim.engine;

import io.lsdt.sim.state.IndexSet;
import java.util.AbstractList;
import java.util.Arrays;

/**
 * One rank's events, stored as rows of four {@code long}s in one array (kind, stream, layer and micro-batch packed
 * into the first; start, duration and memory as raw doubles) plus a reference to the samples: 36 bytes an
 * event, no object per event, and one or two cache lines touched per event appended, so that a step of a
 * 16,384-rank job keeps its tens of millions of events in a few hundred MB. {@link #get(int)} builds the
 * {@link Event} view on demand. Appended to by the engine only; read-only once the result is built.
 *
 * <p>A log that does not {@code keep} its events holds only what the reports need — the number of events, the start
 * of the last, the latest end, the compute time (every event that is not communication) and the first event of the
 * largest memory — and reads as an empty list: a step of a whole 16,384-rank job then keeps the events of the ranks
 * it traces only. The figures are the same as a kept log's, computed in the same order.
 */
final class EventLog extends AbstractList<Event> {
    private static final int STRIDE = 4;
    private final int rank;
    private final boolean keep;
    private long[] rows;
    private IndexSet[] samples;
    private int size;
    private long count;
    private double lastStart;
    private double maxEnd;
    private double busy;
    private double maxMemory = Double.NEGATIVE_INFINITY;
    private Event maxEvent;

    EventLog(int rank, int capacity) {
        this(rank, capacity, true);
    }

    /**
     * @param rank the rank
     * @param capacity events expected (kept logs)
     * @param keep false to keep the summary only
     */
    EventLog(int rank, int capacity, boolean keep) {
        this.rank = rank;
        this.keep = keep;
        int c = keep ? Math.max(capacity, 1) : 0;
        rows = new long[STRIDE * c];
        samples = new IndexSet[c];
    }

    /**
     * Packs kind (4 bits), stream (8 bits), layer (20 bits, offset by 8: −8 … 1,048,567, see
     * {@link LabSetup#MAX_LAYERS}) and micro-batch (32 bits) into one word; peers, present on sends and receives only,
     * go in a separate array made when the first one is logged.
     */
    void add(Event.Kind k, int l, double s, double d, double mem, IndexSet smp, int mb, int p, int str) {
        count++;
        lastStart = s;
        maxEnd = Math.max(maxEnd, s + d);
        if (!k.isCommunication()) {
            busy += d;
        }
        if (mem > maxMemory) {
            maxMemory = mem;
            maxEvent = keep ? null : new Event(k, l, rank, s, d, mem, smp, mb, p >= 0 ? p : -1, Math.min(str, 255));
            if (keep) {
                maxAt = size;
            }
        }
        if (!keep) {
            return;
        }
        if (size == samples.length) {
            grow();
        }
        int at = STRIDE * size;
        rows[at] = k.ordinal() | ((long) Math.min(str, 255) << 4) | ((long) ((l + 8) & 0xFFFFF) << 12)
                | ((long) mb << 32);
        rows[at + 1] = Double.doubleToRawLongBits(s);
        rows[at + 2] = Double.doubleToRawLongBits(d);
        rows[at + 3] = Double.doubleToRawLongBits(mem);
        samples[size] = smp;
        if (p >= 0) {
            if (peers == null) {
                peers = new int[samples.length];
                Arrays.fill(peers, -1);
            }
            peers[size] = p;
        }
        size++;
    }

    /** The index of the first event of the largest memory (kept logs). */
    private int maxAt = -1;

    /** @return events logged, kept or not */
    long count() {
        return count;
    }

    /** @return the start of the last event logged (s; 0 with none) */
    double lastStart() {
        return lastStart;
    }

    /** @return the latest end of an event (s; 0 with none) */
    double maxEnd() {
        return maxEnd;
    }

    /** @return the summed durations of the events that are not communication (s) */
    double busy() {
        return busy;
    }

    /** @return the first event of the largest memory, or null with none */
    Event maxMemoryEvent() {
        return keep ? (maxAt < 0 ? null : get(maxAt)) : maxEvent;
    }

    /** Peers of sends and receives, by event; null while there are none. */
    private int[] peers;

    private void grow() {
        int c = samples.length * 2;
        rows = Arrays.copyOf(rows, STRIDE * c);
        samples = Arrays.copyOf(samples, c);
        if (peers != null) {
            int old = peers.length;
            peers = Arrays.copyOf(peers, c);
            Arrays.fill(peers, old, c, -1);
        }
    }

    @Override
    public Event get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        long w = rows[STRIDE * i];
        return new Event(Event.Kind.of((int) (w & 0xF)), (int) ((w >>> 12) & 0xFFFFF) - 8, rank, start(i),
                Double.longBitsToDouble(rows[STRIDE * i + 2]), memory(i), samples[i], (int) (w >>> 32),
                peers == null ? -1 : peers[i], (int) ((w >>> 4) & 0xFF));
    }

    @Override
    public int size() {
        return size;
    }

    double start(int i) {
        return Double.longBitsToDouble(rows[STRIDE * i + 1]);
    }

    double end(int i) {
        return start(i) + Double.longBitsToDouble(rows[STRIDE * i + 2]);
    }

    double memory(int i) {
        return Double.longBitsToDouble(rows[STRIDE * i + 3]);
    }
}
