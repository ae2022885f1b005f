package io.lsdt.physics.fundamentals;

import static org.assertj.core.api.Assertions.assertThat;

import io.lsdt.physics.Close;
import io.lsdt.physics.TestFiles;
import io.lsdt.physics.brief.BriefLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property test: on seeded random seed-format briefs, LSDT's bundle equals an independent transcription of the seed's
 * Step-0 formulas ({@link SeedStep0}) to 1e-9 relative on every key. Keys are omitted at random so that the seed
 * loader's defaults are exercised.
 */
class SeedFormulaPropertyTest {
    private static final long SEED = 0x5EED_000L;
    private static final int BRIEFS = 256;
    private static final double REL = 1e-9;

    /** One optional key: its YAML text, or null when omitted (the oracle then uses the seed default). */
    private static final class Writer {
        final SplittableRandom rng;
        final List<String> omitted = new ArrayList<>();

        Writer(SplittableRandom rng) {
            this.rng = rng;
        }

        /** Log-uniform in [lo, hi]. */
        double log(double lo, double hi) {
            return lo * Math.pow(hi / lo, rng.nextDouble());
        }

        double uniform(double lo, double hi) {
            return lo + (hi - lo) * rng.nextDouble();
        }

        /** A number as YAML text, in one of several exact round-trip spellings. */
        String num(double v) {
            return switch (rng.nextInt(3)) {
                case 0 -> Double.toString(v); // e.g. 1.2345E11: a YAML string, read by LSDT's quantity parser
                case 1 -> String.format(Locale.ROOT, "%.17e", v); // 1.2345…e+11: a YAML 1.1 float
                default -> "\"" + Double.toString(v) + "\""; // quoted text
            };
        }

        /** Returns the value to expect; appends "key: value" unless the key is omitted (probability 0.3). */
        double optional(StringBuilder yaml, String indent, String key, double value, double seedDefault) {
            if (rng.nextDouble() < 0.3) {
                omitted.add(key);
                return seedDefault;
            }
            yaml.append(indent).append(key).append(": ").append(num(value)).append('\n');
            return value;
        }
    }

    private record Case(String yaml, SeedStep0.Inputs inputs, List<String> omitted) {}

    private static Case randomBrief(SplittableRandom rng) {
        Writer w = new Writer(rng);
        StringBuilder y = new StringBuilder();
        // plausible magnitudes: 100M–1T parameters, 10B–10T tokens, 3 h – 4 months
        double p = Math.rint(w.log(1e8, 1e12));
        double tok = w.log(1e10, 1e13);
        double t = w.log(1e4, 1e7);
        y.append("workload:\n  P: ").append(w.num(p)).append("\n  Tok: ").append(w.num(tok)).append('\n');
        if (rng.nextBoolean()) {
            y.append("  T: \"").append(t).append(" s\"\n"); // with its unit, as text
        } else {
            y.append("  T: ").append(w.num(t)).append('\n');
        }
        double c = w.optional(y, "  ", "c", w.uniform(2, 10), SeedStep0.C);

        StringBuilder sb = new StringBuilder();
        double bw = w.optional(sb, "  ", "b_w", w.uniform(1, 4), SeedStep0.B_W);
        double bg = w.optional(sb, "  ", "b_g", w.uniform(1, 4), SeedStep0.B_G);
        double bopt = w.optional(sb, "  ", "b_opt", rng.nextInt(8) == 0 ? 0.0 : w.uniform(0, 16), SeedStep0.B_OPT);
        section(y, "state_bytes", sb, rng);

        StringBuilder io = new StringBuilder();
        double btok = w.optional(io, "  ", "b_tok", w.uniform(1, 8), SeedStep0.B_TOK);
        double aio = w.optional(io, "  ", "A_io", w.uniform(1, 2), SeedStep0.A_IO);
        double bckpt = w.optional(io, "  ", "b_ckpt", w.uniform(1, 16), SeedStep0.B_CKPT);
        double tckpt = w.optional(io, "  ", "t_ckpt_max", w.log(10, 3600), SeedStep0.T_CKPT_MAX);
        section(y, "io", io, rng);

        double fdev = w.log(1e12, 5e15);
        double bdev = w.log(1e9, 3e11);
        y.append("device:\n  F_dev_sust_flop_s: ").append(w.num(fdev)).append("\n  B_dev_mem_bytes: ")
                .append(w.num(bdev)).append('\n');

        double bstep = rng.nextInt(10) == 0 ? 0.0 : w.log(1e8, 1e15);
        double tps = Math.rint(w.log(1e4, 1e8));
        double bupd = w.uniform(0.5, 4);
        y.append("step:\n  B_step_bytes: ").append(w.num(bstep)).append("\n  Tok_per_step: ").append(w.num(tps))
                .append("\n  update:\n    b_update_per_param: ").append(w.num(bupd)).append('\n');
        double kupd = w.optional(y, "    ", "k_update", w.uniform(1, 3), SeedStep0.K_UPDATE);

        double bwnode = w.log(1e9, 1e12);
        double bwckpt = w.log(1e8, 1e12);
        y.append("capabilities:\n  fabric:\n    BW_node_sust_Bps: ").append(w.num(bwnode))
                .append("\n  storage:\n    BW_ckpt_sust_Bps: ").append(w.num(bwckpt)).append('\n');
        StringBuilder pol = new StringBuilder();
        double spc = w.optional(pol, "    ", "seconds_per_ckpt", w.log(60, 1e5), SeedStep0.SECONDS_PER_CKPT);
        if (!pol.isEmpty()) {
            y.append("  checkpoint_policy:\n").append(pol);
        } else {
            switch (rng.nextInt(3)) {
                case 0 -> { }
                case 1 -> y.append("  checkpoint_policy: {}\n");
                default -> y.append("  checkpoint_policy:\n");
            }
        }
        SeedStep0.Inputs in = new SeedStep0.Inputs(p, tok, t, c, bw, bg, bopt, btok, aio, bckpt, tckpt, fdev, bdev,
                bstep, tps, bupd, kupd, bwnode, bwckpt, spc);
        return new Case(y.toString(), in, w.omitted);
    }

