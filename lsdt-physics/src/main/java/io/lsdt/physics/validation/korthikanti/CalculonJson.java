package io.lsdt.physics.validation.korthikanti;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.error.Suggestions;
import io.lsdt.physics.io.InputFiles;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strict reading of Calculon's JSON files (application, execution, system) into records. Every key of a record is
 * required; unknown keys, duplicate keys, nulls for required values, fractional numbers for whole ones and strings for
 * numbers or booleans are errors — each reported as an {@link LsdtException} naming the file and the key.
 */
final class CalculonJson {
    /** Classpath folder of the copied Calculon files. */
    static final String DIR = "/lsdt/validation/korthikanti/";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final Pattern MISSING = Pattern.compile("Missing (?:required )?creator property '([^']+)'");
    private static final Pattern NULL = Pattern.compile("Null value for creator property '([^']+)'");

    private CalculonJson() {}

    /**
     * Reads a file.
     *
     * @param file the file
     * @param type the record type
     * @param what what the file describes, for messages (e.g. "Calculon application")
     * @param <T> the record type
     * @return the record
     */
    static <T> T read(Path file, Class<T> type, String what) {
        return parse(InputFiles.bytes(file), file.toString(), type, what);
    }

    /**
     * Reads a classpath resource under {@link #DIR}.
     *
     * @param relative path below {@link #DIR}, e.g. {@code models/megatron-22B.json}
     * @param type the record type
     * @param what what the file describes, for messages
     * @param <T> the record type
     * @return the record
     */
    static <T> T resource(String relative, Class<T> type, String what) {
        String name = DIR + relative;
        return parse(InputFiles.resource(CalculonJson.class, name), "classpath:" + name, type, what);
    }

    /**
     * Parses JSON text.
     *
     * @param bytes UTF-8 JSON
     * @param source the file name for messages
     * @param type the record type
     * @param what what the file describes, for messages
     * @param <T> the record type
     * @return the record
     */
    static <T> T parse(byte[] bytes, String source, Class<T> type, String what) {
        try {
            JsonNode tree = MAPPER.readTree(bytes);
            if (tree == null || tree.isMissingNode()) {
                throw LsdtException.of(Problem.MALFORMED_FILE, source, what + " JSON", "the file is empty");
            }
            checkKeys(tree, type, "", source, what);
            T value = MAPPER.treeToValue(tree, type);
            if (value == null) {
                throw LsdtException.of(Problem.MALFORMED_FILE, source, what + " JSON", "the file holds null");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            List<String> known = new ArrayList<>();
            if (e.getKnownPropertyIds() != null) {
                e.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
            }
            String parent = parentPath(e, e.getPropertyName());
            throw LsdtException.of(Problem.UNKNOWN_FIELD, join(parent, e.getPropertyName()),
                    " in " + source + " (" + what + ")" + (known.isEmpty() ? "" : "; expected one of "
                            + String.join(", ", known))).withHint(Suggestions.hint(e.getPropertyName(), known));
        } catch (MismatchedInputException e) {
            String msg = e.getOriginalMessage();
            Matcher missing = MISSING.matcher(msg);
            if (missing.find()) {
                String key = missing.group(1);
                throw LsdtException.of(Problem.MISSING_FIELD, join(parentPath(e, key), key) + " in " + source,
                        "a value (" + what + " files need every key)");
            }
            Matcher nul = NULL.matcher(msg);
            if (nul.find()) {
                String key = nul.group(1);
                throw LsdtException.of(Problem.MISSING_FIELD, join(parentPath(e, key), key) + " in " + source,
                        "a value, not null");
            }
            if (msg.startsWith("Cannot map `null`")) {
                throw LsdtException.of(Problem.MISSING_FIELD, fullPath(e) + " in " + source, "a value, not null");
            }
            throw LsdtException.of(Problem.MALFORMED_FILE, source, what + " JSON",
                    firstLine(msg) + at(e));
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof LsdtException l) {
                throw l.inContext(source);
            }
            throw LsdtException.of(Problem.MALFORMED_FILE, source, what + " JSON",
                    firstLine(e.getOriginalMessage()) + at(e));
        } catch (JsonProcessingException e) {
            throw LsdtException.of(Problem.MALFORMED_FILE, source, what + " JSON",
                    firstLine(e.getOriginalMessage()) + at(e));
        } catch (IOException e) {
            throw LsdtException.of(Problem.UNREADABLE_FILE, source, e.getMessage());
        }
    }

    /** @return the path of the object holding {@code key} (Jackson's path, without {@code key} when it ends so) */
    private static String parentPath(JsonMappingException e, String key) {
        List<JsonMappingException.Reference> refs = e.getPath();
        int n = refs.size();
        if (n > 0 && key != null && key.equals(refs.get(n - 1).getFieldName())) {
            n--;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            appendRef(sb, refs.get(i));
        }
        return sb.toString();
    }

    private static String fullPath(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        e.getPath().forEach(r -> appendRef(sb, r));
        return sb.toString();
    }

    /**
     * Refuses unknown keys (first, so that a misspelt key is named rather than reported missing) and then missing
     * keys, walking records, maps of records and lists of records by their declared types.
     */
    private static void checkKeys(JsonNode node, Type type, String path, String source, String what) {
        if (type instanceof Class<?> c && c.isRecord()) {
            if (!node.isObject()) {
                return; // Jackson reports the wrong shape with its position
            }
            Map<String, Type> known = new LinkedHashMap<>();
            for (RecordComponent rc : c.getRecordComponents()) {
                // @JsonProperty does not target record components; it propagates to the accessor
                JsonProperty p = rc.getAccessor().getAnnotation(JsonProperty.class);
                known.put(p == null ? rc.getName() : p.value(), rc.getGenericType());
            }
            for (Map.Entry<String, JsonNode> f : node.properties()) {
                String k = f.getKey();
                if (!known.containsKey(k)) {
                    throw LsdtException.of(Problem.UNKNOWN_FIELD, join(path, k), " in " + source + " (" + what
                            + "); expected one of " + String.join(", ", known.keySet()))
                            .withHint(Suggestions.hint(k, known.keySet()));
                }
            }
            for (Map.Entry<String, Type> k : known.entrySet()) {
                if (!node.has(k.getKey())) {
                    throw LsdtException.of(Problem.MISSING_FIELD, join(path, k.getKey()) + " in " + source,
                            "a value (" + what + " files need every key)");
                }
                checkKeys(node.get(k.getKey()), k.getValue(), join(path, k.getKey()), source, what);
            }
        } else if (type instanceof ParameterizedType p && p.getRawType() == Map.class && node.isObject()) {
            for (Map.Entry<String, JsonNode> f : node.properties()) {
                checkKeys(f.getValue(), p.getActualTypeArguments()[1], join(path, f.getKey()), source, what);
            }
        } else if (type instanceof ParameterizedType p && p.getRawType() == List.class && node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkKeys(node.get(i), p.getActualTypeArguments()[0], path + "[" + i + "]", source, what);
            }
        }
    }

    private static void appendRef(StringBuilder sb, JsonMappingException.Reference r) {
        if (r.getFieldName() != null) {
            if (!sb.isEmpty()) {
                sb.append('.');
            }
            sb.append(r.getFieldName());
        } else if (r.getIndex() >= 0) {
            sb.append('[').append(r.getIndex()).append(']');
        }
    }

    private static String at(JsonProcessingException e) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder sb = new StringBuilder();
            m.getPath().forEach(r -> appendRef(sb, r));
            return " (at " + sb + ")";
        }
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }

    private static String join(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
