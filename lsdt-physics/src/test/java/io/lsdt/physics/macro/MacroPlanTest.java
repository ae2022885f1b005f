package io.lsdt.physics.macro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.unit.Units;
import io.lsdt.physics.catalog.Catalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training job through the macro section, every number recomputed here by hand from the catalog's sourced defaults
 * (macro.yaml): PUE 1.10 (Google 2024), idle 30 % of TDP (MLSys·im), host 575 W per GPU (DGX H100 10.2 kW), US grid
 * 348 g/kWh (eGRID2023), GPU MTBF 50,677 h (Llama 3 Table 5), restart 10 min (MegaScale), step cv 0.02 (assumption),
 * H100 at $4.916 per hour (AWS Capacity Blocks), embodied 462.5 kg per GPU over 5 years (BLOOM; Epoch).
 */
class MacroPlanTest {
    // 1,024 H100 (700 W) in nodes of 8, a 10 s step of 4M tokens, 1e5 steps, MFU 0.4, 30 s checkpoint writes
    static final MacroPlan.Job JOB = new MacroPlan.Job(1024, 8, 10.0, 4.0e6, 4.0e11, 1.0e18, "h100-sxm", 700, 0.4,
            30, Catalog.builtIn().device("h100-sxm").listPrice(), "test job");

    @Test
    void rentedJobByHand() {
        MacroResult m = MacroPlan.evaluate(io.lsdt.physics.Physics.registry(), MacroSettings.DEFAULTS, JOB);
        assertThat(m.ownership()).isEqualTo("rented");
        assertThat(m.region().id()).isEqualTo("us-average");
        // power: 700 · (0.3 + 0.7 · 0.4) = 406 W per device + 575 W host = 981 W; × 1,024 = 1,004,544 W IT; × 1.10
        assertThat(m.value("thermal.dc.total_power")).isCloseTo(1_004_544 * 1.10, within(1e-6));
        assertThat(m.value("thermal.dc.pue")).isCloseTo(1.10, within(1e-12));
        // stragglers: Blom e_1024 = 3.234 → expected step 10 · (1 + 0.02 · 3.234) = 10.647 s
        double step = m.value("tail.step.expected");
        assertThat(step).isCloseTo(10 * (1 + 0.02 * 3.234), within(0.001));
        // reliability: M = 50,677 h / 1,024 (the node term, 1e9 h, adds 128e-9 /h); δ = 30 s; R = 600 s
        double mh = 1 / (1024 / 50677.0 + 128 / 1e9);
        double msec = mh * 3600;
        assertThat(m.value("rel.fleet.mtbf")).isCloseTo(msec, within(1e-6));
        double tau = Math.sqrt(2 * 30 * msec) * (1 + Math.sqrt(30 / (2 * msec)) / 3 + 30 / (18 * msec)) - 30;
        assertThat(m.value("rel.ckpt.interval")).isCloseTo(tau, within(1e-9));
        double ratio = msec / tau * Math.exp(600 / msec) * (Math.exp((tau + 30) / msec) - 1);
        assertThat(m.value("rel.goodput")).isCloseTo(1 / ratio, within(1e-12));
        // time: 1e5 steps × expected step / goodput
        double wall = 1e5 * step * ratio;
        assertThat(m.value("training.wallclock")).isCloseTo(wall, within(wall * 1e-12));
        assertThat(m.value("rel.expected_failures")).isCloseTo(wall / msec, within(1e-9));
        // cost: 1,024 × $4.916/h × wall; energy is inside the rent
        assertThat(m.value("econ.run.total_cost")).isCloseTo(1024 * 4.916 / 3600 * wall, within(1e-4));
        assertThat(m.value("econ.run.power_cost")).isZero();
        assertThat(m.value("econ.cost.per_token")).isCloseTo(1024 * 4.916 / 3600 * wall / 4e11, within(1e-15));
        // energy and carbon: facility W × wall; 0.348 kg/kWh; embodied 1,024 × 462.5 kg × wall / 5 yr
        double energy = 1_004_544 * 1.10 * wall;
        assertThat(m.value("sust.energy.facility")).isCloseTo(energy, within(energy * 1e-12));
        assertThat(m.value("sust.co2.operational")).isCloseTo(energy / 3.6e6 * 0.348, within(1e-6));
        double fiveYears = Units.parse("yr").toSi(5);
        assertThat(m.value("sust.co2.embodied")).isCloseTo(1024 * 462.5 * wall / fiveYears, within(1e-6));
        // water: 0.30 L per IT kWh on site + 3.14 L per facility kWh off site (assumption); SI is m³
        assertThat(m.value("sust.water.total") * 1000).isCloseTo(0.30 * 1_004_544 * wall / 3.6e6
                + 3.14 * energy / 3.6e6, within(1e-3));
        assertThat(m.inputs()).anyMatch(i -> i.variable().equals("tail.step.cv") && i.assumption());
    }

