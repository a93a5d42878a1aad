package dwell.pivot;

import static dwell.hunt.SharedHunts.travelled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.event.Event;
import dwell.event.LogSource;
import dwell.event.MapEvent;
import dwell.event.Provenance;
import dwell.format.json.JsonLog;
import dwell.format.w3c.IisW3cLog;
import dwell.impact.ImpactRules;
import dwell.impact.SidNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The share forms of the pivot's first-pass detectors: what a share hands over, merged, is what one process learns. */
class ShareFormsTest {
    private static Event web(String item, long line, String time, String host, String ip, String ua) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("x-no-role", "GET");
        f.put("c-ip", ip);
        f.put("cs(User-Agent)", ua);
        return new MapEvent(time == null ? null : Instant.parse(time), IisW3cLog.ID, LogSource.webserver(), f, "", Provenance.line(item, line), host);
    }

    private static Event windows(String item, long line, Map<String, String> data, String host) {
        return new MapEvent(Instant.parse("2021-03-03T10:00:00Z"), JsonLog.ID, LogSource.NONE, new LinkedHashMap<>(data), "",
                Provenance.line(item, line), host);
    }

    @Test
    void anIndexFeedBuildsEachItemsIndexWithItsEventsValuesTimesHostsFormatsAndPositions() throws Exception {
        PivotFields fields = PivotFields.builtin();
        IndexFeed feed = new IndexFeed(fields, Long.MAX_VALUE);
        List<Event> fed = List.of(
                web("a.log", 1, "2021-03-03T10:00:00.123456789Z", "EXCH01", "10.0.0.1", "Mozilla/5.0"),
                web("a.log", 2, null, null, "10.0.0.2", "Mozilla/5.0"),
                web("b.log", 7, "1969-12-31T23:59:58.5Z", "EXCH02", "10.0.0.1", "curl \ud800 odd"),
                windows("c.json", 3, Map.of("EventID", "4688"), "DC01"),
                windows("c.json", 4, Map.of("SubjectUserName", "k.weber", "IpAddress", "-"), "DC01"),
                windows("c.json", 5, Map.of("SubjectUserName", "j.doe", "IpAddress", "192.0.2.7"), null));
        for (Event e : fed) feed.onEvent(e, f -> { });
        IndexFeed.Part part = travelled((IndexFeed.Part) feed.part());
        // the first Windows event has no indicator field: counted, never stored
        assertEquals(1, part.bare());
        assertEquals(List.of("a.log", "b.log", "c.json"), part.items().stream().map(ItemIndex::item).toList());
        assertEquals(List.of(2, 1, 2), part.items().stream().map(ItemIndex::recorded).toList());
        List<List<Object>> taken = new ArrayList<>();
        for (ItemIndex i : part.items()) {
            i.forEachEvent((time, host, format, line, record, names, values) ->
                    taken.add(List.of(String.valueOf(time), String.valueOf(host), format, line, record, List.copyOf(names), List.copyOf(values))));
        }
        List<List<Object>> expected = new ArrayList<>();
        for (Event e : fed) {
            List<String> names = new ArrayList<>();
            List<Value> values = new ArrayList<>();
            e.forEachField((n, raw) -> fields.extract(n, raw, v -> {
                names.add(n);
                values.add(v);
            }));
            if (values.isEmpty()) continue;
            expected.add(List.of(String.valueOf(e.time()), String.valueOf(e.host()), e.format().id(), e.provenance().line(),
                    e.provenance().record(), names, values));
        }
        assertTrue(expected.size() >= 4, expected.toString());
        assertEquals(expected, taken);
    }

    @Test
    void anItemWhoseEventsComeInTwoRunsIsIndexedAsIfTheyCameInOne() throws Exception {
        List<Event> a = new ArrayList<>();
        for (int i = 1; i <= 40; i++) a.add(web("a.log", i, "2021-03-03T10:00:" + String.format("%02d", i % 60) + "Z", "EXCH01", "10.0.0." + i % 7, "agent " + i % 3));
        Event b = web("b.log", 1, "2021-03-03T11:00:00Z", "EXCH02", "10.0.0.9", "curl");
        IndexFeed once = new IndexFeed(PivotFields.builtin(), Long.MAX_VALUE);
        IndexFeed twice = new IndexFeed(PivotFields.builtin(), Long.MAX_VALUE);
        for (Event e : a) once.onEvent(e, f -> { });
        once.onEvent(b, f -> { });
        for (Event e : a.subList(0, 25)) twice.onEvent(e, f -> { });
        twice.onEvent(b, f -> { });
        for (Event e : a.subList(25, 40)) twice.onEvent(e, f -> { });
        List<Value> all = new ArrayList<>();
        IndexFeed.Part p = (IndexFeed.Part) once.part();
        IndexFeed.Part q = (IndexFeed.Part) twice.part();
        p.items().forEach(i -> all.addAll(i.values()));
        ValueQuery every = new ValueQuery(new java.util.LinkedHashSet<>(all));
        assertEquals(p.items().stream().map(i -> i.hits(every)).toList(), q.items().stream().map(i -> i.hits(every)).toList());
        assertEquals(40, q.items().get(0).events());
    }

    @Test
    void aSharesIndexStopsGrowingAtItsMemoryBudgetAndCountsWhatItLeftOut() throws Exception {
        IndexFeed feed = new IndexFeed(PivotFields.builtin(), 4096);
        int n = 2000;
        for (int i = 0; i < n; i++) {
            feed.onEvent(web("a.log", i + 1, "2021-03-03T10:00:00Z", "EXCH01", "10.0." + i / 250 + "." + i % 250, "agent " + i), f -> { });
        }
        IndexFeed.Part part = travelled((IndexFeed.Part) feed.part());
        assertTrue(part.limit().startsWith("a share's index reached its memory budget of 4.0 KiB"), part.limit());
        ItemIndex a = part.items().get(0);
        assertTrue(a.events() > 0 && a.events() < n, a.events() + " events held");
        assertEquals(n, a.recorded() + part.unindexed());
        assertEquals(part.unindexed(), part.bare());
    }

    @Test
    void censusPartsMergedAreTheCensusOfAllTheEvidence() throws Exception {
        Exclusions x = Exclusions.builtin();
        Census whole = new Census(PivotFields.builtin(), x);
        Census one = new Census(PivotFields.builtin(), x);
        Census two = new Census(PivotFields.builtin(), x);
        Event a = web("a.log", 1, "2021-03-03T10:00:00Z", "EXCH01", "10.0.0.1", "Mozilla/5.0");
        Event b = windows("c.json", 1, Map.of("host.hostname", "exch01", "host.name", "exch01.corp.local"), "exch01");
        Event c = windows("d.json", 1, Map.of("SubjectUserName", "SYSTEM", "SubjectUserSid", "S-1-5-18"), "DC01");
        for (Event e : List.of(a, b, c)) whole.onEvent(e, f -> { });
        one.onEvent(a, f -> { });
        two.onEvent(b, f -> { });
        two.onEvent(c, f -> { });
        Census merged = new Census(PivotFields.builtin(), x);
        merged.merge(travelled(one.part()));
        merged.merge(travelled(two.part()));
        assertEquals(whole.hostsByItem(), merged.hostsByItem());
        assertEquals(whole.aliases(), merged.aliases());
        assertEquals(whole.principals(), merged.principals());
        assertEquals(whole.systemHashes(), merged.systemHashes());
        assertEquals(List.of(List.of("exch01", "exch01.corp.local")), merged.aliases());
    }

    @Test
    void sidNamesMergedKeepTheLeastNamePerSidAsOneProcessDoes() throws Exception {
        String sid = "S-1-5-21-1-2-3-1104";
        Event zed = windows("a.json", 1, Map.of("TargetUserName", "zed", "TargetUserSid", sid, "TargetDomainName", "CORP"), "DC01");
        Event amy = windows("b.json", 1, Map.of("TargetUserName", "amy", "TargetUserSid", sid, "TargetDomainName", "CORP"), "DC01");
        SidNames whole = new SidNames(ImpactRules.builtin());
        whole.onEvent(zed, f -> { });
        whole.onEvent(amy, f -> { });
        SidNames one = new SidNames(ImpactRules.builtin());
        one.onEvent(zed, f -> { });
        SidNames two = new SidNames(ImpactRules.builtin());
        two.onEvent(amy, f -> { });
        SidNames merged = new SidNames(ImpactRules.builtin());
        merged.merge(travelled(one.part()));
        merged.merge(travelled(two.part()));
        assertEquals(whole.nameOf(sid), merged.nameOf(sid));
        assertEquals("CORP\\amy", merged.nameOf(sid.toLowerCase()));
    }
}