    /** Appends a section; when every key was omitted, the section is left out, written empty, or written null. */
    private static void section(StringBuilder yaml, String name, StringBuilder body, SplittableRandom rng) {
        if (!body.isEmpty()) {
            yaml.append(name).append(":\n").append(body);
            return;
        }
        switch (rng.nextInt(3)) {
            case 0 -> { }
            case 1 -> yaml.append(name).append(": {}\n");
            default -> yaml.append(name).append(":\n");
        }
    }

    @Test
    void lsdtEqualsAnIndependentTranscriptionOfTheSeedOnRandomBriefs(@TempDir Path dir) {
        SplittableRandom rng = new SplittableRandom(SEED);
        Set<String> omittedSomewhere = new LinkedHashSet<>();
        int compared = 0;
        for (int i = 0; i < BRIEFS; i++) {
            Case k = randomBrief(rng);
            omittedSomewhere.addAll(k.omitted());
            Path file = TestFiles.write(dir, "brief-" + i + ".yaml", k.yaml());
            Map<String, Map<String, Double>> bundle = Fundamentals.compute(io.lsdt.physics.Physics.registry(), BriefLoader.load(file)).bundle();
            Map<String, Double> expected = SeedStep0.run(k.inputs());

            Set<String> keys = new LinkedHashSet<>();
            bundle.values().forEach(s -> keys.addAll(s.keySet()));
            // every bundle key of every section resolved, and the oracle covers exactly those keys
            for (Map.Entry<String, List<String>> s : Fundamentals.SECTIONS.entrySet()) {
                assertThat(bundle.get(s.getKey()).keySet()).as("brief #%d section %s", i, s.getKey())
                        .containsExactlyElementsOf(s.getValue());
            }
            assertThat(keys).as("brief #%d", i).containsExactlyInAnyOrderElementsOf(expected.keySet());

            double tStepMax = expected.get("t_step_max_s");
            for (Map.Entry<String, Map<String, Double>> s : bundle.entrySet()) {
                for (Map.Entry<String, Double> e : s.getValue().entrySet()) {
                    String what = "brief #" + i + " " + s.getKey() + "." + e.getKey() + "\n" + k.yaml();
                    double exp = expected.get(e.getKey());
                    switch (e.getKey()) {
                        // differences of step-sized terms: tolerance relative to the terms (t_step_max, or 1)
                        case "t_residual_s" -> Close.scaled(e.getValue(), exp, REL, tStepMax, what);
                        case "residual_fraction_of_step" -> Close.scaled(e.getValue(), exp, REL, 1, what);
                        default -> Close.relative(e.getValue(), exp, REL, what);
                    }
                    compared++;
                }
            }
        }
        // 11 + 3 + 3 + 4 + 2 + 5 + 1 + 3 + 7 + 3 = 42 keys in the sections (some repeated across sections)
        assertThat(compared).isEqualTo(BRIEFS * 42);
        // every optional key of the seed loader was left out at least once, so every default was exercised
        assertThat(omittedSomewhere).containsExactlyInAnyOrder("c", "b_w", "b_g", "b_opt", "b_tok", "A_io", "b_ckpt",
                "t_ckpt_max", "k_update", "seconds_per_ckpt");
    }

