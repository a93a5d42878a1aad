package dwell.pivot;

import dwell.evidence.EvidencePaths;
import dwell.hunt.EvidenceRef;
import dwell.hunt.Finding;
import dwell.hunt.HuntEngine;
import dwell.hunt.Indicator;
import dwell.hunt.Level;
import dwell.hunt.RuleRef;
import dwell.pivot.store.Postings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The retro-hunt: what the findings reveal is looked up in the first pass's index within the realm (DNS domain)
 * of the finding that revealed it, the events found become {@code pivot} findings carrying the whole event, and
 * what strong values reveal is hunted in turn, until a round adds nothing or the depth is reached. Weak values
 * (accounts, internal addresses, user agents) find leads but never feed the next round. Then all findings fall
 * into incidents.
 */
public final class Pivot {
    public static final String DETECTOR = "pivot";

    /** Reads the whole events of pivot hits back from the evidence: {@link #key} -> fields. */
    @FunctionalInterface
    public interface EventLookup {
        Map<String, Map<String, String>> fields(Set<String> keys);

        /**
         * Told, after each round, the keys of the events it added, which {@link #fields} will be asked for once the
         * rounds are over: a lookup may start reading them meanwhile ({@link RecallAhead}).
         */
        default void ahead(Set<String> keys) {
        }
    }

    /** A value to hunt within one realm. */
    private record Hunt(Value value, String realm, Strength strength) {
    }

    private static final Comparator<Hunt> HUNT_ORDER = Comparator.comparing(Hunt::strength).reversed()
            .thenComparing(Hunt::value).thenComparing(Hunt::realm);

    private final PivotFields fields;
    private final Exclusions exclusions;
    private final PivotConfig config;
    private final Causes causes;

    /** A pivot with its tables loaded (its incidents' causes, the values' weighing): see {@link #loadTables}. */
    public Pivot(PivotFields fields, Exclusions exclusions, PivotConfig config) {
        this.fields = fields;
        this.exclusions = exclusions;
        this.config = config;
        this.causes = Causes.builtin(fields);
    }

    /**
     * Loads the tables that weighing a value reads (address ranges, shared services, refused attempts), which would
     * otherwise load at the first value weighed: a scan makes its pivot while its hunt still reads and its main thread
     * waits, so that the pivot stage does not parse their YAML.
     */
    public static void loadTables() {
        AddressClass.values();
        Attempts.builtin();
        SharedServices.hosts("");
    }

