package io.lsdt.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.lsdt.graph.error.LsdtException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A what-if at the physical floor (examples/h100-floor-whatif.yaml): the Llama 3.1 405B brief on an H100 SXM at the
 * 1.98 GHz of the H100 whitepaper's FP32/FP64 figures, with six HBM3 stacks instead of five, against the same brief
 * on the catalog H100.
 */
class FloorWhatIfTest {
    private static final Lsdt LSDT = Lsdt.builtIn();

    @Test
    void aFasterClockAndASixthStackMoveThePlan() {
        Plan base = LSDT.plan(PlanRequest.of(Path.of("../examples/llama3.1-405b.yaml")));
        Plan what = LSDT.plan(PlanRequest.of(Path.of("../examples/h100-floor-whatif.yaml")));
        assertThat(base.floor()).isNull();
        assertThat(what.floor()).isNotNull();
        // datasheet 989.4 TFLOP/s x 1.98 / 1.83 = 1070.5 TFLOP/s (132 SMs x 4096 FLOP x 1.98 GHz = 1070.5 TFLOP/s)
        assertThat(what.hardware().peakFlops()).isCloseTo(1070.5e12, within(0.1e12));
        assertThat(what.hardware().peakFlops() / base.hardware().peakFlops()).isCloseTo(1.98 / 1.83, within(1e-12));
        // six stacks of five: bandwidth 3.35 -> 4.02 TB/s, memory x 1.2
        assertThat(what.hardware().memoryBandwidth()).isCloseTo(4.02e12, within(0.001e12));
        assertThat(what.hardware().memoryBytes() / base.hardware().memoryBytes()).isCloseTo(1.2, within(1e-12));
        assertThat(what.hardware().scaleUpBandwidth()).isEqualTo(base.hardware().scaleUpBandwidth());
        // the plan follows: the best step is shorter, by less than the 8.2 % clock gain (communication does not
        // speed up), and the time to train with it
        double s0 = base.chosen().prediction().stepTime();
        double s1 = what.chosen().prediction().stepTime();
        assertThat(s1).isLessThan(s0);
        assertThat(s0 / s1).isBetween(1.02, 1.082);
        assertThat(what.chosen().timeToTrain()).isLessThan(base.chosen().timeToTrain());
    }

    @Test
    void aFloorSectionNamingADerivedFigureIsRefused(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String yaml = Files.readString(Path.of("../examples/h100-floor-whatif.yaml"))
                .replace("chip.clock: 1.98 GHz", "chip.peak: 1 PFLOP/s");
        Path f = dir.resolve("b.yaml");
        Files.writeString(f, yaml);
        assertThatThrownBy(() -> LSDT.plan(PlanRequest.of(f))).isInstanceOf(LsdtException.class)
                .hasMessageContaining("chip.peak").hasMessageContaining("chip.clock");
    }
}
