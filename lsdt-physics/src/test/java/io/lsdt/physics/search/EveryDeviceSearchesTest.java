package io.lsdt.physics.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.physics.Physics;
import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.catalog.Device;
import io.lsdt.physics.catalog.Model;
import io.lsdt.physics.catalog.Precision;
import io.lsdt.physics.design.Hardware;
import io.lsdt.physics.design.Numerics;
import io.lsdt.physics.design.Prediction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every device of the catalog that the design layer can run (a 16-bit dense peak, memory capacity and bandwidth) gives
 * a real answer on a small model: a design that fits, with a finite step, ledger, memory and MFU. The RTX 4090 and
 * RTX A6000 had no link to their peers, so every exchange cost bytes / 0 B/s and every step was NaN.
 */
class EveryDeviceSearchesTest {
    private static final Catalog CATALOG = Catalog.builtIn();

    private static Numerics numerics(Device d) {
        return d.peakDense().containsKey(Precision.BF16) ? Numerics.BF16 : Numerics.FP16;
    }

    private static boolean runnable(Device d) {
        return (d.peakDense().containsKey(Precision.BF16) || d.peakDense().containsKey(Precision.FP16))
                && d.memoryCapacity() != null && d.memoryBandwidth() != null;
    }

    @Test
    void everyRunnableDeviceSearchesToAFiniteDesign() {
        Model.Architecture a = CATALOG.model("pythia-160m").architecture();
        DesignSearch search = new DesignSearch(Physics.stepModel());
        List<String> searched = new ArrayList<>();
        for (Device d : CATALOG.devices().values()) {
            if (!runnable(d)) {
                continue;
            }
            Hardware hw = Hardware.of(CATALOG, d.id(), numerics(d));
            assertThat(hw.scaleUpBandwidth() + hw.scaleOutBandwidth()).as(d.id()).isPositive();
            for (int gpus : new int[] {1, 8, 64}) {
                SearchResult r = search.search(SearchSpace.standard(a, hw, gpus, 256, numerics(d)), 3, 2, null);
                assertThat(r.best()).as("%s on %d: %s", d.id(), gpus, r.reason()).isNotEmpty();
                for (Prediction p : r.best()) {
                    String what = d.id() + " × " + gpus + " " + p.config();
                    assertThat(Double.isFinite(p.stepTime()) && p.stepTime() > 0).as(what).isTrue();
                    assertThat(Double.isFinite(p.memory().total())).as(what).isTrue();
                    double mfu = p.mfu(hw.peakFlops());
                    assertThat(mfu).as(what).isStrictlyBetween(0.0, 1.0);
                    // a part that is not finite makes the total so
                    assertThat(p.ledger().total()).as(what).isEqualTo(p.stepTime());
                }
            }
            searched.add(d.id());
        }
        // the data-centre GPUs, TPUs, Gaudis and the two workstation cards, each searched
        assertThat(searched).contains("h100-sxm", "b200", "mi300x", "tpu-v5p", "gaudi3", "v100-sxm2-32gb", "rtx-4090",
                "rtx-a6000");
        assertThat(searched).hasSize(18);
    }

    @Test
    void theWorkstationCardsReachTheirPeersOverPcie() {
        // no NVLink and no NIC of their own: the PCIe Gen4 x16 host link, 32 GB/s per direction, domains of one
        for (String id : new String[] {"rtx-4090", "rtx-a6000"}) {
            Hardware hw = Hardware.of(CATALOG, id, Numerics.BF16);
            assertThat(hw.scaleUpBandwidth()).isZero();
            assertThat(hw.scaleUpDomain()).isEqualTo(1);
            assertThat(hw.scaleOutBandwidth()).isEqualTo(32e9);
            assertThat(CATALOG.device(id).scaleOut().fabric()).isEqualTo("pcie4-x16");
        }
    }

    @Test
    void aStepThatIsNotFiniteIsADefectNamedWithItsDesignAndHardware() {
        // hardware built by hand without any link (the catalog refuses such a device): the search names the defect
        Model.Architecture a = CATALOG.model("pythia-160m").architecture();
        Hardware none = new Hardware("test-device", 1e15, 8e10, 2e12, 0, 1, 0, 1e-6, 5e-6);
        LsdtException e = catchThrowableOfType(LsdtException.class, () -> new DesignSearch(Physics.stepModel())
                .search(SearchSpace.standard(a, none, 8, 256, Numerics.BF16), 1, 1, null));
        assertThat(e.problem()).isEqualTo(Problem.INTERNAL);
        assertThat(e.isUserError()).isFalse();
        assertThat(e.getMessage()).startsWith("internal error: design.t_step = NaN for ")
                .contains(" on 8 × test-device (peak 1.0E15 FLOP/s, memory 8.0E10 B at 2.0E12 B/s, scale-up 0.0 B/s in "
                        + "domains of 1, scale-out 0.0 B/s): a non-finite value from finite, checked inputs");
        // and threads below one are refused by name
        LsdtException t = catchThrowableOfType(LsdtException.class, () -> new DesignSearch(Physics.stepModel())
                .search(SearchSpace.standard(a, Hardware.of(CATALOG, "h100-sxm", Numerics.BF16), 8, 256,
                        Numerics.BF16), 1, 0, null));
        assertThat(t.getMessage()).isEqualTo("threads = 0: expected a whole number ≥ 1");
    }
}
