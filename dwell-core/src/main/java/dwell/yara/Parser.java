package dwell.yara;

import dwell.yara.Ast.*;
import dwell.yara.Lexer.Kind;
import dwell.yara.Lexer.Token;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import dwell.text.Nesting;

/** Parses YARA rule text into an {@link Ast.RuleFile}, following includes relative to the including file. */
final class Parser {
    static final long MAX_RULE_FILE = 64L << 20;
    private static final Set<String> KEYWORDS = Set.of("all", "and", "any", "ascii", "at", "base64", "base64wide",
            "condition", "contains", "endswith", "entrypoint", "false", "filesize", "for", "fullword", "global",
            "import", "icontains", "iendswith", "iequals", "in", "include", "int16", "int16be", "int32", "int32be",
            "int8", "int8be", "istartswith", "matches", "meta", "nocase", "none", "not", "of", "or", "private", "rule",
            "startswith", "strings", "them", "true", "uint16", "uint16be", "uint32", "uint32be", "uint8", "uint8be",
            "wide", "xor", "defined");

    private final List<Token> toks;
    private final Path file;
    private final Set<Path> including;
    private final List<String> imports;
    private final List<Rule> rules;
    private final List<Include> includes;
    private final Nesting nesting = new Nesting();
    private int p;

    private Parser(List<Token> toks, Path file, Set<Path> including, List<String> imports, List<Rule> rules,
                   List<Include> includes) {
        this.toks = toks;
        this.file = file;
        this.including = including;
        this.imports = imports;
        this.rules = rules;
        this.includes = includes;
    }

    /** Parses a rule file from disk. */
    public static RuleFile parseFile(Path file) throws YaraSyntaxError {
        List<String> imports = new ArrayList<>();
        List<Rule> rules = new ArrayList<>();
        List<Include> includes = new ArrayList<>();
        parseInto(file, text(read(file, new Pos(file.toString(), 0, 0))), new HashSet<>(), imports, rules, includes);
        return new RuleFile(List.copyOf(imports), List.copyOf(rules), List.copyOf(includes));
    }

    /** Parses rule text; {@code name} is used in error messages and includes resolve against the working directory. */
    public static RuleFile parse(String source, String name) throws YaraSyntaxError {
        List<String> imports = new ArrayList<>();
        List<Rule> rules = new ArrayList<>();
        List<Include> includes = new ArrayList<>();
        parseInto(Path.of(name), source, new HashSet<>(), imports, rules, includes);
        return new RuleFile(List.copyOf(imports), List.copyOf(rules), List.copyOf(includes));
    }

    private static void parseInto(Path file, String source, Set<Path> including, List<String> imports, List<Rule> rules,
                                  List<Include> includes) throws YaraSyntaxError {
        List<Token> toks = new Lexer(source, file.toString()).tokens();
        Path key = file.toAbsolutePath().normalize();
        including.add(key);
        new Parser(toks, file, including, imports, rules, includes).ruleFile();
        including.remove(key);
    }

