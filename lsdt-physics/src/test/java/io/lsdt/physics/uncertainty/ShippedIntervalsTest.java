package io.lsdt.physics.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The shipped residuals table: it loads through the strict reader — which recomputes every regime and every best MFU
 * from its runs and refuses a mismatch — and says where it came from.
 */
class ShippedIntervalsTest {
    private static final Intervals SHIPPED = Intervals.shipped();

    @Test
    void loadsAndIsItsOwnRecomputation() {
        assertThat(SHIPPED.minRows()).isEqualTo(Intervals.MIN_ROWS);
        Intervals again = Intervals.build(SHIPPED.runs(), SHIPPED.minRows(), SHIPPED.provenance());
        assertThat(again.regimes()).isEqualTo(SHIPPED.regimes());
        assertThat(again.best()).isEqualTo(SHIPPED.best());
    }

    @Test
    void namesTheDevelopmentFilesAndTheCommandThatRegeneratesIt() {
        assertThat(SHIPPED.provenance().inputs()).extracting(Intervals.Input::file)
                .containsExactly("dev_runs.csv", "dev_runs_wave2.csv");
        int predicted = SHIPPED.provenance().inputs().stream().mapToInt(Intervals.Input::predicted).sum();
        assertThat(SHIPPED.runs()).hasSize(predicted);
        assertThat(SHIPPED.regimes().get(Intervals.ALL).rows()).isEqualTo(predicted);
        assertThat(SHIPPED.provenance().command()).isEqualTo("./lsdt validate --runs "
                + "data/validation/dev_runs.csv --runs data/validation/dev_runs_wave2.csv "
                + "--write-intervals lsdt-physics/src/main/resources/lsdt/validation/residuals.yaml");
        assertThat(SHIPPED.provenance().generated()).matches("\\d{4}-\\d{2}-\\d{2}");
    }

    @Test
    void runIdsAreUniqueAndEveryRegimeKeyParses() {
        Set<String> ids = SHIPPED.runs().stream().map(ValidatedRun::runId).collect(Collectors.toSet());
        assertThat(ids).hasSize(SHIPPED.runs().size());
        for (String key : SHIPPED.regimes().keySet()) {
            if (key.contains("/")) {
                assertThat(Regime.parse(key).key()).isEqualTo(key);
            }
        }
    }
}
