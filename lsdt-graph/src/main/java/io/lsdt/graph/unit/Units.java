package io.lsdt.graph.unit;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.error.Suggestions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The atomic units LSDT knows and a parser for unit text with SI and binary prefixes and compound forms.
 *
 * <p>Grammar: {@code unit := product ('/' product)*}, {@code product := factor (('·' | '*' | ' ') factor)*},
 * {@code factor := (atom | '(' unit ')') ('^' int | '²' | '³')?}, where an atom is a known symbol with an optional
 * prefix. {@code a/b/c} means {@code a/(b·c)}. Examples: {@code "TB/s"}, {@code "Gb/s"} (bits), {@code "GiB"},
 * {@code "PFLOP/s"}, {@code "USD/kWh"}, {@code "gCO2/kWh"}, {@code "L/kWh"}, {@code "FLOP/(param·token)"},
 * {@code "token/s"}, {@code "m^3/s"}.
 *
 * <p>Rules that avoid silent mistakes: {@code B} is a byte and {@code b} a bit; {@code GB} is 1e9 B and {@code GiB}
 * is 2^30 B; {@code KB} is refused as ambiguous (write {@code kB} or {@code KiB}); {@code FLOPs} is refused as
 * ambiguous (write {@code FLOP} for a count or {@code FLOP/s} for a rate); bytes, bits, FLOP, tokens, parameters and
 * samples take only multiplying prefixes (k and up). Temperatures in {@code degC} are differences (1 degC = 1 K).
 * A year ({@code yr}) is the Julian year of 365.25 d.
 */
public final class Units {
    private enum Prefixes {
        NONE,
        /** k, M, G, T, P, E, Z, Y and the binary Ki … Ei. */
        MULTIPLES,
        /** every SI prefix from y to Y; no binary prefixes. */
        ALL_SI
    }

    private record Atom(double scale, Dimension dimension, Prefixes prefixes) {}

    private static final Map<String, Atom> ATOMS = new LinkedHashMap<>();
    private static final Map<String, Double> SI_PREFIXES = new LinkedHashMap<>();
    private static final Map<String, Double> BINARY_PREFIXES = new LinkedHashMap<>();
    private static final Set<String> SMALL_PREFIXES = Set.of("y", "z", "a", "f", "p", "n", "u", "µ", "μ", "m", "c");
    private static final Map<String, String> AMBIGUOUS = Map.of(
            "KB", "write kB (1000 B) or KiB (1024 B)",
            "Kb", "write kb (1000 bit) or Kib (1024 bit)",
            "FLOPs", "write FLOP for a count of operations or FLOP/s for a rate",
            "FLOPS", "write FLOP for a count of operations or FLOP/s for a rate",
            "flops", "write FLOP for a count of operations or FLOP/s for a rate",
            "Bps", "write B/s (bytes per second) or b/s (bits per second)",
            "bps", "write b/s (bits per second) or B/s (bytes per second)");
    private static final Map<String, Unit> CACHE = new ConcurrentHashMap<>();

