package io.lsdt.sim.engine;

import io.lsdt.sim.state.Value;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * A rank's program stored as four {@code long}s per operation (32 bytes, no object per operation), which the engine
 * reads directly; as a {@code List<Op>} it decodes each {@link Op} on demand, so code that reads programs sees the
 * readable records. {@link Program} builds these; any other list of ops is encoded with {@link #of(List)}.
 * Collective groups are kept once per program in a table. Immutable once built.
 *
 * <p>Layout of operation i at {@code code[4i … 4i+3]}: word 0 holds the opcode (bits 0–7), flags (bits 8–15), the
 * collective kind (bits 16–23) and one int argument (bits 32–63); words 1–3 hold keys ({@link #key(Op.Key)}) or
 * further ints, by opcode.
 */
public final class CompactProgram extends AbstractList<Op> implements RandomAccess {
    static final int LOAD = 1;
    static final int INPUT = 2;
    static final int FORWARD = 3;
    static final int LOSS = 4;
    static final int BACKWARD = 5;
    static final int SEND = 6;
    static final int RECV = 7;
    static final int COLLECTIVE = 8;
    static final int UPDATE = 9;
    static final int DELETE = 10;
    static final int ACCUMULATE = 11;

    static final int FLAG_ACCUMULATE = 1;
    static final int FLAG_EMPTY = 1;

    /** No key (e.g. no context-parallel keys and values). */
    static final long NO_KEY = Long.MIN_VALUE;

    private static final Value.Type[] TYPES = Value.Type.values();
    private static final Op.Collective.Kind[] KINDS = Op.Collective.Kind.values();
    private static final int LAYER_OFFSET = 8;

    long[] code;
    int size;
    private volatile Linked linked;
    /** A program's collective group: its members, and how many identical copies of it a collective spans. */
    record GroupSpec(List<Integer> members, int replicas) {}

    final List<GroupSpec> groups;
    private final Map<GroupSpec, Integer> groupIndex;

    CompactProgram() {
        code = new long[1024];
        groups = new ArrayList<>();
        groupIndex = new HashMap<>();
    }

    /**
     * Encodes a list of operations in compact form, 32 bytes an operation.
     *
     * @param ops any operations, in program order
     * @return them in compact form (the list itself when it already is one)
     */
    public static CompactProgram of(List<Op> ops) {
        if (ops instanceof CompactProgram c) {
            return c;
        }
        CompactProgram c = new CompactProgram();
        for (Op op : ops) {
            c.append(op);
        }
        return c.trim();
    }

    // ------------------------------------------------------------------------------------------------ keys

    /**
     * Packs a key into a {@code long}: type in bits 56–63, layer + 8 in bits 32–55, micro-batch in bits 0–31.
     *
     * @param k the key
     * @return its code
     */
    static long key(Op.Key k) {
        return key(k.type(), k.layer(), k.microBatch());
    }

    static long key(Value.Type type, int layer, int microBatch) {
        return ((long) type.ordinal() << 56) | ((long) ((layer + LAYER_OFFSET) & 0xFFFFFF) << 32)
                | (microBatch & 0xFFFFFFFFL);
    }

    static Op.Key unkey(long code) {
        return code == NO_KEY ? null : new Op.Key(TYPES[(int) (code >>> 56)], layerOf(code), microBatchOf(code));
    }

    static Value.Type typeOf(long code) {
        return TYPES[(int) (code >>> 56)];
    }

    static int layerOf(long code) {
        return (int) ((code >>> 32) & 0xFFFFFF) - LAYER_OFFSET;
    }

    static int microBatchOf(long code) {
        return (int) code;
    }

    // ------------------------------------------------------------------------------------------------ reading

    int opcode(int i) {
        return (int) (code[4 * i] & 0xFF);
    }

    int flags(int i) {
        return (int) ((code[4 * i] >>> 8) & 0xFF);
    }

    int kind(int i) {
        return (int) ((code[4 * i] >>> 16) & 0xFF);
    }

    int arg(int i) {
        return (int) (code[4 * i] >>> 32);
    }

    long word(int i, int w) {
        return code[4 * i + w];
    }

    /** @return whether operation i logs an event (everything but input, delete and accumulate) */
    boolean logs(int i) {
        int op = opcode(i);
        return op != INPUT && op != DELETE && op != ACCUMULATE;
    }

    @Override
    public Op get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        long w1 = word(i, 1);
        long w2 = word(i, 2);
        long w3 = word(i, 3);
        return switch (opcode(i)) {
            case LOAD -> new Op.LoadWeights(arg(i), (int) (w1 >> 32), (int) w1, (int) (w2 >> 32), (int) w2);
            case INPUT -> new Op.Input(arg(i));
            case FORWARD -> new Op.Forward(arg(i), (int) w1, unkey(w2), unkey(w3));
            case LOSS -> new Op.Loss(arg(i));
            case BACKWARD -> new Op.Backward(arg(i), (int) w1, unkey(w2), (flags(i) & FLAG_ACCUMULATE) != 0,
                    unkey(w3));
            case SEND -> new Op.Send(arg(i), unkey(w1));
            case RECV -> new Op.Recv(arg(i), unkey(w1));
            case COLLECTIVE -> new Op.Collective(KINDS[kind(i)], unkey(w1), groups.get(arg(i)).members(),
                    unkey(w2), (flags(i) & FLAG_EMPTY) != 0, groups.get(arg(i)).replicas());
            case UPDATE -> new Op.Update(arg(i));
            case DELETE -> new Op.Delete(unkey(w1));
            case ACCUMULATE -> new Op.Accumulate(unkey(w1));
            default -> throw new IllegalStateException("opcode " + opcode(i));
        };
    }

    @Override
    public int size() {
        return size;
    }

    // ------------------------------------------------------------------------------------------------ writing

    private void put(int opcode, int flags, int kind, int arg, long w1, long w2, long w3) {
        if (4 * size + 4 > code.length) {
            code = Arrays.copyOf(code, code.length * 2);
        }
        int at = 4 * size;
        code[at] = opcode | ((long) flags << 8) | ((long) kind << 16) | ((long) arg << 32);
        code[at + 1] = w1;
        code[at + 2] = w2;
        code[at + 3] = w3;
        size++;
    }

    private List<Integer> lastGroup;
    private int lastReplicas;
    private int lastGroupIndex;

    private int group(List<Integer> g, int replicas) {
        if (g == lastGroup && replicas == lastReplicas) { // strategies pass the same immutable list again and again
            return lastGroupIndex;
        }
        GroupSpec spec = new GroupSpec(List.copyOf(g), replicas);
        Integer i = groupIndex.get(spec);
        if (i == null) {
            i = groups.size();
            groups.add(spec);
            groupIndex.put(spec, i);
        }
        lastGroup = g;
        lastReplicas = replicas;
        lastGroupIndex = i;
        return i;
    }

    private static long keyOrNone(Op.Key k) {
        return k == null ? NO_KEY : key(k);
    }

    /** Appends an operation (while building; a built program is not changed). */
    void append(Op op) {
        switch (op) {
            case Op.LoadWeights o -> put(LOAD, 0, 0, o.layer(), ((long) o.shard() << 32) | (o.numShards() & 0xFFFFFFFFL),
                    ((long) o.slice() << 32) | (o.slices() & 0xFFFFFFFFL), 0);
            case Op.Input o -> put(INPUT, 0, 0, o.microBatch(), 0, 0, 0);
            case Op.Forward o -> put(FORWARD, 0, 0, o.layer(), o.microBatch() & 0xFFFFFFFFL, key(o.weight()),
                    keyOrNone(o.context()));
            case Op.Loss o -> put(LOSS, 0, 0, o.microBatch(), 0, 0, 0);
            case Op.Backward o -> put(BACKWARD, o.accumulate() ? FLAG_ACCUMULATE : 0, 0, o.layer(),
                    o.microBatch() & 0xFFFFFFFFL, key(o.weight()), keyOrNone(o.context()));
            case Op.Send o -> put(SEND, 0, 0, o.peer(), key(o.value()), 0, 0);
            case Op.Recv o -> put(RECV, 0, 0, o.peer(), key(o.value()), 0, 0);
            case Op.Collective o -> put(COLLECTIVE, o.empty() ? FLAG_EMPTY : 0, o.kind().ordinal(),
                    group(o.group(), o.replicas()), key(o.value()), key(o.into()), 0);
            case Op.Update o -> put(UPDATE, 0, 0, o.layer(), 0, 0, 0);
            case Op.Delete o -> put(DELETE, 0, 0, 0, key(o.value()), 0, 0);
            case Op.Accumulate o -> put(ACCUMULATE, 0, 0, 0, key(o.value()), 0, 0);
        }
    }

    // ------------------------------------------------------------------------------------------------ linking

    /**
     * The program linked for a model of {@code layers} layers. Every value an operation reads or writes — explicitly,
     * or implicitly as an output (a forward's output activation, a backward's gradients, the loss's output gradient)
     * — is a <em>mention</em>; mentions of operation i are {@code slots[start[i] … start[i+1])}, in the order of
     * {@link #mentions(int, int, long[])}, and each holds a register number, or -1 for "none". Registers are
     * allocated like a compiler's: a key gets a register at its first mention and gives it back after its last
     * mention when that is a delete, so two keys that share a register are never stored at the same time and a rank
     * keeps its values in a small array instead of a hash map.
     *
     * @param layers the model's layers (the loss reads the activation of layer {@code layers})
     * @param start first mention of each operation (length size + 1)
     * @param slots register of each mention
     * @param registers registers in all
     */
    record Linked(int layers, int[] start, int[] slots, int registers) {}

    /**
     * The keys operation i mentions, in order: load (weight, optimizer state); input (activation); forward (weight,
     * input, output, context); loss (input, output gradient); backward (weight, input, output gradient, weight
     * gradient, input gradient, running sum, context); send, receive, delete (the value); collective (contribution,
     * result); update (weight, optimizer state, running sum); accumulate (the gradient, the running sum).
     *
     * @param i the operation
     * @param layers the model's layers
     * @param out at least 7 entries; {@link #NO_KEY} for an absent context
     * @return how many
     */
    int mentions(int i, int layers, long[] out) {
        long w1 = word(i, 1);
        long w2 = word(i, 2);
        long w3 = word(i, 3);
        int layer = arg(i);
        Value.Type a = Value.Type.ACTIVATION;
        Value.Type g = Value.Type.ACTIVATION_GRAD;
        Value.Type wg = Value.Type.WEIGHT_GRAD;
        switch (opcode(i)) {
            case LOAD, UPDATE -> {
                out[0] = key(Value.Type.WEIGHT, layer, -1);
                out[1] = key(Value.Type.OPT_STATE, layer, -1);
                if (opcode(i) == LOAD) {
                    return 2;
                }
                out[2] = key(wg, layer, Op.Key.SUM);
                return 3;
            }
            case INPUT -> {
                out[0] = key(a, 0, arg(i));
                return 1;
            }
            case FORWARD -> {
                int mb = (int) w1;
                out[0] = w2;
                out[1] = key(a, layer, mb);
                out[2] = key(a, layer + 1, mb);
                out[3] = w3;
                return 4;
            }
            case LOSS -> {
                out[0] = key(a, layers, arg(i));
                out[1] = key(g, layers - 1, arg(i));
                return 2;
            }
            case BACKWARD -> {
                int mb = (int) w1;
                out[0] = w2;
                out[1] = key(a, layer, mb);
                out[2] = key(g, layer, mb);
                out[3] = key(wg, layer, mb);
                out[4] = key(g, layer - 1, mb);
                out[5] = key(wg, layer, Op.Key.SUM);
                out[6] = w3;
                return 7;
            }
            case SEND, RECV, DELETE -> {
                out[0] = w1;
                return 1;
            }
            case COLLECTIVE -> {
                out[0] = w1;
                out[1] = w2;
                return 2;
            }
            case ACCUMULATE -> {
                out[0] = w1;
                out[1] = key(wg, layerOf(w1), Op.Key.SUM);
                return 2;
            }
            default -> throw new IllegalStateException("opcode " + opcode(i));
        }
    }

    /**
     * Links the program (memoized for the last layer count); see {@link Linked}.
     *
     * @param layers the model's layers
     * @return the linked form
     */
    Linked link(int layers) {
        Linked l = linked;
        if (l != null && l.layers() == layers) {
            return l;
        }
        // pass 1: number the keys, record each mention's key number and each key's last mention
        LongIntMap numbers = new LongIntMap(Math.max(64, size));
        int[] start = new int[size + 1];
        int[] ids = new int[Math.max(8, size * 3)];
        long[] keys = new long[7];
        int n = 0;
        int[] last = new int[64];
        for (int i = 0; i < size; i++) {
            start[i] = n;
            if (n + 7 > ids.length) {
                ids = Arrays.copyOf(ids, ids.length * 2);
            }
            int m = mentions(i, layers, keys);
            for (int k = 0; k < m; k++) {
                if (keys[k] == NO_KEY) {
                    ids[n++] = -1;
                    continue;
                }
                int id = numbers.number(keys[k]);
                if (id >= last.length) {
                    last = Arrays.copyOf(last, last.length * 2);
                }
                last[id] = i;
                ids[n++] = id;
            }
        }
        start[size] = n;
        // pass 2: give each key a register from its first mention; free it after its last, when that is a delete
        int keyCount = numbers.size();
        int[] register = new int[keyCount];
        Arrays.fill(register, -1);
        int[] free = new int[keyCount];
        int freeCount = 0;
        int registers = 0;
        for (int i = 0; i < size; i++) {
            for (int j = start[i]; j < start[i + 1]; j++) {
                int id = ids[j];
                if (id < 0) {
                    continue;
                }
                if (register[id] < 0) {
                    register[id] = freeCount > 0 ? free[--freeCount] : registers++;
                }
                ids[j] = register[id];
            }
            if (opcode(i) == DELETE) {
                int j = start[i];
                int id = numbers.get(word(i, 1));
                if (last[id] == i) {
                    free[freeCount++] = ids[j];
                }
            }
        }
        l = new Linked(layers, start, Arrays.copyOf(ids, n), registers);
        linked = l;
        return l;
    }

    /** Trims the code array to its size. */
    CompactProgram trim() {
        if (code.length > 4 * size) {
            code = Arrays.copyOf(code, Math.max(4, 4 * size));
        }
        return this;
    }
}