    @Test
    void omittingEveryOptionalKeyGivesTheSeedLoaderDefaults(@TempDir Path dir) {
        // The smallest seed brief: only the required keys (peers.md §3.2 "Required: yes" rows, plus the fabric and
        // storage bandwidths, which LSDT requires; the seed defaults them to 0.0 and then divides by zero).
        String yaml = """
                workload: {P: 1e9, Tok: 2e10, T: 86400}
                device: {F_dev_sust_flop_s: 1e14, B_dev_mem_bytes: 4e10}
                step:
                  B_step_bytes: 1e10
                  Tok_per_step: 1e6
                  update: {b_update_per_param: 2}
                capabilities:
                  fabric: {BW_node_sust_Bps: 5e10}
                  storage: {BW_ckpt_sust_Bps: 1e9}
                """;
        FundamentalsResult r = Fundamentals.compute(io.lsdt.physics.Physics.registry(), BriefLoader.load(TestFiles.write(dir, "minimal.yaml", yaml)));
        // defaults c 6.0, b_w 2, b_g 2, b_opt 8, b_tok 2, A_io 1.3, b_ckpt 2, t_ckpt_max 300, k_update 1,
        // seconds_per_ckpt 3600 (peers.md §3.2)
        Map<String, Double> v = r.resolution().values();
        assertThat(v).containsEntry("fundamentals.c", 6.0).containsEntry("fundamentals.b_w", 2.0)
                .containsEntry("fundamentals.b_g", 2.0).containsEntry("fundamentals.b_opt", 8.0)
                .containsEntry("fundamentals.b_tok", 2.0).containsEntry("fundamentals.A_io", 1.3)
                .containsEntry("fundamentals.b_ckpt", 2.0).containsEntry("fundamentals.t_ckpt_max", 300.0)
                .containsEntry("fundamentals.k_update", 1.0).containsEntry("fundamentals.seconds_per_ckpt", 3600.0);
        // and they are marked as assumptions from the seed loader
        assertThat(r.brief().input("fundamentals.A_io").assumption()).isTrue();
        assertThat(r.brief().input("fundamentals.A_io").origin()).isEqualTo("default of the seed loader for io.A_io");
        assertThat(r.brief().input("fundamentals.P").assumption()).isFalse();
        // by hand: F_total = 6 × 1e9 × 2e10 = 1.2e20; B_state = (2+2+8) × 1e9 = 1.2e10; BW_dataset_plan =
        // (2e10/86400) × 2 × 1.3 = 601,851.85… B/s; N_ckpt = ⌈86400/3600⌉ = 24; t_ckpt_min = 2e9/1e9 = 2 s
        Close.relative(r.value("F_total_flop"), 1.2e20, REL, "F_total_flop");
        Close.relative(r.value("B_state_min_bytes"), 1.2e10, REL, "B_state_min_bytes");
        Close.relative(r.value("BW_dataset_plan_Bps"), 2e10 / 86400 * 2 * 1.3, REL, "BW_dataset_plan_Bps");
        Close.relative(r.value("BW_ckpt_req_Bps"), 2e9 / 300, REL, "BW_ckpt_req_Bps");
        assertThat(r.value("N_ckpt")).isEqualTo(24.0);
        Close.relative(r.value("T_ckpt_total_min_s"), 48.0, REL, "T_ckpt_total_min_s");
    }
}
