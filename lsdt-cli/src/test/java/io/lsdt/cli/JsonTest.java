package io.lsdt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void hashedMapsAndSetsAreWrittenSortedAndOrderedOnesInTheirOrder() {
        Map<String, Object> contract = new LinkedHashMap<>();
        contract.put("zeta", 1);
        contract.put("alpha", Map.of("16384", 2, "1024", 1, "100000", 3));
        contract.put("set", Set.of("c", "a", "b"));
        contract.put("list", List.of("c", "a", "b"));
        assertThat(Json.write(contract).replaceAll("\\s+", "")).isEqualTo("{\"zeta\":1,\"alpha\":{\"100000\":3,"
                + "\"1024\":1,\"16384\":2},\"set\":[\"a\",\"b\",\"c\"],\"list\":[\"c\",\"a\",\"b\"]}");
    }
}
