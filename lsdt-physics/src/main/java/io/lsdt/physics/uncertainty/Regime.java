package io.lsdt.physics.uncertainty;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.physics.design.ParallelConfig;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a prediction lies for the purpose of its uncertainty: the framework family × the scale (devices) × the model
 * size (active parameters). The step model errs differently across these — it was built and calibrated on Megatron
 * recipes, its collectives matter more at scale, small models are launch- and memory-bound — so each regime has its
 * own residuals.
 *
 * @param family the framework family
 * @param scale the device count's band
 * @param size the active-parameter count's band
 */
public record Regime(Family family, Scale scale, Size size) {
    /** Checks the components. */
    public Regime {
        java.util.Objects.requireNonNull(family, "family");
        java.util.Objects.requireNonNull(scale, "scale");
        java.util.Objects.requireNonNull(size, "size");
    }

    /**
     * The regime of a job: its framework family, its device count's band and its model's size band.
     *
     * @param family the framework family
     * @param devices devices of the job, ≥ 1
     * @param activeParams active parameters (parameters, not billions), &gt; 0
     * @return the regime
     */
    public static Regime of(Family family, long devices, double activeParams) {
        return new Regime(family, Scale.of(devices), Size.of(activeParams));
    }

    /**
     * The regime's key in the residuals table.
     *
     * @return the key, e.g. {@code megatron/65-1024/30B+} (the residuals table's key)
     */
    public String key() {
        return family.key() + "/" + scale.key() + "/" + size.key();
    }

    /**
     * The regime in words, for reports.
     *
     * @return the regime in words, e.g. "Megatron family, 65–1024 devices, > 30 B active parameters"
     */
    public String describe() {
        return family.label() + ", " + scale.label() + ", " + size.label();
    }

    @Override
    public String toString() {
        return key();
    }

    /**
     * Reads a regime from its key.
     *
     * @param key a key as {@link #key()} writes it
     * @return the regime
     * @throws LsdtException {@link Problem#INVALID_VALUE} naming the key and the form expected
     */
    public static Regime parse(String key) {
        String[] p = key.split("/", -1);
        Family f = p.length == 3 ? Family.byKey(p[0]) : null;
        Scale s = p.length == 3 ? Scale.byKey(p[1]) : null;
        Size z = p.length == 3 ? Size.byKey(p[2]) : null;
        if (f == null || s == null || z == null) {
            throw LsdtException.of(Problem.INVALID_VALUE, "regime", "'" + key + "'", "FAMILY/SCALE/SIZE with FAMILY "
                    + "one of " + Family.keys() + ", SCALE one of " + Scale.keys() + ", SIZE one of " + Size.keys());
        }
        return new Regime(f, s, z);
    }

    /** A band or family named by a key in the residuals table. */
    interface Keyed {
        /**
         * The band's or family's key in the residuals table.
         *
         * @return the key
         */
        String key();
    }

    private static <E extends Keyed> E byKey(E[] values, String key) {
        for (E e : values) {
            if (e.key().equals(key)) {
                return e;
            }
        }
        return null;
    }

    private static String keys(Keyed[] values) {
        return String.join(", ", java.util.Arrays.stream(values).map(Keyed::key).toList());
    }

    /**
     * The framework family. A published run's family is read from its {@code framework} and {@code zero_fsdp} cells:
     * <ol>
     *   <li><b>Megatron family</b> when the framework names Megatron or NeMo and not DeepSpeed (Megatron-LM,
     *       Megatron-Core, NeMo, Megatron-Bridge — with their own distributed optimizer or Megatron-FSDP);</li>
     *   <li><b>FSDP/ZeRO</b> otherwise, when the framework or the sharding cell names FSDP, HSDP, ZeRO, DeepSpeed,
     *       Gemini or sharding (the phrase "no ZeRO" does not count): sharded data parallelism outside Megatron,
     *       including DeepSpeed with Megatron model parallelism (GPT-NeoX, the ZeRO paper);</li>
     *   <li><b>other</b>: the rest — plain DDP, single devices, llm.c's PyTorch trainer, a blank framework.</li>
     * </ol>
     * A design of LSDT's own search is in the FSDP/ZeRO family when it is pure sharded data parallelism (ZeRO stage 2
     * or 3 with TP = PP = CP = 1), and in the Megatron family otherwise: TP, PP and CP designs, and the overlap the
     * design model assumes, are Megatron's.
     */
    public enum Family implements Keyed {
        /** Megatron-LM, Megatron-Core, NeMo, Megatron-Bridge. */
        MEGATRON("megatron", "Megatron family"),
        /** PyTorch FSDP/HSDP, DeepSpeed ZeRO, Colossal-AI Gemini, XLA sharding. */
        FSDP_ZERO("fsdp-zero", "FSDP/ZeRO family"),
        /** Everything else. */
        OTHER("other", "other frameworks");

        private static final Pattern DEEPSPEED = Pattern.compile("deep(er)?speed");
        private static final Pattern MEGATRON_NAMES = Pattern.compile("megatron|nemo");
        private static final Pattern SHARDED = Pattern.compile("fsdp|hsdp|zero|deep(er)?speed|gemini|shard");
        private static final Pattern NO_ZERO = Pattern.compile("\\bno\\s+zero\\b");

        private final String key;
        private final String label;

        Family(String key, String label) {
            this.key = key;
            this.label = label;
        }

