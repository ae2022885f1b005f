package io.lsdt.graph.compile;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.expr.Expr;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;
import org.codehaus.commons.compiler.CompileException;
import org.codehaus.janino.SimpleCompiler;

/**
 * Generates Java source for a sequence of equations — one statement {@code s[out] = expression;} each — and compiles
 * it with Janino into a {@link SlotProgram}. The source uses exactly the operations of
 * {@link io.lsdt.graph.expr.ExprCompiler} in the same order (a literal exponent 2 multiplies, round is
 * floor(x + 0.5), log2 is ln x / ln 2), so the program's results equal the closure tree's bit for bit.
 */
final class BytecodeGenerator {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** Equations per generated method. */
    private static final int CHUNK = 12;

    private BytecodeGenerator() {}

    /**
     * Generates and compiles (Janino) the straight-line program of a plan's equations.
     *
     * @param expressions the equations' right-hand sides, in evaluation order
     * @param outSlots the slot each expression's value is written to, one per expression
     * @param slotOf the slot index of each variable the expressions read
     * @return the program, loaded
     */
    static SlotProgram generate(List<Expr> expressions, int[] outSlots, ToIntFunction<String> slotOf) {
        String name = "LsdtPlan" + COUNTER.incrementAndGet();
        StringBuilder src = new StringBuilder();
        src.append("public final class ").append(name).append(" implements ")
                .append(SlotProgram.class.getName()).append(" {\n");
        src.append("  private static final double LN2 = Math.log(2);\n");
        src.append("  private static double sq(double x) { return x * x; }\n");
        // HotSpot does not JIT-compile methods above 8,000 bytes of bytecode (HugeMethodLimit): keep each part small
        int parts = (expressions.size() + CHUNK - 1) / CHUNK;
        src.append("  public void run(double[] s) {\n");
        for (int p = 0; p < parts; p++) {
            src.append("    part").append(p).append("(s);\n");
        }
        src.append("  }\n");
        for (int p = 0; p < parts; p++) {
            src.append("  private static void part").append(p).append("(double[] s) {\n");
            for (int i = p * CHUNK; i < Math.min(expressions.size(), (p + 1) * CHUNK); i++) {
                src.append("    s[").append(outSlots[i]).append("] = ");
                write(src, expressions.get(i), slotOf);
                src.append(";\n");
            }
            src.append("  }\n");
        }
        src.append("}\n");
        try {
            SimpleCompiler compiler = new SimpleCompiler();
            compiler.setParentClassLoader(SlotProgram.class.getClassLoader());
            compiler.cook(src.toString());
            return (SlotProgram) compiler.getClassLoader().loadClass(name).getDeclaredConstructor().newInstance();
        } catch (CompileException | ReflectiveOperationException e) {
            throw LsdtException.wrap(e, Problem.INTERNAL, "could not compile a plan: " + e.getMessage());
        }
    }

    private static void write(StringBuilder sb, Expr e, ToIntFunction<String> slotOf) {
        switch (e) {
            case Expr.Num n -> literal(sb, n.value());
            case Expr.UnitLit u -> literal(sb, u.unit().scale());
            case Expr.Ref r -> sb.append("s[").append(slotOf.applyAsInt(r.name())).append(']');
            case Expr.Neg n -> {
                sb.append("(-");
                write(sb, n.operand(), slotOf);
                sb.append(')');
            }
            case Expr.Binary b -> {
                if (b.op() == '^') {
                    if (b.right() instanceof Expr.Num n && n.value() == 2) {
                        sb.append("sq(");
                        write(sb, b.left(), slotOf);
                        sb.append(')');
                    } else {
                        sb.append("Math.pow(");
                        write(sb, b.left(), slotOf);
                        sb.append(", ");
                        write(sb, b.right(), slotOf);
                        sb.append(')');
                    }
                    return;
                }
                sb.append('(');
                write(sb, b.left(), slotOf);
                sb.append(' ').append(b.op()).append(' ');
                write(sb, b.right(), slotOf);
                sb.append(')');
            }
            case Expr.Call c -> call(sb, c, slotOf);
        }
    }

    private static void call(StringBuilder sb, Expr.Call c, ToIntFunction<String> slotOf) {
        switch (c.fn()) {
            case MAX, MIN -> {
                String f = c.fn() == io.lsdt.graph.expr.Fn.MAX ? "Math.max(" : "Math.min(";
                // left fold, as the closure tree does
                for (int i = 1; i < c.args().size(); i++) {
                    sb.append(f);
                }
                write(sb, c.args().get(0), slotOf);
                for (int i = 1; i < c.args().size(); i++) {
                    sb.append(", ");
                    write(sb, c.args().get(i), slotOf);
                    sb.append(')');
                }
            }
            case ROUND -> {
                sb.append("Math.floor(");
                write(sb, c.args().get(0), slotOf);
                sb.append(" + 0.5)");
            }
            case LOG2 -> {
                sb.append("(Math.log(");
                write(sb, c.args().get(0), slotOf);
                sb.append(") / LN2)");
            }
            case ERLANGC -> {
                sb.append("io.lsdt.graph.expr.SpecialFunctions.erlangC(");
                write(sb, c.args().get(0), slotOf);
                sb.append(", ");
                write(sb, c.args().get(1), slotOf);
                sb.append(')');
            }
            default -> {
                String f = switch (c.fn()) {
                    case CEIL -> "Math.ceil";
                    case FLOOR -> "Math.floor";
                    case ABS -> "Math.abs";
                    case SQRT -> "Math.sqrt";
                    case LN -> "Math.log";
                    case LOG10 -> "Math.log10";
                    case EXP -> "Math.exp";
                    case NORMINV -> "io.lsdt.graph.expr.SpecialFunctions.normInv";
                    default -> throw new IllegalStateException(c.fn().name());
                };
                sb.append(f).append('(');
                write(sb, c.args().get(0), slotOf);
                sb.append(')');
            }
        }
    }

    private static void literal(StringBuilder sb, double v) {
        if (Double.isNaN(v)) {
            sb.append("Double.NaN");
        } else if (Double.isInfinite(v)) {
            sb.append(v > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY");
        } else {
            sb.append('(').append(Double.toString(v)).append("D)");
        }
    }
}
