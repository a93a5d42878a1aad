package dwell.yara;

import dwell.yara.Ast.*;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates rule conditions over one scan's matches. Values are Long, Double, Boolean, byte[] (strings) or
 * null for YARA's undefined, which makes comparisons undefined and counts as false in boolean context.
 */
final class Evaluator {
    /** Stands for an imported module whose values dwell does not compute: everything read from it is undefined. */
    private static final Object UNDEFINED_MODULE = new Object();
    /** Longest for-in loop evaluated; longer ranges are undefined (they could stall the scan). */
    private static final long MAX_LOOP = 1L << 22;

    private record ModuleFunction(String module, String name) {
    }

    private final RuleTables rules;
    private final PikeVm vm;
    private ScanData data;
    private Matches matches;
    private boolean[] results;
    private CompiledRule rule;
    private final Map<String, Object> vars = new HashMap<>();
    private final Map<String, Integer> ruleIndex = new HashMap<>();
    /** String sets of of/for-of nodes, by node identity (the rules are immutable, so this is a pure cache). */
    private final Map<Expr, int[]> setCache = new java.util.IdentityHashMap<>();
    private int anonymous = -1;
    private final Map<List<Object>, Object> moduleCache = new HashMap<>();

    Evaluator(RuleTables rules, PikeVm vm) {
        this.rules = rules;
        this.vm = vm;
        for (CompiledRule r : rules.rules) ruleIndex.put(r.name(), r.index());
    }

    /** Evaluates every rule; returns which ones hold (global rules applied, private ones included). */
    boolean[] evaluate(ScanData data, Matches matches) {
        this.data = data;
        this.matches = matches;
        moduleCache.clear();
        results = new boolean[rules.rules.size()];
        boolean[] touched = new boolean[rules.rules.size()];
        matches.forEachTouched(p -> {
            for (int ri : rules.patternRules[p]) touched[ri] = true;
        });
        boolean globalsHold = true;
        for (CompiledRule r : rules.rules) {
            rule = r;
            vars.clear();
            anonymous = -1;
            if (r.needsMatch() && !touched[r.index()]) {
                results[r.index()] = false;
            } else {
                results[r.index()] = truthy(eval(r.rule().condition()));
            }
            if (r.rule().global() && !results[r.index()]) globalsHold = false;
        }
        if (!globalsHold) Arrays.fill(results, false);
        return results;
    }

    static boolean truthy(Object v) {
        if (v instanceof Boolean b) return b;
        if (v instanceof Long l) return l != 0;
        if (v instanceof Double d) return d != 0;
        if (v instanceof byte[] s) return s.length > 0;
        return false;
    }

    private int stringIndex(String id) {
        if (id.equals("$")) return anonymous;
        Integer k = rule.byId().get(id);
        if (k == null) throw new IllegalStateException("unresolved string " + id);
        return rules.strings.get(k).pattern();
    }

    private Object eval(Expr e) {
        if (e instanceof Binary b) return binary(b);
        if (e instanceof StringMatch s) return stringMatch(s);
        if (e instanceof Of o) return of(o);
        if (e instanceof IntLit i) return i.value();
        if (e instanceof Unary u) return unary(u);
        if (e instanceof Filesize) return data.size();
        if (e instanceof BoolLit b) return b.value();
        if (e instanceof StrLit s) return s.value();
        if (e instanceof FloatLit f) return f.value();
        if (e instanceof Entrypoint) return null;
        if (e instanceof StringCount c) {
            int k = stringIndex(c.id());
            if (c.in() == null) return (long) matches.count(k);
            Long lo = asLong(eval(c.in().lo()));
            Long hi = asLong(eval(c.in().hi()));
            if (lo == null || hi == null) return null;
            return (long) matches.countIn(k, lo, hi);
        }
        if (e instanceof StringOffset o) return offsetOrLength(o.id(), o.index(), true);
        if (e instanceof StringLength l) return offsetOrLength(l.id(), l.index(), false);
        if (e instanceof Ident id) return ident(id.name());
        if (e instanceof Field f) {
            Object t = eval(f.target());
            if (t == UNDEFINED_MODULE) return UNDEFINED_MODULE;
            if (t instanceof String module) return new ModuleFunction(module, f.name());
            return null;
        }
        if (e instanceof Index i) {
            Object t = eval(i.target());
            return t == UNDEFINED_MODULE ? UNDEFINED_MODULE : null;
        }
        if (e instanceof Call c) return call(c);
        if (e instanceof ForOf f) return forOf(f);
        if (e instanceof ForIn f) return forIn(f);
        throw new IllegalStateException("unknown expression " + e);
    }

