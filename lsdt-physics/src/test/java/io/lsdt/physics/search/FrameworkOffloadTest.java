package io.lsdt.physics.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.design.Hardware;
import io.lsdt.physics.design.Numerics;
import io.lsdt.physics.design.Offload;
import org.junit.jupiter.api.Test;

/** A framework profile's documented offloads bound what the search tries (frameworks.yaml, each with its source). */
class FrameworkOffloadTest {
    private static final Catalog CATALOG = Catalog.builtIn();

    private static SearchSpace standard() {
        Hardware hw = Hardware.of(CATALOG, "h100-sxm", Numerics.BF16);
        return SearchSpace.standard(CATALOG.model("llama3.1-8b").architecture(), hw, 64, 512, Numerics.BF16);
    }

    @Test
    void eachFrameworkSearchesOnlyTheOffloadsItDocuments() {
        assertThat(standard().offloads()).containsExactlyInAnyOrder(Offload.values());
        // DeepSpeed: offload_optimizer (ZeRO-Offload) and offload_param (ZeRO-Infinity)
        assertThat(standard().withFramework(CATALOG.framework("deepspeed")).offloads())
                .containsExactlyInAnyOrder(Offload.NONE, Offload.OPTIMIZER, Offload.PARAMETERS);
        // FSDP: CPUOffload(offload_params=True) only
        assertThat(standard().withFramework(CATALOG.framework("pytorch-fsdp")).offloads())
                .containsExactlyInAnyOrder(Offload.NONE, Offload.PARAMETERS);
        // Megatron-LM: --optimizer-cpu-offload
        assertThat(standard().withFramework(CATALOG.framework("megatron")).offloads())
                .containsExactlyInAnyOrder(Offload.NONE, Offload.OPTIMIZER);
        // DDP and the GSPMD recipes: nothing leaves the device
        assertThat(standard().withFramework(CATALOG.framework("ddp")).offloads()).containsExactly(Offload.NONE);
        assertThat(standard().withFramework(CATALOG.framework("jax-xla")).offloads()).containsExactly(Offload.NONE);
        assertThat(CATALOG.framework("deepspeed").offloadSource().url())
                .isEqualTo("https://www.deepspeed.ai/docs/config-json/#zero-optimizations-for-fp16-training");
    }
}
