package io.lsdt.physics.validation.korthikanti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.physics.catalog.Model;
import io.lsdt.physics.design.Hardware;
import io.lsdt.physics.design.MemoryBreakdown;
import io.lsdt.physics.design.ParallelConfig;
import io.lsdt.physics.design.Prediction;
import io.lsdt.physics.design.Recompute;
import io.lsdt.physics.design.StepLedger;
import io.lsdt.physics.design.StepModel;
import io.lsdt.physics.validation.SuiteReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link KorthikantiSuite#report} with a fake step model whose predictions, and so whose errors, are known. */
class KorthikantiSuiteTest {
    private static final double GIB = 0x1p30;

    /** Fake iteration times (s), per model and mode; published values in the comments (Korthikanti Table 5). */
    private static final Map<String, Double> TIME = Map.of(
            "22B full", 1.562,      // 1.42 × 1.1: 10 %
            "22B seqsel", 0.99,     // 1.10 × 0.9: 10 %
            "175B full", 18.13,     // exact: 0 %
            "175B seqsel", 14.4375, // 13.75 × 1.05: 5 %
            "530B full", 48.069,    // 49.05 × 0.98: 2 %
            "530B seqsel", 37.83,   // exact: 0 %
            "1T full", 90.08,       // Calculon's own prediction: |90.08 − 94.42| / 94.42 = 4.5965 %
            "1T seqsel", 85.788);   // 71.49 × 1.2: 20 %

    /** Fake parameters + optimizer (GiB) per model; Figure 1: 45.5625, 45.5625, 31.640625, 32.958984375. */
    private static final Map<String, Double> PAR_OPT = Map.of(
            "22B", 50.11875,          // × 1.1: 10 %
            "175B", 45.5625,          // 0 %
            "530B", 28.4765625,       // × 0.9: 10 %
            "1T", 34.60693359375);    // × 1.05: 5 %

    /** Fake activations (GiB) per model and mode. */
    private static final Map<String, Double> ACT = Map.ofEntries(
            Map.entry("22B none", 60.435),       // 59.25 × 1.02: 2 %
            Map.entry("22B seqsel", 10.51875),   // 9.5625 × 1.1: 10 %
            Map.entry("22B seq", 40.0),
            Map.entry("22B sel", 30.0),
            Map.entry("22B full", 5.0),
            Map.entry("175B none", 66.84375),    // 0 %
            Map.entry("175B seqsel", 12.3515625), // 0 %
            Map.entry("175B seq", 40.0),
            Map.entry("175B sel", 40.0),
            Map.entry("175B full", 6.0),
            Map.entry("530B none", 102.62109375), // 114.0234375 × 0.9: 10 %
            Map.entry("530B seqsel", 23.076171875), // 0 %
            Map.entry("530B seq", 60.0),
            Map.entry("530B sel", 60.0),
            Map.entry("530B full", 10.0),
            Map.entry("1T none", 131.25),        // 0 %
            Map.entry("1T seqsel", 31.875),      // 26.5625 × 1.2: 20 %
            Map.entry("1T seq", 75.0),
            Map.entry("1T sel", 80.0),
            Map.entry("1T full", 13.125));

    /** Answers from the tables above, keyed by the layer count and the (recompute, sequence parallel) pair. */
    static final class Fake implements StepModel {
        final List<ParallelConfig> seen = new ArrayList<>();
        final List<Hardware> hardware = new ArrayList<>();

        @Override
        public Prediction predict(Model.Architecture arch, Hardware hw, ParallelConfig cfg) {
            seen.add(cfg);
            hardware.add(hw);
            String model = switch (arch.layers()) {
                case 48 -> "22B";
                case 96 -> "175B";
                case 105 -> "530B";
                case 128 -> "1T";
                default -> throw new AssertionError(arch);
            };
            String mode = cfg.recompute() == Recompute.FULL ? "full"
                    : cfg.recompute() == Recompute.SELECTIVE ? (cfg.sequenceParallel() ? "seqsel" : "sel")
                    : cfg.sequenceParallel() ? "seq" : "none";
            double t = TIME.getOrDefault(model + " " + mode, 1.0);
            double po = PAR_OPT.get(model) * GIB;
            MemoryBreakdown mem = new MemoryBreakdown(po / 2, po / 4, po / 4, ACT.get(model + " " + mode) * GIB,
                    7 * GIB); // the reserve must not count anywhere
            return new Prediction(cfg, cfg.devices(), new StepLedger(0, 0, 0, 0, 0, 0, 0, 0, 0, t),
                    mem, hw.memoryBytes(), 2048.0 * cfg.globalBatch(), 0, 0, hw.peakFlops());
        }
    }

