package dwell.yara;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled rule set as bytes, for the compiled-rule cache (what {@code yarac} writes for YARA): the externals, the
 * rules with their conditions and regex programs ({@link RuleCodec}), the strings and the patterns they share, every
 * variant with its Pike VM programs ({@link ProgramCodec}), the atom automaton's tables (byte classes, transitions,
 * what each state reports), the variants without atoms, and the compiler's warnings. Decoding rebuilds the same
 * {@link YaraRules} without parsing, planning atoms or building the automaton. No Java serialization: every field is
 * written explicitly, so the format is what this class says and a decoder never instantiates a class the bytes name.
 */
final class YaraRulesCodec {
    /** The format's version; the cache key holds this class's bytes too, so a change here never reads old entries. */
    private static final int FORMAT = 2;
    private static final int LONG = 0, DOUBLE = 1, BOOLEAN = 2, BYTES = 3;

    private YaraRulesCodec() {
    }

    static byte[] encode(YaraRules set) {
        RuleTables rules = set.tables();
        CodecOut o = new CodecOut();
        o.i(rules.externals.size());
        // sorted, so that the same definitions always give the same bytes
        for (Map.Entry<String, Object> e : new java.util.TreeMap<>(rules.externals).entrySet()) {
            o.text(e.getKey());
            Object v = e.getValue();
            if (v instanceof Long l) o.i(LONG).l(l);
            else if (v instanceof Double d) o.i(DOUBLE).d(d);
            else if (v instanceof Boolean b) o.i(BOOLEAN).bool(b);
            else o.i(BYTES).bytes((byte[]) v);
        }
        o.i(rules.rules.size()).i(rules.strings.size()).i(rules.patterns).i(rules.variants.size());
        ProgramCodec programs = new ProgramCodec();
        RuleCodec ruleCodec = new RuleCodec(rules.regexes, programs);
        for (CompiledRule r : rules.rules) {
            ruleCodec.rule(o, r.rule());
            o.ints(r.strings());
            o.i(r.byId().size());
            r.byId().forEach((id, s) -> o.text(id).i(s));
            o.texts(r.undefinedModules()).bool(r.needsMatch());
        }
        for (StringInfo s : rules.strings) o.text(s.id()).i(s.rule()).bool(s.isPrivate()).i(s.pattern());
        for (Variant v : rules.variants) programs.variant(o, v);
        automaton(o, rules.automaton);
        o.ints(rules.unanchored);
        o.texts(set.warnings());
        // the byte sets' table goes first: a program decoded when first run needs every set it names
        CodecOut whole = new CodecOut().i(FORMAT);
        programs.writeSets(whole);
        return whole.raw(o).toByteArray();
    }

    /** The rule set these bytes encode; an {@link IllegalArgumentException} when they are not such an encoding. */
    static YaraRules decode(byte[] bytes) {
        CodecIn in = new CodecIn(bytes);
        ProgramCodec programs = new ProgramCodec();
        try {
            if (in.i() != FORMAT) throw CodecIn.bad("another format version");
            programs.readSets(in);
            int ne = in.count();
            Map<String, Object> externals = new LinkedHashMap<>();
            for (int k = 0; k < ne; k++) {
                String name = in.text();
                Object v = switch (in.index(4)) {
                    case LONG -> in.l();
                    case DOUBLE -> in.d();
                    case BOOLEAN -> in.bool();
                    default -> in.bytes();
                };
                if (name == null || v == null) throw CodecIn.bad("an external without a name or value");
                externals.put(name, v);
            }
            int nr = in.count();
            int ns = in.count();
            int patterns = in.i();
            int nv = in.count();
            if (patterns < 0 || patterns > ns) throw CodecIn.bad(patterns + " patterns for " + ns + " strings");
            Map<Ast.Binary, Program> regexes = new IdentityHashMap<>();
            RuleCodec ruleCodec = new RuleCodec(regexes, programs);
            List<CompiledRule> rules = new ArrayList<>(nr);
            for (int ri = 0; ri < nr; ri++) {
                Ast.Rule rule = ruleCodec.rule(in);
                int[] strings = in.ints();
                if (strings == null) throw CodecIn.bad("a rule without its strings");
                for (int s : strings) if (s < 0 || s >= ns) throw CodecIn.bad("string " + s + " out of range");
                int nb = in.count();
                Map<String, Integer> byId = new LinkedHashMap<>();
                for (int k = 0; k < nb; k++) byId.put(in.text(), in.index(ns));
                rules.add(new CompiledRule(rule, ri, strings, byId, in.texts(), in.bool()));
            }
            List<StringInfo> strings = new ArrayList<>(ns);
            for (int k = 0; k < ns; k++) strings.add(new StringInfo(in.text(), in.index(nr), in.bool(), in.index(patterns)));
            List<Variant> variants = new ArrayList<>(nv);
            for (int k = 0; k < nv; k++) variants.add(programs.variant(in, patterns));
            AhoCorasick automaton = automaton(in, nv);
            int[] unanchored = in.ints();
            if (unanchored == null) throw CodecIn.bad("no list of variants without atoms");
            for (int v : unanchored) if (v < 0 || v >= nv) throw CodecIn.bad("variant " + v + " out of range");
            List<String> warnings = in.texts();
            in.end();
            return YaraRules.of(new RuleTables(List.copyOf(rules), List.copyOf(strings), patterns, List.copyOf(variants),
                    automaton, unanchored, Map.copyOf(externals), regexes), warnings);
        } catch (NullPointerException | IndexOutOfBoundsException e) {
            // a null where a record or list takes none: the bytes are not an encoding this class wrote
            throw CodecIn.bad(String.valueOf(e.getMessage()));
        }
    }

