package dwell.sigma;

import dwell.hunt.Diagnostic;
import dwell.event.Event;
import dwell.hunt.EventFindings;
import dwell.hunt.EvidenceRef;
import dwell.hunt.Finding;
import dwell.hunt.Indicator;
import dwell.hunt.Indicators;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Evaluates correlation rules over all the evidence of a scan, in time order: the matches of the rules they
 * name are recorded as events arrive (from any thread), then sorted and correlated at the end.
 * Window semantics: with only lower bounds (gt, gte) a window slides and fires as soon as the condition holds
 * (events at exactly {@code timespan} apart are inside), then restarts after the firing event; with upper
 * bounds (lt, lte, eq) windows are consecutive, each starting at its group's next event, judged when they close.
 * Events lacking a group-by field are grouped under an empty value; events without a time are not correlated.
 */
final class Correlator {
    /** One matched event of a correlated rule, with the field values the correlations need. */
    record Occurrence(Instant time, String rule, String ruleTitle, Map<String, String> fields, EvidenceRef evidence,
                      String host, List<Indicator> indicators) implements java.io.Serializable {
    }

    /** The candidates one share recorded: its correlated rules' matches and the timeless ones' count. */
    record Part(List<Occurrence> occurrences, long timeless) implements java.io.Serializable {
    }

    /** An input of a correlation: a rule's occurrence or a firing of a chained correlation. */
    record Item(Instant time, String source, Map<String, String> fields, List<Occurrence> base) implements java.io.Serializable {
    }

    /** A correlation firing: its time, group values, measured value and the occurrences behind it. */
    record Hit(Instant time, Map<String, String> group, double value, List<Occurrence> base) implements java.io.Serializable {
    }

    /** Hits of flat correlations evaluated elsewhere ({@link #evaluated}), which {@link #finish} uses as they are. */
    private final Map<CorrelationRule, List<Hit>> given = new HashMap<>();

    private final List<SigmaRule> rules;
    private final List<CorrelationRule> correlations = new ArrayList<>();
    private final List<Diagnostic> problems = new ArrayList<>();
    /** rule index -> the fields its occurrences must keep. */
    private final Map<Integer, Set<String>> needed = new HashMap<>();
    private final Set<Integer> silenced = new HashSet<>();
    private final List<Occurrence> occurrences = new ArrayList<>();
    private long timeless;

