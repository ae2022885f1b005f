/**
 * The simulator's outputs: {@link io.lsdt.sim.trace.ChromeTrace} (Trace Event JSON for chrome://tracing and Perfetto,
 * streamed), and a timeline picture laid out once by {@link io.lsdt.sim.trace.TimelineLayout} and painted by
 * {@link io.lsdt.sim.trace.TimelineSvg} (hand-written, deterministic SVG) and {@link io.lsdt.sim.trace.TimelinePng}
 * (Java2D, headless). Every file is written whole or not at all: into a temporary file beside the target, then an
 * atomic rename; on failure nothing is left behind.
 *
 * <p>Ranks are named {@code "GPU r"} with r 0-based, as in {@link io.lsdt.sim.engine.SimulationResult}; the GT lab's
 * traces name them {@code "GPU 1"}..{@code "GPU n"}.
 */
package io.lsdt.sim.trace;
