package dwell.pivot;

import dwell.hunt.EvidenceRef;
import dwell.hunt.Finding;
import dwell.hunt.Indicator;
import dwell.hunt.Level;
import dwell.hunt.RuleRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The retro-hunt: what the findings reveal is looked up in the first pass's index, the events found become
 * {@code pivot} findings, and what they reveal is hunted in turn, until a round adds nothing or the depth is
 * reached. Then all findings fall into incidents.
 */
public final class Pivot {
    public static final String DETECTOR = "pivot";

    private final PivotFields fields;
    private final Exclusions exclusions;
    private final PivotConfig config;

    public Pivot(PivotFields fields, Exclusions exclusions, PivotConfig config) {
        this.fields = fields;
        this.exclusions = exclusions;
        this.config = config;
    }

    /**
     * Runs the rounds over the sealed index.
     *
     * @param findings the detectors' findings, sorted as they will be written
     * @param shaOf    the SHA-256 of an evidence item by its path (known once the first pass is over)
     */
    public PivotResult run(List<Finding> findings, SealedIndex index, Function<String, String> shaOf) {
        Acceptance accept = new Acceptance(index, exclusions, config);
        Set<String> covered = new HashSet<>();
        for (Finding f : findings) covered.add(key(f.evidence().path(), f.evidence().line(), f.evidence().record()));
        Map<Value, Origin> known = new HashMap<>();
        TreeMap<Value, Origin> frontier = new TreeMap<>();
        for (Finding f : findings) {
            if (!seeds(f)) continue;
            for (Map.Entry<String, Value> fv : valuesOf(f, fields, accept)) {
                if (!known.containsKey(fv.getValue())) {
                    Origin o = new Origin(f, fv.getKey());
                    known.put(fv.getValue(), o);
                    frontier.put(fv.getValue(), o);
                }
            }
        }
        List<Finding> added = new ArrayList<>();
        List<Round> rounds = new ArrayList<>();
        for (int r = 1; r <= config.depth() && !frontier.isEmpty(); r++) {
            long t0 = System.nanoTime();
            TreeMap<Value, Origin> next = new TreeMap<>();
            int before = added.size();
            for (Map.Entry<Value, Origin> hunt : frontier.entrySet()) {
                for (int e : index.postings(hunt.getKey())) {
                    if (!covered.add(key(index.item(e), index.line(e), index.record(e)))) continue;
                    Finding pf = pivotFinding(index, e, hunt.getKey(), hunt.getValue(), r, shaOf, accept);
                    added.add(pf);
                    // a weak link (a user agent) finds the actor's requests but does not vouch for what else they carry
                    if (!hunt.getKey().kind().strong()) continue;
                    for (Map.Entry<String, Value> fv : eventValues(index, e, accept)) {
                        if (!known.containsKey(fv.getValue())) {
                            Origin o = new Origin(pf, fv.getKey());
                            known.put(fv.getValue(), o);
                            next.put(fv.getValue(), o);
                        }
                    }
                }
            }
            rounds.add(new Round(r, frontier.size(), added.size() - before, next.size(), System.nanoTime() - t0));
            frontier = next;
        }
        List<Finding> all = new ArrayList<>(findings);
        all.addAll(added);
        List<Incident> incidents = new IncidentBuilder(fields, accept, config).build(all);
        return new PivotResult(added, rounds, incidents, index.bytes(), index.size(), index.distinctValues());
    }

    private boolean seeds(Finding f) {
        return !f.detector().equals("exposure") && f.rule().level().compareTo(config.minLevel()) >= 0;
    }

    /** The accepted values of a detector's finding: its event's fields plus the indicators it declared. */
    static List<Map.Entry<String, Value>> valuesOf(Finding f, PivotFields fields, Acceptance accept) {
        boolean webShell = isWebShell(f);
        Map<String, String> ev = f.event() == null ? Map.of() : f.event();
        String method = null;
        for (Map.Entry<String, String> e : ev.entrySet()) {
            if (fields.kindOf(e.getKey()) == Kind.METHOD) method = e.getValue();
        }
        List<Map.Entry<String, Value>> out = new ArrayList<>();
        boolean post = "POST".equalsIgnoreCase(method);
        for (Map.Entry<String, String> e : ev.entrySet()) {
            fields.extract(e.getKey(), e.getValue(), v -> {
                if (v.kind() == Kind.PATH && !webShell && !accept.rareScriptPost(v, post)) return;
                if (accept.test(v)) out.add(Map.entry(e.getKey(), v));
            });
        }
        for (Indicator i : f.indicators() == null ? List.<Indicator>of() : f.indicators()) {
            Value v = fromIndicator(i);
            if (v == null) continue;
            Value url = PivotFields.servedPath(v);
            if (url != null && webShell && accept.test(url)) out.add(Map.entry(i.type(), url));
            if ((v.kind() != Kind.PATH || webShell) && accept.test(v)) out.add(Map.entry(i.type(), v));
        }
        return out;
    }

