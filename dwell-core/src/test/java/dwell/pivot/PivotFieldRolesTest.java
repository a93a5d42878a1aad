package dwell.pivot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.event.Event;
import dwell.event.FieldRole;
import dwell.event.LogSource;
import dwell.event.MapEvent;
import dwell.event.Provenance;
import dwell.event.TestRoles;
import dwell.format.Collected;
import dwell.format.Format;
import dwell.format.json.JsonReader;
import dwell.hunt.Finding;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pivot reads the one field role table: what it indexes, what links by cause, what a story step names. */
class PivotFieldRolesTest {
    private static final String W3WP = "C:\\Windows\\System32\\inetsrv\\w3wp.exe";

    @Test
    void kindsFollowTheRolesOfTheFields() {
        PivotFields f = PivotFields.builtin();
        assertEquals(Kind.IP, f.kindOf("c-ip"));
        assertEquals(Kind.IP, f.kindOf("IP"), "the ECP server log's client address");
        assertEquals(Kind.IP, f.kindOf("X-Forwarded-For"));
        assertEquals(Kind.IP, f.kindOf("DestinationIp"), "where the actor's program called");
        assertEquals(Kind.IP, f.kindOf("winlog.event_data.IpAddress"), "through Winlogbeat's container");
        assertEquals(Kind.SERVER_IP, f.kindOf("s-ip"));
        assertEquals(Kind.PATH, f.kindOf("UrlStem"));
        assertEquals(Kind.USER_AGENT, f.kindOf("UA"));
        assertEquals(Kind.ACCOUNT, f.kindOf("USR"));
        assertEquals(Kind.FILE, f.kindOf("TargetFilename"));
        assertEquals(Kind.HASH, f.kindOf("hashes"));
        assertEquals(Kind.COMMAND, f.kindOf("CMD"));
        assertEquals(Kind.COMMAND, f.kindOf("UrlQuery"), "a query is searched for URLs like a command line");
        assertEquals(Kind.METHOD, f.kindOf("Method"));
        assertEquals(Kind.STATUS, f.kindOf("HttpStatus"));
        assertNull(f.kindOf("AnchorMailbox"), "a routing hint, not an account");
        assertNull(f.kindOf("Image"), "a program's path names the machine's build, not the actor");
        assertNull(f.kindOf("QueryResults"), "what a name resolved to is not who acted");
        assertNull(f.kindOf("Path"), "a file finding's own evidence path never pivots");
        assertEquals("Hashes", f.fieldsOf(Kind.HASH).get(0));
        assertEquals(f.roles().fieldsOf(FieldRole.SERVER_ADDRESS), f.fieldsOf(Kind.SERVER_IP));
    }

    @Test
    void aFieldAddedToTheTableIsIndexedAndHunted() throws Exception {
        PivotCase c = new PivotCase();
        c.windows("2019-05-01T10:00:00Z", "EXCH01", "vpn.json", Map.of("attacker_ip", "203.0.113.66", "action", "login"));
        Event shell = c.web("2021-03-03T08:03:30Z", "203.0.113.66", "POST", "/aspnet_client/x.aspx", "-", "curl");
        c.finding(shell, "web shell", "attack.t1505.003");
        assertEquals(Instant.parse("2021-03-03T08:03:30Z"), c.run(1, PivotConfig.DEFAULT).incidents().get(0).first());
        PivotFields taught = PivotFields.with(TestRoles.withField(FieldRole.CLIENT_ADDRESS, "attacker_ip"));
        assertEquals(Kind.IP, taught.kindOf("Attacker_IP"));
        PivotResult r = c.run(1, PivotConfig.DEFAULT, taught);
        assertEquals(Instant.parse("2019-05-01T10:00:00Z"), r.incidents().get(0).first(), r.incidents().toString());
        assertTrue(r.pivotFindings().get(0).details().get("explanation").toString().startsWith("same attacker_ip 203.0.113.66"));
    }

