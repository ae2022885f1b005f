package io.lsdt.physics.validation;

import io.lsdt.physics.design.Prediction;
import java.util.List;

/** The outcome of one run: predicted and compared, or skipped with the reason. */
public sealed interface RunResult permits RunResult.Predicted, RunResult.Skipped {
    /**
     * The run's id in its CSV.
     *
     * @return the run's id
     */
    String runId();

    /**
     * The source that published the run.
     *
     * @return the source title
     */
    String source();

    /**
     * The notes on how the run was read.
     *
     * @return assumptions and interpretations made while reading the run
     */
    List<String> notes();

    /**
     * A run LSDT predicted.
     *
     * @param spec the run as read
     * @param prediction the step model's prediction
     * @param predicted the predicted value of the measured metric, in its unit
     * @param absPctError |predicted − measured| / measured × 100 (%)
     */
    record Predicted(RunSpec spec, Prediction prediction, double predicted, double absPctError) implements RunResult {
        @Override
        public String runId() {
            return spec.runId();
        }

        @Override
        public String source() {
            return spec.source();
        }

        @Override
        public List<String> notes() {
            return spec.notes();
        }

        /**
         * The metric the run is compared on.
         *
         * @return the metric compared
         */
        public Metric metric() {
            return spec.measurement().metric();
        }

        /**
         * The run's published value.
         *
         * @return the published value, in the metric's unit
         */
        public double measured() {
            return spec.measurement().value();
        }
    }

    /**
     * A run LSDT could not predict.
     *
     * @param runId the run's id
     * @param source the source title
     * @param reason why, naming the field and its text
     * @param notes assumptions made before the row was given up
     */
    record Skipped(String runId, String source, String reason, List<String> notes) implements RunResult {
        /** Copies the notes. */
        public Skipped {
            notes = List.copyOf(notes);
        }
    }
}
