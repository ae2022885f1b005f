package io.lsdt.physics.design;

import java.util.LinkedHashMap;
import java.util.Map;

/** Plain maps of a prediction for JSON output: configuration, ledger, memory, throughput. SI units. */
public final class DesignReport {
    private DesignReport() {}

    /**
     * A prediction as the JSON of {@code lsdt design} writes it (SI units).
     *
     * @param p a prediction
     * @param peakForMfu the peak to divide by for MFU (FLOP/s)
     * @return an ordered map: configuration, step_time_s, tokens_per_s, tflops_per_gpu, mfu, hfu, memory_per_gpu_bytes,
     *     fits, ledger_s, memory_bytes
     */
    public static Map<String, Object> toMap(Prediction p, double peakForMfu) {
        ParallelConfig c = p.config();
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("tp", c.tp());
        cfg.put("pp", c.pp());
        cfg.put("vpp", c.vpp());
        cfg.put("dp", c.dp());
        cfg.put("cp", c.cp());
        cfg.put("ep", c.ep());
        cfg.put("micro_batch", c.microBatch());
        cfg.put("global_batch", c.globalBatch());
        cfg.put("micro_batches", c.microBatches());
        cfg.put("zero_stage", c.zeroStage());
        cfg.put("recompute", c.recompute().key());
        cfg.put("offload", c.offload().key());
        cfg.put("sequence_parallel", c.sequenceParallel());
        cfg.put("schedule", c.schedule().key());
        cfg.put("numerics", c.numerics().name().toLowerCase(java.util.Locale.ROOT));
        cfg.put("devices", p.devices());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("configuration", cfg);
        m.put("step_time_s", p.stepTime());
        m.put("tokens_per_s", p.tokensPerSecond());
        m.put("tflops_per_gpu", p.modelFlopsPerGpu() / 1e12);
        m.put("mfu", p.mfu(peakForMfu));
        m.put("hfu", p.hfu(peakForMfu));
        m.put("memory_per_gpu_bytes", p.memory().total());
        m.put("fits", p.fits());
        StepLedger l = p.ledger();
        Map<String, Object> ledger = new LinkedHashMap<>();
        ledger.put("compute", l.compute());
        ledger.put("recompute", l.recompute());
        ledger.put("memory_bound", l.memoryBound());
        ledger.put("tp_comm", l.tpComm());
        ledger.put("cp_comm", l.cpComm());
        ledger.put("ep_comm", l.epComm());
        ledger.put("pp_comm", l.ppComm());
        ledger.put("dp_comm", l.dpComm());
        ledger.put("bubble", l.bubble());
        ledger.put("optimizer", l.optimizer());
        m.put("ledger_s", ledger);
        MemoryBreakdown mb = p.memory();
        Map<String, Object> mem = new LinkedHashMap<>();
        mem.put("weights", mb.weights());
        mem.put("gradients", mb.gradients());
        mem.put("optimizer", mb.optimizer());
        mem.put("activations", mb.activations());
        mem.put("reserve", mb.reserve());
        mem.put("capacity", p.memoryCapacity());
        mem.put("host_offloaded", p.hostMemory());
        mem.put("host_capacity", Double.isFinite(p.hostMemoryCapacity()) ? p.hostMemoryCapacity() : null);
        m.put("memory_bytes", mem);
        return m;
    }
}
