package io.lsdt.physics.validation.korthikanti;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.catalog.Model;
import io.lsdt.physics.design.Hardware;
import io.lsdt.physics.design.ParallelConfig;
import io.lsdt.physics.design.Prediction;
import io.lsdt.physics.design.StepModel;
import io.lsdt.physics.validation.SuiteReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Korthikanti et al. 2022 validation suite, as Calculon (SC'23) runs it ({@code calculon llm-validation}): four
 * GPT models (22B, 175B, 530B, 1T) on A100 80 GB, compared on
 *
 * <ol>
 *   <li>{@value #ITERATION_TIME} — Table 5, 8 runs (full recompute; sequence parallel + selective recompute):
 *       {@link Prediction#stepTime()} against the measured end-to-end iteration time (s);</li>
 *   <li>{@value #PAR_OPT_MEMORY} and {@value #ACTIVATION_MEMORY} — Figure 1, 8 runs (none; seqsel):
 *       {@code memory().parametersAndOptimizer()} and {@code memory().activations()} per GPU, in GiB (2^30 B);</li>
 *   <li>{@value #ACTIVATION_FRACTION} — Figure 7, 4 models × 4 modes (seq, sel, seqsel, full): a mode's
 *       {@code memory().activations()} as a percentage of the same model's {@code none} run (the 100 % baselines
 *       are not rows).</li>
 * </ol>
 *
 * <p>Each run is a Calculon application file ({@link CalculonApplication#toArchitecture()}) and execution file
 * ({@link CalculonExecution#toParallelConfig()}), shipped in {@code lsdt/validation/korthikanti/}. The hardware is
 * the catalog device {@value #DEVICE} through {@link Hardware#of(Catalog, String, io.lsdt.physics.design.Numerics)}:
 * the same Selene DGX A100 node Calculon's {@code a100_80g.json} describes (312 TFLOP/s FP16, 2048 GB/s HBM — the
 * catalog has the datasheet's 2039 GB/s —, 300 GB/s NVLink per GPU per direction in groups of 8, 25 GB/s = 200 Gb/s
 * InfiniBand per GPU). Calculon runs Figures 1 and 7 on {@code a100_80e.json} instead; it differs from
 * {@code a100_80g} only in higher efficiencies (GEMMs ≥ 128 GFLOP at 0.99 instead of 0.95; HBM 0.95/0.90/0.70
 * instead of 0.90/0.75/0.60 from 100/10/1 MB) and an HBM capacity of 80e9 GiB instead of 80 GiB — so that the
 * no-recompute runs, which need up to 164 GiB, are not refused. Neither changes a memory <em>footprint</em>, so the
 * suite uses one hardware for all runs and never requires {@link Prediction#fits()}.
 *
 * <p>Errors are |predicted − published| / published × 100, as Calculon computes them ({@code 100·(1 − a/p)} in
 * absolute value). Summaries give LSDT's mean and maximum over a quantity's rows beside Calculon's published mean and
 * maximum ({@link KorthikantiPublished#CALCULON_ERRORS}). For Figure 7, Calculon's 6.69 % mean is over 20 cells
 * including the four exact baselines; over the 16 rows here its errors average 8.36 %.
 */
public final class KorthikantiSuite {
    private KorthikantiSuite() {}

    /** Suite name. */
    public static final String NAME = "korthikanti";
    /** Quantity of Table 5. */
    public static final String ITERATION_TIME = "iteration time";
    /** Quantity of Figure 1: parameters + gradients + optimizer state per GPU. */
    public static final String PAR_OPT_MEMORY = "par_opt memory";
    /** Quantity of Figure 1: activations per GPU. */
    public static final String ACTIVATION_MEMORY = "activation memory";
    /** Quantity of Figure 7: activation memory relative to no recomputation. */
    public static final String ACTIVATION_FRACTION = "activation fraction";
    /** The catalog device of every run. */
    public static final String DEVICE = "a100-sxm-80gb";
    /** Calculon's system for Table 5. */
    public static final String SYSTEM_TABLE5 = "a100_80g";
    /** Calculon's system for Figures 1 and 7. */
    public static final String SYSTEM_FIGURES = "a100_80e";

    private static final double GIB = 0x1p30;

    /**
     * One run of the suite: a model and an execution file.
     *
     * @param figure {@code tab5}, {@code fig1} or {@code fig7}
     * @param model Calculon model name, e.g. {@code megatron-22B}
     * @param mode the execution's mode, e.g. {@code seqsel}
     */
    public record Run(String figure, String model, String mode) {
        /**
         * The run's id in the report.
         *
         * @return the row id, e.g. {@code megatron-22B seqsel}
         */
        public String id() {
            return model + " " + mode;
        }

        /**
         * The model shape of the run, from its Calculon application file.
         *
         * @return the architecture of the run's model
         */
        public Model.Architecture architecture() {
            return CalculonApplication.resource(model).toArchitecture();
        }

        /**
         * The run's Calculon execution (parallel layout).
         *
         * @return the run's execution file
         */
        public CalculonExecution execution() {
            return CalculonExecution.resource(figure, model, mode);
        }

        /**
         * The run's parallel design in LSDT's terms.
         *
         * @return the run's design, validated against its architecture
         * @throws LsdtException when the execution does not map or is invalid for the architecture
         */
        public ParallelConfig config() {
            Model.Architecture a = architecture();
            try {
                return execution().toParallelConfig().validate(a.layers(), a.heads(), a.kvHeads(), 0);
            } catch (LsdtException e) {
                throw e.inContext(NAME + " " + figure + " " + id());
            }
        }
    }

    /**
     * The runs of the Korthikanti et al. 2022 suite (arXiv:2205.05198).
     *
     * @return the 8 runs of Table 5, 8 of Figure 1 and 20 of Figure 7 (baselines included), in report order
     */
    public static List<Run> runs() {
        List<Run> runs = new ArrayList<>();
        KorthikantiPublished.TABLE5.forEach(t -> runs.add(new Run("tab5", t.model(), t.mode())));
        KorthikantiPublished.FIGURE1.forEach(m -> runs.add(new Run("fig1", m.model(), m.mode())));
        KorthikantiPublished.FIGURE7.forEach(f -> runs.add(new Run("fig7", f.model(), f.mode())));
        return runs;
    }

    /**
     * Runs the suite on the built-in catalog.
     *
     * @param model the step model under test
     * @return 40 rows (8 iteration times, 8 + 8 memories, 16 activation fractions) and 4 summaries
     */
    public static SuiteReport report(StepModel model) {
        return report(model, Catalog.builtIn());
    }

    /**
     * Runs the suite.
     *
     * @param model the step model under test
     * @param catalog the catalog holding {@value #DEVICE}
     * @return 40 rows (8 iteration times, 8 + 8 memories, 16 activation fractions) and 4 summaries
     */
    public static SuiteReport report(StepModel model, Catalog catalog) {
        Objects.requireNonNull(model, "model");
        List<SuiteReport.Row> rows = new ArrayList<>();
        for (KorthikantiPublished.IterationTime t : KorthikantiPublished.TABLE5) {
            Prediction p = predict(model, catalog, new Run("tab5", t.model(), t.mode()));
            rows.add(row(t.model() + " " + t.mode(), ITERATION_TIME, "s", t.seconds(), p.stepTime()));
        }
        List<SuiteReport.Row> act = new ArrayList<>();
        for (KorthikantiPublished.Memory m : KorthikantiPublished.FIGURE1) {
            Prediction p = predict(model, catalog, new Run("fig1", m.model(), m.mode()));
            String id = m.model() + " " + m.mode();
            rows.add(row(id, PAR_OPT_MEMORY, "GiB", m.parOptGiB(), p.memory().parametersAndOptimizer() / GIB));
            act.add(row(id, ACTIVATION_MEMORY, "GiB", m.actGiB(), p.memory().activations() / GIB));
        }
        rows.addAll(act);
        for (String name : KorthikantiPublished.MODELS) {
            double none = Double.NaN;
            for (KorthikantiPublished.ActivationFraction f : KorthikantiPublished.FIGURE7) {
                if (!f.model().equals(name)) {
                    continue;
                }
                double a = predict(model, catalog, new Run("fig7", f.model(), f.mode())).memory().activations();
                if (f.mode().equals("none")) {
                    none = a;
                } else {
                    rows.add(row(f.model() + " " + f.mode(), ACTIVATION_FRACTION, "%", f.percent(),
                            a / none * 100));
                }
            }
        }
        List<SuiteReport.Summary> summaries = new ArrayList<>();
        for (KorthikantiPublished.ReferenceError ref : KorthikantiPublished.CALCULON_ERRORS) {
            double sum = 0;
            double max = 0;
            int n = 0;
            for (SuiteReport.Row r : rows) {
                if (r.quantity().equals(ref.quantity())) {
                    sum += r.absPctError();
                    // NaN propagates into the maximum too, so a broken row cannot hide
                    max = Double.isNaN(r.absPctError()) ? Double.NaN : Math.max(max, r.absPctError());
                    n++;
                }
            }
            summaries.add(new SuiteReport.Summary(ref.quantity(), sum / n, n == 0 ? Double.NaN : max,
                    KorthikantiPublished.CALCULON, ref.meanAbsPctError(), ref.maxAbsPctError()));
        }
        return new SuiteReport(NAME, KorthikantiPublished.SOURCE, List.copyOf(rows), List.copyOf(summaries));
    }

    /**
     * The absolute percentage error of a prediction.
     *
     * @param measured the published value
     * @param predicted the prediction
     * @return |predicted − measured| / measured × 100 (%)
     */
    static double absPctError(double measured, double predicted) {
        return Math.abs(predicted - measured) / Math.abs(measured) * 100;
    }

    private static SuiteReport.Row row(String id, String quantity, String unit, double measured, double predicted) {
        return new SuiteReport.Row(id, quantity, unit, measured, predicted, absPctError(measured, predicted));
    }

    private static Prediction predict(StepModel model, Catalog catalog, Run run) {
        Model.Architecture arch = run.architecture();
        ParallelConfig config = run.config();
        Hardware hw = Hardware.of(catalog, DEVICE, config.numerics());
        try {
            return Objects.requireNonNull(model.predict(arch, hw, config), "prediction of " + run.id());
        } catch (LsdtException e) {
            throw e.inContext(NAME + " " + run.figure() + " " + run.id());
        }
    }
}
