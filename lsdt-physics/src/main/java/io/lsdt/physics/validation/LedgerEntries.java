package io.lsdt.physics.validation;

import io.lsdt.physics.design.StepLedger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The entries of a {@link StepLedger} by name, for reports. */
public final class LedgerEntries {
    private LedgerEntries() {}

    /**
     * The entries of a step ledger by name.
     *
     * @param l a ledger
     * @return its entries (s) in the ledger's order, keyed {@code compute, recompute, memory_bound, tp_comm, cp_comm,
     *     ep_comm, pp_comm, dp_comm, bubble, optimizer}
     */
    public static Map<String, Double> of(StepLedger l) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("compute", l.compute());
        m.put("recompute", l.recompute());
        m.put("memory_bound", l.memoryBound());
        m.put("tp_comm", l.tpComm());
        m.put("cp_comm", l.cpComm());
        m.put("ep_comm", l.epComm());
        m.put("pp_comm", l.ppComm());
        m.put("dp_comm", l.dpComm());
        m.put("bubble", l.bubble());
        m.put("optimizer", l.optimizer());
        return Collections.unmodifiableMap(m);
    }

    /**
     * The largest entries of a step ledger.
     *
     * @param l a ledger
     * @param n how many
     * @return the {@code n} largest positive entries, largest first (ties in ledger order)
     */
    public static List<Map.Entry<String, Double>> largest(StepLedger l, int n) {
        List<Map.Entry<String, Double>> e = new ArrayList<>();
        for (Map.Entry<String, Double> x : of(l).entrySet()) {
            if (x.getValue() > 0) {
                e.add(x);
            }
        }
        e.sort((a, b) -> Double.compare(b.getValue(), a.getValue()));
        return List.copyOf(e.subList(0, Math.min(n, e.size())));
    }

    /**
     * The largest entries of a step ledger in words, for messages.
     *
     * @param l a ledger
     * @param n how many
     * @return the {@code n} largest entries as text with their share of the step, e.g.
     *     {@code compute 71%, bubble 12%, tp_comm 8%}
     */
    public static String describeLargest(StepLedger l, int n) {
        double total = l.total();
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Double> e : largest(l, n)) {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(e.getKey()).append(' ').append(Math.round(e.getValue() / total * 100)).append('%');
        }
        return sb.toString();
    }
}