    @Test
    void causesAndStoriesReadRolesInsideWinlogbeatContainers() throws Exception {
        PivotCase c = new PivotCase();
        String guid = "{a1b2c3d4-0000-1111-2222-333344445555}";
        Event post = c.web("2021-03-04T06:14:09Z", "198.51.100.23", "POST", "/aspnet_client/x.aspx", "-", "x");
        Event shell = c.windows("2021-03-04T06:14:09.880Z", "EXCH01", "winlogbeat.json", Map.of(
                "winlog.event_data.Image", "C:\\Windows\\System32\\cmd.exe", "winlog.event_data.CommandLine", "cmd /c whoami",
                "winlog.event_data.ParentImage", W3WP, "winlog.event_data.ProcessGuid", guid));
        Event access = c.windows("2021-03-04T09:00:00Z", "EXCH01", "winlogbeat.json", Map.of(
                "winlog.event_data.SourceProcessGuid", guid, "winlog.event_data.TargetImage", "C:\\Windows\\System32\\lsass.exe"));
        Finding fp = c.finding(post, "Web shell request", "attack.t1505.003");
        Finding fs = c.finding(shell, "Worker process starts a shell");
        Finding fa = c.finding(access, "Access to LSASS");
        PivotResult r = c.run(1, PivotConfig.DEFAULT);
        assertEquals(1, r.incidents().size(), r.incidents().toString());
        Incident inc = r.incidents().get(0);
        assertEquals(List.of(fp.id(), fs.id(), fa.id()), inc.findings(), "a parent process and a process GUID by role");
        assertEquals(List.of("Web shell request - 198.51.100.23 POST /aspnet_client/x.aspx",
                "Worker process starts a shell cmd /c whoami", "Access to LSASS"),
                inc.story().stream().map(Incident.StoryStep::summary).toList());
    }

    @Test
    void theHashedFileIsTheEventsFileBeforeItsProcess() throws Exception {
        Census census = new Census(PivotFields.builtin(), Exclusions.builtin());
        String loaded = "a".repeat(64);
        String started = "b".repeat(64);
        String written = "c".repeat(64);
        census.onEvent(event("EventID", "7", "Image", "C:\\Windows\\System32\\rundll32.exe",
                "ImageLoaded", "C:\\Users\\Public\\evil.dll", "Hashes", "SHA256=" + loaded), f -> { });
        census.onEvent(event("EventID", "1", "Image", "C:\\Windows\\System32\\cmd.exe", "Hashes", "SHA256=" + started), f -> { });
        String winlogbeat = "{\"@timestamp\":\"2021-03-03T10:00:00Z\",\"host\":{\"name\":\"pc1.corp.local\"},"
                + "\"winlog\":{\"channel\":\"Microsoft-Windows-Sysmon/Operational\",\"event_id\":15,\"event_data\":{"
                + "\"Image\":\"C:\\\\Users\\\\Public\\\\tool.exe\",\"TargetFilename\":"
                + "\"C:\\\\Windows\\\\System32\\\\drivers\\\\etc\\\\hosts:Zone.Identifier\",\"Hash\":\"SHA256=" + written + "\"}}}\n";
        census.onEvent(Collected.read(new JsonReader(), "winlogbeat.json", winlogbeat).event(0), f -> { });
        assertFalse(census.systemHashes().contains(loaded), "a system program loading a user's DLL makes no system file");
        assertTrue(census.systemHashes().contains(started));
        assertTrue(census.systemHashes().contains(written), "a file written into a system folder, in a Winlogbeat export");
    }

    private static Event event(String... kv) {
        Map<String, String> f = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) f.put(kv[i], kv[i + 1]);
        return new MapEvent(Instant.parse("2021-03-03T10:00:00Z"), Format.JSON, LogSource.NONE, f, null,
                Provenance.line("sysmon.json", 1), "pc1.corp.local");
    }
}
