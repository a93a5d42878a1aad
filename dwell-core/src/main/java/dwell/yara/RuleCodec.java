package dwell.yara;

import dwell.yara.Ast.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rules as the compiled-rule encoding holds them: each rule's syntax (name, flags, tags, meta, strings, condition,
 * positions), since the evaluator walks the condition tree, and beside each {@code matches} node its compiled
 * regular expression. An expression is a tag byte (as an int) and its fields in declaration order.
 */
final class RuleCodec {
    private static final int BOOL = 0, INT = 1, FLOAT = 2, STR = 3, FILESIZE = 4, ENTRYPOINT = 5, MATCH = 6, COUNT = 7,
            OFFSET = 8, LENGTH = 9, IDENT = 10, FIELD = 11, INDEX = 12, CALL = 13, UNARY = 14, BINARY = 15, OF = 16,
            FOR_OF = 17, FOR_IN = 18, NULL = 19;
    private static final int Q_ALL = 0, Q_ANY = 1, Q_NONE = 2, Q_COUNT = 3, Q_PERCENT = 4;
    private static final int IT_RANGE = 0, IT_LIST = 1, IT_EXPR = 2;
    private static final int P_TEXT = 0, P_HEX = 1, P_REGEX = 2;
    private static final int M_STRING = 0, M_LONG = 1, M_BOOLEAN = 2;
    /** Deepest condition decoded; the parser's own nesting limit keeps real rules far below it. */
    private static final int MAX_DEPTH = 10_000;

    private final Map<Binary, Program> regexes;
    private final ProgramCodec programs;

    /** A codec filling (decoding) or reading (encoding) the regex programs of {@code matches} nodes. */
    RuleCodec(Map<Binary, Program> regexes, ProgramCodec programs) {
        this.regexes = regexes;
        this.programs = programs;
    }

    void rule(CodecOut o, Rule r) {
        o.text(r.name()).bool(r.global()).bool(r.isPrivate()).texts(r.tags());
        o.i(r.meta().size());
        for (Meta m : r.meta()) {
            o.text(m.key());
            if (m.value() instanceof Long v) o.i(M_LONG).l(v);
            else if (m.value() instanceof Boolean v) o.i(M_BOOLEAN).bool(v);
            else o.i(M_STRING).text((String) m.value());
        }
        o.i(r.strings().size());
        for (StringDef d : r.strings()) stringDef(o, d);
        expr(o, r.condition());
        o.texts(r.imports());
        pos(o, r.pos());
    }

    Rule rule(CodecIn in) {
        String name = in.text();
        boolean global = in.bool();
        boolean priv = in.bool();
        List<String> tags = in.texts();
        int nm = in.count();
        List<Meta> meta = new ArrayList<>(nm);
        for (int k = 0; k < nm; k++) {
            String key = in.text();
            int kind = in.index(3);
            meta.add(new Meta(key, kind == M_LONG ? (Object) in.l() : kind == M_BOOLEAN ? (Object) in.bool() : in.text()));
        }
        int ns = in.count();
        List<StringDef> strings = new ArrayList<>(ns);
        for (int k = 0; k < ns; k++) strings.add(stringDef(in));
        Expr condition = expr(in, 0);
        List<String> imports = in.texts();
        return new Rule(name, global, priv, tags, List.copyOf(meta), List.copyOf(strings), condition, imports, pos(in));
    }

    private static void stringDef(CodecOut o, StringDef d) {
        o.text(d.id());
        if (d.pattern() instanceof Text t) o.i(P_TEXT).bytes(t.bytes());
        else if (d.pattern() instanceof Hex h) o.i(P_HEX).text(h.body());
        else if (d.pattern() instanceof Regex x) o.i(P_REGEX).text(x.source()).bool(x.nocase()).bool(x.dotall());
        Modifiers m = d.mods();
        o.bool(m.ascii()).bool(m.wide()).bool(m.nocase()).bool(m.fullword()).bool(m.isPrivate()).i(m.xorMin())
                .i(m.xorMax()).bool(m.base64()).bool(m.base64wide()).text(m.alphabet());
        pos(o, d.pos());
    }

