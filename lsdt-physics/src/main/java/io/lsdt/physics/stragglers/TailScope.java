package io.lsdt.physics.stragglers;

import io.lsdt.graph.model.Range;
import io.lsdt.graph.model.Reference;
import io.lsdt.graph.registry.Scope;
import io.lsdt.physics.reference.References;

/**
 * Tails: stragglers in a synchronous step (the slowest of the ranks) and queueing in serving (Erlang C).
 * Variable names follow gpu_stack (seeds 003/004) and MLSys·im (seed 002); see {@code io.lsdt.physics.macro.MacroScopes}.
 */
public final class TailScope {
    private TailScope() {}

    /**
     * The tail scope.
     *
     * @return scope {@code tail}: stragglers in a synchronous step and queueing in serving
     */
    public static Scope tail() {
        Reference blom = References.BLOM_1958;
        Reference tas = References.DEAN_BARROSO_2013;
        Reference k = References.KLEINROCK_1975;
        Scope s = Scope.named("tail", "Stragglers and tail latency");
        s.variable("step.cv", "1", "coefficient of variation of one rank's step time (independent, normal)", tas,
                        Range.NON_NEGATIVE)
                .variable("step.mean", "s", "mean step time of one rank", tas, Range.POSITIVE)
                .variant("step.mean", "design", "design.t_step",
                        References.definition("a plan: the chosen design of the design scope"),
                        "the design scope's step time is each rank's mean step")
                .variable("step.ranks", "device", "ranks that wait for each other every step", tas, Range.POSITIVE)
                .variant("step.ranks", "design", "par.n_gpus", References.definition("a plan: every rank of the job"),
                        "every rank waits for the slowest each step")
                .variable("step.expected", "s", "expected step time: the slowest of the ranks", blom, Range.POSITIVE)
                .equation("step.expected", "step.mean * (1 + step.cv * max(0, norminv((step.ranks - 0.375)"
                        + " / (step.ranks + 0.25))))", blom.at("E[max of n normals] ≈ μ + σ·Φ⁻¹((n − 3/8)/(n + 1/4))"))
                .variable("step.p99", "s", "99th percentile of the step time", tas, Range.POSITIVE)
                .equation("step.p99", "step.mean * (1 + step.cv * norminv(0.99 ^ (1 / step.ranks)))", tas.at("the "
                        + "slowest of n: P(max ≤ t) = F(t)^n"))
                .variable("step.p999", "s", "99.9th percentile of the step time", tas, Range.POSITIVE)
                .equation("step.p999", "step.mean * (1 + step.cv * norminv(0.999 ^ (1 / step.ranks)))", tas)
                .variable("step.efficiency", "1", "throughput kept despite stragglers: mean / expected step", tas,
                        Range.FRACTION)
                .equation("step.efficiency", "step.mean / step.expected", tas);
        s.variable("queue.arrival_rate", "1/s", "requests per second", k, Range.NON_NEGATIVE)
                .variable("queue.service_time", "s", "time a server takes per request", k, Range.POSITIVE)
                .variable("queue.servers", "1", "servers (replicas) working in parallel", k, Range.AT_LEAST_ONE)
                .variable("queue.load", "1", "offered load a = λ/μ (erlangs)", k, Range.NON_NEGATIVE)
                .equation("queue.load", "queue.arrival_rate * queue.service_time", k)
                .variable("queue.utilization", "1", "ρ = a / c", k, Range.NON_NEGATIVE)
                .equation("queue.utilization", "queue.load / queue.servers", k)
                .variable("queue.p_wait", "1", "probability that a request waits (Erlang C)", k, Range.UNIT_INTERVAL)
                .equation("queue.p_wait", "erlangc(queue.servers, queue.load)", k.at("§3.5: Erlang's C formula"))
                .variable("queue.mean_wait", "s", "mean wait in the queue", k, Range.NON_NEGATIVE)
                .equation("queue.mean_wait", "queue.p_wait * queue.service_time / (queue.servers - queue.load)", k)
                .variable("queue.p99_wait", "s", "99th percentile of the wait", k, Range.NON_NEGATIVE)
                .equation("queue.p99_wait", "max(0, ln(queue.p_wait / 0.01)) * queue.service_time"
                        + " / (queue.servers - queue.load)", k.at("P(W > t) = C·e^(−(cμ − λ)t)"))
                .variable("queue.p99_latency", "s", "99th percentile of wait plus service", k, Range.POSITIVE)
                .equation("queue.p99_latency", "queue.p99_wait + queue.service_time", k,
                        "service time taken as constant: the wait's tail dominates");
        s.constraint("queue_stable", "queue.load < queue.servers", "the queue grows without bound: more requests "
                + "arrive than the servers can serve", k);
        s.headline("step.expected", "step.p99", "step.p999", "step.efficiency", "queue.p99_latency",
                "queue.utilization", "queue.mean_wait");
        return s;
    }
}
