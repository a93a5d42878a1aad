package dwell.yara;

import dwell.yara.Ast.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns parsed rules into a {@link YaraRules}: checks every identifier, expands each string into its
 * variants, picks atoms and builds the one Aho-Corasick automaton. Collects all errors before failing.
 */
public final class YaraCompiler {
    /** Modules dwell evaluates. */
    static final Set<String> IMPLEMENTED = Set.of("math", "hash");
    /** Modules YARA knows; importing one dwell lacks loads it with every value undefined. */
    static final Set<String> KNOWN = Set.of("math", "hash", "pe", "elf", "dotnet", "cuckoo", "magic", "dex", "macho",
            "console", "time", "string", "lnk", "vt");
    /** Longest match of a regular expression, YARA's RE_SCAN_LIMIT. */
    static final int REGEX_LIMIT = 4096;
    /** Longest match of a hex string with an unbounded jump. */
    static final int HEX_UNBOUNDED_LIMIT = 1 << 20;
    static final Set<String> INT_FUNCTIONS = Set.of("int8", "int16", "int32", "int8be", "int16be", "int32be",
            "uint8", "uint16", "uint32", "uint8be", "uint16be", "uint32be");

    private final Map<String, Object> externals = new LinkedHashMap<>();
    private final List<Rule> rules = new ArrayList<>();
    private final List<YaraSyntaxError> errors = new ArrayList<>();
    private final List<Include> includes = new ArrayList<>();

    /** Defines an external variable: a Long, Double, Boolean or String. */
    public YaraCompiler define(String name, Object value) {
        externals.put(name, value instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : value);
        return this;
    }