    /** The accepted values of an indexed event; a path only when it is a rarely POSTed script page. */
    static List<Map.Entry<String, Value>> eventValues(SealedIndex index, int e, Acceptance accept) {
        boolean post = false;
        for (Map.Entry<String, Value> fv : index.values(e)) {
            if (fv.getValue().kind() == Kind.METHOD && fv.getValue().value().equals("POST")) post = true;
        }
        List<Map.Entry<String, Value>> out = new ArrayList<>();
        for (Map.Entry<String, Value> fv : index.values(e)) {
            Value v = fv.getValue();
            if (v.kind() == Kind.PATH && !accept.rareScriptPost(v, post)) continue;
            if (accept.test(v)) out.add(fv);
        }
        return out;
    }

    private static Value fromIndicator(Indicator i) {
        Kind k = Kind.byId(i.type().toLowerCase(Locale.ROOT));
        if (k == null || i.value() == null) return null;
        if (k == Kind.IP) {
            String ip = PivotFields.normaliseIp(i.value());
            return ip == null ? null : new Value(k, ip);
        }
        if (k == Kind.USER_AGENT) return new Value(k, i.value());
        if (k == Kind.ACCOUNT && !PivotFields.looksLikeAccount(i.value())) return null;
        return new Value(k, i.value().toLowerCase(Locale.ROOT).replace('\\', k == Kind.PATH ? '/' : '\\'));
    }

    static boolean isWebShell(Finding f) {
        for (String t : f.rule().tags()) {
            if (t.equalsIgnoreCase("attack.t1505.003")) return true;
        }
        String title = f.rule().title() == null ? "" : f.rule().title().toLowerCase(Locale.ROOT);
        return title.contains("web shell") || title.contains("webshell");
    }

    private Finding pivotFinding(SealedIndex index, int e, Value v, Origin origin, int round,
                                 Function<String, String> shaOf, Acceptance accept) {
        String path = index.item(e);
        EvidenceRef ev = new EvidenceRef(path, shaOf.apply(path), index.format(e).id(), index.line(e), index.record(e));
        Level level = v.kind().strong() ? Level.MEDIUM : Level.LOW;
        RuleRef rule = new RuleRef("dwell-pivot-" + v.kind().id(), "Same " + v.kind().id() + " as an earlier finding",
                level, List.of("dwell.pivot", "dwell.pivot." + v.kind().id()));
        String field = index.values(e).stream().filter(fv -> fv.getValue().equals(v)).map(Map.Entry::getKey)
                .findFirst().orElse(v.kind().id());
        Finding from = origin.finding();
        String explanation = "same " + field + " " + v.value() + " as finding " + from.id() + ": " + from.rule().title()
                + (from.time() == null ? "" : " on " + from.time());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("round", round);
        Map<String, String> indicator = new LinkedHashMap<>();  // ordered: output must not vary between runs
        indicator.put("type", v.kind().id());
        indicator.put("value", v.value());
        details.put("indicator", indicator);
        details.put("field", field);
        details.put("origin", from.id());
        details.put("explanation", explanation);
        List<Indicator> indicators = new ArrayList<>();
        indicators.add(new Indicator(v.kind().id(), v.value()));
        if (v.kind().strong()) {
            for (Map.Entry<String, Value> fv : eventValues(index, e, accept)) {
                Indicator i = new Indicator(fv.getValue().kind().id(), fv.getValue().value());
                if (!indicators.contains(i)) indicators.add(i);
            }
        }
        return Finding.of(index.time(e), DETECTOR, rule, index.host(e), ev, index.fields(e), indicators, details);
    }

    static String key(String path, long line, long record) {
        return path + '\0' + line + '\0' + record;
    }
}
