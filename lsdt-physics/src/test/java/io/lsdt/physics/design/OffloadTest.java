package io.lsdt.physics.design;

import static io.lsdt.physics.design.DesignProbe.MODEL;
import static io.lsdt.physics.design.DesignProbe.arch;
import static io.lsdt.physics.design.DesignProbe.cfg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.physics.Close;
import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.catalog.Model;
import org.junit.jupiter.api.Test;

/**
 * Offload of the training state to host memory (ZeRO-Offload, Ren et al. 2021; PyTorch FSDP CPUOffload), by hand.
 * Hardware: the round test GPU (1 PFLOP/s, 80 GB, 2 TB/s HBM; 8-GPU domains, 400 / 50 GB/s links, no latency) on a
 * host with a 32 GB/s link per GPU and 50 GB/s of DRAM per GPU. State: Megatron's mixed-precision Adam (2 B weights,
 * 4 B gradients reduced in fp32, 12 B optimizer state).
 */
class OffloadTest {
    private static final Hardware HW = new Hardware("test-gpu", 1e15, 80e9, 2e12, 4e11, 8, 5e10, 0, 0, 1e15, 32e9,
            50e9);
    private static final Model.Architecture L7 = arch("llama2-7b");

    @Test
    void optimizerOffloadFreesTheStateAndRunsAdamOnTheHost() {
        ParallelConfig onDevice = cfg(1, 1, 1, 8, 1, 1, 1, 8, 1, Recompute.NONE, false, true);
        DesignProbe.Probe d = DesignProbe.probe(MODEL, L7, HW, onDevice);
        DesignProbe.Probe h = DesignProbe.probe(MODEL, L7, HW, onDevice.withOffload(Offload.OPTIMIZER));
        double shard = d.get("design.params_gpu") / 8; // ZeRO-1 over DP 8
        Close.relative(d.get("design.mem_opt"), shard * 12, 1e-12, "12 B per parameter of the shard on the device");
        assertThat(h.get("design.mem_opt")).isZero();
        // Adam's traffic, 2·12 + 3·4 + 2 = 38 B per parameter, at HBM (2 TB/s) on the device, at the host's DRAM
        // (50 GB/s) offloaded, plus the 4 B gradient to the host and the 2 B weight back over 32 GB/s
        Close.relative(d.get("design.t_optimizer"), shard * 38 / 2e12, 1e-12, "device Adam");
        Close.relative(h.get("design.t_optimizer"), shard * (38 / 50e9 + 6 / 32e9), 1e-12, "host Adam and PCIe");
        // 6.738 G / 8 = 842 M parameters: 0.016 s on the device, 0.798 s offloaded: (38/50 + 6/32) / (38/2000) = 49.87×
        assertThat(h.get("design.t_optimizer") / d.get("design.t_optimizer")).isCloseTo(49.87,
                org.assertj.core.api.Assertions.within(0.01));
    }

    @Test
    void parameterOffloadKeepsTwoUnitsOnTheDeviceAndCopiesEachShardPerPass() {
        ParallelConfig fsdp = cfg(1, 1, 1, 8, 1, 1, 1, 8, 3, Recompute.NONE, false, true);
        DesignProbe.Probe d = DesignProbe.probe(MODEL, L7, HW, fsdp);
        DesignProbe.Probe h = DesignProbe.probe(MODEL, L7, HW, fsdp.withOffload(Offload.PARAMETERS));
        double p = d.get("design.params_gpu");
        double unit = d.get("design.params_layer_gpu");
        Close.relative(unit, p / 32, 1e-12, "one of 32 layers");
        Close.relative(h.get("design.mem_weights"), 2 * unit * 2, 1e-12, "the unit in use and the prefetched one");
        Close.relative(h.get("design.mem_grads"), unit * 4, 1e-12, "one unit's gradient");
        assertThat(h.get("design.mem_opt")).isZero();
        // forward: the 2 B shard of every unit to the device, p/8 · 2 B over 32 GB/s, before the gathers
        Close.relative(h.get("design.t_dp_fwd_mb") - d.get("design.t_dp_fwd_mb"), p / 8 * 2 / 32e9, 1e-12, "H2D");
        // backward: the shard again and its 4 B gradient back
        Close.relative(h.get("design.t_dp_bwd_mb") - d.get("design.t_dp_bwd_mb"), p / 8 * (2 + 4) / 32e9, 1e-12,
                "H2D and D2H");
    }

    @Test
    void parametersLiveOnTheHostOnlyWhenSharded() {
        ParallelConfig zero1 = cfg(1, 1, 1, 8, 1, 1, 1, 8, 1, Recompute.NONE, false, true)
                .withOffload(Offload.PARAMETERS);
        assertThatThrownBy(() -> zero1.validate(32, 32, 32, 0)).isInstanceOfSatisfying(LsdtException.class,
                e -> assertThat(e.getMessage()).contains("offload").contains("ZeRO 3"));
    }

    @Test
    void catalogHostsAreSourcedAndOthersTakeTheStatedDefault() {
        Catalog c = Catalog.builtIn();
        // DGX A100: 2 × EPYC 7742 × 204.8 GB/s over 8 GPUs; PCIe Gen4 64 GB/s bidirectional
        Hardware a100 = Hardware.of(c, "a100-sxm-80gb", Numerics.BF16);
        assertThat(a100.hostMemoryBandwidth()).isEqualTo(51.2e9);
        assertThat(a100.hostLinkBandwidth()).isEqualTo(32e9);
        Hardware h100 = Hardware.of(c, "h100-sxm", Numerics.BF16);
        assertThat(h100.hostMemoryBandwidth()).isEqualTo(76.8e9);
        assertThat(h100.hostLinkBandwidth()).isEqualTo(64e9);
        Hardware mi300x = Hardware.of(c, "mi300x", Numerics.BF16);
        assertThat(mi300x.hostLinkBandwidth()).isEqualTo(31.5e9);
        assertThat(c.collectives().hostLink().source().isEstimate()).isTrue();
    }
}
