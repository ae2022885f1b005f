package io.lsdt.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.physics.design.Numerics;
import io.lsdt.physics.design.ParallelConfig;
import io.lsdt.physics.design.Recompute;
import io.lsdt.physics.design.Schedule;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LsdtApiTest {
    private static final Lsdt LSDT = Lsdt.builtIn();
    private static final Path LLAMA = Path.of("../examples/llama3.1-405b.yaml");

    /** The Llama 3 brief's essentials, built in code (the same numbers as examples/llama3.1-405b.yaml). */
    private static PlanRequest.Builder llama() {
        return PlanRequest.builder().name("Llama 3.1 405B").model("llama3.1-405b").tokens("15.6e12 token")
                .deadline("78 d").device("h100-sxm").precision("bf16").sustainedFraction(0.40).devices(16384)
                .gpusPerNode(8).stateBytes("2 B/param", "4 B/param", "12 B/param").globalBatchSequences(2048)
                .fabric("roce-400g", 8, 0.8).checkpoint("1 h", "2 TB/s");
    }

    /** TP 8, CP 4, PP 16 (v 4), DP 32, micro-batch 1, ZeRO-1: the example plan's design. */
    private static final ParallelConfig DESIGN = new ParallelConfig(8, 16, 4, 32, 4, 1, 1, 2048, 1, Recompute.NONE,
            true, Schedule.INTERLEAVED_1F1B, Numerics.BF16, true, true);

    @Test
    void aBuiltRequestPlansAsTheFileDoes() {
        DesignPoint fromFile = LSDT.design(PlanRequest.of(LLAMA), DESIGN);
        DesignPoint built = LSDT.design(llama().build(), DESIGN);
        // the example's io section (4 B/token, headroom 1.3) and checkpoint size (14 B/param) are the loader's
        // defaults, its max_write_time the seed's: the two requests describe the same run
        assertThat(built.value("design.t_step")).isEqualTo(fromFile.value("design.t_step"));
        assertThat(built.timeToTrain()).isEqualTo(fromFile.timeToTrain());
        assertThat(built.value("econ.run.total_cost")).isEqualTo(fromFile.value("econ.run.total_cost"));
    }

    @Test
    void theBriefsStateBytesReachTheDesignsMemoryAndTraffic() {
        DesignPoint fp32 = LSDT.design(llama().build(), DESIGN.withFlashAttention(true));
        DesignPoint bf16 = LSDT.design(llama().stateBytes("2 B/param", "2 B/param", "12 B/param").build(), DESIGN);
        DesignPoint lean = LSDT.design(llama().stateBytes("2 B/param", "4 B/param", "4 B/param").build(), DESIGN);
        // gradients held: params per GPU × b_grad, unsharded under ZeRO-1 — half the bytes, half the memory
        assertThat(bf16.value("design.mem_grads") / fp32.value("design.mem_grads")).isCloseTo(0.5, within(1e-12));
        // optimizer state, sharded over DP × CP = 128: params_gpu × 4 / 128 against × 12 / 128
        assertThat(lean.value("design.mem_opt") / fp32.value("design.mem_opt")).isCloseTo(4.0 / 12, within(1e-12));
        // the update travels at the gradient bytes (step.update_bytes_per_param defaults to them): ZeRO-1
        // reduce-scatters the gradients and all-gathers the 2 B weights, so 16-bit gradients move 2 + 2 against
        // 4 + 2 bytes per parameter in the bandwidth term
        double before = fp32.value("design.dp_grad_comm.bytes");
        double after = bf16.value("design.dp_grad_comm.bytes");
        assertThat(after / before).isCloseTo(0.5, within(1e-12));
        // and the fundamentals see the same bytes: 18 against 16 B per parameter of state
        assertThat(fp32.value("fundamentals.B_state_min_bytes") / bf16.value("fundamentals.B_state_min_bytes"))
                .isCloseTo(18.0 / 16, within(1e-12));
    }

    @Test
    void aFrameworkProfileShapesTheSearch() {
        // Llama 2 7B on 128 A100 with PyTorch FSDP HYBRID_SHARD, as IBM trained it (fms-fsdp): no TP, PP or CP;
        // ZeRO-3 within each 8-GPU node, replicated across the 16 nodes; bf16 gradient reduction
        PlanRequest r = PlanRequest.builder().model("llama2-7b").tokens("2.2e12 token").deadline("60 d")
                .device("a100-sxm-80gb").sustainedFraction(0.5).devices(128).gpusPerNode(8)
                .globalBatchSequences(256).fabric("ib-hdr", 8, 0.8).checkpoint("1 h", "100 GB/s").framework("hsdp").build()
                .withDeadlineFirst(false);
        DesignPoint d = LSDT.plan(r).chosen();
        assertThat(d.config().tp()).isEqualTo(1);
        assertThat(d.config().pp()).isEqualTo(1);
        assertThat(d.config().cp()).isEqualTo(1);
        assertThat(d.config().dp()).isEqualTo(128);
        assertThat(d.config().zeroStage()).isEqualTo(3);
        assertThat(d.value("design.shard")).isEqualTo(8.0);
        assertThat(d.value("design.n_rep")).isEqualTo(16.0);
        assertThat(d.value("design.b_grad_comm")).isEqualTo(2.0);
        // and the explanation says where the reduction bytes come from: the framework's MixedPrecision reduce_dtype
        assertThat(d.explain("design.b_grad_comm").origin("design.b_grad_comm").origin())
                .startsWith("framework profile pytorch-fsdp-hybrid: reduce_bytes");
        assertThat(d.explain("design.b_grad_comm").origin("design.b_grad_comm").source().url())
                .isEqualTo("https://pytorch.org/docs/stable/fsdp.html");
        assertThatThrownBy(() -> LSDT.plan(llama().framework("pytorch-fsdpp").build()))
                .isInstanceOfSatisfying(LsdtException.class, e -> assertThat(e.getMessage())
                        .contains("unknown framework 'pytorch-fsdpp'").contains("pytorch-fsdp"));
    }

    @Test
    void frameworkAnyComparesEveryProfileAndPlansWithTheFastest() {
        // Llama 3.1 8B on 64 H100 (examples/llama3.1-8b-frameworks.yaml): LSDT's default and the eight catalog
        // profiles, each searched within what it can do
        Plan plan = LSDT.plan(PlanRequest.of(Path.of("../examples/llama3.1-8b-frameworks.yaml"))
                .withDeadlineFirst(false));
        assertThat(plan.frameworks()).extracting(Plan.FrameworkBest::framework).containsExactly("default", "megatron",
                "pytorch-fsdp", "pytorch-fsdp-grad-op", "pytorch-fsdp-hybrid", "fsdp2", "deepspeed", "pytorch-ddp",
                "jax-xla");
        double fastest = plan.frameworks().stream().filter(f -> f.best() != null)
                .mapToDouble(f -> f.best().stepTime()).min().orElseThrow();
        assertThat(plan.chosen().prediction().stepTime()).isEqualTo(fastest);
        // DDP replicates the whole state: 16 B per parameter of 8.03 B is 128 GB, more than an 80 GB H100 holds,
        // and DDP cannot offload (frameworks.yaml), so nothing fits
        Plan.FrameworkBest ddp = plan.frameworks().get(7);
        assertThat(ddp.best()).isNull();
        assertThat(ddp.reason()).startsWith("no design fits in memory");
        // FSDP (FULL_SHARD) keeps to TP = PP = CP = 1 at ZeRO-3
        Plan.FrameworkBest fsdp = plan.frameworks().get(2);
        assertThat(fsdp.best().config().tp() * fsdp.best().config().pp() * fsdp.best().config().cp()).isEqualTo(1);
        assertThat(fsdp.best().config().zeroStage()).isEqualTo(3);
        // without a device count there is nothing to compare on
        assertThatThrownBy(() -> LSDT.plan(PlanRequest.builder().model("llama3.1-8b").tokens("1e12 token")
                .deadline("60 d").device("h100-sxm").sustainedFraction(0.4).gpusPerNode(8).globalBatchSequences(512)
                .fabric("ib-ndr", 8, 0.8).checkpoint("1 h", "50 GB/s").framework("any").build()))
                .isInstanceOfSatisfying(LsdtException.class, e -> assertThat(e.getMessage())
                        .contains("framework").contains("any").contains("give devices"));
    }

    @Test
    void aBadRequestThrowsTheNamedFieldErrorTheCliPrints() {
        assertThatThrownBy(() -> LSDT.plan(llama().device("h100-sxn").build()))
                .isInstanceOfSatisfying(LsdtException.class, e -> {
                    assertThat(e.isUserError()).isTrue();
                    assertThat(e.getMessage()).contains("h100-sxn").contains("h100-sxm");
                });
        assertThatThrownBy(() -> LSDT.plan(llama().stateBytes("2 B/param", "0 B/param", "12 B/param").build()))
                .isInstanceOfSatisfying(LsdtException.class, e -> {
                    assertThat(e.isUserError()).isTrue();
                    assertThat(e.getMessage()).contains("state_bytes.gradients");
                });
        assertThatThrownBy(() -> PlanRequest.ofYaml("model: [", "inline").brief(LSDT.catalog()))
                .isInstanceOfSatisfying(LsdtException.class, e -> assertThat(e.isUserError()).isTrue());
        assertThatThrownBy(() -> LSDT.design(PlanRequest.of(LLAMA), new ParallelConfig(3, 16, 1, 32, 4, 1, 1,
                2048, 1, Recompute.NONE, true, Schedule.ONE_F_ONE_B, Numerics.BF16, true, true)))
                .isInstanceOfSatisfying(LsdtException.class, e -> {
                    assertThat(e.isUserError()).isTrue();
                    assertThat(e.getMessage()).contains("tp = 3");
                });
    }

    @Test
    void theReadmeShowsTheSampleVerbatimAndItRuns() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        String source = Files.readString(Path.of("src/test/java/io/lsdt/api/ReadmeSample.java"));
        String sample = source.substring(source.indexOf("// README-SAMPLE-BEGIN\n") + 23,
                source.indexOf("// README-SAMPLE-END"));
        assertThat(readme).contains(sample);
        String out = ReadmeSample.run(LLAMA);
        // the example plan's design on 16,384 H100, its headline time to train (60–72 days) and MFU (40–55 %)
        // TP 4 × CP 8 since the DP ring stripes over its two GPUs' NICs per node (was TP 8 × CP 4 with one NIC)
        assertThat(out).startsWith("TP 4, CP 8, PP 16").contains("days at").contains("equations");
        double days = Double.parseDouble(out.replaceAll(".*: (\\d+\\.\\d) days.*", "$1"));
        assertThat(days).isBetween(60.0, 72.0);
    }

    @Test
    void aDeadlineThatNeedsMoreDevicesThanLsdtSizesIsRefusedUpFront() {
        // 1e25 tokens in a day on H100s at 40 %: 6 × 4.06e11 × 1e25 / 86,400 s / 3.9576e14 FLOP/s = 7.1e17
        // devices. Deadline-first sizing ran out of memory listing candidates up to there; now it stops at 2^24
        PlanRequest.Builder huge = PlanRequest.builder().name("huge").model("llama3.1-405b").tokens("1e25 token")
                .deadline("1 d").device("h100-sxm").sustainedFraction(0.40).gpusPerNode(8).globalBatchSequences(2048)
                .fabric("roce-400g", 8, 0.8).checkpoint("1 h", "2 TB/s");
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> LSDT.plan(huge.build())).isInstanceOf(LsdtException.class)
                .hasMessage("request: devices the deadline needs = 7.122e+17 (the fundamentals' lower bound "
                        + "N_min_lower_bound, from the tokens, the deadline and the sustained rate): expected at most "
                        + "16,777,216 devices, the most LSDT sizes\nMaybe extend the deadline, train on fewer tokens, or "
                        + "give a faster device or a higher sustained_fraction");
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(10.0);
        // with the brief's own device count the plan runs there, and sizing says why it has no answer
        Plan named = LSDT.plan(huge.devices(16384).build());
        assertThat(named.chosen()).isNotNull();
        assertThat(named.meetsDeadline()).isFalse();
        assertThat(named.deadlineFirst().devices()).isNull();
        assertThat(named.deadlineFirst().reason()).isEqualTo("the deadline needs at least 7.122e+17 devices (the "
                + "fundamentals' lower bound N_min_lower_bound), more than the 16,777,216 LSDT sizes. Maybe extend the "
                + "deadline, train on fewer tokens, or give a faster device or a higher sustained_fraction");
    }
}
