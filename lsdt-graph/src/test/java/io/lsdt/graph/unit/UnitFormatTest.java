package io.lsdt.graph.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UnitFormatTest {
    private static String fmt(double si, String display) {
        return UnitFormat.format(si, Units.parse(display));
    }

    @Test
    void picksReadableSiPrefix() {
        // 2.6e10 B = 26e9 B
        assertThat(fmt(2.6e10, "B")).isEqualTo("26 GB");
        // 9.027777e16 FLOP/s = 90.27777e15 -> four significant digits
        assertThat(fmt(9.027777e16, "FLOP/s")).isEqualTo("90.28 PFLOP/s");
        // the display prefix is replaced, not stacked: 5e10 B/s in GB/s = 50 GB/s
        assertThat(fmt(5e10, "GB/s")).isEqualTo("50 GB/s");
        assertThat(fmt(2.6e12, "GB/s")).isEqualTo("2.6 TB/s");
        // 7000 W = 7 kW
        assertThat(fmt(7000, "W")).isEqualTo("7 kW");
        // 2.5e-3 W = 2.5 mW (W takes sub-multiples)
        assertThat(fmt(2.5e-3, "W")).isEqualTo("2.5 mW");
        // bytes take no sub-multiples: half a byte stays in B
        assertThat(fmt(0.5, "B")).isEqualTo("0.5 B");
        assertThat(fmt(0, "B")).isEqualTo("0 B");
    }

    @Test
    void formatsCompoundDisplayUnits() {
        // 1 kWh = 3.6e6 J
        assertThat(fmt(3.6e6, "kWh")).isEqualTo("1 kWh");
        // 400 gCO2/kWh = 0.4 kgCO2 / 3.6e6 J
        assertThat(fmt(0.4 / 3.6e6, "gCO2/kWh")).isEqualTo("400 gCO2/kWh");
        // 0.08 USD/kWh = 0.08 / 3.6e6 USD/J; USD takes no prefix
        assertThat(fmt(0.08 / 3.6e6, "USD/kWh")).isEqualTo("0.08 USD/kWh");
        // 400 Gb/s = 5e10 B/s shown in bits
        assertThat(fmt(5e10, "Gb/s")).isEqualTo("400 Gb/s");
        assertThat(fmt(6, "FLOP/(param·token)")).isEqualTo("6 FLOP/(param·token)");
    }

    @Test
    void formatsDurations() {
        assertThat(fmt(34.56, "s")).isEqualTo("34.56 s");
        // 30 d = 2,592,000 s
        assertThat(fmt(2_592_000, "s")).isEqualTo("30 d");
        // the display unit of a duration does not matter: 90 s in h is still 90 s
        assertThat(fmt(90, "h")).isEqualTo("90 s");
        // 120 s = 2 min; 7200 s = 2 h; 0.0123 s = 12.3 ms; 4.5e-6 s = 4.5 µs; 2e-8 s = 20 ns
        assertThat(fmt(120, "s")).isEqualTo("2 min");
        assertThat(fmt(7200, "s")).isEqualTo("2 h");
        assertThat(fmt(0.0123, "s")).isEqualTo("12.3 ms");
        assertThat(fmt(4.5e-6, "s")).isEqualTo("4.5 µs");
        assertThat(fmt(2e-8, "s")).isEqualTo("20 ns");
        // 2,464,881.31 s / 86400 = 28.5287 d
        assertThat(fmt(2_464_881.31, "d")).isEqualTo("28.53 d");
    }

    @Test
    void binaryDisplayUnitUsesTheBinaryLadder() {
        // 80 * 2^30 B
        assertThat(fmt(80.0 * (1L << 30), "GiB")).isEqualTo("80 GiB");
        // 512 * 2^20 B: below 1 GiB the ladder steps down to MiB
        assertThat(fmt(512.0 * (1L << 20), "GiB")).isEqualTo("512 MiB");
        // 1.5 * 2^40 B
        assertThat(fmt(1.5 * (1L << 40), "GiB")).isEqualTo("1.5 TiB");
        assertThat(fmt(100, "GiB")).isEqualTo("100 B");
        // 1e9 B = 0.9313 GiB = 953.7 MiB (1e9 / 2^20 = 953.67)
        assertThat(fmt(1e9, "GiB")).isEqualTo("953.7 MiB");
        // in decimal display the same bytes are 1 GB
        assertThat(fmt(1e9, "B")).isEqualTo("1 GB");
    }

    @Test
    void wholeCountsAreGrouped() {
        assertThat(fmt(16_384, "1")).isEqualTo("16,384");
        assertThat(fmt(16_384, "devices")).isEqualTo("16,384 devices");
        assertThat(fmt(1.0 / 3, "1")).isEqualTo("0.3333");
        // 0.4 shown in % is 40 %
        assertThat(fmt(0.4, "%")).isEqualTo("40 %");
        assertThat(UnitFormat.number(2_048_000)).isEqualTo("2,048,000");
    }

    @Test
    void significantDigits() {
        assertThat(UnitFormat.significant(90.27777)).isEqualTo("90.28");
        assertThat(UnitFormat.significant(0.000123456)).isEqualTo("0.0001235");
        // outside [1e-4, 1e6) scientific notation
        assertThat(UnitFormat.significant(12_345_678)).isEqualTo("1.235e7");
        assertThat(UnitFormat.significant(1.5e-5)).isEqualTo("1.5e-5");
        assertThat(UnitFormat.significant(-2.46e-6)).isEqualTo("-2.46e-6");
        assertThat(UnitFormat.significant(1e6)).isEqualTo("1e6");
        assertThat(UnitFormat.significant(3.15e23)).isEqualTo("3.15e23");
        assertThat(UnitFormat.significant(-2.5)).isEqualTo("-2.5");
        assertThat(UnitFormat.significant(0)).isEqualTo("0");
    }

    @Test
    void nonFiniteValuesNeverReachTheOutput() {
        // refused as a defect (exit 1): the value should have been refused by name where it was computed
        for (double v : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            LsdtException e = catchThrowableOfType(LsdtException.class, () -> fmt(v, "GB"));
            assertThat(e.problem()).isEqualTo(Problem.INTERNAL);
            assertThat(e.getMessage()).isEqualTo("internal error: a value that is not a finite number (" + v
                    + ", unit GB) reached the output; it should have been refused by name where it was computed");
            assertThat(catchThrowableOfType(LsdtException.class, () -> UnitFormat.significant(v)).problem())
                    .isEqualTo(Problem.INTERNAL);
        }
    }

    /**
     * Property: formatted text parses back to the value within the four-significant-digit rounding (relative error
     * at most 5e-4), for bytes (decimal and binary), throughput and durations.
     */
    @Test
    void seededFormatParsesBack() {
        String[] displays = {"B", "GiB", "FLOP/s", "s", "W", "B/s", "kWh"};
        SplittableRandom rnd = new SplittableRandom(42L);
        for (int i = 0; i < 2_000; i++) {
            String display = displays[rnd.nextInt(displays.length)];
            double si = (1 + rnd.nextDouble() * 9) * Math.pow(10, rnd.nextInt(-2, 17));
            if (display.equals("s")) {
                si = (1 + rnd.nextDouble() * 9) * Math.pow(10, rnd.nextInt(-8, 8));
            }
            String text = fmt(si, display);
            double back = Quantity.parse(text).si();
            assertThat(back).as("%s -> %s", si, text).isCloseTo(si, within(si * 5e-4));
        }
    }
}
