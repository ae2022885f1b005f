package io.lsdt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lsdt.physics.design.AnalyticalStepModel;
import io.lsdt.physics.design.MemoryBreakdown;
import io.lsdt.physics.design.Prediction;
import io.lsdt.physics.design.StepLedger;
import io.lsdt.physics.design.StepModel;
import io.lsdt.physics.uncertainty.Interval;
import io.lsdt.physics.uncertainty.Intervals;
import io.lsdt.physics.uncertainty.IntervalsYaml;
import io.lsdt.physics.uncertainty.ValidatedRun;
import io.lsdt.physics.uncertainty.Regime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
    /** The development runs, as copied into the physics module's test resources. */
    private static final String DEV_RUNS = CliRun.repo("data/validation/dev_runs.csv");
    /** The wave-2 runs (same schema), as copied into the physics module's test resources. */
    private static final String WAVE2 = CliRun.repo("data/validation/dev_runs_wave2.csv");
    private static final String PTXLA_16B = "ptxla-fsdp-gpt2-16b-tpuv4-64";
    private static final String PTXLA_SOURCE = "Large Scale Training of Hugging Face Transformers on TPUs With "
            + "PyTorch/XLA FSDP (Wertheim et al., PyTorch blog, 2023)";
    private static final String UNKNOWN_ARCH = "model architecture unknown: the row gives no layers or hidden width "
            + "for 'Mystery-16B (a model of unpublished shape)' and no catalog model matches its name";

    /**
     * Ignores the design; answers a step of 10 s (compute 6, recompute 2, tp 0.5, dp 0.5, bubble 1) on 8 devices,
     * 2^20 tokens, 4e16 model and 5e16 hardware FLOPs per step.
     */
    private static final StepModel KNOWN = (arch, hw, cfg) -> new Prediction(cfg, 8,
            new StepLedger(6, 2, 0, 0.5, 0, 0, 0, 0.5, 1, 0), new MemoryBreakdown(1e9, 1e9, 1e9, 1e9, 1e9), 80e9,
            1 << 20, 4e16, 5e16, 989e12);

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeEach
    void knownModel() {
        ValidateCommand.modelFactory = () -> KNOWN;
    }

    @AfterEach
    void shippedModel() {
        ValidateCommand.modelFactory = io.lsdt.physics.Physics::stepModel;
    }

    /**
     * Three rows: two predictable development rows, and a wave-2 row of another source that gives only its model's
     * parameter count, renamed here so that neither the catalog nor the GPT-style shape rule knows it (its
     * architecture is unknown, the one reason a row is refused).
     */
    private Path threeRuns() throws IOException {
        List<String> lines = Files.readAllLines(Path.of(DEV_RUNS), StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        out.add(lines.get(0));
        for (String id : List.of("korthikanti-175B-sp-selective,", "korthikanti-1T-sp-selective,")) {
            out.add(lines.stream().filter(l -> l.startsWith(id)).findFirst().orElseThrow());
        }
        out.add(Files.readAllLines(Path.of(WAVE2), StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith(PTXLA_16B + ",")).findFirst().orElseThrow()
                .replace("GPT-2-style 16B (HF GPT2LMHeadModel)", "Mystery-16B (a model of unpublished shape)"));
        return Files.write(dir.resolve("three.csv"), out, StandardCharsets.UTF_8);
    }

    @Test
    void jsonContract() throws IOException {
        CliRun r = CliRun.of("validate", "--runs", threeRuns().toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode root = JSON.readTree(r.out());
        assertThat(names(root)).containsExactly("summary", "rows", "memory");
        // none of the three runs publishes memory_gib_per_gpu
        assertThat(root.at("/memory/rows").asInt()).isZero();
        assertThat(root.at("/memory/median_abs_pct_error").isNull()).isTrue();
        JsonNode s = root.get("summary");
        assertThat(names(s)).containsExactly("rows", "predicted", "skipped", "median_abs_pct_error",
                "mean_abs_pct_error", "p90_abs_pct_error", "max_abs_pct_error", "by_source", "coverage");
        // Korthikanti et al. Table 5: 13.75 s and 71.49 s measured; 10 s predicted → 27.27 % and 86.01 %
        double e175 = 3.75 / 13.75 * 100;
        double e1t = 61.49 / 71.49 * 100;
        assertThat(s.get("rows").asInt()).isEqualTo(3);
        assertThat(s.get("predicted").asInt()).isEqualTo(2);
        assertThat(s.get("skipped").asInt()).isEqualTo(1);
        assertThat(s.get("median_abs_pct_error").asDouble()).isCloseTo((e175 + e1t) / 2, within(1e-9));
        assertThat(s.get("mean_abs_pct_error").asDouble()).isCloseTo((e175 + e1t) / 2, within(1e-9));
        assertThat(s.get("p90_abs_pct_error").asDouble()).isCloseTo(e1t, within(1e-9));
        assertThat(s.get("max_abs_pct_error").asDouble()).isCloseTo(e1t, within(1e-9));
        JsonNode by = s.get("by_source");
        assertThat(names(by)).containsExactly(
                "Reducing Activation Recomputation in Large Transformer Models (Korthikanti et al., MLSys 2023)",
                PTXLA_SOURCE);
        for (JsonNode src : by) {
            assertThat(names(src)).containsExactly("rows", "predicted", "skipped", "median_abs_pct_error",
                    "mean_abs_pct_error", "p90_abs_pct_error", "max_abs_pct_error");
        }
        JsonNode ptxla = by.get(PTXLA_SOURCE);
        assertThat(ptxla.get("predicted").asInt()).isZero();
        assertThat(ptxla.get("median_abs_pct_error").isNull()).as("no statistics without predictions").isTrue();
        JsonNode rows = root.get("rows");
        assertThat(rows).hasSize(3);
        JsonNode first = rows.get(0);
        assertThat(names(first)).startsWith("run_id", "metric", "measured", "predicted", "abs_pct_error");
        assertThat(first.get("run_id").asText()).isEqualTo("korthikanti-175B-sp-selective");
        assertThat(first.get("metric").asText()).isEqualTo("step_time_s");
        assertThat(first.get("measured").asDouble()).isEqualTo(13.75);
        assertThat(first.get("predicted").asDouble()).isEqualTo(10.0);
        assertThat(first.get("abs_pct_error").asDouble()).isCloseTo(e175, within(1e-9));
        assertThat(first.get("ledger").get("compute").asDouble()).isEqualTo(6.0);
        // the framework profile and fine-tuning kind of the row: Megatron-LM (2022), pretraining
        assertThat(first.get("framework").asText()).isEqualTo("megatron");
        assertThat(first.get("finetune").asText()).isEqualTo("none");
        assertThat(first.has("lora_rank")).isFalse();
        assertThat(first.get("notes").get(0).asText()).isEqualTo("framework 'Megatron-LM (2022)', zero_fsdp 'none' → "
                + "profile megatron, ZeRO 0");
        // Megatron-LM (2022), 64 GPUs, 175 B: the shipped table's interval of that regime (or of its pool); a step
        // time's interval is the rate's turned over: 10 s·e^−p90 … 10 s·e^−p10
        assertThat(first.get("regime").asText()).isEqualTo("megatron/9-64/30B+");
        Interval i = Intervals.shipped().interval(Regime.parse("megatron/9-64/30B+"));
        JsonNode iv = first.get("interval");
        assertThat(iv.get("uses").asText()).isEqualTo(i.used());
        assertThat(iv.get("log_p10").asDouble()).isEqualTo(i.p10());
        assertThat(iv.get("p10").asDouble()).isCloseTo(10 * Math.exp(-i.p90()), within(1e-12));
        assertThat(iv.get("p90").asDouble()).isCloseTo(10 * Math.exp(-i.p10()), within(1e-12));
        // measured 13.75 s against 10 s predicted: ln(10 / 13.75) = −0.318 as a rate, inside only if P10 ≤ −0.318
        boolean inside = Math.log(10 / 13.75) >= i.p10();
        assertThat(iv.get("inside").asBoolean()).isEqualTo(inside);
        JsonNode second = rows.get(1);
        Interval i1t = Intervals.shipped().interval(Regime.parse(second.get("regime").asText()));
        boolean inside1t = Math.log(10 / 71.49) >= i1t.p10();
        JsonNode cov = s.get("coverage");
        assertThat(cov.get("predicted").asInt()).isEqualTo(2);
        assertThat(cov.get("inside").asInt()).isEqualTo((inside ? 1 : 0) + (inside1t ? 1 : 0));
        JsonNode skipped = rows.get(2);
        assertThat(names(skipped)).startsWith("run_id", "skipped").doesNotContain("predicted", "abs_pct_error");
        assertThat(skipped.get("skipped").asText()).isEqualTo(UNKNOWN_ARCH);
    }

    @Test
    void humanOutputHasRowsLedgerSkipsAndSummary() throws IOException {
        CliRun r = CliRun.of("validate", "--runs", threeRuns().toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("3 runs, 2 predicted, 1 skipped", "largest ledger entries", "P10-P90",
                "megatron/9-64/30B+", "coverage: ",
                "korthikanti-175B-sp-selective", "step_time_s", "13.75 s", "10 s", "27.3 %",
                "compute 60%, recompute 20%, bubble 10%", "skipped", PTXLA_16B, "model architecture unknown",
                "summary by source", "all");
    }

    @Test
    void theDevelopmentSetWithTheShippedModel() throws IOException {
        ValidateCommand.modelFactory = io.lsdt.physics.Physics::stepModel;
        CliRun r = CliRun.of("validate", "--runs", DEV_RUNS, "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode s = JSON.readTree(r.out()).get("summary");
        assertThat(s.get("rows").asInt()).isEqualTo(109);
        assertThat(s.get("predicted").asInt()).isEqualTo(109);
        assertThat(s.get("median_abs_pct_error").isNumber()).isTrue();
    }

    @Test
    void theWave2SetWithTheShippedModelPredictsEveryRow() throws IOException {
        ValidateCommand.modelFactory = io.lsdt.physics.Physics::stepModel;
        CliRun r = CliRun.of("validate", "--runs", WAVE2, "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode root = JSON.readTree(r.out());
        assertThat(root.get("summary").get("rows").asInt()).isEqualTo(99);
        assertThat(root.get("summary").get("predicted").asInt()).isEqualTo(99);
        List<String> reasons = new ArrayList<>();
        for (JsonNode row : root.get("rows")) {
            if (row.has("skipped")) {
                reasons.add(row.get("skipped").asText());
            }
            if (row.get("run_id").asText().equals("vectorlm-llama3-8b-lora-1xa100-2048")) {
                // "PEFT LoRA r=8, alpha=32 (default target modules)" under VectorLM's PyTorch FSDP
                assertThat(row.get("framework").asText()).isEqualTo("pytorch-fsdp");
                assertThat(row.get("finetune").asText()).isEqualTo("lora");
                assertThat(row.get("lora_rank").asInt()).isEqualTo(8);
                assertThat(row.get("lora_targets").asText()).isEqualTo("default target modules");
                assertThat(row.get("base_weight_bits").asInt()).isEqualTo(16);
            }
        }
        assertThat(reasons).isEmpty();
    }

    @Test
    void helpSaysWhatIsAssumedForUnstatedFields() {
        CliRun r = CliRun.of("validate", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("What a row leaves unstated is assumed, and every assumption is a note",
                "blank: the best design LSDT's search finds within what the framework can do",
                "Megatron family 1; otherwise the fastest of 1, 2, 4, ..., 32 that fits in memory",
                "one micro-batch per device per step", "H100 of unstated form -> h100-sxm",
                "A800 / H800 -> A100 / H100 (lower NVLink", "only the adapters train",
                "cells with words are read leniently");
    }

    @Test
    void badInputsExitTwoWithoutAStackTrace() throws IOException {
        assertUserError(CliRun.of("validate", "--runs", dir.resolve("missing.csv").toString()),
                "cannot read", "missing.csv", "no such file");
        assertUserError(CliRun.of("validate", "--runs", Files.writeString(dir.resolve("empty.csv"), "").toString()),
                "empty.csv is not valid runs CSV", "the file is empty");
        String noTp = Files.readString(threeRuns()).replaceFirst(",tp,", ",tensor_parallel,");
        assertUserError(CliRun.of("validate", "--runs", Files.writeString(dir.resolve("notp.csv"), noTp).toString()),
                "missing column 'tp'");
        assertUserError(CliRun.of("validate"), "what to validate is missing");
        assertUserError(CliRun.of("validate", "--runs", "x.csv", "--suite", "korthikanti"), "--runs and --suite");
        assertUserError(CliRun.of("validate", "--suite", "calculon"), "unknown suite 'calculon'");
        assertUserError(CliRun.of("validate", "--suite", "korthikanti", "--report", "r.md"),
                "--report = r.md: expected used with --runs only");
    }

    /** The first two rows of {@link #threeRuns()}, as their own file (run ids kept). */
    private Path korthikanti() throws IOException {
        List<String> lines = Files.readAllLines(threeRuns(), StandardCharsets.UTF_8);
        return Files.write(dir.resolve("korthikanti.csv"), lines.subList(0, 3), StandardCharsets.UTF_8);
    }

    @Test
    void writeIntervalsWritesTheResidualsTableOfEveryFileGiven() throws IOException {
        // two files: the two Korthikanti rows and the skipped long-sequence row
        List<String> lines = Files.readAllLines(threeRuns(), StandardCharsets.UTF_8);
        Path second = Files.write(dir.resolve("second.csv"), List.of(lines.get(0), lines.get(3)),
                StandardCharsets.UTF_8);
        Path out = dir.resolve("residuals.yaml");
        CliRun r = CliRun.of("validate", "--runs", korthikanti().toString(), "--runs", second.toString(),
                "--write-intervals", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Intervals t = IntervalsYaml.read(out);
        // the known model predicts 10 s for both: residuals ln(10 / 13.75) = −0.3185 and ln(10 / 71.49) = −1.9670;
        // two runs are fewer than nine, so P10 and P90 are their range
        assertThat(t.runs()).extracting(ValidatedRun::logResidual).containsExactly(-0.3185, -1.967);
        assertThat(t.regimes().get("all").p10()).isEqualTo(-1.967);
        assertThat(t.regimes().get("all").p90()).isEqualTo(-0.3185);
        assertThat(t.regimes().get("megatron/9-64/30B+").uses()).isEqualTo("all");
        assertThat(t.provenance().inputs()).containsExactly(new Intervals.Input("korthikanti.csv", 2, 2),
                new Intervals.Input("second.csv", 1, 0));
        assertThat(t.provenance().command()).isEqualTo("./lsdt validate --runs " + dir.resolve("korthikanti.csv")
                + " --runs " + second + " --write-intervals " + out);
        assertThat(t.provenance().stepModel()).startsWith("io.lsdt.cli.ValidateCommandTest");
        assertThat(r.out()).startsWith("wrote " + out + ": the residuals of 2 predicted runs of 3 (korthikanti.csv: 2 "
                + "of 2; second.csv: 0 of 1)").contains("all", "-1.967", "-0.319", "regenerate with: ./lsdt validate");
    }

    @Test
    void runIdsMustBeUniqueAcrossTheFiles() throws IOException {
        Path a = korthikanti();
        Path b = Files.copy(a, dir.resolve("again.csv"));
        assertUserError(CliRun.of("validate", "--runs", a.toString(), "--runs", b.toString()),
                "--runs = " + b + ": expected files whose run ids are unique across them: run_id "
                        + "'korthikanti-175B-sp-selective' is also in " + a);
        assertUserError(CliRun.of("validate", "--runs", a.toString(), "--loso", "--fit"),
                "--fit, --loso and --write-intervals = more than one given");
        assertUserError(CliRun.of("validate", "--runs", a.toString(), "--loso", "--threads", "0"),
                "--threads = 0: expected a whole number ≥ 1");
        // both rows are Korthikanti's: nothing to hold one source out against
        ValidateCommand.modelFactory = io.lsdt.physics.Physics::stepModel;
        assertUserError(CliRun.of("validate", "--runs", a.toString(), "--loso"),
                "--loso = 1 source(s) with predicted rows");
    }

    @Test
    void losoHoldsOutEachSourceWithASmallBudget() throws IOException {
        ValidateCommand.modelFactory = io.lsdt.physics.Physics::stepModel;
        List<String> lines = Files.readAllLines(Path.of(DEV_RUNS), StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>(List.of(lines.get(0)));
        for (String id : List.of("korthikanti-22B-sp-selective,", "korthikanti-175B-sp-selective,",
                "dgxc-Llama3.1-8B-BF16-8,", "dgxc-Llama3.1-70B-BF16-64,")) {
            out.add(lines.stream().filter(l -> l.startsWith(id)).findFirst().orElseThrow());
        }
        Path f = Files.write(dir.resolve("four.csv"), out, StandardCharsets.UTF_8);
        CliRun r = CliRun.of("validate", "--runs", f.toString(), "--loso", "--max-evaluations", "8", "--threads", "2",
                "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("max_evaluations").asInt()).isEqualTo(8);
        assertThat(names(j.get("by_source"))).containsExactly(
                "Reducing Activation Recomputation in Large Transformer Models (Korthikanti et al., MLSys 2023)",
                "NVIDIA DGX Cloud Benchmarking recipes (dgxc-benchmarking), 'Expected Performance' tables");
        assertThat(j.get("fits")).hasSize(3);
        for (JsonNode fit : j.get("fits")) {
            assertThat(fit.get("evaluations").asInt()).isLessThanOrEqualTo(8);
        }
        JsonNode held = j.get("held_out");
        assertThat(held).hasSize(4);
        int inside = 0;
        for (JsonNode h : held) {
            double res = h.get("log_residual").asDouble();
            boolean in = res >= h.get("log_p10").asDouble() && res <= h.get("log_p90").asDouble();
            assertThat(h.get("inside").asBoolean()).isEqualTo(in);
            inside += in ? 1 : 0;
        }
        assertThat(j.get("summary").get("inside").asInt()).isEqualTo(inside);
        assertThat(j.get("summary").get("coverage").asDouble()).isEqualTo(inside / 4.0);
        CliRun text = CliRun.of("validate", "--runs", f.toString(), "--loso", "--max-evaluations", "8");
        assertThat(text.out()).contains("Leave-one-source-out on the 4 runs", "median |error| per source",
                "median |error| per regime", "coverage out of sample: " + inside + " of 4");
    }

    @Test
    void aWordyCellIsASkipWithItsReason() throws IOException {
        String text = Files.readString(threeRuns()).replace("korthikanti-1T-sp-selective,", "wordy,");
        List<String> lines = new ArrayList<>(text.lines().toList());
        // Korthikanti et al. Table 3, 1T: tp 8, pp 64, dp 1; the dp cell becomes words
        String row = lines.get(2);
        assertThat(row).startsWith("wordy,");
        assertThat(row.indexOf(",8,64,1,")).isPositive().isEqualTo(row.lastIndexOf(",8,64,1,"));
        lines.set(2, row.replace(",8,64,1,", ",8,64,\"FSDP over remaining 64 chips\","));
        Path f = Files.write(dir.resolve("wordy.csv"), lines, StandardCharsets.UTF_8);
        CliRun r = CliRun.of("validate", "--runs", f.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode wordy = JSON.readTree(r.out()).get("rows").get(1);
        assertThat(wordy.get("run_id").asText()).isEqualTo("wordy");
        assertThat(wordy.get("skipped").asText()).isEqualTo("dp = 'FSDP over remaining 64 chips' is not a number "
                + "(expected a whole number ≥ 1)");
    }

    @Test
    void theReportIsWrittenWhole() throws IOException {
        Path report = dir.resolve("out").resolve("validation.md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, "old report");
        CliRun r = CliRun.of("validate", "--runs", threeRuns().toString(), "--report", report.toString());
        assertThat(r.code()).as(r.err()).isZero();
        String md = Files.readString(report);
        assertThat(md).startsWith("# LSDT step-time model against published runs").contains("| korthikanti-175B-sp-"
                + "selective | step_time_s | 13.75 s | 10 s | 27.27 |", "## Skipped runs",
                "| " + PTXLA_16B + " | " + UNKNOWN_ARCH + " |")
                .endsWith("\n");
        assertThat(listing(report.getParent())).containsExactly("validation.md");
    }

    @Test
    void theReportIsNotLeftHalfWritten() throws IOException {
        Path runs = threeRuns();
        // the folder is a regular file: no temporary file can be made, nothing appears
        Path notAFolder = Files.writeString(dir.resolve("plain"), "x");
        CliRun r = CliRun.of("validate", "--runs", runs.toString(), "--report", notAFolder.resolve("r.md").toString());
        assertUserError(r, "--report", "nothing was written");
        assertThat(Files.readString(notAFolder)).isEqualTo("x");
        // the target is a folder: the temporary file is written, the rename fails, the temporary file is removed
        Path busy = Files.createDirectories(dir.resolve("reports").resolve("r.md"));
        Files.writeString(busy.resolve("keep"), "k");
        r = CliRun.of("validate", "--runs", runs.toString(), "--report", busy.toString());
        assertUserError(r, "--report", "nothing was written");
        assertThat(listing(busy.getParent())).containsExactly("r.md");
        assertThat(listing(busy)).containsExactly("keep");
    }

    @Test
    void theReportIsNotWrittenIntoAReadOnlyFolder() throws IOException {
        // root ignores permissions (the other cases above hold for everyone)
        assumeFalse("root".equals(System.getProperty("user.name")), "permissions do not bind root");
        Path runs = threeRuns();
        CliRun r;
        Path locked = Files.createDirectories(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            r = CliRun.of("validate", "--runs", runs.toString(), "--report", locked.resolve("r.md").toString());
            assertUserError(r, "permission denied", "nothing was written");
            assertThat(listing(locked)).isEmpty();
        } finally {
            Files.setPosixFilePermissions(locked, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void theKorthikantiSuite() throws IOException {
        ValidateCommand.modelFactory = io.lsdt.physics.Physics::stepModel;
        CliRun r = CliRun.of("validate", "--suite", "korthikanti");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Suite korthikanti: ", "megatron-22B", "iteration time", "par_opt memory",
                "LSDT mean", "ref. mean", "Calculon");
        CliRun j = CliRun.of("validate", "--suite", "KORTHIKANTI", "--json");
        assertThat(j.code()).as(j.err()).isZero();
        JsonNode root = JSON.readTree(j.out());
        assertThat(names(root)).containsExactly("suite", "source", "rows", "summaries");
        assertThat(root.get("suite").asText()).isEqualTo("korthikanti");
        assertThat(root.get("rows")).isNotEmpty();
        assertThat(names(root.get("rows").get(0))).containsExactly("id", "quantity", "unit", "measured", "predicted",
                "abs_pct_error");
        assertThat(root.get("summaries")).isNotEmpty();
        assertThat(names(root.get("summaries").get(0))).containsExactly("quantity", "mean_abs_pct_error",
                "max_abs_pct_error", "reference_tool", "reference_mean_abs_pct_error", "reference_max_abs_pct_error");
        for (JsonNode row : root.get("rows")) {
            assertThat(row.get("abs_pct_error").isNumber()).as(row.toString()).isTrue();
        }
    }

    @Test
    void helpNamesTheOrderOfMetricsAndTheSuites() {
        CliRun r = CliRun.of("validate", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--runs", "--suite", "--report", "preference: step_time_s (or the time",
                "of one micro-batch iteration when the row says so), tflops_per_gpu, tokens_per_s_per_gpu, tokens_per_s,",
                "mfu_pct, hfu_pct (MFU/HFU against the peak the source divided by), samples/s from derived_values, then",
                "a whole run's time_to_train or gpu_hours", "Suites: korthikanti");
        assertThat(CliRun.of("--help").out()).contains("validate");
    }

    private static void assertUserError(CliRun r, String... fragments) {
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("lsdt: error: ").contains(fragments).doesNotContain("\tat ", "Exception");
    }

    private static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
            out.add(it.next());
        }
        return out;
    }

    private static List<String> listing(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
