package io.lsdt.cli;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.physics.brief.Brief;
import io.lsdt.physics.brief.BriefLoader;
import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.catalog.Model;
import io.lsdt.physics.design.AnalyticalStepModel;
import io.lsdt.physics.design.DesignSearch;
import io.lsdt.physics.design.Hardware;
import io.lsdt.physics.design.Numerics;
import io.lsdt.physics.design.Prediction;
import io.lsdt.physics.design.SearchResult;
import io.lsdt.physics.design.SearchSpace;
import io.lsdt.physics.fundamentals.Fundamentals;
import io.lsdt.physics.fundamentals.FundamentalsResult;
import java.nio.file.Path;

/**
 * What {@code lsdt plan} and {@code lsdt simulate --plan} read from a catalog-form brief: the fundamentals, the
 * model, the hardware at the brief's precision, the global batch in sequences, the number of steps and the deadline.
 *
 * @param brief the brief
 * @param fundamentals its fundamentals
 * @param catalog the catalog
 * @param model the model
 * @param numerics the training precision
 * @param hardware the device (and fabric) at that precision
 * @param globalBatch sequences per step
 * @param steps optimizer steps of the run
 * @param deadline the deadline (s)
 */
record PlanInputs(Brief brief, FundamentalsResult fundamentals, Catalog catalog, Model model, Numerics numerics,
        Hardware hardware, int globalBatch, double steps, double deadline) {

    /**
     * @param file a catalog-form brief
     * @return its inputs
     * @throws LsdtException {@link Problem#INVALID_VALUE} for a seed-form brief or a token count that is not whole
     *     sequences; the brief loader's errors
     */
    static PlanInputs load(Path file) {
        Brief b = BriefLoader.load(file);
        if (b.form() != Brief.Form.CATALOG) {
            throw LsdtException.of(Problem.INVALID_VALUE, "brief form", "seed",
                    "a catalog-form brief naming the model and device: the design layer needs the model's shape")
                    .withHint("write the brief in the catalog form (docs/briefs.md); 'lsdt fundamentals' reads both");
        }
        FundamentalsResult f = Fundamentals.compute(b);
        Catalog c = Catalog.builtIn();
        Model m = c.model(b.modelId());
        Numerics numerics = SearchCommand.numerics(b.precision());
        Hardware hw = SearchCommand.hardware(c, b.deviceId(), b.fabricId(), numerics);
        double tokensPerStep = f.value("Tok_per_step");
        double seqs = tokensPerStep / m.architecture().seqLen();
        if (seqs != Math.rint(seqs)) {
            throw LsdtException.of(Problem.INVALID_VALUE, "step.tokens_per_step", tokensPerStep + " token",
                    "a whole number of " + m.architecture().seqLen() + "-token sequences")
                    .withHint("give step.global_batch_sequences instead");
        }
        return new PlanInputs(b, f, c, m, numerics, hw, (int) seqs, f.value("N_steps"), f.value("T"));
    }

    /** The search at the brief's device count (null without one) and the deadline-first sizing. */
    record Choice(SearchResult atDevices, PlanCommand.DeadlineFirst deadlineFirst, Prediction chosen) {}

    /**
     * Chooses the design {@code lsdt plan} chooses: the best at the brief's device count, else the deadline-first
     * one.
     *
     * @param search the search
     * @param top designs to keep at the brief's device count
     * @param alwaysDeadlineFirst size deadline-first even when the brief names a device count (plan reports both)
     * @return the searches and the chosen design (null when none fits)
     */
    Choice choose(DesignSearch search, int top, boolean alwaysDeadlineFirst) {
        int threads = Runtime.getRuntime().availableProcessors();
        SearchResult atG = null;
        if (brief.devices() != null) {
            atG = search.search(SearchSpace.standard(model.architecture(), hardware, brief.devices(), globalBatch,
                    numerics), top, threads, null);
        }
        PlanCommand.DeadlineFirst df = null;
        if (alwaysDeadlineFirst || atG == null) {
            int node = brief.gpusPerNode() != null ? brief.gpusPerNode() : Math.max(1, hardware.scaleUpDomain());
            df = PlanCommand.deadlineFirst(search, model, hardware, globalBatch, numerics, steps, deadline, node,
                    threads, fundamentals.value("N_min_lower_bound"));
        }
        Prediction chosen = atG != null && !atG.best().isEmpty() ? atG.best().get(0)
                : df != null && df.result() != null && !df.result().best().isEmpty() ? df.result().best().get(0)
                        : null;
        return new Choice(atG, df, chosen);
    }

    /** @return a new analytical search */
    static DesignSearch search() {
        return new DesignSearch(new AnalyticalStepModel());
    }
}
