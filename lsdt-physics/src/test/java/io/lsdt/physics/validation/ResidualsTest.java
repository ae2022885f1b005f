package io.lsdt.physics.validation;

import static io.lsdt.physics.validation.Fixtures.KNOWN;
import static io.lsdt.physics.validation.Fixtures.devRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lsdt.physics.TestFiles;
import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.uncertainty.Regime;
import io.lsdt.physics.uncertainty.ValidatedRun;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResidualsTest {
    private static final List<RunRow> WAVE2 = RunsCsv.read(TestFiles.data("validation/dev_runs_wave2.csv"));

    private static RunRow wave2(String runId) {
        return WAVE2.stream().filter(r -> r.runId().equals(runId)).findFirst()
                .orElseThrow(() -> new AssertionError("no wave-2 run " + runId));
    }

    private static String regime(RunRow row) {
        Regime r = Residuals.regime(row);
        return r == null ? null : r.key();
    }

    @Test
    void regimesOfDevelopmentRows() {
        // Megatron-LM (2021), 32 A100s, 1.7 B
        assertThat(regime(devRun("megatron-sc21-1.7B"))).isEqualTo("megatron/9-64/0-3B");
        assertThat(regime(devRun("dgxc-Llama3.1-405B-BF16-2304"))).isEqualTo("megatron/1025+/30B+");
        // Megatron-Bridge with Megatron-FSDP stays in the Megatron family
        assertThat(regime(devRun("mbridge25.11-DGX-H100-LLAMA3_8B-8-FP8-CS"))).isEqualTo("megatron/1-8/3-30B");
        // MoE: the active parameters count — 37 B of DeepSeek-V3's 671 B, 5.1 B of GPT-OSS's 117 B
        assertThat(regime(devRun("mbridge25.11-DGX-GB200-DeepSeekV3_(w/o_MTP)-256-BF16")))
                .isEqualTo("megatron/65-1024/30B+");
        assertThat(regime(devRun("mbridge25.11-DGX-H100-GPT_OSS_120B-64-BF16"))).isEqualTo("megatron/9-64/3-30B");
        // Korthikanti's 2,240-GPU row names no framework
        assertThat(regime(devRun("korthikanti-530B-2240gpu"))).isEqualTo("other/1025+/30B+");
    }

    @Test
    void regimesOfWaveTwoRows() {
        assertThat(regime(wave2("pt-fsdp-ibm-h100-llama2-70b"))).isEqualTo("fsdp-zero/65-1024/30B+");
        assertThat(regime(wave2("flashattn-readme-gpt3-125m-8xa100"))).isEqualTo("other/1-8/0-3B");
        assertThat(regime(wave2("flashattn-readme-gpt3-1.3b-8xa100"))).isEqualTo("fsdp-zero/1-8/0-3B");
        assertThat(regime(wave2("llmc-gpt2-124m-8x"))).isEqualTo("fsdp-zero/1-8/0-3B");
        assertThat(regime(wave2("nanogpt-gpt2-124m-8xa100-40gb-300B"))).isEqualTo("other/1-8/0-3B");
        assertThat(regime(wave2("gpt-neox-20b-96xa100-40gb"))).isEqualTo("fsdp-zero/65-1024/3-30B");
        assertThat(regime(wave2("zero-paper-60b-400xv100"))).isEqualTo("fsdp-zero/65-1024/30B+");
        assertThat(regime(wave2("colossalai-llama65b-gemini-32xa800"))).isEqualTo("fsdp-zero/9-64/30B+");
        // TPU v4 chips count as devices; OpenLLaMA states none, so it has no regime
        assertThat(regime(wave2("ptxla-fsdp-gpt2-2b-tpuv4-8"))).isEqualTo("fsdp-zero/1-8/0-3B");
        assertThat(regime(wave2("openllama-7b-tpuv4-easylm"))).isNull();
    }

    @Test
    void adapterRunsAndFlaggedRunsCannotBeTheBestMeasured() {
        assertThat(Residuals.credible(wave2("torchtune-llama3.1-405b-qlora-8xa100"))).isFalse();
        assertThat(Residuals.credible(wave2("vectorlm-llama3-8b-lora-4xa100-2048"))).isFalse();
        // full-rank, but its caveats say the implied utilisation is high: "treat with care"
        assertThat(Residuals.credible(wave2("vectorlm-llama3-8b-full_rank-1xa100-2048"))).isFalse();
        assertThat(Residuals.credible(wave2("torchtune-llama3.1-8b-full-1xa6000"))).isFalse();
        assertThat(Residuals.credible(wave2("torchtune-llama3.1-8b-full-1x4090"))).isTrue();
        assertThat(Residuals.credible(devRun("dgxc-Llama3.1-405B-BF16-2304"))).isTrue();
    }

    @Test
    void theResidualIsARateRatioWhateverTheMetric() {
        // step time: 13.75 s measured, 10 s predicted — slower than predicted, ln(10 / 13.75) < 0
        RunRow k = devRun("korthikanti-175B-sp-selective");
        RunResult.Predicted pk = (RunResult.Predicted) RunValidation.one(k, KNOWN, Catalog.builtIn());
        assertThat(Residuals.logResidual(pk)).isCloseTo(Math.log(10 / 13.75), within(1e-12));
        ValidatedRun v = Residuals.validated(k, pk);
        assertThat(v.logResidual()).isEqualTo(-0.3185);
        // measured MFU: the known prediction's 4e16 model FLOPs per step on its 8 devices at 989 TFLOP/s, in the
        // measured 13.75 s: 4e16 / (13.75 × 8 × 989e12) = 0.36768
        assertThat(v.mfu()).isEqualTo(0.3677);
        assertThat(v.configuration().devices()).isEqualTo(64);
        assertThat(v.configuration().device()).isEqualTo("a100-sxm-80gb");
        assertThat(v.regime().key()).isEqualTo("megatron/9-64/30B+");
        // TFLOP/s counting recomputation (Narayanan): 137 measured, 5e16 / 10 / 8 / 1e12 = 625 predicted
        RunRow n = devRun("megatron-sc21-1.7B");
        RunResult.Predicted pn = (RunResult.Predicted) RunValidation.one(n, KNOWN, Catalog.builtIn());
        assertThat(Residuals.logResidual(pn)).isCloseTo(Math.log(137.0 / 625), within(1e-12));
        assertThat(Residuals.validated(n, pn).mfu()).isEqualTo(0.1108);
    }
}
