package io.lsdt.physics.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.error.Suggestions;
import io.lsdt.graph.model.Range;
import io.lsdt.graph.unit.Quantity;
import io.lsdt.graph.unit.Unit;
import io.lsdt.graph.unit.Units;
import io.lsdt.physics.io.InputFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A strict reader over a parsed YAML mapping. It remembers the dotted path of every node, records which keys were
 * read, and {@link #finish(Set)} refuses keys nobody read — naming the key, the keys expected there, and the
 * closest one ("Maybe you meant …"). Numbers may be plain YAML numbers or text with a unit ({@code "80 GiB"}).
 *
 * <p>Not thread-safe; one reader per load.
 */
public final class YamlNode {
    // EMPTY_STRING_AS_NULL is on by default in a `new YAMLFactory()` but not in one from the builder: without it an
    // empty value (`key:`) reads as "" instead of YAML's null
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL).build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /**
     * The largest magnitude of a quantity read from YAML, in SI units: 1e30. The equations multiply and divide a
     * handful of inputs (the fundamentals' device bound is c·P·T / (deadline · rate), five of them); with every input
     * within 1e-30 to 1e30, a product or quotient of up to ten stays within 1e±300, inside a double's range
     * (about 1.8e308), so no derived quantity overflows to Infinity. Every physical input is far inside it: tokens
     * about 1e13, FLOP/s about 1e15, bytes about 1e12, prices per byte about 1e-10 USD/B.
     */
    public static final double MAX_MAGNITUDE = 1e30;
    /** The smallest non-zero magnitude of a quantity read from YAML, in SI units: 1e-30, for the same reason. */
    public static final double MIN_MAGNITUDE = 1e-30;

    /**
     * Whether a value is of a magnitude LSDT accepts; a mistyped exponent is caught by this.
     *
     * @param si a value in SI units
     * @return true when it is finite and 0 or within {@link #MIN_MAGNITUDE} to {@link #MAX_MAGNITUDE} in magnitude:
     *     the values LSDT reads anywhere (briefs, catalog, runs CSVs)
     */
    public static boolean withinMagnitude(double si) {
        double m = Math.abs(si);
        return Double.isFinite(si) && m <= MAX_MAGNITUDE && (m == 0 || m >= MIN_MAGNITUDE);
    }

    private final JsonNode node;
    private final String path;
    private final Set<String> read = new LinkedHashSet<>();

    private YamlNode(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /**
     * Parses a YAML file whose top level is a mapping.
     *
     * @param file the file
     * @return the root node
     * @throws LsdtException {@link Problem#UNREADABLE_FILE} or {@link Problem#MALFORMED_FILE} (not UTF-8, with the
     *     line and byte; not YAML; not a mapping)
     */
    public static YamlNode load(Path file) {
        return parse(InputFiles.text(file), file.toString());
    }

    /**
     * Parses a YAML classpath resource whose top level is a mapping.
     *
     * @param resource the resource path, e.g. {@code "/lsdt/catalog/devices.yaml"}
     * @return the root node
     * @throws LsdtException {@link Problem#CATALOG_INVALID} when it is missing or malformed
     */
    public static YamlNode resource(String resource) {
        try (InputStream in = YamlNode.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw LsdtException.of(Problem.CATALOG_INVALID, resource, "resource not found");
            }
            return parse(in.readAllBytes(), resource);
        } catch (IOException e) {
            throw LsdtException.of(Problem.CATALOG_INVALID, resource, e.getMessage());
        }
    }

    /**
     * Parses YAML text whose top level is a mapping.
     *
     * @param text the YAML
     * @param name where it came from, for messages
     * @return the root node
     * @throws LsdtException {@link Problem#MALFORMED_FILE} for YAML that does not parse or is not a mapping
     */
    public static YamlNode parse(String text, String name) {
        return parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), name);
    }

    private static YamlNode parse(byte[] bytes, String name) {
        JsonNode tree;
        try {
            tree = YAML.readTree(bytes);
        } catch (JsonProcessingException e) {
            LsdtException nonFinite = nonFinite(e, name);
            if (nonFinite != null) {
                throw nonFinite;
            }
            throw LsdtException.of(Problem.MALFORMED_FILE, name, "YAML", e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw LsdtException.of(Problem.UNREADABLE_FILE, name, e.getMessage());
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw LsdtException.of(Problem.MALFORMED_FILE, name, "YAML", "the file is empty");
        }
        if (!tree.isObject()) {
            throw LsdtException.of(Problem.MALFORMED_FILE, name, "YAML", "the top level must be a mapping of keys");
        }
        return new YamlNode(tree, "");
    }

    /**
     * Jackson's YAML parser (2.x) refuses the YAML floats {@code .nan} and {@code .inf} as a "Malformed numeric
     * value" of the whole file; report them instead as an invalid value of the field they were written for.
     *
     * @return the exception to throw, or null when {@code e} is not about a non-finite number
     */
    private static LsdtException nonFinite(JsonProcessingException e, String name) {
        String prefix = "Malformed numeric value '";
        String m = e.getOriginalMessage();
        if (m == null || !m.startsWith(prefix) || !m.endsWith("'") || !(e.getProcessor() instanceof JsonParser p)) {
            return null;
        }
        String value = m.substring(prefix.length(), m.length() - 1);
        if (!value.matches("[-+]?\\.(?i:nan|inf)")) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = p.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            parts.add(0, c.inArray() ? "[" + c.getCurrentIndex() + "]" : c.getCurrentName());
        }
        StringBuilder field = new StringBuilder();
        for (String part : parts) {
            field.append(field.isEmpty() || part.startsWith("[") ? "" : ".").append(part);
        }
        return LsdtException.of(Problem.INVALID_VALUE, field, value, "a finite number").inContext(name);
    }

    /**
     * Where this node is in its file, the prefix of its fields' names in messages.
     *
     * @return the dotted path of this node ({@code ""} for the root)
     */
    public String path() {
        return path;
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /**
     * Whether this mapping has a key.
     *
     * @param key a key
     * @return true when the key is present (even if null)
     */
    public boolean has(String key) {
        return node.has(key);
    }

    /**
     * Whether this mapping has a key with a value.
     *
     * @param key a key
     * @return true when the key is present with a non-null value
     */
    public boolean hasValue(String key) {
        read.add(key);
        JsonNode n = node.get(key);
        return n != null && !n.isNull();
    }

    /**
     * Whether a key holds a mapping.
     *
     * @param key a key
     * @return true when the key holds a mapping
     */
    public boolean isMapping(String key) {
        JsonNode n = node.get(key);
        return n != null && n.isObject();
    }

    /**
     * The keys of this mapping.
     *
     * @return the keys present, in file order
     */
    public List<String> keys() {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /**
     * A required sub-mapping.
     *
     * @param key a key whose value must be a mapping
     * @return the child reader
     * @throws LsdtException {@link Problem#MISSING_FIELD} or {@link Problem#INVALID_VALUE}
     */
    public YamlNode section(String key) {
        read.add(key);
        JsonNode n = node.get(key);
        if (n == null || n.isNull()) {
            throw LsdtException.of(Problem.MISSING_FIELD, child(key), "a mapping of keys");
        }
        if (!n.isObject()) {
            throw LsdtException.of(Problem.INVALID_VALUE, child(key), n, "a mapping of keys");
        }
        return new YamlNode(n, child(key));
    }

    /**
     * An optional sub-mapping.
     *
     * @param key a key whose value, if present and not null, must be a mapping
     * @return the child reader, or an empty reader when absent or null
     */
    public YamlNode optionalSection(String key) {
        read.add(key);
        JsonNode n = node.get(key);
        if (n == null || n.isNull()) {
            return new YamlNode(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), child(key));
        }
        return section(key);
    }

    /**
     * A required list of mappings under a key.
     *
     * @param key a key whose value must be a list of mappings
     * @return the readers of the list items, paths {@code key[0]}, {@code key[1]}, …
     * @throws LsdtException {@link Problem#MISSING_FIELD} when the key is absent or null; {@link Problem#INVALID_VALUE}
     *     when its value is not a list, or an item is not a mapping
     */
    public List<YamlNode> list(String key) {
        JsonNode n = array(key);
        List<YamlNode> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode item = n.get(i);
            if (!item.isObject()) {
                throw LsdtException.of(Problem.INVALID_VALUE, child(key) + "[" + i + "]", item, "a mapping of keys");
            }
            out.add(new YamlNode(item, child(key) + "[" + i + "]"));
        }
        return out;
    }

    /** @return the key's value, which must be a list; marks the key read */
    private JsonNode array(String key) {
        read.add(key);
        JsonNode n = node.get(key);
        if (n == null || n.isNull()) {
            throw LsdtException.of(Problem.MISSING_FIELD, child(key), "a list");
        }
        if (!n.isArray()) {
            throw LsdtException.of(Problem.INVALID_VALUE, child(key), n, "a list");
        }
        return n;
    }

    /**
     * Reads a required list of scalars.
     *
     * @param key a key
     * @return the items as text, in order
     * @throws LsdtException naming the field when it is missing, not a list, or holds a non-scalar
     */
    public List<String> texts(String key) {
        JsonNode n = array(key);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode item = n.get(i);
            if (!item.isValueNode() || item.isNull()) {
                throw LsdtException.of(Problem.INVALID_VALUE, child(key) + "[" + i + "]", item, "a text or number");
            }
            out.add(item.asText());
        }
        return out;
    }

    /**
     * The sub-mappings of this mapping, by key.
     *
     * @return the entries of this mapping whose values are mappings, as child readers (e.g. a {@code sources:} map)
     */
    public Map<String, YamlNode> entries() {
        Map<String, YamlNode> out = new java.util.LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            read.add(e.getKey());
            if (!e.getValue().isObject()) {
                throw LsdtException.of(Problem.INVALID_VALUE, child(e.getKey()), e.getValue(), "a mapping of keys");
            }
            out.put(e.getKey(), new YamlNode(e.getValue(), child(e.getKey())));
        }
        return out;
    }

    /**
     * A required text field.
     *
     * @param key a key
     * @return the text value
     * @throws LsdtException when missing, null or not a scalar
     */
    public String text(String key) {
        String s = optionalText(key);
        if (s == null) {
            throw LsdtException.of(Problem.MISSING_FIELD, child(key), "a text value");
        }
        return s;
    }

    /**
     * An optional text field.
     *
     * @param key a key
     * @return the text value, or null when absent or null
     * @throws LsdtException when not a scalar
     */
    public String optionalText(String key) {
        read.add(key);
        JsonNode n = node.get(key);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isValueNode()) {
            throw LsdtException.of(Problem.INVALID_VALUE, child(key), n, "a text value");
        }
        return n.asText();
    }

    /**
     * An optional boolean field.
     *
     * @param key a key
     * @param fallback value when absent or null
     * @return the boolean value
     * @throws LsdtException when not true/false
     */
    public boolean bool(String key, boolean fallback) {
        read.add(key);
        JsonNode n = node.get(key);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isBoolean()) {
            throw LsdtException.of(Problem.INVALID_VALUE, child(key), n, "true or false");
        }
        return n.asBoolean();
    }

    /**
     * Reads a required quantity. A plain number is taken in {@code unit}; text may carry its own unit of the same
     * dimension ({@code "54 d"} where seconds are expected).
     *
     * @param key a key
     * @param unit the unit expected (dimension and default unit)
     * @param range allowed values in base units
     * @return the quantity as written
     * @throws LsdtException naming the field: missing, null, non-numeric, NaN, wrong dimension or out of range
     */
    public Quantity quantity(String key, String unit, Range range) {
        Quantity q = optionalQuantity(key, unit, range);
        if (q == null) {
            throw LsdtException.of(Problem.MISSING_FIELD, child(key), range.describe() + " (" + unit + ")");
        }
        return q;
    }

    /**
     * Reads an optional quantity, as {@link #quantity(String, String, Range)}.
     *
     * @param key a key
     * @param unit the unit expected
     * @param range allowed values in base units
     * @return the quantity, or null when absent or null
     */
    public Quantity optionalQuantity(String key, String unit, Range range) {
        read.add(key);
        JsonNode n = node.get(key);
        if (n == null || n.isNull()) {
            return null;
        }
        return toQuantity(n, child(key), Units.parse(unit), range);
    }

    /**
     * Reads a required whole number.
     *
     * @param key a key
     * @param min the smallest allowed value
     * @return the number
     */
    public long whole(String key, long min) {
        Long v = optionalWhole(key, min);
        if (v == null) {
            throw LsdtException.of(Problem.MISSING_FIELD, child(key), "a whole number ≥ " + min);
        }
        return v;
    }

    /**
     * Reads an optional whole number.
     *
     * @param key a key
     * @param min the smallest allowed value
     * @return the number, or null when absent or null
     */
    public Long optionalWhole(String key, long min) {
        read.add(key);
        JsonNode n = node.get(key);
        if (n == null || n.isNull()) {
            return null;
        }
        double d = number(n, child(key), "a whole number ≥ " + min);
        if (d != Math.rint(d) || d < min || Math.abs(d) > 9e15) {
            throw LsdtException.of(Problem.INVALID_VALUE, child(key), n.asText(), "a whole number ≥ " + min);
        }
        return (long) d;
    }

    private static double number(JsonNode n, String path, String expected) {
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isTextual()) {
            Quantity q;
            try {
                q = Quantity.parse(n.asText());
            } catch (LsdtException e) {
                throw LsdtException.of(Problem.INVALID_VALUE, path, "'" + n.asText() + "'", expected);
            }
            if (!q.unit().symbol().equals("1")) {
                throw LsdtException.of(Problem.INVALID_VALUE, path, "'" + n.asText() + "'", expected);
            }
            return q.value();
        }
        throw LsdtException.of(Problem.INVALID_VALUE, path, n, expected);
    }

    private static Quantity toQuantity(JsonNode n, String path, Unit unit, Range range) {
        String expected = range.describe() + " (" + unit.symbol() + ")";
        Quantity q;
        if (n.isNumber()) {
            q = new Quantity(n.asDouble(), unit);
        } else if (n.isTextual()) {
            String t = n.asText().strip();
            if (t.equalsIgnoreCase("nan") || t.equalsIgnoreCase(".nan")) {
                throw LsdtException.of(Problem.INVALID_VALUE, path, t, expected);
            }
            try {
                q = Quantity.parse(t);
            } catch (LsdtException e) {
                throw LsdtException.of(Problem.INVALID_VALUE, path, "'" + t + "'", expected + "; " + e.getMessage());
            }
            if (q.unit().symbol().equals("1")) {
                q = new Quantity(q.value(), unit);
            } else if (!q.unit().isCompatible(unit)) {
                throw LsdtException.of(Problem.DIMENSION_MISMATCH, path, "'" + t + "'", q.unit().dimension(),
                        "the field (expects " + unit.symbol() + ")", unit.dimension());
            }
        } else {
            throw LsdtException.of(Problem.INVALID_VALUE, path, n, expected);
        }
        if (!range.contains(q.si())) {
            throw LsdtException.of(Problem.INVALID_VALUE, path, q, expected);
        }
        if (!withinMagnitude(q.si())) {
            throw LsdtException.of(Problem.INVALID_VALUE, path, q, expected + " whose SI value (here "
                    + String.format(java.util.Locale.ROOT, "%.3g", q.si()) + " " + unit.dimension()
                    + ") lies between 1e-30 and 1e30 in magnitude: beyond that the equations that combine it "
                    + "overflow");
        }
        return q;
    }

    /**
     * Refuses keys that were never read.
     *
     * @param allowed extra keys that are allowed without being read (may be empty)
     * @throws LsdtException {@link Problem#UNKNOWN_FIELD} naming the first unknown key, the keys expected here and
     *     the closest one
     */
    public void finish(Set<String> allowed) {
        Set<String> known = new LinkedHashSet<>(read);
        // a Set.of's order changes from one JVM to the next: list its keys sorted, so the message is repeatable
        known.addAll(allowed instanceof java.util.SequencedSet<String> ? allowed : new java.util.TreeSet<>(allowed));
        Iterator<String> it = node.fieldNames();
        while (it.hasNext()) {
            String k = it.next();
            if (!known.contains(k)) {
                String where = path.isEmpty() ? "at the top level" : "in " + path;
                throw LsdtException.of(Problem.UNKNOWN_FIELD, child(k), " " + where + "; expected one of "
                        + String.join(", ", known)).withHint(Suggestions.hint(k, known));
            }
        }
    }

    /**
     * Declares the keys allowed here and refuses any other at once, before values are read, so that a misspelt key
     * is reported as such rather than as a missing value.
     *
     * @param keys the allowed keys
     * @return this reader
     * @throws LsdtException {@link Problem#UNKNOWN_FIELD} naming the key, the expected keys and the closest one
     */
    public YamlNode expect(String... keys) {
        Set<String> allowed = new LinkedHashSet<>(List.of(keys));
        Iterator<String> it = node.fieldNames();
        while (it.hasNext()) {
            String k = it.next();
            if (!allowed.contains(k)) {
                String where = path.isEmpty() ? "at the top level" : "in " + path;
                throw LsdtException.of(Problem.UNKNOWN_FIELD, child(k), " " + where + "; expected one of "
                        + String.join(", ", allowed)).withHint(Suggestions.hint(k, allowed));
            }
        }
        read.addAll(allowed);
        return this;
    }

    /**
     * Declares the keys read here, as {@link #expect}, but returns the others instead of refusing the first: for a
     * format whose own reader ignores keys it does not know (the seed's), so that the caller can warn about each or
     * report them all at once.
     *
     * @param keys the keys read here
     * @return the other keys present, as dotted paths, in file order
     */
    public List<String> otherKeys(String... keys) {
        Set<String> allowed = new LinkedHashSet<>(List.of(keys));
        List<String> out = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        while (it.hasNext()) {
            String k = it.next();
            if (!allowed.contains(k)) {
                out.add(child(k));
            }
        }
        read.addAll(allowed);
        return out;
    }

    /** Equivalent to {@code finish(Set.of())}. */
    public void finish() {
        finish(Set.of());
    }

    /**
     * Whether this mapping is empty (or absent).
     *
     * @return true when this node has no keys
     */
    public boolean isEmpty() {
        return node.isEmpty() || node instanceof MissingNode;
    }
}
