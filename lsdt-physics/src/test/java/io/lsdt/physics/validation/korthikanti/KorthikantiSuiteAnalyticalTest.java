package io.lsdt.physics.validation.korthikanti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lsdt.physics.validation.SuiteReport;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The suite on LSDT's own analytical step model, against the published figures (Korthikanti et al. 2022 Table 5,
 * Figure 1, Figure 7 as Calculon's artifact records them); prints the rows and summaries to stdout.
 */
class KorthikantiSuiteAnalyticalTest {
    private static final SuiteReport R = KorthikantiSuite.report(io.lsdt.physics.Physics.stepModel());

    private static SuiteReport.Row row(String id, String quantity) {
        return R.rows().stream().filter(r -> r.id().equals(id) && r.quantity().equals(quantity)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + id + " / " + quantity));
    }

    @Test
    void reproducesThePublishedActivationMemoryOfTheThreeLargestModels() {
        System.out.println(text(R));
        assertThat(R.rows()).hasSize(40);
        // Figure 1 (activation memory per GPU without recomputation, and with sequence parallelism + selective
        // recomputation): GPT-3 175B 66.84 / 12.35 GiB, Turing-NLG 530B 114.02 / 23.08 GiB, Megatron 1T 131.25 /
        // 26.56 GiB. Korthikanti's Eq. 2–4 are the design scope's activation equations, so LSDT gives them to the
        // figure's own rounding
        for (String id : new String[] {"gpt3-175B", "turing-530B", "megatron-1T"}) {
            for (String v : new String[] {"none", "seqsel"}) {
                SuiteReport.Row r = row(id + " " + v, "activation memory");
                assertThat(r.predicted()).as(r.id()).isCloseTo(r.measured(), within(1e-3));
            }
        }
        assertThat(row("gpt3-175B none", "activation memory").measured()).isEqualTo(66.84375);
    }

    @Test
    void iterationTimesStayWithinCalculonsWorstRowEachOfThem() {
        // Table 5 iteration times: every row within Calculon's own worst error (8.87 %), and the two GPT-3 rows
        // within 2 %: 18.13 s (full recomputation) and 13.75 s (sequence parallelism + selective)
        assertThat(R.rows()).filteredOn(r -> r.quantity().equals("iteration time"))
                .hasSize(8).allSatisfy(r -> assertThat(r.absPctError()).as(r.id()).isLessThan(8.87));
        assertThat(row("gpt3-175B full", "iteration time").predicted()).isCloseTo(18.13, within(18.13 * 0.02));
        assertThat(row("gpt3-175B seqsel", "iteration time").predicted()).isCloseTo(13.75, within(13.75 * 0.02));
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
        SuiteReport r = R;
        for (SuiteReport.Summary s : r.summaries()) {
            assertThat(s.meanAbsPctError()).as("%s mean", s.quantity()).isLessThan(s.referenceMeanAbsPctError());
            assertThat(s.maxAbsPctError()).as("%s max", s.quantity()).isLessThan(s.referenceMaxAbsPctError());
        }
        SuiteReport.Summary time = r.summaries().stream().filter(s -> s.quantity().equals("iteration time"))
                .findFirst().orElseThrow();
        // measured with the shipped calibration: 3.12 % mean, 7.53 % max (3.28 % / 7.98 % before issue 9 made every
        // collective an instance of the comm scope, with NCCL's per-step latencies and the DP latency term)
        assertThat(time.meanAbsPctError()).isCloseTo(3.12, within(0.01));
        assertThat(time.maxAbsPctError()).isCloseTo(7.53, within(0.01));
    }
}
