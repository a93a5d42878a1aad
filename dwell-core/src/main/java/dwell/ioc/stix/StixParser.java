package dwell.ioc.stix;

import dwell.ioc.stix.PatternNode.Comparison;
import dwell.ioc.stix.PatternNode.Literal;
import dwell.ioc.stix.PatternNode.ObjectPath;
import java.util.ArrayList;
import java.util.List;
import dwell.text.Nesting;

/**
 * A recursive-descent parser for the STIX 2.1 patterning grammar (section 9): observation expressions joined
 * by FOLLOWEDBY, OR, AND (in rising precedence) with qualifiers, comparison expressions joined by OR and AND,
 * and the comparison operators {@code = != < <= > >= IN LIKE MATCHES ISSUBSET ISSUPERSET EXISTS}, each with
 * optional NOT. Parentheses and FOLLOWEDBY nest at most {@link Nesting#MAX} deep; runs of AND and OR become
 * balanced trees.
 */
public final class StixParser {
    private final List<Token> tokens;
    private final Nesting nesting = new Nesting();
    private int pos;

    private StixParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** Parses a whole pattern. */
    public static PatternNode parse(String pattern) throws StixPatternException {
        StixParser p = new StixParser(StixLexer.tokens(pattern));
        PatternNode n = p.followedBy();
        if (p.peek().kind() != Token.Kind.END) throw p.error("unexpected '" + p.peek().text() + "'");
        return n;
    }

    private PatternNode followedBy() throws StixPatternException {
        PatternNode left = obsOr();
        int links = 0;
        // a FOLLOWEDBY b FOLLOWEDBY c keeps its left-to-right shape: each link is a level
        while (peek().is("FOLLOWEDBY")) {
            pos++;
            deeper();
            links++;
            left = new PatternNode.Observations("FOLLOWEDBY", left, obsOr());
        }
        nesting.exit(links);
        return left;
    }

    private PatternNode obsOr() throws StixPatternException {
        List<PatternNode> operands = new ArrayList<>();
        operands.add(obsAnd());
        while (peek().is("OR")) {
            pos++;
            operands.add(obsAnd());
        }
        return Nesting.balanced(operands, (l, r, op) -> new PatternNode.Observations("OR", l, r));
    }

    private PatternNode obsAnd() throws StixPatternException {
        List<PatternNode> operands = new ArrayList<>();
        operands.add(observation());
        while (peek().is("AND")) {
            pos++;
            operands.add(observation());
        }
        return Nesting.balanced(operands, (l, r, op) -> new PatternNode.Observations("AND", l, r));
    }

    private void deeper() throws StixPatternException {
        if (!nesting.enter()) throw error(Nesting.MESSAGE);
    }

    private PatternNode observation() throws StixPatternException {
        Token t = peek();
        if (t.kind() == Token.Kind.LBRACKET) {
            pos++;
            Comparison c = compOr();
            expect(Token.Kind.RBRACKET, "']'");
            return new PatternNode.Observation(c, qualifiers());
        }
        if (t.kind() == Token.Kind.LPAREN) {
            pos++;
            deeper();
            PatternNode inner = followedBy();
            expect(Token.Kind.RPAREN, "')'");
            nesting.exit(1);
            return new PatternNode.Group(inner, qualifiers());
        }
        throw error("expected '[' or '(' to start an observation expression");
    }

    private List<String> qualifiers() throws StixPatternException {
        List<String> q = new ArrayList<>();
        while (true) {
            Token t = peek();
            if (t.is("WITHIN")) {
                pos++;
                Token n = next();
                if (n.kind() != Token.Kind.INT && n.kind() != Token.Kind.FLOAT) throw error("WITHIN needs a number of seconds");
                if (!next().is("SECONDS")) throw error("expected SECONDS after WITHIN " + n.text());
                q.add("WITHIN " + n.text() + " SECONDS");
            } else if (t.is("REPEATS")) {
                pos++;
                Token n = next();
                if (n.kind() != Token.Kind.INT) throw error("REPEATS needs an integer");
                if (!next().is("TIMES")) throw error("expected TIMES after REPEATS " + n.text());
                q.add("REPEATS " + n.text() + " TIMES");
            } else if (t.is("START")) {
                pos++;
                Token a = next();
                if (a.kind() != Token.Kind.TIMESTAMP) throw error("START needs a t'...' timestamp");
                if (!next().is("STOP")) throw error("expected STOP after START");
                Token b = next();
                if (b.kind() != Token.Kind.TIMESTAMP) throw error("STOP needs a t'...' timestamp");
                q.add("START t'" + a.text() + "' STOP t'" + b.text() + "'");
            } else {
                return q;
            }
        }
    }

