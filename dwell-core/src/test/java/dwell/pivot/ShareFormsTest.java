package dwell.pivot;

import static dwell.hunt.SharedHunts.travelled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
    void anIndexFeedReplaysEachItemsEventsWithTheirIndicatorFieldsTimesHostsAndPositions() throws Exception {
        IndexFeed feed = new IndexFeed(PivotFields.builtin());
        List<Event> fed = List.of(
                web("a.log", 1, "2021-03-03T10:00:00.123456789Z", "EXCH01", "10.0.0.1", "Mozilla/5.0"),
                web("a.log", 2, null, null, "10.0.0.2", "Mozilla/5.0"),
                web("b.log", 7, "1969-12-31T23:59:58.5Z", "EXCH02", "10.0.0.1", "curl \ud800 odd"),
                windows("c.json", 3, Map.of("EventID", "4688"), "DC01"));
        for (Event e : fed) feed.onEvent(e, f -> { });
        IndexFeed.Part part = travelled((IndexFeed.Part) feed.part());
        // the Windows event has no indicator field: counted, never stored
        assertEquals(1, part.bare());
        List<Event> replayed = new ArrayList<>();
        part.items().forEach(i -> i.replay(replayed::add));
        assertEquals(3, replayed.size());
        for (int i = 0; i < 3; i++) {
            Event a = fed.get(i);
            Event b = replayed.get(i);
            assertEquals(a.time(), b.time());
            assertEquals(a.host(), b.host());
            assertEquals(a.provenance(), b.provenance());
            assertEquals(a.format(), b.format());
            Map<String, String> kept = new LinkedHashMap<>(a.fields());
            kept.remove("x-no-role");
            assertEquals(kept, b.fields());
            assertEquals(a.get("c-ip"), b.get("c-ip"));
            assertNull(b.get("x-no-role"));
        }
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
