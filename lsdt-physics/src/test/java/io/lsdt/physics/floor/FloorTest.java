package io.lsdt.physics.floor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.query.Cones;
import io.lsdt.graph.resolve.ConstraintCheck;
import io.lsdt.physics.Physics;
import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.catalog.Device;
import io.lsdt.physics.catalog.Sourced;
import io.lsdt.physics.design.Hardware;
import io.lsdt.physics.design.Numerics;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The physical floor of each device in silicon.yaml against its datasheet. Every expected value below is the
 * whitepaper's own arithmetic, done by hand here, with the source cited.
 */
class FloorTest {
    private static final Catalog CATALOG = Catalog.builtIn();

    private static Floor floor(String id) {
        return Floor.of(Physics.registry(), CATALOG, id);
    }

    private static ConstraintCheck.Status check(Floor f, String name) {
        return f.checks().stream().filter(c -> c.constraint().name().equals(name)).findFirst().orElseThrow()
                .status();
    }

    @Test
    void a100PeakAndBandwidthAreTheWhitepaperArithmetic() {
        // NVIDIA A100 whitepaper: 108 SMs x 4 Tensor Cores x 256 FP16 FMA/clk x 2 FLOP x 1410 MHz = 311.9 TFLOP/s,
        // the datasheet's 312; 5120-bit HBM2 at 1215 MHz DDR (2.43 Gb/s) = 1555.2 GB/s, the datasheet's 1555;
        // 12 NVLinks x 25 GB/s = 300 GB/s per direction; PCIe Gen4 x16 = 16 x 16 GT/s x 128/130 / 8 = 31.5 GB/s
        Floor f = floor("a100-sxm-40gb");
        assertThat(f.value("chip.peak")).isCloseTo(311.87e12, within(0.01e12));
        assertThat(f.value("chip.peak_gap")).isCloseTo(311.87 / 312 - 1, within(1e-4));
        assertThat(f.value("hbm.bw")).isCloseTo(1555.2e9, within(0.1e9));
        assertThat(f.value("hbm.capacity")).isEqualTo(40e9);
        assertThat(f.value("links.scale_up_bw")).isEqualTo(300e9);
        assertThat(f.value("links.pcie_bw")).isCloseTo(31.51e9, within(0.01e9));
        assertThat(f.violated()).isEmpty();
    }

    @Test
    void h100SxmPeakIs132SmsTimes4096FlopAt183GHz() {
        // H100 whitepaper Table 3: 989.4 TFLOP/s dense BF16 = 132 SMs x 4 Tensor Cores x 512 dense FMA/clk x 2 x
        // 1.83 GHz. (132 x 1,024 x 2 FLOP/clk would be A100's rate per SM and give half of it.)
        Floor f = floor("h100-sxm");
        assertThat(f.value("chip.peak")).isCloseTo(132 * 4096 * 1.83e9, within(1e6));
        assertThat(f.value("chip.peak")).isCloseTo(989.4e12, within(0.1e12));
        // 18 NVLink4 x 25 GB/s = 450 GB/s per direction (datasheet 900 GB/s bidirectional)
        assertThat(f.value("links.scale_up_bw")).isEqualTo(450e9);
        // roofline ridge: 989.4 TFLOP/s / 3.35 TB/s (the per-pin rate is back-solved from it) = 295 FLOP/B
        assertThat(f.value("hbm.ridge")).isCloseTo(295.4, within(0.5));
        assertThat(f.value("hbm.capacity")).isEqualTo(80e9);
        assertThat(f.violated()).isEmpty();
    }

    @Test
    void mi300xIsTheCdna3Arithmetic() {
        // AMD CDNA 3 whitepaper: 304 CUs x 2048 FLOP/clk x 2.1 GHz = 1307.4 TFLOP/s; 8 HBM3 stacks x 1024 pins x
        // 5.2 Gb/s = 5324.8 GB/s against the datasheet's 5.3 TB/s (+0.47 %); 7 IF links x 64 GB/s = 448 GB/s
        Floor f = floor("mi300x");
        assertThat(f.value("chip.peak")).isCloseTo(1307.4e12, within(0.1e12));
        assertThat(f.value("hbm.bw")).isCloseTo(5324.8e9, within(0.1e9));
        assertThat(f.value("hbm.bw_gap")).isCloseTo(0.0047, within(0.0001));
        assertThat(f.value("hbm.capacity")).isEqualTo(192e9);
        assertThat(f.value("links.scale_up_bw")).isEqualTo(448e9);
        assertThat(f.violated()).isEmpty();
    }

    @Test
    void rtx4090AndJetsonOrinAreTheirDatasheetsArithmetic() {
        // Ada whitepaper: 128 SMs x 512 BF16 FLOP/clk (FP32 accumulate) x 2.52 GHz = 165.2 TFLOP/s; 384-bit GDDR6X
        // at 21 Gb/s = 1008 GB/s
        Floor ada = floor("rtx-4090");
        assertThat(ada.value("chip.peak")).isCloseTo(165.2e12, within(0.1e12));
        assertThat(ada.value("hbm.bw")).isEqualTo(1008e9);
        // Jetson AGX Orin 64GB data sheet: 16 SMs x 128 FP32 FMA x 2 x 1.3 GHz = 5.32 TFLOP/s (datasheet 5.3, +0.5 %);
        // 256-bit LPDDR5 at 6400 MT/s = 204.8 GB/s
        Floor orin = floor("jetson-agx-orin-64gb");
        assertThat(orin.value("chip.peak")).isCloseTo(5.325e12, within(0.001e12));
        assertThat(orin.value("hbm.bw")).isEqualTo(204.8e9);
        // no scale-up links: the link figures stay unresolved, their check unknown, not a false pass
        assertThat(orin.has("links.scale_up_bw")).isFalse();
        assertThat(check(orin, "links.ck.scale_up_matches")).isEqualTo(ConstraintCheck.Status.UNKNOWN);
        assertThat(orin.violated()).isEmpty();
    }

