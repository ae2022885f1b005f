package io.lsdt.physics.macro;

import io.lsdt.graph.model.Relation.Equation;
import io.lsdt.graph.resolve.Resolution;
import io.lsdt.physics.brief.BriefInput;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code lsdt evaluate}'s verdict on a brief, in three levels: feasibility (does it fit, can the deadline or SLA be
 * reached), performance (step time or latency against its target), macro (cost, energy, carbon, goodput). Each check
 * is PASS, WARN or FAIL with its numbers and the graph variable and equation behind it.
 *
 * @param name the brief's name
 * @param kind {@code training} or {@code inference}
 * @param checks the checks, in level order
 * @param inputs the inputs the numbers came from, with their origins
 */
public record Scorecard(String name, String kind, List<Check> checks, List<BriefInput> inputs) {

    /** A check's verdict. */
    public enum Status {
        /** the requirement holds */
        PASS,
        /** no requirement was stated, or it holds only narrowly or under an assumption worth a look */
        WARN,
        /** a stated requirement, or a physical one (memory, a stable queue), does not hold */
        FAIL
    }

    /**
     * One check.
     *
     * @param level feasibility, performance or macro
     * @param name what is checked
     * @param status the verdict
     * @param value the value, formatted with its unit
     * @param target the requirement, formatted, or a remark when none was stated
     * @param variable the graph variable behind the value, or null
     * @param equation the equation that computed it, or null for an input
     */
    public record Check(String level, String name, Status status, String value, String target, String variable,
            String equation) {}

    /**
     * Whether a check failed.
     *
     * @return true when any check failed: lsdt evaluate exits 3
     */
    public boolean failed() {
        return checks.stream().anyMatch(c -> c.status() == Status.FAIL);
    }

    /** Collects checks, looking up the equation behind each variable in a resolution. */
    public static final class Builder {
        private final List<Check> checks = new ArrayList<>();
        private Resolution resolution;

        /** A builder with no checks and no resolution yet ({@link #from} sets it). */
        public Builder() {
            // checks are added with add, after from
        }

        /**
         * Sets where the next checks look their equations up.
         *
         * @param resolution where equations are looked up (may change between checks)
         * @return this
         */
        public Builder from(Resolution resolution) {
            this.resolution = resolution;
            return this;
        }

        /**
         * Adds a check.
         *
         * @param level feasibility, performance or macro
         * @param name what is checked
         * @param status the verdict
         * @param value the value, formatted
         * @param target the requirement, formatted
         * @param variable the graph variable, or null
         * @return this
         */
        public Builder add(String level, String name, Status status, String value, String target, String variable) {
            String eq = null;
            if (variable != null && resolution != null) {
                Equation e = resolution.selected().get(variable);
                eq = e == null ? null : variable + " = " + e.text();
            }
            checks.add(new Check(level, name, status, value, target, variable, eq));
            return this;
        }

        /**
         * The checks added so far.
         *
         * @return the checks so far
         */
        public List<Check> checks() {
            return List.copyOf(checks);
        }
    }
}
