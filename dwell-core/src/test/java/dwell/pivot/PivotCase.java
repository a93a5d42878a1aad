package dwell.pivot;


import dwell.event.Event;
import dwell.event.LogSource;
import dwell.event.MapEvent;
import dwell.event.Provenance;
import dwell.format.json.JsonLog;
import dwell.format.w3c.IisW3cLog;
import dwell.hunt.EvidenceRef;
import dwell.hunt.Finding;
import dwell.hunt.Level;
import dwell.hunt.RuleRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;

/** A planted evidence set: web log events (one item per day) and Windows events, plus the findings detectors would give. */
final class PivotCase {
    static final String CHROME = "Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)+AppleWebKit/537.36+Chrome/89.0";
    static final String SERVER = "10.0.0.5";

    final List<Event> events = new ArrayList<>();
    final List<Finding> findings = new ArrayList<>();
    private final Map<String, Integer> lines = new LinkedHashMap<>();

    Event web(String time, String ip, String method, String path, String user, String ua) {
        return web("EXCH01", "W3SVC1", time, ip, method, path, user, ua);
    }

    /** The same, answered with {@code status}. */
    Event web(String time, String ip, String method, String path, String user, String ua, int status) {
        return web("EXCH01", "W3SVC1", time, ip, method, path, user, ua, status);
    }

    /** An IIS log line of {@code host}, in the daily file of folder {@code site}. */
    Event web(String host, String site, String time, String ip, String method, String path, String user, String ua) {
        return web(host, site, time, ip, method, path, user, ua, 200);
    }

    /** The same, answered with {@code status}. */
    Event web(String host, String site, String time, String ip, String method, String path, String user, String ua, int status) {
        Instant t = Instant.parse(time);
        String item = site + "/u_ex" + time.substring(2, 4) + time.substring(5, 7) + time.substring(8, 10) + ".log";
        int line = lines.merge(item, 1, Integer::sum);
        Map<String, String> f = new LinkedHashMap<>();
        f.put("date", time.substring(0, 10));
        f.put("s-ip", SERVER);
        f.put("cs-method", method);
        f.put("cs-uri-stem", path);
        f.put("cs-username", user);
        f.put("c-ip", ip);
        f.put("cs(User-Agent)", ua);
        f.put("sc-status", Integer.toString(status));
        Event e = new MapEvent(t, IisW3cLog.ID, LogSource.webserver(), f, String.join(" ", f.values()),
                Provenance.line(item, line), host);
        events.add(e);
        return e;
    }

    /** A Windows event (as a JSON export gives it) of a host, in the item {@code item}. */
    Event windows(String time, String host, String item, Map<String, String> data) {
        int line = lines.merge(item, 1, Integer::sum);
        Map<String, String> f = new LinkedHashMap<>(data);
        Event e = new MapEvent(Instant.parse(time), JsonLog.ID, LogSource.NONE, f, String.join(" ", f.values()),
                Provenance.line(item, line), host);
        events.add(e);
        return e;
    }

    Finding finding(Event e, String title, String... tags) {
        return finding(e, Level.HIGH, title, tags);
    }

    Finding finding(Event e, Level level, String title, String... tags) {
        Finding f = Finding.of(e.time(), "sigma", new RuleRef("r-" + title.hashCode(), title, level, List.of(tags)),
                e.host(), new EvidenceRef(e.provenance().item(), "sha", e.format().id(), e.provenance().line(), 0),
                e.fields(), List.of(), Map.of());
        findings.add(f);
        return f;
    }

    /** Background: many users behind one busy proxy, all with the same browser. */
    void background(Random rnd, int n) {
        for (int i = 0; i < n; i++) {
            int day = 1 + rnd.nextInt(28);
            String ip = i % 3 == 0 ? "192.0.2.10" : "10.1." + rnd.nextInt(4) + "." + rnd.nextInt(250);
            web(String.format("2020-%02d-%02dT%02d:00:00Z", 1 + rnd.nextInt(12), day, rnd.nextInt(24)), ip, "POST",
                    "/owa/auth.owa", "contoso\\user" + rnd.nextInt(40), CHROME);
        }
    }

    PivotResult run(int threads, PivotConfig config) throws InterruptedException {
        return run(threads, config, PivotFields.builtin());
    }

    /**
     * The same run with the index kept as a distributed engine keeps it ({@link LocalJoin}) and joined round by round
     * ({@link JoinedIndex}); {@code joins} collects the joins it asked for.
     */
    PivotResult runJoined(PivotConfig config, List<String> joins) throws Exception {
        return runJoined(config, joins, new ArrayList<>());
    }

    /** The same, {@code weighed} collecting every value whose statistics it asked of the index. */
    PivotResult runJoined(PivotConfig config, List<String> joins, List<Value> weighed) throws Exception {
        PivotFields fields = PivotFields.builtin();
        IndexFeed feed = new IndexFeed(fields, Long.MAX_VALUE);
        Census census = new Census(fields, Exclusions.builtin());
        FirstPass.feed(events, 1, List.of(feed, census));
        LocalJoin join = new LocalJoin(feed);
        List<String> items = events.stream().map(e -> e.provenance().item()).distinct().toList();
        Hosts hosts = Hosts.learn(census, items);
        PivotResult r = new Pivot(fields, Exclusions.builtin(), config).run(hosts.resolve(findings), new JoinedIndex(join),
                p -> "sha-" + p, census, hosts, FirstPass.lookup(events), Level.INFORMATIONAL);
        joins.addAll(join.joins);
        weighed.addAll(join.weighed);
        return r;
    }

    PivotResult run(int threads, PivotConfig config, PivotFields fields) throws InterruptedException {
        return run(threads, config, fields, UnaryOperator.identity());
    }

    /** The same run, its hit events read back through {@code lookup} wrapped as {@code wrap} makes it. */
    PivotResult run(int threads, PivotConfig config, PivotFields fields, UnaryOperator<Pivot.EventLookup> wrap)
            throws InterruptedException {
        EventIndex index = new EventIndex(fields);
        Census census = new Census(fields, Exclusions.builtin());
        FirstPass.feed(events, threads, List.of(index, census));
        Pivot.EventLookup lookup = wrap.apply(FirstPass.lookup(events));
        List<String> items = events.stream().map(e -> e.provenance().item()).distinct().toList();
        Hosts hosts = Hosts.learn(census, items);
        return new Pivot(fields, Exclusions.builtin(), config).run(hosts.resolve(findings), index.seal(), p -> "sha-" + p,
                census, hosts, lookup, Level.INFORMATIONAL);
    }
}
