package io.lsdt.physics.validation.korthikanti;

import static org.assertj.core.api.Assertions.assertThat;

import io.lsdt.physics.design.AnalyticalStepModel;
import io.lsdt.physics.validation.SuiteReport;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The suite on LSDT's own analytical step model (integration check). It asserts only that every row is produced and
 * finite — fidelity targets belong to the model's author — and prints the rows and summaries to stdout.
 */
class KorthikantiSuiteAnalyticalTest {
    @Test
    void everyRowIsProducedAndFinite() {
        SuiteReport r = KorthikantiSuite.report(io.lsdt.physics.Physics.stepModel());
        System.out.println(text(r));
        assertThat(r.rows()).hasSize(40);
        assertThat(r.rows()).allSatisfy(row -> {
            assertThat(row.predicted()).as(row.id() + " " + row.quantity()).isFinite().isPositive();
            assertThat(row.absPctError()).as(row.id() + " " + row.quantity()).isFinite();
        });
        assertThat(r.summaries()).hasSize(4).allSatisfy(s -> {
            assertThat(s.meanAbsPctError()).as(s.quantity()).isFinite();
            assertThat(s.maxAbsPctError()).as(s.quantity()).isFinite();
        });
    }

    static String text(SuiteReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s — %s%n", r.name(), r.source()));
        String quantity = "";
        for (SuiteReport.Row row : r.rows()) {
            if (!row.quantity().equals(quantity)) {
                quantity = row.quantity();
                sb.append(String.format(Locale.ROOT, "%n%-22s %12s %12s %9s%n", quantity + " (" + row.unit() + ")",
                        "published", "LSDT", "|err| %"));
            }
            sb.append(String.format(Locale.ROOT, "%-22s %12.4f %12.4f %9.2f%n", row.id(), row.measured(),
                    row.predicted(), row.absPctError()));
        }
        sb.append(String.format(Locale.ROOT, "%n%-20s %10s %10s %14s %14s%n", "quantity", "LSDT mean", "LSDT max",
                "Calculon mean", "Calculon max"));
        for (SuiteReport.Summary s : r.summaries()) {
            sb.append(String.format(Locale.ROOT, "%-20s %9.2f%% %9.2f%% %13.2f%% %13.2f%%%n", s.quantity(),
                    s.meanAbsPctError(), s.maxAbsPctError(), s.referenceMeanAbsPctError(),
                    s.referenceMaxAbsPctError()));
        }
        return sb.toString();
    }

    @Test
    void beatsCalculonOnEveryQuantity() {
        // issue 3: Table 5 average < 3.65 % and max < 8.87 % (Calculon's published errors, SC'23 artifact at
        // commit caa4b11), Figure 1 memory below Calculon's 8.49 % (par+opt) and 2.08 % (activations).
        SuiteReport r = KorthikantiSuite.report(io.lsdt.physics.Physics.stepModel());
        for (SuiteReport.Summary s : r.summaries()) {
            assertThat(s.meanAbsPctError()).as("%s mean", s.quantity()).isLessThan(s.referenceMeanAbsPctError());
            assertThat(s.maxAbsPctError()).as("%s max", s.quantity()).isLessThan(s.referenceMaxAbsPctError());
        }
        SuiteReport.Summary time = r.summaries().stream().filter(s -> s.quantity().equals("iteration time"))
                .findFirst().orElseThrow();
        // measured with the shipped calibration: 3.12 % mean, 7.53 % max (3.28 % / 7.98 % before issue 9 made every
        // collective an instance of the comm scope, with NCCL's per-step latencies and the DP latency term)
        assertThat(time.meanAbsPctError()).isCloseTo(3.12, org.assertj.core.api.Assertions.within(0.01));
        assertThat(time.maxAbsPctError()).isCloseTo(7.53, org.assertj.core.api.Assertions.within(0.01));
    }
}
