package io.lsdt.physics.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lsdt.physics.catalog.Catalog;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Memory per GPU against what runs publish (memory_gib_per_gpu of dev_runs_wave2.csv). */
class MemoryCheckTest {
    @Test
    void readsTheUnitTheCellNames() {
        assertThat(MemoryCheck.bytes("73 GB (published Memory_per_GPU)")).isEqualTo(73e9);
        assertThat(MemoryCheck.bytes("58500.20 MB max memory usage")).isEqualTo(58_500.20e6, within(1e-3));
        assertThat(MemoryCheck.bytes("4.82 GB (Max GPU RAM)")).isEqualTo(4.82e9, within(1e-3));
        // a bare number is the column's unit, GiB (torchtune's table)
        assertThat(MemoryCheck.bytes("18.9")).isEqualTo(18.9 * 0x1p30, within(1e-3));
        assertThat(MemoryCheck.bytes("not stated")).isZero();
    }

    @Test
    void loraOnLlama2With4BitAdaptersIsPredictedWhereLitGptMeasuredIt() {
        // LitGPT's resource table: Llama 2 13B, LoRA, micro-batch 1 on one A100 40GB, "38.12 GB (Max GPU RAM)". LSDT:
        // 13B frozen weights in 2 B (26 GB) + the adapters' gradients and Adam state + activations + the 3 GiB reserve
        String id = "litgpt-lora-llama-2-13b-mb1-1xa100-40gb";
        RunRow row = Fixtures.wave2Run(id);
        RunResult r = RunValidation.one(row, io.lsdt.physics.Physics.stepModel(), Catalog.builtIn());
        List<MemoryCheck.Row> m = MemoryCheck.of(List.of(row), List.of(r));
        assertThat(m).singleElement().satisfies(x -> {
            assertThat(x.measured()).isEqualTo(38.12e9, within(1e-3));
            assertThat(x.absPctError()).isLessThan(10);
        });
    }
}
