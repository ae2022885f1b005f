package io.lsdt.api;

import io.lsdt.physics.brief.Brief;
import io.lsdt.physics.brief.Requirements;
import io.lsdt.physics.catalog.Model;
import io.lsdt.physics.design.Hardware;
import io.lsdt.physics.design.Numerics;
import io.lsdt.physics.search.SearchResult;
import io.lsdt.physics.fundamentals.FundamentalsResult;
import io.lsdt.physics.macro.MacroResult;
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
 * @param chosen the design the plan reports: the best at the brief's device count when it names one, else the
 *     deadline-first one; null when no design fits there (or, without a count, when no size meets the deadline)
 * @param floor the what-if floor of the brief's {@code floor:} section, or null when it assigns none (then
 *     {@code hardware} holds the catalog's datasheet figures)
 * @param frameworks with {@code framework: any}, each framework's best design on the brief's device count (the plan
 *     is the fastest one's); empty otherwise
 */
public record Plan(Brief brief, FundamentalsResult fundamentals, Model model, Hardware hardware, Numerics numerics,
        int globalBatch, double steps, double deadline, SearchResult search, List<DesignPoint> designs,
        DeadlineFirst deadlineFirst, DesignPoint chosen, io.lsdt.physics.floor.Floor floor,
        List<FrameworkBest> frameworks) {

    /** Copies the lists. */
    public Plan {
        designs = List.copyOf(designs);
        frameworks = List.copyOf(frameworks);
    }

    /**
     * One framework's best design on the brief's device count, when the brief asks {@code framework: any}.
     *
     * @param framework the framework profile id, or {@link #DEFAULT} for LSDT's default
     * @param name what it is
     * @param best its fastest design that fits, or null
     * @param reason why none fits, or null
     */
    public record FrameworkBest(String framework, String name, io.lsdt.physics.design.Prediction best,
            String reason) {
        /** The id of LSDT's default designs (Megatron-style, every ZeRO stage) among the frameworks compared. */
        public static final String DEFAULT = "default";
    }

    /**
     * Whether the plan meets the brief's deadline.
     *
     * @return whether the chosen design trains within the deadline, as its headline time to train says
     */
    public boolean meetsDeadline() {
        return chosen != null && chosen.timeToTrain() <= deadline;
    }

    /**
     * The brief's stated requirements, each with whether the chosen design meets it.
     *
     * @return the brief's requirements checked against the chosen design's macro section (cost, facility energy,
     *     CO2, goodput), in the brief's order; empty without a design or without requirements
     */
    public List<Requirements.Check> requirements() {
        if (chosen == null) {
            return List.of();
        }
        MacroResult m = chosen.macro();
        return brief.requirements().check(m.value("econ.run.total_cost"), m.value("sust.energy.facility"),
                m.value("sust.co2.total"), m.value("rel.goodput"));
    }

    /**
     * Whether the plan succeeds.
     *
     * @return whether the plan answers its brief: a design fits, it meets the deadline and every stated requirement
     *     (the command line's exit code 0; otherwise 3)
     */
    public boolean succeeds() {
        return meetsDeadline() && requirements().stream().allMatch(Requirements.Check::met);
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