    /** Defines an external from {@code -d name=value} text: integer, float, true/false, else a string. */
    public YaraCompiler defineText(String name, String value) {
        String v = value;
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) return define(name, v.substring(1, v.length() - 1));
        if (v.equals("true") || v.equals("false")) return define(name, Boolean.parseBoolean(v));
        try {
            return define(name, v.startsWith("0x") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v));
        } catch (NumberFormatException e) {
            // not an integer
        }
        try {
            if (v.matches("-?\\d+\\.\\d+")) return define(name, Double.parseDouble(v));
        } catch (NumberFormatException e) {
            // not a float
        }
        return define(name, v);
    }

    /** Parses and adds a rule file; syntax errors are collected, not thrown. */
    public YaraCompiler addFile(Path file) {
        try {
            add(Parser.parseFile(file), null);
        } catch (YaraSyntaxError e) {
            errors.add(e);
        }
        return this;
    }

    /**
     * Parses rule files and adds them in the given order, as {@link #addFile} one by one would; the files are
     * parsed in parallel, since parsing one does not depend on another.
     */
    public YaraCompiler addFiles(List<Path> files) {
        PhaseTimer timer = new PhaseTimer();
        Object[] parsed = java.util.stream.IntStream.range(0, files.size()).parallel().mapToObj(k -> {
            try {
                RuleFile f = Parser.parseFile(files.get(k));
                return (Object) new Parsed(f, f.rules().stream().map(YaraCompiler::patternErrors).toList());
            } catch (YaraSyntaxError e) {
                return e;
            }
        }).toArray();
        timer.mark("  parse (and pattern checks)");
        for (Object o : parsed) {
            if (o instanceof YaraSyntaxError e) errors.add(e);
            else add(((Parsed) o).file(), ((Parsed) o).patternErrors());
        }
        timer.mark("  check");
        return this;
    }

    /** Parses and adds rule text. */
    public YaraCompiler addSource(String source, String name) {
        try {
            add(Parser.parse(source, name), null);
        } catch (YaraSyntaxError e) {
            errors.add(e);
        }
        return this;
    }

    /** A parsed rule file with each rule's pattern errors, found while parsing in parallel. */
    private record Parsed(RuleFile file, List<List<YaraSyntaxError>> patternErrors) {
    }

    /** Adds a parsed file's rules; {@code patternErrors}: each rule's {@link #patternErrors}, or null to find them. */
    private void add(RuleFile file, List<List<YaraSyntaxError>> patternErrors) {
        includes.addAll(file.includes());
        List<Rule> ok = new ArrayList<>();
        int before = errors.size();
        declared = new java.util.HashSet<>();
        for (Rule r : rules) declared.add(r.name());
        for (int ri = 0; ri < file.rules().size(); ri++) {
            Rule r = file.rules().get(ri);
            if (declared.contains(r.name())) {
                errors.add(new YaraSyntaxError(r.pos(), "duplicated identifier \"" + r.name() + "\""));
                continue;
            }
            for (String m : r.imports()) {
                if (!KNOWN.contains(m)) errors.add(new YaraSyntaxError(r.pos(), "unknown module \"" + m + "\""));
            }
            new Checker(r).check();
            errors.addAll(patternErrors != null ? patternErrors.get(ri) : patternErrors(r));
            ok.add(r);
            declared.add(r.name());
        }
        if (errors.size() == before) rules.addAll(ok);
    }

    /** Names of rules a condition may refer to: those compiled before it. */
    private Set<String> declared = Set.of();

    /** The errors of a rule's hex strings and regexes, which depend on nothing outside the rule. */
    private static List<YaraSyntaxError> patternErrors(Rule r) {
        List<YaraSyntaxError> errors = new ArrayList<>();
        for (StringDef d : r.strings()) {
            try {
                if (d.pattern() instanceof Hex h) HexParser.parse(h.body());
                else if (d.pattern() instanceof Regex x) RegexParser.parse(x.source(), x.nocase(), x.dotall());
            } catch (IllegalArgumentException e) {
                errors.add(new YaraSyntaxError(d.pos(), e.getMessage() + " in " + d.id()));
            }
        }
        walk(r.condition(), x -> {
            if (x instanceof Binary b && b.op().equals("matches")) {
                String src = new String(((StrLit) b.right()).value(), StandardCharsets.ISO_8859_1);
                int slash = src.lastIndexOf('/');
                try {
                    RegexParser.parse(src.substring(0, slash), false, false);
                } catch (IllegalArgumentException e) {
                    errors.add(new YaraSyntaxError(b.pos(), e.getMessage()));
                }
            }
        });
        return errors;
    }

    /** The files includes read so far, in order. */
    List<Include> includes() {
        return List.copyOf(includes);
    }

    /** The errors met so far. */
    public List<YaraSyntaxError> errors() {
        return List.copyOf(errors);
    }

    /** Builds the rule set; throws the first error if any rule failed (all are in {@link #errors()}). */
    public YaraRules build() throws YaraSyntaxError {
        if (!errors.isEmpty()) throw errors.get(0);
        PhaseTimer timer = new PhaseTimer();
        List<CompiledRule> compiled = new ArrayList<>();
        List<StringInfo> strings = new ArrayList<>();
        List<Variant> variants = new ArrayList<>();
        List<byte[]> atoms = new ArrayList<>();
        List<AhoCorasick.Entry> entries = new ArrayList<>();
        List<Integer> unanchored = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<Binary, Program> regexes = new IdentityHashMap<>();
        Map<String, Integer> patterns = new java.util.HashMap<>();
        // first the pattern of every string (identical strings share one), then each new pattern's variants and
        // atoms, in parallel since they do not depend on one another, then everything assembled in rule order
        int[][] patternOf = new int[rules.size()][];
        List<StringDef> fresh = new ArrayList<>();
        List<Integer> freshIndex = new ArrayList<>();
        for (int ri = 0; ri < rules.size(); ri++) {
            List<StringDef> defs = rules.get(ri).strings();
            patternOf[ri] = new int[defs.size()];
            for (int k = 0; k < defs.size(); k++) {
                String key = patternKey(defs.get(k));
                Integer known = patterns.get(key);
                if (known == null) {
                    known = patterns.size();
                    patterns.put(key, known);
                    fresh.add(defs.get(k));
                    freshIndex.add(known);
                    patternOf[ri][k] = ~known;
                } else {
                    patternOf[ri][k] = known;
                }
            }
        }
        Object[] plans = java.util.stream.IntStream.range(0, fresh.size()).parallel()
                .mapToObj(j -> plan(freshIndex.get(j), fresh.get(j))).toArray();
        int nextPlan = 0;
        for (Rule r : rules) {
            int ri = compiled.size();
            int[] ids = new int[r.strings().size()];
            Map<String, Integer> byId = new LinkedHashMap<>();
            for (int k = 0; k < r.strings().size(); k++) {
                StringDef d = r.strings().get(k);
                int si = strings.size();
                ids[k] = si;
                if (!d.id().equals("$")) byId.put(d.id(), si);
                int pi = patternOf[ri][k] < 0 ? ~patternOf[ri][k] : patternOf[ri][k];
                strings.add(new StringInfo(d.id(), ri, d.mods().isPrivate(), pi));
                if (patternOf[ri][k] >= 0) continue;
                Object plan = plans[nextPlan++];
                if (plan instanceof IllegalArgumentException e) {
                    errors.add(new YaraSyntaxError(d.pos(), e.getMessage() + " in " + d.id()));
                    continue;
                }
                PatternPlan pp = (PatternPlan) plan;
                String slow = slowness(pp);
                if (slow != null) {
                    warnings.add(d.pos() + ": rule \"" + r.name() + "\": string " + d.id() + " may slow down scanning: " + slow);
                }
                for (int v = 0; v < pp.variants().size(); v++) {
                    int vi = variants.size();
                    variants.add(pp.variants().get(v));
                    Atoms.Choice c = pp.choices().get(v);
                    if (c == null) unanchored.add(vi);
                    else addAtoms(c, vi, atoms, entries);
                }
            }
            collectRegexes(r.condition(), regexes, r);
            compiled.add(new CompiledRule(r, ri, ids, byId, undefinedModules(r), Gating.needsMatch(r.condition())));
        }
        if (!errors.isEmpty()) throw errors.get(0);
        pendingRe.clear();
        timer.mark("variants+atoms");
        AhoCorasick automaton = new AhoCorasick(atoms, entries);
        timer.mark("automaton (" + automaton.states() + " states)");
        return YaraRules.of(new RuleTables(List.copyOf(compiled), List.copyOf(strings), patterns.size(),
                List.copyOf(variants), automaton, unanchored.stream().mapToInt(Integer::intValue).toArray(),
                Map.copyOf(externals), regexes), warnings);
    }

    /**
     * Why a pattern will be slow to search, or null: no atom (it is tried at every offset), a one-byte atom
     * (most offsets of most data are candidates), or jumps and repeats so long that every candidate is costly.
     */
    private static String slowness(PatternPlan plan) {
        for (int v = 0; v < plan.variants().size(); v++) {
            Atoms.Choice c = plan.choices().get(v);
            if (plan.variants().get(v) instanceof Variant.Pattern p && StartFilter.costly(p.program().get(), p.limit())) {
                return "its jumps or repetitions are so long that every candidate costs a long match";
            }
            if (c == null) return "it has no fixed bytes to look for, so every offset is a candidate";
            if (c.atoms().stream().anyMatch(a -> a.length < 2)) return "its fixed bytes are one byte long, so most offsets are candidates";
        }
        return null;
    }

    /** Strings with the same key match the same bytes, so rules share their matches. */
    private static String patternKey(StringDef d) {
        Modifiers m = d.mods();
        String mods = m.ascii() + "," + m.wide() + "," + m.nocase() + "," + m.fullword() + "," + m.xorMin() + ","
                + m.xorMax() + "," + m.base64() + "," + m.base64wide() + "," + m.alphabet();
        // the length first, so the bytes (as ISO-8859-1 characters) and the modifiers after them cannot run together
        if (d.pattern() instanceof Text t) {
            return "T" + t.bytes().length + ":" + new String(t.bytes(), StandardCharsets.ISO_8859_1) + ";" + mods;
        }
        if (d.pattern() instanceof Hex h) return "H" + collapseSpace(h.body());
        Regex r = (Regex) d.pattern();
        return "R" + r.nocase() + r.dotall() + ";" + mods + ";" + r.source();
    }

    /** {@code s} trimmed, each run of whitespace inside made one space (as {@code replaceAll("\\s+", " ").trim()}). */
    static String collapseSpace(String s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean space = false;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r') {
                space = true;
            } else {
                if (space && b.length() > 0) b.append(' ');
                space = false;
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Filled by pattern plans running in parallel. */
    private final Map<Variant.Pattern, Re> pendingRe = java.util.Collections.synchronizedMap(new IdentityHashMap<>());

    /** A new pattern's variants, each with its atoms (null: no atom, the variant is tried at every offset). */
    private record PatternPlan(List<Variant> variants, List<Atoms.Choice> choices) {
    }

    /** The {@link PatternPlan} of pattern {@code pi}, or the IllegalArgumentException that rejects it. */
    private Object plan(int pi, StringDef d) {
        try {
            List<Variant> vs = variants(pi, d);
            List<Atoms.Choice> choices = new ArrayList<>(vs.size());
            for (Variant v : vs) {
                if (v instanceof Variant.Literal lit) choices.add(Atoms.forLiteral(lit.bytes()));
                else choices.add(Atoms.forPattern(pendingRe.get((Variant.Pattern) v)));
            }
            return new PatternPlan(vs, choices);
        } catch (IllegalArgumentException e) {
            return e;
        }
    }

    private static void addAtoms(Atoms.Choice c, int variant, List<byte[]> atoms, List<AhoCorasick.Entry> entries) {
        for (byte[] a : c.atoms()) {
            atoms.add(a);
            entries.add(new AhoCorasick.Entry(variant, c.minOffset() + a.length - 1, c.maxOffset() + a.length - 1));
        }
    }

    private void collectRegexes(Expr e, Map<Binary, Program> out, Rule r) {
        walk(e, x -> {
            if (x instanceof Binary b && b.op().equals("matches")) {
                String src = new String(((StrLit) b.right()).value(), StandardCharsets.ISO_8859_1);
                int slash = src.lastIndexOf('/');
                String flags = src.substring(slash + 1);
                try {
                    out.put(b, Program.compile(RegexParser.parse(src.substring(0, slash), flags.contains("i"),
                            flags.contains("s"))));
                } catch (IllegalArgumentException ex) {
                    errors.add(new YaraSyntaxError(b.pos(), ex.getMessage()));
                }
            }
        });
    }

    private List<String> undefinedModules(Rule r) {
        Set<String> used = new TreeSet<>();
        walk(r.condition(), x -> {
            if (x instanceof Ident id && r.imports().contains(id.name()) && !IMPLEMENTED.contains(id.name())
                    && !externals.containsKey(id.name())) {
                used.add(id.name());
            }
        });
        return List.copyOf(used);
    }

    /** Every form of a string that can match, in YARA's order: ascii before wide, then xor keys, base64 shifts. */
    private List<Variant> variants(int si, StringDef d) {
        Modifiers m = d.mods();
        List<Variant> out = new ArrayList<>();
        if (d.pattern() instanceof Text t) {
            byte[] b = t.bytes();
            if (m.base64() || m.base64wide()) {
                for (byte[] enc : Base64Variants.encodings(b, m.alphabet())) {
                    if (m.base64()) out.add(new Variant.Literal(si, enc, false, false, false));
                    if (m.base64wide()) out.add(new Variant.Literal(si, widen(enc), false, true, false));
                }
                return out;
            }
            List<byte[]> forms = new ArrayList<>();
            List<Boolean> wide = new ArrayList<>();
            if (m.ascii() || !m.wide()) {
                forms.add(b);
                wide.add(false);
            }
            if (m.wide()) {
                forms.add(widen(b));
                wide.add(true);
            }
            for (int k = 0; k < forms.size(); k++) {
                if (m.xor()) {
                    for (int key = m.xorMin(); key <= m.xorMax(); key++) {
                        byte[] x = forms.get(k).clone();
                        for (int j = 0; j < x.length; j++) x[j] ^= (byte) key;
                        out.add(new Variant.Literal(si, x, false, wide.get(k), m.fullword()));
                    }
                } else {
                    out.add(new Variant.Literal(si, forms.get(k), m.nocase(), wide.get(k), m.fullword()));
                }
            }
            return out;
        }
        Re re;
        int limit;
        if (d.pattern() instanceof Hex h) {
            re = HexParser.parse(h.body());
            int max = maxLength(re);
            limit = max < 0 ? HEX_UNBOUNDED_LIMIT : max;
            addPattern(out, si, re, limit, false, false);
            return out;
        }
        Regex rx = (Regex) d.pattern();
        re = RegexParser.parse(rx.source(), rx.nocase() || m.nocase(), rx.dotall());
        if (m.ascii() || !m.wide()) addPattern(out, si, re, REGEX_LIMIT, false, m.fullword());
        if (m.wide()) addPattern(out, si, Re.widen(re), REGEX_LIMIT * 2, true, m.fullword());
        return out;
    }

    private void addPattern(List<Variant> out, int si, Re re, int limit, boolean wide, boolean fullword) {
        boolean[] nocase = new boolean[1];
        int[] lit = Re.literal(re, nocase);
        if (lit != null && lit.length > 0) {
            byte[] b = new byte[lit.length];
            for (int k = 0; k < b.length; k++) b[k] = (byte) lit[k];
            out.add(new Variant.Literal(si, b, nocase[0], wide, fullword));
            return;
        }
        Variant.Pattern p = new Variant.Pattern(si, Program.compile(re), Program.compile(Re.reverse(re)), limit, wide,
                fullword, Atoms.firstBytes(re));
        pendingRe.put(p, re);
        out.add(p);
    }

    /** The longest match of a pattern, or -1 if unbounded. */
    static int maxLength(Re re) {
        if (re instanceof Re.Bytes) return 1;
        if (re instanceof Re.Assert) return 0;
        if (re instanceof Re.Seq s) {
            long w = 0;
            for (Re r : s.items()) {
                int x = maxLength(r);
                if (x < 0) return -1;
                w += x;
            }
            return (int) Math.min(Integer.MAX_VALUE, w);
        }
        if (re instanceof Re.Alt a) {
            int w = 0;
            for (Re r : a.items()) {
                int x = maxLength(r);
                if (x < 0) return -1;
                w = Math.max(w, x);
            }
            return w;
        }
        Re.Rep r = (Re.Rep) re;
        if (r.max() < 0) return -1;
        int x = maxLength(r.node());
        return x < 0 ? -1 : (int) Math.min(Integer.MAX_VALUE, (long) x * r.max());
    }

    static byte[] widen(byte[] b) {
        byte[] w = new byte[b.length * 2];
        for (int k = 0; k < b.length; k++) w[2 * k] = b[k];
        return w;
    }

    static void walk(Expr e, java.util.function.Consumer<Expr> f) {
        if (e == null) return;
        f.accept(e);
        if (e instanceof StringMatch s) {
            walk(s.at(), f);
            walkRange(s.in(), f);
        } else if (e instanceof StringCount s) {
            walkRange(s.in(), f);
        } else if (e instanceof StringOffset s) {
            walk(s.index(), f);
        } else if (e instanceof StringLength s) {
            walk(s.index(), f);
        } else if (e instanceof Field x) {
            walk(x.target(), f);
        } else if (e instanceof Index x) {
            walk(x.target(), f);
            walk(x.index(), f);
        } else if (e instanceof Call c) {
            walk(c.target(), f);
            c.args().forEach(a -> walk(a, f));
        } else if (e instanceof Unary u) {
            walk(u.operand(), f);
        } else if (e instanceof Binary b) {
            walk(b.left(), f);
            walk(b.right(), f);
        } else if (e instanceof Of o) {
            walkQuantifier(o.quantifier(), f);
            walkRange(o.in(), f);
            walk(o.at(), f);
        } else if (e instanceof ForOf o) {
            walkQuantifier(o.quantifier(), f);
            walk(o.body(), f);
        } else if (e instanceof ForIn o) {
            walkQuantifier(o.quantifier(), f);
            if (o.iterable() instanceof RangeIter r) walkRange(r.range(), f);
            else if (o.iterable() instanceof ListIter l) l.items().forEach(x -> walk(x, f));
            else if (o.iterable() instanceof ExprIter x) walk(x.expr(), f);
            walk(o.body(), f);
        }
    }

    private static void walkRange(Range r, java.util.function.Consumer<Expr> f) {
        if (r != null) {
            walk(r.lo(), f);
            walk(r.hi(), f);
        }
    }

    private static void walkQuantifier(Quantifier q, java.util.function.Consumer<Expr> f) {
        if (q instanceof Count c) walk(c.n(), f);
        if (q instanceof Percent p) walk(p.n(), f);
    }

    /** Checks a rule's condition: every identifier defined, every string reference matching a string. */
    private final class Checker {
        private final Rule rule;
        private final Deque<Set<String>> scopes = new ArrayDeque<>();
        private int anonymousScope;

        Checker(Rule rule) {
            this.rule = rule;
        }

        void check() {
            check(rule.condition());
        }

        private void fail(Pos pos, String msg) {
            errors.add(new YaraSyntaxError(pos, msg));
        }

        /** The rule's string identifiers, made at the first reference. */
        private Set<String> ids;

        private boolean hasString(String id) {
            if (id.equals("$")) return anonymousScope > 0;
            if (id.endsWith("*")) {
                String prefix = id.substring(0, id.length() - 1);
                for (StringDef s : rule.strings()) {
                    if (s.id().startsWith(prefix)) return true;
                }
                return false;
            }
            if (ids == null) {
                ids = new java.util.HashSet<>();
                for (StringDef s : rule.strings()) ids.add(s.id());
            }
            return ids.contains(id);
        }

        private void checkString(String id, Pos pos) {
            if (!hasString(id)) fail(pos, "undefined string identifier \"" + id + "\"");
        }

        private void checkSet(List<String> set, Pos pos) {
            if (set == null) {
                if (rule.strings().isEmpty()) fail(pos, "no strings defined for \"them\"");
                return;
            }
            for (String s : set) checkString(s, pos);
        }

        private void check(Expr e) {
            if (e == null) return;
            if (e instanceof StringMatch s) {
                checkString(s.id(), s.pos());
                check(s.at());
                checkRange(s.in());
            } else if (e instanceof StringCount s) {
                checkString(s.id(), s.pos());
                checkRange(s.in());
            } else if (e instanceof StringOffset s) {
                checkString(s.id(), s.pos());
                check(s.index());
            } else if (e instanceof StringLength s) {
                checkString(s.id(), s.pos());
                check(s.index());
            } else if (e instanceof Ident id) {
                checkIdent(id);
            } else if (e instanceof Field x) {
                checkReference(x);
            } else if (e instanceof Index x) {
                checkReference(x.target());
                check(x.index());
            } else if (e instanceof Call c) {
                if (c.target() instanceof Ident id && INT_FUNCTIONS.contains(id.name())) {
                    if (c.args().size() != 1) fail(c.pos(), id.name() + " takes one argument");
                    c.args().forEach(this::check);
                } else {
                    checkReference(c);
                }
            } else if (e instanceof Unary u) {
                check(u.operand());
            } else if (e instanceof Binary b) {
                check(b.left());
                if (!b.op().equals("matches")) check(b.right());
            } else if (e instanceof Of o) {
                checkQuantifier(o.quantifier());
                if (o.rules()) {
                    for (String name : o.set()) {
                        String prefix = name.endsWith("*") ? name.substring(0, name.length() - 1) : null;
                        boolean found = declared.stream().anyMatch(r -> prefix == null ? r.equals(name)
                                : r.startsWith(prefix));
                        if (!found) fail(o.pos(), "undefined identifier \"" + name + "\"");
                    }
                } else {
                    checkSet(o.set(), o.pos());
                }
                checkRange(o.in());
                check(o.at());
            } else if (e instanceof ForOf o) {
                checkQuantifier(o.quantifier());
                checkSet(o.set(), o.pos());
                anonymousScope++;
                check(o.body());
                anonymousScope--;
            } else if (e instanceof ForIn o) {
                checkQuantifier(o.quantifier());
                if (o.iterable() instanceof RangeIter r) checkRange(r.range());
                else if (o.iterable() instanceof ListIter l) l.items().forEach(this::check);
                else if (o.iterable() instanceof ExprIter x) checkReference(x.expr());
                scopes.push(Set.copyOf(o.vars()));
                check(o.body());
                scopes.pop();
            }
        }

        private void checkReference(Expr target) {
            Expr root = target;
            while (true) {
                if (root instanceof Field f) root = f.target();
                else if (root instanceof Index i) {
                    check(i.index());
                    root = i.target();
                } else if (root instanceof Call c) {
                    c.args().forEach(this::check);
                    root = c.target();
                } else break;
            }
            if (root instanceof Ident id) {
                checkIdent(id);
                if (target instanceof Field f && f.target() instanceof Ident m && (m.name().equals("math")
                        || m.name().equals("hash")) && !isVariable(m.name())
                        && !Modules.has(m.name(), f.name())) {
                    fail(f.pos(), "invalid field name \"" + f.name() + "\"");
                }
                if (target instanceof Call c && c.target() instanceof Field f && f.target() instanceof Ident m
                        && (m.name().equals("math") || m.name().equals("hash")) && !isVariable(m.name())
                        && !Modules.has(m.name(), f.name())) {
                    fail(f.pos(), "invalid field name \"" + f.name() + "\"");
                }
            } else {
                check(root);
            }
        }

        private boolean isVariable(String name) {
            for (Set<String> s : scopes) if (s.contains(name)) return true;
            return externals.containsKey(name);
        }

        private void checkIdent(Ident id) {
            String n = id.name();
            if (isVariable(n)) return;
            if (rule.imports().contains(n)) return;
            if (INT_FUNCTIONS.contains(n)) return;
            if (declared.contains(n)) return;
            fail(id.pos(), "undefined identifier \"" + n + "\"");
        }

        private void checkRange(Range r) {
            if (r != null) {
                check(r.lo());
                check(r.hi());
            }
        }

        private void checkQuantifier(Quantifier q) {
            if (q instanceof Count c) check(c.n());
            if (q instanceof Percent p) check(p.n());
        }
    }
}
