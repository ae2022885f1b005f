package io.lsdt.physics.validation.korthikanti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The published constants are exactly those of the README (lsdt/validation/korthikanti/README.md, copied from
 * shared/data/calculon/README.md) and of the paper.
 */
class KorthikantiPublishedTest {
    private static final String README = CalculonFiles.text("README.md");

    @Test
    void table5IsTheReadmeTable() {
        List<String[]> t = table(0);
        assertThat(t).hasSize(4);
        List<KorthikantiPublished.IterationTime> expected = new ArrayList<>();
        for (String[] r : t) {
            expected.add(new KorthikantiPublished.IterationTime(r[0], "full", Double.parseDouble(r[1])));
            expected.add(new KorthikantiPublished.IterationTime(r[0], "seqsel", Double.parseDouble(r[2])));
        }
        assertThat(KorthikantiPublished.TABLE5).isEqualTo(expected);
    }

    @Test
    void figure1IsTheReadmeTable() {
        List<String[]> t = table(1);
        assertThat(t).hasSize(4);
        List<KorthikantiPublished.Memory> expected = new ArrayList<>();
        for (String[] r : t) {
            expected.add(new KorthikantiPublished.Memory(r[0], "none", Double.parseDouble(r[1]),
                    Double.parseDouble(r[2])));
            expected.add(new KorthikantiPublished.Memory(r[0], "seqsel", Double.parseDouble(r[3]),
                    Double.parseDouble(r[4])));
        }
        assertThat(KorthikantiPublished.FIGURE1).isEqualTo(expected);
    }

    @Test
    void figure7IsTheReadmeTable() {
        List<String[]> t = table(2);
        assertThat(t).hasSize(4);
        String[] modes = {"none", "seq", "sel", "seqsel", "full"};
        List<KorthikantiPublished.ActivationFraction> expected = new ArrayList<>();
        for (String[] r : t) {
            for (int i = 0; i < modes.length; i++) {
                expected.add(new KorthikantiPublished.ActivationFraction(r[0], modes[i],
                        Double.parseDouble(r[i + 1])));
            }
        }
        assertThat(KorthikantiPublished.FIGURE7).isEqualTo(expected);
    }

    @Test
    void calculonErrorsAreTheReadmeSentences() {
        assertThat(KorthikantiPublished.CALCULON_ITERATION_TIME)
                .isEqualTo(ref(KorthikantiSuite.ITERATION_TIME, "error on these 8 values: average ([\\d.]+) %, maximum "
                        + "([\\d.]+) %", 8));
        assertThat(KorthikantiPublished.CALCULON_PAR_OPT)
                .isEqualTo(ref(KorthikantiSuite.PAR_OPT_MEMORY,
                        "params\\+optimizer average ([\\d.]+) % \\(max ([\\d.]+) %\\)", 8));
        assertThat(KorthikantiPublished.CALCULON_ACTIVATIONS)
                .isEqualTo(ref(KorthikantiSuite.ACTIVATION_MEMORY, "activations average ([\\d.]+) % \\(max ([\\d.]+) "
                        + "%\\)", 8));
        assertThat(KorthikantiPublished.CALCULON_ACTIVATION_FRACTION)
                .isEqualTo(ref(KorthikantiSuite.ACTIVATION_FRACTION, "error on Figure 7: average ([\\d.]+) %, maximum "
                        + "([\\d.]+) %", 20));
    }

    @Test
    void literalValuesFromThePapers() {
        // Korthikanti et al. 2022 (arXiv:2205.05198) Table 5, 1T: 94.42 s full recompute, 71.49 s seq + selective
        assertThat(KorthikantiPublished.TABLE5.get(6)).isEqualTo(
                new KorthikantiPublished.IterationTime("megatron-1T", "full", 94.42));
        assertThat(KorthikantiPublished.TABLE5.get(7).seconds()).isEqualTo(71.49);
        // Figure 1, 22B: 45.5625 GiB parameters + optimizer, 59.25 GiB activations without recomputation
        assertThat(KorthikantiPublished.FIGURE1.get(0)).isEqualTo(
                new KorthikantiPublished.Memory("megatron-22B", "none", 45.5625, 59.25));
        // Figure 7, 22B full recompute: 7.64 %
        assertThat(KorthikantiPublished.FIGURE7.get(4)).isEqualTo(
                new KorthikantiPublished.ActivationFraction("megatron-22B", "full", 7.64));
        // Isaev et al. SC'23 (Calculon), llm-validation at caa4b11: 3.65/8.87, 8.49/10.84, 2.08/8.74, 6.69/30.41 %
        assertThat(KorthikantiPublished.CALCULON_ERRORS)
                .extracting(KorthikantiPublished.ReferenceError::meanAbsPctError)
                .containsExactly(3.65, 8.49, 2.08, 6.69);
        assertThat(KorthikantiPublished.CALCULON_ERRORS)
                .extracting(KorthikantiPublished.ReferenceError::maxAbsPctError)
                .containsExactly(8.87, 10.84, 8.74, 30.41);
    }

    @Test
    void figure1IsThePapersEquations() {
        // the claim of the javadoc: par_opt = 18 B × 12·(L/p)·h²/t; act = s·b·h·L·(10 + 24/t + 5as/(ht)) or
        // s·b·h·L·34/t, × (1 + (p−1)/(p·v)) when interleaved — exactly, for every model
        for (KorthikantiPublished.Memory m : KorthikantiPublished.FIGURE1) {
            CalculonApplication a = CalculonApplication.resource(m.model());
            CalculonExecution x = CalculonExecution.resource("fig1", m.model(), m.mode());
            double h = a.hidden();
            double s = a.seqSize();
            double l = a.numBlocks();
            double t = x.tensorPar();
            double p = x.pipelinePar();
            double v = x.pipelineInterleaving();
            double b = x.microbatchSize();
            double parOpt = 18 * 12 * (l / p) * h * h / t;
            double perLayer = m.mode().equals("none") ? 10 + 24 / t + 5 * a.attnHeads() * s / (h * t) : 34 / t;
            double act = s * b * h * l * perLayer * (v > 1 ? 1 + (p - 1) / (p * v) : 1);
            assertThat(parOpt / 0x1p30).as("par_opt %s", m).isCloseTo(m.parOptGiB(), within(1e-9));
            assertThat(act / 0x1p30).as("act %s", m).isCloseTo(m.actGiB(), within(1e-9));
        }
    }

    private static KorthikantiPublished.ReferenceError ref(String quantity, String regex, int cells) {
        Matcher m = Pattern.compile(regex).matcher(README);
        assertThat(m.find()).as("README states /%s/", regex).isTrue();
        return new KorthikantiPublished.ReferenceError(quantity, Double.parseDouble(m.group(1)),
                Double.parseDouble(m.group(2)), cells);
    }

    /** @return the data rows of the n-th Markdown table of the README, cells trimmed */
    private static List<String[]> table(int n) {
        List<List<String[]>> tables = new ArrayList<>();
        List<String[]> current = null;
        for (String line : README.split("\n")) {
            if (line.startsWith("|")) {
                if (current == null) {
                    current = new ArrayList<>();
                    tables.add(current);
                    continue; // header
                }
                if (!line.startsWith("|---")) {
                    String[] cells = line.substring(1, line.lastIndexOf('|')).split("\\|");
                    for (int i = 0; i < cells.length; i++) {
                        cells[i] = cells[i].trim();
                    }
                    current.add(cells);
                }
            } else {
                current = null;
            }
        }
        assertThat(tables).hasSize(3);
        return tables.get(n);
    }
}
