package dwell.sigma;

import dwell.event.Event;
import dwell.event.LogSource;
import dwell.event.FormatId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Sigma rules compiled once for a scan: each rule is bound to the event kinds its logsource applies to. Events
 * are grouped by logsource, format and the values of the mapping's dispatch fields (EventID, Channel,
 * Provider_Name); per group the rules are specialized once (their tests on those fields decided, rules that
 * cannot match dropped), and an event meets only the group's rules whose required literals the prefilter found
 * in the fields they test (one Aho-Corasick automaton per field, one over all values for keywords). Rules
 * without such literals always run. Thread-safe.
 */
public final class SigmaEngine {
    /** A rule bound to one event kind: its matcher (meta filters included). */
    record Branch(int rule, LogsourceMapping.Target target, Matcher matcher) {
    }

    /** Beyond this many groups, new event kinds share groups keyed by logsource, format and event id only. */
    private static final int MAX_GROUPS = 4096;

    /** A rule that runs on no event kind dwell reads, reported once. */
    public record Unmapped(SigmaRule rule, String reason) {
    }

    private final List<SigmaRule> rules;
    private final List<Branch> branches = new ArrayList<>();
    private final BranchIndex byTarget;
    /** Per branch, its form for kinds that decide none of its tests (most kinds of most rules), once made. */
    private final AtomicReferenceArray<Group.Compiled> asBound;
    private final List<Unmapped> unmapped = new ArrayList<>();
    private final LogsourceMapping mapping;
    private final Map<GroupKey, Group> groups = new ConcurrentHashMap<>();
    private final String[] dispatch;
    private final int[] dispatchSlots;
    /** The prefilter automata by their literals: kinds whose rules test a field alike share one (CommandLine's has ~20k states). */
    private final Map<List<String>, AhoCorasick> automata = new ConcurrentHashMap<>();
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);
    /**
     * The threads' scratches by the low bits of their ids, each checked against its thread: the thread-local map's
     * probe, which often walks past another thread-local first, took 5% of a cold pass's samples. Threads whose ids
     * share a slot take turns in it and otherwise go to the map.
     */
    private final Scratch[] scratchByThread = new Scratch[16];

    private final boolean prefilter;

    public SigmaEngine(List<SigmaRule> rules, List<SigmaFilter> filters, LogsourceMapping mapping) {
        this(rules, filters, mapping, true);
    }

    /** @param prefilter false to run every rule of an event's kind (to check the prefilter loses nothing) */
    public SigmaEngine(List<SigmaRule> rules, List<SigmaFilter> filters, LogsourceMapping mapping, boolean prefilter) {
        this.prefilter = prefilter;
        this.rules = List.copyOf(rules);
        this.mapping = mapping;
        this.dispatch = mapping.dispatchFields().toArray(String[]::new);
        this.dispatchSlots = FieldSlots.of(dispatch);
        // runs of rules are bound on two threads, each taking the next run not taken, and joined in rule order
        int n = this.rules.size();
        int runs = (n + BIND_RUN - 1) / BIND_RUN;
        for (Bound b : SharedTasks.run(runs, n >= BIND_ON_TWO_THREADS_FROM, "dwell-sigma-bind",
                i -> bind(i * BIND_RUN, Math.min(n, (i + 1) * BIND_RUN), filters))) {
            branches.addAll(b.branches());
            unmapped.addAll(b.unmapped());
        }
        byTarget = new BranchIndex(branches);
        asBound = new AtomicReferenceArray<>(branches.size());
    }

    /** Branch {@code i} ordered and its literals found, for the kinds that decide none of its tests: made once. */
    private Group.Compiled asBound(int i) {
        Group.Compiled c = asBound.get(i);
        if (c == null) {
            Branch b = branches.get(i);
            Matcher m = CheapFirst.order(b.matcher());
            c = new Group.Compiled(b.rule(), m, Group.Compiled.sets(m));
            // two threads meeting new kinds at once may both make it: they make equal ones
            asBound.compareAndSet(i, null, c);
        }
        return c;
    }

    /** From this many rules on, binding uses a second thread (fewer bind faster than a thread starts). */
    private static final int BIND_ON_TWO_THREADS_FROM = 256;
    /** Rules bound as one task: small enough that a thread done first waits little for the other's last. */
    private static final int BIND_RUN = 64;

    /** The branches and unmapped rules of a run of rules. */
    private record Bound(List<Branch> branches, List<Unmapped> unmapped) {
    }

    /** Binds rules {@code from} to {@code to} (exclusive) to the event kinds of their logsources. */
    private Bound bind(int from, int to, List<SigmaFilter> filters) {
        Bound out = new Bound(new ArrayList<>(), new ArrayList<>());
        for (int i = from; i < to; i++) {
            SigmaRule r = this.rules.get(i);
            List<LogsourceMapping.Target> targets = mapping.targets(r.logSource());
            if (targets.isEmpty()) {
                out.unmapped().add(new Unmapped(r, "logsource " + describe(r.logSource()) + " matches no event type dwell reads"));
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
                out.branches().add(new Branch(i, t, m));
            }
        }
        return out;
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

    /** The event kinds met so far, and the distinct prefilter automata they hold (for tests and benchmarks). */
    int kinds() {
        return groups.size();
    }

    int automata() {
        return automata.size();
    }

    /** Receives the rules an event matched (by index into {@link #rules()}). */
    @FunctionalInterface
    public interface Hits {
        void matched(int rule, SigmaRule r);
    }

    private Scratch scratch() {
        Thread thread = Thread.currentThread();
        int slot = (int) thread.getId() & (scratchByThread.length - 1);
        Scratch s = scratchByThread[slot];
        // a scratch is only ever used by the thread that made it (its owner final, so seen set by any thread)
        if (s != null && s.owner == thread) return s;
        s = scratch.get();
        scratchByThread[slot] = s;
        return s;
    }

    /** Runs the rules that apply to the event; each matching rule is reported once. Never throws on odd events. */
    public void match(Event e, Hits hits) {
        Scratch s = scratch();
        Group g = findCandidates(e, s);
        int[] cand = s.candidates;
        int n = s.count;
        // rule order, so that a rule bound to two kinds of one event reports once and output order is stable
        java.util.Arrays.sort(cand, 0, n);
        int lastRule = -1;
        for (int k = 0; k < n; k++) {
            Group.Compiled br = g.branches[cand[k]];
            if (br.rule() == lastRule) continue;
            if (br.matcher().matches(s.view)) {
                lastRule = br.rule();
                hits.matched(br.rule(), rules.get(br.rule()));
            }
        }
    }

    /** How many of its kind's rules the prefilter lets run on the event (for tests and benchmarks). */
    int candidates(Event e) {
        Scratch s = scratch();
        findCandidates(e, s);
        return s.count;
    }

    /** Finds the event's group and leaves in {@code s} its view and its candidate branches, unordered. */
    private Group findCandidates(Event e, Scratch s) {
        s.gather(e);
        EventView view = s.view.reset(e, !mapping.rawRendersFields(e.format()));
        Group g = groupOf(e, s);
        s.begin(g.branches.length, g.needs);
        if (g.branches.length == 0) return g;
        for (int b : g.alwaysRun) s.add(b);
        if (g.keywords != null) {
            // every field value as EventView.values() lists them; one shorter than every literal holds none
            Group.Literals kw = g.keywords;
            s.owners(kw);
            int shortest = kw.wideOwners.length == 0 ? kw.automaton.shortest() : 0;
            boolean wide = false;
            for (int i = 0; i < s.valueCount; i++) if (s.lengths[i] >= shortest) wide |= kw.scan(s.values[i], s);
            String raw = view.keywordRaw();
            if (raw != null) wide |= kw.scan(raw, s);
            if (wide) s.addAll(kw.wideOwners);
        }
        for (int f = 0; f < g.fields.length; f++) {
            String v = view.value(g.fieldSlots[f], g.fields[f]);
            if (v == null) continue;
            Group.Literals l = g.fieldLiterals[f];
            s.owners(l);
            if (l.scan(v, s)) s.addAll(l.wideOwners);
        }
        return g;
    }

    private Group groupOf(Event e, Scratch s) {
        LogSource ls = e.logSource() == null ? LogSource.NONE : e.logSource();
        boolean specialize = prefilter;
        // looked up with the thread's probe key; a key is built to keep only for a kind met the first time
        GroupKey probe = specialize ? s.probe : s.plainProbe;
        String[] values = probe.values();
        for (int i = 0; i < values.length; i++) values[i] = s.view.value(dispatchSlots[i], dispatch[i]);
        probe.with(ls, e.format());
        // events of one kind tend to come in runs: the last event's group spares the hash and the shared map
        if (specialize && s.lastGroup != null && probe.equals(s.lastKey)) return s.lastGroup;
        Group g = groups.get(probe);
        if (g == null) g = newGroup(ls, e.format(), values, specialize);
        if (specialize) s.remember(probe, g);
        return g;
    }

    private Group newGroup(LogSource ls, FormatId format, String[] values, boolean specialize) {
        Group g;
        GroupKey k = new GroupKey(ls, format, values.clone(), specialize);
        if (specialize && groups.size() >= MAX_GROUPS) {
            k = new GroupKey(ls, format, new String[] {values[0]}, false);
            g = groups.get(k);
            if (g != null) return g;
        }
        return groups.computeIfAbsent(k, this::group);
    }

    private Group group(GroupKey k) {
        String eventId = k.values()[0];
        Specializer sp = null;
        if (k.specialized()) {
            Map<String, String> known = new HashMap<>();
            for (int i = 0; i < dispatch.length; i++) if (k.values()[i] != null) known.put(dispatch[i], k.values()[i]);
            sp = new Specializer(Set.of(dispatch), new dwell.event.MapEvent(null, k.format(), k.ls(), known, null, null, null));
        }
        List<Group.Compiled> in = new ArrayList<>();
        for (int i : byTarget.candidates(k.ls(), k.format(), eventId)) {
            Branch b = branches.get(i);
            Matcher m = sp == null ? b.matcher() : sp.fold(b.matcher());
            if (m instanceof Matcher.Const c && !c.value()) continue;
            if (prefilter && m == b.matcher()) {
                in.add(asBound(i));
                continue;
            }
            if (prefilter) m = CheapFirst.order(m);
            in.add(new Group.Compiled(b.rule(), m, prefilter ? Group.Compiled.sets(m) : null));
        }
        return new Group(in.toArray(Group.Compiled[]::new), automata);
    }

    /** The rules one event kind meets, and the prefilter automata over their literals. */
    static final class Group {
        /**
         * A rule specialized for the kind, with the sets of literals of each of which any event it matches holds
         * one (null when it runs on every event).
         */
        record Compiled(int rule, Matcher matcher, List<Set<Matcher.Literal>> required) {
            static List<Set<Matcher.Literal>> sets(Matcher m) {
                List<Set<Matcher.Literal>> all = m.required();
                return all.isEmpty() ? null : all;
            }
        }

        /** An owner of a literal: its branch, shifted, and which of the branch's sets the literal is of. */
        static final int SET_BITS = 2;

        final Compiled[] branches;
        /** Per branch, a bit per set of literals it needs found (see {@link Scratch#reach}). */
        final int[] needs;
        /** Branches without prefilter literals: they run on every event of the kind. */
        final int[] alwaysRun;
        /** Keyword literals, searched in every value and the raw record, or null. */
        final Literals keywords;
        /** The fields whose values hold field literals, and per field its literals. */
        final String[] fields;
        final int[] fieldSlots;
        final Literals[] fieldLiterals;

        Group(Compiled[] branches, Map<List<String>, AhoCorasick> automata) {
            this.branches = branches;
            LiteralsBuilder kw = new LiteralsBuilder();
            Map<String, LiteralsBuilder> byField = new java.util.LinkedHashMap<>();
            List<Integer> always = new ArrayList<>();
            needs = new int[branches.length];
            for (int b = 0; b < branches.length; b++) {
                List<Set<Matcher.Literal>> req = branches[b].required();
                if (req == null) {
                    always.add(b);
                    continue;
                }
                needs[b] = (1 << req.size()) - 1;
                for (int set = 0; set < req.size(); set++) {
                    int owner = b << SET_BITS | set;
                    for (Matcher.Literal lit : req.get(set)) {
                        if (lit.keyword()) {
                            kw.add(lit.text(), owner);
                        } else {
                            for (String f : lit.fields()) byField.computeIfAbsent(f, x -> new LiteralsBuilder()).add(lit.text(), owner);
                        }
                    }
                }
            }
            alwaysRun = always.stream().mapToInt(x -> x).toArray();
            keywords = kw.isEmpty() ? null : kw.build(automata);
            fields = byField.keySet().toArray(String[]::new);
            fieldSlots = FieldSlots.of(fields);
            fieldLiterals = new Literals[fields.length];
            for (int f = 0; f < fields.length; f++) fieldLiterals[f] = byField.get(fields[f]).build(automata);
        }

        /**
         * The literals searched in some values: an automaton (null when there are only non-ASCII needs), the
         * owners of each literal (literal i's from {@code ownerStart[i]} to {@code ownerStart[i + 1]} in
         * {@code ownerList}: one flat array, as a report's owners are read while the event's values stream through
         * the cache), and the owners that need some non-ASCII character.
         */
        record Literals(AhoCorasick automaton, int[] ownerStart, int[] ownerList, int[] wideOwners) {
            /**
             * Reports the literals of the value; true when it holds a non-ASCII character and some branch needs
             * one (else the faster search, which does not look at every character, runs).
             */
            boolean scan(String value, AhoCorasick.Hits hits) {
                if (wideOwners.length == 0) {
                    automaton.find(value, hits);
                    return false;
                }
                return automaton != null ? automaton.scan(value, hits) : AhoCorasick.wide(value);
            }
        }

        /**
         * Distinct literal texts and the owners of each ({@link #SET_BITS}), in text order: kinds whose rules search a
         * field for the same literals in another order share one automaton (7 of SigmaHQ's Windows rules' 161 did not).
         * Hashed, sorted once at the end: a kind's set-up indexed its thousands of literals in a tree of boxed owner
         * sets, most of the CPU its set-up took apart from the automata.
         */
        private static final class LiteralsBuilder {
            final Map<String, Owners> owners = new HashMap<>();
            final Owners wide = new Owners();

            void add(String text, int owner) {
                if (text.equals(Matcher.Literal.NON_ASCII)) wide.add(owner);
                else owners.computeIfAbsent(text, x -> new Owners()).add(owner);
            }

            boolean isEmpty() {
                return owners.isEmpty() && wide.size == 0;
            }

            /** The literals' automaton comes from {@code automata} when another kind built it over the same list. */
            Literals build(Map<List<String>, AhoCorasick> automata) {
                String[] texts = owners.keySet().toArray(String[]::new);
                java.util.Arrays.sort(texts);
                AhoCorasick a = texts.length == 0 ? null : automata.computeIfAbsent(List.of(texts), AhoCorasick::new);
                int[] start = new int[texts.length + 1];
                for (int i = 0; i < texts.length; i++) start[i + 1] = start[i] + owners.get(texts[i]).size;
                int[] list = new int[start[texts.length]];
                for (int i = 0; i < texts.length; i++) {
                    Owners o = owners.get(texts[i]);
                    System.arraycopy(o.items, 0, list, start[i], o.size);
                }
                return new Literals(a, start, list, java.util.Arrays.copyOf(wide.items, wide.size));
            }
        }

        /**
         * The owners of one literal, each once, as added: the constructor adds owners in increasing order (by
         * branch, then set), so a repeat (a literal twice in one set, for two lists of fields) is the last one.
         */
        private static final class Owners {
            int[] items = new int[2];
            int size;

            void add(int owner) {
                if (size > 0 && items[size - 1] == owner) return;
                if (size == items.length) items = java.util.Arrays.copyOf(items, size * 2);
                items[size++] = owner;
            }
        }
    }

    /**
     * Events of one kind: logsource, format and the dispatch fields' values ({@code specialized}) or the event id.
     * Mutable only as a thread's lookup probe ({@link #with}); keys in the map never change.
     */
    static final class GroupKey {
        private LogSource ls;
        private FormatId format;
        private final String[] values;
        private final boolean specialized;

        GroupKey(LogSource ls, FormatId format, String[] values, boolean specialized) {
            this.ls = ls;
            this.format = format;
            this.values = values;
            this.specialized = specialized;
        }

        LogSource ls() {
            return ls;
        }

        FormatId format() {
            return format;
        }

        String[] values() {
            return values;
        }

        boolean specialized() {
            return specialized;
        }

        GroupKey with(LogSource ls, FormatId format) {
            this.ls = ls;
            this.format = format;
            return this;
        }

        /** Makes this thread-owned key equal to another of the same shape. */
        void copy(GroupKey other) {
            ls = other.ls;
            format = other.format;
            System.arraycopy(other.values, 0, values, 0, values.length);
        }

        @Override
        public boolean equals(Object o) {
            // events of a known channel share its LogSource: the identity test spares comparing its strings
            return o instanceof GroupKey k && specialized == k.specialized && format == k.format && (ls == k.ls || ls.equals(k.ls))
                    && java.util.Arrays.equals(values, k.values);
        }

        /** From a few characters of each value: the values are new strings per event, whose full hash is not cached. */
        @Override
        public int hashCode() {
            int h = ls.hashCode() * 31 + java.util.Objects.hashCode(format);
            for (String v : values) {
                int n = v == null ? -1 : v.length();
                h = h * 31 + n;
                if (n > 0) h = (h * 31 + v.charAt(0)) * 31 + v.charAt(n - 1) * 7 + v.charAt(n / 2);
            }
            return specialized ? h : ~h;
        }
    }

    /** Per-thread working memory: the event view, its values, the candidate marks, and the prefilter's hit receiver. */
    private final class Scratch implements AhoCorasick.Hits, dwell.event.FieldVisitor {
        /** The thread that made it, the only one that uses it. */
        final Thread owner = Thread.currentThread();
        final EventView view = new EventView();
        final GroupKey probe = new GroupKey(LogSource.NONE, null, new String[dispatch.length], true);
        final GroupKey plainProbe = new GroupKey(LogSource.NONE, null, new String[1], false);
        /** The last specialized kind met and its group (null before the first). */
        final GroupKey lastKey = new GroupKey(LogSource.NONE, null, new String[dispatch.length], true);
        Group lastGroup;

        void remember(GroupKey key, Group g) {
            lastKey.copy(key);
            lastGroup = g;
        }
        /** The event's field values in source order and their lengths ({@link #gather}). */
        String[] values = new String[64];
        int[] lengths = new int[64];
        int valueCount;
        /** The last characters of the long values: kept so that {@link #gather}'s reads of them are not left out. */
        int tails;

        /**
         * Lists the event's values, then reads each one's length (and a long one's last character) in a loop of
         * their own: on an event no longer in cache those loads do not wait on one another and go out together,
         * where the scans that follow would meet each value's misses one after the other. The values come in one
         * copy where the event has them in an array (EVTX): no call and no collector's barrier per value.
         */
        void gather(Event e) {
            int count = e.copyValues(values);
            if (count > values.length) {
                values = new String[Math.max(count, values.length * 2)];
                lengths = new int[values.length];
                count = e.copyValues(values);
            } else if (count < 0) {
                valueCount = 0;
                e.forEachField(this);
                count = valueCount;
            }
            valueCount = count;
            String[] vs = values;
            int[] ls = lengths;
            int t = 0;
            for (int i = 0; i < count; i++) {
                String v = vs[i];
                // a field without a value: shorter than any keyword
                int len = v == null ? -1 : v.length();
                ls[i] = len;
                // past the first cache line of its characters
                if (len > 40) t += v.charAt(len - 1);
            }
            tails = t;
        }

        @Override
        public void field(String name, String value) {
            if (value == null) return;
            if (valueCount == values.length) {
                values = java.util.Arrays.copyOf(values, valueCount * 2);
                lengths = java.util.Arrays.copyOf(lengths, valueCount * 2);
            }
            values[valueCount++] = value;
        }

        int[] marks = new int[64];
        /** Per branch marked in this event, the bits of its sets found so far. */
        int[] found = new int[64];
        /** The group's {@link Group#needs}. */
        int[] needs;
        int[] candidates = new int[64];
        int count;
        int gen;
        /** The owners of each literal of the automaton scanning now ({@link Group.Literals}). */
        int[] ownerStart;
        int[] ownerList;

        void owners(Group.Literals l) {
            ownerStart = l.ownerStart();
            ownerList = l.ownerList();
        }

        @Override
        public void hit(int literal) {
            int[] list = ownerList;
            for (int j = ownerStart[literal], end = ownerStart[literal + 1]; j < end; j++) reach(list[j]);
        }

        /** Notes owners' literals found. */
        void addAll(int[] os) {
            for (int o : os) reach(o);
        }

        /** A literal of one of a branch's sets was found: the branch becomes a candidate when each of its sets has one. */
        private void reach(int owner) {
            int b = owner >>> Group.SET_BITS;
            int bit = 1 << (owner & ((1 << Group.SET_BITS) - 1));
            int f = 0;
            if (marks[b] == gen) {
                f = found[b];
                if ((f & bit) != 0) return;
            } else {
                marks[b] = gen;
            }
            f |= bit;
            found[b] = f;
            if (f == needs[b]) add(b);
        }

        void add(int b) {
            if (count == candidates.length) candidates = java.util.Arrays.copyOf(candidates, count * 2);
            candidates[count++] = b;
        }

        void begin(int size, int[] needs) {
            count = 0;
            this.needs = needs;
            if (marks.length < size) {
                marks = new int[Math.max(size, marks.length * 2)];
                found = new int[marks.length];
            }
            if (++gen == Integer.MAX_VALUE) {
                java.util.Arrays.fill(marks, 0);
                gen = 1;
            }
        }
    }
}
