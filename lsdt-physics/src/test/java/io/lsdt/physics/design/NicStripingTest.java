package io.lsdt.physics.design;

import static io.lsdt.physics.design.DesignProbe.MODEL;
import static io.lsdt.physics.design.DesignProbe.arch;
import static io.lsdt.physics.design.DesignProbe.cfg;
import static org.assertj.core.api.Assertions.assertThat;

import io.lsdt.physics.Close;
import io.lsdt.physics.comm.CommScope;
import org.junit.jupiter.api.Test;

/**
 * A data-parallel ring across nodes stripes its channels over the NICs of its GPUs in each node (NVIDIA/nccl issues
 * #569, #652, #412): with k members per node each member's scale-out share runs at k · bw_out, up to the scale-up
 * bandwidth. Hardware: 8-GPU domains, 400 GB/s scale-up and 50 GB/s scale-out per GPU per direction, no latency;
 * calibration {@link DesignProbe#CAL} (links 0.8 / 0.9).
 */
class NicStripingTest {
    private static final Hardware HW = new Hardware("test-gpu", 1e15, 80e9, 2e12, 4e11, 8, 5e10, 0, 0);

    @Test
    void theDataParallelRingRunsAtItsMembersPerNodeTimesTheNic() {
        // TP 2 × DP 16 on 32 GPUs (ZeRO 1): each DP group has 8 / 2 = 4 members per node, so its reduce-scatter
        // runs at min(4 × 50, 400) = 200 GB/s, 0.9 of it achieved: (n − 1)/n · S / 1.8e11 with S = params_gpu · 4 B
        DesignProbe.Probe p = DesignProbe.probe(MODEL, arch("llama2-7b"), HW,
                cfg(2, 1, 1, 16, 1, 1, 1, 16, 1, Recompute.NONE, true, false));
        assertThat(p.get("design.shard_local")).isEqualTo(4.0);
        assertThat(p.get("design.dp_grad_comm.k")).isEqualTo(4.0);
        Close.relative(p.get("design.dp_grad_comm.bw"), 2e11, 1e-12, "4 NICs");
        double s = p.get("design.params_gpu") * p.get("design.b_grad_comm");
        Close.relative(p.get("design.dp_grad_comm.t_reduce_scatter"), 15.0 / 16 * s / 1.8e11, 1e-12, "RS");
        // the simulator picks its links in Java: the same rate
        assertThat(CommScope.ringBandwidth(true, 4, 4e11, 5e10)).isEqualTo(p.get("design.dp_grad_comm.bw"));
    }

    @Test
    void eightMembersPerNodeAreCappedByTheScaleUpLinkAndPointToPointTakesOneNic() {
        // TP 1 × DP 16: 8 members per node, min(8 × 50, 400) = 400 GB/s, the NVLink rate; the pipeline's
        // point-to-point leaves by one NIC (k = 1) whatever the layout
        DesignProbe.Probe p = DesignProbe.probe(MODEL, arch("llama2-7b"), HW,
                cfg(1, 2, 1, 16, 1, 1, 1, 32, 1, Recompute.NONE, true, false));
        assertThat(p.get("design.dp_grad_comm.k")).isEqualTo(8.0);
        Close.relative(p.get("design.dp_grad_comm.bw"), 4e11, 1e-12, "capped");
        assertThat(p.get("design.pp_comm.k")).isEqualTo(1.0);
        Close.relative(p.get("design.pp_comm.bw"), 5e10, 1e-12, "one NIC");
        assertThat(CommScope.ringBandwidth(true, 8, 4e11, 5e10)).isEqualTo(4e11);
        assertThat(CommScope.ringBandwidth(false, 8, 4e11, 5e10)).isEqualTo(4e11);
        // a device without a scale-up link: the design reads its scale-out link for both, so no striping gain
        assertThat(CommScope.ringBandwidth(true, 8, 0, 5e10)).isEqualTo(5e10);
    }
}