    @Test
    void rowsCarryTheHandComputedErrors() {
        Fake fake = new Fake();
        SuiteReport r = KorthikantiSuite.report(fake);
        assertThat(r.name()).isEqualTo("korthikanti");
        assertThat(r.source()).contains("arXiv:2205.05198");
        assertThat(r.rows()).hasSize(40);
        assertThat(r.rows()).extracting(SuiteReport.Row::quantity).containsExactlyElementsOf(quantities());

        SuiteReport.Row first = r.rows().get(0);
        assertThat(first.id()).isEqualTo("megatron-22B full");
        assertThat(first.unit()).isEqualTo("s");
        assertThat(first.measured()).isEqualTo(1.42);
        assertThat(first.predicted()).isEqualTo(1.562);
        assertThat(first.absPctError()).isCloseTo(10.0, within(1e-9));
        SuiteReport.Row oneT = r.rows().get(6);
        assertThat(oneT.id()).isEqualTo("megatron-1T full");
        assertThat(oneT.absPctError()).isCloseTo(4.34 / 94.42 * 100, within(1e-9)); // 4.5965 %

        SuiteReport.Row parOpt = r.rows().get(8);
        assertThat(parOpt.id()).isEqualTo("megatron-22B none");
        assertThat(parOpt.quantity()).isEqualTo("par_opt memory");
        assertThat(parOpt.unit()).isEqualTo("GiB");
        assertThat(parOpt.measured()).isEqualTo(45.5625);
        assertThat(parOpt.predicted()).isEqualTo(50.11875); // weights + gradients + optimizer, reserve left out
        assertThat(parOpt.absPctError()).isCloseTo(10.0, within(1e-9));

        SuiteReport.Row act = r.rows().get(16 + 7);
        assertThat(act.id()).isEqualTo("megatron-1T seqsel");
        assertThat(act.quantity()).isEqualTo("activation memory");
        assertThat(act.predicted()).isEqualTo(31.875);
        assertThat(act.absPctError()).isCloseTo(20.0, within(1e-9)); // 31.875 / 26.5625 = 1.2

        SuiteReport.Row frac = r.rows().get(24);
        assertThat(frac.id()).isEqualTo("megatron-22B seq");
        assertThat(frac.unit()).isEqualTo("%");
        assertThat(frac.measured()).isEqualTo(66.84);
        assertThat(frac.predicted()).isCloseTo(40 / 60.435 * 100, within(1e-9)); // 66.1868 %
        assertThat(frac.absPctError()).isCloseTo(0.977240757549867, within(1e-9));
        SuiteReport.Row full1t = r.rows().get(39);
        assertThat(full1t.id()).isEqualTo("megatron-1T full");
        assertThat(full1t.predicted()).isCloseTo(10.0, within(1e-12)); // 13.125 / 131.25
        assertThat(full1t.absPctError()).isCloseTo((10 - 9.42) / 9.42 * 100, within(1e-9)); // 6.1571 %
        assertThat(r.rows().subList(24, 40)).extracting(SuiteReport.Row::id).noneMatch(id -> id.endsWith(" none"));
    }

