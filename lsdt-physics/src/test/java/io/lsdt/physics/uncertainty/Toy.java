package io.lsdt.physics.uncertainty;

import io.lsdt.physics.design.Numerics;
import java.util.ArrayList;
import java.util.List;

/**
 * A toy residuals table computed by hand in the tests: fourteen runs in three regimes.
 * <ul>
 *   <li>{@code megatron/65-1024/30B+}: nine runs, residuals −0.2 −0.1 −0.05 0 0.05 0.1 0.15 0.2 0.3 (its own
 *       P10–P90: −0.2 … 0.3, the range, as n = 9);</li>
 *   <li>{@code megatron/1-8/0-3B}: two runs, 0.4 and 0.5 — pooled into the Megatron family (eleven runs: P10 at
 *       h = 1.2, −0.2 + 0.2 × 0.1 = −0.18; P90 at h = 10.8, 0.4 + 0.8 × 0.1 = 0.48);</li>
 *   <li>{@code fsdp-zero/1-8/3-30B}: three runs, −0.3 0.6 0.1 — its family has three, so all fourteen (P10 at
 *       h = 1.5, −0.3 + 0.5 × 0.1 = −0.25; P90 at h = 13.5, 0.5 + 0.5 × 0.1 = 0.55).</li>
 * </ul>
 * MFUs: the big Megatron cell on 512 H100s at 0.40 + i/100 (best 0.48, run m8); the small one on 8 H100s at 0.30 and
 * 0.31, with an adapter run at 0.70 that is not credible; the FSDP runs on A100s.
 */
final class Toy {
    private Toy() {}

    static final Intervals.Provenance PROVENANCE = new Intervals.Provenance("2026-01-02",
            "./lsdt validate --runs toy.csv --write-intervals toy.yaml", "toy model",
            List.of(new Intervals.Input("toy.csv", 20, 15)));

    static List<ValidatedRun> runs() {
        List<ValidatedRun> out = new ArrayList<>();
        double[] big = {-0.2, -0.1, -0.05, 0, 0.05, 0.1, 0.15, 0.2, 0.3};
        for (int i = 0; i < big.length; i++) {
            out.add(run("m" + i, "Source A", "h100-sxm", Numerics.BF16, 512, Regime.Family.MEGATRON, 70e9, 8, 4,
                    big[i], 0.40 + i / 100.0, true));
        }
        out.add(run("s0", "Source B", "h100-sxm", Numerics.BF16, 8, Regime.Family.MEGATRON, 1.3e9, 1, 1, 0.4, 0.30,
                true));
        out.add(run("s1", "Source B", "h100-sxm", Numerics.BF16, 8, Regime.Family.MEGATRON, 1.3e9, 1, 1, 0.5, 0.31,
                true));
        out.add(run("f0", "Source C", "a100-sxm-80gb", Numerics.BF16, 4, Regime.Family.FSDP_ZERO, 8e9, 1, 1, -0.3,
                0.50, true));
        out.add(run("f1", "Source C", "a100-sxm-80gb", Numerics.BF16, 4, Regime.Family.FSDP_ZERO, 8e9, 1, 1, 0.6,
                0.55, true));
        out.add(run("lora", "Source C", "h100-sxm", Numerics.BF16, 8, Regime.Family.FSDP_ZERO, 8e9, 1, 1, 0.1, 0.70,
                false));
        return out;
    }

    static Intervals table() {
        return Intervals.build(runs(), Intervals.MIN_ROWS, PROVENANCE);
    }

    static ValidatedRun run(String id, String source, String device, Numerics numerics, long devices,
            Regime.Family family, double params, int tp, int pp, double residual, double mfu, boolean credible) {
        return new ValidatedRun(id, source, new Configuration(device, numerics, devices, family, params, tp, pp, 1, 1),
                residual, mfu, credible);
    }
}