        /** @return the key used in the residuals table, e.g. {@code fsdp-zero} */
        public String key() {
            return key;
        }

        /**
         * The family's name in reports.
         *
         * @return the family in words
         */
        public String label() {
            return label;
        }

        /**
         * The framework family of a validated run.
         *
         * @param framework a run's {@code framework} cell (may be blank)
         * @param sharding a run's {@code zero_fsdp} cell (may be blank)
         * @return the family, by the rules of this enum's documentation
         */
        public static Family ofRun(String framework, String sharding) {
            String f = framework == null ? "" : framework.toLowerCase(Locale.ROOT);
            String z = sharding == null ? "" : sharding.toLowerCase(Locale.ROOT);
            boolean deepspeed = DEEPSPEED.matcher(f).find() || DEEPSPEED.matcher(z).find();
            if (MEGATRON_NAMES.matcher(f).find() && !deepspeed) {
                return MEGATRON;
            }
            String both = NO_ZERO.matcher(f + " " + z).replaceAll(" ");
            return SHARDED.matcher(both).find() ? FSDP_ZERO : OTHER;
        }

        /**
         * The framework family of a design of LSDT's search.
         *
         * @param design a design of LSDT's search
         * @return {@link #FSDP_ZERO} for pure sharded data parallelism (ZeRO ≥ 2, TP = PP = CP = 1), else
         *     {@link #MEGATRON}
         */
        public static Family ofDesign(ParallelConfig design) {
            boolean pureDp = design.tp() == 1 && design.pp() == 1 && design.cp() == 1;
            return pureDp && design.zeroStage() >= 2 ? FSDP_ZERO : MEGATRON;
        }

        /**
         * Looks a family up by its key.
         *
         * @param key a key as {@link #key()} writes it
         * @return the family, or null for another key
         */
        static Family byKey(String key) {
            return Regime.byKey(values(), key);
        }

        /**
         * The families' keys, for messages.
         *
         * @return the keys, comma-separated
         */
        static String keys() {
            return Regime.keys(values());
        }
    }

    /** The device count's band: 1–8 (one node), 9–64, 65–1024, more than 1024. */
    public enum Scale implements Keyed {
        /** 1–8 devices. */
        UP_TO_8("1-8", "1–8 devices", 8),
        /** 9–64 devices. */
        UP_TO_64("9-64", "9–64 devices", 64),
        /** 65–1024 devices. */
        UP_TO_1024("65-1024", "65–1024 devices", 1024),
        /** More than 1024 devices. */
        ABOVE_1024("1025+", "more than 1024 devices", Long.MAX_VALUE);

        private final String key;
        private final String label;
        private final long max;

        Scale(String key, String label, long max) {
            this.key = key;
            this.label = label;
            this.max = max;
        }

        /** @return the key, e.g. {@code 65-1024} */
        public String key() {
            return key;
        }

        /**
         * The scale band's name in reports.
         *
         * @return the band in words
         */
        public String label() {
            return label;
        }

        /**
         * The scale band of a device count.
         *
         * @param devices devices, ≥ 1
         * @return the band
         */
        public static Scale of(long devices) {
            if (devices < 1) {
                throw new IllegalArgumentException("devices " + devices + " < 1");
            }
            for (Scale s : values()) {
                if (devices <= s.max) {
                    return s;
                }
            }
            throw new AssertionError(devices);
        }

        /**
         * Looks a scale band up by its key.
         *
         * @param key a key as {@link #key()} writes it
         * @return the scale band, or null for another key
         */
        static Scale byKey(String key) {
            return Regime.byKey(values(), key);
        }

        /**
         * The scale bands' keys, for messages.
         *
         * @return the keys, comma-separated
         */
        static String keys() {
            return Regime.keys(values());
        }
    }

    /** The active-parameter count's band: up to 3 B, up to 30 B, more than 30 B. */
    public enum Size implements Keyed {
        /** At most 3e9 active parameters. */
        UP_TO_3B("0-3B", "≤ 3 B active parameters", 3e9),
        /** More than 3e9, at most 3e10. */
        UP_TO_30B("3-30B", "3–30 B active parameters", 3e10),
        /** More than 3e10. */
        ABOVE_30B("30B+", "> 30 B active parameters", Double.POSITIVE_INFINITY);

        private final String key;
        private final String label;
        private final double max;

        Size(String key, String label, double max) {
            this.key = key;
            this.label = label;
            this.max = max;
        }

        /** @return the key, e.g. {@code 3-30B} */
        public String key() {
            return key;
        }

        /**
         * The size band's name in reports.
         *
         * @return the band in words
         */
        public String label() {
            return label;
        }

        /**
         * The size band of a model's active parameters.
         *
         * @param activeParams active parameters, &gt; 0
         * @return the band
         */
        public static Size of(double activeParams) {
            if (!(activeParams > 0) || Double.isInfinite(activeParams)) {
                throw new IllegalArgumentException("active parameters " + activeParams);
            }
            for (Size s : values()) {
                if (activeParams <= s.max) {
                    return s;
                }
            }
            throw new AssertionError(activeParams);
        }

        /**
         * Looks a size band up by its key.
         *
         * @param key a key as {@link #key()} writes it
         * @return the size band, or null for another key
         */
        static Size byKey(String key) {
            return Regime.byKey(values(), key);
        }

        /**
         * The size bands' keys, for messages.
         *
         * @return the keys, comma-separated
         */
        static String keys() {
            return Regime.keys(values());
        }
    }
}