    @Test
    void everySiliconDeviceMeetsItsDatasheetWithinTwoPercentAndItsTdp() {
        for (String id : Silicon.builtIn().devices().keySet()) {
            Floor f = floor(id);
            assertThat(f.violated()).as(id).isEmpty();
            assertThat(Math.abs(f.value("chip.peak_gap"))).as(id).isLessThanOrEqualTo(Floor.TOLERANCE);
            assertThat(Math.abs(f.value("hbm.bw_gap"))).as(id).isLessThanOrEqualTo(Floor.TOLERANCE);
            assertThat(f.value("hbm.capacity")).as(id)
                    .isGreaterThanOrEqualTo(CATALOG.device(id).memoryCapacity().si());
        }
        // H100 SXM at peak: 989.4 TFLOP/s x 0.75 pJ x 0.25 = 185.5 W of arithmetic; 3.35 TB/s x 8 x 3.9 pJ = 104.5 W
        // of HBM; 290 W of its 700 W TDP
        Floor h = floor("h100-sxm");
        assertThat(h.value("joules.p_compute")).isCloseTo(185.5, within(0.1));
        assertThat(h.value("joules.p_hbm")).isCloseTo(104.5, within(0.2));
        assertThat(check(h, "joules.ck.tdp_holds")).isEqualTo(ConstraintCheck.Status.SATISFIED);
        // the TDP allows 700 W / 989.4 TFLOP/s = 0.707 pJ per FLOP: Horowitz's 45 nm 16-bit FLOP (0.75 pJ) would
        // not fit at all
        assertThat(h.value("joules.e_flop_budget")).isCloseTo(0.7075e-12, within(0.0005e-12));
    }

    @Test
    void aWrongSiliconFigureFailsItsCheck() {
        // the check can fail: A100 at H100's rate per SM gives twice its datasheet peak
        Floor f = Floor.of(Physics.registry(), CATALOG, Silicon.builtIn(), "a100-sxm-40gb",
                Map.of("chip.flop_per_clock", 4096.0));
        assertThat(check(f, "chip.ck.peak_matches")).isEqualTo(ConstraintCheck.Status.VIOLATED);
        assertThat(f.value("chip.peak_gap")).isCloseTo(0.9992, within(0.001));
    }

    @Test
    void aWhatIfScalesTheDatasheetHardwareByThePhysicsRatio() {
        Floor base = floor("h100-sxm");
        Floor what = Floor.of(Physics.registry(), CATALOG, Silicon.builtIn(), "h100-sxm",
                Map.of("chip.clock", 1.98e9, "hbm.stacks", 6.0));
        Hardware hw = Hardware.of(CATALOG, "h100-sxm", Numerics.BF16);
        Hardware w = what.scale(hw, base);
        assertThat(w.peakFlops() / hw.peakFlops()).isCloseTo(1.98 / 1.83, within(1e-12));
        assertThat(w.memoryBandwidth() / hw.memoryBandwidth()).isCloseTo(1.2, within(1e-12));
        assertThat(w.memoryBytes() / hw.memoryBytes()).isCloseTo(1.2, within(1e-12));
        assertThat(w.scaleUpBandwidth()).isEqualTo(hw.scaleUpBandwidth());
        // the catalog's own silicon changes nothing
        assertThat(base.scale(hw, base)).isEqualTo(hw);
    }

    @Test
    void onlyFloorRootsMayBeAssigned() {
        assertThatThrownBy(() -> Floor.of(Physics.registry(), CATALOG, Silicon.builtIn(), "h100-sxm",
                Map.of("chip.peak", 1e15))).isInstanceOf(LsdtException.class).hasMessageContaining("chip.clock");
        assertThatThrownBy(() -> floor("v100-sxm2-32gb")).isInstanceOf(LsdtException.class)
                .hasMessageContaining("silicon.yaml");
    }

    @Test
    void theStepTimeConeReachesTheFloor() {
        var up = Cones.cone(Physics.registry(), "design.t_step", Cones.Direction.UP);
        assertThat(up).contains("chip.clock", "chip.units", "chip.flop_per_clock", "hbm.pin_rate", "hbm.stacks",
                "links.count", "links.link_bw");
    }

    @Test
    void everySiliconFigureIsSourcedAndUnpublishedOnesAreEstimates() {
        for (Silicon.Entry e : Silicon.builtIn().devices().values()) {
            for (Map.Entry<String, Sourced> in : e.inputs().entrySet()) {
                assertThat(in.getValue().source()).as(e.deviceId() + " " + in.getKey()).isNotNull();
                if (in.getValue().note() != null && in.getValue().note().startsWith("back-solved")) {
                    assertThat(in.getValue().source().isEstimate()).as(e.deviceId() + " " + in.getKey()).isTrue();
                }
            }
            Device d = CATALOG.device(e.deviceId());
            assertThat(d.peakDense()).as(e.deviceId()).containsKey(e.precision());
        }
    }
}
