package io.lsdt.graph.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.lsdt.graph.GraphFixtures;
import org.junit.jupiter.api.Test;

class DotExporterTest {
    @Test
    void upstreamConeWithEdgesAndColours() {
        String dot = DotExporter.cone(GraphFixtures.training(), "fund.T", Cones.Direction.UP);
        assertThat(dot).startsWith("digraph \"fund.T\" {\n  rankdir=LR;\n").endsWith("}\n");
        // focus green, roots red, constants yellow, derived white
        assertThat(dot).contains("\"fund.T\" [label=\"fund.T\\n(d)\", fillcolor=\"#c8e6c9\"];");
        assertThat(dot).contains("\"fund.P\" [label=\"fund.P\\n(param)\", fillcolor=\"#ffcdd2\"];");
        assertThat(dot).contains("\"fund.mfu\" [label=\"fund.mfu\\n(1)\", fillcolor=\"#ffcdd2\"];");
        assertThat(dot).contains("\"fund.c_flop\" [label=\"fund.c_flop\\n(FLOP/(param·token))\", "
                + "fillcolor=\"#fff3b0\"];");
        assertThat(dot).contains("\"fund.F\" [label=\"fund.F\\n(FLOP)\", fillcolor=\"white\"];");
        // edges run from dependency to dependent: 8 of them
        assertThat(dot).contains("  \"fund.F\" -> \"fund.T\";\n", "  \"fund.R\" -> \"fund.T\";\n",
                "  \"fund.c_flop\" -> \"fund.F\";\n", "  \"fund.P\" -> \"fund.F\";\n",
                "  \"fund.Tok\" -> \"fund.F\";\n",
                "  \"fund.N\" -> \"fund.R\";\n", "  \"fund.peak\" -> \"fund.R\";\n", "  \"fund.mfu\" -> \"fund.R\";\n");
        assertThat(dot.lines().filter(l -> l.contains("->"))).hasSize(8);
        // nothing outside the cone
        assertThat(dot).doesNotContain("gpu_hours").doesNotContain("T_max");
    }

    @Test
    void downstreamConeAndVariantLabels() {
        String dot = DotExporter.cone(QueryGraphs.families(), "d.model.P", Cones.Direction.DOWN);
        assertThat(dot).contains("\"d.model.P\" [label=\"d.model.P\\n(param)\", fillcolor=\"#c8e6c9\"];");
        assertThat(dot).contains("  \"d.model.P\" -> \"d.Fpt\" [label=\"dense\"];\n");
        // the moe variant reads P_act, which is not in P's downstream cone, so it has no edge here
        assertThat(dot).doesNotContain("moe");
        assertThat(dot).contains("  \"d.model.P\" -> \"d.F\";\n", "  \"d.F\" -> \"d.T\";\n");
        assertThat(dot.lines().filter(l -> l.contains("->"))).hasSize(3);
        String up = DotExporter.cone(QueryGraphs.families(), "d.Fpt", Cones.Direction.UP);
        assertThat(up).contains("  \"d.model.P_act\" -> \"d.Fpt\" [label=\"moe\"];\n");
    }
}
