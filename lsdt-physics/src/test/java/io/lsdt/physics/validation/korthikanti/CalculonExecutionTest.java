package io.lsdt.physics.validation.korthikanti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.physics.TestFiles;
import io.lsdt.physics.design.Numerics;
import io.lsdt.physics.design.ParallelConfig;
import io.lsdt.physics.design.Recompute;
import io.lsdt.physics.design.Schedule;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Calculon execution files → {@link ParallelConfig}, Calculon's own rules, and the settings LSDT refuses. */
class CalculonExecutionTest {
    private static final String T5_22B_FULL = CalculonFiles.text("seqsel/tab5/megatron-22B_full.json");
    private static final String F1_22B_NONE = CalculonFiles.text("seqsel/fig1/megatron-22B_none.json");
    private static final String F1_22B_SEQSEL = CalculonFiles.text("seqsel/fig1/megatron-22B_seqsel.json");

    @Test
    void megatron22bTable5ByHand() {
        // Korthikanti et al. 2022 Table 3, 22B: TP 8, PP 1, global batch 4, micro-batch 4 (one micro-batch)
        CalculonExecution full = CalculonExecution.resource("tab5", "megatron-22B", "full");
        assertThat(full).isEqualTo(new CalculonExecution(8, 8, 1, 1, 0, 1, 1, 4, 4, "float16", false, "multihead",
                "full", 1, false, "ar", "none", false, false, false, false, false, true));
        assertThat(full.toParallelConfig()).isEqualTo(new ParallelConfig(8, 1, 1, 1, 1, 1, 4, 4, 0, Recompute.FULL,
                false, Schedule.ONE_F_ONE_B, Numerics.FP16, false, false, false));
        CalculonExecution seqsel = CalculonExecution.resource("tab5", "megatron-22B", "seqsel");
        assertThat(seqsel.activationRecompute()).isEqualTo("attn_only");
        assertThat(seqsel.tensorParCommType()).isEqualTo("rs_ag");
        assertThat(seqsel.seqParAgRedo()).isTrue();
        assertThat(seqsel.toParallelConfig()).isEqualTo(new ParallelConfig(8, 1, 1, 1, 1, 1, 4, 4, 0,
                Recompute.SELECTIVE, true, Schedule.ONE_F_ONE_B, Numerics.FP16, false, false, false));
    }

    @Test
    void megatron1tByHand() {
        // Korthikanti et al. 2022 Table 3, 1T: TP 8, PP 64, 512 GPUs, global batch 512, micro-batch 1, no interleaving
        CalculonExecution seqsel = CalculonExecution.resource("fig1", "megatron-1T", "seqsel");
        assertThat(seqsel).isEqualTo(new CalculonExecution(512, 8, 64, 1, 0, 1, 1, 512, 1, "float16", false,
                "multihead", "attn_only", 1, false, "rs_ag", "none", true, false, false, false, false, true));
        assertThat(seqsel.toParallelConfig()).isEqualTo(new ParallelConfig(8, 64, 1, 1, 1, 1, 1, 512, 0,
                Recompute.SELECTIVE, true, Schedule.ONE_F_ONE_B, Numerics.FP16, false, false, false));
        assertThat(CalculonExecution.resource("fig7", "megatron-1T", "seq").toParallelConfig()).isEqualTo(
                new ParallelConfig(8, 64, 1, 1, 1, 1, 1, 512, 0, Recompute.NONE, true, Schedule.ONE_F_ONE_B,
                        Numerics.FP16, false, false, false));
        assertThat(CalculonExecution.resource("tab5", "megatron-1T", "full").toParallelConfig().microBatches())
                .isEqualTo(512);
    }

    /** Per model, by hand from the files (= Korthikanti Table 3): pp, vpp, global batch, micro-batch. */
    private static final Map<String, int[]> SHAPE = Map.of(
            "megatron-22B", new int[] {1, 1, 4, 4},
            "gpt3-175B", new int[] {8, 3, 64, 1},
            "turing-530B", new int[] {35, 3, 280, 1},
            "megatron-1T", new int[] {64, 1, 512, 1});

    static Stream<KorthikantiSuite.Run> runs() {
        return KorthikantiSuite.runs().stream();
    }

