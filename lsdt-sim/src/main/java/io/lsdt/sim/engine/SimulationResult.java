package io.lsdt.sim.engine;

import java.util.List;

/**
 * The outcome of simulating one training step: every rank's event log and the run's summary figures.
 *
 * @param ranks the number of ranks
 * @param events every event, per rank in the order performed: {@code events.get(rank)}
 * @param memoryUnit {@code "elements"} (lab and steps predictors) or {@code "bytes"}
 * @param checked true when the final correctness check passed
 */
public record SimulationResult(int ranks, List<List<Event>> events, String memoryUnit, boolean checked) {
    /** Copies the lists. */
    public SimulationResult {
        events = events.stream().map(List::copyOf).toList();
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
            if (!rank.isEmpty()) {
                t = Math.max(t, rank.get(rank.size() - 1).start());
            }
        }
        return t;
    }

    /** @return the true end: the latest end of any event (s) */
    public double endTime() {
        double t = 0;
        for (List<Event> rank : events) {
            for (Event e : rank) {
                t = Math.max(t, e.end());
            }
        }
        return t;
    }

    /** @return the largest memory over all events, with its rank and time (the first such event) */
    public Event maxMemoryEvent() {
        Event best = null;
        for (List<Event> rank : events) {
            for (Event e : rank) {
                if (best == null || e.memory() > best.memory()) {
                    best = e;
                }
            }
        }
        return best;
    }

    /** @return the number of events */
    public long eventCount() {
        return events.stream().mapToLong(List::size).sum();
    }
}
