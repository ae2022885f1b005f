package io.lsdt.cli;

import io.lsdt.graph.unit.UnitFormat;
import io.lsdt.sim.engine.SimulationResult;
import io.lsdt.sim.puzzles.Puzzles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lsdt puzzles}: Sasha Rush's eight LLM-Training-Puzzles, solved by the built-in strategies. */
@Command(name = "puzzles", mixinStandardHelpOptions = true,
        description = {
            "Run the eight puzzles of Sasha Rush's LLM-Training-Puzzles (srush/LLM-Training-Puzzles, puzzles.ipynb)",
            "with the built-in strategy that solves each one as the reference solution in Distributed.py does, and",
            "compare time and maximum memory with the exact targets of the repository's PR #7 (the notebook prints",
            "them rounded). The puzzles' constants: a layer is 512 × 512 = 262,144 elements, one sample's activation",
            "512 × 256 = 131,072; srush's unit costs in steps (forward/backward = samples, update 0.5, collectives",
            "0.3, send and receive 0.2 each, loss 0) and srush's pass rule. Time is the lab's execution time: the",
            "latest start of a rank's last event. Memory is in elements.",
            "",
            "  #  puzzle                        setup                          strategy",
            "  0  standard training             1 GPU, 2 layers, 4 samples     single",
            "  1  gradient accumulation         same, micro-batches of 1       grad-accum",
            "  2  distributed data parallel     4 ranks, 2 layers, 1 per rank  ddp",
            "  3  weight-sharded DP             4 ranks, 6 layers              wsdp",
            "  4  fully-sharded DP              4 ranks, 6 layers              fsdp",
            "  5  pipeline parallelism          4 ranks, 8 layers, batch of 4  pipeline",
            "  6  GPipe                         4 ranks, 8 layers, 4 × 1       gpipe",
            "  7  pipeline + FSDP               16 ranks, 4 stages, 4 layers   pp-fsdp-global",
            "",
            "--json prints a list of {puzzle, name, time, memory, target_time, target_memory, ok}; times are rounded",
            "to 1e-9 step (sums of tenths in binary floating point). Exit code 3 when a puzzle misses its target.",
            ""},
        footer = {"", "Examples:", "  lsdt puzzles", "  lsdt puzzles --json",
            "  lsdt simulate --strategy gpipe --ranks 4 --layers 8 --global-batch 4 --micro-batch 1 --predictor steps"})
final class PuzzlesCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "print as JSON")
    boolean json;

    @Override
    public Integer call() {
        List<Map<String, Object>> rows = new ArrayList<>();
        boolean allOk = true;
        for (Puzzles.Puzzle p : Puzzles.all()) {
            SimulationResult r = p.run();
            double time = Math.round(r.executionTime() * 1e9) / 1e9;
            long memory = Math.round(r.maxMemoryEvent().memory());
            boolean ok = Math.abs(r.executionTime() - p.targetTime()) < 1e-9 && memory == p.targetMemory();
            allOk &= ok;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("puzzle", p.number());
            m.put("name", p.name());
            m.put("time", time);
            m.put("memory", memory);
            m.put("target_time", p.targetTime());
            m.put("target_memory", p.targetMemory());
            m.put("ok", ok);
            rows.add(m);
        }
        if (json) {
            spec.commandLine().getOut().print(Json.write(rows));
        } else {
            TextTable t = new TextTable(new String[] {"#", "puzzle", "strategy", "time", "target", "memory", "target",
                "ok"}, true, false, false, true, true, true, true, false);
            for (int i = 0; i < rows.size(); i++) {
                Map<String, Object> m = rows.get(i);
                t.row(String.valueOf(m.get("puzzle")), (String) m.get("name"), Puzzles.all().get(i).strategy().name(),
                        UnitFormat.significant((double) m.get("time")), UnitFormat.significant((double) m.get(
                                "target_time")), String.format(Locale.ROOT, "%,d", (long) m.get("memory")),
                        String.format(Locale.ROOT, "%,d", (long) m.get("target_memory")),
                        (boolean) m.get("ok") ? "yes" : "NO");
            }
            spec.commandLine().getOut().print("srush/LLM-Training-Puzzles with the steps predictor (time in steps, "
                    + "memory in elements; targets: PR #7)\n" + t.render("  ")
                    + (allOk ? "All eight puzzles reach their targets exactly.\n"
                            : "Some puzzles miss their targets.\n"));
        }
        return allOk ? 0 : 3;
    }
}
