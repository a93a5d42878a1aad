package dwell.sigma;

import dwell.event.Event;
import dwell.event.LogSource;
import dwell.format.Format;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sigma rules compiled once for a scan: each rule is bound to the event kinds its logsource applies to; an
 * event meets only the rules of its kind, and of those only the ones whose required literals one
 * Aho-Corasick pass found in the event (rules without such literals always run). Thread-safe.
 */
public final class SigmaEngine {
    /** A rule bound to one event kind: its matcher (meta filters included) and prefilter literals. */
    public record Branch(int rule, LogsourceMapping.Target target, Matcher matcher, Set<String> required,
                         boolean keywords) {
    }

    /** A rule that runs on no event kind dwell reads, reported once. */
    public record Unmapped(SigmaRule rule, String reason) {
    }

    private final List<SigmaRule> rules;
    private final List<Branch> branches = new ArrayList<>();
    private final List<Unmapped> unmapped = new ArrayList<>();
    private final LogsourceMapping mapping;
    private final Map<GroupKey, Group> groups = new ConcurrentHashMap<>();
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    private final boolean prefilter;

    public SigmaEngine(List<SigmaRule> rules, List<SigmaFilter> filters, LogsourceMapping mapping) {
        this(rules, filters, mapping, true);
    }

    /** @param prefilter false to run every rule of an event's kind (to check the prefilter loses nothing) */
    public SigmaEngine(List<SigmaRule> rules, List<SigmaFilter> filters, LogsourceMapping mapping, boolean prefilter) {
        this.prefilter = prefilter;
        this.rules = List.copyOf(rules);
        this.mapping = mapping;
        for (int i = 0; i < this.rules.size(); i++) {
            SigmaRule r = this.rules.get(i);
            List<LogsourceMapping.Target> targets = mapping.targets(r.logSource());
            if (targets.isEmpty()) {
                unmapped.add(new Unmapped(r, "logsource " + describe(r.logSource()) + " matches no event type dwell reads"));
                continue;
            }
            List<SigmaFilter> applied = filtersOf(r, filters);
            for (LogsourceMapping.Target t : targets) {
                Matcher m = Binder.bind(r.detection(), t::names);
                if (!applied.isEmpty()) {
                    List<Matcher> all = new ArrayList<>(List.of(m));
                    for (SigmaFilter f : applied) all.add(Binder.bind(f.detection(), t::names));
                    m = new Matcher.And(all.toArray(Matcher[]::new));
                }
                branches.add(new Branch(i, t, m, prefilter ? m.required() : null, hasKeywords(m)));
            }
        }
    }

    private static List<SigmaFilter> filtersOf(SigmaRule r, List<SigmaFilter> filters) {
        List<SigmaFilter> out = new ArrayList<>();
        for (SigmaFilter f : filters) {
            boolean named = f.rules().contains(r.id()) || (r.name() != null && f.rules().contains(r.name()));
            boolean bySource = f.rules().isEmpty() && covers(f.logSource(), r.logSource());
            if (named || bySource) out.add(f);
        }
        return out;
    }

    private static boolean covers(LogSource filter, LogSource rule) {
        return (filter.product() == null || filter.product().equals(rule.product()))
                && (filter.category() == null || filter.category().equals(rule.category()))
                && (filter.service() == null || filter.service().equals(rule.service()));
    }

    private static boolean hasKeywords(Matcher m) {
        if (m instanceof Matcher.Keywords) return true;
        if (m instanceof Matcher.And a) {
            for (Matcher x : a.operands()) if (hasKeywords(x)) return true;
        }
        if (m instanceof Matcher.Or o) {
            for (Matcher x : o.operands()) if (hasKeywords(x)) return true;
        }
        return m instanceof Matcher.Not n && hasKeywords(n.operand());
    }

    static String describe(LogSource ls) {
        List<String> p = new ArrayList<>();
        if (ls.product() != null) p.add("product " + ls.product());
        if (ls.category() != null) p.add("category " + ls.category());
        if (ls.service() != null) p.add("service " + ls.service());
        return p.isEmpty() ? "(empty)" : String.join(", ", p);
    }

    public List<SigmaRule> rules() {
        return rules;
    }

    public List<Unmapped> unmapped() {
        return List.copyOf(unmapped);
    }

    public int branchCount() {
        return branches.size();
    }

    /** Receives the rules an event matched (by index into {@link #rules()}). */
    @FunctionalInterface
    public interface Hits {
        void matched(int rule, SigmaRule r);
    }