    private static StringDef stringDef(CodecIn in) {
        String id = in.text();
        Pattern p = switch (in.index(3)) {
            case P_TEXT -> new Text(nonNull(in.bytes()));
            case P_HEX -> new Hex(nonNull(in.text()));
            default -> new Regex(nonNull(in.text()), in.bool(), in.bool());
        };
        Modifiers m = new Modifiers(in.bool(), in.bool(), in.bool(), in.bool(), in.bool(), in.i(), in.i(), in.bool(),
                in.bool(), in.text());
        return new StringDef(nonNull(id), p, m, pos(in));
    }

    private static void pos(CodecOut o, Pos p) {
        o.text(p.file()).i(p.line()).i(p.col());
    }

    private static Pos pos(CodecIn in) {
        return new Pos(in.text(), in.i(), in.i());
    }

    private void expr(CodecOut o, Expr e) {
        if (e == null) {
            o.i(NULL);
            return;
        }
        if (e instanceof BoolLit x) o.i(BOOL).bool(x.value());
        else if (e instanceof IntLit x) o.i(INT).l(x.value());
        else if (e instanceof FloatLit x) o.i(FLOAT).d(x.value());
        else if (e instanceof StrLit x) o.i(STR).bytes(x.value());
        else if (e instanceof Filesize) o.i(FILESIZE);
        else if (e instanceof Entrypoint) o.i(ENTRYPOINT);
        else if (e instanceof StringMatch x) {
            o.i(MATCH).text(x.id());
            expr(o, x.at());
            range(o, x.in());
        } else if (e instanceof StringCount x) {
            o.i(COUNT).text(x.id());
            range(o, x.in());
        } else if (e instanceof StringOffset x) {
            o.i(OFFSET).text(x.id());
            expr(o, x.index());
        } else if (e instanceof StringLength x) {
            o.i(LENGTH).text(x.id());
            expr(o, x.index());
        } else if (e instanceof Ident x) o.i(IDENT).text(x.name());
        else if (e instanceof Field x) {
            o.i(FIELD);
            expr(o, x.target());
            o.text(x.name());
        } else if (e instanceof Index x) {
            o.i(INDEX);
            expr(o, x.target());
            expr(o, x.index());
        } else if (e instanceof Call x) {
            o.i(CALL);
            expr(o, x.target());
            exprs(o, x.args());
        } else if (e instanceof Unary x) {
            o.i(UNARY).text(x.op());
            expr(o, x.operand());
        } else if (e instanceof Binary x) {
            o.i(BINARY).text(x.op());
            expr(o, x.left());
            expr(o, x.right());
            Program regex = regexes.get(x);
            o.bool(regex != null);
            if (regex != null) programs.write(o, regex);
        } else if (e instanceof Of x) {
            o.i(OF);
            quantifier(o, x.quantifier());
            optionalTexts(o, x.set());
            o.bool(x.rules());
            range(o, x.in());
            expr(o, x.at());
        } else if (e instanceof ForOf x) {
            o.i(FOR_OF);
            quantifier(o, x.quantifier());
            optionalTexts(o, x.set());
            expr(o, x.body());
        } else if (e instanceof ForIn x) {
            o.i(FOR_IN);
            quantifier(o, x.quantifier());
            o.texts(x.vars());
            if (x.iterable() instanceof RangeIter r) {
                o.i(IT_RANGE);
                range(o, r.range());
            } else if (x.iterable() instanceof ListIter l) {
                o.i(IT_LIST);
                exprs(o, l.items());
            } else {
                o.i(IT_EXPR);
                expr(o, ((ExprIter) x.iterable()).expr());
            }
            expr(o, x.body());
        }
        pos(o, e.pos());
    }

