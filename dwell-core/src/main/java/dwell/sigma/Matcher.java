package dwell.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A detection bound to one event type (field names resolved through its aliases), ready to run on events. */
sealed interface Matcher {
    boolean matches(EventView view);

    /**
     * Lower-case literals of which at least one occurs in every event this matcher accepts, each tied to the
     * fields whose value holds it, or null when no such set is known (then the rule always runs).
     */
    Set<Literal> required();

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

        @Override
        public Set<Literal> required() {
            Set<Literal> best = null;
            for (Matcher m : operands) {
                Set<Literal> r = m.required();
                if (r != null && (best == null || weaker(best, r))) best = r;
            }
            return best;
        }

        /**
         * The set more likely to hold a literal an unrelated value holds: each literal counts as the chance that
         * random text holds it, a quarter per character (so two long literals filter better than one ".exe").
         */
        private static boolean weaker(Set<Literal> a, Set<Literal> b) {
            return looseness(a) > looseness(b);
        }

        private static double looseness(Set<Literal> s) {
            double sum = 0;
            for (Literal x : s) sum += Math.pow(0.25, Math.min(x.text().length(), 16));
            return sum;
        }
    }

    /** Any operand may match. */
    record Or(Matcher[] operands) implements Matcher {
        @Override
        public boolean matches(EventView v) {
            for (Matcher m : operands) if (m.matches(v)) return true;
            return false;
        }

        @Override
        public Set<Literal> required() {
            Set<Literal> all = new java.util.HashSet<>();
            for (Matcher m : operands) {
                Set<Literal> r = m.required();
                if (r == null) return null;
                all.addAll(r);
            }
            return all;
        }
    }

    /** Negation. */
    record Not(Matcher operand) implements Matcher {
        @Override
        public boolean matches(EventView v) {
            return !operand.matches(v);
        }

        @Override
        public Set<Literal> required() {
            return null;
        }
    }

    /** A constant (an empty list of searches). */
    record Const(boolean value) implements Matcher {
        @Override
        public boolean matches(EventView v) {
            return value;
        }

        @Override
        public Set<Literal> required() {
            return value ? null : Set.of();
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
        public Set<Literal> required() {
            if (negate || exists != null || tests.length == 0) return null;
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
        public Set<Literal> required() {
            return tests.length == 0 ? null : literals(tests, all, null);
        }
    }

    /** The literals of OR-ed tests (all needed) or of AND-ed tests (the best one alone). */
    private static Set<Literal> literals(ValueTest[] tests, boolean all, List<String> fields) {
        List<String> lits = new ArrayList<>();
        for (ValueTest t : tests) {
            List<String> l = literalsOf(t);
            if (l == null) {
                if (!all) return null;
                continue;
            }
            if (all) {
                if (lits.isEmpty() || (l.size() == 1 && bestLength(l) > bestLength(lits))) lits = l;
            } else {
                lits.addAll(l);
            }
        }
        if (lits.isEmpty()) return null;
        Set<Literal> out = new java.util.HashSet<>();
        for (String l : lits) out.add(new Literal(l, fields));
        return out;
    }

    private static int bestLength(List<String> l) {
        int m = Integer.MAX_VALUE;
        for (String s : l) m = Math.min(m, s.length());
        return m;
    }

    /** True for characters rare enough in logged values that one alone is a useful prefilter literal (PowerShell's escape...). */
    private static boolean rare(char c) {
        return "`^~|{}".indexOf(c) >= 0;
    }

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
        // the longest run of plain ASCII: any substring of a required literal is required too, so a windash
        // variant's "\u2013enc" needs "enc", found by the skipping search, not a look at every character
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
            // three characters at least, so that the automaton can still skip ahead
            if (bestEnd - bestStart >= 3) lit = lit.substring(bestStart, bestEnd);
            else if (wide) return List.of(Literal.NON_ASCII);
            else return null;
        }
        if (lit.isEmpty() || lit.length() == 1 && !rare(lit.charAt(0))) return null;
        // any substring of a required literal is required too: a short one keeps the automaton small
        return List.of(lit.length() > 24 ? lit.substring(0, 24) : lit);
    }
}
