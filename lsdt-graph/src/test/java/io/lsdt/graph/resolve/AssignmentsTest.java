package io.lsdt.graph.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.lsdt.graph.GraphFixtures;
import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.registry.Registry;
import io.lsdt.graph.unit.Quantity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AssignmentsTest {
    private static final Registry TRAINING = GraphFixtures.training();

    @Test
    void plainNumberIsInTheVariablesDisplayUnit() {
        Assignments a = new Assignments(TRAINING)
                // peak is displayed in TFLOP/s: 312 -> 3.12e14 FLOP/s
                .parse("fund.peak=312")
                // T_max is displayed in d: 30 -> 2,592,000 s
                .parse("fund.T_max=30")
                // mfu is a bare number
                .parse("fund.mfu=0.4");
        assertThat(a.values()).containsExactly(Map.entry("fund.peak", 3.12e14), Map.entry("fund.T_max", 2_592_000.0),
                Map.entry("fund.mfu", 0.4));
    }

    @Test
    void explicitUnitsAndShortNames() {
        Assignments a = new Assignments(TRAINING)
                // 0.9894 PFLOP/s = 9.894e14 FLOP/s (H100 SXM dense BF16)
                .parse("peak = 0.9894 PFLOP/s")
                // 720 h = 30 d = 2,592,000 s
                .parse("T_max=720 h")
                // 40 % = 0.4
                .parse("mfu=40 %")
                .parse("N=16_384");
        assertThat(a.values().get("fund.peak")).isCloseTo(9.894e14, withinPercentage(1e-12));
        assertThat(a.values().get("fund.T_max")).isEqualTo(2_592_000.0);
        assertThat(a.values().get("fund.mfu")).isCloseTo(0.4, withinPercentage(1e-12));
        assertThat(a.values().get("fund.N")).isEqualTo(16_384.0);
    }

    @Test
    void setWithQuantityAndSi() {
        Assignments a = new Assignments(TRAINING).set("fund.Tok", Quantity.parse("15.6e12 token"))
                .setSi("fund.P", 405e9);
        assertThat(a.values()).containsEntry("fund.Tok", 15.6e12).containsEntry("fund.P", 405e9);
        // the values feed the resolver: F = 6 * 405e9 * 15.6e12 = 3.7908e25 FLOP (Llama 3.1 405B reports 3.8e25)
        Resolution r = new Resolver(TRAINING).resolve(a.values(), Map.of(), List.of("fund.F"));
        assertThat(r.value("fund.F")).isCloseTo(3.7908e25, withinPercentage(1e-10));
    }

    @Test
    void unitOfTheWrongDimensionIsRejectedNamingTheVariable() {
        LsdtException e = catchThrowableOfType(LsdtException.class,
                () -> new Assignments(TRAINING).parse("fund.peak=312 TB/s"));
        assertThat(e.problem()).isEqualTo(Problem.DIMENSION_MISMATCH);
        assertThat(e.getMessage()).isEqualTo("fund.peak: dimension mismatch, the value 312 TB/s is B/s but the "
                + "variable (TFLOP/s) is FLOP/s");
        LsdtException days = catchThrowableOfType(LsdtException.class,
                () -> new Assignments(TRAINING).set("fund.T_max", Quantity.parse("30 GB")));
        assertThat(days.getMessage()).startsWith("fund.T_max: dimension mismatch");
    }

    @Test
    void outOfRangeValueIsRejected() {
        // mfu is a fraction in (0, 1]
        LsdtException e = catchThrowableOfType(LsdtException.class,
                () -> new Assignments(TRAINING).parse("fund.mfu=1.5"));
        assertThat(e.problem()).isEqualTo(Problem.INVALID_VALUE);
        assertThat(e.getMessage()).isEqualTo("fund.mfu = 1.5: expected a number in (0, 1] (1)");
        // at least one device
        assertThat(catchThrowableOfType(LsdtException.class, () -> new Assignments(TRAINING).setSi("fund.N", 0.5))
                .getMessage()).isEqualTo("fund.N = 0.5 devices: expected a finite number ≥ 1 (devices)");
        // parameters are positive; 0 is out
        assertThat(catchThrowableOfType(LsdtException.class, () -> new Assignments(TRAINING).setSi("fund.P", 0))
                .problem()).isEqualTo(Problem.INVALID_VALUE);
        // NaN and infinity are never in range
        assertThat(catchThrowableOfType(LsdtException.class,
                () -> new Assignments(TRAINING).setSi("fund.P", Double.POSITIVE_INFINITY))).isNotNull();
        // the boundary of a closed interval is allowed
        assertThat(new Assignments(TRAINING).setSi("fund.mfu", 1.0).values()).containsEntry("fund.mfu", 1.0);
    }

    @Test
    void malformedOrUnknown() {
        LsdtException noEquals = catchThrowableOfType(LsdtException.class,
                () -> new Assignments(TRAINING).parse("fund.P 175e9"));
        assertThat(noEquals.problem()).isEqualTo(Problem.INVALID_VALUE);
        assertThat(noEquals.getMessage()).contains("NAME=VALUE[ UNIT]");
        LsdtException unknown = catchThrowableOfType(LsdtException.class,
                () -> new Assignments(TRAINING).parse("fund.Pp=1"));
        assertThat(unknown.problem()).isEqualTo(Problem.UNKNOWN_VARIABLE);
        assertThat(unknown.getMessage()).contains("Maybe you meant").contains("fund.P");
    }
}
