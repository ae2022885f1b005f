package io.lsdt.graph.query;

import io.lsdt.graph.model.Relation;
import io.lsdt.graph.model.Relation.Equation;
import io.lsdt.graph.model.Variable;
import io.lsdt.graph.registry.Registry;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts that describe a registry.
 *
 * @param scopes number of scopes
 * @param variables number of variables
 * @param equations number of equations (identities, approximations, variants; constants included)
 * @param identities identities
 * @param variants variant equations
 * @param approximations approximations
 * @param constraints constraints
 * @param constants equations that read no variable
 * @param roots variables no equation defines
 * @param leaves variables no relation reads
 * @param variablesWithUnit variables that declare a unit: all of them, since the registry requires one (a
 *     dimensionless variable declares {@code "1"} or a count unit such as {@code device})
 * @param variablesWithReference variables with a reference
 * @param relationsWithReference relations with a reference
 * @param relations number of relations
 * @param byScope variables per scope
 */
public record GraphStats(int scopes, int variables, int equations, int identities, int variants, int approximations,
        int constraints, int constants, int roots, int leaves, int variablesWithUnit, int variablesWithReference,
        int relationsWithReference, int relations, Map<String, Integer> byScope) {

    /**
     * Counts a graph's scopes, variables and relations.
     *
     * @param registry the graph
     * @return its statistics
     */
    public static GraphStats of(Registry registry) {
        int eq = 0;
        int id = 0;
        int va = 0;
        int ap = 0;
        int ck = 0;
        int co = 0;
        int relRef = 0;
        for (Relation r : registry.relations().values()) {
            if (r.reference() != null) {
                relRef++;
            }
            if (r instanceof Equation e) {
                eq++;
                switch (e.role()) {
                    case IDENTITY -> id++;
                    case VARIANT -> va++;
                    case APPROXIMATION -> ap++;
                }
                if (e.isConstant()) {
                    co++;
                }
            } else {
                ck++;
            }
        }
        int roots = 0;
        int leaves = 0;
        int withUnit = 0;
        int withRef = 0;
        Map<String, Integer> byScope = new LinkedHashMap<>();
        for (Variable v : registry.variables().values()) {
            if (registry.isRoot(v.name())) {
                roots++;
            }
            if (registry.users(v.name()).isEmpty()) {
                leaves++;
            }
            withUnit++;
            if (v.reference() != null) {
                withRef++;
            }
            byScope.merge(v.scope(), 1, Integer::sum);
        }
        return new GraphStats(registry.scopes().size(), registry.variables().size(), eq, id, va, ap, ck, co, roots,
                leaves, withUnit, withRef, relRef, registry.relations().size(), byScope);
    }
}
