package io.lsdt.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.physics.brief.Brief;
import io.lsdt.physics.brief.BriefLoader;
import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.io.InputFiles;
import io.lsdt.physics.macro.MacroSettings;
import io.lsdt.physics.yaml.YamlNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What to plan: a catalog-form brief (model, tokens, deadline, device, …; docs/briefs.md) and its optional
 * {@code macro:} section, read from a file, a stream or YAML text, or built in code with {@link #builder()}. Every
 * form goes through the same loader, so a bad value gets the same named-field error whatever its origin.
 * Immutable.
 */
public final class PlanRequest {
    private final String yaml;
    private final String name;
    private final int top;
    private final boolean deadlineFirst;

    private PlanRequest(String yaml, String name, int top) {
        this(yaml, name, top, true);
    }

    private PlanRequest(String yaml, String name, int top, boolean deadlineFirst) {
        this.yaml = Objects.requireNonNull(yaml, "yaml");
        this.name = Objects.requireNonNull(name, "name");
        if (top < 1) {
            throw LsdtException.of(Problem.INVALID_VALUE, "top", top, "a whole number ≥ 1");
        }
        this.top = top;
        this.deadlineFirst = deadlineFirst;
    }

    /**
     * Reads a brief from a file.
     *
     * @param file a catalog-form brief
     * @return the request (five designs listed)
     * @throws LsdtException {@link Problem#UNREADABLE_FILE} when the file cannot be read; {@link Problem#MALFORMED_FILE}
     *     when it is not UTF-8 (with the line and byte)
     */
    public static PlanRequest of(Path file) {
        return new PlanRequest(InputFiles.text(file), file.toString(), 5);
    }

    /**
     * Reads a brief from YAML text.
     *
     * @param yaml a catalog-form brief as YAML text
     * @param name where it came from, for messages
     * @return the request
     */
    public static PlanRequest ofYaml(String yaml, String name) {
        return new PlanRequest(yaml, name, 5);
    }

    /**
     * Reads a brief from a stream.
     *
     * @param in a stream of a catalog-form brief (read whole, not closed)
     * @param name where it came from, for messages
     * @return the request
     * @throws LsdtException {@link Problem#UNREADABLE_FILE} when the stream fails
     */
    public static PlanRequest of(InputStream in, String name) {
        try {
            return new PlanRequest(InputFiles.utf8(in.readAllBytes(), name), name, 5);
        } catch (IOException e) {
            throw LsdtException.of(Problem.UNREADABLE_FILE, name, e.getMessage());
        }
    }

    /**
     * Starts a brief in code rather than in YAML.
     *
     * @return a builder of a catalog-form brief
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * This request listing another number of designs.
     *
     * @param n how many designs to list at the brief's device count (≥ 1)
     * @return a copy
     * @throws LsdtException {@link Problem#INVALID_VALUE} for n &lt; 1
     */
    public PlanRequest withTop(int n) {
        return new PlanRequest(yaml, name, n, deadlineFirst);
    }

    /**
     * This request with deadline-first sizing on or off.
     *
     * @param size whether to size deadline-first even when the brief names a device count (a brief without one is
     *     always sized)
     * @return a copy
     */
    public PlanRequest withDeadlineFirst(boolean size) {
        return new PlanRequest(yaml, name, top, size);
    }

    /**
     * Whether the plan sizes the device count from the deadline.
     *
     * @return whether deadline-first sizing runs when the brief names a device count
     */
    public boolean deadlineFirst() {
        return deadlineFirst;
    }

    /**
     * How many designs the plan lists at the brief's device count.
     *
     * @return designs to list
     */
    public int top() {
        return top;
    }

    /**
     * The request's name for messages: a file name, or the name given with the YAML.
     *
     * @return where the request came from
     */
    public String name() {
        return name;
    }

    /**
     * The brief, as it was read or built.
     *
     * @return the brief as YAML text
     */
    public String yaml() {
        return yaml;
    }

    /**
     * Reads and checks the brief, whole: the one validation every command that reads a brief shares. A catalog-form
     * brief's {@code requirements:} and {@code macro:} sections are checked with it, so a value no command would
     * accept is refused by every command, whichever sections it goes on to use.
     *
     * @param catalog the catalog ids are resolved against
     * @return the brief (with its requirements and the loader's warnings)
     * @throws LsdtException the loader's named-field errors (an inference brief is sent to {@code lsdt evaluate})
     */
    public Brief brief(Catalog catalog) {
        YamlNode root = root();
        Brief b = BriefLoader.load(root, name, catalog);
        if (b.form() == Brief.Form.CATALOG) {
            macro(root);
            // the sections only some commands use are checked for every command, so that none accepts a bad one
            io.lsdt.graph.registry.Registry registry = io.lsdt.physics.Physics.registry();
            floor(registry);
            try {
                io.lsdt.physics.sensitivity.RangeOverrides.ofBrief(root, registry.variables().keySet());
            } catch (LsdtException e) {
                throw e.isUserError() ? e.inContext(name) : e;
            }
        }
        return b;
    }

    /**
     * The brief's {@code macro:} section: region, prices, PUE and the other settings of the macro layer.
     *
     * @return the brief's macro settings (defaults without a {@code macro:} section)
     * @throws LsdtException the settings' named-field errors
     */
    public MacroSettings macro() {
        return macro(root());
    }

    private MacroSettings macro(YamlNode root) {
        try {
            return MacroSettings.ofBrief(root, name);
        } catch (LsdtException e) {
            throw e.isUserError() ? e.inContext(name) : e;
        }
    }

    /**
     * The brief's {@code floor:} section, the silicon and facility values a floor what-if sets.
     *
     * @param registry the physics registry
     * @return the brief's {@code floor:} section: values (SI) of floor root variables by name, empty without one
     * @throws LsdtException the section's named-field errors
     */
    public Map<String, Double> floor(io.lsdt.graph.registry.Registry registry) {
        try {
            return io.lsdt.physics.floor.Floor.overrides(root(), registry);
        } catch (LsdtException e) {
            throw e.isUserError() ? e.inContext(name) : e;
        }
    }

    private YamlNode root() {
        return YamlNode.parse(yaml, name);
    }

    /**
     * Builds a catalog-form brief in code. Quantities are text with units, as in a YAML brief ({@code "54 d"},
     * {@code "15.6e12 token"}); required: model, tokens, deadline, device, sustained fraction (or rate), global batch,
     * storage bandwidth. The result is checked by the same loader as a file.
     */
    public static final class Builder {
        private final Map<String, Object> root = new LinkedHashMap<>();
        private final Map<String, Object> step = new LinkedHashMap<>();
        private final Map<String, Object> stateBytes = new LinkedHashMap<>();
        private final Map<String, Object> checkpoint = new LinkedHashMap<>();
        private final Map<String, Object> fabric = new LinkedHashMap<>();
        private final Map<String, Object> macro = new LinkedHashMap<>();
        private int top = 5;

        private Builder() {
            root.put("name", "plan request");
        }

        /**
         * Sets the plan's title ({@code name:}).
         *
         * @param name the plan's title
         * @return this
         */
        public Builder name(String name) {
            root.put("name", name);
            return this;
        }

        /**
         * Sets the model to train ({@code model:}).
         *
         * @param id a catalog model id, e.g. {@code llama3.1-405b}
         * @return this
         */
        public Builder model(String id) {
            root.put("model", id);
            return this;
        }

        /**
         * Sets the tokens to train on ({@code tokens:}).
         *
         * @param tokens tokens to train on, e.g. {@code "15.6e12 token"}
         * @return this
         */
        public Builder tokens(String tokens) {
            root.put("tokens", tokens);
            return this;
        }

        /**
         * Sets the deadline ({@code deadline:}).
         *
         * @param deadline time allowed, e.g. {@code "54 d"}
         * @return this
         */
        public Builder deadline(String deadline) {
            root.put("deadline", deadline);
            return this;
        }

        /**
         * Sets the device ({@code device:}).
         *
         * @param id a catalog device id, e.g. {@code h100-sxm}
         * @return this
         */
        public Builder device(String id) {
            root.put("device", id);
            return this;
        }

        /**
         * Sets the numeric precision ({@code precision:}).
         *
         * @param precision {@code bf16}, {@code fp16} or {@code fp8}
         * @return this
         */
        public Builder precision(String precision) {
            root.put("precision", precision);
            return this;
        }

        /**
         * Sets the sustained share of dense peak the fundamentals assume.
         *
         * @param fraction the fundamentals' assumed sustained share of dense peak, e.g. 0.4
         * @return this
         */
        public Builder sustainedFraction(double fraction) {
            root.put("sustained_fraction", fraction);
            return this;
        }

        /**
         * Sets the device count; without one the plan sizes it from the deadline.
         *
         * @param devices G, the devices the design layer plans on
         * @return this
         */
        public Builder devices(long devices) {
            root.put("devices", devices);
            return this;
        }

        /**
         * Sets the training framework's profile ({@code framework:}).
         *
         * @param id a catalog framework profile (lsdt catalog list frameworks), e.g. {@code pytorch-fsdp-hybrid}
         * @return this
         */
        public Builder framework(String id) {
            root.put("framework", id);
            return this;
        }

        /**
         * Sets the node size (devices per node).
         *
         * @param n devices per node
         * @return this
         */
        public Builder gpusPerNode(int n) {
            root.put("gpus_per_node", n);
            return this;
        }

        /**
         * Sets the global batch (sequences per optimizer step).
         *
         * @param sequences sequences per optimizer step
         * @return this
         */
        public Builder globalBatchSequences(long sequences) {
            step.put("global_batch_sequences", sequences);
            return this;
        }

        /**
         * Sets the training state's bytes per parameter, each as text with its unit.
         *
         * @param weights bytes per weight, e.g. {@code "2 B/param"}
         * @param gradients bytes per gradient
         * @param optimizer optimizer bytes per parameter
         * @return this
         */
        public Builder stateBytes(String weights, String gradients, String optimizer) {
            stateBytes.put("weights", weights);
            stateBytes.put("gradients", gradients);
            stateBytes.put("optimizer", optimizer);
            return this;
        }

        /**
         * Sets the scale-out network.
         *
         * @param id a catalog fabric id, e.g. {@code roce-400g}
         * @param nicsPerNode network cards per node
         * @param efficiency sustained share of the line rate (fundamentals)
         * @return this
         */
        public Builder fabric(String id, int nicsPerNode, double efficiency) {
            fabric.put("id", id);
            fabric.put("nics_per_node", nicsPerNode);
            fabric.put("efficiency", efficiency);
            return this;
        }

        /**
         * Sets checkpointing: how often, and how fast it writes.
         *
         * @param period time between checkpoints, e.g. {@code "1 h"}
         * @param storageBandwidth sustained write bandwidth, e.g. {@code "2 TB/s"}
         * @return this
         */
        public Builder checkpoint(String period, String storageBandwidth) {
            checkpoint.put("period", period);
            checkpoint.put("storage_bandwidth", storageBandwidth);
            return this;
        }

        /**
         * Sets one setting of the {@code macro:} section.
         *
         * @param key a macro setting (docs/briefs.md#macro), e.g. {@code region} or {@code pue}
         * @param value its value as text with its unit, e.g. {@code "1.2"} or {@code "3.5 USD/h"}
         * @return this
         */
        public Builder macro(String key, String value) {
            macro.put(key, value);
            return this;
        }

        /**
         * Sets how many designs the plan lists.
         *
         * @param n designs to list
         * @return this
         */
        public Builder top(int n) {
            this.top = n;
            return this;
        }

        /**
         * Builds the request from the brief set so far.
         *
         * @return the request
         * @throws LsdtException {@link Problem#INVALID_VALUE} for n &lt; 1 designs; the brief's errors are raised when
         *     it is planned
         */
        public PlanRequest build() {
            Map<String, Object> m = new LinkedHashMap<>(root);
            if (!stateBytes.isEmpty()) {
                m.put("state_bytes", stateBytes);
            }
            if (!step.isEmpty()) {
                m.put("step", step);
            }
            if (!fabric.isEmpty()) {
                m.put("fabric", fabric);
            }
            if (!checkpoint.isEmpty()) {
                m.put("checkpoint", checkpoint);
            }
            if (!macro.isEmpty()) {
                m.put("macro", macro);
            }
            try {
                String text = new ObjectMapper(new YAMLFactory()).writeValueAsString(m);
                return new PlanRequest(text, "request", top);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a map of strings and numbers always writes as YAML", e);
            }
        }
    }
}
