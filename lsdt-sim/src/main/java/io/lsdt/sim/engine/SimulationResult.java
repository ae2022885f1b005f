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
     * A result of the whole job (one replica: nothing stands for other copies), with per-rank streams.
     *
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
     * A result, possibly of one data-parallel replica standing for several. Event lists that are {@link EventLog}s
     * are kept as they are; other lists and the stream names are copied.
     *
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

    /**
     * The number of ranks simulated (those of one replica when {@link #replicas()} &gt; 1).
     *
     * @return the number of ranks simulated
     */
    public int ranks() {
        return ranks;
    }

    /**
     * How many identical data-parallel replicas the simulated ranks stand for: the job has
     * {@code ranks() × replicas()} ranks.
     *
     * @return the replicas, ≥ 1 (1: the whole job was simulated)
     */
    public int replicas() {
        return replicas;
    }

    /**
     * The event logs of all ranks.
     *
     * @return every event, per rank in the order performed: {@code events().get(rank)}; a rank whose events the
     *     engine was told not to keep ({@link Engine#withEvents}) has an empty list, and counts in the summary
     *     figures all the same
     */
    public List<List<Event>> events() {
        return events;
    }

    /**
     * The unit of {@link Event#memory()}: the lab and steps predictors count tensor elements, the physical predictor
     * bytes.
     *
     * @return {@code "elements"} (lab and steps predictors) or {@code "bytes"}
     */
    public String memoryUnit() {
        return memoryUnit;
    }

    /**
     * Whether the final correctness check passed: no rank deadlocked or left a message unreceived, and every shard of
     * every layer was updated (the engine throws when the check fails, so its own results always say true).
     *
     * @return true when the final correctness check passed
     */
    public boolean checked() {
        return checked;
    }

    /**
     * Whether any rank ran events on more than one stream, so that its compute and communication may overlap.
     *
     * @return true when some rank has more than one stream
     */
    public boolean hasStreams() {
        return streamNames.stream().anyMatch(s -> s.size() > 1);
    }

    /**
     * The names of a rank's streams, indexed by {@link Event#stream()}.
     *
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

    /**
     * The true end of the step: the latest end of any event, the last event's duration included (unlike
     * {@link #executionTime()}).
     *
     * @return the latest end of any event (s; 0 with no events)
     */
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

    /**
     * The event at which some rank's memory peaked: the first event with the largest {@link Event#memory()} over all
     * ranks, which carries its rank and time.
     *
     * @return that event, or null when there are no events
     */
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

    /**
     * The number of events over all ranks, counting those of ranks whose events were not kept.
     *
     * @return the number of events, kept or not (see {@link #events()})
     */
    public long eventCount() {
        return events.stream().mapToLong(l -> l instanceof EventLog log ? log.count() : l.size()).sum();
    }

    /**
     * When a rank finished: the latest end of its events.
     *
     * @param rank a rank, 0 … {@code ranks() − 1}
     * @return the latest end of its events (s; 0 with none)
     * @throws IndexOutOfBoundsException if {@code rank} is out of range
     */
    public double rankEnd(int rank) {
        List<Event> l = events.get(rank);
        return l instanceof EventLog log ? log.maxEnd() : l.stream().mapToDouble(Event::end).max().orElse(0);
    }

    /**
     * How long a rank's compute stream was busy.
     *
     * @param rank a rank, 0 … {@code ranks() − 1}
     * @throws IndexOutOfBoundsException if {@code rank} is out of range
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
