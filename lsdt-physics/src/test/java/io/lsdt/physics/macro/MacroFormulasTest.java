package io.lsdt.physics.macro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lsdt.graph.resolve.Assignments;
import io.lsdt.graph.resolve.Resolution;
import io.lsdt.graph.resolve.Resolver;
import io.lsdt.physics.Physics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The macro layer's equations against hand calculations and published figures, each with its source. Values go in
 * through the graph's own resolver, so these tests pin the equations as registered, units included.
 */
class MacroFormulasTest {

    static Resolution resolve(Map<String, String> variants, List<String> targets, String... assignments) {
        Assignments a = new Assignments(Physics.registry());
        for (String s : assignments) {
            a.parse(s);
        }
        return new Resolver(Physics.registry()).resolve(a.values(), variants, targets);
    }

    static Resolution resolve(String target, String... assignments) {
        return resolve(Map.of(), List.of(target), assignments);
    }

    // ---------------------------------------------------------------- reliability: Young 1974, Daly 2006

    @Test
    void youngIntervalIsTheSquareRootOfTwiceDumpTimesMtbf() {
        // Young 1974: τ = √(2δM); δ = 5 min, M = 24 h → √(2 · 300 s · 86,400 s) = 7,200 s = 120 min
        Resolution r = resolve("rel.ckpt.interval_young", "rel.ckpt.write_time=5 min", "rel.fleet.mtbf=24 h");
        assertThat(r.value("rel.ckpt.interval_young")).isCloseTo(7200.0, within(1e-9));
    }

    @Test
    void dalyIntervalReproducesDalysThreePublishedExamples() {
        // Daly 2006 (FGCS 22:303), figure captions: δ = 5 min, R = 10 min; M = 24 h → τopt = 117 min,
        // M = 6 h → 57 min, M = 15 min → 9.1 min. Eq. (37) gives 116.7, 56.7 and 9.14 min.
        double[][] cases = {{24 * 60, 116.7, 117}, {6 * 60, 56.7, 57}, {15, 9.14, 9.1}};
        for (double[] c : cases) {
            Resolution r = resolve("rel.ckpt.interval", "rel.ckpt.write_time=5 min", "rel.fleet.mtbf=" + c[0] + " min");
            double minutes = r.value("rel.ckpt.interval") / 60;
            assertThat(minutes).as("M = %s min", c[0]).isCloseTo(c[1], within(0.05));
            assertThat(Math.round(minutes * 10) / 10.0).isCloseTo(c[2], within(0.5));
            assertThat(r.approximations()).allMatch(v -> v.status() == io.lsdt.graph.resolve.ConstraintCheck.Status.SATISFIED);
        }
    }

    @Test
    void dalyApproximationIsFlaggedOutsideItsRange() {
        // eq. (37) holds for δ < 2M; a 1 h checkpoint with a 20 min fleet MTBF is outside it
        Resolution r = resolve("rel.ckpt.interval", "rel.ckpt.write_time=1 h", "rel.fleet.mtbf=20 min");
        assertThat(r.approximations()).anyMatch(v -> v.status() == io.lsdt.graph.resolve.ConstraintCheck.Status.VIOLATED);
    }

    @Test
    void wasteAndGoodputFollowDalysEquation20() {
        // Daly eq. (20): T_w/T_s = M e^{R/M} (e^{(τ+δ)/M} − 1) / τ. M = 24 h, δ = 5 min, R = 10 min, τ = Young's
        // 120 min: by hand 1440 · e^{10/1440} · (e^{125/1440} − 1) / 120 = 1.09113…
        double m = 1440;
        double expected = m * Math.exp(10 / m) * (Math.exp(125 / m) - 1) / 120;
        Resolution r = resolve("rel.goodput", "rel.ckpt.write_time=5 min", "rel.fleet.mtbf=24 h",
                "rel.restart_time=10 min", "rel.ckpt.interval=120 min");
        assertThat(expected).isCloseTo(1.09580, within(1e-5));
        assertThat(r.value("rel.waste_fraction")).isCloseTo(expected - 1, within(1e-12));
        assertThat(r.value("rel.goodput")).isCloseTo(1 / expected, within(1e-12));
    }

