package io.lsdt.physics.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lsdt.physics.catalog.Catalog;
import org.junit.jupiter.api.Test;

/** A published run's framework and fine-tuning applied to its design, by hand, on rows of dev_runs_wave2.csv. */
class RunBehaviourTest {
    private static final Catalog CATALOG = Catalog.builtIn();

    private static RunSpec applied(String runId) {
        RunMapper.Mapping m = RunMapper.map(Fixtures.wave2Run(runId), CATALOG, io.lsdt.physics.Physics.stepModel());
        assertThat(m.skipped()).as(runId + ": " + m.skipReason()).isFalse();
        return RunBehaviour.apply(m.spec(), CATALOG);
    }

    @Test
    void ibmsFsdpRunReducesInBf16AndOverlaps() {
        // "PyTorch FSDP (FSDP1 …) + fms-fsdp"; zero_fsdp "FSDP; README of fms-fsdp gives HSDP (hybrid shard within
        // node) for 7B": 128 A100 in nodes of 8
        RunSpec s = applied("pt-fsdp-ibm-a100-llama2-7b");
        assertThat(s.config().zeroStage()).isEqualTo(3);
        assertThat(s.config().overlapDp()).isTrue();
        assertThat(s.config().stateBytes().gradientComm()).isEqualTo(2.0);
        if (s.framework().equals(FrameworkNames.PYTORCH_FSDP_HYBRID)) {
            assertThat(s.config().shardSize()).isEqualTo(8);
            assertThat(s.notes()).anyMatch(n -> n.contains("sharded within each 8-GPU node"));
        } else {
            assertThat(s.config().shardSize()).isEqualTo(128);
        }
        assertThat(s.notes()).anyMatch(n -> n.startsWith("framework profile " + s.framework()));
    }

    @Test
    void loraTrainsTheAdaptersOnly() {
        // VectorLM, Llama 3 8B, "PEFT LoRA r=8 … (default target modules": the query and value projections. Per layer
        // r·((4096 + 4096) + (4096 + 1024)) = 8 × 13,312 = 106,496; × 32 layers = 3,407,872 adapter parameters over
        // 12·32·4096² + 2·128,256·4096 = 7,493,124,096 → 4.548e-4
        RunSpec s = applied("vectorlm-llama3-8b-lora-1xa100-2048");
        assertThat(s.finetune()).isEqualTo("lora");
        assertThat(s.config().trainableFraction()).isCloseTo(3_407_872.0 / 7_493_124_096.0, within(1e-9));
        assertThat(s.notes()).anyMatch(n -> n.startsWith("LORA: rank 8 adapters"));
        assertThat(RunBehaviour.adapterShare(s.arch(), 8, "all-linear"))
                .isGreaterThan(RunBehaviour.adapterShare(s.arch(), 8, null));
    }

    @Test
    void megatronRowsAreLeftAsPublished() {
        RunRow row = Fixtures.devRuns().get(0);
        RunMapper.Mapping m = RunMapper.map(row, CATALOG, io.lsdt.physics.Physics.stepModel());
        assertThat(RunBehaviour.apply(m.spec(), CATALOG)).isSameAs(m.spec());
    }
}
