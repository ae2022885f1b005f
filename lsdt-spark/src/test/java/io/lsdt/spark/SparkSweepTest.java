package io.lsdt.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lsdt.api.Lsdt;
import io.lsdt.api.Sweep;
import io.lsdt.graph.error.LsdtException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The sweep on Spark local[2] writes the rows the in-process run writes, row for row; an unreachable master is a
 * user error naming it.
 */
class SparkSweepTest {
    @Test
    void sparkLocal2GivesTheInProcessRowsRowForRow() {
        Lsdt lsdt = Lsdt.builtIn();
        // the listed example (a no-fit point among them) and a product with shared searches, from point 1 on
        Sweep listed = Sweep.read(Path.of("../examples/sweep-70b-list.yaml"), lsdt.catalog());
        Sweep product = Sweep.parse("base: llama3.1-70b.yaml\naxes:\n  device: [b200]\n  gpus: [256, 512]\n"
                + "  region: [us-average, us-bpa]\n", "product.yaml", Path.of("../examples"), lsdt.catalog());
        List<String> here = new ArrayList<>();
        listed.run(lsdt, 0, 1, null, r -> here.add(r.csv()));
        product.run(lsdt, 1, 1, null, r -> here.add(r.csv()));
        SparkSession spark = SparkSweep.session("local[2]");
        List<String> there = new ArrayList<>();
        try {
            SparkSweep.rows(spark, listed, 0, there::add);
            SparkSweep.rows(spark, product, 1, there::add);
        } finally {
            spark.stop();
        }
        assertThat(there).hasSize(7).isEqualTo(here);
        assertThat(there.get(3)).startsWith("3,rtx-4090,8,120 d,no-fit,");
        assertThat(there.get(4)).startsWith("1,b200,256,us-bpa,ok,256,");
    }

    @Test
    void anUnreachableMasterIsNamedWithoutStartingSpark() {
        assertThatThrownBy(() -> SparkSweep.session("spark://127.0.0.1:1"))
                .isInstanceOf(LsdtException.class)
                .hasMessageContaining("--spark = spark://127.0.0.1:1: expected a reachable Spark master")
                .hasMessageContaining("127.0.0.1:1");
        assertThat(((LsdtException) catchIt()).isUserError()).isTrue();
    }

    private static Throwable catchIt() {
        try {
            SparkSweep.reachable("spark://127.0.0.1:1");
            return null;
        } catch (LsdtException e) {
            return e;
        }
    }
}
