package io.lsdt.physics.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.physics.design.Numerics;
import io.lsdt.physics.design.ParallelConfig;
import io.lsdt.physics.design.Recompute;
import io.lsdt.physics.design.Schedule;
import org.junit.jupiter.api.Test;

/** The framework profiles of frameworks.yaml: each behaviour sourced, found by id or alias, applied to a design. */
class FrameworkProfileTest {
    private static final Catalog CATALOG = Catalog.builtIn();

    @Test
    void everyProfileCitesItsFrameworksDocumentation() {
        assertThat(CATALOG.frameworks().keySet()).containsExactly("megatron", "pytorch-fsdp", "pytorch-fsdp-grad-op",
                "pytorch-fsdp-hybrid", "fsdp2", "deepspeed", "pytorch-ddp", "jax-xla");
        for (FrameworkProfile f : CATALOG.frameworks().values()) {
            for (Sourced s : new Sourced[] {f.zeroStage(), f.reduceBytes(), f.overlapDp(), f.overlapTp()}) {
                assertThat(s.source().url()).as(f.id()).isNotBlank();
                assertThat(s.note()).as(f.id()).isNotBlank();
            }
        }
        // PyTorch's FSDP docs: FULL_SHARD is ZeRO-3, SHARD_GRAD_OP ZeRO-2, HYBRID_SHARD FULL_SHARD within a node
        assertThat(CATALOG.framework("pytorch-fsdp").zeroStage().si()).isEqualTo(3);
        assertThat(CATALOG.framework("shard_grad_op").zeroStage().si()).isEqualTo(2);
        assertThat(CATALOG.framework("HSDP").shardOverNode()).isTrue();
        // Megatron reduces fp32 main gradients; the FSDP recipes' MixedPrecision reduces in bf16
        assertThat(CATALOG.framework("nemo").reduceBytes().si()).isEqualTo(4);
        assertThat(CATALOG.framework("fsdp").reduceBytes().si()).isEqualTo(2);
    }

    @Test
    void anUnknownFrameworkGetsTheClosestNames() {
        assertThatThrownBy(() -> CATALOG.framework("pytorch-fsdpp")).isInstanceOfSatisfying(LsdtException.class,
                e -> {
                    assertThat(e.isUserError()).isTrue();
                    assertThat(e.getMessage()).contains("unknown framework 'pytorch-fsdpp'").contains("pytorch-fsdp");
                });
    }

    @Test
    void aProfileSetsTheDesignsShardingReductionAndOverlap() {
        ParallelConfig ddp = new ParallelConfig(1, 1, 1, 128, 1, 1, 2, 256, 0, Recompute.NONE, false,
                Schedule.ONE_F_ONE_B, Numerics.BF16, false, false, true);
        ParallelConfig hsdp = ddp.withFramework(CATALOG.framework("pytorch-fsdp-hybrid"), 8);
        assertThat(hsdp.zeroStage()).isEqualTo(3);
        assertThat(hsdp.shardSize()).isEqualTo(8);
        assertThat(hsdp.overlapDp()).isTrue();
        assertThat(hsdp.stateBytes().gradientComm()).isEqualTo(2.0);
        ParallelConfig full = ddp.withFramework(CATALOG.framework("pytorch-fsdp"), 8);
        assertThat(full.shardSize()).isEqualTo(128);
    }
}