    /**
     * Byte classes, the distinct report lists and each state's list (-1: none), then the transitions as states: the
     * root's row in full, and of every other row only where it differs from the root's (a row is its failure state's
     * with its own edges written over it, and failure chains are as short as the atoms, so few columns differ).
     * Whether a transition is stored negated (its target reports) follows from the target's report list.
     */
    private static void automaton(CodecOut o, AhoCorasick a) {
        o.ints(a.classOf).i(a.classes);
        Map<AhoCorasick.Entry[], Integer> lists = new IdentityHashMap<>();
        List<AhoCorasick.Entry[]> order = new ArrayList<>();
        int[] listOf = new int[a.out.length];
        for (int s = 0; s < a.out.length; s++) {
            AhoCorasick.Entry[] e = a.out[s];
            listOf[s] = e.length == 0 ? -1 : lists.computeIfAbsent(e, x -> {
                order.add(x);
                return order.size() - 1;
            });
        }
        o.i(order.size());
        for (AhoCorasick.Entry[] list : order) {
            o.i(list.length);
            for (AhoCorasick.Entry e : list) o.i(e.variant()).i(e.minBack()).i(e.maxBack());
        }
        o.ints(listOf);
        int c = a.classes;
        for (int k = 0; k < c; k++) o.i(state(a.delta[k], c));
        for (int row = c; row < a.delta.length; row += c) {
            int differ = 0;
            for (int k = 0; k < c; k++) if (a.delta[row + k] != a.delta[k]) differ++;
            o.i(differ);
            int last = 0;
            for (int k = 0; k < c; k++) {
                if (a.delta[row + k] == a.delta[k]) continue;
                o.i(k - last).i(state(a.delta[row + k], c));
                last = k;
            }
        }
    }

    private static int state(int transition, int classes) {
        return (transition < 0 ? ~transition : transition) / classes;
    }

    private static AhoCorasick automaton(CodecIn in, int variants) {
        int[] classOf = in.ints();
        int classes = in.i();
        if (classOf == null || classOf.length != 256 || classes < 1 || classes > 257) {
            throw CodecIn.bad("automaton tables of the wrong shape");
        }
        for (int c : classOf) if (c < 0 || c >= classes) throw CodecIn.bad("byte class " + c + " out of range");
        int nl = in.count();
        AhoCorasick.Entry[][] lists = new AhoCorasick.Entry[nl][];
        for (int k = 0; k < nl; k++) {
            AhoCorasick.Entry[] list = new AhoCorasick.Entry[in.count()];
            for (int j = 0; j < list.length; j++) list[j] = new AhoCorasick.Entry(in.index(variants), in.i(), in.i());
            lists[k] = list;
        }
        int[] listOf = in.ints();
        if (listOf == null || listOf.length == 0 || (long) listOf.length * classes > Integer.MAX_VALUE) {
            throw CodecIn.bad("an automaton without states");
        }
        int states = listOf.length;
        AhoCorasick.Entry[][] out = new AhoCorasick.Entry[states][];
        for (int s = 0; s < states; s++) {
            int l = listOf[s];
            if (l < -1 || l >= nl) throw CodecIn.bad("report list " + l + " out of range");
            out[s] = l == -1 ? AhoCorasick.NONE : lists[l];
        }
        int[] delta = new int[states * classes];
        for (int k = 0; k < classes; k++) delta[k] = transition(in.index(states), classes, out);
        for (int row = classes; row < delta.length; row += classes) {
            System.arraycopy(delta, 0, delta, row, classes);
            int differ = in.i();
            if (differ < 0 || differ > classes) throw CodecIn.bad("a row of " + differ + " changes");
            int k = 0;
            for (int j = 0; j < differ; j++) {
                k += in.i();
                if (k < 0 || k >= classes) throw CodecIn.bad("a class out of range");
                delta[row + k] = transition(in.index(states), classes, out);
            }
        }
        return new AhoCorasick(classOf, classes, delta, out);
    }

    /** The scan loop's form of a transition to {@code state}: its row, negated when the state reports atoms. */
    private static int transition(int state, int classes, AhoCorasick.Entry[][] out) {
        int row = state * classes;
        return out[state].length > 0 ? ~row : row;
    }
}
