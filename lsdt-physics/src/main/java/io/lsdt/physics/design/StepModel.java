package io.lsdt.physics.design;

import io.lsdt.physics.catalog.Model;

/** The analytical model of one training step of a design: time, memory and FLOPs. */
public interface StepModel {
    /**
     * Predicts one training step of a design: its time ledger, memory per device and throughput.
     *
     * @param arch the model's shape
     * @param hardware the hardware
     * @param config the design (validated)
     * @return the prediction
     */
    Prediction predict(Model.Architecture arch, Hardware hardware, ParallelConfig config);
}