    /**
     * Runs the rounds over the sealed index.
     *
     * @param findings the detectors' findings, their hosts resolved by {@code hosts}
     * @param shaOf    the SHA-256 of an evidence item by its path (known once the first pass is over)
     * @param census   what the first pass learned of principals and system files
     * @param hosts    the host identities learned from the evidence
     * @param lookup   where the whole events of pivot hits are read back from
     * @param keep     pivot findings below this level are not kept (nor listed as leads)
     */
    public PivotResult run(List<Finding> findings, PivotIndex index, Function<String, String> shaOf, Census census,
                           Hosts hosts, EventLookup lookup, Level keep) {
        Acceptance accept = new Acceptance(index, exclusions, config, census.principals(), census.systemHashes());
        if (index.fetches()) index.weighing(candidates(findings), "pivot seeds");
        // evidence positions already found, with the pivot finding there (null for a detector's)
        Map<String, Finding> covered = new HashMap<>();
        for (Finding f : findings) covered.put(key(f.evidence().path(), f.evidence().line(), f.evidence().record()), null);
        Set<Hunt> known = new java.util.HashSet<>();
        TreeMap<Hunt, Origin> frontier = new TreeMap<>(HUNT_ORDER);
        // the incidents join detectors' findings by these same values: worked out once
        Map<Finding, List<Map.Entry<String, Value>>> seedValues = new IdentityHashMap<>();
        Function<Finding, List<Map.Entry<String, Value>>> valuesOf = f -> seedValues.computeIfAbsent(f, x -> valuesOf(x, fields, accept));
        for (Finding f : findings) {
            if (!seeds(f)) continue;
            String realm = Hosts.realm(f.host(), f.evidence().path());
            for (Map.Entry<String, Value> fv : valuesOf.apply(f)) {
                Hunt h = new Hunt(fv.getValue(), realm, Strength.of(fv.getValue()));
                if (known.add(h)) frontier.put(h, new Origin(f, fv.getKey()));
            }
        }
        Map<String, Finding> added = new LinkedHashMap<>();
        List<Round> rounds = new ArrayList<>();
        for (int r = 1; r <= config.depth() && !frontier.isEmpty(); r++) {
            long t0 = System.nanoTime();
            TreeMap<Hunt, Origin> next = new TreeMap<>(HUNT_ORDER);
            int before = added.size();
            index.lookingUp(frontier.keySet().stream().map(Hunt::value).toList(), "pivot round " + r);
            for (Map.Entry<Hunt, Origin> hunt : frontier.entrySet()) {
                Hunt h = hunt.getKey();
                boolean strong = h.strength() == Strength.STRONG;
                boolean servedOnly = accept.followedOnlyWhereServed(h.value()) || accept.attemptEpisode(hunt.getValue().finding());
                Postings hits = index.postings(h.value());
                for (int e = hits.next(); e >= 0; e = hits.next()) {
                    if (servedOnly && index.carriesAny(e, accept.refused())) continue;
                    String host = hosts.hostOf(index.host(e), index.item(e));
                    if (!Hosts.realm(host, index.item(e)).equals(h.realm())) continue;
                    String k = key(index.item(e), index.line(e), index.record(e));
                    Finding there = covered.get(k);
                    // a strong value takes over an event a weak one found first; anything else found stays as it is
                    if (covered.containsKey(k) && (there == null || !strong || isStrong(there))) continue;
                    Finding pf = pivotFinding(index, e, host, h, hunt.getValue(), r, shaOf, accept);
                    covered.put(k, pf);
                    added.put(k, pf);
                    if (!strong) continue;
                    for (Map.Entry<String, Value> fv : eventValues(index, e, accept)) {
                        Hunt n = new Hunt(fv.getValue(), h.realm(), Strength.of(fv.getValue()));
                        if (known.add(n)) next.put(n, new Origin(pf, fv.getKey()));
                    }
                }
            }
            rounds.add(new Round(r, frontier.size(), added.size() - before, next.size(), System.nanoTime() - t0));
            lookup.ahead(roundKeys(added, before));
            frontier = next;
        }
        List<Finding> pivots = new ArrayList<>();
        Map<String, Map<String, String>> events = lookup.fields(added.keySet());
        added.forEach((k, pf) -> {
            if (pf.rule().level().compareTo(keep) < 0) return;
            Map<String, String> whole = events.get(k);
            pivots.add(whole == null ? pf : withHost(pf, pf.host(), whole));
        });
        pivots.sort(HuntEngine.ORDER);
        List<Finding> all = new ArrayList<>(findings);
        all.addAll(pivots);
        IncidentBuilder.Outcome grouped = new IncidentBuilder(fields, valuesOf, config, causes).build(all);
        return new PivotResult(all, pivots, rounds, grouped.incidents(), grouped.unattributed(), index.bytes(),
                index.size(), index.distinctValues());
    }

    /** The keys {@code added} took in after its first {@code before} (a key taken over keeps its place). */
    private static Set<String> roundKeys(Map<String, Finding> added, int before) {
        Set<String> keys = new java.util.HashSet<>();
        int n = 0;
        for (String k : added.keySet()) if (n++ >= before) keys.add(k);
        return keys;
    }

    static Finding withHost(Finding f, String host, Map<String, String> event) {
        return new Finding(f.id(), f.time(), f.detector(), f.rule(), host, f.evidence(), event, f.indicators(), f.details());
    }

    static boolean isStrong(Finding pivot) {
        return Strength.STRONG.id().equals(pivot.details().get("strength"));
    }

    /** An exposure finding states what a server lacks, not something that happened: it seeds, links and dates nothing. */
    static boolean isExposure(Finding f) {
        return f.detector().equals("exposure");
    }

    private boolean seeds(Finding f) {
        return !isExposure(f) && f.rule().level().compareTo(config.minLevel()) >= 0;
    }