    @Test
    void fleetFailureRateAddsDevicesAndNodes() {
        // Llama 3 (arXiv:2407.21783) Table 5: 419 unexpected interruptions in 54 days on 16,384 GPUs, i.e. one per
        // 16,384 · 54 · 24 / 419 = 50,677 GPU-hours. Taken as the device MTBF with no separate node term, the fleet
        // MTBF is 50,677 / 16,384 h = 3.09 h and 54 days see 419 failures.
        double gpuMtbf = 16384.0 * 54 * 24 / 419;
        Resolution r = resolve(Map.of(), List.of("rel.fleet.mtbf", "rel.fleet.failure_rate"), "par.n_gpus=16384",
                "rel.gpu.mtbf=" + gpuMtbf + " h", "cluster.node.n_gpus=8", "rel.node.mtbf=1e30 h");
        assertThat(gpuMtbf).isCloseTo(50677, within(1.0));
        assertThat(r.value("rel.fleet.mtbf") / 3600).isCloseTo(3.093, within(1e-3));
        assertThat(r.value("rel.fleet.failure_rate") * 54 * 86400).isCloseTo(419, within(1e-6));
        // nodes add their own rate: 2,048 nodes at 100,000 h → +0.02048 per hour
        Resolution both = resolve("rel.fleet.failure_rate", "par.n_gpus=16384", "rel.gpu.mtbf=" + gpuMtbf + " h",
                "cluster.node.n_gpus=8", "rel.node.mtbf=100000 h");
        assertThat(both.value("rel.fleet.failure_rate") * 3600).isCloseTo(419.0 / (54 * 24) + 0.02048,
                within(1e-9));
    }

    // ---------------------------------------------------------------- stragglers: Blom 1958, order statistics

    @Test
    void expectedSlowestRankFollowsBlom() {
        // Blom 1958: E[max of n standard normals] ≈ Φ⁻¹((n − 0.375)/(n + 0.25)). Exact values by numerical
        // integration: n = 1,024 → 3.248, 16,384 → 3.971 (Blom 3.234, 3.956; research note §3). With a 1 s mean and a
        // 2 % coefficient of variation the slowest of 16,384 ranks takes 1 + 0.02 · 3.956 s.
        int[] n = {8, 1024, 16384, 131072};
        double[] blom = {1.434, 3.234, 3.956, 4.427};
        double[] exact = {1.424, 3.248, 3.971, 4.443};
        for (int i = 0; i < n.length; i++) {
            Resolution r = resolve("tail.step.expected", "tail.step.mean=1 s", "tail.step.cv=0.02",
                    "tail.step.ranks=" + n[i]);
            double e = (r.value("tail.step.expected") - 1) / 0.02;
            assertThat(e).as("n = %d", n[i]).isCloseTo(blom[i], within(5e-4));
            assertThat(e).isCloseTo(exact[i], within(0.02)); // Blom is within 0.02 of the exact mean
        }
    }

    @Test
    void percentilesOfTheSlowestRank() {
        // P(max ≤ t) = Φ(z)^n: the P99 of the slowest of n is Φ⁻¹(0.99^(1/n)). n = 1: Φ⁻¹(0.99) = 2.3263;
        // n = 1,000: Φ⁻¹(0.99^(1/1000)) = Φ⁻¹(1 − 1.005e-5) = 4.2638 (normal table).
        Resolution one = resolve(Map.of(), List.of("tail.step.p99", "tail.step.p999"), "tail.step.mean=1 s",
                "tail.step.cv=0.1", "tail.step.ranks=1");
        assertThat(one.value("tail.step.p99")).isCloseTo(1 + 0.1 * 2.326348, within(1e-6));
        assertThat(one.value("tail.step.p999")).isCloseTo(1 + 0.1 * 3.090232, within(1e-6));
        Resolution k = resolve("tail.step.p99", "tail.step.mean=1 s", "tail.step.cv=0.1", "tail.step.ranks=1000");
        assertThat(k.value("tail.step.p99")).isCloseTo(1 + 0.1 * 4.2638, within(1e-4));
        // efficiency = mean / expected; at 1 rank there is no straggler
        Resolution e = resolve("tail.step.efficiency", "tail.step.mean=1 s", "tail.step.cv=0.1",
                "tail.step.ranks=1");
        assertThat(e.value("tail.step.efficiency")).isCloseTo(1.0, within(1e-12));
    }

    // ---------------------------------------------------------------- queueing: Erlang C (Kleinrock 1975 §3.5)

