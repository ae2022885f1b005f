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

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(ordered(value)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return {@code value} with every unordered map and set inside it in sorted order */
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