    /** The accepted values of a detector's finding: its event's fields plus the indicators it declared. */
    static List<Map.Entry<String, Value>> valuesOf(Finding f, PivotFields fields, Acceptance accept) {
        boolean webShell = isWebShell(f);
        Map<String, String> ev = f.event() == null ? Map.of() : f.event();
        // the last method field's value; forEach, not entrySet: an EVTX event's table makes no entry object per field
        String[] method = new String[1];
        ev.forEach((name, value) -> {
            if (fields.kindOf(name) == Kind.METHOD) method[0] = value;
        });
        List<Map.Entry<String, Value>> out = new ArrayList<>();
        boolean post = "POST".equalsIgnoreCase(method[0]);
        ev.forEach((name, value) -> fields.extract(name, value, v -> {
            if (v.kind() == Kind.PATH && !webShell && !accept.rareScriptPost(v, post)) return;
            if (accept.test(v)) out.add(Map.entry(name, v));
        }));
        for (Indicator i : f.indicators() == null ? List.<Indicator>of() : f.indicators()) {
            Value v = fromIndicator(i);
            if (v == null) continue;
            // a file on disk (or an evidence path) pivots as the URL it is served under: the analyst's own path never does
            Value url = PivotFields.servedPath(v);
            if (url != null && webShell && accept.test(url)) out.add(Map.entry(i.type(), url));
            // an absolute evidence path: on this machine's disk, or (a scan on Spark) a Hadoop URI, which seeds alike
            boolean absolute = v.value().startsWith("/") || EvidencePaths.isUri(v.value());
            if (v.kind() == Kind.PATH && (!webShell || !absolute)) continue;
            if (accept.test(v)) out.add(Map.entry(i.type(), v));
        }
        return out;
    }

    /**
     * Every value {@link #valuesOf} may weigh for these findings (more, not fewer): to fetch their statistics at once.
     * Not the kinds it never weighs ({@link Kind#weighed}): a status's or method's statistics cost a pass over most of
     * an index kept elsewhere.
     */
    private Set<Value> candidates(List<Finding> findings) {
        Set<Value> out = new java.util.LinkedHashSet<>();
        Consumer<Value> weighed = v -> {
            if (v.kind().weighed()) out.add(v);
        };
        for (Finding f : findings) {
            if (f.event() != null) f.event().forEach((name, value) -> fields.extract(name, value, weighed));
            for (Indicator i : f.indicators() == null ? List.<Indicator>of() : f.indicators()) {
                Value v = fromIndicator(i);
                if (v == null) continue;
                weighed.accept(v);
                Value url = PivotFields.servedPath(v);
                if (url != null) weighed.accept(url);
            }
        }
        return out;
    }

    /** The accepted values of an indexed event; a path only when it is a rarely POSTed script page. */
    static List<Map.Entry<String, Value>> eventValues(PivotIndex index, int e, Acceptance accept) {
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
        if (k == Kind.ACCOUNT_ADDRESS) {
            Value[] parts = new Value(k, i.value()).parts();
            if (parts == null) return null;
            Value account = fromIndicator(new Indicator(Kind.ACCOUNT.id(), parts[0].value()));
            Value ip = fromIndicator(new Indicator(Kind.IP.id(), parts[1].value()));
            return account == null || ip == null ? null : new Value(k, account.value() + Kind.FROM + ip.value());
        }
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

    private Finding pivotFinding(PivotIndex index, int e, String host, Hunt h, Origin origin, int round,
                                 Function<String, String> shaOf, Acceptance accept) {
        Value v = h.value();
        String path = index.item(e);
        EvidenceRef ev = new EvidenceRef(path, shaOf.apply(path), index.format(e).id(), index.line(e), index.record(e));
        boolean strong = h.strength() == Strength.STRONG;
        RuleRef rule = new RuleRef("dwell-pivot-" + v.kind().id(), "Same " + v.kind().id() + " as an earlier finding",
                strong ? Level.MEDIUM : Level.LOW, List.of("dwell.pivot", "dwell.pivot." + v.kind().id()));
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
        details.put("strength", h.strength().id());
        details.put("field", field);
        details.put("origin", from.id());
        details.put("explanation", explanation);
        List<Indicator> indicators = new ArrayList<>();
        indicators.add(new Indicator(v.kind().id(), v.value()));
        if (strong) {
            for (Map.Entry<String, Value> fv : eventValues(index, e, accept)) {
                Indicator i = new Indicator(fv.getValue().kind().id(), fv.getValue().value());
                if (!indicators.contains(i)) indicators.add(i);
            }
        }
        return Finding.of(index.time(e), DETECTOR, rule, host, ev, index.fields(e), indicators, details);
    }

    public static String key(String path, long line, long record) {
        return path + '\0' + line + '\0' + record;
    }
}
