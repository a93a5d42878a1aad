package dwell.format.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.event.Event;
import dwell.event.FieldAliases;
import dwell.event.LogSource;
import dwell.format.Collected;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLogTest {
    static final String FLAT = "{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"Computer\":\"EXCH01.contoso.com\","
            + "\"TimeCreated\":\"2021-03-03T07:35:02.511Z\",\"Image\":\"C:\\\\Windows\\\\System32\\\\cmd.exe\","
            + "\"ParentImage\":\"c:\\\\windows\\\\system32\\\\inetsrv\\\\w3wp.exe\",\"CommandLine\":\"cmd /c whoami\"}";
    static final String WINLOGBEAT = "{\"@timestamp\":\"2021-03-03T07:36:00.000Z\",\"host\":{\"name\":\"exch01\"},"
            + "\"winlog\":{\"channel\":\"Security\",\"event_id\":4688,\"computer_name\":\"EXCH01.contoso.com\","
            + "\"provider_name\":\"Microsoft-Windows-Security-Auditing\",\"event_data\":{\"NewProcessName\":\"C:\\\\Windows\\\\System32\\\\net.exe\","
            + "\"CommandLine\":\"net group \\\"Domain Admins\\\" /domain\",\"Image\":\"from-event-data\"}},"
            + "\"message\":\"A new process has been created.\",\"tags\":[\"beats\",\"exchange\"]}";
    static final String EVTX_DUMP = "{\"Event\":{\"#attributes\":{\"xmlns\":\"http://schemas.microsoft.com/win/2004/08/events/event\"},"
            + "\"System\":{\"Provider\":{\"#attributes\":{\"Name\":\"MSExchange CmdletLogs\"}},\"EventID\":{\"#attributes\":{\"Qualifiers\":49152},\"#text\":1},"
            + "\"TimeCreated\":{\"#attributes\":{\"SystemTime\":\"2021-03-03T07:40:00.123456Z\"}},\"EventRecordID\":77,"
            + "\"Channel\":\"MSExchange Management\",\"Computer\":\"EXCH01.contoso.com\"},"
            + "\"EventData\":{\"Data\":[\"Set-OabVirtualDirectory\",\"-ExternalUrl 'http://x/#<script>'\"]}}}";

    private static Collected read(String text) throws IOException {
        return Collected.read(new JsonLog(), "export/events.jsonl", text);
    }

    @Test
    void flatLinesKeepTheirNames() throws IOException {
        Collected c = read(FLAT + "\n");
        Event e = c.event(0);
        assertEquals("1", e.get("EventID"));
        assertEquals("C:\\Windows\\System32\\cmd.exe", e.get("Image"));
        assertEquals(Instant.parse("2021-03-03T07:35:02.511Z"), e.time());
        assertEquals(new LogSource("windows", null, "sysmon"), e.logSource());
        assertEquals("EXCH01.contoso.com", e.host());
        assertEquals(JsonLog.ID, e.format());
        assertEquals(FLAT, e.raw());
        assertEquals(1, e.provenance().line());
    }

    @Test
    void winlogbeatEventsAreFlattenedAndAnswerToFlatNames() throws IOException {
        Event e = read(WINLOGBEAT + "\n").event(0);
        assertEquals("4688", e.get("winlog.event_id"));
        assertEquals("4688", e.get("EventID"));
        assertEquals("Security", e.get("Channel"));
        assertEquals("EXCH01.contoso.com", e.get("Computer"));
        assertEquals("EXCH01.contoso.com", e.host());
        assertEquals("Microsoft-Windows-Security-Auditing", e.get("Provider_Name"));
        assertEquals("C:\\Windows\\System32\\net.exe", e.get("NewProcessName"));
        assertEquals("net group \"Domain Admins\" /domain", e.get("CommandLine"));
        assertEquals("from-event-data", e.get("Image"));
        assertEquals("A new process has been created.", e.get("Message"));
        assertEquals("exch01", e.get("host.name"));
        assertEquals("exchange", e.get("tags.1"));
        assertEquals(new LogSource("windows", null, "security"), e.logSource());
        assertEquals(Instant.parse("2021-03-03T07:36:00Z"), e.time());
        assertNull(e.fields().get("Image"), "aliases are not listed as fields");
    }

    @Test
    void evtxDumpShapeAnswersToSystemNames() throws IOException {
        Event e = read(EVTX_DUMP).event(0);
        assertEquals("1", e.get("EventID"));
        assertEquals("MSExchange Management", e.get("Channel"));
        assertEquals("MSExchange CmdletLogs", e.get("Provider_Name"));
        assertEquals("77", e.get("EventRecordID"));
        assertEquals("-ExternalUrl 'http://x/#<script>'", e.get("Data.1"));
        assertEquals(Instant.parse("2021-03-03T07:40:00.123456Z"), e.time());
        assertEquals(new LogSource("windows", null, "msexchange-management"), e.logSource());
    }

    @Test
    void powerShellConvertToJsonArrayIsReadPerElement() throws IOException {
        String ps = "\ufeff[\r\n    {\r\n        \"Id\":  4104,\r\n        \"ProviderName\":  \"Microsoft-Windows-PowerShell\",\r\n"
                + "        \"LogName\":  \"Microsoft-Windows-PowerShell/Operational\",\r\n        \"MachineName\":  \"EXCH01.contoso.com\",\r\n"
                + "        \"TimeCreated\":  \"\\/Date(1614757215123)\\/\",\r\n        \"Message\":  \"Creating Scriptblock text (1 of 1):\\r\\nIEX (New-Object Net.WebClient)\",\r\n"
                + "        \"Properties\":  [ { \"Value\": 1 }, { \"Value\": \"IEX\" } ]\r\n    },\r\n"
                + "    {\r\n        \"Id\":  4103,\r\n        \"LogName\":  \"Microsoft-Windows-PowerShell/Operational\",\r\n"
                + "        \"TimeCreated\":  \"2021-03-03T08:40:15.5+01:00\"\r\n    }\r\n]\r\n";
        Collected c = read(ps);
        assertEquals(List.of(), c.unreadable);
        assertEquals(2, c.events.size());
        Event e = c.event(0);
        assertEquals("4104", e.get("EventID"));
        assertEquals("Microsoft-Windows-PowerShell", e.get("Provider_Name"));
        assertEquals("EXCH01.contoso.com", e.get("Computer"));
        assertEquals(Instant.ofEpochMilli(1614757215123L), e.time());
        assertEquals("IEX", e.get("Properties.1.Value"));
        assertEquals(new LogSource("windows", null, "powershell"), e.logSource());
        assertEquals(2, e.provenance().line());
        assertEquals(Instant.parse("2021-03-03T07:40:15.5Z"), c.event(1).time());
        assertEquals(11, c.event(1).provenance().line());
    }

    @Test
    void dwellEvtxDumpLinesAnswerToFlatNames() throws IOException {
        Event e = read("{\"file\":\"Security.evtx\",\"record_id\":5,\"timestamp\":\"2021-03-03T07:00:00Z\",\"event_id\":4624,"
                + "\"channel\":\"Security\",\"provider\":\"Microsoft-Windows-Security-Auditing\",\"computer\":\"EXCH01\","
                + "\"fields\":{\"LogonType\":\"3\",\"IpAddress\":\"203.0.113.7\"}}").event(0);
        assertEquals("4624", e.get("EventID"));
        assertEquals("3", e.get("LogonType"));
        assertEquals("EXCH01", e.host());
        assertEquals(Instant.parse("2021-03-03T07:00:00Z"), e.time());
    }

    @Test
    void aMalformedObjectCostsOnlyItself() throws IOException {
        Collected c = read(FLAT + "\n{\"EventID\": 4688, \"Channel\": }\n" + "garbage line\n" + WINLOGBEAT + "\n");
        assertEquals(2, c.events.size());
        assertEquals(List.of(2L, 3L), c.unreadableLines);
        assertTrue(c.unreadable.get(0).contains("malformed JSON"), c.unreadable.get(0));
        assertTrue(c.unreadable.get(1).contains("not a JSON object: garbage line"), c.unreadable.get(1));
        assertEquals(4, c.event(1).provenance().line());
    }

    @Test
    void anObjectOverTheCapIsSkippedAndReported() throws IOException {
        String big = "{\"EventID\":1,\"Payload\":\"" + "A".repeat(5000) + "\"}";
        Collected c = Collected.read(new JsonLog(1024, FieldAliases.builtIn()), "x.json", big + "\n" + FLAT + "\n{\"open\": [1,");
        assertEquals(1, c.events.size());
        assertEquals(List.of(1L, 3L), c.unreadableLines);
        assertTrue(c.unreadable.get(0).contains("exceeds the 1024-byte limit"), c.unreadable.get(0));
        assertTrue(c.unreadable.get(1).contains("not closed"), c.unreadable.get(1));
    }

    @Test
    void utf16WithBomIsRead() throws IOException {
        byte[] le = ("\ufeff" + FLAT + "\r\n" + FLAT).getBytes(StandardCharsets.UTF_16LE);
        Collected c = Collected.read(new JsonLog(), "x.json", le);
        assertEquals(2, c.events.size());
        assertEquals("C:\\Windows\\System32\\cmd.exe", c.event(1).get("Image"));
        byte[] be = ("\ufeff" + FLAT).getBytes(StandardCharsets.UTF_16BE);
        assertEquals("1", Collected.read(new JsonLog(), "x.json", be).event(0).get("EventID"));
    }

    @Test
    void dataNamesWrittenWithSpacesAlsoAnswerRespelled() throws IOException {
        String defender = "{\"Event\":{\"System\":{\"EventID\":1119,\"Channel\":\"Microsoft-Windows-Windows Defender/Operational\"},"
                + "\"EventData\":{\"Threat Name\":\"Virus:DOS/EICAR_Test_File\",\"Source Name\":\"Real-Time Protection\","
                + "\"SourceName\":\"written so\"}}}\n"
                + "{\"Threat Name\":\"flat\",\"Feature Name\":\"%%886\"}\n";
        Collected c = read(defender);
        Event e = c.event(0);
        assertEquals("Virus:DOS/EICAR_Test_File", e.get("ThreatName"));
        assertEquals("Virus:DOS/EICAR_Test_File", e.get("Threat_Name"));
        assertEquals("Virus:DOS/EICAR_Test_File", e.get("Threat Name"));
        assertEquals("Virus:DOS/EICAR_Test_File", e.get("Event.EventData.Threat Name"));
        assertEquals("written so", e.get("SourceName"), "a field the event has wins over a respelling");
        assertEquals("Real-Time Protection", e.get("Source_Name"));
        assertEquals(new LogSource("windows", null, "windefend"), e.logSource());
        assertEquals("flat", c.event(1).get("ThreatName"));
        assertEquals("%%886", c.event(1).get("Feature_Name"));
        assertNull(c.event(1).get("Feature"));
        assertTrue(c.event(1).fields().keySet().stream().allMatch(k -> k.contains(" ")), "the fields keep their names");
    }

    @Test
    void objectsSharingALineAreToldApartByTheirRank() throws IOException {
        Collected c = read("[{\"EventID\":1,\"n\":\"a\"},{\"EventID\":1,\"n\":\"b\"},\n{\"EventID\":1,\"n\":\"c\"}, {\"n\":\"d\"}]\n"
                + "{\"n\":\"e\"}\n");
        assertEquals(List.of("a", "b", "c", "d", "e"), c.events.stream().map(e -> e.get("n")).toList());
        assertEquals(List.of(1L, 1L, 2L, 2L, 3L), c.events.stream().map(e -> e.provenance().line()).toList());
        // the first object of a line keeps record 0, so that a line holding one object is where it always was
        assertEquals(List.of(0L, 2L, 0L, 2L, 0L), c.events.stream().map(e -> e.provenance().record()).toList());
    }
}