    @Test
    void ownedJobPaysDepreciationEnergyAndMaintenance(@TempDir Path dir) throws IOException {
        Path brief = dir.resolve("b.yaml");
        Files.writeString(brief, "macro:\n  region: us-pjm\n  ownership: owned\n  gpu_price: 25000 USD\n");
        MacroResult m = MacroPlan.evaluate(io.lsdt.physics.Physics.registry(), MacroSettings.read(brief), JOB);
        double wall = m.value("training.wallclock");
        // IT capex: 128 servers × 1.64 × 8 × $25,000 = $41.984 M; interconnect 0.19 of the total → / 0.81
        double servers = 128 * 1.64 * 8 * 25000.0;
        double it = servers / 0.81;
        double facility = 11.7 * 1_004_544 * 1.10;
        double yr = Units.parse("yr").toSi(1);
        double rate = it / (5 * yr) + facility / (20 * yr);
        assertThat(m.value("econ.run.hw_cost")).isCloseTo(rate * wall, within(1e-3));
        // energy at Virginia's industrial $0.0892/kWh
        assertThat(m.value("econ.run.power_cost")).isCloseTo(0.0892 * 1_004_544 * 1.10 * wall / 3.6e6,
                within(1e-3));
        // maintenance 5 %/yr of all capital; no staff, carbon, water or egress by default
        assertThat(m.value("econ.run.opex_misc_cost")).isCloseTo(0.05 * (it + facility) / yr * wall, within(1e-3));
        // Virginia's grid: 324.8 g/kWh
        assertThat(m.value("sust.co2.operational")).isCloseTo(m.value("sust.energy.facility") / 3.6e6 * 0.3248,
                within(1e-6));
    }

    @Test
    void stragglersCostMoreAtScale() {
        // Blom: e_1024 = 3.234, e_16384 = 3.956, e_131072 = 4.427; kept = 1 / (1 + cv · e)
        assertThat(MacroPlan.stragglerEfficiency(io.lsdt.physics.Physics.registry(), 0.02, 1024)).isCloseTo(1 / (1 + 0.02 * 3.234), within(1e-4));
        assertThat(MacroPlan.stragglerEfficiency(io.lsdt.physics.Physics.registry(), 0.02, 16384)).isCloseTo(1 / (1 + 0.02 * 3.956), within(1e-4));
        assertThat(MacroPlan.stragglerEfficiency(io.lsdt.physics.Physics.registry(), 0.02, 131072)).isCloseTo(1 / (1 + 0.02 * 4.427), within(1e-4));
    }

    @Test
    void badMacroInputIsRefusedWithFieldValueAndHint(@TempDir Path dir) throws IOException {
        Path b = dir.resolve("b.yaml");
        Files.writeString(b, "macro:\n  pue: 0.9\n");
        assertThatThrownBy(() -> MacroSettings.read(b)).isInstanceOf(LsdtException.class)
                .hasMessageContaining("macro.pue").hasMessageContaining("0.9").hasMessageContaining("at least 1");
        Files.writeString(b, "macro:\n  power_price: -0.1 USD/kWh\n");
        assertThatThrownBy(() -> MacroSettings.read(b)).hasMessageContaining("macro.power_price")
                .hasMessageContaining("-0.1").hasMessageContaining("cannot be negative");
        Files.writeString(b, "macro:\n  gpu_mtbf: 0 h\n");
        assertThatThrownBy(() -> MacroSettings.read(b)).hasMessageContaining("macro.gpu_mtbf")
                .hasMessageContaining("50677 h");
        Files.writeString(b, "macro:\n  region: us-pjn\n");
        assertThatThrownBy(() -> MacroSettings.read(b)).hasMessageContaining("unknown region 'us-pjn'")
                .hasMessageContaining("us-pjm");
        Files.writeString(b, "macro:\n  regoin: us-pjm\n");
        assertThatThrownBy(() -> MacroSettings.read(b)).hasMessageContaining("regoin")
                .hasMessageContaining("region");
        Files.writeString(b, "macro:\n  region: eu-27\n  ownership: owned\n");
        MacroSettings eu = MacroSettings.read(b);
        assertThatThrownBy(() -> MacroPlan.evaluate(io.lsdt.physics.Physics.registry(), eu, JOB)).hasMessageContaining("macro.power_price")
                .hasMessageContaining("eu-27");
    }

    @Test
    void everyRegionAndDefaultIsSourced() {
        MacroCatalog c = MacroCatalog.bundled();
        assertThat(c.regions()).hasSizeGreaterThanOrEqualTo(20);
        c.regions().values().forEach(r -> assertThat(r.carbon()).as(r.id()).isNotNull());
        // eGRID2023 PJM: 716.09 lb/MWh × 0.45359 = 324.8 g/kWh
        assertThat(c.region("us-pjm").carbon().si() * 3.6e6 * 1000).isCloseTo(716.09 * 0.45359, within(0.05));
        assertThat(c.region("norway").carbon().si()).isLessThan(c.region("poland").carbon().si());
        for (String k : MacroCatalog.DEFAULT_UNITS.keySet()) {
            assertThat(c.defaultValue(k).source()).as(k).isNotNull();
        }
        assertThat(c.defaultValue("step_time_cv").source().isEstimate()).isTrue();
        assertThat(c.defaultValue("pue").source().isEstimate()).isFalse();
    }
}