    static {
        String[] si = {"Y", "Z", "E", "P", "T", "G", "M", "k", "c", "m", "u", "µ", "μ", "n", "p", "f", "a", "z", "y"};
        double[] siScale = {1e24, 1e21, 1e18, 1e15, 1e12, 1e9, 1e6, 1e3, 1e-2, 1e-3, 1e-6, 1e-6, 1e-6, 1e-9, 1e-12,
            1e-15, 1e-18, 1e-21, 1e-24};
        for (int i = 0; i < si.length; i++) {
            SI_PREFIXES.put(si[i], siScale[i]);
        }
        String[] bin = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
        for (int i = 0; i < bin.length; i++) {
            BINARY_PREFIXES.put(bin[i], Math.pow(1024, i + 1));
        }

        Dimension time = Dimension.of(BaseDimension.TIME);
        Dimension length = Dimension.of(BaseDimension.LENGTH);
        Dimension mass = Dimension.of(BaseDimension.MASS);
        Dimension temp = Dimension.of(BaseDimension.TEMPERATURE);
        Dimension info = Dimension.of(BaseDimension.INFORMATION);
        Dimension flop = Dimension.of(BaseDimension.FLOP);
        Dimension token = Dimension.of(BaseDimension.TOKEN);
        Dimension param = Dimension.of(BaseDimension.PARAMETER);
        Dimension sample = Dimension.of(BaseDimension.SAMPLE);
        Dimension usd = Dimension.of(BaseDimension.CURRENCY);
        Dimension co2 = Dimension.of(BaseDimension.CO2_MASS);
        Dimension energy = mass.multiply(length.pow(2)).divide(time.pow(2));
        Dimension power = energy.divide(time);

        atom("s", 1, time, Prefixes.ALL_SI);
        atoms(60, time, "min", "minute", "minutes");
        atoms(3600, time, "h", "hr", "hour", "hours");
        atoms(86400, time, "d", "day", "days");
        atoms(7 * 86400, time, "wk", "week", "weeks");
        atoms(365.25 * 86400, time, "yr", "year", "years");
        atoms(365.25 * 86400 / 12, time, "month", "months"); // an average Gregorian month, 30.4375 d
        atom("m", 1, length, Prefixes.ALL_SI);
        atom("g", 1e-3, mass, Prefixes.ALL_SI);
        atom("t", 1e3, mass, Prefixes.NONE);
        atom("K", 1, temp, Prefixes.NONE);
        atom("degC", 1, temp, Prefixes.NONE);
        atom("°C", 1, temp, Prefixes.NONE);
        atom("B", 1, info, Prefixes.MULTIPLES);
        atom("byte", 1, info, Prefixes.NONE);
        atom("bytes", 1, info, Prefixes.NONE);
        atom("b", 0.125, info, Prefixes.MULTIPLES);
        atom("bit", 0.125, info, Prefixes.MULTIPLES);
        atom("bits", 0.125, info, Prefixes.NONE);
        atom("FLOP", 1, flop, Prefixes.MULTIPLES);
        atom("OP", 1, flop, Prefixes.MULTIPLES);
        atom("token", 1, token, Prefixes.MULTIPLES);
        atoms(1, token, "tokens", "tok");
        atom("param", 1, param, Prefixes.MULTIPLES);
        atoms(1, param, "params", "parameter", "parameters");
        atom("sample", 1, sample, Prefixes.MULTIPLES);
        atoms(1, sample, "samples", "seq", "sequence", "sequences");
        atom("USD", 1, usd, Prefixes.NONE);
        atom("gCO2", 1e-3, co2, Prefixes.ALL_SI);
        atom("gCO2e", 1e-3, co2, Prefixes.ALL_SI);
        atom("tCO2", 1e3, co2, Prefixes.NONE);
        atom("tCO2e", 1e3, co2, Prefixes.NONE);
        atom("L", 1e-3, length.pow(3), Prefixes.ALL_SI);
        atom("W", 1, power, Prefixes.ALL_SI);
        atom("J", 1, energy, Prefixes.ALL_SI);
        atom("Wh", 3600, energy, Prefixes.ALL_SI);
        atom("Hz", 1, Dimension.NONE.divide(time), Prefixes.ALL_SI);
        atom("1", 1, Dimension.NONE, Prefixes.NONE);
        atom("%", 0.01, Dimension.NONE, Prefixes.NONE);
        atoms(1, Dimension.NONE, "device", "devices", "GPU", "GPUs", "node", "nodes", "step", "steps", "ckpt",
                "checkpoint", "checkpoints", "layer", "layers", "count");
    }

    private Units() {}

    private static void atom(String symbol, double scale, Dimension d, Prefixes p) {
        ATOMS.put(symbol, new Atom(scale, d, p));
    }

    private static void atoms(double scale, Dimension d, String... symbols) {
        for (String s : symbols) {
            atom(s, scale, d, Prefixes.NONE);
        }
    }

