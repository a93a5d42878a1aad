package dwell.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Binds a detection (searches and conditions) to an event type's field names, giving one {@link Matcher}. */
final class Binder {
    private Binder() {
    }

    /** The matcher of a detection: its conditions ORed, each search bound through the resolver. */
    public static Matcher bind(Detection d, FieldResolver resolver) {
        Map<String, Matcher> bound = new TreeMap<>();
        d.searches().forEach((name, s) -> bound.put(name, bind(s, resolver)));
        List<Matcher> conds = new ArrayList<>();
        for (Condition c : d.conditions()) conds.add(bind(c, bound));
        return conds.size() == 1 ? conds.get(0) : new Matcher.Or(conds.toArray(Matcher[]::new));
    }

    /** Checks that every identifier a condition names exists; throws a rule error otherwise. */
    public static void check(Condition c, Set<String> names) {
        if (c instanceof Condition.And a) {
            check(a.left(), names);
            check(a.right(), names);
        } else if (c instanceof Condition.Or o) {
            check(o.left(), names);
            check(o.right(), names);
        } else if (c instanceof Condition.Not n) {
            check(n.operand(), names);
        } else if (c instanceof Condition.Ref r) {
            if (!names.contains(r.name())) {
                throw new RuleException("condition names unknown search identifier '" + r.name() + "'", r.name());
            }
        } else if (c instanceof Condition.Of of && selected(of, names).isEmpty()) {
            throw new RuleException("no search identifier matches '" + of.pattern() + "'", of.pattern());
        }
    }

    static Matcher bind(Condition c, Map<String, Matcher> searches) {
        if (c instanceof Condition.And a) {
            return new Matcher.And(new Matcher[] {bind(a.left(), searches), bind(a.right(), searches)});
        }
        if (c instanceof Condition.Or o) {
            return new Matcher.Or(new Matcher[] {bind(o.left(), searches), bind(o.right(), searches)});
        }
        if (c instanceof Condition.Not n) return new Matcher.Not(bind(n.operand(), searches));
        if (c instanceof Condition.Ref r) {
            Matcher m = searches.get(r.name());
            if (m == null) throw new RuleException("condition names unknown search identifier '" + r.name() + "'");
            return m;
        }
        Condition.Of of = (Condition.Of) c;
        List<Matcher> ms = new ArrayList<>();
        for (String n : selected(of, searches.keySet())) ms.add(searches.get(n));
        Matcher[] arr = ms.toArray(Matcher[]::new);
        return of.all() ? new Matcher.And(arr) : new Matcher.Or(arr);
    }

    /** The identifiers an "x of" selects: them (all but _-prefixed names) or those matching its * pattern. */
    static List<String> selected(Condition.Of of, Set<String> names) {
        List<String> out = new ArrayList<>();
        StringTest pattern = of.them() ? null : new StringTest(SigmaString.parse(of.pattern().replace("?", "\\?")), true);
        for (String n : names) {
            if (pattern == null ? !n.startsWith("_") : pattern.test(n, null)) out.add(n);
        }
        return out;
    }

    static Matcher bind(Search s, FieldResolver r) {
        if (s instanceof Search.All a) {
            return a.items().size() == 1 ? bind(a.items().get(0), r) : new Matcher.And(bindAll(a.items(), r));
        }
        if (s instanceof Search.Any a) {
            return a.items().size() == 1 ? bind(a.items().get(0), r) : new Matcher.Or(bindAll(a.items(), r));
        }
        if (s instanceof Search.Field f) {
            return new Matcher.Field(r.names(f.name()), bindTests(f.match(), r), f.match().all(), f.match().negate(),
                    f.match().exists());
        }
        Search.Keywords k = (Search.Keywords) s;
        return new Matcher.Keywords(bindTests(k.match(), r), k.match().all());
    }

    // loops, not streams: binding runs once per rule and kind of event, mostly before C1 has compiled anything
    private static Matcher[] bindAll(List<Search> items, FieldResolver r) {
        Matcher[] out = new Matcher[items.size()];
        for (int i = 0; i < out.length; i++) out[i] = bind(items.get(i), r);
        return out;
    }

    private static ValueTest[] bindTests(ValueMatch m, FieldResolver r) {
        List<ValueTest> tests = m.tests();
        ValueTest[] out = new ValueTest[tests.size()];
        for (int i = 0; i < out.length; i++) out[i] = tests.get(i).bind(r);
        return out;
    }
}
