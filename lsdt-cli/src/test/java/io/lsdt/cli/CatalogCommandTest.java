package io.lsdt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CatalogCommandTest {
    @Test
    void listsEachKind() {
        CliRun r = CliRun.of("catalog", "list", "devices");
        assertThat(r.code()).isZero();
        // NVIDIA H100 datasheet / whitepaper: 989.4 TFLOP/s dense BF16, 3.35 TB/s, 700 W
        assertThat(r.out()).contains("h100-sxm", "989.4 TFLOP/s", "3.35 TB/s", "700 W").doesNotContain("fabrics (");
        assertThat(CliRun.of("catalog", "list", "models").out()).contains("llama3.1-405b", "pythia-70m");
        assertThat(CliRun.of("catalog", "list", "fabrics").out()).contains("ib-ndr", "nvl72");
    }

    @Test
    void showsSourcesForEveryNumber() {
        CliRun r = CliRun.of("catalog", "show", "h100-sxm");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("450 GB/s", "bidirectional", "sources", "[1]");
    }

    @Test
    void showsDerivedAndPublishedParameterCounts() {
        // Pythia model card: 70,426,624 parameters (exact)
        CliRun r = CliRun.of("catalog", "show", "pythia-70m");
        assertThat(r.out()).contains("total          70,426,624", "(exact), derived +0.000 %");
    }

    @Test
    void unknownIdOffersTheClosest() {
        CliRun r = CliRun.of("catalog", "show", "llama-3.1-405b");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown catalog entry 'llama-3.1-405b'", "llama3.1-405b");
    }
}
