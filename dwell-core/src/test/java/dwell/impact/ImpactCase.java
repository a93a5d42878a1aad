package dwell.impact;


import dwell.event.Event;
import dwell.event.LogSource;
import dwell.event.MapEvent;
import dwell.event.Provenance;
import dwell.format.exchange.EcpLog;
import dwell.format.exchange.HttpProxyLog;
import dwell.format.json.JsonLog;
import dwell.format.w3c.IisW3cLog;
import dwell.hunt.EvidenceRef;
import dwell.hunt.Finding;
import dwell.hunt.Level;
import dwell.hunt.RuleRef;
import dwell.pivot.Census;
import dwell.pivot.EventIndex;
import dwell.pivot.Exclusions;
import dwell.pivot.FirstPass;
import dwell.pivot.Hosts;
import dwell.pivot.Pivot;
import dwell.pivot.PivotConfig;
import dwell.pivot.PivotFields;
import dwell.pivot.PivotIndex;
import dwell.pivot.PivotResult;
import dwell.pivot.SealedIndex;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Planted Exchange events (HttpProxy, ECP, IIS, Windows) with the detections that start an incident, run through pivot and impact. */
final class ImpactCase {
    final List<Event> events = new ArrayList<>();
    final List<Finding> findings = new ArrayList<>();
    private final Map<String, Integer> lines = new LinkedHashMap<>();

    /** An HttpProxy row of {@code protocol} on {@code host}. */
    Event proxy(String host, String time, String protocol, String user, String anchor, String ip, int status, long bytes) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("DateTime", time);
        f.put("Protocol", protocol);
        f.put("UrlStem", switch (protocol) {
            case "Ews" -> "/EWS/Exchange.asmx";
            case "Mapi" -> "/mapi/emsmdb/";
            case "Oab" -> "/OAB/3f1c0a2e-0000-4000-8000-000000000001/oab.xml";
            case "Eas" -> "/Microsoft-Server-ActiveSync/default.eas";
            default -> "/owa/service.svc";
        });
        f.put("AuthenticatedUser", user);
        f.put("AnchorMailbox", anchor);
        f.put("UserAgent", "Client/1.0");
        f.put("ClientIpAddress", ip);
        f.put("ServerHostName", host);
        f.put("HttpStatus", String.valueOf(status));
        f.put("Method", "POST");
        f.put("ResponseBytes", String.valueOf(bytes));
        return add(time, HttpProxyLog.ID, f, host, "HttpProxy/" + protocol + "/" + host + "-" + time.substring(0, 10) + ".LOG");
    }

    /** An ECP server log row running {@code cmd} as {@code user} from {@code ip}. */
    Event ecp(String host, String time, String user, String ip, String cmd) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("TimeStamp", time);
        f.put("ServerName", host);
        f.put("USR", user);
        f.put("IP", ip);
        f.put("CMD", cmd);
        return add(time, EcpLog.ID, f, host, "ECP/" + host + "-" + time.substring(0, 10) + ".LOG");
    }

    /** An IIS request. */
    Event web(String host, String time, String ip, String method, String path, int status) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("s-ip", "10.0.0.21");
        f.put("cs-method", method);
        f.put("cs-uri-stem", path);
        f.put("c-ip", ip);
        f.put("sc-status", String.valueOf(status));
        return add(time, IisW3cLog.ID, f, host, "W3SVC1/" + host + "-u_ex" + time.substring(2, 10).replace("-", "") + ".log");
    }

    /** A Windows event (a JSON export). */
    Event windows(String host, String time, Map<String, String> data) {
        return add(time, JsonLog.ID, new LinkedHashMap<>(data), host, "events/" + host + ".json");
    }

    private Event add(String time, dwell.event.FormatId format, Map<String, String> f, String host, String item) {
        int line = lines.merge(item, 1, Integer::sum);
        Event e = new MapEvent(Instant.parse(time), format, LogSource.NONE, f, String.join(" ", f.values()),
                Provenance.line(item, line), host);
        events.add(e);
        return e;
    }

    Finding finding(Event e, String title, String... tags) {
        Finding f = Finding.of(e.time(), "sigma", new RuleRef("r-" + title.hashCode(), title, Level.HIGH, List.of(tags), Map.of()),
                e.host(), new EvidenceRef(e.provenance().item(), "sha", e.format().id(), e.provenance().line(), 0),
                e.fields(), List.of(), Map.of());
        findings.add(f);
        return f;
    }

    /** Feeds the events to the first-pass detectors on {@code threads} threads in a shuffled order, then pivots and weighs the impact. */
    ImpactAnalysis.Outcome run(int threads) throws InterruptedException {
        return run(threads, UnaryOperator.identity());
    }

    /** The same, the pivot and the impact asking the index through {@code asked} (to watch what they ask). */
    ImpactAnalysis.Outcome run(int threads, UnaryOperator<PivotIndex> asked) throws InterruptedException {
        PivotFields fields = PivotFields.builtin();
        EventIndex index = new EventIndex(fields);
        Census census = new Census(fields, Exclusions.builtin());
        SidNames sids = new SidNames(ImpactRules.builtin());
        FirstPass.feed(events, threads, List.of(index, census, sids));
        Pivot.EventLookup lookup = FirstPass.lookup(events);
        Hosts hosts = Hosts.learn(census, events.stream().map(e -> e.provenance().item()).distinct().toList());
        try (SealedIndex sealed = index.seal()) {
            PivotIndex in = asked.apply(sealed);
            PivotResult p = new Pivot(fields, Exclusions.builtin(), PivotConfig.DEFAULT).run(hosts.resolve(findings), in,
                    x -> "sha-" + x, census, hosts, lookup, Level.INFORMATIONAL);
            return new ImpactAnalysis(ImpactRules.builtin(), fields).run(p, in, hosts, lookup, x -> "sha-" + x, sids,
                    Exclusions.builtin(), census.principals(), Level.INFORMATIONAL);
        }
    }
}
