package io.lsdt.api;

import io.lsdt.physics.brief.Brief;
import io.lsdt.physics.catalog.Model;
import io.lsdt.physics.design.Hardware;
import io.lsdt.physics.design.Numerics;
import io.lsdt.physics.search.SearchResult;
import io.lsdt.physics.fundamentals.FundamentalsResult;
import java.util.List;

/**
 * The answer to a {@link PlanRequest}: the fundamentals (design-free bounds), the best designs on the brief's device
 * count, each a {@link DesignPoint} resolved through the graph with its macro section, the deadline-first sizing,
 * and the chosen design. The plan's one time to train and one MFU are the chosen design's
 * {@link DesignPoint#timeToTrain()} and {@link DesignPoint#mfu()}.
 *
 * @param brief the brief
 * @param fundamentals its fundamentals
 * @param model the model
 * @param hardware the hardware at the brief's precision
 * @param numerics the training precision
 * @param globalBatch sequences per step
 * @param steps optimizer steps of the run
 * @param deadline the deadline (s)
 * @param search the search at the brief's device count, or null when the brief names none
 * @param designs the best designs at the brief's device count, best first (empty when none fits or none is named)
 * @param deadlineFirst the smallest device count whose best design meets the deadline
 * @param chosen the design the plan reports: the best at the brief's device count, else the deadline-first one;
 *     null when no design fits
 */
public record Plan(Brief brief, FundamentalsResult fundamentals, Model model, Hardware hardware, Numerics numerics,
        int globalBatch, double steps, double deadline, SearchResult search, List<DesignPoint> designs,
        DeadlineFirst deadlineFirst, DesignPoint chosen) {

    /** Copies the list. */
    public Plan {
        designs = List.copyOf(designs);
    }

    /** @return whether the chosen design trains within the deadline, as its headline time to train says */
    public boolean meetsDeadline() {
        return chosen != null && chosen.timeToTrain() <= deadline;
    }

    /**
     * The smallest device count whose best design meets the deadline by the headline definition (stragglers and
     * failures included).
     *
     * @param devices the device count, or null when none was found
     * @param design its best design, or null
     * @param searches searches made
     * @param reason why none was found, or null
     */
    public record DeadlineFirst(Long devices, DesignPoint design, int searches, String reason) {}
}
