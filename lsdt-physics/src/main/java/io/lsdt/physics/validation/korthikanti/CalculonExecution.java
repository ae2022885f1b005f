package io.lsdt.physics.validation.korthikanti;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.physics.design.Numerics;
import io.lsdt.physics.design.ParallelConfig;
import io.lsdt.physics.design.Recompute;
import io.lsdt.physics.design.Schedule;
import java.nio.file.Path;
import java.util.List;

/**
 * A Calculon <em>execution</em> file ({@code validation/seqsel/…/*.json} of github calculon-ai/calculon, Apache-2.0):
 * how one training run is parallelised. Read strictly (exactly these 23 keys) and checked against the same rules
 * Calculon's {@code Llm.Execution} asserts, so a file Calculon would refuse is refused here too.
 *
 * <p>Semantics (calculon/llm/llm.py; {@code shared/reference/peers.md} §2.1): {@code batch_size} is the <em>global</em>
 * batch in sequences; {@code activation_recompute} {@code attn_only} recomputes the attention core (Korthikanti et
 * al.'s "selective"); {@code tensor_par_comm_type} {@code rs_ag} is Megatron sequence parallelism (reduce-scatter +
 * all-gather instead of all-reduce, LayerNorm/dropout activations split over TP), {@code ar} plain tensor
 * parallelism; {@code seq_par_ag_redo} re-does the all-gather in the backward pass instead of storing the gathered
 * input (what Megatron does, Korthikanti et al. §4.2.2); {@code pipeline_interleaving} is the number of model chunks
 * per device of Narayanan et al.'s interleaved 1F1B; {@code optimizer_sharding} shards the optimizer state over DP
 * (ZeRO stage 1); {@code *_net} index the system file's network list (0 = NVLink, 1 = InfiniBand).
 *
 * @param numProcs GPUs; must equal tensor_par · pipeline_par · data_par
 * @param tensorPar TP degree
 * @param pipelinePar PP degree
 * @param dataPar DP degree
 * @param tensorParNet network index TP uses
 * @param pipelineParNet network index PP uses
 * @param dataParNet network index DP uses
 * @param batchSize global batch (sequences per optimizer step)
 * @param microbatchSize sequences per micro-batch
 * @param datatype {@code float8}, {@code float16}, {@code bfloat16} or {@code float32}
 * @param fusedActivation whether the MLP activation is fused into its GEMM
 * @param attentionType {@code multihead} or {@code multiquery}
 * @param activationRecompute {@code none}, {@code attn_only} or {@code full}
 * @param pipelineInterleaving model chunks per device (1 = plain 1F1B)
 * @param optimizerSharding whether the optimizer state is sharded over DP
 * @param tensorParCommType {@code ar}, {@code p2p_rs_ag} or {@code rs_ag}
 * @param tensorParOverlap {@code none}, {@code ring} or {@code pipe}
 * @param seqParAgRedo whether the sequence-parallel all-gather is re-done in the backward pass
 * @param dataParOverlap whether DP communication overlaps the backward pass
 * @param weightOffload whether weights are offloaded to host memory
 * @param activationsOffload whether activations are offloaded to host memory
 * @param optimizerOffload whether the optimizer state is offloaded to host memory
 * @param training training (true) or inference
 */
