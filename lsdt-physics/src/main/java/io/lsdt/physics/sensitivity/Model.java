package io.lsdt.physics.sensitivity;

/**
 * The function analysed: the inputs' values (each already mapped from the unit hypercube to its factor's range, in
 * the factors' order) to one or more outputs. Called from one thread, in a fixed order.
 */
@FunctionalInterface
public interface Model {
    /**
     * Evaluates the model at one point.
     *
     * @param x one value per factor
     * @return the outputs, always the same number of them
     */
    double[] evaluate(double[] x);
}