    private static byte[] read(Path file, Pos pos) throws YaraSyntaxError {
        try {
            if (Files.size(file) > MAX_RULE_FILE) throw new YaraSyntaxError(pos, "rule file larger than 64 MB");
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new YaraSyntaxError(pos, "cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Rule text is read byte for byte: each byte one character. */
    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private Token peek() {
        return toks.get(p);
    }

    private Token peek(int ahead) {
        return toks.get(Math.min(p + ahead, toks.size() - 1));
    }

    private Token next() {
        Token t = toks.get(p);
        if (t.kind() != Kind.EOF) p++;
        return t;
    }

    private boolean accept(String s) {
        if (peek().is(s)) {
            p++;
            return true;
        }
        return false;
    }

    private Token expect(String s) throws YaraSyntaxError {
        if (!peek().is(s)) throw error(peek(), "expected '" + s + "'");
        return next();
    }

    private static YaraSyntaxError error(Token t, String what) {
        String near = t.kind() == Kind.EOF ? "end of file" : "'" + t.text() + "'";
        return new YaraSyntaxError(t.pos(), "syntax error, " + what + " near " + near);
    }

    private String identifier() throws YaraSyntaxError {
        Token t = peek();
        if (t.kind() != Kind.IDENT || KEYWORDS.contains(t.text())) throw error(t, "expected identifier");
        p++;
        return t.text();
    }

    private void ruleFile() throws YaraSyntaxError {
        while (peek().kind() != Kind.EOF) {
            if (accept("import")) {
                Token t = next();
                if (t.kind() != Kind.TEXT) throw error(t, "expected module name");
                String m = new String(t.bytes(), StandardCharsets.ISO_8859_1);
                if (!imports.contains(m)) imports.add(m);
            } else if (peek().is("include")) {
                Token inc = next();
                Token t = next();
                if (t.kind() != Kind.TEXT) throw error(t, "expected file name");
                include(inc, new String(t.bytes(), StandardCharsets.UTF_8));
            } else {
                rule();
            }
        }
    }

    private void include(Token at, String name) throws YaraSyntaxError {
        Path dir = file.toAbsolutePath().getParent();
        Path target = dir == null ? Path.of(name) : dir.resolve(name);
        Path key = target.toAbsolutePath().normalize();
        if (including.contains(key)) throw new YaraSyntaxError(at.pos(), "include circular reference: " + name);
        if (!Files.isReadable(target)) throw new YaraSyntaxError(at.pos(), "can't open include file: " + name);
        byte[] bytes = read(target, at.pos());
        includes.add(new Include(target, dwell.rulecache.RuleCache.sha256(bytes)));
        parseInto(target, text(bytes), including, imports, rules, includes);
    }

    /** The names of {@link #rules}' first rules (the list only grows, an included file's parser adding to it too). */
    private final Set<String> ruleNames = new HashSet<>();

    /** Whether a rule of this name was parsed before, in this file or one it includes or is included by. */
    private boolean declaredRule(String name) {
        for (int k = ruleNames.size(); k < rules.size(); k++) ruleNames.add(rules.get(k).name());
        return ruleNames.contains(name);
    }

    private void rule() throws YaraSyntaxError {
        boolean global = false;
        boolean priv = false;
        while (true) {
            if (accept("global")) global = true;
            else if (accept("private")) priv = true;
            else break;
        }
        Token start = peek();
        expect("rule");
        String name = identifier();
        if (declaredRule(name)) throw new YaraSyntaxError(start.pos(), "duplicated identifier \"" + name + "\"");
        List<String> tags = new ArrayList<>();
        if (accept(":")) {
            while (peek().kind() == Kind.IDENT && !peek().is("{")) tags.add(next().text());
        }
        expect("{");
        List<Meta> meta = new ArrayList<>();
        if (accept("meta")) {
            expect(":");
            while (peek().kind() == Kind.IDENT && !peek().is("strings") && !peek().is("condition")) {
                String key = next().text();
                expect("=");
                meta.add(new Meta(key, metaValue()));
            }
        }
        List<StringDef> strings = new ArrayList<>();
        if (accept("strings")) {
            expect(":");
            Set<String> ids = new HashSet<>();
            while (peek().kind() == Kind.STRING_ID) strings.add(stringDef(ids));
        }
        expect("condition");
        expect(":");
        Expr cond = expr();
        expect("}");
        rules.add(new Rule(name, global, priv, List.copyOf(tags), List.copyOf(meta), List.copyOf(strings), cond,
                List.copyOf(imports), start.pos()));
    }

    private Object metaValue() throws YaraSyntaxError {
        Token t = next();
        if (t.kind() == Kind.TEXT) return new String(t.bytes(), StandardCharsets.UTF_8);
        if (t.kind() == Kind.INT) return t.intValue();
        if (t.is("-") && peek().kind() == Kind.INT) return -next().intValue();
        if (t.is("true")) return Boolean.TRUE;
        if (t.is("false")) return Boolean.FALSE;
        if (t.kind() == Kind.FLOAT) return t.text();
        throw error(t, "expected meta value");
    }

    /** A string definition; {@code ids} holds the rule's identifiers so far and gets this one. */
    private StringDef stringDef(Set<String> ids) throws YaraSyntaxError {
        Token id = next();
        if (id.text().endsWith("*")) throw error(id, "invalid string identifier");
        if (!id.text().equals("$") && !ids.add(id.text())) {
            throw new YaraSyntaxError(id.pos(), "duplicated string identifier \"" + id.text() + "\"");
        }
        expect("=");
        Token v = next();
        Pattern pattern = switch (v.kind()) {
            case TEXT -> new Text(v.bytes());
            case HEX -> new Hex(v.text());
            case REGEX -> new Regex(v.text(), v.flags().contains("i"), v.flags().contains("s"));
            default -> throw error(v, "expected string, hex string or regular expression");
        };
        boolean ascii = false, wide = false, nocase = false, fullword = false, priv = false, b64 = false, b64w = false;
        int xorMin = -1, xorMax = -1;
        String alphabet = null;
        while (peek().kind() == Kind.IDENT) {
            Token m = peek();
            switch (m.text()) {
                case "ascii" -> ascii = true;
                case "wide" -> wide = true;
                case "nocase" -> nocase = true;
                case "fullword" -> fullword = true;
                case "private" -> priv = true;
                case "xor" -> {
                    next();
                    xorMin = 0;
                    xorMax = 255;
                    if (accept("(")) {
                        xorMin = byteValue();
                        xorMax = accept("-") ? byteValue() : xorMin;
                        expect(")");
                        if (xorMax < xorMin) throw new YaraSyntaxError(m.pos(), "invalid xor range");
                    }
                    continue;
                }
                case "base64", "base64wide" -> {
                    next();
                    if (m.text().equals("base64")) b64 = true;
                    else b64w = true;
                    if (accept("(")) {
                        Token a = next();
                        if (a.kind() != Kind.TEXT || a.bytes().length != 64) {
                            throw new YaraSyntaxError(a.pos(), "base64 alphabet must be 64 bytes long");
                        }
                        alphabet = new String(a.bytes(), StandardCharsets.ISO_8859_1);
                        expect(")");
                    }
                    continue;
                }
                default -> {
                    return finish(id, pattern, new Modifiers(ascii, wide, nocase, fullword, priv, xorMin, xorMax, b64,
                            b64w, alphabet));
                }
            }
            next();
        }
        return finish(id, pattern, new Modifiers(ascii, wide, nocase, fullword, priv, xorMin, xorMax, b64, b64w, alphabet));
    }

    private StringDef finish(Token id, Pattern pattern, Modifiers m) throws YaraSyntaxError {
        boolean text = pattern instanceof Text;
        if (!text && (m.xor() || m.base64() || m.base64wide())) {
            throw new YaraSyntaxError(id.pos(), "invalid modifier combination for " + id.text());
        }
        if (pattern instanceof Hex && (m.nocase() || m.wide() || m.ascii() || m.fullword())) {
            throw new YaraSyntaxError(id.pos(), "invalid modifier for hex string " + id.text());
        }
        if ((m.base64() || m.base64wide()) && (m.nocase() || m.fullword() || m.xor())) {
            throw new YaraSyntaxError(id.pos(), "invalid modifier combination for " + id.text());
        }
        if (m.xor() && m.nocase()) throw new YaraSyntaxError(id.pos(), "invalid modifier combination for " + id.text());
        if (text && ((Text) pattern).bytes().length == 0) throw new YaraSyntaxError(id.pos(), "empty string " + id.text());
        return new StringDef(id.text(), pattern, m, id.pos());
    }

    private int byteValue() throws YaraSyntaxError {
        Token t = next();
        if (t.kind() != Kind.INT || t.intValue() < 0 || t.intValue() > 255) throw error(t, "expected a byte value");
        return (int) t.intValue();
    }

    // ---- conditions, lowest precedence first ----

    /** Every nested sub-expression (in parentheses, an index, arguments, a range, a loop body) comes through here. */
    private Expr expr() throws YaraSyntaxError {
        deeper(peek());
        List<Expr> operands = new ArrayList<>();
        List<Pos> at = new ArrayList<>();
        operands.add(and());
        while (peek().is("or")) {
            at.add(next().pos());
            operands.add(and());
        }
        nesting.exit(1);
        return Nesting.balanced(operands, (l, r, op) -> new Binary("or", l, r, at.get(op)));
    }

    private Expr and() throws YaraSyntaxError {
        List<Expr> operands = new ArrayList<>();
        List<Pos> at = new ArrayList<>();
        operands.add(not());
        while (peek().is("and")) {
            at.add(next().pos());
            operands.add(not());
        }
        return Nesting.balanced(operands, (l, r, op) -> new Binary("and", l, r, at.get(op)));
    }

    private Expr not() throws YaraSyntaxError {
        if (peek().is("not") || peek().is("defined")) {
            Token t = next();
            deeper(t);
            Expr operand = not();
            nesting.exit(1);
            return new Unary(t.text(), operand, t.pos());
        }
        return equality();
    }

    /** Counts one level of nesting (a parenthesis, a unary operator, an operand of a chained operator). */
    private void deeper(Token at) throws YaraSyntaxError {
        if (!nesting.enter()) throw new YaraSyntaxError(at.pos(), Nesting.MESSAGE);
    }

    private static final Set<String> EQUALITY = Set.of("==", "!=", "contains", "icontains", "startswith",
            "istartswith", "endswith", "iendswith", "iequals", "matches");

    private Expr equality() throws YaraSyntaxError {
        Expr l = relational();
        int links = 0;
        while (EQUALITY.contains(peek().text()) && (peek().kind() == Kind.SYMBOL || peek().kind() == Kind.IDENT)) {
            Token t = next();
            deeper(t);
            links++;
            if (t.is("matches")) {
                Token r = next();
                if (r.kind() != Kind.REGEX) throw error(r, "expected regular expression");
                l = new Binary("matches", l, new StrLit((r.text() + "/" + r.flags()).getBytes(StandardCharsets.ISO_8859_1),
                        r.pos()), t.pos());
            } else {
                l = new Binary(t.text(), l, relational(), t.pos());
            }
        }
        nesting.exit(links);
        return l;
    }

    private Expr relational() throws YaraSyntaxError {
        Expr l = bitOr();
        int links = 0;
        while (peek().kind() == Kind.SYMBOL && Set.of("<", "<=", ">", ">=").contains(peek().text())) {
            Token t = next();
            deeper(t);
            links++;
            l = new Binary(t.text(), l, bitOr(), t.pos());
        }
        nesting.exit(links);
        return l;
    }

    private Expr bitOr() throws YaraSyntaxError {
        Expr l = bitXor();
        int links = 0;
        while (peek().kind() == Kind.SYMBOL && peek().is("|")) {
            Token t = next();
            deeper(t);
            links++;
            l = new Binary("|", l, bitXor(), t.pos());
        }
        nesting.exit(links);
        return l;
    }

    private Expr bitXor() throws YaraSyntaxError {
        Expr l = bitAnd();
        int links = 0;
        while (peek().kind() == Kind.SYMBOL && peek().is("^")) {
            Token t = next();
            deeper(t);
            links++;
            l = new Binary("^", l, bitAnd(), t.pos());
        }
        nesting.exit(links);
        return l;
    }

    private Expr bitAnd() throws YaraSyntaxError {
        Expr l = shift();
        int links = 0;
        while (peek().kind() == Kind.SYMBOL && peek().is("&")) {
            Token t = next();
            deeper(t);
            links++;
            l = new Binary("&", l, shift(), t.pos());
        }
        nesting.exit(links);
        return l;
    }

    private Expr shift() throws YaraSyntaxError {
        Expr l = additive();
        int links = 0;
        while (peek().kind() == Kind.SYMBOL && (peek().is("<<") || peek().is(">>"))) {
            Token t = next();
            deeper(t);
            links++;
            l = new Binary(t.text(), l, additive(), t.pos());
        }
        nesting.exit(links);
        return l;
    }

    private Expr additive() throws YaraSyntaxError {
        Expr l = multiplicative();
        int links = 0;
        while (peek().kind() == Kind.SYMBOL && (peek().is("+") || peek().is("-"))) {
            Token t = next();
            deeper(t);
            links++;
            l = new Binary(t.text(), l, multiplicative(), t.pos());
        }
        nesting.exit(links);
        return l;
    }

    private Expr multiplicative() throws YaraSyntaxError {
        Expr l = unary();
        int links = 0;
        while (peek().kind() == Kind.SYMBOL && (peek().is("*") || peek().is("\\")
                || (peek().is("%") && !peek(1).is("of")))) {
            Token t = next();
            deeper(t);
            links++;
            l = new Binary(t.text(), l, unary(), t.pos());
        }
        nesting.exit(links);
        return l;
    }

    private Expr unary() throws YaraSyntaxError {
        if (peek().kind() == Kind.SYMBOL && (peek().is("-") || peek().is("~"))) {
            Token t = next();
            deeper(t);
            Expr operand = unary();
            nesting.exit(1);
            return new Unary(t.is("-") ? "neg" : "bitnot", operand, t.pos());
        }
        Expr e = postfix();
        if (peek().is("of") || (peek().is("%") && peek(1).is("of"))) {
            Token t = peek();
            Quantifier q = accept("%") ? new Percent(e) : new Count(e);
            return of(q, t);
        }
        return e;
    }

    private Expr postfix() throws YaraSyntaxError {
        Expr e = primary();
        while (true) {
            Token t = peek();
            if (t.kind() == Kind.SYMBOL && t.is(".")) {
                next();
                Token n = next();
                if (n.kind() != Kind.IDENT) throw error(n, "expected field name");
                e = new Field(e, n.text(), t.pos());
            } else if (t.kind() == Kind.SYMBOL && t.is("[") && isReference(e)) {
                next();
                Expr idx = expr();
                expect("]");
                e = new Index(e, idx, t.pos());
            } else if (t.kind() == Kind.SYMBOL && t.is("(") && isReference(e)) {
                next();
                List<Expr> args = new ArrayList<>();
                if (!accept(")")) {
                    do {
                        args.add(expr());
                    } while (accept(","));
                    expect(")");
                }
                e = new Call(e, args, t.pos());
            } else {
                return e;
            }
        }
    }

    private static boolean isReference(Expr e) {
        return e instanceof Ident || e instanceof Field || e instanceof Index || e instanceof Call;
    }

    private Expr primary() throws YaraSyntaxError {
        Token t = next();
        switch (t.kind()) {
            case INT:
                return new IntLit(t.intValue(), t.pos());
            case FLOAT:
                return new FloatLit(t.floatValue(), t.pos());
            case TEXT:
                return new StrLit(t.bytes(), t.pos());
            case STRING_ID: {
                if (peek().is("at")) {
                    next();
                    return new StringMatch(t.text(), unary(), null, t.pos());
                }
                if (peek().is("in")) {
                    next();
                    return new StringMatch(t.text(), null, range(), t.pos());
                }
                return new StringMatch(t.text(), null, null, t.pos());
            }
            case COUNT_ID:
                if (peek().is("in")) {
                    next();
                    return new StringCount(t.text(), range(), t.pos());
                }
                return new StringCount(t.text(), null, t.pos());
            case OFFSET_ID:
                return new StringOffset(t.text(), optionalIndex(), t.pos());
            case LENGTH_ID:
                return new StringLength(t.text(), optionalIndex(), t.pos());
            case SYMBOL:
                if (t.is("(")) {
                    Expr e = expr();
                    expect(")");
                    return e;
                }
                throw error(t, "unexpected symbol");
            case IDENT:
                return identPrimary(t);
            default:
                throw error(t, "unexpected token");
        }
    }

    private Expr optionalIndex() throws YaraSyntaxError {
        if (peek().kind() == Kind.SYMBOL && peek().is("[")) {
            next();
            Expr e = expr();
            expect("]");
            return e;
        }
        return null;
    }

    private Expr identPrimary(Token t) throws YaraSyntaxError {
        switch (t.text()) {
            case "true":
                return new BoolLit(true, t.pos());
            case "false":
                return new BoolLit(false, t.pos());
            case "filesize":
                return new Filesize(t.pos());
            case "entrypoint":
                return new Entrypoint(t.pos());
            case "all":
                return of(new All(), t);
            case "any":
                return of(new Any(), t);
            case "none":
                return of(new None(), t);
            case "for":
                return forExpr(t);
            case "int8": case "int16": case "int32": case "int8be": case "int16be": case "int32be":
            case "uint8": case "uint16": case "uint32": case "uint8be": case "uint16be": case "uint32be": {
                expect("(");
                Expr off = expr();
                expect(")");
                return new Call(new Ident(t.text(), t.pos()), List.of(off), t.pos());
            }
            default:
                if (KEYWORDS.contains(t.text())) throw error(t, "unexpected keyword");
                return new Ident(t.text(), t.pos());
        }
    }

    private Expr of(Quantifier q, Token at) throws YaraSyntaxError {
        expect("of");
        List<String> set = null;
        boolean rulesSet = false;
        if (!accept("them")) {
            expect("(");
            set = new ArrayList<>();
            do {
                Token s = next();
                if (s.kind() == Kind.STRING_ID) {
                    set.add(s.text());
                } else if (s.kind() == Kind.IDENT && !KEYWORDS.contains(s.text())) {
                    rulesSet = true;
                    set.add(s.text() + (peek().is("*") && peek().kind() == Kind.SYMBOL ? next().text() : ""));
                } else {
                    throw error(s, "expected string or rule identifier");
                }
            } while (accept(","));
            expect(")");
        }
        Range in = null;
        Expr atExpr = null;
        if (!rulesSet && peek().is("in")) {
            next();
            in = range();
        } else if (!rulesSet && peek().is("at")) {
            next();
            atExpr = unary();
        }
        return new Of(q, set == null ? null : List.copyOf(set), rulesSet, in, atExpr, at.pos());
    }

    private Range range() throws YaraSyntaxError {
        expect("(");
        Expr lo = expr();
        expect("..");
        Expr hi = expr();
        expect(")");
        return new Range(lo, hi);
    }

    private Expr forExpr(Token t) throws YaraSyntaxError {
        Quantifier q;
        if (accept("all")) q = new All();
        else if (accept("any")) q = new Any();
        else if (accept("none")) q = new None();
        else {
            Expr n = unaryNoOf();
            q = accept("%") ? new Percent(n) : new Count(n);
        }
        if (accept("of")) {
            List<String> set = null;
            if (!accept("them")) {
                expect("(");
                set = new ArrayList<>();
                do {
                    Token s = next();
                    if (s.kind() != Kind.STRING_ID) throw error(s, "expected string identifier");
                    set.add(s.text());
                } while (accept(","));
                expect(")");
            }
            expect(":");
            expect("(");
            Expr body = expr();
            expect(")");
            return new ForOf(q, set == null ? null : List.copyOf(set), body, t.pos());
        }
        List<String> vars = new ArrayList<>();
        do {
            vars.add(identifier());
        } while (accept(","));
        expect("in");
        Iter iter;
        if (peek().is("(")) {
            next();
            Expr first = expr();
            if (accept("..")) {
                Expr hi = expr();
                expect(")");
                iter = new RangeIter(new Range(first, hi));
            } else {
                List<Expr> items = new ArrayList<>();
                items.add(first);
                while (accept(",")) items.add(expr());
                expect(")");
                iter = new ListIter(List.copyOf(items));
            }
        } else {
            iter = new ExprIter(postfix());
        }
        expect(":");
        expect("(");
        Expr body = expr();
        expect(")");
        return new ForIn(q, List.copyOf(vars), iter, body, t.pos());
    }

    /** A quantifier count in {@code for N ...}: an arithmetic term that must not swallow the following {@code of}. */
    private Expr unaryNoOf() throws YaraSyntaxError {
        if (peek().kind() == Kind.SYMBOL && peek().is("-")) {
            Token t = next();
            return new Unary("neg", unaryNoOf(), t.pos());
        }
        return postfix();
    }
}
