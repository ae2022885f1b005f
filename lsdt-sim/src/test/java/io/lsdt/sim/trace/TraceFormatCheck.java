package io.lsdt.sim.trace;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks a parsed trace against the Trace Event JSON Object Format as Chrome and Perfetto read it, without a browser;
 * returns the problems found (empty when valid):
 * <ul>
 *   <li>top level: an object with a {@code traceEvents} array and {@code displayTimeUnit} "ms" or "ns";</li>
 *   <li>every event: a known {@code ph}, a string {@code name}, integer {@code pid} and {@code tid} ≥ 1 (0 is special
 *       to Perfetto), a finite {@code ts} ≥ 0 (except metadata);</li>
 *   <li>{@code X}: a finite {@code dur} ≥ 0; slices on one thread nest or are disjoint (Perfetto drops partial
 *       overlaps);</li>
 *   <li>{@code C}: numeric args; {@code M}: a known metadata name with its argument; one process_name per pid;</li>
 *   <li>consistency: every pid used has a process_name, every (pid, tid) with slices or flows a thread_name;</li>
 *   <li>flows: each id has exactly one {@code s} and one {@code f} with the same name and cat, {@code f} binds to
 *       its enclosing slice ({@code "bp":"e"}), start ≤ finish, and each end lies inside a slice on its thread.</li>
 * </ul>
 */
final class TraceFormatCheck {
    /** Phases defined by the format. */
    static final Set<String> PHASES = Set.of("B", "E", "X", "i", "I", "C", "b", "n", "e", "s", "t", "f", "P", "N",
            "O", "D", "M", "R", "c", "(", ")", "V", "v");
    private static final Set<String> METADATA = Set.of("process_name", "process_labels", "process_sort_index",
            "thread_name", "thread_sort_index");

    private record Slice(double ts, double end) {
    }

    private record FlowEnd(String ph, String name, String cat, double ts, long pid, long tid) {
    }

    private TraceFormatCheck() {
    }