    private Object ident(String name) {
        Object v = vars.get(name);
        if (v != null || vars.containsKey(name)) return v;
        if (rules.externals.containsKey(name)) return rules.externals.get(name);
        Integer ri = ruleIndex.get(name);
        if (ri != null) return results[ri];
        if (rule.rule().imports().contains(name)) {
            return YaraCompiler.IMPLEMENTED.contains(name) ? name : UNDEFINED_MODULE;
        }
        return null;
    }

    private Object offsetOrLength(String id, Expr index, boolean offset) {
        int k = stringIndex(id);
        long i = 1;
        if (index != null) {
            Long v = asLong(eval(index));
            if (v == null) return null;
            i = v;
        }
        if (i < 1 || i > matches.count(k)) return null;
        return offset ? matches.offset(k, (int) (i - 1)) : (long) matches.length(k, (int) (i - 1));
    }

    private Object stringMatch(StringMatch s) {
        int k = stringIndex(s.id());
        if (s.at() != null) {
            Long at = asLong(eval(s.at()));
            return at == null ? null : matches.at(k, at);
        }
        if (s.in() != null) {
            Long lo = asLong(eval(s.in().lo()));
            Long hi = asLong(eval(s.in().hi()));
            if (lo == null || hi == null) return null;
            return matches.countIn(k, lo, hi) > 0;
        }
        return matches.count(k) > 0;
    }

    private static Long asLong(Object v) {
        if (v instanceof Long l) return l;
        if (v instanceof Boolean b) return b ? 1L : 0L;
        return null;
    }

    private Object call(Call c) {
        if (c.target() instanceof Ident id && !vars.containsKey(id.name()) && YaraCompiler.INT_FUNCTIONS.contains(id.name())
                && c.args().size() == 1 && !rules.externals.containsKey(id.name())) {
            Long off = asLong(eval(c.args().get(0)));
            return off == null ? null : readInt(id.name(), off);
        }
        Object t = eval(c.target());
        if (t == UNDEFINED_MODULE) return UNDEFINED_MODULE;
        if (!(t instanceof ModuleFunction f)) return null;
        List<Object> args = new ArrayList<>(c.args().size() + 2);
        args.add(f.module());
        args.add(f.name());
        for (Expr a : c.args()) {
            Object v = eval(a);
            if (v instanceof byte[] b) v = new Key(b);
            args.add(v);
        }
        if (moduleCache.containsKey(args)) return moduleCache.get(args);
        List<Object> real = new ArrayList<>();
        for (Object v : args.subList(2, args.size())) real.add(v instanceof Key k ? k.bytes : v);
        Object r = Modules.call(f.module(), f.name(), real, data);
        moduleCache.put(args, r);
        return r;
    }

    /** A byte string usable as a cache key. */
    private record Key(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }

    private Object readInt(String fn, long off) {
        boolean signed = !fn.startsWith("u");
        boolean be = fn.endsWith("be");
        int width = fn.contains("8") ? 1 : fn.contains("16") ? 2 : 4;
        if (off < 0 || off + width > data.size()) return null;
        long v = 0;
        for (int k = 0; k < width; k++) {
            int b = data.get(off + (be ? k : width - 1 - k));
            v = (v << 8) | b;
        }
        if (signed) {
            int shift = 64 - 8 * width;
            v = (v << shift) >> shift;
        }
        return v;
    }

    private Object unary(Unary u) {
        Object v = eval(u.operand());
        if (v == UNDEFINED_MODULE) v = null;
        switch (u.op()) {
            case "not":
                return v == null ? null : !truthy(v);
            case "defined":
                return v != null;
            case "neg":
                if (v instanceof Long l) return -l;
                if (v instanceof Double d) return -d;
                return null;
            default:
                return v instanceof Long l ? ~l : null;
        }
    }

