package io.lsdt.sim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lsdt.sim.strategy.InterleavedOneFOneB;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The compact program form: it reads back the operations written, and its register allocation. */
class CompactProgramTest {
    @Test
    void readsBackEveryKindOfOperation() {
        List<Op> ops = new ArrayList<>(List.of(
                new Op.LoadWeights(3, 1, 4, 2, 8),
                new Op.Input(7),
                new Op.Forward(0, 7, Op.Key.gatheredWeight(0), Op.Key.kv(0, 7)),
                new Op.Forward(1, 7),
                new Op.Loss(7),
                new Op.Backward(1, 7, Op.Key.weight(1), false, null),
                new Op.Backward(0, 7, Op.Key.weight(0), true, Op.Key.kv(0, 7)),
                new Op.Send(5, Op.Key.activation(2, 7)),
                new Op.Recv(6, Op.Key.gradient(-1, 7)),
                new Op.Collective(Op.Collective.Kind.REDUCE_SCATTER, Op.Key.weightGrad(0, 7), List.of(3, 1, 2),
                        Op.Key.weightGrad(0, 7), true),
                new Op.Collective(Op.Collective.Kind.ALL_GATHER, Op.Key.weight(0), List.of(),
                        Op.Key.gatheredWeight(0), false),
                new Op.Accumulate(Op.Key.weightGrad(1, 7)),
                new Op.Update(1),
                new Op.Delete(Op.Key.weightGradSum(1))));
        CompactProgram c = CompactProgram.of(ops);
        assertThat(c).containsExactlyElementsOf(ops);
        assertThat(c.groups).containsExactly(new CompactProgram.GroupSpec(List.of(3, 1, 2), 1),
                new CompactProgram.GroupSpec(List.of(), 1));
    }

    @Test
    void programsAreImmutableOnceBuilt() {
        Program p = new Program().load(0);
        List<Op> ops = p.ops();
        assertThat(p.ops()).isSameAs(ops);
        assertThatThrownBy(() -> p.input(0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ops.add(new Op.Input(0))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void registersAreReusedAfterADeleteAndNeverShared() {
        // 1F1B freeing every value as soon as nothing needs it (interleaved with one block per rank), stage 0 of 4,
        // 16 layers, 64 micro-batches: it names 4 layers × 64 micro-batches × several kinds of value, but holds at
        // most the warm-up's activations at once
        LabSetup s = new LabSetup(4, 16, 64, 1);
        CompactProgram c = (CompactProgram) new InterleavedOneFOneB(1).program(s, 0);
        CompactProgram.Linked l = c.link(16);
        long[] keys = new long[7];
        java.util.Set<Long> named = new java.util.HashSet<>();
        for (int i = 0; i < c.size(); i++) {
            int m = c.mentions(i, 16, keys);
            for (int k = 0; k < m; k++) {
                if (keys[k] != CompactProgram.NO_KEY) {
                    named.add(keys[k]);
                }
            }
        }
        // per micro-batch: activations of layers 0–4, gradients of −1–3, weight gradients of 0–3 (14 × 64), plus each
        // layer's weight, optimizer state and running sum (3 × 4)
        assertThat(named).hasSize(14 * 64 + 12);
        // a key is live from its first mention to its last, when that is a delete (else to the end); allocating in
        // program order and freeing at the end of each range uses exactly as many registers as the most keys live at
        // once (interval graphs are coloured optimally this way)
        java.util.Map<Long, int[]> range = new java.util.HashMap<>();
        for (int i = 0; i < c.size(); i++) {
            int m = c.mentions(i, 16, keys);
            for (int k = 0; k < m; k++) {
                if (keys[k] != CompactProgram.NO_KEY) {
                    int at = i;
                    range.computeIfAbsent(keys[k], x -> new int[] {at, at})[1] = at;
                }
            }
        }
        int[] live = new int[c.size() + 1];
        for (java.util.Map.Entry<Long, int[]> e : range.entrySet()) {
            int[] r = e.getValue();
            boolean freed = c.opcode(r[1]) == CompactProgram.DELETE;
            for (int i = r[0]; i <= (freed ? r[1] : c.size()); i++) {
                live[i]++;
            }
        }
        int most = java.util.Arrays.stream(live).max().orElseThrow();
        assertThat(l.registers()).isEqualTo(most).isLessThan(named.size() / 15);
        // replay: a register never holds two live keys (a key is live from its first mention to its delete)
        long[] holder = new long[l.registers()];
        java.util.Arrays.fill(holder, CompactProgram.NO_KEY);
        for (int i = 0; i < c.size(); i++) {
            int m = c.mentions(i, 16, keys);
            for (int k = 0; k < m; k++) {
                int reg = l.slots()[l.start()[i] + k];
                if (reg < 0) {
                    continue;
                }
                assertThat(holder[reg] == CompactProgram.NO_KEY || holder[reg] == keys[k]).as("op %d", i).isTrue();
                holder[reg] = keys[k];
            }
            if (c.opcode(i) == CompactProgram.DELETE) {
                holder[l.slots()[l.start()[i]]] = CompactProgram.NO_KEY;
            }
        }
    }
}
