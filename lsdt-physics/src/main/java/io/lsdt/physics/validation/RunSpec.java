package io.lsdt.physics.validation;

import io.lsdt.physics.catalog.Model;
import io.lsdt.physics.design.Hardware;
import io.lsdt.physics.design.ParallelConfig;
import java.util.List;

/**
 * A published run read into LSDT's design types: everything a {@link io.lsdt.physics.design.StepModel} needs to
 * predict it, the measured value to compare with, the framework and fine-tuning facts the step model does not use yet,
 * and the assumptions made on the way.
 *
 * @param runId the run's id
 * @param source the source title
 * @param model the model name as published
 * @param arch the model's shape
 * @param hardware the device, at the row's numerics
 * @param config the parallel design, {@linkplain ParallelConfig#validate(int, int, int, int) validated}
 * @param measurement the measured value and its convention
 * @param framework the framework profile id the row's {@code framework} text maps to (one of
 *     {@link FrameworkNames#PROFILES})
 * @param finetune {@code none} (pretraining), {@code full} (full fine-tune), {@code lora} or {@code qlora}
 * @param loraRank the LoRA rank the row states; 0 when not a LoRA run or not stated
 * @param loraTargets the LoRA target modules as the row states them ("default target modules"), or null
 * @param baseWeightBits bits per frozen base weight: 4 for QLoRA's NF4 base, else 16
 * @param notes assumptions and interpretations made while reading the row, in reading order
 */
public record RunSpec(String runId, String source, String model, Model.Architecture arch, Hardware hardware,
        ParallelConfig config, Measurement measurement, String framework, String finetune, int loraRank,
        String loraTargets, int baseWeightBits, List<String> notes) {
    /** Copies the notes. */
    public RunSpec {
        notes = List.copyOf(notes);
    }

    /**
     * This run with more notes.
     *
     * @param more notes to add at the end
     * @return a copy with them
     */
    public RunSpec withNotes(List<String> more) {
        List<String> all = new java.util.ArrayList<>(notes);
        all.addAll(more);
        return new RunSpec(runId, source, model, arch, hardware, config, measurement, framework, finetune, loraRank,
                loraTargets, baseWeightBits, all);
    }

    /**
     * This run with another design.
     *
     * @param c another design for the run
     * @return a copy with it
     */
    public RunSpec withConfig(ParallelConfig c) {
        return new RunSpec(runId, source, model, arch, hardware, c, measurement, framework, finetune, loraRank,
                loraTargets, baseWeightBits, notes);
    }
}
