package io.lsdt.physics.validation;

import java.util.List;

/**
 * The comparison of LSDT's predictions with a published validation suite (e.g. Korthikanti et al. 2022, as Calculon
 * reproduces it), with a reference tool's published errors beside LSDT's.
 *
 * @param name suite name, e.g. {@code korthikanti}
 * @param source the publication the measurements come from
 * @param rows one comparison per measured value
 * @param summaries per quantity: LSDT's average and maximum absolute error beside the reference tool's
 */
public record SuiteReport(String name, String source, List<Row> rows, List<Summary> summaries) {
    /**
     * One measured value and its prediction.
     *
     * @param id the run, e.g. {@code megatron-22B full}
     * @param quantity what is compared, e.g. {@code iteration time}, {@code par_opt memory}
     * @param unit unit of measured and predicted, e.g. {@code s}, {@code GiB}, {@code %}
     * @param measured the published value
     * @param predicted LSDT's prediction
     * @param absPctError |predicted − measured| / measured × 100
     */
    public record Row(String id, String quantity, String unit, double measured, double predicted,
            double absPctError) {}

    /**
     * Errors for one quantity.
     *
     * @param quantity the quantity
     * @param meanAbsPctError LSDT's mean absolute error (%)
     * @param maxAbsPctError LSDT's maximum absolute error (%)
     * @param referenceTool the tool compared against, e.g. {@code Calculon (SC'23)}
     * @param referenceMeanAbsPctError its published mean error (%)
     * @param referenceMaxAbsPctError its published maximum error (%)
     */
    public record Summary(String quantity, double meanAbsPctError, double maxAbsPctError, String referenceTool,
            double referenceMeanAbsPctError, double referenceMaxAbsPctError) {}
}