    private Object binary(Binary b) {
        String op = b.op();
        if (op.equals("and")) {
            return truthy(eval(b.left())) && truthy(eval(b.right()));
        }
        if (op.equals("or")) {
            return truthy(eval(b.left())) || truthy(eval(b.right()));
        }
        Object l = eval(b.left());
        if (l == UNDEFINED_MODULE) l = null;
        if (op.equals("matches")) {
            if (!(l instanceof byte[] s)) return null;
            return search(rules.regexes.get(b), s);
        }
        Object r = eval(b.right());
        if (r == UNDEFINED_MODULE) r = null;
        if (l == null || r == null) return null;
        if (l instanceof byte[] ls && r instanceof byte[] rs) return strings(op, ls, rs);
        if (l instanceof Boolean lb) l = lb ? 1L : 0L;
        if (r instanceof Boolean rb) r = rb ? 1L : 0L;
        if (l instanceof byte[] || r instanceof byte[]) return null;
        if (l instanceof Long x && r instanceof Long y) return ints(op, x, y);
        double x = ((Number) l).doubleValue();
        double y = ((Number) r).doubleValue();
        return switch (op) {
            case "==" -> x == y;
            case "!=" -> x != y;
            case "<" -> x < y;
            case "<=" -> x <= y;
            case ">" -> x > y;
            case ">=" -> x >= y;
            case "+" -> x + y;
            case "-" -> x - y;
            case "*" -> x * y;
            case "\\" -> y == 0 ? null : x / y;
            default -> null;
        };
    }

    private static Object ints(String op, long x, long y) {
        return switch (op) {
            case "==" -> x == y;
            case "!=" -> x != y;
            case "<" -> x < y;
            case "<=" -> x <= y;
            case ">" -> x > y;
            case ">=" -> x >= y;
            case "+" -> x + y;
            case "-" -> x - y;
            case "*" -> x * y;
            case "\\" -> y == 0 ? null : x / y;
            case "%" -> y == 0 ? null : x % y;
            case "&" -> x & y;
            case "|" -> x | y;
            case "^" -> x ^ y;
            case "<<" -> y < 0 ? null : y >= 64 ? 0L : x << y;
            case ">>" -> y < 0 ? null : y >= 64 ? 0L : x >> y;
            default -> null;
        };
    }

    private static Object strings(String op, byte[] l, byte[] r) {
        return switch (op) {
            case "==" -> Arrays.equals(l, r);
            case "!=" -> !Arrays.equals(l, r);
            case "<" -> Arrays.compareUnsigned(l, r) < 0;
            case "<=" -> Arrays.compareUnsigned(l, r) <= 0;
            case ">" -> Arrays.compareUnsigned(l, r) > 0;
            case ">=" -> Arrays.compareUnsigned(l, r) >= 0;
            case "contains" -> indexOf(l, r, false) >= 0;
            case "icontains" -> indexOf(l, r, true) >= 0;
            case "startswith" -> l.length >= r.length && regionEquals(l, 0, r, false);
            case "istartswith" -> l.length >= r.length && regionEquals(l, 0, r, true);
            case "endswith" -> l.length >= r.length && regionEquals(l, l.length - r.length, r, false);
            case "iendswith" -> l.length >= r.length && regionEquals(l, l.length - r.length, r, true);
            case "iequals" -> l.length == r.length && regionEquals(l, 0, r, true);
            default -> null;
        };
    }

    private static boolean regionEquals(byte[] hay, int at, byte[] needle, boolean nocase) {
        for (int k = 0; k < needle.length; k++) {
            int a = hay[at + k] & 0xff;
            int b = needle[k] & 0xff;
            if (nocase ? Atoms.fold(a) != Atoms.fold(b) : a != b) return false;
        }
        return true;
    }

    private static int indexOf(byte[] hay, byte[] needle, boolean nocase) {
        for (int i = 0; i + needle.length <= hay.length; i++) {
            if (regionEquals(hay, i, needle, nocase)) return i;
        }
        return -1;
    }