    @Test
    void summariesAreTheHandComputedMeansAndMaxima() {
        SuiteReport r = KorthikantiSuite.report(new Fake());
        assertThat(r.summaries()).extracting(SuiteReport.Summary::quantity).containsExactly("iteration time",
                "par_opt memory", "activation memory", "activation fraction");
        // iteration time: (10 + 10 + 0 + 5 + 2 + 0 + 4.596484 + 20) / 8
        summary(r.summaries().get(0), (47 + 4.34 / 94.42 * 100) / 8, 20, 3.65, 8.87);
        // par_opt: (10 + 10 + 0 + 0 + 10 + 10 + 5 + 5) / 8
        summary(r.summaries().get(1), 6.25, 10, 8.49, 10.84);
        // activations: (2 + 10 + 0 + 0 + 10 + 0 + 0 + 20) / 8
        summary(r.summaries().get(2), 5.25, 20, 2.08, 8.74);
        // Figure 7: sixteen errors computed by hand (22B seq 0.977, sel 0.445, seqsel 7.571, full 8.290; 175B 3.544,
        // 5.857, 0.063, 3.056; 530B 0.270, 5.758, 10.936, 3.446; 1T 2.002, 1.753, 19.811, 6.157); the largest is 1T
        // seqsel, 31.875 / 131.25 = 24.2857 % against 20.27 %
        summary(r.summaries().get(3), 4.996138200924405, (31.875 / 131.25 * 100 - 20.27) / 20.27 * 100, 6.69, 30.41);
        assertThat(r.summaries()).extracting(SuiteReport.Summary::referenceTool).containsOnly("Calculon (SC'23)");
    }

    @Test
    void everyRunGetsTheA100AndAValidatedDesign() {
        Fake fake = new Fake();
        KorthikantiSuite.report(fake);
        assertThat(fake.seen).hasSize(36); // 8 + 8 + 20 predictions
        assertThat(fake.hardware).allSatisfy(hw -> {
            assertThat(hw.deviceId()).isEqualTo("a100-sxm-80gb");
            assertThat(hw.peakFlops()).isEqualTo(312e12); // A100 dense FP16, NVIDIA datasheet
            assertThat(hw.scaleUpDomain()).isEqualTo(8);
        });
        assertThat(fake.seen).allSatisfy(c -> assertThat(c.tp()).isEqualTo(8));
    }

    @Test
    void aNanPredictionShowsInTheSummary() {
        StepModel nan = (arch, hw, cfg) -> {
            Prediction p = new Fake().predict(arch, hw, cfg);
            return arch.layers() == 96 && cfg.recompute() == Recompute.FULL
                    ? new Prediction(cfg, p.devices(), new StepLedger(Double.NaN, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                            p.memory(), p.memoryCapacity(), p.tokensPerStep(), 0, 0, p.peakFlops())
                    : p;
        };
        SuiteReport r = KorthikantiSuite.report(nan);
        assertThat(r.rows().get(2).absPctError()).isNaN();
        assertThat(r.summaries().get(0).meanAbsPctError()).isNaN();
        assertThat(r.summaries().get(0).maxAbsPctError()).isNaN();
        assertThat(r.summaries().get(1).meanAbsPctError()).isCloseTo(6.25, within(1e-9));
    }

    @Test
    void aFailingModelNamesTheRun() {
        StepModel failing = (arch, hw, cfg) -> {
            throw LsdtException.of(Problem.INVALID_VALUE, "pp", cfg.pp(), "something else");
        };
        LsdtException e = catchThrowableOfType(LsdtException.class, () -> KorthikantiSuite.report(failing));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith("korthikanti tab5 megatron-22B full: pp = 1");
    }

    private static void summary(SuiteReport.Summary s, double mean, double max, double refMean, double refMax) {
        assertThat(s.meanAbsPctError()).as(s.quantity()).isCloseTo(mean, within(1e-9));
        assertThat(s.maxAbsPctError()).as(s.quantity()).isCloseTo(max, within(1e-9));
        assertThat(s.referenceMeanAbsPctError()).isEqualTo(refMean);
        assertThat(s.referenceMaxAbsPctError()).isEqualTo(refMax);
    }

    private static List<String> quantities() {
        List<String> q = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            q.add("iteration time");
        }
        for (int i = 0; i < 8; i++) {
            q.add("par_opt memory");
        }
        for (int i = 0; i < 8; i++) {
            q.add("activation memory");
        }
        for (int i = 0; i < 16; i++) {
            q.add("activation fraction");
        }
        return q;
    }
}