    /** Runs the rules that apply to the event; each matching rule is reported once. Never throws on odd events. */
    public void match(Event e, Hits hits) {
        Scratch s = scratch.get();
        EventView view = s.view.reset(e, !mapping.rawRendersFields(e.format()));
        LogSource ls = e.logSource() == null ? LogSource.NONE : e.logSource();
        String id = mapping.eventId(e);
        Group g = groups.computeIfAbsent(new GroupKey(ls, e.format(), id), this::group);
        if (g.branches.length == 0) return;
        int gen = s.next(g.branches.length);
        int[] marks = s.marks;
        s.count = 0;
        for (int b : g.alwaysRun) s.add(b);
        if (g.automaton != null) {
            AhoCorasick.Hits h = lit -> {
                for (int b : g.literalBranches[lit]) {
                    if (marks[b] != gen) {
                        marks[b] = gen;
                        s.add(b);
                    }
                }
            };
            if (g.scanRaw) {
                for (String v : view.values()) g.automaton.scan(v, h);
                String raw = view.keywordRaw();
                if (raw != null) g.automaton.scan(raw, h);
            }
            for (String f : g.scanFields) {
                String v = e.get(f);
                if (v != null) g.automaton.scan(v, h);
            }
        }
        int[] cand = s.candidates;
        int n = s.count;
        // rule order, so that a rule bound to two kinds of one event reports once and output order is stable
        java.util.Arrays.sort(cand, 0, n);
        int lastRule = -1;
        for (int k = 0; k < n; k++) {
            Branch br = g.branches[cand[k]];
            if (br.rule() == lastRule) continue;
            if (br.matcher().matches(view)) {
                lastRule = br.rule();
                hits.matched(br.rule(), rules.get(br.rule()));
            }
        }
    }

    private Group group(GroupKey k) {
        List<Branch> in = new ArrayList<>();
        for (Branch b : branches) {
            LogsourceMapping.Target t = b.target();
            if (!t.accepts(k.ls(), k.format())) continue;
            if (!t.eventIds().isEmpty() && (k.eventId() == null || !t.eventIds().contains(k.eventId().trim()))) continue;
            in.add(b);
        }
        return new Group(in.toArray(Branch[]::new));
    }

    /** The branches one event kind meets, and the automaton over their literals. */
    static final class Group {
        final Branch[] branches;
        final AhoCorasick automaton;
        final int[][] literalBranches;
        final boolean scanRaw;
        /** Branches without prefilter literals: they run on every event of the kind. */
        final int[] alwaysRun;
        /** The fields the group's rules read: the prefilter scans their values (and all text for keyword rules). */
        final String[] scanFields;

        Group(Branch[] branches) {
            this.branches = branches;
            Map<String, Integer> ids = new HashMap<>();
            List<List<Integer>> owners = new ArrayList<>();
            boolean raw = false;
            for (int b = 0; b < branches.length; b++) {
                Set<String> req = branches[b].required();
                if (req == null) continue;
                raw |= branches[b].keywords();
                for (String lit : req) {
                    int id = ids.computeIfAbsent(lit, x -> {
                        owners.add(new ArrayList<>());
                        return owners.size() - 1;
                    });
                    owners.get(id).add(b);
                }
            }
            List<String> lits = new ArrayList<>(ids.size());
            for (int i = 0; i < ids.size(); i++) lits.add(null);
            ids.forEach((lit, id) -> lits.set(id, lit));
            automaton = lits.isEmpty() ? null : new AhoCorasick(lits);
            literalBranches = new int[owners.size()][];
            for (int i = 0; i < owners.size(); i++) literalBranches[i] = owners.get(i).stream().mapToInt(x -> x).toArray();
            scanRaw = raw;
            List<Integer> always = new ArrayList<>();
            for (int b = 0; b < branches.length; b++) if (branches[b].required() == null) always.add(b);
            alwaysRun = always.stream().mapToInt(x -> x).toArray();
            java.util.Set<String> fields = new java.util.LinkedHashSet<>();
            for (Branch b : branches) if (b.required() != null) fieldsOf(b.matcher(), fields);
            scanFields = fields.toArray(String[]::new);
        }

        private static void fieldsOf(Matcher m, java.util.Set<String> out) {
            if (m instanceof Matcher.Field f) out.addAll(List.of(f.names()));
            else if (m instanceof Matcher.And a) for (Matcher x : a.operands()) fieldsOf(x, out);
            else if (m instanceof Matcher.Or o) for (Matcher x : o.operands()) fieldsOf(x, out);
            else if (m instanceof Matcher.Not n) fieldsOf(n.operand(), out);
        }
    }

    record GroupKey(LogSource ls, Format format, String eventId) {
    }

    /** Per-thread working memory: the event view and the candidate marks. */
    private static final class Scratch {
        final EventView view = new EventView();
        int[] marks = new int[64];
        int[] candidates = new int[64];
        int count;
        int gen;

        void add(int b) {
            if (count == candidates.length) candidates = java.util.Arrays.copyOf(candidates, count * 2);
            candidates[count++] = b;
        }

        int next(int size) {
            if (marks.length < size) marks = new int[Math.max(size, marks.length * 2)];
            if (++gen == Integer.MAX_VALUE) {
                java.util.Arrays.fill(marks, 0);
                gen = 1;
            }
            return gen;
        }
    }
}