    private Comparison compOr() throws StixPatternException {
        List<Comparison> operands = new ArrayList<>();
        operands.add(compAnd());
        while (peek().is("OR")) {
            pos++;
            operands.add(compAnd());
        }
        return Nesting.balanced(operands, (l, r, op) -> new PatternNode.Logical("OR", l, r));
    }

    private Comparison compAnd() throws StixPatternException {
        List<Comparison> operands = new ArrayList<>();
        operands.add(test());
        while (peek().is("AND")) {
            pos++;
            operands.add(test());
        }
        return Nesting.balanced(operands, (l, r, op) -> new PatternNode.Logical("AND", l, r));
    }

    private Comparison test() throws StixPatternException {
        Token t = peek();
        if (t.kind() == Token.Kind.LPAREN) {
            pos++;
            deeper();
            Comparison c = compOr();
            expect(Token.Kind.RPAREN, "')'");
            nesting.exit(1);
            return c;
        }
        if (t.is("EXISTS")) {
            pos++;
            return new PatternNode.Exists(path());
        }
        ObjectPath path = path();
        boolean not = false;
        if (peek().is("NOT")) {
            pos++;
            not = true;
        }
        Token op = next();
        switch (op.kind()) {
            case EQ, NEQ, LT, LE, GT, GE -> {
                String o = op.kind() == Token.Kind.NEQ ? "!=" : op.text();
                return new PatternNode.Test(path, o, not, List.of(literal()));
            }
            case IDENT -> {
                switch (op.text()) {
                    case "IN" -> {
                        expect(Token.Kind.LPAREN, "'(' after IN");
                        List<Literal> vals = new ArrayList<>();
                        vals.add(literal());
                        while (peek().kind() == Token.Kind.COMMA) {
                            pos++;
                            vals.add(literal());
                        }
                        expect(Token.Kind.RPAREN, "')' closing the IN list");
                        return new PatternNode.Test(path, "IN", not, vals);
                    }
                    case "LIKE", "MATCHES", "ISSUBSET", "ISSUPERSET" -> {
                        Literal l = literal();
                        if (l.kind() != Token.Kind.STRING) throw error(op.text() + " needs a string");
                        return new PatternNode.Test(path, op.text(), not, List.of(l));
                    }
                    default -> throw new StixPatternException("unknown comparison operator '" + op.text() + "' at " + op.offset());
                }
            }
            default -> throw new StixPatternException("expected a comparison operator after " + path + " at " + op.offset());
        }
    }

    private ObjectPath path() throws StixPatternException {
        Token type = next();
        if (type.kind() != Token.Kind.IDENT) throw new StixPatternException("expected an object type at " + type.offset());
        expect(Token.Kind.COLON, "':' after the object type " + type.text());
        List<String> steps = new ArrayList<>();
        steps.add(step());
        while (true) {
            Token t = peek();
            if (t.kind() == Token.Kind.DOT) {
                pos++;
                steps.add(step());
            } else if (t.kind() == Token.Kind.LBRACKET) {
                pos++;
                Token idx = next();
                if (idx.kind() != Token.Kind.STAR && idx.kind() != Token.Kind.INT) throw error("list index must be * or an integer");
                expect(Token.Kind.RBRACKET, "']' closing a list index");
                steps.add("[" + idx.text() + "]");
            } else {
                return new ObjectPath(type.text(), steps);
            }
        }
    }

    private String step() throws StixPatternException {
        Token t = next();
        if (t.kind() == Token.Kind.IDENT || t.kind() == Token.Kind.STRING) return t.text();
        throw new StixPatternException("expected a property name at " + t.offset());
    }

    private Literal literal() throws StixPatternException {
        Token t = next();
        switch (t.kind()) {
            case STRING, INT, FLOAT, TIMESTAMP, HEX, BINARY -> {
                return new Literal(t.kind(), t.text());
            }
            case IDENT -> {
                if (t.text().equals("true") || t.text().equals("false")) return new Literal(t.kind(), t.text());
                throw new StixPatternException("expected a literal at " + t.offset() + ", got '" + t.text() + "'");
            }
            default -> throw new StixPatternException("expected a literal at " + t.offset() + ", got '" + t.text() + "'");
        }
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.kind() != Token.Kind.END) pos++;
        return t;
    }

    private void expect(Token.Kind k, String what) throws StixPatternException {
        Token t = next();
        if (t.kind() != k) throw new StixPatternException("expected " + what + " at " + t.offset() + ", got '" + t.text() + "'");
    }

    private StixPatternException error(String msg) {
        return new StixPatternException(msg + " at " + peek().offset());
    }
}
