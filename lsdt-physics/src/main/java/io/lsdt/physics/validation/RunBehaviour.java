package io.lsdt.physics.validation;

import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.catalog.FrameworkProfile;
import io.lsdt.physics.catalog.Model;
import io.lsdt.physics.design.Hardware;
import io.lsdt.physics.design.ParallelConfig;
import io.lsdt.physics.design.StateBytes;
import io.lsdt.physics.search.SearchSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a published run's framework and fine-tuning change its design, applied before it is predicted:
 * <ul>
 *   <li>a framework profile other than Megatron's ({@code frameworks.yaml}) sets the gradient-reduction bytes, the
 *       data- and tensor-parallel overlap, and for hybrid sharding the shard group (the row's node); the row's own
 *       ZeRO stage is kept;</li>
 *   <li>LoRA and QLoRA train the adapters only: the trainable share is r·(d_in + d_out) per adapted matrix over the
 *       model's parameters (Hu et al. 2021 §4), with the query and value projections adapted when the row names no
 *       targets (the PEFT default for Llama-style models); QLoRA holds its base weights in 4 bits (0.5 B each).</li>
 * </ul>
 * Each change is a note on the row.
 */
public final class RunBehaviour {
    private RunBehaviour() {}

    /**
     * Applies the framework's documented behaviour to a mapped run (its sharding, overlap and kernels).
     *
     * @param spec a mapped run
     * @param catalog the catalog (framework profiles)
     * @return the run as its framework runs it, with notes
     */
    public static RunSpec apply(RunSpec spec, Catalog catalog) {
        Effect e = effect(spec.framework(), spec.finetune(), spec.loraRank(), spec.loraTargets(), spec.arch(),
                spec.hardware(), catalog);
        ParallelConfig c = e.apply(spec.config());
        List<String> notes = new ArrayList<>();
        if (e.profile() != null) {
            notes.add("framework profile " + e.profile().id() + ": gradients reduced in "
                    + e.profile().reduceBytes().quantity() + ", data-parallel overlap "
                    + (e.profile().overlapDp().si() > 0 ? "on" : "off")
                    + (c.shardGroup() > 0 ? ", state sharded within each " + e.nodeSize() + "-GPU node and replicated "
                            + "across nodes" : ""));
        }
        if (e.trainableFraction() < 1 || e.qlora()) {
            String ft = spec.finetune();
            notes.add(String.format(Locale.ROOT, "%s: rank %d adapters on %s train %.3g %% of the parameters; the "
                    + "frozen base has no weight gradients, gradients or optimizer state%s", ft.toUpperCase(Locale.ROOT),
                    e.rank(), targets(spec.loraTargets()), e.trainableFraction() * 100,
                    spec.loraRank() > 0 ? "" : " (rank 8 assumed)"));
            if (e.qlora()) {
                notes.add("QLoRA: base weights held in 4 bits (0.5 B per parameter), dequantized to 16 bits before each "
                        + "use (QLoRA §3), each pass reading 0.5 B and writing 2 B per weight");
            }
        }
        if (notes.isEmpty()) {
            return spec;
        }
        RunSpec out = new RunSpec(spec.runId(), spec.source(), spec.model(), spec.arch(), spec.hardware(), c,
                spec.measurement(), spec.framework(), spec.finetune(), spec.loraRank(), spec.loraTargets(),
                spec.baseWeightBits(), spec.notes());
        return out.withNotes(notes);
    }

    /**
     * What a run's framework and fine-tuning do to any of its designs — the same for the design the row states and
     * for every candidate the search tries for a row that states none ({@link RunDesign}), so that the search ranks
     * designs as they will be predicted.
     *
     * @param profile the framework profile the row's design runs under, or null (Megatron, other, or not in the
     *     catalog: the design's own flags)
     * @param nodeSize GPUs per node (a hybrid-sharding framework's shard group)
     * @param rank the LoRA rank (8 when the row states none; 0 without adapters)
     * @param trainableFraction share of the parameters trained (1 without adapters)
     * @param qlora whether the base weights are held in 4 bits
     */
    record Effect(FrameworkProfile profile, int nodeSize, int rank, double trainableFraction, boolean qlora) {
        /**
         * Applies the effect to a design.
         *
         * @param c a design
         * @return the design as the framework and fine-tuning run it (idempotent)
         */
        ParallelConfig apply(ParallelConfig c) {
            if (profile != null) {
                c = c.runBy(profile, nodeSize);
            }
            if (trainableFraction < 1) {
                c = c.withTrainableFraction(trainableFraction);
            }
            if (qlora) {
                c = c.withStateBytes(quantizedBase(c.stateBytes()));
            }
            return c;
        }

        /**
         * Applies the effect to a search space.
         *
         * @param s a search space
         * @return the space whose candidates run so
         */
        SearchSpace apply(SearchSpace s) {
            if (profile != null) {
                s = s.runBy(profile);
            }
            if (trainableFraction < 1) {
                s = s.withTrainableFraction(trainableFraction);
            }
            if (qlora) {
                s = s.withStateBytes(quantizedBase(s.stateBytes()));
            }
            return s;
        }

        private static StateBytes quantizedBase(StateBytes b) {
            return b.weights() == 0.5 ? b : new StateBytes(0.5, b.gradients(), b.optimizer(), b.gradientComm(),
                    b.origin() + "; 4-bit NF4 base");
        }
    }

    /**
     * What a row's framework and fine-tuning do to its designs.
     *
     * @param framework the row's framework profile id ({@link FrameworkNames})
     * @param finetune none, full, lora or qlora (null: none)
     * @param loraRank the stated rank, or 0
     * @param loraTargets the stated target modules, or null
     * @param arch the model's shape
     * @param hw the hardware
     * @param catalog the catalog (framework profiles)
     * @return what they do to a design
     */
    static Effect effect(String framework, String finetune, int loraRank, String loraTargets, Model.Architecture arch,
            Hardware hw, Catalog catalog) {
        FrameworkProfile f = framework != null && !framework.equals(FrameworkNames.MEGATRON)
                && !framework.equals(FrameworkNames.OTHER) && catalog.frameworks().containsKey(framework)
                ? catalog.framework(framework) : null;
        int node = Math.max(1, hw.scaleUpDomain());
        String ft = finetune == null ? "none" : finetune;
        boolean adapters = ft.equals("lora") || ft.equals("qlora");
        int rank = adapters ? (loraRank > 0 ? loraRank : 8) : 0;
        double share = adapters ? Math.min(1, adapterShare(arch, rank, loraTargets)) : 1;
        return new Effect(f, node, rank, share, ft.equals("qlora"));
    }

    /**
     * The adapters' share of a model's parameters: per layer and adapted matrix r·(d_in + d_out), over the model's
     * parameters (embeddings included).
     *
     * @param a the model's shape
     * @param rank the LoRA rank r
     * @param targets the adapted modules as the row names them (q, k, v, o, gate, up, down; "all-linear"), or null
     *     for the query and value projections
     * @return the share in (0, 1]
     */
    static double adapterShare(Model.Architecture a, int rank, String targets) {
        double h = a.hidden();
        double q = (double) a.heads() * a.headDim();
        double kv = (double) a.kvHeads() * a.headDim();
        double ffn = a.ffnHidden();
        String t = targets == null ? "" : targets.toLowerCase(Locale.ROOT);
        boolean all = t.contains("all");
        double perLayer = 0;
        if (all || t.isEmpty() || t.contains("q")) {
            perLayer += h + q;
        }
        if (all || t.contains("k_proj") || t.matches(".*\\bk\\b.*")) {
            perLayer += h + kv;
        }
        if (all || t.isEmpty() || t.contains("v")) {
            perLayer += h + kv;
        }
        if (all || t.contains("o_proj") || t.matches(".*\\bo\\b.*")) {
            perLayer += q + h;
        }
        if (all || t.contains("gate") || t.contains("up") || t.contains("mlp")) {
            perLayer += (a.ffnType().equals("gelu") ? 1 : 2) * (h + ffn);
        }
        if (all || t.contains("down") || t.contains("mlp")) {
            perLayer += ffn + h;
        }
        if (perLayer == 0) {
            perLayer = (h + q) + (h + kv); // targets named in words we do not parse: the query and value projections
        }
        double adapters = rank * perLayer * a.layers();
        double total = 12.0 * a.layers() * h * h + 2.0 * a.vocab() * h; // the order of the model's parameters
        return adapters / total;
    }

    private static String targets(String t) {
        return t == null || t.isBlank() ? "the query and value projections (PEFT default, assumed)" : t;
    }
}