    private boolean search(Program p, byte[] s) {
        ScanData d = new ScanData.Array(s, s.length);
        for (int i = 0; i <= s.length; i++) {
            if (vm.match(p, d, i, s.length + 1) >= 0) return true;
        }
        return false;
    }

    private int[] stringSet(Expr node, List<String> set) {
        int[] cached = setCache.get(node);
        if (cached != null) return cached;
        List<Integer> out = new ArrayList<>();
        List<Ast.StringDef> defs = rule.rule().strings();
        for (int k = 0; k < defs.size(); k++) {
            String id = defs.get(k).id();
            boolean in = set == null;
            if (!in) {
                for (String s : set) {
                    if (s.endsWith("*") ? id.startsWith(s.substring(0, s.length() - 1)) : id.equals(s)) {
                        in = true;
                        break;
                    }
                }
            }
            if (in) out.add(rules.strings.get(rule.strings()[k]).pattern());
        }
        int[] r = out.stream().mapToInt(Integer::intValue).toArray();
        setCache.put(node, r);
        return r;
    }

    /** Whether {@code hits} of {@code total} items satisfy the quantifier; null when its count is undefined. */
    private Object quantify(Quantifier q, long hits, long total) {
        if (q instanceof All) return hits == total;
        if (q instanceof Any) return hits > 0;
        if (q instanceof None) return hits == 0;
        if (q instanceof Count c) {
            Long n = asLong(eval(c.n()));
            return n == null ? null : hits >= n;
        }
        Long pct = asLong(eval(((Percent) q).n()));
        return pct == null ? null : hits * 100 >= pct * total;
    }

    private Object of(Of o) {
        if (o.rules()) {
            int total = 0;
            int hits = 0;
            for (CompiledRule r : rules.rules) {
                for (String s : o.set()) {
                    if (s.endsWith("*") ? r.name().startsWith(s.substring(0, s.length() - 1)) : r.name().equals(s)) {
                        total++;
                        if (results[r.index()]) hits++;
                        break;
                    }
                }
            }
            return quantify(o.quantifier(), hits, total);
        }
        int[] set = stringSet(o, o.set());
        Long lo = null;
        Long hi = null;
        Long at = null;
        if (o.in() != null) {
            lo = asLong(eval(o.in().lo()));
            hi = asLong(eval(o.in().hi()));
            if (lo == null || hi == null) return null;
        }
        if (o.at() != null) {
            at = asLong(eval(o.at()));
            if (at == null) return null;
        }
        int hits = 0;
        for (int k : set) {
            boolean m = at != null ? matches.at(k, at) : lo != null ? matches.countIn(k, lo, hi) > 0 : matches.count(k) > 0;
            if (m) hits++;
        }
        return quantify(o.quantifier(), hits, set.length);
    }

    private Object forOf(ForOf f) {
        int[] set = stringSet(f, f.set());
        int saved = anonymous;
        int hits = 0;
        for (int k : set) {
            anonymous = k;
            if (truthy(eval(f.body()))) hits++;
        }
        anonymous = saved;
        return quantify(f.quantifier(), hits, set.length);
    }

    private Object forIn(ForIn f) {
        List<Object> items = new ArrayList<>();
        if (f.iterable() instanceof RangeIter r) {
            Long lo = asLong(eval(r.range().lo()));
            Long hi = asLong(eval(r.range().hi()));
            if (lo == null || hi == null || hi - lo >= MAX_LOOP) return null;
            for (long v = lo; v <= hi; v++) items.add(v);
        } else if (f.iterable() instanceof ListIter l) {
            for (Expr x : l.items()) items.add(eval(x));
        } else {
            return null;
        }
        String var = f.vars().get(0);
        boolean had = vars.containsKey(var);
        Object saved = vars.get(var);
        int hits = 0;
        for (Object v : items) {
            vars.put(var, v);
            if (truthy(eval(f.body()))) hits++;
        }
        if (had) vars.put(var, saved);
        else vars.remove(var);
        return quantify(f.quantifier(), hits, items.size());
    }
}
