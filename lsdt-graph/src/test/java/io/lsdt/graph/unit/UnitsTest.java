package io.lsdt.graph.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UnitsTest {
    private static final Dimension TIME = Dimension.of(BaseDimension.TIME);
    private static final Dimension BYTES = Dimension.of(BaseDimension.INFORMATION);
    private static final Dimension FLOP = Dimension.of(BaseDimension.FLOP);
    private static final Dimension LENGTH = Dimension.of(BaseDimension.LENGTH);
    private static final Dimension MASS = Dimension.of(BaseDimension.MASS);
    private static final Dimension ENERGY = MASS.multiply(LENGTH.pow(2)).divide(TIME.pow(2));

    @Test
    void decimalAndBinaryBytesDiffer() {
        // SI: 1 GB = 10^9 B; IEC: 1 GiB = 2^30 B = 1,073,741,824 B
        assertThat(Units.parse("GB").scale()).isEqualTo(1e9);
        assertThat(Units.parse("GiB").scale()).isEqualTo(1_073_741_824.0);
        assertThat(Units.parse("kB").scale()).isEqualTo(1e3);
        assertThat(Units.parse("KiB").scale()).isEqualTo(1024.0);
        // 2^40 = 1,099,511,627,776
        assertThat(Units.parse("TiB").scale()).isEqualTo(1_099_511_627_776.0);
        assertThat(Units.parse("GB").dimension()).isEqualTo(BYTES);
        assertThat(Units.parse("GiB").isCompatible(Units.parse("GB"))).isTrue();
    }

    @Test
    void bandwidthsInBytesAndBits() {
        // 1 TB/s = 1e12 B/s
        assertThat(Units.parse("TB/s").scale()).isEqualTo(1e12);
        assertThat(Units.parse("TB/s").dimension()).isEqualTo(BYTES.divide(TIME));
        // lower-case b is a bit: 1 Gb/s = 1e9 / 8 B/s = 1.25e8 B/s
        assertThat(Units.parse("Gb/s").scale()).isEqualTo(1.25e8);
        // a 400 Gb/s NIC (e.g. ConnectX-7) moves 400e9 / 8 = 5e10 B/s
        assertThat(Quantity.parse("400 Gb/s").si()).isEqualTo(5e10);
        assertThat(Units.parse("Gb/s").isCompatible(Units.parse("GB/s"))).isTrue();
    }

    @Test
    void computeThroughput() {
        // 1 PFLOP/s = 1e15 FLOP/s; H100 SXM dense BF16 peak 989.4 TFLOP/s = 9.894e14 FLOP/s
        assertThat(Units.parse("PFLOP/s").scale()).isEqualTo(1e15);
        assertThat(Units.parse("PFLOP/s").dimension()).isEqualTo(FLOP.divide(TIME));
        assertThat(Quantity.parse("989.4 TFLOP/s").si()).isCloseTo(9.894e14, withinPercentage(1e-12));
    }

    @Test
    void powerAndEnergy() {
        assertThat(Units.parse("W").scale()).isEqualTo(1.0);
        assertThat(Units.parse("kW").scale()).isEqualTo(1e3);
        assertThat(Units.parse("W").dimension()).isEqualTo(ENERGY.divide(TIME));
        // 1 kWh = 1000 W * 3600 s = 3.6e6 J
        assertThat(Units.parse("kWh").scale()).isEqualTo(3.6e6);
        assertThat(Units.parse("kWh").dimension()).isEqualTo(ENERGY);
        assertThat(Units.parse("J").isCompatible(Units.parse("kWh"))).isTrue();
        // W·h written as a product is the same energy
        assertThat(Units.parse("kW·h").scale()).isEqualTo(3.6e6);
        assertThat(Units.parse("W").isCompatible(Units.parse("J"))).isFalse();
    }

    @Test
    void pricesIntensitiesAndWater() {
        Dimension usd = Dimension.of(BaseDimension.CURRENCY);
        Dimension co2 = Dimension.of(BaseDimension.CO2_MASS);
        // USD per kWh: 1 / 3.6e6 USD/J
        assertThat(Units.parse("USD/kWh").scale()).isEqualTo(1 / 3.6e6);
        assertThat(Units.parse("USD/kWh").dimension()).isEqualTo(usd.divide(ENERGY));
        // 1 g CO2 = 1e-3 kg CO2, per 3.6e6 J
        assertThat(Units.parse("gCO2/kWh").scale()).isEqualTo(1e-3 / 3.6e6);
        assertThat(Units.parse("gCO2/kWh").dimension()).isEqualTo(co2.divide(ENERGY));
        // CO2 mass is not ordinary mass
        assertThat(Units.parse("gCO2").isCompatible(Units.parse("g"))).isFalse();
        // 1 L = 1e-3 m^3; water use per energy
        assertThat(Units.parse("L/kWh").scale()).isEqualTo(1e-3 / 3.6e6);
        assertThat(Units.parse("L/kWh").dimension()).isEqualTo(LENGTH.pow(3).divide(ENERGY));
        assertThat(Units.parse("L").isCompatible(Units.parse("m^3"))).isTrue();
    }

    @Test
    void tokensAndTimeUnits() {
        assertThat(Units.parse("token/s").dimension())
                .isEqualTo(Dimension.of(BaseDimension.TOKEN).divide(TIME));
        // 1 Mtoken/s = 1e6 token/s
        assertThat(Units.parse("Mtoken/s").scale()).isEqualTo(1e6);
        assertThat(Units.parse("min").scale()).isEqualTo(60.0);
        assertThat(Units.parse("h").scale()).isEqualTo(3600.0);
        assertThat(Units.parse("d").scale()).isEqualTo(86_400.0);
        // Julian year: 365.25 * 86400 = 31,557,600 s
        assertThat(Units.parse("yr").scale()).isEqualTo(31_557_600.0);
        // ms is milli-second, not metre·second
        assertThat(Units.parse("ms").scale()).isEqualTo(1e-3);
        assertThat(Units.parse("ms").dimension()).isEqualTo(TIME);
        assertThat(Units.parse("min").dimension()).isEqualTo(TIME);
    }

    @Test
    void compoundDenominator() {
        Unit u = Units.parse("FLOP/(param·token)");
        assertThat(u.scale()).isEqualTo(1.0);
        assertThat(u.dimension()).isEqualTo(FLOP.divide(Dimension.of(BaseDimension.PARAMETER))
                .divide(Dimension.of(BaseDimension.TOKEN)));
        // a/b/c means a/(b·c)
        assertThat(Units.parse("FLOP/param/token")).satisfies(v -> {
            assertThat(v.dimension()).isEqualTo(u.dimension());
            assertThat(v.scale()).isEqualTo(1.0);
        });
        // '*' and '.' are products too
        assertThat(Units.parse("FLOP/(param*token)").dimension()).isEqualTo(u.dimension());
        assertThat(Units.parse("FLOP/(param.token)").dimension()).isEqualTo(u.dimension());
        // the symbol is kept as written
        assertThat(u.symbol()).isEqualTo("FLOP/(param·token)");
    }

    @Test
    void powersAndSuperscripts() {
        // km^2 = (1e3 m)^2 = 1e6 m^2
        assertThat(Units.parse("km^2").scale()).isEqualTo(1e6);
        assertThat(Units.parse("km²").dimension()).isEqualTo(LENGTH.pow(2));
        assertThat(Units.parse("m³").dimension()).isEqualTo(LENGTH.pow(3));
        // s^-1 is a frequency like Hz
        assertThat(Units.parse("s^-1").dimension()).isEqualTo(Units.parse("Hz").dimension());
    }

    @Test
    void dimensionlessUnits() {
        assertThat(Units.parse("")).isSameAs(Unit.ONE);
        assertThat(Units.parse("1")).isSameAs(Unit.ONE);
        assertThat(Units.parse("%").scale()).isEqualTo(0.01);
        assertThat(Units.parse("devices").dimension().isNone()).isTrue();
        assertThat(Units.parse("GPU").dimension().isNone()).isTrue();
    }

    @Test
    void ambiguousUnitsAreRefused() {
        for (String text : List.of("KB", "FLOPs", "FLOPS", "Bps")) {
            LsdtException e = catchThrowableOfType(LsdtException.class, () -> Units.parse(text));
            assertThat(e).as(text).isNotNull();
            assertThat(e.problem()).isEqualTo(Problem.AMBIGUOUS_UNIT);
            assertThat(e.getMessage()).contains("'" + text + "'");
        }
        assertThatThrownBy(() -> Units.parse("KB")).hasMessageContaining("kB").hasMessageContaining("KiB");
        assertThatThrownBy(() -> Units.parse("FLOPs/s")).hasMessageContaining("FLOP/s");
    }

    @Test
    void unknownUnitHasSuggestion() {
        LsdtException e = catchThrowableOfType(LsdtException.class, () -> Units.parse("tokn/s"));
        assertThat(e.problem()).isEqualTo(Problem.UNKNOWN_UNIT);
        assertThat(e.isUserError()).isTrue();
        assertThat(e.getMessage()).startsWith("unknown unit 'tokn' in 'tokn/s'");
        assertThat(e.getMessage().lines().toList()).hasSize(2);
        assertThat(e.getMessage().lines().toList().get(1)).startsWith("Maybe you meant").contains("'token'");
    }

    @Test
    void prefixRulesAvoidSilentMistakes() {
        // bytes take no sub-multiples: "mB" is not a milli-byte
        assertThatThrownBy(() -> Units.parse("mB")).isInstanceOfSatisfying(LsdtException.class,
                e -> assertThat(e.problem()).isEqualTo(Problem.UNKNOWN_UNIT));
        // USD takes no prefix at all
        assertThatThrownBy(() -> Units.parse("kUSD")).isInstanceOf(LsdtException.class);
        // binary prefixes only on information-like counts
        assertThatThrownBy(() -> Units.parse("KiW")).isInstanceOf(LsdtException.class);
        // Kib is binary kibibit: 1024 / 8 = 128 B
        assertThat(Units.parse("Kib").scale()).isEqualTo(128.0);
    }

    @Test
    void malformedUnitText() {
        assertThatThrownBy(() -> Units.parse("B/")).isInstanceOfSatisfying(LsdtException.class,
                e -> assertThat(e.problem()).isEqualTo(Problem.MALFORMED_UNIT));
        assertThatThrownBy(() -> Units.parse("FLOP/(param·token")).isInstanceOfSatisfying(LsdtException.class,
                e -> assertThat(e.getMessage()).contains("missing ')'"));
        assertThatThrownBy(() -> Units.parse("m^x")).isInstanceOfSatisfying(LsdtException.class,
                e -> assertThat(e.problem()).isEqualTo(Problem.MALFORMED_UNIT));
    }

    /**
     * Property: for random prefixes on random atoms, the parsed value in base units is value × prefix factor × atom
     * scale, and converting back to the written unit gives the value again.
     */
    @Test
    void seededPrefixRoundTrip() {
        String[] siUp = {"", "k", "M", "G", "T", "P", "E"};
        String[] binary = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
        String[] siAll = {"", "k", "M", "G", "T", "m", "µ", "n", "p"};
        // atom, its scale to base units, which prefixes it takes (0 = SI multiples + binary, 1 = every SI prefix)
        Object[][] atoms = {
            {"B", 1.0, 0}, {"b", 0.125, 0}, {"FLOP", 1.0, 0}, {"token", 1.0, 0}, {"param", 1.0, 0},
            {"s", 1.0, 1}, {"W", 1.0, 1}, {"J", 1.0, 1}, {"Wh", 3600.0, 1}, {"m", 1.0, 1}, {"g", 1e-3, 1}
        };
        SplittableRandom rnd = new SplittableRandom(20261121L);
        for (int i = 0; i < 2_000; i++) {
            Object[] a = atoms[rnd.nextInt(atoms.length)];
            String atom = (String) a[0];
            double atomScale = (double) a[1];
            String prefix;
            if ((int) a[2] == 0) {
                prefix = rnd.nextBoolean() ? siUp[rnd.nextInt(siUp.length)] : binary[rnd.nextInt(binary.length)];
            } else {
                prefix = siAll[rnd.nextInt(siAll.length)];
            }
            double value = (rnd.nextDouble() * 2 - 1) * Math.pow(10, rnd.nextInt(-3, 7));
            String text = value + " " + prefix + atom;
            Quantity q = Quantity.parse(text);
            double expected = value * (Units.prefixFactor(prefix) * atomScale);
            assertThat(q.value()).as(text).isEqualTo(value);
            assertThat(q.si()).as(text).isEqualTo(expected);
            assertThat(q.unit().symbol()).isEqualTo(prefix + atom);
            // and back: si / scale is within one rounding of the value written
            double back = Quantity.ofSi(q.si(), q.unit()).value();
            assertThat(back).as(text).isCloseTo(value, within(
                    Math.abs(value) * 4e-16 + Double.MIN_VALUE));
        }
    }
}
