package dwell.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A detection bound to one event type (field names resolved through its aliases), ready to run on events. */
sealed interface Matcher {
    boolean matches(EventView view);

    /**
     * Sets of lower-case literals, each literal tied to the fields whose value holds it: every event this matcher
     * accepts holds a literal of each set. Tightest first, at most {@link #MOST_SETS}; empty when none is known
     * (then the rule always runs).
     */
    List<Set<Literal>> required();

    /** The most sets a rule asks the prefilter to find: past the tightest few, more spare little. */
    int MOST_SETS = 4;

    /**
     * The tightest set, then up to {@link #MOST_SETS} in all of the next tightest whose literals are all
     * {@link #SECOND_SET_LENGTH} characters or more; sets alike keep the rule's order.
     */
    private static List<Set<Literal>> tightest(List<Set<Literal>> sets) {
        int n = sets.size();
        if (n < 2) return sets;
        double[] loose = new double[n];
        for (int i = 0; i < n; i++) loose[i] = looseness(sets.get(i));
        List<Set<Literal>> out = new ArrayList<>();
        // a few picks among a few sets: cheaper than sorting them, and every kind met works out its rules' sets
        while (out.size() < MOST_SETS) {
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (loose[i] >= 0 && (best < 0 || loose[i] < loose[best]) && (out.isEmpty() || longLiterals(sets.get(i)))) best = i;
            }
            if (best < 0) break;
            out.add(sets.get(best));
            loose[best] = -1;
        }
        return out;
    }

    /**
     * The length each literal of a set after the tightest needs: a shorter one would let the prefilter's automata
     * skip less of every value (a skip is at most the shortest literal's length), costing more than the rule runs
     * it spares.
     */
    int SECOND_SET_LENGTH = 4;

    private static boolean longLiterals(Set<Literal> s) {
        for (Literal x : s) if (x.text().length() < SECOND_SET_LENGTH || x.text().equals(Literal.NON_ASCII)) return false;
        return true;
    }

    /**
     * How likely a set is to hold a literal an unrelated value holds: each literal counts as the chance that random
     * text holds it, a quarter per character (so two long literals filter better than one ".exe").
     */
    private static double looseness(Set<Literal> s) {
        double sum = 0;
        for (Literal x : s) sum += Math.pow(0.25, Math.min(x.text().length(), 16));
        return sum;
    }

    /**
     * A text the prefilter looks for: in the value of one of {@code fields} (a rule field and its aliases), or in
     * any field value and the raw record when {@code fields} is null (keywords).
     */
    record Literal(String text, List<String> fields) {
        /** The text standing for "any character outside ASCII", which every value matching a non-ASCII literal holds. */
        public static final String NON_ASCII = "\u0080";


        public boolean keyword() {
            return fields == null;
        }
    }

    /** Every operand must match. */
    record And(Matcher[] operands) implements Matcher {
        @Override
        public boolean matches(EventView v) {
            for (Matcher m : operands) if (!m.matches(v)) return false;
            return true;
        }

        /**
         * Every operand's sets: a rule on {@code Image|endswith: \\cmd.exe} and {@code CommandLine|contains: rmdir}
         * runs only on events holding both, not on every cmd.exe.
         */
        @Override
        public List<Set<Literal>> required() {
            List<Set<Literal>> all = new ArrayList<>();
            for (Matcher m : operands) all.addAll(m.required());
            return tightest(all);
        }
    }

    /** Any operand may match. */
    record Or(Matcher[] operands) implements Matcher {
        @Override
        public boolean matches(EventView v) {
            for (Matcher m : operands) if (m.matches(v)) return true;
            return false;
        }

        /**
         * Each union of one set per operand: {@code (a and b) or c} needs a literal of {@code a} or {@code c}, and
         * one of {@code b} or {@code c}.
         */
        @Override
        public List<Set<Literal>> required() {
            List<Set<Literal>> unions = List.of(new java.util.HashSet<>());
            for (Matcher m : operands) {
                List<Set<Literal>> sets = m.required();
                if (sets.isEmpty()) return List.of();
                if (unions.size() == 1 && sets.size() == 1) {
                    // the usual case, one set each: it grows in place (a copy per operand would cost n squared)
                    unions.get(0).addAll(sets.get(0));
                    continue;
                }
                List<Set<Literal>> next = new ArrayList<>();
                for (Set<Literal> u : unions) {
                    for (Set<Literal> r : sets) {
                        Set<Literal> both = new java.util.HashSet<>(u);
                        both.addAll(r);
                        next.add(both);
                    }
                }
                unions = tightest(next);
            }
            return unions;
        }
    }

    /** Negation. */
    record Not(Matcher operand) implements Matcher {
        @Override
        public boolean matches(EventView v) {
            return !operand.matches(v);
        }

        @Override
        public List<Set<Literal>> required() {
            return List.of();
        }
    }

    /** A constant (an empty list of searches). */
    record Const(boolean value) implements Matcher {
        @Override
        public boolean matches(EventView v) {
            return value;
        }

        @Override
        public List<Set<Literal>> required() {
            return value ? List.of() : List.of(Set.of());
        }
    }

    /**
     * One field item, its names resolved to the event type's (first present wins), each with its {@link FieldSlots}
     * slot; {@code ends} indexes its suffix and equality tests when it lists many (null otherwise).
     */
    record Field(String[] names, int[] slots, ValueTest[] tests, boolean all, boolean negate, Boolean exists, EndIndex ends)
            implements Matcher {
        Field(String[] names, ValueTest[] tests, boolean all, boolean negate, Boolean exists) {
            this(names, FieldSlots.of(names), tests, all, negate, exists, all ? null : EndIndex.of(tests));
        }

        @Override
        public boolean matches(EventView v) {
            String value = v.get(slots, names);
            if (exists != null) return (value != null) == exists;
            if (negate) return value != null && !any(value, v);
            return all ? every(value, v) : any(value, v);
        }

        private boolean any(String value, EventView v) {
            ValueTest[] ts = ends == null || value == null ? tests : ends.candidates(value);
            for (ValueTest t : ts) if (t.test(value, v)) return true;
            return false;
        }

        private boolean every(String value, EventView v) {
            for (ValueTest t : tests) if (!t.test(value, v)) return false;
            return tests.length > 0;
        }

        @Override
        public List<Set<Literal>> required() {
            if (negate || exists != null || tests.length == 0) return List.of();
            return literals(tests, all, List.of(names));
        }
    }

    /**
     * Keywords: each value is looked for in every field value and in the raw record (unless the raw record only
     * renders the fields, as EVTX XML does: see mapping.yaml's raw_renders_fields).
     */
    record Keywords(ValueTest[] tests, boolean all) implements Matcher {
        @Override
        public boolean matches(EventView v) {
            if (all) {
                for (ValueTest t : tests) if (!anywhere(t, v)) return false;
                return tests.length > 0;
            }
            for (ValueTest t : tests) if (anywhere(t, v)) return true;
            return false;
        }

        private static boolean anywhere(ValueTest t, EventView v) {
            for (String value : v.values()) if (t.test(value, v)) return true;
            String raw = v.keywordRaw();
            return raw != null && t.test(raw, v);
        }

        @Override
        public List<Set<Literal>> required() {
            return tests.length == 0 ? List.of() : literals(tests, all, null);
        }
    }

    /** The literals of OR-ed tests (one set: all their literals) or of AND-ed tests (a set per test with literals). */
    private static List<Set<Literal>> literals(ValueTest[] tests, boolean all, List<String> fields) {
        List<Set<Literal>> sets = new ArrayList<>();
        Set<Literal> any = new java.util.HashSet<>();
        for (ValueTest t : tests) {
            List<String> l = literalsOf(t);
            if (l == null) {
                if (!all) return List.of();
                continue;
            }
            Set<Literal> own = all ? new java.util.HashSet<>() : any;
            for (String x : l) own.add(new Literal(x, fields));
            if (all) sets.add(own);
        }
        if (!all) sets.add(any);
        return tightest(sets);
    }

    /** True for characters rare enough in logged values that one alone is a useful prefilter literal (PowerShell's escape...). */
    private static boolean rare(char c) {
        return "`^~|{}".indexOf(c) >= 0;
    }

    /** The shortest ASCII run of a literal with a non-ASCII character that is looked for instead of that character. */
    int WIDE_RUN = 5;

    /** Literals of one test: all its variants must each give one, ASCII and long enough to be worth it. */
    private static List<String> literalsOf(ValueTest t) {
        if (t instanceof AnyTest any) {
            List<String> out = new ArrayList<>();
            for (ValueTest v : any.variants()) {
                List<String> l = literalsOf(v);
                if (l == null) return null;
                out.addAll(l);
            }
            return out;
        }
        String lit = t.requiredLiteral();
        boolean folding = false;
        boolean wide = false;
        // the longest run of plain ASCII: any substring of a required literal is required too
        int runStart = 0;
        int bestStart = 0;
        int bestEnd = 0;
        for (int i = 0; i <= lit.length(); i++) {
            char c = i < lit.length() ? lit.charAt(i) : '\u0080';
            if (c < 128) continue;
            if (i - runStart > bestEnd - bestStart) {
                bestStart = runStart;
                bestEnd = i;
            }
            runStart = i + 1;
            if (i == lit.length()) break;
            // only these equal ASCII letters case-insensitively; any other non-ASCII character of the lower-cased
            // literal needs a non-ASCII character in the value (lower-casing keeps ASCII text ASCII)
            if (c == '\u0130' || c == '\u0131' || c == '\u017f' || c == '\u212a') folding = true;
            else wide = true;
        }
        if (wide || folding) {
            int run = bestEnd - bestStart;
            // a short run (".exe" of a double extension padded with Braille blanks, "enc" of a windash en dash) is
            // in most values of its field, where a non-ASCII character is in few
            if (wide && run < WIDE_RUN) return List.of(Literal.NON_ASCII);
            // three characters at least, so that the automaton can still skip ahead
            if (run >= 3) lit = lit.substring(bestStart, bestEnd);
            else return null;
        }
        if (lit.isEmpty() || lit.length() == 1 && !rare(lit.charAt(0))) return null;
        // any substring of a required literal is required too: a short one keeps the automaton small
        return List.of(lit.length() > 24 ? lit.substring(0, 24) : lit);
    }
}