    @ParameterizedTest
    @MethodSource("runs")
    void everyExecutionFileMapsAsItsNameSays(KorthikantiSuite.Run run) {
        ParallelConfig c = run.config(); // also validates against the architecture
        int[] s = SHAPE.get(run.model());
        assertThat(c.tp()).isEqualTo(8);
        assertThat(c.pp()).isEqualTo(s[0]);
        assertThat(c.vpp()).isEqualTo(s[1]);
        assertThat(c.schedule()).isEqualTo(s[1] > 1 ? Schedule.INTERLEAVED_1F1B : Schedule.ONE_F_ONE_B);
        assertThat(c.dp()).isEqualTo(1);
        assertThat(c.cp()).isEqualTo(1);
        assertThat(c.ep()).isEqualTo(1);
        assertThat(c.globalBatch()).isEqualTo(s[2]);
        assertThat(c.microBatch()).isEqualTo(s[3]);
        assertThat(c.devices()).isEqualTo(run.execution().numProcs());
        assertThat(c.zeroStage()).isZero();
        assertThat(c.numerics()).isEqualTo(Numerics.FP16);
        assertThat(c.overlapDp()).isFalse();
        assertThat(c.overlapTp()).isFalse();
        assertThat(c.flashAttention()).as("Megatron-LM 2022 and Calculon store the attention scores").isFalse();
        Recompute r = switch (run.mode()) {
            case "none", "seq" -> Recompute.NONE;
            case "sel", "seqsel" -> Recompute.SELECTIVE;
            case "full" -> Recompute.FULL;
            default -> throw new AssertionError(run.mode());
        };
        assertThat(c.recompute()).as(run.toString()).isEqualTo(r);
        assertThat(c.sequenceParallel()).as(run.toString()).isEqualTo(run.mode().startsWith("seq"));
    }

    @Test
    void optionalSettingsMap() {
        // one file with DP 2 so that optimizer sharding and DP overlap are legal in Calculon
        String dp2 = replace(F1_22B_NONE,
                "\"num_procs\": 8", "\"num_procs\": 16",
                "\"data_par\": 1", "\"data_par\": 2",
                "\"batch_size\": 4", "\"batch_size\": 8",
                "\"optimizer_sharding\": false", "\"optimizer_sharding\": true",
                "\"data_par_overlap\": false", "\"data_par_overlap\": true",
                "\"tensor_par_overlap\": \"none\"", "\"tensor_par_overlap\": \"ring\"");
        ParallelConfig c = parse(dp2).toParallelConfig();
        assertThat(c.dp()).isEqualTo(2);
        assertThat(c.globalBatch()).isEqualTo(8);
        assertThat(c.microBatches()).isEqualTo(1);
        assertThat(c.zeroStage()).isEqualTo(1);
        assertThat(c.overlapDp()).isTrue();
        assertThat(c.overlapTp()).isTrue();
        assertThat(parse(TestFiles.replaceOnce(F1_22B_NONE, "\"float16\"", "\"bfloat16\"")).toParallelConfig()
                .numerics()).isEqualTo(Numerics.BF16);
    }

    @Test
    void strictReading() {
        LsdtException e = refuse(TestFiles.replaceOnce(T5_22B_FULL, "\"tensor_par\": 8,",
                "\"tensor_par\": 8, \"tensor_parallel\": 8,"), Problem.UNKNOWN_FIELD);
        assertThat(e.getMessage()).contains("'tensor_parallel'", "Maybe you meant", "'tensor_par'");
        assertThat(refuse(TestFiles.replaceOnce(T5_22B_FULL, "\"training\": true", "\"trainng\": true"),
                Problem.UNKNOWN_FIELD).getMessage()).contains("training");
        assertThat(refuse(TestFiles.replaceOnce(T5_22B_FULL, "\"seq_par_ag_redo\": false,", ""), Problem.MISSING_FIELD)
                .getMessage()).contains("seq_par_ag_redo");
        refuse(TestFiles.replaceOnce(T5_22B_FULL, "\"datatype\": \"float16\"", "\"datatype\": null"),
                Problem.MISSING_FIELD);
        refuse(TestFiles.replaceOnce(T5_22B_FULL, "\"training\": true", "\"training\": 1"), Problem.MALFORMED_FILE);
        refuse(TestFiles.replaceOnce(T5_22B_FULL, "\"training\": true", "\"training\": \"true\""),
                Problem.MALFORMED_FILE);
        refuse(TestFiles.replaceOnce(T5_22B_FULL, "\"batch_size\": 4", "\"batch_size\": 4.0"), Problem.MALFORMED_FILE);
    }

