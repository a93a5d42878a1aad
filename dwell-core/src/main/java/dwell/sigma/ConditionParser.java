package dwell.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import dwell.text.Nesting;

/**
 * Parses a Sigma condition. Precedence, loosest first: or, and, not, "x of", parentheses.
 * Grammar: or := and ("or" and)* ; and := not ("and" not)* ; not := "not" not | primary ;
 * primary := "(" or ")" | ("1"|"any"|"all"|N) "of" (pattern|"them") | identifier.
 * Parentheses and {@code not} nest at most {@link Nesting#MAX} deep; a run of {@code and} or {@code or} becomes a
 * balanced tree, so that no later walk of the condition recurses deeper than the log of its length.
 */
final class ConditionParser {
    private final String text;
    private final List<String> tokens;
    private final Nesting nesting = new Nesting();
    private int pos;

    private ConditionParser(String text) {
        this.text = text;
        this.tokens = tokenize(text);
    }

    public static Condition parse(String text) {
        ConditionParser p = new ConditionParser(text);
        if (p.tokens.isEmpty()) throw new RuleException("empty condition");
        Condition c = p.or();
        if (p.pos < p.tokens.size()) {
            if (p.tokens.get(p.pos).equals("|")) {
                throw p.error("aggregation expressions ('|') are obsolete; use a correlation rule");
            }
            throw p.error("unexpected '" + p.tokens.get(p.pos) + "'");
        }
        return c;
    }

    private Condition or() {
        List<Condition> operands = new ArrayList<>();
        operands.add(and());
        while (peekKeyword("or")) {
            pos++;
            operands.add(and());
        }
        return Nesting.balanced(operands, (l, r, op) -> new Condition.Or(l, r));
    }

    private Condition and() {
        List<Condition> operands = new ArrayList<>();
        operands.add(not());
        while (peekKeyword("and")) {
            pos++;
            operands.add(not());
        }
        return Nesting.balanced(operands, (l, r, op) -> new Condition.And(l, r));
    }

    private Condition not() {
        if (peekKeyword("not")) {
            pos++;
            deeper();
            Condition operand = not();
            nesting.exit(1);
            return new Condition.Not(operand);
        }
        return primary();
    }

    private void deeper() {
        if (!nesting.enter()) throw new RuleException(Nesting.MESSAGE, text);
    }

    private Condition primary() {
        if (pos >= tokens.size()) throw error("condition ends too early");
        String t = tokens.get(pos++);
        if (t.equals("(")) {
            deeper();
            Condition inner = or();
            nesting.exit(1);
            if (pos >= tokens.size() || !tokens.get(pos).equals(")")) throw error("missing ')'");
            pos++;
            return inner;
        }
        if (t.equals(")")) throw error("unexpected ')'");
        if (t.equals("|")) throw error("aggregation expressions ('|') are obsolete; use a correlation rule");
        String lower = t.toLowerCase(Locale.ROOT);
        if (pos < tokens.size() && tokens.get(pos).equalsIgnoreCase("of")) {
            int count;
            if (lower.equals("all")) count = 0;
            else if (lower.equals("any")) count = 1;
            else if (lower.equals("1")) count = 1;
            else throw error("'" + t + " of': only '1 of' and 'all of' are defined");
            pos++;
            if (pos >= tokens.size() || isOperator(tokens.get(pos))) throw error("'of' needs a pattern or 'them'");
            String pattern = tokens.get(pos++);
            return new Condition.Of(count, pattern.equalsIgnoreCase("them") ? "them" : pattern);
        }
        if (isOperator(t)) throw error("unexpected '" + t + "'");
        return new Condition.Ref(t);
    }

    private boolean peekKeyword(String k) {
        return pos < tokens.size() && tokens.get(pos).equalsIgnoreCase(k);
    }

    private static boolean isOperator(String t) {
        return t.equalsIgnoreCase("and") || t.equalsIgnoreCase("or") || t.equalsIgnoreCase("not")
                || t.equals("(") || t.equals(")") || t.equals("|");
    }

    private RuleException error(String what) {
        return new RuleException("condition '" + text + "': " + what, text);
    }

    private static List<String> tokenize(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')' || c == '|') {
                out.add(String.valueOf(c));
                i++;
            } else {
                int start = i;
                while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && "()|".indexOf(s.charAt(i)) < 0) i++;
                out.add(s.substring(start, i));
            }
        }
        return out;
    }
}
