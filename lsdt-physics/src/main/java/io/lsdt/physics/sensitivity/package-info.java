/**
 * Global sensitivity analysis of a function of bounded inputs: Sobol' first- and total-order indices by Saltelli
 * sampling ({@link io.lsdt.physics.sensitivity.Sobol}) and Morris elementary effects
 * ({@link io.lsdt.physics.sensitivity.Morris}). Both are generic (a function of a {@code double[]}) and deterministic
 * for a seed; the API applies them to a plan's design.
 */
package io.lsdt.physics.sensitivity;
