package io.lsdt.physics.validation;

import static io.lsdt.physics.validation.Fixtures.KNOWN;
import static io.lsdt.physics.validation.Fixtures.devRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.physics.TestFiles;
import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.design.AnalyticalStepModel;
import io.lsdt.physics.design.MemoryBreakdown;
import io.lsdt.physics.design.Prediction;
import io.lsdt.physics.design.StepLedger;
import io.lsdt.physics.design.StepModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunValidationTest {
    private static final Catalog CATALOG = Catalog.builtIn();

    @Test
    void theDevelopmentSetWithAKnownModel() {
        RunsReport r = RunValidation.validate(TestFiles.data("validation/dev_runs.csv"), KNOWN);
        assertThat(r.results()).hasSize(109);
        assertThat(r.summary().rows()).isEqualTo(109);
        // the known model is not the analytical one, so it runs no design search: the one row that needs it (the
        // 530B Korthikanti row, micro-batch unstated under a blank framework) is skipped, saying so
        assertThat(r.summary().predicted()).isEqualTo(108);
        assertThat(r.skipped()).singleElement().satisfies(s -> {
            assertThat(s.runId()).isEqualTo("korthikanti-530B-2240gpu");
            assertThat(s.reason()).isEqualTo("micro_batch is blank: the row needs LSDT's design search, and no step "
                    + "model was given to run it");
        });
        // the source counts of data/validation/README.md (the 25.09 Megatron-Bridge row counted apart)
        Map<String, ErrorStats> by = r.bySource();
        assertThat(by).hasSize(9);
        assertThat(by.values().stream().mapToInt(ErrorStats::rows).sum()).isEqualTo(109);
        assertThat(by.entrySet()).filteredOn(e -> e.getKey().startsWith("Efficient Large-Scale")).singleElement()
                .satisfies(e -> assertThat(e.getValue().rows()).isEqualTo(10));
        assertThat(by.entrySet()).filteredOn(e -> e.getKey().contains("Long Sequence")).singleElement()
                .satisfies(e -> {
                    assertThat(e.getValue().rows()).isEqualTo(17);
                    assertThat(e.getValue().skipped()).isZero();
                });
        assertThat(r.results()).extracting(RunResult::runId).startsWith("megatron-sc21-1.7B", "megatron-sc21-3.6B");
        String md = r.markdown("dev_runs.csv", "Known");
        assertThat(md).contains("# LSDT step-time model against published runs", "109 rows, 108 predicted, 1 skipped",
                "| megatron-sc21-1.7B | tflops_per_gpu | 137 TFLOP/s | 625 TFLOP/s | 356.2 | compute 60%, "
                        + "recompute 20%, bubble 10% |",
                "| korthikanti-530B-2240gpu | micro_batch is blank: the row needs LSDT's design search",
                "- **megatron-sc21-1.7B**: framework 'Megatron-LM (2021)', zero_fsdp 'none (Megatron DP)' → profile "
                        + "megatron, ZeRO 0;", "micro_batch not stated: assumed 1;", "| **all** | 109 | 108 | 1 |");
    }

    @Test
    void aBlankRecomputeThatCannotFitIsActivationCheckpointingOutsideMegatron() {
        // torchtune's Llama 3.1 70B LoRA on 8 A100 80GB, batch 2 × 2048 per GPU, recompute column blank: without
        // recomputation the design needs 110 GiB per GPU, so the run must have checkpointed its activations (the
        // recipe's enable_activation_checkpointing); with full recomputation it needs 26.5 GiB, the README
        // publishes 27.6 GiB
        RunResult r = RunValidation.one(Fixtures.wave2Run("torchtune-llama3.1-70b-lora-8xa100"),
                io.lsdt.physics.Physics.stepModel(), CATALOG);
        assertThat(r).isInstanceOfSatisfying(RunResult.Predicted.class, p -> {
            assertThat(p.spec().config().recompute()).isEqualTo(io.lsdt.physics.design.Recompute.FULL);
            assertThat(p.notes()).anyMatch(n -> n.startsWith("recompute blank but without it the design needs 118.")
                    && n.endsWith("full recomputation (activation checkpointing) assumed, 28.5 GB"));
            assertThat(p.prediction().fits()).isTrue();
        });
        // a Megatron-family row keeps its published 'none' even where LSDT's activation memory overflows
        RunResult m = RunValidation.one(devRun("dgxc-Llama3.1-405B-BF16-576"), io.lsdt.physics.Physics.stepModel(),
                CATALOG);
        assertThat(m).isInstanceOfSatisfying(RunResult.Predicted.class,
                p -> assertThat(p.spec().config().recompute()).isEqualTo(io.lsdt.physics.design.Recompute.NONE));
    }

    @Test
    void theShippedModelPredictsEveryMappedDevelopmentRow() {
        RunsReport r = RunValidation.validate(TestFiles.data("validation/dev_runs.csv"), io.lsdt.physics.Physics.stepModel());
        assertThat(r.summary().predicted()).isEqualTo(109);
        // issue 3's targets on the development set: ≥ 90 % of rows predicted, median absolute error ≤ 10 %. The
        // shipped calibration (fitted on these rows, docs/calibration.md) gave 100 of 109 and a 5.68 % median; issue
        // 10 predicts the nine rows it refused (Korthikanti's 530B on 2240 GPUs, the eight NeMo long-sequence B200
        // rows as published), and the median over all 109 was 6.32 %; striping a data-parallel ring over the NICs of
        // its GPUs in each node (CommScope, NCCL issues #569/#652) and the distributed optimizer that Megatron-Core's
        // overlapped recipes require bring it to 5.68 %
        assertThat(r.summary().predicted() / (double) r.summary().rows()).isEqualTo(1.0);
        assertThat(r.summary().median()).isLessThanOrEqualTo(10.0).isCloseTo(5.681, org.assertj.core.api.Assertions
                .within(0.001));
        for (RunResult.Predicted p : r.predicted()) {
            assertThat(p.predicted()).as(p.runId()).isFinite().isPositive();
            assertThat(p.prediction().stepTime()).as(p.runId()).isFinite().isPositive();
        }
        assertThat(r.summary().median()).isFinite();
    }

    @Test
    void aModelThatRefusesARunSkipsIt() {
        StepModel refuses = (arch, hw, cfg) -> {
            throw LsdtException.of(Problem.INVALID_VALUE, "tp", cfg.tp(), "at most 4").withHint("lower tp");
        };
        RunResult r = RunValidation.one(devRun("megatron-sc21-18.4B"), refuses, CATALOG);
        assertThat(r).isInstanceOfSatisfying(RunResult.Skipped.class, s -> assertThat(s.reason())
                .isEqualTo("the step model cannot predict it: tp = 8: expected at most 4 — Maybe lower tp"));
    }

    @Test
    void aModelThatAnswersNonsenseSkipsTheRunAndADefectIsNamed() {
        StepModel zero = (arch, hw, cfg) -> new Prediction(cfg, 8, new StepLedger(0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                new MemoryBreakdown(0, 0, 0, 0, 0), 80e9, 1, 1, 1, 1);
        assertThat(RunValidation.one(devRun("megatron-sc21-1.7B"), zero, CATALOG))
                .isInstanceOfSatisfying(RunResult.Skipped.class, s -> assertThat(s.reason())
                        .isEqualTo("the step model predicted a step time of 0.0 s"));
        StepModel broken = (arch, hw, cfg) -> {
            throw new ArithmeticException("/ by zero");
        };
        assertThatThrownBy(() -> RunValidation.one(devRun("megatron-sc21-1.7B"), broken, CATALOG))
                .isInstanceOfSatisfying(LsdtException.class, e -> {
                    assertThat(e.isUserError()).isFalse();
                    assertThat(e.getMessage()).contains("failed on run megatron-sc21-1.7B",
                            "java.lang.ArithmeticException: / by zero");
                });
    }

    @Test
    void aPredictionThatDoesNotFitMemoryIsNoted() {
        StepModel big = (arch, hw, cfg) -> new Prediction(cfg, 8, new StepLedger(1, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                new MemoryBreakdown(50e9, 20e9, 20e9, 10e9, 0), 80e9, 1, 1, 1, 1);
        RunResult r = RunValidation.one(devRun("korthikanti-22B-sp-selective"), big, CATALOG);
        assertThat(r.notes()).contains("predicted memory 100.0 GB per GPU exceeds the usable 80.0 GB");
    }

    @Test
    void aHandMadeFileWithWordyCells(@org.junit.jupiter.api.io.TempDir Path dir) {
        RunRow ok = devRun("korthikanti-175B-sp-selective");
        RunRow wordy = Fixtures.edit(devRun("korthikanti-1T-sp-selective"), "dp", "FSDP over remaining 64 chips");
        Path f = TestFiles.write(dir, "runs.csv", Fixtures.csv(List.of(ok, wordy)));
        RunsReport r = RunValidation.validate(f, KNOWN);
        assertThat(r.predicted()).extracting(RunResult::runId).containsExactly("korthikanti-175B-sp-selective");
        assertThat(r.skipped()).singleElement().satisfies(s -> {
            assertThat(s.runId()).isEqualTo("korthikanti-1T-sp-selective");
            assertThat(s.reason()).isEqualTo("dp = 'FSDP over remaining 64 chips' is not a number (expected a whole "
                    + "number ≥ 1)");
        });
        // 13.75 s measured, 10 s predicted
        assertThat(r.summary().median()).isCloseTo(3.75 / 13.75 * 100, org.assertj.core.api.Assertions.within(1e-9));
    }
}
