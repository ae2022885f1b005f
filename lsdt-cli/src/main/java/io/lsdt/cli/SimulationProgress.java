package io.lsdt.cli;

import io.lsdt.sim.engine.Engine;
import io.lsdt.sim.engine.LabSetup;
import io.lsdt.sim.engine.Op;
import io.lsdt.sim.engine.SimulationResult;
import io.lsdt.sim.strategy.Strategy;
import java.io.PrintStream;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * {@code lsdt simulate}'s progress on stderr, as {@code lsdt sweep} shows its own: first the programs built (ranks),
 * then the step run (millions of operations, with the rate and the time left). Stdout is never written to.
 */
final class SimulationProgress implements AutoCloseable {
    private final PrintStream err;
    private ProgressBar bar;

    SimulationProgress(PrintStream err) {
        this.err = err;
    }

    private ProgressBar open(String task, long max, String unit, long unitSize) {
        close();
        bar = new ProgressBarBuilder().setTaskName(task).setStyle(ProgressBarStyle.ASCII).setInitialMax(max)
                .startsFrom(0, Duration.ZERO).showSpeed(new DecimalFormat("0.0", DecimalFormatSymbols.getInstance(
                        Locale.ROOT))).setUnit(unit, unitSize).setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(err)).build();
        return bar;
    }

    /** Builds every rank's program, one step per rank. */
    List<List<Op>> build(Strategy s, LabSetup setup, double keptShare) {
        ProgressBar b = open("programs", setup.ranks(), " ranks", 1);
        return s.programs(setup, b::step, keptShare);
    }

    /** Runs the step, updated with the operations done. */
    SimulationResult run(Engine engine, List<List<Op>> programs) {
        long ops = 0;
        for (List<Op> p : programs) {
            ops += p.size();
        }
        ProgressBar b = open("simulate", ops, "M ops", 1_000_000);
        return engine.withProgress((done, total) -> b.stepTo(done)).run(programs);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
