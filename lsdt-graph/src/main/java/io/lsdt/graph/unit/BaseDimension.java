package io.lsdt.graph.unit;

/**
 * The base dimensions of LSDT's unit system. Each has one SI-like base unit in which values are held internally.
 *
 * <p>Beyond the physical SI dimensions, information, floating-point operations, tokens, parameters, samples, currency
 * and CO2 mass are base dimensions of their own, so that an equation adding bytes to FLOPs, or dollars to kilograms of
 * CO2, fails its dimension check. Water volume is a volume (length³; the litre is 1e-3 m³).
 */
public enum BaseDimension {
    /** Time; base unit second (s). */
    TIME("s"),
    /** Length; base unit metre (m). */
    LENGTH("m"),
    /** Mass; base unit kilogram (kg). */
    MASS("kg"),
    /** Thermodynamic temperature (and temperature differences); base unit kelvin (K). */
    TEMPERATURE("K"),
    /** Information; base unit byte (B). One bit (b) is 1/8 B. */
    INFORMATION("B"),
    /** Arithmetic work; base unit one floating-point operation (FLOP). Integer operations (OP) count here too. */
    FLOP("FLOP"),
    /** Text tokens; base unit token. */
    TOKEN("token"),
    /** Model parameters; base unit param. */
    PARAMETER("param"),
    /** Training samples (sequences); base unit sample. */
    SAMPLE("sample"),
    /** Money; base unit US dollar (USD). */
    CURRENCY("USD"),
    /** Mass of CO2 (or CO2-equivalent) emitted; base unit kilogram of CO2 (kgCO2). */
    CO2_MASS("kgCO2");

    private final String baseSymbol;

    BaseDimension(String baseSymbol) {
        this.baseSymbol = baseSymbol;
    }

    /**
     * The base unit of this dimension, the unit every value of it is stored in.
     *
     * @return the symbol of the base unit, e.g. {@code "B"}
     */
    public String baseSymbol() {
        return baseSymbol;
    }
}
