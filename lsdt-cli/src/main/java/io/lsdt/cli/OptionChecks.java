package io.lsdt.cli;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;

/** Checks of command-line option values shared by the commands. */
final class OptionChecks {
    private OptionChecks() {}

    /**
     * Checks that a count option is at least 1.
     *
     * @param option the option's name, e.g. {@code "--top"}
     * @param value its value
     * @return the value
     * @throws LsdtException {@link Problem#INVALID_VALUE} naming the option and value when it is below 1
     */
    static long atLeastOne(String option, long value) {
        if (value < 1) {
            throw LsdtException.of(Problem.INVALID_VALUE, option, value, "a whole number ≥ 1");
        }
        return value;
    }
}