    @Test
    void erlangCAndTheWaitingTimeTail() {
        // M/M/2 with a = 1 erlang: C(2, 1) = (1/2 · 2/(2 − 1)) / (1 + 1 + 1) = 1/3 by hand.
        // Mean wait W_q = C / (cμ − λ) = (1/3) · 1 s / (2 − 1) = 1/3 s. P99 wait = ln(C/0.01)/(cμ − λ) = ln(33.3) s.
        Resolution r = resolve(Map.of(), List.of("tail.queue.p_wait", "tail.queue.mean_wait", "tail.queue.p99_wait",
                "tail.queue.p99_latency"), "tail.queue.arrival_rate=1 1/s", "tail.queue.service_time=1 s",
                "tail.queue.servers=2");
        assertThat(r.value("tail.queue.p_wait")).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(r.value("tail.queue.mean_wait")).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(r.value("tail.queue.p99_wait")).isCloseTo(Math.log(100.0 / 3), within(1e-12));
        assertThat(r.value("tail.queue.p99_latency")).isCloseTo(1 + Math.log(100.0 / 3), within(1e-12));
        // M/M/1 reduces to C = ρ: λ = 0.8/s, service 1 s
        Resolution mm1 = resolve("tail.queue.p_wait", "tail.queue.arrival_rate=0.8 1/s",
                "tail.queue.service_time=1 s", "tail.queue.servers=1");
        assertThat(mm1.value("tail.queue.p_wait")).isCloseTo(0.8, within(1e-12));
        // an overloaded queue violates queue_stable
        Resolution over = resolve("tail.queue.utilization", "tail.queue.arrival_rate=3 1/s",
                "tail.queue.service_time=1 s", "tail.queue.servers=2");
        assertThat(over.violated()).extracting(c -> c.constraint().name()).contains("tail.ck.queue_stable");
    }

    // ---------------------------------------------------------------- serving: Kwon et al. 2023 (vLLM)

    @Test
    void kvCachePerTokenMatchesVllmsArithmetic() {
        // Kwon et al. 2023 §3: OPT-13B (40 layers, 40 heads × 128 = 5,120, fp16) needs 2 · 5120 · 40 · 2 = 800 KB
        // per token. Llama 3.1 8B (32 layers, 8 KV heads × 128, bf16): 131,072 B = 128 KiB; 70B (80 layers): 320 KiB.
        Resolution opt = resolve("serve.kv_per_token", "arch.layers=40", "arch.kv_heads=40", "arch.head_dim=128",
                "serve.kv_bytes=2 B");
        assertThat(opt.value("serve.kv_per_token")).isEqualTo(819_200.0);
        Resolution l8 = resolve("serve.kv_per_token", "arch.layers=32", "arch.kv_heads=8", "arch.head_dim=128",
                "serve.kv_bytes=2 B");
        assertThat(l8.value("serve.kv_per_token")).isEqualTo(131_072.0);
        Resolution l70 = resolve("serve.kv_per_token", "arch.layers=80", "arch.kv_heads=8", "arch.head_dim=128",
                "serve.kv_bytes=2 B");
        assertThat(l70.value("serve.kv_per_token")).isEqualTo(327_680.0);
        // OPT-13B at 2,048 tokens: "as much as 1.6 GB" per request
        Resolution req = resolve("serve.kv_cache", "arch.layers=40", "arch.kv_heads=40", "arch.head_dim=128",
                "serve.kv_bytes=2 B", "serve.seq_len=2048 token", "serve.batch=1");
        assertThat(req.value("serve.kv_cache")).isCloseTo(1.68e9, within(0.01e9));
    }

