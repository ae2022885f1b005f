package io.lsdt.physics.uncertainty;

/**
 * A validated configuration near a prediction.
 *
 * @param run the published run LSDT predicted
 * @param distance its {@linkplain Configuration#distance(Configuration) distance} from the prediction's configuration
 */
public record NearestRun(ValidatedRun run, double distance) {}