    /**
     * The atomic units, to build units of (with SI and binary prefixes).
     *
     * @return the atomic unit symbols LSDT knows, in declaration order
     */
    public static List<String> atomSymbols() {
        return Collections.unmodifiableList(new ArrayList<>(ATOMS.keySet()));
    }

    /**
     * Parses unit text.
     *
     * @param text unit text such as {@code "TB/s"}, {@code "GiB"}, {@code "USD/kWh"}; blank or {@code "1"} is
     *     {@link Unit#ONE}
     * @return the unit
     * @throws LsdtException {@link Problem#UNKNOWN_UNIT}, {@link Problem#AMBIGUOUS_UNIT} or
     *     {@link Problem#MALFORMED_UNIT}, naming the text
     */
    public static Unit parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty() || t.equals("1")) {
            return Unit.ONE;
        }
        Unit cached = CACHE.get(t);
        if (cached != null) {
            return cached;
        }
        Parser p = new Parser(t);
        Unit u = p.unit();
        p.skipSpace();
        if (!p.atEnd()) {
            throw LsdtException.of(Problem.MALFORMED_UNIT, t, "unexpected '" + t.substring(p.pos) + "'");
        }
        Unit named = new Unit(t, u.scale(), u.dimension(), u.terms());
        CACHE.put(t, named);
        return named;
    }

    /**
     * Resolves one atom with an optional prefix, e.g. {@code "GiB"} → prefix {@code Gi}, atom {@code B}.
     *
     * @param symbol a unit symbol without exponent
     * @return the unit, or null when {@code symbol} is not a known prefixed atom
     */
    static Unit atomOrNull(String symbol) {
        Atom a = ATOMS.get(symbol);
        if (a != null) {
            return new Unit(symbol, a.scale(), a.dimension(), List.of(new Unit.Term("", symbol, 1)));
        }
        for (Map<String, Double> table : List.of(BINARY_PREFIXES, SI_PREFIXES)) {
            for (Map.Entry<String, Double> e : table.entrySet()) {
                String prefix = e.getKey();
                if (symbol.length() > prefix.length() && symbol.startsWith(prefix)) {
                    String rest = symbol.substring(prefix.length());
                    Atom base = ATOMS.get(rest);
                    if (base != null && allows(base.prefixes(), prefix, table == BINARY_PREFIXES)) {
                        return new Unit(symbol, e.getValue() * base.scale(), base.dimension(),
                                List.of(new Unit.Term(prefix, rest, 1)));
                    }
                }
            }
        }
        return null;
    }

    private static boolean allows(Prefixes allowed, String prefix, boolean binary) {
        return switch (allowed) {
            case NONE -> false;
            case MULTIPLES -> binary || !SMALL_PREFIXES.contains(prefix);
            case ALL_SI -> !binary;
        };
    }

    /**
     * The factor of an SI or binary prefix, e.g. 1e9 for {@code G} and 2^30 for {@code Gi}.
     *
     * @param prefix a prefix symbol or {@code ""}
     * @return its factor (1 for {@code ""})
     * @throws IllegalArgumentException for an unknown prefix
     */
    public static double prefixFactor(String prefix) {
        if (prefix.isEmpty()) {
            return 1.0;
        }
        Double f = SI_PREFIXES.get(prefix);
        if (f == null) {
            f = BINARY_PREFIXES.get(prefix);
        }
        if (f == null) {
            throw new IllegalArgumentException("unknown prefix " + prefix);
        }
        return f;
    }

    /**
     * Whether a unit takes multiplying prefixes (k, M, G, … or Ki, Mi, Gi, …).
     *
     * @param atom an atomic unit symbol
     * @param binary true for binary prefixes
     * @return true when {@code atom} accepts multiplying prefixes of that kind
     */
    static boolean acceptsMultiples(String atom, boolean binary) {
        Atom a = ATOMS.get(atom);
        return a != null && (binary ? a.prefixes() == Prefixes.MULTIPLES : a.prefixes() != Prefixes.NONE);
    }

    /**
     * Whether a unit takes sub-unit prefixes.
     *
     * @param atom an atomic unit symbol
     * @return true when {@code atom} accepts sub-unit prefixes such as m, µ, n
     */
    static boolean acceptsSubmultiples(String atom) {
        Atom a = ATOMS.get(atom);
        return a != null && a.prefixes() == Prefixes.ALL_SI;
    }

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        Unit unit() {
            Unit u = product();
            while (true) {
                skipSpace();
                if (!atEnd() && text.charAt(pos) == '/') {
                    pos++;
                    u = u.divide(product());
                } else {
                    return u;
                }
            }
        }

        Unit product() {
            Unit u = factor();
            while (true) {
                int save = pos;
                skipSpace();
                if (atEnd()) {
                    return u;
                }
                char c = text.charAt(pos);
                if (c == '·' || c == '*' || c == '.') {
                    pos++;
                    u = u.multiply(factor());
                } else if (c == '/' || c == ')') {
                    pos = save;
                    return u;
                } else if (pos > save) {
                    u = u.multiply(factor());
                } else {
                    throw LsdtException.of(Problem.MALFORMED_UNIT, text, "unexpected '" + c + "' at " + pos);
                }
            }
        }

        Unit factor() {
            skipSpace();
            if (atEnd()) {
                throw LsdtException.of(Problem.MALFORMED_UNIT, text, "a unit is missing at the end");
            }
            Unit base;
            if (text.charAt(pos) == '(') {
                pos++;
                base = unit();
                skipSpace();
                if (atEnd() || text.charAt(pos) != ')') {
                    throw LsdtException.of(Problem.MALFORMED_UNIT, text, "missing ')'");
                }
                pos++;
                base = new Unit("(" + base.symbol() + ")", base.scale(), base.dimension(), base.terms());
            } else {
                int start = pos;
                while (pos < text.length() && isAtomChar(text.charAt(pos))) {
                    pos++;
                }
                if (pos == start) {
                    throw LsdtException.of(Problem.MALFORMED_UNIT, text,
                            "unexpected '" + text.charAt(pos) + "' at " + pos);
                }
                String sym = text.substring(start, pos);
                if (AMBIGUOUS.containsKey(sym)) {
                    throw LsdtException.of(Problem.AMBIGUOUS_UNIT, sym, AMBIGUOUS.get(sym));
                }
                base = atomOrNull(sym);
                if (base == null) {
                    throw LsdtException.of(Problem.UNKNOWN_UNIT, sym, text)
                            .withHint(Suggestions.hint(sym, ATOMS.keySet()));
                }
            }
            int power = 1;
            if (!atEnd()) {
                char c = text.charAt(pos);
                if (c == '²') {
                    pos++;
                    power = 2;
                } else if (c == '³') {
                    pos++;
                    power = 3;
                } else if (c == '^') {
                    pos++;
                    int start = pos;
                    if (pos < text.length() && (text.charAt(pos) == '-' || text.charAt(pos) == '+')) {
                        pos++;
                    }
                    while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                        pos++;
                    }
                    try {
                        power = Integer.parseInt(text.substring(start, pos));
                    } catch (NumberFormatException e) {
                        throw LsdtException.of(Problem.MALFORMED_UNIT, text, "'^' must be followed by an integer");
                    }
                }
            }
            if (power == 1) {
                return base;
            }
            List<Unit.Term> terms = new ArrayList<>();
            for (Unit.Term t : base.terms()) {
                terms.add(new Unit.Term(t.prefix(), t.atom(), t.exponent() * power));
            }
            return new Unit(base.symbol() + "^" + power, Math.pow(base.scale(), power),
                    base.dimension().pow(power), terms);
        }

        private static boolean isAtomChar(char c) {
            return Character.isLetterOrDigit(c) || c == '%' || c == '°' || c == 'µ' || c == 'μ' || c == '_';
        }
    }
}