    @Test
    void decodeIsBoundByMemoryBandwidthAndBatchByMemory() {
        // Llama 3.1 8B in bf16 on one H100 SXM (3.35 TB/s, 989 TFLOP/s dense; NVIDIA datasheet): weights
        // 8.03e9 · 2 B = 16.06 GB; batch 32 × 4,096 tokens × 128 KiB = 17.18 GB of cache. Decode step =
        // (16.06 + 17.18) GB / 3.35 TB/s = 9.92 ms (the FLOP bound, 2 · 8.03e9 · 32 / (0.5 · 989e12) = 1.04 ms, is
        // far below); 32 tokens / 9.92 ms = 3,225 tokens/s.
        String[] in = {"arch.layers=32", "arch.kv_heads=8", "arch.head_dim=128", "serve.kv_bytes=2 B",
            "serve.params=8.03e9", "serve.params_active=8.03e9", "serve.bytes_per_param=2 B/param",
            "serve.seq_len=4096 token", "serve.batch=32", "serve.n_gpus=1", "serve.mem_bw=3.35 TB/s",
            "serve.peak_flops=989 TFLOP/s", "serve.efficiency=0.5", "serve.memory_capacity=80 GB",
            "serve.price_gpu_hour=2 USD/h"};
        Resolution r = resolve(Map.of(), List.of("serve.decode_step", "serve.tokens_per_sec_per_gpu",
                "serve.max_batch", "serve.cost_per_token"), in);
        double weights = 8.03e9 * 2;
        double cache = 32 * 4096 * 131072.0;
        assertThat(r.value("serve.decode_step")).isCloseTo((weights + cache) / 3.35e12, within(1e-15));
        assertThat(r.value("serve.tokens_per_sec_per_gpu")).isCloseTo(32 / ((weights + cache) / 3.35e12),
                within(1e-9));
        // largest batch: floor((80e9 − 16.06e9) / (4096 · 131072)) = floor(119.1) = 119
        assertThat(r.value("serve.max_batch")).isEqualTo(119.0);
        // $2/h / 3,225 tokens/s = 1.72e-7 USD per token = $0.172 per million
        assertThat(r.value("serve.cost_per_token") * 1e6).isCloseTo(2.0 / 3600 / (32 / ((weights + cache) / 3.35e12))
                * 1e6, within(1e-12));
        assertThat(r.violated()).isEmpty();
        // 200 requests of 4,096 tokens do not fit: the constraint says so
        String[] big = in.clone();
        big[8] = "serve.batch=200";
        Resolution no = resolve(Map.of(), List.of("serve.memory"), big);
        assertThat(no.violated()).extracting(c -> c.constraint().name()).contains("serve.ck.fits");
    }

    @Test
    void edgeRooflineTakesTheSlowerOfComputeAndMemory() {
        // Williams et al. 2009: time ≥ max(work/peak, traffic/bandwidth). ResNet-50 ≈ 7.8 GFLOP (3.9 G MACs · 2) and
        // 25.6 M int8 weights on a 137.5 TOP/s, 204.8 GB/s module at 30 % efficiency: compute 7.8e9 / 4.125e13 =
        // 0.189 ms, memory 25.6e6 / 204.8e9 = 0.125 ms → 0.189 ms; at 60 W that is 11.3 mJ.
        Resolution r = resolve(Map.of(), List.of("serve.request.latency", "serve.request.energy"),
                "serve.request.flops=7.8e9 FLOP", "serve.request.bytes=25.6e6 B", "serve.peak_flops=137.5e12 FLOP/s",
                "serve.efficiency=0.3", "serve.mem_bw=204.8 GB/s", "gpu.power.total=60 W");
        assertThat(r.value("serve.request.latency")).isCloseTo(7.8e9 / (137.5e12 * 0.3), within(1e-15));
        assertThat(r.value("serve.request.energy")).isCloseTo(60 * 7.8e9 / (137.5e12 * 0.3), within(1e-12));
    }

    // ---------------------------------------------------------------- sustainability: Patterson 2021, MLSys·im

    /**
     * The chain IT power → facility power (PUE) → energy → CO2, driven through the cluster, thermal, econ and sust
     * scopes: devices at a given average power, no host or facility losses, cooling set by the PUE.
     */
    static Resolution energyRun(int devices, double watts, double hours, double pue, double gPerKwh) {
        return resolve(Map.of("thermal.facility.cooling_power", "pue"), List.of("sust.energy.facility",
                "sust.co2.operational", "thermal.dc.pue"),
                "par.n_gpus=" + devices, "gpu.power.total=" + watts + " W", "cluster.node.n_gpus=" + devices,
                "cluster.node.cpu_power=0 W", "cluster.node.ram_power=0 W", "cluster.node.nic_power=0 W",
                "cluster.node.storage_power=0 W", "cluster.node.misc_power=0 W", "cluster.rack.n_nodes=1",
                "cluster.site.n_racks=1", "thermal.facility.ups_loss=0 W", "thermal.facility.transformer_loss=0 W",
                "thermal.facility.lighting=0 W", "thermal.facility.misc=0 W", "thermal.pue_target=" + pue,
                "training.wallclock=" + hours + " h", "sust.grid.carbon_intensity=" + gPerKwh + " gCO2/kWh");
    }