    static List<String> problems(JsonNode root) {
        List<String> p = new ArrayList<>();
        if (!root.isObject() || !root.path("traceEvents").isArray()) {
            p.add("top level is not {\"traceEvents\":[...]}");
            return p;
        }
        String unit = root.path("displayTimeUnit").asText("");
        if (!unit.equals("ms") && !unit.equals("ns")) {
            p.add("displayTimeUnit is '" + unit + "', not ms or ns");
        }
        Map<Long, String> processNames = new HashMap<>();
        Set<String> threadNames = new HashSet<>();
        Set<Long> pidsUsed = new HashSet<>();
        Set<String> threadsUsed = new HashSet<>();
        Map<String, List<Slice>> slices = new TreeMap<>();
        Map<Long, List<FlowEnd>> flows = new TreeMap<>();
        int i = 0;
        for (JsonNode e : root.get("traceEvents")) {
            String at = "event " + i++ + " " + e;
            String ph = e.path("ph").asText(null);
            if (ph == null || !PHASES.contains(ph)) {
                p.add(at + ": ph not allowed");
                continue;
            }
            if (!e.path("name").isTextual()) {
                p.add(at + ": no name");
            }
            if (!e.path("pid").canConvertToLong() || !e.path("pid").isIntegralNumber() || e.get("pid").asLong() < 1) {
                p.add(at + ": pid is not an integer ≥ 1");
                continue;
            }
            if (!e.path("tid").isIntegralNumber() || e.get("tid").asLong() < 1) {
                p.add(at + ": tid is not an integer ≥ 1");
                continue;
            }
            long pid = e.get("pid").asLong();
            long tid = e.get("tid").asLong();
            String thread = pid + "/" + tid;
            if (ph.equals("M")) {
                String name = e.path("name").asText();
                if (!METADATA.contains(name)) {
                    p.add(at + ": unknown metadata " + name);
                } else if (name.endsWith("_name") && !e.path("args").path("name").isTextual()) {
                    p.add(at + ": metadata without args.name");
                } else if (name.endsWith("sort_index") && !e.path("args").path("sort_index").isIntegralNumber()) {
                    p.add(at + ": sort index without args.sort_index");
                }
                if (name.equals("process_name")
                        && processNames.put(pid, e.path("args").path("name").asText()) != null) {
                    p.add(at + ": second process_name for pid " + pid);
                }
                if (name.equals("thread_name") && !threadNames.add(thread)) {
                    p.add(at + ": second thread_name for " + thread);
                }
                continue;
            }
            pidsUsed.add(pid);
            JsonNode ts = e.path("ts");
            if (!ts.isNumber() || !Double.isFinite(ts.asDouble()) || ts.asDouble() < 0) {
                p.add(at + ": ts is not a finite number ≥ 0");
                continue;
            }
            switch (ph) {
                case "X" -> {
                    JsonNode dur = e.path("dur");
                    if (!dur.isNumber() || !Double.isFinite(dur.asDouble()) || dur.asDouble() < 0) {
                        p.add(at + ": dur is not a finite number ≥ 0");
                        continue;
                    }
                    threadsUsed.add(thread);
                    slices.computeIfAbsent(thread, x -> new ArrayList<>())
                            .add(new Slice(ts.asDouble(), ts.asDouble() + dur.asDouble()));
                }
                case "C" -> {
                    if (!e.path("args").isObject() || e.get("args").isEmpty()) {
                        p.add(at + ": counter without args");
                    }
                    for (Iterator<JsonNode> it = e.path("args").elements(); it.hasNext();) {
                        if (!it.next().isNumber()) {
                            p.add(at + ": counter value is not a number");
                        }
                    }
                }
                case "s", "f" -> {
                    threadsUsed.add(thread);
                    if (!e.path("id").canConvertToLong() || !e.path("cat").isTextual()) {
                        p.add(at + ": flow without id or cat");
                        continue;
                    }
                    if (ph.equals("f") && !e.path("bp").asText("").equals("e")) {
                        p.add(at + ": flow finish not bound to its enclosing slice");
                    }
                    flows.computeIfAbsent(e.get("id").asLong(), x -> new ArrayList<>()).add(new FlowEnd(ph,
                            e.path("name").asText(), e.get("cat").asText(), ts.asDouble(), pid, tid));
                }
                default -> {
                    // other phases are allowed; this writer does not use them
                }
            }
        }
        for (long pid : pidsUsed) {
            if (!processNames.containsKey(pid)) {
                p.add("pid " + pid + " has no process_name");
            }
        }
        for (String t : threadsUsed) {
            if (!threadNames.contains(t)) {
                p.add("thread " + t + " has no thread_name");
            }
        }
        for (Map.Entry<String, List<Slice>> t : slices.entrySet()) {
            List<Slice> s = new ArrayList<>(t.getValue());
            s.sort(Comparator.comparingDouble(Slice::ts).thenComparing(Comparator.comparingDouble(Slice::end)
                    .reversed()));
            List<Slice> open = new ArrayList<>();
            for (Slice x : s) {
                while (!open.isEmpty() && open.get(open.size() - 1).end() <= x.ts()) {
                    open.remove(open.size() - 1);
                }
                if (!open.isEmpty() && x.end() > open.get(open.size() - 1).end()) {
                    p.add("thread " + t.getKey() + ": slice " + x + " overlaps " + open.get(open.size() - 1));
                }
                open.add(x);
            }
        }
        for (Map.Entry<Long, List<FlowEnd>> f : flows.entrySet()) {
            List<FlowEnd> ends = f.getValue();
            FlowEnd s = ends.stream().filter(x -> x.ph().equals("s")).findFirst().orElse(null);
            FlowEnd fin = ends.stream().filter(x -> x.ph().equals("f")).findFirst().orElse(null);
            if (ends.size() != 2 || s == null || fin == null) {
                p.add("flow " + f.getKey() + ": not exactly one start and one finish: " + ends);
                continue;
            }
            if (!s.name().equals(fin.name()) || !s.cat().equals(fin.cat())) {
                p.add("flow " + f.getKey() + ": start and finish differ in name or cat");
            }
            if (fin.ts() < s.ts()) {
                p.add("flow " + f.getKey() + ": finishes before it starts");
            }
            for (FlowEnd end : ends) {
                List<Slice> on = slices.getOrDefault(end.pid() + "/" + end.tid(), List.of());
                if (on.stream().noneMatch(x -> x.ts() <= end.ts() && end.ts() <= x.end())) {
                    p.add("flow " + f.getKey() + ": " + end.ph() + " at " + end.ts() + " is in no slice");
                }
            }
        }
        return p;
    }
}
