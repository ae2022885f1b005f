package io.lsdt.cli.fuzz;

import java.util.List;
import java.util.Map;

/**
 * One fuzz case: a command line and the input files it reads, with what the input is known to be.
 *
 * @param id the case's index in the full set (stable for a seed)
 * @param group what is fuzzed, e.g. {@code "brief examples/gpt3-175b.yaml"}, {@code "csv dev_runs.csv"},
 *     {@code "options search"}
 * @param command the command name, e.g. {@code "plan"}
 * @param target the field, cell or option mutated, e.g. {@code "step.global_batch_sequences"}
 * @param mutation the mutation, e.g. {@code "nan"}
 * @param args the arguments; {@code @work/NAME} stands for a file of {@link #files()} and {@code @out/NAME} for a file
 *     in the case's (initially empty) output directory
 * @param files the input files, by name, as bytes
 * @param invalid true when the mutation makes the input invalid, so that exit 0 is a defect
 * @param baseline the same command on the unmutated input (null for none), whose exit code says whether the input was
 *     valid before the mutation
 */
public record FuzzCase(int id, String group, String command, String target, String mutation, List<String> args,
        Map<String, byte[]> files, boolean invalid, FuzzCase baseline) {

    /** @return the command line as a user would type it, with the input files under {@code work/} */
    public String commandLine() {
        return "./lsdt " + String.join(" ", args.stream().map(a -> a.startsWith("@") ? a.substring(1) : a)
                .map(a -> a.isEmpty() || a.contains(" ") ? "'" + a + "'" : a).toList());
    }

    @Override
    public String toString() {
        return "#" + id + " " + group + " " + command + " " + target + " " + mutation;
    }
}
