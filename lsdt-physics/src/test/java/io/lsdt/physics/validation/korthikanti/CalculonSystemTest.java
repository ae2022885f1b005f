package io.lsdt.physics.validation.korthikanti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.physics.Close;
import io.lsdt.physics.TestFiles;
import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.design.Hardware;
import io.lsdt.physics.design.Numerics;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Calculon's two A100 systems: what they say, how they differ, and that the catalog device is the same node. */
class CalculonSystemTest {
    private static final CalculonSystem G = CalculonSystem.resource(KorthikantiSuite.SYSTEM_TABLE5);
    private static final CalculonSystem E = CalculonSystem.resource(KorthikantiSuite.SYSTEM_FIGURES);

    @Test
    void a100_80gDescribesTheSeleneNode() {
        // calculon systems/a100_80g.json: 312 TFLOP/s FP16, 80 GiB at 2048 GB/s, NVLink 300 GB/s × 8, IB 25 GB/s
        assertThat(G.matrix().get("float16").tflops()).isEqualTo(312);
        assertThat(G.vector().get("float16").tflops()).isEqualTo(78);
        assertThat(G.mem1().gib()).isEqualTo(80);
        assertThat(G.mem1().gbps()).isEqualTo(2048);
        assertThat(G.processingMode()).isEqualTo("no_overlap");
        assertThat(G.networks()).hasSize(2);
        assertThat(G.networks().get(0).bandwidth()).isEqualTo(300);
        assertThat(G.networks().get(0).size()).isEqualTo(8);
        assertThat(G.networks().get(0).ops().get("all_reduce")).containsExactly(2.0, -1.0);
        assertThat(G.networks().get(0).ops().get("p2p")).containsExactly(1.0, null);
        assertThat(G.networks().get(1).bandwidth()).isEqualTo(25);
        assertThat(G.networks().get(1).size()).isEqualTo(65536);
        assertThat(G.matrix().get("float16").efficiency(200e9)).isEqualTo(0.95);
        assertThat(G.matrix().get("float16").efficiency(20e9)).isEqualTo(0.9);
        assertThat(G.mem1().efficiency(5e6)).isEqualTo(0.6);
    }

    @Test
    void theCatalogDeviceIsTheSameNode() {
        Hardware hw = Hardware.of(Catalog.builtIn(), KorthikantiSuite.DEVICE, Numerics.FP16);
        assertThat(hw.peakFlops()).isEqualTo(G.matrix().get("float16").tflops() * 1e12);
        assertThat(hw.scaleUpBandwidth()).isEqualTo(G.networks().get(0).bandwidth() * 1e9);
        assertThat(hw.scaleUpDomain()).isEqualTo(G.networks().get(0).size());
        assertThat(hw.scaleOutBandwidth()).isEqualTo(G.networks().get(1).bandwidth() * 1e9); // 200 Gb/s HDR
        // HBM: NVIDIA datasheet 2039 GB/s in the catalog, Calculon rounds to 2048 GB/s (0.44 % apart)
        Close.relative(hw.memoryBandwidth(), G.mem1().bandwidth(), 0.005, "HBM bandwidth");
    }

    @Test
    void a100_80eDiffersOnlyInEfficienciesAndCapacity() {
        assertThat(E.matrix().get("float16").gflopsEfficiency())
                .containsExactly(List.of(128.0, 0.99), List.of(16.0, 0.9), List.of(1.0, 0.6), List.of(0.0, 0.1));
        assertThat(E.mem1().mbEfficiency())
                .containsExactly(List.of(100.0, 0.95), List.of(10.0, 0.90), List.of(1.0, 0.7), List.of(0.0, 0.3));
        assertThat(E.mem1().gib()).isEqualTo(80e9); // capacity large enough to accept the no-recompute runs
        assertThat(E.mem1().capacityBytes()).isGreaterThan(1e19);
        // everything else is identical
        assertThat(E.matrix().get("float16").tflops()).isEqualTo(G.matrix().get("float16").tflops());
        assertThat(E.vector()).isEqualTo(G.vector());
        assertThat(E.mem1().gbps()).isEqualTo(G.mem1().gbps());
        assertThat(E.mem2()).isEqualTo(G.mem2());
        assertThat(E.processingMode()).isEqualTo(G.processingMode());
        assertThat(E.networks()).isEqualTo(G.networks());
    }

    @Test
    void strictReading() {
        String text = CalculonFiles.text("systems/a100_80g.json");
        LsdtException e = catchThrowableOfType(LsdtException.class, () -> CalculonJson.parse(CalculonFiles.bytes(
                TestFiles.replaceOnce(text, "\"must_be_filled\": true,", "\"must_be_filled\": true, \"hops\": 1,")),
                "bad.json", CalculonSystem.class, "Calculon system"));
        assertThat(e).isNotNull();
        assertThat(e.problem()).isEqualTo(Problem.UNKNOWN_FIELD);
        assertThat(e.getMessage()).contains("networks[0].hops");
        LsdtException m = catchThrowableOfType(LsdtException.class, () -> CalculonJson.parse(CalculonFiles.bytes(
                TestFiles.replaceOnce(text, "\"GBps\": 2048,", "")), "bad.json", CalculonSystem.class,
                "Calculon system"));
        assertThat(m).isNotNull();
        assertThat(m.problem()).isEqualTo(Problem.MISSING_FIELD);
        assertThat(m.getMessage()).contains("mem1.GBps");
    }
}
