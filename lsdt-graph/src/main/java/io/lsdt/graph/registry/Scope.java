package io.lsdt.graph.registry;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.expr.Comparison;
import io.lsdt.graph.expr.Expr;
import io.lsdt.graph.expr.ExprParser;
import io.lsdt.graph.model.Range;
import io.lsdt.graph.model.Reference;
import io.lsdt.graph.model.Relation;
import io.lsdt.graph.model.Relation.Role;
import io.lsdt.graph.model.Variable;
import io.lsdt.graph.unit.Units;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A named set of variables and relations, declared in Java and loaded into a {@link Registry}. Names given here
 * are short; the scope name is prefixed (variable {@code P} of scope {@code fundamentals} is
 * {@code fundamentals.P}; its equation is {@code fundamentals.eq.P}). Inside expressions a short name refers to this
 * scope and a dotted name to a variable of any scope.
 *
 * <p>A scope is filled once and then handed to {@link Registry#builder()}; it is not thread-safe while being filled.
 */
public final class Scope {
    private final String name;
    private final String description;
    private final List<Variable> variables = new ArrayList<>();
    private final List<Relation> relations = new ArrayList<>();
    private final List<String> headlines = new ArrayList<>();

    private Scope(String name, String description) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
    }

    /**
     * Starts a scope.
     *
     * @param name the scope name, e.g. {@code "fundamentals"}
     * @param description one sentence on what the scope answers
     * @return an empty scope
     */
    public static Scope named(String name, String description) {
        return new Scope(name, description);
    }

    /**
     * The scope's name, the prefix of its variables' names.
     *
     * @return the scope name
     */
    public String name() {
        return name;
    }

    /**
     * The scope's description.
     *
     * @return what the scope answers
     */
    public String description() {
        return description;
    }

    /**
     * The scope's variables.
     *
     * @return the variables, in declaration order
     */
    public List<Variable> variables() {
        return Collections.unmodifiableList(variables);
    }

    /**
     * The scope's relations: equations and constraints.
     *
     * @return the relations, in declaration order
     */
    public List<Relation> relations() {
        return Collections.unmodifiableList(relations);
    }

    /**
     * The variables the scope names as its answers.
     *
     * @return the fully qualified names of the headline targets
     */
    public List<String> headlines() {
        return Collections.unmodifiableList(headlines);
    }

    /**
     * Declares a variable.
     *
     * @param shortName name inside the scope
     * @param unit display unit text, e.g. {@code "FLOP/s"}; its dimension is checked in every equation
     * @param description meaning
     * @param reference source, or null
     * @param range allowed values (base units)
     * @return this scope
     */
    public Scope variable(String shortName, String unit, String description, Reference reference, Range range) {
        variables.add(new Variable(qualify(shortName), Units.parse(unit), description, reference, range));
        return this;
    }

    /**
     * Declares the identity {@code shortName = expression}, named {@code scope.eq.shortName}.
     *
     * @param shortName the variable it defines
     * @param expression expression text
     * @param reference source
     * @return this scope
     */
    public Scope equation(String shortName, String expression, Reference reference) {
        return equation(shortName, expression, reference, null);
    }

    /**
     * Declares the identity {@code shortName = expression} with a note shown in traces.
     *
     * @param shortName the variable it defines
     * @param expression expression text
     * @param reference source
     * @param note remark, or null
     * @return this scope
     */
    public Scope equation(String shortName, String expression, Reference reference, String note) {
        relations.add(new Relation.Equation(name + ".eq." + shortName, qualify(shortName), expression,
                parse(shortName, expression), Role.IDENTITY, null, null, reference, note));
        return this;
    }

    /**
     * Declares one variant of a variable, named {@code scope.eq.shortName.key}.
     *
     * @param shortName the variable it defines
     * @param key the variant key the caller chooses by
     * @param expression expression text
     * @param reference source
     * @param note remark, or null
     * @return this scope
     */
    public Scope variant(String shortName, String key, String expression, Reference reference, String note) {
        relations.add(new Relation.Equation(name + ".eq." + shortName + "." + key, qualify(shortName), expression,
                parse(shortName, expression), Role.VARIANT, key, null, reference, note));
        return this;
    }

    /**
     * Declares an approximation valid where {@code validity} holds, named {@code scope.eq.shortName}.
     *
     * @param shortName the variable it defines
     * @param expression expression text
     * @param validity comparison text, e.g. {@code "s_len <= 4 * hidden"}
     * @param reference source
     * @return this scope
     */
    public Scope approximation(String shortName, String expression, String validity, Reference reference) {
        Comparison v = parseComparison(name + ".eq." + shortName, validity);
        relations.add(new Relation.Equation(name + ".eq." + shortName, qualify(shortName), expression,
                parse(shortName, expression), Role.APPROXIMATION, null, v, reference, null));
        return this;
    }

    /**
     * Declares a constraint, named {@code scope.ck.shortName}.
     *
     * @param shortName constraint name inside the scope
     * @param comparison comparison text, e.g. {@code "BW_ckpt_sust_Bps >= BW_ckpt_req_Bps"}
     * @param description what it means when it fails
     * @param reference source
     * @return this scope
     */
    public Scope constraint(String shortName, String comparison, String description, Reference reference) {
        Comparison c = parseComparison(name + ".ck." + shortName, comparison);
        relations.add(new Relation.Constraint(name + ".ck." + shortName, c, description, reference));
        return this;
    }

    /**
     * Marks variables as headline targets: what the scope exists to answer. Verify warns about equations that reach
     * none of the registry's headline targets.
     *
     * @param shortNames variable names inside the scope
     * @return this scope
     */
    public Scope headline(String... shortNames) {
        for (String s : shortNames) {
            headlines.add(qualify(s));
        }
        return this;
    }

    private String qualify(String shortName) {
        return name + "." + shortName;
    }

    private static Comparison parseComparison(String relation, String text) {
        try {
            return ExprParser.parseComparison(text);
        } catch (IllegalArgumentException e) {
            throw LsdtException.of(Problem.MALFORMED_EXPRESSION, relation, text, e.getMessage());
        }
    }

    private Expr parse(String shortName, String expression) {
        try {
            return ExprParser.parse(expression);
        } catch (IllegalArgumentException e) {
            throw LsdtException.of(Problem.MALFORMED_EXPRESSION, name + ".eq." + shortName, expression,
                    e.getMessage());
        }
    }
}
