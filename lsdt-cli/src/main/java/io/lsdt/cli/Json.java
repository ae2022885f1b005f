package io.lsdt.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedCollection;
import java.util.SequencedMap;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSON output: pretty-printed, numbers in full precision (SI), and byte-for-byte repeatable: maps keep their order
 * (a LinkedHashMap's is the contract's), except the hashed ones ({@code Map.of}, HashMap, …), whose iteration order may
 * change from one JVM (or JDK) to the next: those are written with their keys sorted, and hashed sets sorted.
 */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {}

    /**
     * Writes a value as JSON, maps in their own order, as every {@code --json} output does.
     *
     * @param value maps, lists, strings, numbers, booleans and nulls
     * @return the JSON text
     * @throws io.lsdt.graph.error.LsdtException {@link io.lsdt.graph.error.Problem#INTERNAL} naming the first number
     *     that is not finite by its path: JSON has no NaN or Infinity, and the library refuses such a value by name
     *     where it is computed, so one that gets here is a defect
     */
    static String write(Object value) {
        requireFinite(value, "");
        try {
            return MAPPER.writeValueAsString(ordered(value)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void requireFinite(Object value, String path) {
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> requireFinite(v, path.isEmpty() ? String.valueOf(k) : path + "." + k));
        } else if (value instanceof java.util.List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                requireFinite(l.get(i), path + "[" + i + "]");
            }
        } else if (value instanceof Double d && !Double.isFinite(d) || value instanceof Float f && !Float.isFinite(f)) {
            throw io.lsdt.graph.error.LsdtException.of(io.lsdt.graph.error.Problem.INTERNAL, "the JSON value "
                    + path + " = " + value + " is not a finite number; it should have been refused by name where it "
                    + "was computed");
        }
    }

    /**
     * Puts a value's unordered collections in order, so that its JSON is the same on every run.
     *
     * @param value maps, sets, lists and scalars
     * @return {@code value} with every unordered map and set inside it in sorted order
     */
    static Object ordered(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = hashed(m) ? new TreeMap<>() : new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), ordered(v)));
            return out;
        }
        if (value instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            c.forEach(v -> out.add(ordered(v)));
            if (hashed(c)) {
                out.sort(Comparator.comparing(String::valueOf));
            }
            return out;
        }
        return value;
    }

    /** @return true for a map or set whose iteration order follows hash codes rather than insertion or keys */
    private static boolean hashed(Object o) {
        if (o instanceof SequencedMap<?, ?> || o instanceof SequencedCollection<?>) {
            return false;
        }
        return o.getClass().getName().startsWith("java.util.ImmutableCollections$") && !(o instanceof List<?>)
                || o instanceof HashMap<?, ?> || o instanceof HashSet<?> || o instanceof IdentityHashMap<?, ?>
                || o instanceof ConcurrentHashMap<?, ?> || o instanceof WeakHashMap<?, ?>;
    }
}
