package dwell.sigma;

import dwell.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Partial evaluation of a matcher for one kind of event: field items that read only fields whose value the
 * kind fixes (EventID, Channel, Provider_Name) become constants, and the and/or/not above them simplify, so
 * a Security rule for 4624 vanishes from the rules a 4688 event meets and the ones kept skip the test.
 */
final class Specializer {
    private final Set<String> known;
    private final EventView view = new EventView();

    /**
     * @param known  the names whose values the kind fixes
     * @param values an event holding exactly those values (absent when the kind's events lack the field)
     */
    Specializer(Set<String> known, Event values) {
        this.known = known;
        view.reset(values, false);
    }

    /** The matcher for the kind: {@code m} itself (the same object) when no item of it is decided. */
    Matcher fold(Matcher m) {
        if (m instanceof Matcher.And a) {
            List<Matcher> kept = new ArrayList<>();
            boolean same = true;
            for (Matcher x : a.operands()) {
                Matcher f = fold(x);
                same &= f == x && !(f instanceof Matcher.Const);
                if (f instanceof Matcher.Const c) {
                    if (!c.value()) return c;
                } else {
                    kept.add(f);
                }
            }
            if (same) return a;
            return kept.isEmpty() ? new Matcher.Const(true) : kept.size() == 1 ? kept.get(0) : new Matcher.And(kept.toArray(Matcher[]::new));
        }
        if (m instanceof Matcher.Or o) {
            List<Matcher> kept = new ArrayList<>();
            boolean same = true;
            for (Matcher x : o.operands()) {
                Matcher f = fold(x);
                same &= f == x && !(f instanceof Matcher.Const);
                if (f instanceof Matcher.Const c) {
                    if (c.value()) return c;
                } else {
                    kept.add(f);
                }
            }
            if (same) return o;
            return kept.isEmpty() ? new Matcher.Const(false) : kept.size() == 1 ? kept.get(0) : new Matcher.Or(kept.toArray(Matcher[]::new));
        }
        if (m instanceof Matcher.Not n) {
            Matcher f = fold(n.operand());
            return f instanceof Matcher.Const c ? new Matcher.Const(!c.value()) : f == n.operand() ? n : new Matcher.Not(f);
        }
        if (m instanceof Matcher.Field f && decidable(f)) return new Matcher.Const(f.matches(view));
        return m;
    }

    /** True when the item's outcome depends only on known fields: its names are all known, its tests read no other field. */
    private boolean decidable(Matcher.Field f) {
        for (String n : f.names()) if (!known.contains(n)) return false;
        for (ValueTest t : f.tests()) if (!valueOnly(t)) return false;
        return true;
    }

    private static boolean valueOnly(ValueTest t) {
        if (t instanceof AnyTest any) {
            for (ValueTest v : any.variants()) if (!valueOnly(v)) return false;
            return true;
        }
        return t instanceof StringTest || t instanceof NullTest || t instanceof NumberTest || t instanceof RegexTest
                || t instanceof CidrTest || t instanceof TimePartTest;
    }
}
