package io.lsdt.physics.design;

/** Pipeline schedules (Huang et al. 2019; Narayanan et al. 2021 §2.2). */
public enum Schedule {
    /** All forwards, then all backwards: bubble (p−1)/m, m micro-batches in flight. */
    GPIPE,
    /** One forward, one backward: bubble (p−1)/m, at most p micro-batches in flight. */
    ONE_F_ONE_B,
    /** 1F1B with v virtual stages per device: bubble (p−1)/(v·m). */
    INTERLEAVED_1F1B,
    /**
     * Zero-bubble ZB-H1 (Qi et al. 2024, ICLR, Table 2): the backward split into B (activation gradient) and W (weight
     * gradient), the W's deferred to fill the cool-down: bubble (p−1)(T_F + T_B − T_W) against 1F1B's
     * (p−1)(T_F + T_B + T_W), a third of it when the three are equal; peak activation memory p·M_B as 1F1B.
     */
    ZB_H1;

    /**
     * The schedule's key.
     *
     * @return the key used in briefs and the graph
     */
    public String key() {
        return switch (this) {
            case GPIPE -> "gpipe";
            case ONE_F_ONE_B -> "1f1b";
            case INTERLEAVED_1F1B -> "interleaved";
            case ZB_H1 -> "zb-h1";
        };
    }
}
