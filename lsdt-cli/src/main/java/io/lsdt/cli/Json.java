package io.lsdt.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Map;

/** JSON output: pretty-printed, keys in insertion order, numbers in full precision (SI). */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {}

    /**
     * @param value maps, lists, strings, numbers, booleans and nulls
     * @return the JSON text
     * @throws io.lsdt.graph.error.LsdtException {@link io.lsdt.graph.error.Problem#INTERNAL} naming the first number
     *     that is not finite by its path: JSON has no NaN or Infinity, and the library refuses such a value by name
     *     where it is computed, so one that gets here is a defect
     */
    static String write(Object value) {
        requireFinite(value, "");
        try {
            return MAPPER.writeValueAsString(value) + "\n";
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
}
