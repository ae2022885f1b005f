/**
 * LSDT as a library: {@link io.lsdt.api.Lsdt} plans a training run from a {@link io.lsdt.api.PlanRequest} (built in
 * code or read from a YAML brief) and returns a {@link io.lsdt.api.Plan} whose every number is one value of the
 * units-checked equation graph, explainable with {@link io.lsdt.api.DesignPoint#explain(String)}. The command line
 * parses its arguments, calls this API and renders the result; nothing else.
 */
package io.lsdt.api;
