package io.lsdt.physics.validation;

import static io.lsdt.physics.validation.Fixtures.devRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lsdt.physics.Physics;
import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.design.Calibration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalibratorTest {
    /** Six development rows of three sources (small, so that a fit takes little). */
    static final List<RunRow> SIX = List.of(devRun("megatron-sc21-1.7B"), devRun("megatron-sc21-3.6B"),
            devRun("korthikanti-22B-sp-selective"), devRun("korthikanti-175B-sp-selective"),
            devRun("dgxc-Llama3.1-8B-BF16-8"), devRun("dgxc-Llama3.1-70B-BF16-64"));

    @Test
    void aBudgetThatRunsOutStopsAtTheBestPointEvaluated() {
        Calibrator.Fit f = Calibrator.fit(SIX, Calibration.FIRST_PRINCIPLES, Catalog.builtIn(), Physics.registry(), 12);
        assertThat(f.evaluations()).isEqualTo(12);
        assertThat(f.converged()).isFalse();
        assertThat(f.rows()).isEqualTo(6);
        // the start is one of the points evaluated, so the best one is no worse
        assertThat(f.objectiveAfter()).isLessThanOrEqualTo(f.objectiveBefore());
        assertThat(f.start()).isEqualTo(Calibration.FIRST_PRINCIPLES);
    }

    @Test
    void theDefaultBudgetIsFourThousandAndChangesNothingElse() {
        assertThat(Calibrator.MAX_EVALUATIONS).isEqualTo(4000);
        Calibrator.Fit byDefault = Calibrator.fit(SIX, Calibration.FIRST_PRINCIPLES, Catalog.builtIn(),
                Physics.registry());
        Calibrator.Fit explicit = Calibrator.fit(SIX, Calibration.FIRST_PRINCIPLES, Catalog.builtIn(),
                Physics.registry(), 4000);
        assertThat(byDefault.converged()).isTrue();
        assertThat(byDefault.evaluations()).isLessThan(4000);
        assertThat(explicit).isEqualTo(byDefault);
        assertThat(byDefault.objectiveAfter()).isLessThan(byDefault.objectiveBefore());
    }

    @Test
    void aBudgetBelowOneIsRefused() {
        assertThatThrownBy(() -> Calibrator.fit(SIX, Calibration.FIRST_PRINCIPLES, Catalog.builtIn(),
                Physics.registry(), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxEvaluations 0 < 1");
    }
}