    private Expr expr(CodecIn in, int depth) {
        if (depth > MAX_DEPTH) throw CodecIn.bad("condition nested too deeply");
        int d = depth + 1;
        int tag = in.index(NULL + 1);
        if (tag == NULL) return null;
        return switch (tag) {
            case BOOL -> new BoolLit(in.bool(), pos(in));
            case INT -> new IntLit(in.l(), pos(in));
            case FLOAT -> new FloatLit(in.d(), pos(in));
            case STR -> new StrLit(nonNull(in.bytes()), pos(in));
            case FILESIZE -> new Filesize(pos(in));
            case ENTRYPOINT -> new Entrypoint(pos(in));
            case MATCH -> new StringMatch(in.text(), expr(in, d), range(in, d), pos(in));
            case COUNT -> new StringCount(in.text(), range(in, d), pos(in));
            case OFFSET -> new StringOffset(in.text(), expr(in, d), pos(in));
            case LENGTH -> new StringLength(in.text(), expr(in, d), pos(in));
            case IDENT -> new Ident(in.text(), pos(in));
            case FIELD -> new Field(expr(in, d), in.text(), pos(in));
            case INDEX -> new Index(expr(in, d), expr(in, d), pos(in));
            case CALL -> new Call(expr(in, d), exprs(in, d), pos(in));
            case UNARY -> new Unary(in.text(), expr(in, d), pos(in));
            case BINARY -> binary(in, d);
            case OF -> new Of(quantifier(in, d), optionalTexts(in), in.bool(), range(in, d), expr(in, d), pos(in));
            case FOR_OF -> new ForOf(quantifier(in, d), optionalTexts(in), expr(in, d), pos(in));
            default -> new ForIn(quantifier(in, d), in.texts(), iter(in, d), expr(in, d), pos(in));
        };
    }

    private Binary binary(CodecIn in, int depth) {
        String op = in.text();
        Expr left = expr(in, depth);
        Expr right = expr(in, depth);
        Program regex = in.bool() ? programs.read(in).get() : null;
        Binary b = new Binary(op, left, right, pos(in));
        if (regex != null) regexes.put(b, regex);
        return b;
    }

    private Iter iter(CodecIn in, int depth) {
        return switch (in.index(3)) {
            case IT_RANGE -> new RangeIter(range(in, depth));
            case IT_LIST -> new ListIter(exprs(in, depth));
            default -> new ExprIter(expr(in, depth));
        };
    }

    private void exprs(CodecOut o, List<Expr> list) {
        o.i(list.size());
        for (Expr e : list) expr(o, e);
    }

    private List<Expr> exprs(CodecIn in, int depth) {
        int n = in.count();
        List<Expr> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) out.add(expr(in, depth));
        return java.util.Collections.unmodifiableList(out);
    }

    private void range(CodecOut o, Range r) {
        o.bool(r != null);
        if (r != null) {
            expr(o, r.lo());
            expr(o, r.hi());
        }
    }

    private Range range(CodecIn in, int depth) {
        return in.bool() ? new Range(expr(in, depth), expr(in, depth)) : null;
    }

    private void quantifier(CodecOut o, Quantifier q) {
        if (q instanceof All) o.i(Q_ALL);
        else if (q instanceof Any) o.i(Q_ANY);
        else if (q instanceof None) o.i(Q_NONE);
        else if (q instanceof Count c) {
            o.i(Q_COUNT);
            expr(o, c.n());
        } else if (q instanceof Percent p) {
            o.i(Q_PERCENT);
            expr(o, p.n());
        }
    }

    private Quantifier quantifier(CodecIn in, int depth) {
        return switch (in.index(5)) {
            case Q_ALL -> new All();
            case Q_ANY -> new Any();
            case Q_NONE -> new None();
            case Q_COUNT -> new Count(expr(in, depth));
            default -> new Percent(expr(in, depth));
        };
    }

    private static void optionalTexts(CodecOut o, List<String> list) {
        o.bool(list != null);
        if (list != null) o.texts(list);
    }

    private static List<String> optionalTexts(CodecIn in) {
        return in.bool() ? in.texts() : null;
    }

    private static <T> T nonNull(T v) {
        if (v == null) throw CodecIn.bad("a value that cannot be absent is absent");
        return v;
    }
}
