package io.lsdt.graph.expr;

import io.lsdt.graph.unit.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses equation text. Grammar (usual precedence, {@code ^} right-associative and above unary minus):
 *
 * <pre>
 * comparison := sum ('&lt;' | '&lt;=' | '&gt;' | '&gt;=') sum
 * sum        := term (('+' | '-') term)*
 * term       := unary (('*' | '/') unary)*
 * unary      := '-' unary | power
 * power      := atom ('^' unary)?
 * atom       := number ('[' unit ']')? | '[' unit ']' | name | name '(' sum (',' sum)* ')' | '(' sum ')'
 * </pre>
 *
 * Names are letters, digits, {@code _} and {@code .} (dotted names such as {@code fundamentals.P}). A unit literal
 * such as {@code [h]} is one hour in seconds; a number may carry one directly ({@code 0 [s]} is {@code 0 * [s]}). Function names are those of {@link Fn} in lower case.
 */
public final class ExprParser {
    private final String text;
    private int pos;

    private ExprParser(String text) {
        this.text = text;
    }

    /**
     * Parses the text of an equation's right-hand side.
     *
     * @param text expression text
     * @return the expression
     * @throws IllegalArgumentException with a message saying what is wrong and where
     */
    public static Expr parse(String text) {
        ExprParser p = new ExprParser(text);
        Expr e = p.sum();
        p.skip();
        if (p.pos < text.length()) {
            throw p.error("unexpected '" + text.substring(p.pos) + "'");
        }
        return e;
    }

    /**
     * Parses the text of a constraint: two expressions and an operator between them.
     *
     * @param text comparison text such as {@code "t_ckpt_min_s <= t_ckpt_max_s"}
     * @return the comparison
     * @throws IllegalArgumentException with a message saying what is wrong and where
     */
    public static Comparison parseComparison(String text) {
        ExprParser p = new ExprParser(text);
        Expr left = p.sum();
        p.skip();
        Comparison.Op op;
        if (p.consume("<=")) {
            op = Comparison.Op.LE;
        } else if (p.consume(">=")) {
            op = Comparison.Op.GE;
        } else if (p.consume("<")) {
            op = Comparison.Op.LT;
        } else if (p.consume(">")) {
            op = Comparison.Op.GT;
        } else {
            throw p.error("expected one of < <= > >=");
        }
        Expr right = p.sum();
        p.skip();
        if (p.pos < text.length()) {
            throw p.error("unexpected '" + text.substring(p.pos) + "'");
        }
        return new Comparison(left, op, right, text);
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at position " + pos);
    }

    private void skip() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean consume(String s) {
        skip();
        if (text.startsWith(s, pos)) {
            pos += s.length();
            return true;
        }
        return false;
    }

    private boolean peek(char c) {
        skip();
        return pos < text.length() && text.charAt(pos) == c;
    }

    private Expr sum() {
        Expr e = term();
        while (true) {
            if (peek('+')) {
                pos++;
                e = new Expr.Binary('+', e, term());
            } else if (peek('-')) {
                pos++;
                e = new Expr.Binary('-', e, term());
            } else {
                return e;
            }
        }
    }

    private Expr term() {
        Expr e = unary();
        while (true) {
            if (peek('*') || peek('·')) {
                pos++;
                e = new Expr.Binary('*', e, unary());
            } else if (peek('/')) {
                pos++;
                e = new Expr.Binary('/', e, unary());
            } else {
                return e;
            }
        }
    }

    private Expr unary() {
        if (peek('-')) {
            pos++;
            return new Expr.Neg(unary());
        }
        if (peek('+')) {
            pos++;
            return unary();
        }
        return power();
    }

    private Expr power() {
        Expr base = atom();
        if (peek('^')) {
            pos++;
            return new Expr.Binary('^', base, unary());
        }
        return base;
    }

    private Expr atom() {
        skip();
        if (pos >= text.length()) {
            throw error("expression ends early");
        }
        char c = text.charAt(pos);
        if (c == '(') {
            pos++;
            Expr e = sum();
            if (!consume(")")) {
                throw error("missing ')'");
            }
            return e;
        }
        if (c == '[') {
            int end = text.indexOf(']', pos);
            if (end < 0) {
                throw error("missing ']'");
            }
            String unitText = text.substring(pos + 1, end);
            pos = end + 1;
            try {
                return new Expr.UnitLit(Units.parse(unitText));
            } catch (RuntimeException e) {
                throw error(e.getMessage());
            }
        }
        if (Character.isDigit(c) || c == '.') {
            int start = pos;
            while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.'
                    || text.charAt(pos) == '_')) {
                pos++;
            }
            if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
                int save = pos;
                pos++;
                if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                    pos++;
                }
                int digits = pos;
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
                if (pos == digits) {
                    pos = save;
                }
            }
            Expr.Num num;
            try {
                num = new Expr.Num(Double.parseDouble(text.substring(start, pos).replace("_", "")));
            } catch (NumberFormatException e) {
                throw error("bad number '" + text.substring(start, pos) + "'");
            }
            // a number directly followed by a unit literal is a quantity: "0 [s]" means 0 * [s]
            return peek('[') ? new Expr.Binary('*', num, atom()) : num;
        }
        if (Character.isLetter(c) || c == '_') {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_'
                    || text.charAt(pos) == '.')) {
                pos++;
            }
            String name = text.substring(start, pos);
            if (peek('(')) {
                Fn fn;
                try {
                    fn = Fn.valueOf(name.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw error("unknown function '" + name + "'");
                }
                pos++;
                List<Expr> args = new ArrayList<>();
                args.add(sum());
                while (consume(",")) {
                    args.add(sum());
                }
                if (!consume(")")) {
                    throw error("missing ')' after the arguments of " + name);
                }
                if (fn.arity() > 0 && args.size() != fn.arity()) {
                    throw error(name + " takes " + fn.arity() + " argument(s), got " + args.size());
                }
                if (fn.arity() < 0 && args.size() < 2) {
                    throw error(name + " takes two or more arguments");
                }
                return new Expr.Call(fn, args);
            }
            return new Expr.Ref(name);
        }
        throw error("unexpected '" + c + "'");
    }
}