public record CalculonExecution(@JsonProperty("num_procs") int numProcs, @JsonProperty("tensor_par") int tensorPar,
        @JsonProperty("pipeline_par") int pipelinePar, @JsonProperty("data_par") int dataPar,
        @JsonProperty("tensor_par_net") int tensorParNet, @JsonProperty("pipeline_par_net") int pipelineParNet,
        @JsonProperty("data_par_net") int dataParNet, @JsonProperty("batch_size") int batchSize,
        @JsonProperty("microbatch_size") int microbatchSize, @JsonProperty("datatype") String datatype,
        @JsonProperty("fused_activation") boolean fusedActivation,
        @JsonProperty("attention_type") String attentionType,
        @JsonProperty("activation_recompute") String activationRecompute,
        @JsonProperty("pipeline_interleaving") int pipelineInterleaving,
        @JsonProperty("optimizer_sharding") boolean optimizerSharding,
        @JsonProperty("tensor_par_comm_type") String tensorParCommType,
        @JsonProperty("tensor_par_overlap") String tensorParOverlap,
        @JsonProperty("seq_par_ag_redo") boolean seqParAgRedo,
        @JsonProperty("data_par_overlap") boolean dataParOverlap,
        @JsonProperty("weight_offload") boolean weightOffload,
        @JsonProperty("activations_offload") boolean activationsOffload,
        @JsonProperty("optimizer_offload") boolean optimizerOffload, @JsonProperty("training") boolean training) {

    /** Calculon's rules (the assertions of {@code Llm.Execution.__init__}). */
    public CalculonExecution {
        positive("num_procs", numProcs);
        positive("tensor_par", tensorPar);
        positive("pipeline_par", pipelinePar);
        positive("data_par", dataPar);
        positive("batch_size", batchSize);
        positive("microbatch_size", microbatchSize);
        positive("pipeline_interleaving", pipelineInterleaving);
        nonNegative("tensor_par_net", tensorParNet);
        nonNegative("pipeline_par_net", pipelineParNet);
        nonNegative("data_par_net", dataParNet);
        oneOf("datatype", datatype, List.of("float8", "float16", "bfloat16", "float32"));
        oneOf("attention_type", attentionType, List.of("multihead", "multiquery"));
        oneOf("activation_recompute", activationRecompute, List.of("none", "attn_only", "full"));
        oneOf("tensor_par_comm_type", tensorParCommType, List.of("ar", "p2p_rs_ag", "rs_ag"));
        oneOf("tensor_par_overlap", tensorParOverlap, List.of("none", "ring", "pipe"));
        if ((long) tensorPar * pipelinePar * dataPar != numProcs) {
            throw LsdtException.of(Problem.INVALID_VALUE, "num_procs", numProcs,
                    "tensor_par × pipeline_par × data_par = " + tensorPar + " × " + pipelinePar + " × " + dataPar);
        }
        if (batchSize % dataPar != 0) {
            throw LsdtException.of(Problem.INVALID_VALUE, "batch_size", batchSize, "a multiple of data_par = "
                    + dataPar);
        }
        int local = batchSize / dataPar;
        if (local % microbatchSize != 0) {
            throw LsdtException.of(Problem.INVALID_VALUE, "microbatch_size", microbatchSize,
                    "a divisor of the local batch " + local);
        }
        if (pipelinePar == 1 && microbatchSize != local) {
            throw LsdtException.of(Problem.INVALID_VALUE, "microbatch_size", microbatchSize,
                    "the whole local batch " + local + " when pipeline_par = 1 (Calculon's rule)");
        }
        if (pipelinePar == 1 && pipelineInterleaving != 1) {
            throw LsdtException.of(Problem.INVALID_VALUE, "pipeline_interleaving", pipelineInterleaving,
                    "1 when pipeline_par = 1");
        }
        if (!training && (!activationRecompute.equals("none") || dataParOverlap || optimizerOffload)) {
            throw LsdtException.of(Problem.INVALID_VALUE, "training", false,
                    "true when recomputing, overlapping DP or offloading the optimizer");
        }
        if (optimizerSharding && dataPar < 2) {
            throw LsdtException.of(Problem.INVALID_VALUE, "optimizer_sharding", true, "false when data_par = 1");
        }
        if (dataParOverlap && dataPar < 2) {
            throw LsdtException.of(Problem.INVALID_VALUE, "data_par_overlap", true, "false when data_par = 1");
        }
        if (seqParAgRedo && (!tensorParCommType.equals("rs_ag") || activationRecompute.equals("full"))) {
            throw LsdtException.of(Problem.INVALID_VALUE, "seq_par_ag_redo", true,
                    "false unless tensor_par_comm_type = rs_ag and activation_recompute ≠ full");
        }
    }

    /**
     * Reads a Calculon execution (parallel layout) file.
     *
     * @param file a Calculon execution JSON file
     * @return its contents
     * @throws LsdtException naming the file and key when the file is not a valid Calculon execution
     */
    public static CalculonExecution read(Path file) {
        return CalculonJson.read(file, CalculonExecution.class, "Calculon execution");
    }

    /**
     * Parses a Calculon execution (parallel layout) from JSON text.
     *
     * @param bytes UTF-8 JSON text
     * @param source a name for messages
     * @return its contents
     */
    public static CalculonExecution parse(byte[] bytes, String source) {
        return CalculonJson.parse(bytes, source, CalculonExecution.class, "Calculon execution");
    }

    /**
     * One of the Calculon executions shipped for the Korthikanti et al. 2022 suite.
     *
     * @param figure {@code fig1}, {@code fig7} or {@code tab5}
     * @param model a model of the suite, e.g. {@code megatron-22B}
     * @param mode e.g. {@code none}, {@code seq}, {@code sel}, {@code seqsel}, {@code full}
     * @return the copy shipped in {@code lsdt/validation/korthikanti/seqsel/<figure>/}
     */
    public static CalculonExecution resource(String figure, String model, String mode) {
        return CalculonJson.resource("seqsel/" + figure + "/" + model + "_" + mode + ".json",
                CalculonExecution.class, "Calculon execution");
    }

    /**
     * The execution's activation recomputation in LSDT's terms.
     *
     * @return the recomputation: {@code none} → NONE, {@code attn_only} → SELECTIVE, {@code full} → FULL
     */
    public Recompute recompute() {
        return switch (activationRecompute) {
            case "attn_only" -> Recompute.SELECTIVE;
            case "full" -> Recompute.FULL;
            default -> Recompute.NONE;
        };
    }

    /**
     * Whether the execution uses sequence parallelism.
     *
     * @return true for Megatron sequence parallelism ({@code tensor_par_comm_type = rs_ag}, as in Calculon)
     */
    public boolean sequenceParallel() {
        return tensorParCommType.equals("rs_ag");
    }

    /**
     * The LSDT design of this execution.
     *
     * <ul>
     *   <li>tp, pp, dp from tensor_par, pipeline_par, data_par; cp = ep = 1;</li>
     *   <li>globalBatch = batch_size (Calculon's batch is global), microBatch = microbatch_size;</li>
     *   <li>vpp = pipeline_interleaving, schedule {@link Schedule#INTERLEAVED_1F1B} when it is above 1, else
     *       {@link Schedule#ONE_F_ONE_B} (Calculon models only these two; with pp = 1 the schedule is moot);</li>
     *   <li>recompute: {@link #recompute()}; sequenceParallel: {@link #sequenceParallel()};</li>
     *   <li>zeroStage 1 when optimizer_sharding, else 0;</li>
     *   <li>numerics: float16 → FP16, bfloat16 → BF16, float8 → FP8;</li>
     *   <li>overlapDp = data_par_overlap; overlapTp = tensor_par_overlap ≠ none;</li>
     *   <li>flashAttention = false: Calculon has no fused-attention option — its attention layers store the softmax
     *       and dropout outputs of size a·s² (the 5as/h term of Korthikanti et al. eq. 1), which is exactly what
     *       {@code attn_only} ("selective") recomputation exists to drop — and Korthikanti et al.'s Megatron-LM of 2022
     *       predates FlashAttention.</li>
     * </ul>
     *
     * <p>{@code pipeline_par_net} and {@code data_par_net} are not carried: LSDT places PP and DP itself (inside the
     * scale-up domain when the group fits, across the scale-out fabric otherwise). Refused, because LSDT has no
     * counterpart and mapping them would silently change the run: inference ({@code training = false}), any offload,
     * {@code fused_activation}, {@code multiquery} attention (it belongs in the architecture's kv heads),
     * {@code p2p_rs_ag} (Calculon's TP with RS/AG transport but without sequence parallelism),
     * {@code rs_ag} without {@code seq_par_ag_redo} unless recomputing fully (the gathered input would be stored,
     * which Megatron — and Korthikanti's equations — do not), {@code float32}, and TP off network 0 (LSDT's TP stays
     * in the scale-up domain).
     *
     * @return the design (not yet validated against an architecture)
     * @throws LsdtException {@link Problem#INVALID_VALUE} for a setting LSDT cannot represent
     */
    public ParallelConfig toParallelConfig() {
        if (!training) {
            throw unsupported("training", false, "true (the suite models training steps)");
        }
        if (weightOffload || activationsOffload || optimizerOffload) {
            throw unsupported("weight/activations/optimizer_offload", true, "false (LSDT models no host offload)");
        }
        if (fusedActivation) {
            throw unsupported("fused_activation", true, "false (LSDT has no fused-activation memory variant)");
        }
        if (!attentionType.equals("multihead")) {
            throw unsupported("attention_type", attentionType, "multihead (set kv heads in the architecture instead)");
        }
        if (tensorParCommType.equals("p2p_rs_ag")) {
            throw unsupported("tensor_par_comm_type", tensorParCommType, "ar or rs_ag");
        }
        if (sequenceParallel() && !seqParAgRedo && !activationRecompute.equals("full")) {
            throw unsupported("seq_par_ag_redo", false,
                    "true with rs_ag (Megatron re-does the all-gather instead of storing its output)");
        }
        if (tensorParNet != 0) {
            throw unsupported("tensor_par_net", tensorParNet, "0 (LSDT keeps TP in the scale-up domain)");
        }
        Numerics numerics = switch (datatype) {
            case "float16" -> Numerics.FP16;
            case "bfloat16" -> Numerics.BF16;
            case "float8" -> Numerics.FP8;
            default -> throw unsupported("datatype", datatype, "float16, bfloat16 or float8");
        };
        boolean interleaved = pipelineInterleaving > 1;
        return new ParallelConfig(tensorPar, pipelinePar, pipelineInterleaving, dataPar, 1, 1, microbatchSize,
                batchSize, optimizerSharding ? 1 : 0, recompute(), sequenceParallel(),
                interleaved ? Schedule.INTERLEAVED_1F1B : Schedule.ONE_F_ONE_B, numerics, dataParOverlap,
                !tensorParOverlap.equals("none"), false);
    }

    private static LsdtException unsupported(String key, Object value, String expected) {
        return LsdtException.of(Problem.INVALID_VALUE, key, value, expected);
    }

    private static void positive(String key, int v) {
        if (v < 1) {
            throw LsdtException.of(Problem.INVALID_VALUE, key, v, "a whole number ≥ 1");
        }
    }

    private static void nonNegative(String key, int v) {
        if (v < 0) {
            throw LsdtException.of(Problem.INVALID_VALUE, key, v, "a network index ≥ 0");
        }
    }

    private static void oneOf(String key, String v, List<String> allowed) {
        if (!allowed.contains(v)) {
            throw LsdtException.of(Problem.INVALID_VALUE, key, v, "one of " + allowed);
        }
    }
}
