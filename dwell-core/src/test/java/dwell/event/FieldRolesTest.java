package dwell.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one table of field roles: every role, names by role and roles by name, case, containers, preference. */
class FieldRolesTest {
    private static final FieldRoles ROLES = FieldRoles.builtin();

    /** Fields as the sources write them (IIS, Exchange, Windows events, Sysmon, nginx, ECS) and what they are. */
    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "c-ip, client-address", "ClientIpAddress, client-address", "IpAddress, client-address", "SourceIp, client-address",
        "client-ip, client-address", "remote_addr, client-address", "source.ip, client-address",
        "IP, address", "X-Forwarded-For, address", "cs(X-Forwarded-For), address",
        "DestinationIp, destination-address", "DestAddress, destination-address",
        "s-ip, server-address", "server-ip, server-address",
        "QueryResults, resolved-address",
        "c-port, client-port", "SourcePort, client-port", "s-port, server-port", "DestinationPort, server-port",
        "s-computername, host", "Computer, host", "ServerHostName, host", "ServerName, host", "server-hostname, host",
        "hostname, host", "host.name, host", "winlog.computer_name, host",
        "WorkstationName, remote-host", "client-hostname, remote-host", "DestinationHostname, remote-host",
        "cs-host, request-host", "UrlHost, request-host",
        "cs(Referer), url", "http_referer, url",
        "cs-uri-stem, url-path", "UrlStem, url-path", "cs-uri-query, url-query", "UrlQuery, url-query",
        "cs(User-Agent), user-agent", "cs-user-agent, user-agent", "UserAgent, user-agent", "UA, user-agent",
        "http_user_agent, user-agent",
        "cs-method, request-method", "Method, request-method", "sc-status, status", "HttpStatus, status",
        "cs-username, account", "AuthenticatedUser, account", "USR, account", "TargetUserName, account",
        "SubjectUserName, account", "User, account", "remote_user, account",
        "AnchorMailbox, email", "sender-address, email",
        "Image, process", "NewProcessName, process", "SourceImage, process",
        "ParentImage, parent-process", "ParentProcessName, parent-process",
        "ProcessGuid, process-guid", "SourceProcessGuid, process-guid", "ParentProcessGuid, parent-process-guid",
        "TargetFilename, file", "ImageLoaded, file", "TargetImage, object", "ObjectName, object", "Path, object",
        "Hashes, hash", "sha256, hash", "md5, hash",
        "CommandLine, command", "CMD, command", "ScriptBlockText, command", "ParentCommandLine, command",
        "Message, text", "request, text"})
    void sourceFieldsHaveTheirRoles(String field, String role) {
        assertEquals(FieldRole.byId(role), ROLES.roleOf(field));
    }

    @Test
    void everyRoleHasFieldsAndEachFieldItsRole() {
        for (FieldRole r : FieldRole.values()) {
            List<String> fields = ROLES.fieldsOf(r);
            assertFalse(fields.isEmpty(), r.id());
            for (int i = 0; i < fields.size(); i++) {
                FieldRoles.Entry e = ROLES.entry(fields.get(i));
                assertEquals(new FieldRoles.Entry(r, i, fields.get(i)), e, "role and rank of " + fields.get(i));
            }
            assertEquals(r, FieldRole.byId(r.id()));
        }
    }

    @Test
    void namesMatchWhateverTheirCase() {
        for (FieldRole r : FieldRole.values()) {
            for (String f : ROLES.fieldsOf(r)) {
                assertEquals(r, ROLES.roleOf(f.toUpperCase(Locale.ROOT)), f);
                assertEquals(r, ROLES.roleOf(f.toLowerCase(Locale.ROOT)), f);
            }
        }
        assertEquals("ClientIpAddress", ROLES.entry("CLIENTIPADDRESS").name(), "the table's spelling");
    }

    @Test
    void containedNamesAnswerAsThemselves() {
        assertEquals(FieldRole.ACCOUNT, ROLES.roleOf("winlog.event_data.TargetUserName"), "Winlogbeat");
        assertEquals(FieldRole.PROCESS, ROLES.roleOf("event_data.Image"));
        assertEquals(FieldRole.COMMAND, ROLES.roleOf("Event.EventData.CommandLine"), "evtx_dump's JSON");
        assertEquals(FieldRole.PARENT_PROCESS, ROLES.roleOf("Event.UserData.EventXML.ParentImage"), "any UserData element");
        assertEquals(FieldRole.HASH, ROLES.roleOf("fields.Hashes"), "dwell evtx dump's jsonl");
        assertEquals(FieldRole.PARENT_PROCESS, ROLES.roleOf("beat.Winlog.Event_Data.ParentImage"), "nested deeper, any case");
        assertEquals(FieldRole.CLIENT_ADDRESS, ROLES.roleOf("winlog.event_data.ipaddress"), "container and case together");
        assertNull(ROLES.roleOf("winlog.event_data.Nothing"));
        assertNull(ROLES.roleOf("winlog.event_data."));
        assertNull(ROLES.roleOf("user.name.suffix"), "a dotted name is not a container of its prefix");
        assertEquals("Image", FieldRoles.tableName("winlog.event_data.Image"));
        assertEquals("host.name", FieldRoles.tableName("host.name"));
        assertTrue(FieldRoles.sameField("winlog.event_data.param7", "param7"));
        assertTrue(FieldRoles.sameField("Param7", "param7"));
        assertFalse(FieldRoles.sameField("param70", "param7"));
    }

    @Test
    void unknownFieldsPlayNoRole() {
        assertNull(ROLES.roleOf("time-taken"));
        assertNull(ROLES.entry(""));
        // many distinct names (JSON logs) must not grow the lookup without bound, nor change answers
        for (int i = 0; i < 20_000; i++) assertNull(ROLES.roleOf("custom_" + i));
        assertEquals(FieldRole.CLIENT_ADDRESS, ROLES.roleOf("c-ip"));
    }

    @Test
    void firstOfPrefersEarlierRolesThenTheTablesOrder() {
        Map<String, String> ev = new LinkedHashMap<>();
        ev.put("CommandLine", "cmd /c whoami");
        ev.put("X-Forwarded-For", "198.51.100.9");
        ev.put("IpAddress", "-");
        ev.put("ClientIpAddress", "203.0.113.7");
        ev.put("c-ip", "");
        ev.put("winlog.event_data.TargetFilename", "C:\\inetpub\\wwwroot\\aspnet_client\\x.aspx");
        List<FieldRole> who = List.of(FieldRole.CLIENT_ADDRESS, FieldRole.ADDRESS);
        assertEquals("203.0.113.7", ROLES.firstOf(ev, who), "empty and '-' values are skipped; client before forwarded");
        assertEquals("198.51.100.9", ROLES.firstOf(ev, List.of(FieldRole.ADDRESS, FieldRole.CLIENT_ADDRESS)));
        assertEquals("C:\\inetpub\\wwwroot\\aspnet_client\\x.aspx",
                ROLES.firstOf(ev, List.of(FieldRole.URL_PATH, FieldRole.FILE, FieldRole.COMMAND)));
        assertNull(ROLES.firstOf(ev, List.of(FieldRole.USER_AGENT)));
        ev.put("c-ip", "192.0.2.1");
        assertEquals("192.0.2.1", ROLES.firstOf(ev, who), "c-ip is the first client address");
        // walked with forEach, as an EVTX event's field table is without an entry object per field
        assertEquals("192.0.2.1", ROLES.firstOf(new ForEachOnly(ev), who));
        assertEquals("198.51.100.9", ROLES.firstOf(new ForEachOnly(ev), List.of(FieldRole.ADDRESS, FieldRole.CLIENT_ADDRESS)));
        assertNull(ROLES.firstOf(new ForEachOnly(ev), List.of(FieldRole.USER_AGENT)));
    }

    @Test
    void aTableRefusesWhatItCannotMean() {
        IOException two = assertThrows(IOException.class, () -> load("account: [User]\nprocess: [Image, user]\n"));
        assertTrue(two.getMessage().contains("two roles") && two.getMessage().contains("account"), two.getMessage());
        assertThrows(IOException.class, () -> load("account: [User, USER]\n"), "one name twice in one role");
        IOException unknown = assertThrows(IOException.class, () -> load("actor: [c-ip]\n"));
        assertTrue(unknown.getMessage().contains("actor"), unknown.getMessage());
        assertThrows(IOException.class, () -> load("account: User\n"));
        assertThrows(IOException.class, () -> load("account: ['']\n"));
        assertThrows(IOException.class, () -> load("- c-ip\n"));
        assertEquals(List.of(), TestRoles.parse("account: [User]\n").fieldsOf(FieldRole.PROCESS), "roles left out have no fields");
    }

    @Test
    void aFieldAddedToTheTableHasItsRole() {
        FieldRoles t = TestRoles.withField(FieldRole.CLIENT_ADDRESS, "attacker_ip");
        assertEquals(FieldRole.CLIENT_ADDRESS, t.roleOf("Attacker_IP"));
        assertEquals(0, t.entry("attacker_ip").rank(), "added first");
        assertNull(ROLES.roleOf("attacker_ip"));
    }

    private static FieldRoles load(String yaml) throws IOException {
        return FieldRoles.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }
}
