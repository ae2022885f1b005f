package io.lsdt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SearchCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Llama 3.1 70B (catalog: 80 layers, h 8192, 64 heads / 8 kv of 128, SwiGLU 28,672, V 128,256, untied, no
     * biases, RMSNorm): attention 2·8192² + 2·8192·1024 = 150,994,944, FFN 3·8192·28,672 = 704,643,072, norms
     * 16,384 per layer → 80 × 855,654,400 + 2 × 128,256 × 8192 + 8192 = 70,553,706,496 parameters.
     */
    private static final double P70 = 70_553_706_496.0;
    /**
     * Model FLOPs per token: 3 × (80 × (2 × (150,994,944 + 704,643,072) + 2·8192·64·(128 + 128)) + 2·8192·128,256)
     * = 3 × (80 × (1,711,276,032 + 268,435,456) + 2,101,346,304) = 481,434,796,032 FLOP.
     */
    private static final double FLOP_PER_TOKEN = 481_434_796_032.0;
    private static final double H100_BF16_PEAK = 989.4e12;

    @Test
    void jsonHasTheDocumentedKeysAndConsistentDesigns() throws Exception {
        CliRun r = CliRun.of("search", "llama3.1-70b", "--device", "h100-sxm", "--gpus", "64", "--global-batch",
                "512", "--threads", "2", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.fieldNames()).toIterable().containsExactly("model", "device", "gpus", "global_batch",
                "configs_evaluated", "configs_feasible", "wall_seconds", "designs", "no_solution_reason");
        assertThat(j.get("model").asText()).isEqualTo("llama3.1-70b");
        assertThat(j.get("device").asText()).isEqualTo("h100-sxm");
        assertThat(j.get("gpus").asLong()).isEqualTo(64);
        assertThat(j.get("global_batch").asInt()).isEqualTo(512);
        assertThat(j.get("configs_feasible").asLong()).isPositive()
                .isLessThanOrEqualTo(j.get("configs_evaluated").asLong());
        assertThat(j.get("wall_seconds").asDouble()).isPositive();
        assertThat(j.get("no_solution_reason").isNull()).isTrue();
        JsonNode designs = j.get("designs");
        assertThat(designs).hasSize(5); // --top defaults to 5
        double previous = 0;
        for (JsonNode d : designs) {
            assertThat(d.fieldNames()).toIterable().containsExactly("configuration", "step_time_s", "tokens_per_s",
                    "tflops_per_gpu", "mfu", "hfu", "memory_per_gpu_bytes", "fits", "ledger_s", "memory_bytes",
                    "uncertainty");
            JsonNode c = d.get("configuration");
            int tp = c.get("tp").asInt();
            int pp = c.get("pp").asInt();
            int dp = c.get("dp").asInt();
            int cp = c.get("cp").asInt();
            int zero = c.get("zero_stage").asInt();
            assertThat((long) tp * pp * dp * cp).isEqualTo(64);
            assertThat(c.get("devices").asLong()).isEqualTo(64);
            assertThat(c.get("global_batch").asInt()).isEqualTo(512);
            assertThat(c.get("micro_batches").asInt()).isEqualTo(512 / (dp * c.get("micro_batch").asInt()));
            double step = d.get("step_time_s").asDouble();
            assertThat(step).isGreaterThanOrEqualTo(previous * (1 - 1e-12));
            previous = step;
            // the uncertainty: the regime's residuals widened by the distance, log-width × (1 + distance) about the
            // centre; a time's bounds are step·e^−high … step·e^−low, a rate's mfu·e^low … mfu·e^high
            JsonNode u = d.get("uncertainty");
            String family = tp == 1 && pp == 1 && cp == 1 && zero >= 2 ? "fsdp-zero" : "megatron";
            assertThat(u.get("regime").asText()).isEqualTo(family + "/9-64/30B+");
            double centre = (u.get("resid_p10").asDouble() + u.get("resid_p90").asDouble()) / 2;
            double half = (u.get("resid_p90").asDouble() - u.get("resid_p10").asDouble()) / 2;
            double distance = u.get("distance").asDouble();
            assertThat(distance).isEqualTo(u.get("nearest_runs").get(0).get("distance").asDouble());
            double lo = u.get("log_low").asDouble();
            double hi = u.get("log_high").asDouble();
            assertThat(lo).isCloseTo(centre - half * (1 + distance), within(1e-12));
            assertThat(hi).isCloseTo(centre + half * (1 + distance), within(1e-12));
            assertThat(u.get("step_time_s_p10").asDouble()).isCloseTo(step * Math.exp(-hi), within(1e-12 * step));
            assertThat(u.get("step_time_s_p90").asDouble()).isCloseTo(step * Math.exp(-lo), within(1e-12 * step));
            assertThat(u.get("mfu_p90").asDouble()).isCloseTo(d.get("mfu").asDouble() * Math.exp(hi), within(1e-12));
            // the best MFU measured on H100s at 16-bit: the 9–64 band has runs
            assertThat(u.get("best_measured_mfu").get("scale").asText()).isEqualTo("9-64");
            assertThat(u.get("best_measured_mfu").get("device").asText()).isEqualTo("h100-sxm");
            // the ledger adds up to the step
            double ledger = 0;
            for (JsonNode e : d.get("ledger_s")) {
                assertThat(e.asDouble()).isNotNegative();
                ledger += e.asDouble();
            }
            assertThat(ledger).isCloseTo(step, within(1e-12 * step));
            // 512 sequences × 8192 tokens per step
            assertThat(d.get("tokens_per_s").asDouble()).isCloseTo(512 * 8192 / step, within(1e-9 * 512 * 8192 / step));
            // model FLOPs: tflops_per_gpu × 1e12 × 64 GPUs × step = 481,434,796,032 FLOP/token × 4,194,304 tokens
            double flops = d.get("tflops_per_gpu").asDouble() * 1e12 * 64 * step;
            assertThat(flops).isCloseTo(FLOP_PER_TOKEN * 512 * 8192, within(1e-12 * flops));
            // MFU against the dense BF16 peak of the H100 SXM, 989.4 TFLOP/s
            assertThat(d.get("mfu").asDouble()).isCloseTo(d.get("tflops_per_gpu").asDouble() * 1e12 / H100_BF16_PEAK,
                    within(1e-12));
            assertThat(d.get("hfu").asDouble()).isGreaterThanOrEqualTo(d.get("mfu").asDouble());
            // memory: 2 / 4 / 12 B per parameter of the shard P/(tp·pp), the sharded parts / (dp·cp)
            JsonNode m = d.get("memory_bytes");
            double shard = P70 / (tp * pp);
            double nDp = dp * cp;
            assertThat(m.get("weights").asDouble()).isCloseTo(2 * shard / (zero >= 3 ? nDp : 1), within(1e-3));
            assertThat(m.get("gradients").asDouble()).isCloseTo(4 * shard / (zero >= 2 ? nDp : 1), within(1e-3));
            // an offloaded optimizer (ZeRO-Offload) holds its 12 B per parameter in host memory instead
            boolean offloaded = !d.at("/configuration/offload").asText().equals("none");
            assertThat(m.get("optimizer").asDouble()).isCloseTo(offloaded ? 0 : 12 * shard / (zero >= 1 ? nDp : 1),
                    within(1e-3));
            assertThat(m.get("host_offloaded").asDouble()).isCloseTo(offloaded
                    ? 12 * shard / (zero >= 1 ? nDp : 1) : 0, within(1e-3));
            double sum = m.get("weights").asDouble() + m.get("gradients").asDouble() + m.get("optimizer").asDouble()
                    + m.get("activations").asDouble() + m.get("reserve").asDouble();
            assertThat(d.get("memory_per_gpu_bytes").asDouble()).isCloseTo(sum, within(1e-3));
            // the H100's visible memory, 81,559 MiB (MLPerf v4.0 Eos system description)
            assertThat(m.get("capacity").asDouble()).isEqualTo(81_559.0 * 1024 * 1024);
            assertThat(sum).isLessThanOrEqualTo(81_559.0 * 1024 * 1024);
            assertThat(d.get("fits").asBoolean()).isTrue();
        }
    }

    @Test
    void textOutputHasTheTableTheLedgerAndTheMemory() {
        CliRun r = CliRun.of("search", "llama3.1-70b", "--device", "h100-sxm", "--gpus", "64", "--global-batch",
                "512", "--threads", "2", "--top", "3");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("Llama 3.1 70B on 64 × h100-sxm, global batch 512 sequences (4194304 tokens), "
                + "bf16")
                .contains("configurations evaluated", "TFLOP/s/GPU", "step time", "bubble", "optimizer state",
                        "device capacity", "MFU is model FLOPs");
    }

    @Test
    void benchmarkReportsTheRateOfItsOwnSearches() throws Exception {
        CliRun r = CliRun.of("search", "llama3.1-70b", "--device", "h100-sxm", "--gpus", "64", "--global-batch",
                "512", "--threads", "2", "--benchmark", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.fieldNames()).toIterable().contains("configs_evaluated", "configs_per_second", "wall_seconds",
                "best");
        long evaluated = j.get("configs_evaluated").asLong();
        double rate = j.get("configs_per_second").asDouble();
        double wall = j.get("wall_seconds").asDouble();
        assertThat(evaluated).isPositive();
        assertThat(rate).isPositive();
        assertThat(wall).isPositive();
        // the rate is the total over 5 searches of the same size divided by their total time = per-search count /
        // mean wall time
        assertThat(rate).isCloseTo(evaluated / wall, within(1e-9 * rate));
        // the same space as a plain search: the count is deterministic
        JsonNode plain = JSON.readTree(CliRun.of("search", "llama3.1-70b", "--device", "h100-sxm", "--gpus", "64",
                "--global-batch", "512", "--threads", "1", "--json").out());
        assertThat(evaluated).isEqualTo(plain.get("configs_evaluated").asLong());
        assertThat(j.get("best")).isEqualTo(plain.get("designs").get(0));
    }

    @Test
    void namingTheDevicesOwnFabricsChangesNothing() throws Exception {
        // the H100 SXM's catalog links are NVLink 4 (450 GB/s per direction, domains of 8) and one 400 Gb/s NDR NIC per
        // GPU: naming either fabric explicitly describes the same machine, so the designs must be the same — also in
        // FP8, where attention still runs at the 16-bit peak (989.4, not 1978.9 TFLOP/s)
        for (String precision : new String[] {"bf16", "fp8"}) {
            String[] base = {"search", "llama3.1-8b", "--device", "h100-sxm", "--gpus", "16", "--global-batch", "128",
                "--threads", "2", "--precision", precision, "--json"};
            JsonNode plain = JSON.readTree(CliRun.of(base).out()).get("designs");
            assertThat(plain).isNotEmpty();
            for (String fabric : new String[] {"ib-ndr", "nvlink4"}) {
                String[] args = java.util.Arrays.copyOf(base, base.length + 2);
                args[base.length] = "--fabric";
                args[base.length + 1] = fabric;
                CliRun r = CliRun.of(args);
                assertThat(r.code()).as(r.err()).isZero();
                assertThat(JSON.readTree(r.out()).get("designs")).as("%s with --fabric %s", precision, fabric)
                        .isEqualTo(plain);
            }
        }
    }

    @Test
    void unknownModelIsRefusedWithTheClosestIds() {
        CliRun r = CliRun.of("search", "llama3.1-7b", "--device", "h100-sxm", "--gpus", "8");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("unknown model 'llama3.1-7b'", "Maybe you meant", "'llama3.1-8b'",
                "'llama3.1-70b'");
    }

    @Test
    void unknownDeviceIsRefusedWithTheClosestIds() {
        CliRun r = CliRun.of("search", "llama3.1-8b", "--device", "h100-sx", "--gpus", "8");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("unknown device 'h100-sx'", "Maybe you meant", "'h100-sxm'");
    }

    @Test
    void aFrameworkBoundsTheSearchAndAnUnknownOneGetsTheClosestNames() throws Exception {
        // PyTorch FSDP FULL_SHARD: TP = PP = CP = 1 at ZeRO-3, parameters offloadable (CPUOffload), nothing else
        CliRun r = CliRun.of("search", "llama3.1-8b", "--device", "a100-sxm-80gb", "--gpus", "8", "--framework",
                "pytorch-fsdp", "--json", "--top", "20", "--threads", "2");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode root = JSON.readTree(r.out());
        assertThat(root.get("framework").asText()).isEqualTo("pytorch-fsdp");
        for (JsonNode d : root.get("designs")) {
            JsonNode c = d.get("configuration");
            assertThat(c.get("tp").asInt() * c.get("pp").asInt() * c.get("cp").asInt()).isEqualTo(1);
            assertThat(c.get("zero_stage").asInt()).isEqualTo(3);
            assertThat(c.get("offload").asText()).isIn("none", "parameters");
        }
        CliRun bad = CliRun.of("search", "llama3.1-8b", "--device", "a100-sxm-80gb", "--gpus", "8", "--framework",
                "pytorch-fdsp");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.out()).isEmpty();
        assertThat(bad.err()).contains("--framework", "unknown framework 'pytorch-fdsp'", "'pytorch-fsdp'");
    }

    @Test
    void zeroGpusIsRefused() {
        CliRun r = CliRun.of("search", "llama3.1-8b", "--device", "h100-sxm", "--gpus", "0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--gpus = 0", "a whole number ≥ 1");
    }

    @Test
    void unknownPrecisionIsRefused() {
        CliRun r = CliRun.of("search", "llama3.1-8b", "--device", "h100-sxm", "--gpus", "8", "--precision", "fp64");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--precision = fp64", "bf16, fp16 or fp8");
    }

    @Test
    void infeasibleSearchExitsThreeWithTheReason() throws Exception {
        // 405B on 8 GPUs: at least 18 B × 405.85e9 / 8 = 850.5 GiB of model state per GPU against 79.65 GiB
        CliRun r = CliRun.of("search", "llama3.1-405b", "--device", "h100-sxm", "--gpus", "8", "--threads", "2");
        assertThat(r.code()).isEqualTo(3);
        // even offloaded to the DGX H100's 2 TB of host memory (238.4 GiB per GPU) it does not fit
        assertThat(r.out()).contains("0 fit in memory", "no design fits in memory: the closest offloads its state "
                + "to host memory and needs 850.5 GiB of it per GPU, the host has 238.4 GiB per GPU", "Maybe");
        CliRun j = CliRun.of("search", "llama3.1-405b", "--device", "h100-sxm", "--gpus", "8", "--threads", "2",
                "--json");
        assertThat(j.code()).isEqualTo(3);
        JsonNode n = JSON.readTree(j.out());
        assertThat(n.get("designs")).isEmpty();
        assertThat(n.get("configs_feasible").asLong()).isZero();
        assertThat(n.get("no_solution_reason").asText()).startsWith("no design fits in memory").contains("Maybe");
    }

    @Test
    void anRtx4090SearchGivesARealAnswer() throws Exception {
        // the catalog's RTX 4090 had no link to its peers: every exchange cost bytes / 0 B/s, a NaN step that crashed
        // the table (exit 1) and ranked first in --json (exit 0). Its PCIe Gen4 x16 host link (32 GB/s per direction)
        // now carries its collectives, in a scale-up domain of one device
        CliRun t = CliRun.of("search", "llama3.1-8b", "--device", "rtx-4090", "--gpus", "8", "--threads", "2");
        assertThat(t.code()).as(t.err()).isZero();
        assertThat(t.out()).doesNotContain("NaN", "Infinity").contains("Llama 3.1 8B on 8 × rtx-4090");
        // the step's P10-P90 in one unit: 3.994 to 13.67 minutes (the lower end used to print in seconds); the best
        // design offloads its parameters to the host (24 GB of device memory per card)
        assertThat(t.out()).contains("  params     6.056 min  3.994-13.67 min  ");
        CliRun r = CliRun.of("search", "llama3.1-8b", "--device", "rtx-4090", "--gpus", "8", "--threads", "2",
                "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("NaN", "Infinity");
        JsonNode best = JSON.readTree(r.out()).get("designs").get(0);
        double step = best.get("step_time_s").asDouble();
        // 512 sequences of 8,192 tokens, 6 × 8.03e9 parameters plus attention, on 8 × 165.2 TFLOP/s: at least
        // 6 × 8.03e9 × 4,194,304 / (8 × 165.2e12) = 153 s of arithmetic at peak
        assertThat(step).isBetween(153.0, 1000.0);
        assertThat(best.get("mfu").asDouble()).isBetween(0.2, 0.7);
        double ledger = 0;
        for (JsonNode part : best.get("ledger_s")) {
            assertThat(Double.isFinite(part.asDouble())).isTrue();
            ledger += part.asDouble();
        }
        assertThat(ledger).isCloseTo(step, within(1e-9 * step));
    }

    @Test
    void threadsBelowOneAreRefusedNamingTheOption() {
        for (String n : new String[] {"0", "-1"}) {
            CliRun r = CliRun.of("search", "llama3.1-8b", "--device", "h100-sxm", "--gpus", "8", "--threads", n);
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).isEqualTo("lsdt: error: --threads = " + n + ": expected a whole number ≥ 1\n");
        }
        CliRun g = CliRun.of("search", "llama3.1-8b", "--device", "h100-sxm", "--gpus", "100000000");
        assertThat(g.code()).isEqualTo(2);
        assertThat(g.err()).isEqualTo("lsdt: error: --gpus = 100,000,000: expected at most 16,777,216 devices, the most "
                + "LSDT plans (the largest clusters built hold about 10^5)\n");
    }
}
