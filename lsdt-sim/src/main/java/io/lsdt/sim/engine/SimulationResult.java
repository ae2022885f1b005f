package io.lsdt.sim.engine;

import java.util.List;

/**
 * The outcome of simulating one training step: every rank's event log and the run's summary figures.
 * Immutable. The engine's event logs are column-stored ({@link EventLog}); {@link #events()} reads them through
 * {@link Event} views made on demand, and the summary figures scan the columns without making any.
 */
public final class SimulationResult {
    private final int ranks;
    private final List<List<Event>> events;
    private final String memoryUnit;
    private final boolean checked;
    private final List<List<String>> streamNames;
    private final int replicas;

    /**
     * A result whose events all ran on stream 0.
     *
     * @param ranks the number of ranks
     * @param events every event, per rank in the order performed: {@code events.get(rank)}
     * @param memoryUnit {@code "elements"} (lab and steps predictors) or {@code "bytes"}
     * @param checked true when the final correctness check passed
     */
    public SimulationResult(int ranks, List<List<Event>> events, String memoryUnit, boolean checked) {
        this(ranks, events, memoryUnit, checked, List.of());
    }

    /**
     * @param ranks the number of ranks
     * @param events every event, per rank in the order performed
     * @param memoryUnit {@code "elements"} or {@code "bytes"}
     * @param checked true when the final correctness check passed
     * @param streamNames per rank, the names of its streams by number ({@code "compute"} first); empty when every
     *     event ran on stream 0
     */
    public SimulationResult(int ranks, List<List<Event>> events, String memoryUnit, boolean checked,
            List<List<String>> streamNames) {
        this(ranks, events, memoryUnit, checked, streamNames, 1);
    }

    /**
     * @param ranks the number of ranks simulated
     * @param events every event, per rank in the order performed
     * @param memoryUnit {@code "elements"} or {@code "bytes"}
     * @param checked true when the final correctness check passed
     * @param streamNames per rank, the names of its streams (empty when every event ran on stream 0)
     * @param replicas identical data-parallel replicas the ranks stand for (1: the whole job was simulated)
     */
    public SimulationResult(int ranks, List<List<Event>> events, String memoryUnit, boolean checked,
            List<List<String>> streamNames, int replicas) {
        this.replicas = replicas;
        this.ranks = ranks;
        this.events = events.stream().map(l -> l instanceof EventLog ? l : List.copyOf(l)).toList();
        this.memoryUnit = memoryUnit;
        this.checked = checked;
        this.streamNames = streamNames.stream().map(List::copyOf).toList();
    }

    /** @return the number of ranks simulated */
    public int ranks() {
        return ranks;
    }

    /** @return identical data-parallel replicas the simulated ranks stand for (1: the whole job) */
    public int replicas() {
        return replicas;
    }

    /**
     * @return every event, per rank in the order performed: {@code events().get(rank)}; a rank whose events the
     *     engine was told not to keep ({@link Engine#withEvents}) has an empty list, and counts in the summary
     *     figures all the same
     */
    public List<List<Event>> events() {
        return events;
    }

    /** @return {@code "elements"} (lab and steps predictors) or {@code "bytes"} */
    public String memoryUnit() {
        return memoryUnit;
    }

    /** @return true when the final correctness check passed */
    public boolean checked() {
        return checked;
    }

    /** @return true when some rank has more than one stream (compute and communication overlap) */
    public boolean hasStreams() {
        return streamNames.stream().anyMatch(s -> s.size() > 1);
    }

    /**
     * @param rank a rank
     * @return the names of its streams by number: {@code "compute"} (stream 0), then its communication streams
     */
    public List<String> streamNames(int rank) {
        return rank < streamNames.size() ? streamNames.get(rank) : List.of("compute");
    }

    /**
     * The lab's execution time: the latest <em>start</em> of any rank's last event (the last event's duration is left
     * out, as the GT lab's {@code get_training_stats} does).
     *
     * @return seconds
     */
    public double executionTime() {
        double t = 0;
        for (List<Event> rank : events) {
            if (rank instanceof EventLog log) {
                if (log.count() > 0) {
                    t = Math.max(t, log.lastStart());
                }
                continue;
            }
            if (rank.isEmpty()) {
                continue;
            }
            t = Math.max(t, rank.get(rank.size() - 1).start());
        }
        return t;
    }

    /** @return the true end: the latest end of any event (s) */
    public double endTime() {
        double t = 0;
        for (List<Event> rank : events) {
            if (rank instanceof EventLog log) {
                t = Math.max(t, log.maxEnd());
            } else {
                for (Event e : rank) {
                    t = Math.max(t, e.end());
                }
            }
        }
        return t;
    }

    /** @return the largest memory over all events, with its rank and time (the first such event), or null */
    public Event maxMemoryEvent() {
        Event best = null;
        for (List<Event> rank : events) {
            if (rank instanceof EventLog log) {
                Event e = log.maxMemoryEvent();
                if (e != null && (best == null || e.memory() > best.memory())) {
                    best = e;
                }
            } else {
                for (Event e : rank) {
                    if (best == null || e.memory() > best.memory()) {
                        best = e;
                    }
                }
            }
        }
        return best;
    }

    /** @return the number of events, kept or not (see {@link #events()}) */
    public long eventCount() {
        return events.stream().mapToLong(l -> l instanceof EventLog log ? log.count() : l.size()).sum();
    }

    /**
     * @param rank a rank
     * @return the latest end of its events (s; 0 with none)
     */
    public double rankEnd(int rank) {
        List<Event> l = events.get(rank);
        return l instanceof EventLog log ? log.maxEnd() : l.stream().mapToDouble(Event::end).max().orElse(0);
    }

    /**
     * @param rank a rank
     * @return the summed durations of its events that are not communication: its compute stream's busy time (s)
     */
    public double rankBusy(int rank) {
        List<Event> l = events.get(rank);
        if (l instanceof EventLog log) {
            return log.busy();
        }
        double busy = 0;
        for (Event e : l) {
            if (!e.kind().isCommunication()) {
                busy += e.duration();
            }
        }
        return busy;
    }
}