    @Test
    void calculonsOwnRulesAreEnforced() {
        // the assertions of Calculon's Llm.Execution.__init__ (calculon/llm/llm.py)
        refuse(TestFiles.replaceOnce(T5_22B_FULL, "\"num_procs\": 8", "\"num_procs\": 16"), Problem.INVALID_VALUE);
        refuse(TestFiles.replaceOnce(T5_22B_FULL, "\"activation_recompute\": \"full\"",
                "\"activation_recompute\": \"selective\""), Problem.INVALID_VALUE);
        refuse(TestFiles.replaceOnce(T5_22B_FULL, "\"tensor_par_comm_type\": \"ar\"",
                "\"tensor_par_comm_type\": \"sp\""), Problem.INVALID_VALUE);
        refuse(TestFiles.replaceOnce(T5_22B_FULL, "\"microbatch_size\": 4", "\"microbatch_size\": 2"),
                Problem.INVALID_VALUE); // PP = 1 needs the whole local batch
        refuse(TestFiles.replaceOnce(T5_22B_FULL, "\"pipeline_interleaving\": 1", "\"pipeline_interleaving\": 2"),
                Problem.INVALID_VALUE); // no interleaving without PP
        refuse(TestFiles.replaceOnce(T5_22B_FULL, "\"optimizer_sharding\": false", "\"optimizer_sharding\": true"),
                Problem.INVALID_VALUE); // needs DP > 1
        refuse(TestFiles.replaceOnce(T5_22B_FULL, "\"seq_par_ag_redo\": false", "\"seq_par_ag_redo\": true"),
                Problem.INVALID_VALUE); // only with rs_ag and not with full recompute
        assertThat(refuse(TestFiles.replaceOnce(T5_22B_FULL, "\"tensor_par\": 8", "\"tensor_par\": 0"),
                Problem.INVALID_VALUE).getMessage()).contains("tensor_par", "bad.json");
    }

    @Test
    void settingsWithoutAnLsdtCounterpartAreRefusedWhenMapping() {
        refuseMapping(TestFiles.replaceOnce(F1_22B_NONE, "\"fused_activation\": false", "\"fused_activation\": true"),
                "fused_activation");
        refuseMapping(TestFiles.replaceOnce(F1_22B_NONE, "\"multihead\"", "\"multiquery\""), "attention_type");
        refuseMapping(TestFiles.replaceOnce(F1_22B_NONE, "\"ar\"", "\"p2p_rs_ag\""), "tensor_par_comm_type");
        refuseMapping(TestFiles.replaceOnce(F1_22B_SEQSEL, "\"seq_par_ag_redo\": true", "\"seq_par_ag_redo\": false"),
                "seq_par_ag_redo");
        refuseMapping(TestFiles.replaceOnce(F1_22B_NONE, "\"weight_offload\": false", "\"weight_offload\": true"),
                "offload");
        refuseMapping(TestFiles.replaceOnce(F1_22B_NONE, "\"training\": true", "\"training\": false"), "training");
        refuseMapping(TestFiles.replaceOnce(F1_22B_NONE, "\"float16\"", "\"float32\""), "datatype");
        refuseMapping(TestFiles.replaceOnce(F1_22B_NONE, "\"tensor_par_net\": 0", "\"tensor_par_net\": 1"),
                "tensor_par_net");
    }

    private static String replace(String text, String... fromTo) {
        String t = text;
        for (int i = 0; i < fromTo.length; i += 2) {
            t = TestFiles.replaceOnce(t, fromTo[i], fromTo[i + 1]);
        }
        return t;
    }

    private static CalculonExecution parse(String text) {
        return CalculonExecution.parse(CalculonFiles.bytes(text), "test.json");
    }

    private static void refuseMapping(String text, String key) {
        CalculonExecution exe = parse(text); // a valid Calculon file
        LsdtException e = catchThrowableOfType(LsdtException.class, exe::toParallelConfig);
        assertThat(e).as("mapping must fail:%n%s", text).isNotNull();
        assertThat(e.problem()).isEqualTo(Problem.INVALID_VALUE);
        assertThat(e.getMessage()).contains(key);
    }

    private static LsdtException refuse(String text, Problem problem) {
        LsdtException e = catchThrowableOfType(LsdtException.class,
                () -> CalculonExecution.parse(CalculonFiles.bytes(text), "bad.json"));
        assertThat(e).as("parsing must fail:%n%s", text).isNotNull();
        assertThat(e.problem()).as(e.getMessage()).isEqualTo(problem);
        assertThat(e.isUserError()).isTrue();
        return e;
    }
}