    public Correlator(List<CorrelationRule> all, List<SigmaRule> rules) {
        this.rules = rules;
        Map<String, Integer> ruleByRef = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            ruleByRef.putIfAbsent(rules.get(i).id(), i);
            if (rules.get(i).name() != null) ruleByRef.putIfAbsent(rules.get(i).name(), i);
        }
        Map<String, CorrelationRule> corrByRef = new HashMap<>();
        for (CorrelationRule c : all) {
            corrByRef.putIfAbsent(c.id(), c);
            if (c.name() != null) corrByRef.putIfAbsent(c.name(), c);
        }
        for (CorrelationRule c : all) {
            String bad = null;
            for (String ref : c.rules()) {
                if (!ruleByRef.containsKey(ref) && !corrByRef.containsKey(ref)) bad = ref;
            }
            if (bad == null && cyclic(c, corrByRef, new HashSet<>())) bad = "(a cycle of correlations)";
            if (bad != null) {
                problems.add(new Diagnostic(c.origin().path(), c.origin().line(), "correlation names unknown rule '" + bad + "'"));
                continue;
            }
            correlations.add(c);
        }
        for (CorrelationRule c : correlations) {
            for (String ref : c.rules()) {
                Integer r = ruleByRef.get(ref);
                if (r == null) continue;
                Set<String> f = needed.computeIfAbsent(r, k -> new LinkedHashSet<>());
                for (String g : c.groupBy()) f.add(fieldFor(c, g, rules.get(r).name(), rules.get(r).id()));
                if (c.field() != null) f.add(c.field());
                if (!c.generate()) silenced.add(r);
            }
        }
        for (CorrelationRule c : correlations) {
            if (c.generate()) {
                for (String ref : c.rules()) {
                    Integer r = ruleByRef.get(ref);
                    if (r != null) silenced.remove(r);
                }
            }
        }
        this.ruleByRef = ruleByRef;
        this.corrByRef = corrByRef;
    }

    private final Map<String, Integer> ruleByRef;
    private final Map<String, CorrelationRule> corrByRef;

    private static boolean cyclic(CorrelationRule c, Map<String, CorrelationRule> byRef, Set<CorrelationRule> path) {
        if (!path.add(c)) return true;
        for (String ref : c.rules()) {
            CorrelationRule inner = byRef.get(ref);
            if (inner != null && cyclic(inner, byRef, path)) return true;
        }
        path.remove(c);
        return false;
    }

    /** The field an alias (or plain group-by field) stands for in events of the named rule. */
    static String fieldFor(CorrelationRule c, String groupField, String ruleName, String ruleId) {
        Map<String, String> alias = c.aliases().get(groupField);
        if (alias == null) return groupField;
        String f = ruleName != null ? alias.get(ruleName) : null;
        if (f == null) f = alias.get(ruleId);
        return f != null ? f : groupField;
    }

    /** Correlations that could not be set up (unknown rules, cycles). */
    public List<Diagnostic> problems() {
        return List.copyOf(problems);
    }

    public List<CorrelationRule> correlations() {
        return List.copyOf(correlations);
    }

    /** True when the rule feeds a correlation. */
    public boolean feeds(int rule) {
        return needed.containsKey(rule);
    }

    /** True when the rule's own matches are not findings (it feeds a correlation that does not generate them). */
    public boolean silenced(int rule) {
        return silenced.contains(rule);
    }

    /** Records a match of a correlated rule. Thread-safe. */
    public void record(int rule, SigmaRule r, Event e) {
        Set<String> fields = needed.get(rule);
        if (fields == null) return;
        if (e.time() == null) {
            synchronized (this) {
                timeless++;
            }
            return;
        }
        Map<String, String> values = new HashMap<>();
        for (String f : fields) {
            String v = e.get(f);
            if (v != null) values.put(f, v);
        }
        Finding f = EventFindings.of("sigma", r.ref(), e, Map.of());
        Occurrence o = new Occurrence(e.time(), r.id(), r.title(), values, f.evidence(), e.host(), f.indicators());
        synchronized (this) {
            occurrences.add(o);
        }
    }

    /** What was recorded so far, for another correlator to {@link #merge}. */
    public synchronized Part part() {
        return new Part(new ArrayList<>(occurrences), timeless);
    }

    /** Takes in another share's candidates; {@link #finish} sorts them all, so the order of merging does not matter. */
    public synchronized void merge(Part part) {
        occurrences.addAll(part.occurrences());
        timeless += part.timeless();
    }

    public synchronized long timeless() {
        return timeless;
    }

    /** Runs every correlation over the recorded matches; findings of the correlations that fired. */
    public synchronized List<Finding> finish() {
        occurrences.sort(Comparator.comparing(Occurrence::time).thenComparing(o -> String.valueOf(o.evidence().path()))
                .thenComparingLong(o -> o.evidence().line()).thenComparingLong(o -> o.evidence().record())
                .thenComparing(Occurrence::rule));
        Map<CorrelationRule, List<Hit>> memo = new HashMap<>(given);
        List<Finding> out = new ArrayList<>();
        for (CorrelationRule c : correlations) {
            for (Hit h : evaluate(c, memo)) out.add(finding(c, h));
        }
        return out;
    }

    private List<Hit> evaluate(CorrelationRule c, Map<CorrelationRule, List<Hit>> memo) {
        List<Hit> done = memo.get(c);
        if (done != null) return done;
        List<Item> items = new ArrayList<>();
        for (String ref : c.rules()) {
            Integer r = ruleByRef.get(ref);
            if (r != null) {
                items.addAll(ruleItems(c, ref, occurrences));
            } else {
                for (Hit h : evaluate(corrByRef.get(ref), memo)) {
                    Map<String, String> f = new HashMap<>();
                    for (String g : c.groupBy()) {
                        String v = h.group().get(g);
                        if (v != null) f.put(g, v);
                    }
                    f.put("\0value", Double.toString(h.value()));
                    items.add(new Item(h.time(), ref, f, h.base()));
                }
            }
        }
        items.sort(Comparator.comparing(Item::time));
        Map<List<String>, List<Item>> groups = new TreeMap<>(Correlator::compareKeys);
        for (Item it : items) groups.computeIfAbsent(key(c, it), k -> new ArrayList<>()).add(it);
        List<Hit> hits = new ArrayList<>();
        groups.forEach((key, list) -> hits.addAll(windows(c, key, list)));
        hits.sort(Comparator.comparing(Hit::time));
        memo.put(c, hits);
        return hits;
    }

    /** The items a rule named by a correlation gives: its occurrences with the group's and the measured field's values. */
    private List<Item> ruleItems(CorrelationRule c, String ref, List<Occurrence> from) {
        SigmaRule rule = rules.get(ruleByRef.get(ref));
        List<Item> items = new ArrayList<>();
        for (Occurrence o : from) {
            if (!o.rule().equals(rule.id())) continue;
            Map<String, String> f = new HashMap<>();
            for (String g : c.groupBy()) {
                String v = o.fields().get(fieldFor(c, g, rule.name(), rule.id()));
                if (v != null) f.put(g, v);
            }
            if (c.field() != null && o.fields().get(c.field()) != null) f.put("\0value", o.fields().get(c.field()));
            items.add(new Item(o.time(), ref, f, List.of(o)));
        }
        return items;
    }

    private static List<String> key(CorrelationRule c, Item it) {
        List<String> key = new ArrayList<>();
        for (String g : c.groupBy()) key.add(it.fields().getOrDefault(g, ""));
        return key;
    }

    /** One group's firings, its items in time order. */
    private List<Hit> windows(CorrelationRule c, List<String> key, List<Item> list) {
        Map<String, String> group = new LinkedHashMap<>();
        for (int i = 0; i < c.groupBy().size(); i++) group.put(c.groupBy().get(i), key.get(i));
        List<Hit> hits = new ArrayList<>();
        if (c.threshold().onlyLowerBounds()) sliding(c, group, list, hits);
        else consecutive(c, group, list, hits);
        return hits;
    }

    boolean hasFlat() {
        return correlations.stream().anyMatch(this::flat);
    }

    private boolean flat(CorrelationRule c) {
        return c.rules().stream().allMatch(ruleByRef::containsKey);
    }

    /** The flat correlations' inputs among a part's occurrences. */
    List<CorrelationCandidate> candidates(Part part) {
        List<CorrelationCandidate> out = new ArrayList<>();
        for (int ci = 0; ci < correlations.size(); ci++) {
            CorrelationRule c = correlations.get(ci);
            if (!flat(c)) continue;
            for (int source = 0; source < c.rules().size(); source++) {
                for (Item it : ruleItems(c, c.rules().get(source), part.occurrences())) out.add(new CorrelationCandidate(ci, key(c, it), source, it));
            }
        }
        return out;
    }

    /** A part without the occurrences only flat correlations read (their candidates are evaluated elsewhere). */
    Part rest(Part part) {
        Set<String> kept = new HashSet<>();
        for (CorrelationRule c : correlations) {
            if (flat(c)) continue;
            for (String ref : c.rules()) if (ruleByRef.containsKey(ref)) kept.add(rules.get(ruleByRef.get(ref)).id());
        }
        return new Part(part.occurrences().stream().filter(o -> kept.contains(o.rule())).toList(), part.timeless());
    }

    /** One group's candidates (one flat correlation, one key; any order) evaluated as {@link #finish} would. */
    CorrelationHits evaluate(List<CorrelationCandidate> group) {
        List<CorrelationCandidate> sorted = new ArrayList<>(group);
        sorted.sort(Comparator.comparing((CorrelationCandidate k) -> k.item().time()).thenComparingInt(CorrelationCandidate::source)
                .thenComparing(k -> String.valueOf(k.item().base().get(0).evidence().path()))
                .thenComparingLong(k -> k.item().base().get(0).evidence().line())
                .thenComparingLong(k -> k.item().base().get(0).evidence().record())
                .thenComparing(k -> k.item().base().get(0).rule()));
        CorrelationCandidate first = sorted.get(0);
        return new CorrelationHits(first.correlation(), first.key(),
                windows(correlations.get(first.correlation()), first.key(), sorted.stream().map(CorrelationCandidate::item).toList()));
    }

    /** Takes every flat correlation's groups' hits, evaluated elsewhere; a flat correlation without any fired nowhere. */
    synchronized void evaluated(List<CorrelationHits> all) {
        List<CorrelationHits> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingInt(CorrelationHits::correlation).thenComparing(CorrelationHits::key, Correlator::compareKeys));
        for (CorrelationRule c : correlations) if (flat(c)) given.put(c, new ArrayList<>());
        for (CorrelationHits g : sorted) given.get(correlations.get(g.correlation())).addAll(g.hits());
        // as finish orders one correlation's hits: by time, groups in key order on a tie
        given.values().forEach(h -> h.sort(Comparator.comparing(Hit::time)));
    }

    private static int compareKeys(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) return c;
        }
        return Integer.compare(a.size(), b.size());
    }

    private void sliding(CorrelationRule c, Map<String, String> group, List<Item> list, List<Hit> hits) {
        Duration span = c.timespan();
        ArrayDeque<Item> window = new ArrayDeque<>();
        for (Item it : list) {
            window.addLast(it);
            while (Duration.between(window.peekFirst().time(), it.time()).compareTo(span) > 0) window.pollFirst();
            double v = measure(c, window);
            if (c.threshold().test(v)) {
                hits.add(hit(it.time(), group, v, window));
                window.clear();
            }
        }
    }

    private void consecutive(CorrelationRule c, Map<String, String> group, List<Item> list, List<Hit> hits) {
        Duration span = c.timespan();
        ArrayDeque<Item> window = new ArrayDeque<>();
        for (Item it : list) {
            if (!window.isEmpty() && Duration.between(window.peekFirst().time(), it.time()).compareTo(span) > 0) {
                judge(c, group, window, hits);
                window.clear();
            }
            window.addLast(it);
        }
        if (!window.isEmpty()) judge(c, group, window, hits);
    }

    private void judge(CorrelationRule c, Map<String, String> group, ArrayDeque<Item> window, List<Hit> hits) {
        double v = measure(c, window);
        if (c.threshold().test(v)) hits.add(hit(window.peekLast().time(), group, v, window));
    }

    private static Hit hit(Instant t, Map<String, String> group, double v, ArrayDeque<Item> window) {
        List<Occurrence> base = new ArrayList<>();
        for (Item i : window) base.addAll(i.base());
        return new Hit(t, group, v, base);
    }

    /** The correlation's measure over a window: a count, a number of distinct values, a sum, ... */
    static double measure(CorrelationRule c, Iterable<Item> window) {
        switch (c.type()) {
            case EVENT_COUNT: {
                int n = 0;
                for (Item i : window) n++;
                return n;
            }
            case VALUE_COUNT: {
                Set<String> distinct = new HashSet<>();
                for (Item i : window) {
                    String v = i.fields().get("\0value");
                    if (v != null) distinct.add(v);
                }
                return distinct.size();
            }
            case TEMPORAL: {
                Set<String> sources = new HashSet<>();
                for (Item i : window) sources.add(i.source());
                return sources.size();
            }
            case TEMPORAL_ORDERED: {
                int next = 0;
                for (Item i : window) {
                    if (next < c.rules().size() && i.source().equals(c.rules().get(next))) next++;
                }
                return next;
            }
            default: {
                List<Double> nums = new ArrayList<>();
                for (Item i : window) {
                    Double d = NumberTest.parse(i.fields().get("\0value"));
                    if (d != null && !d.isNaN()) nums.add(d);
                }
                if (nums.isEmpty()) return Double.NaN;
                if (c.type() == CorrelationType.VALUE_SUM) return nums.stream().mapToDouble(Double::doubleValue).sum();
                if (c.type() == CorrelationType.VALUE_AVG) return nums.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
                nums.sort(null);
                int rank = (int) Math.ceil(c.percentile() / 100.0 * nums.size());
                return nums.get(Math.max(0, Math.min(nums.size() - 1, rank - 1)));
            }
        }
    }

    private static Finding finding(CorrelationRule c, Hit h) {
        Occurrence last = h.base().get(h.base().size() - 1);
        Map<String, String> event = new LinkedHashMap<>(h.group());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("type", c.type().id());
        details.put("timespan", c.timespan().toString());
        details.put("group", h.group());
        details.put("value", h.value());
        List<Map<String, Object>> events = new ArrayList<>();
        Set<Indicator> indicators = new LinkedHashSet<>();
        for (Occurrence o : h.base()) {
            if (events.size() < 100) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("rule", o.rule());
                m.put("title", o.ruleTitle());
                m.put("time", o.time().toString());
                m.put("path", o.evidence().path());
                m.put("line", o.evidence().line());
                m.put("record", o.evidence().record());
                events.add(m);
            }
            if (indicators.size() < 50) indicators.addAll(o.indicators());
        }
        details.put("events", events);
        details.put("event_count", h.base().size());
        return Finding.of(h.time(), "correlation", c.ref(), last.host(), last.evidence(), event,
                new ArrayList<>(indicators), details);
    }
}
