package io.lsdt.api;

// The README's "Use LSDT as a library" sample, verbatim between the markers; ReadmeSampleTest checks that the README
// shows exactly this text and runs it.
// README-SAMPLE-BEGIN
import io.lsdt.api.DesignPoint;
import io.lsdt.api.Explanation;
import io.lsdt.api.Lsdt;
import io.lsdt.api.Plan;
import io.lsdt.api.PlanRequest;
import java.nio.file.Path;

public class ReadmeSample {
    public static String run(Path brief) {
        Lsdt lsdt = Lsdt.builtIn();                         // the graph, the catalog, the shipped calibration
        Plan plan = lsdt.plan(PlanRequest.of(brief));       // or PlanRequest.builder().model("llama3.1-405b")…build()
        DesignPoint best = plan.chosen();
        Explanation why = best.explain("design.t_step");    // any graph variable: equations, values, sources
        return String.format("%s: %.1f days at %.1f %% MFU; step %.3f s from %d equations",
                best.describe(), best.timeToTrain() / 86400, best.mfu() * 100, why.value(), why.trace().size());
    }
}
// README-SAMPLE-END
