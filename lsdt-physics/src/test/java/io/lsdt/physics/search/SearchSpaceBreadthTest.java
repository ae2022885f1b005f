package io.lsdt.physics.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.lsdt.physics.Physics;
import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.catalog.Model;
import io.lsdt.physics.design.Hardware;
import io.lsdt.physics.design.Numerics;
import org.junit.jupiter.api.Test;

/** The standard space is at least Calculon's: every micro-batch dividing the local batch, deep interleaving. */
class SearchSpaceBreadthTest {
    @Test
    void everyDivisorOfTheLocalBatchIsAMicroBatch() {
        // GPT-3's 1,536 sequences over DP 64: 24 per replica → 1, 2, 3, 4, 6, 8, 12, 24 (not only powers of two)
        assertThat(DesignSearch.divisors(24, 64)).containsExactly(1, 2, 3, 4, 6, 8, 12, 24);
        // capped at 64 sequences: 1,536 → 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64
        assertThat(DesignSearch.divisors(1536, DesignSearch.MAX_MICRO_BATCH))
                .containsExactly(1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64);
    }

    @Test
    void theStandardSpaceInterleavesUpToTheLayersAndSearchesMore() {
        Catalog c = Catalog.builtIn();
        Model.Architecture a = c.model("gpt3-175b").architecture();
        Hardware hw = Hardware.of(c, "a100-sxm-80gb", Numerics.BF16);
        SearchSpace s = SearchSpace.standard(a, hw, 1024, 1536, Numerics.BF16);
        assertThat(s.vppMax()).isEqualTo(96);
        assertThat(s.microBatches()).isEmpty();
        SearchResult all = new DesignSearch(Physics.stepModel()).search(s, 1, 2, null);
        SearchResult old = new DesignSearch(Physics.stepModel()).search(new SearchSpace(a, hw, 1024, 1536,
                Numerics.BF16, 8, 16, 8, java.util.List.of(1, 2, 4, 8), s.recomputes(), s.zeroStages(), true), 1, 2,
                null);
        // the wider space contains the old one: its best is at least as fast
        assertThat(all.evaluated()).isGreaterThan(old.evaluated());
        assertThat(all.best().get(0).stepTime()).isLessThanOrEqualTo(old.best().get(0).stepTime());
    }
}
