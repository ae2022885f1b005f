package io.lsdt.physics.validation;

import io.lsdt.physics.catalog.Model;
import io.lsdt.physics.design.Hardware;
import io.lsdt.physics.design.ParallelConfig;
import java.util.List;

/**
 * A published run read into LSDT's design types: everything a {@link io.lsdt.physics.design.StepModel} needs to
 * predict it, the measured value to compare with, and the assumptions made on the way.
 *
 * @param runId the run's id
 * @param source the source title
 * @param model the model name as published
 * @param arch the model's shape
 * @param hardware the device, at the row's numerics
 * @param config the parallel design, {@linkplain ParallelConfig#validate(int, int, int, int) validated}
 * @param measurement the measured value and its convention
 * @param notes assumptions and interpretations made while reading the row, in reading order
 */
public record RunSpec(String runId, String source, String model, Model.Architecture arch, Hardware hardware,
        ParallelConfig config, Measurement measurement, List<String> notes) {
    /** Copies the notes. */
    public RunSpec {
        notes = List.copyOf(notes);
    }
}