    @Test
    void pattersonTable4RowsFromTheirInputs() {
        // Patterson et al. 2021 (arXiv:2104.10350) Table 4. Energy = processors × average W × hours × PUE; CO2e =
        // energy × kgCO2e/kWh. The table's inputs are rounded (days to 0.1), so the outputs agree within 0.5 %.
        // GPT-3: 10,000 V100 × 330 W × 14.8 d, PUE 1.10, 0.429 kg/kWh → 1,287 MWh, 552 tCO2e
        Resolution gpt3 = energyRun(10_000, 330, 14.8 * 24, 1.10, 429);
        assertThat(gpt3.value("sust.energy.facility") / 3.6e9).isCloseTo(1287, within(1287 * 0.005));
        assertThat(gpt3.value("sust.co2.operational") / 1000).isCloseTo(552, within(552 * 0.005));
        assertThat(gpt3.value("thermal.dc.pue")).isCloseTo(1.10, within(1e-12)); // PUE comes back out as a result
        // T5: 512 TPU v3 × 310 W × 20.1 d, PUE 1.12, 0.545 → 85.7 MWh, 46.7 tCO2e
        Resolution t5 = energyRun(512, 310, 20.1 * 24, 1.12, 545);
        assertThat(t5.value("sust.energy.facility") / 3.6e9).isCloseTo(85.7, within(85.7 * 0.005));
        assertThat(t5.value("sust.co2.operational") / 1000).isCloseTo(46.7, within(46.7 * 0.005));
        // Switch Transformer: 1,024 TPU v3 × 245 W × 27 d, PUE 1.10, 0.330 → 179 MWh, 59.1 tCO2e
        Resolution sw = energyRun(1024, 245, 27 * 24, 1.10, 330);
        assertThat(sw.value("sust.energy.facility") / 3.6e9).isCloseTo(179, within(179 * 0.005));
        assertThat(sw.value("sust.co2.operational") / 1000).isCloseTo(59.1, within(59.1 * 0.005));
    }

    @Test
    void pueIsAResultOfTheFacilitysLoads() {
        // The Green Grid: PUE = total facility power / IT power. 1 MW of IT, UPS losses 4 %, transformer 1.5 %,
        // lighting 2 kW per rack × 50 racks, other 1 %; a plant with COP 5 removes all of it as heat:
        // losses 40 + 15 + 100 + 10 = 165 kW; cooling (1,000 + 165) / 5 = 233 kW; PUE = 1,398 / 1,000 = 1.398
        Resolution r = resolve(Map.of("thermal.facility.cooling_power", "cop"), List.of("thermal.dc.pue"),
                "cluster.site.power_it=1 MW", "cluster.site.n_racks=50", "thermal.ups.loss_fraction=0.04",
                "thermal.transformer.loss_fraction=0.015", "thermal.lighting.power_per_rack=2 kW",
                "thermal.misc.fraction=0.01", "thermal.cooling.cop=5");
        assertThat(r.value("thermal.dc.pue")).isCloseTo(1.398, within(1e-12));
    }

    @Test
    void mlsysimSustainabilityGoldenCase() {
        // MLSys·im (shared/reference/mlsysim.md §6): 256 GPUs at 700 W TDP, power = TDP · (0.30 + 0.70 · MFU) with
        // MFU 0.45, 24 h: IT energy 256 · 700 · 0.615 · 24 = 2,644.992 kWh; PUE 1.12 → 2,962.39104 kWh; 429 g/kWh →
        // 1,270.86575616 kg CO2; WUE 1.8 L/kWh on IT energy → 4,760.9856 L on site.
        Resolution it = resolve("gpu.power.total", "gpu.tdp=700 W", "gpu.power.idle_fraction=0.3",
                "gpu.utilization=0.45");
        double w = it.value("gpu.power.total");
        assertThat(w).isCloseTo(430.5, within(1e-12));
        Resolution r = energyRun(256, w, 24, 1.12, 429);
        assertThat(r.value("sust.energy.facility") / 3.6e6).isCloseTo(2962.39104, within(1e-8));
        assertThat(r.value("sust.co2.operational")).isCloseTo(1270.86575616, within(1e-8));
    }
}
