package dwell.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.event.Event;
import dwell.event.LogSource;
import dwell.event.LogSources;
import dwell.event.MapEvent;
import dwell.event.Provenance;
import dwell.format.evtx.EvtxLog;
import dwell.format.w3c.IisW3cLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logsource mapping and field aliases: which events a rule meets, under which names. */
class LogsourceMappingTest {
    private static final String PROC = """
            title: cmd from w3wp
            id: proc-1
            logsource: {product: windows, category: process_creation}
            detection:
                sel:
                    ParentImage|endswith: '\\w3wp.exe'
                    Image|endswith: '\\cmd.exe'
                condition: sel
            """;

    static Event winEvent(String channel, String... kv) {
        Map<String, String> f = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) f.put(kv[i], kv[i + 1]);
        return new MapEvent(null, EvtxLog.ID, LogSources.forChannel(channel), f, null, Provenance.record("x.evtx", 1), "H");
    }

    private static List<String> hits(String rules, LogsourceMapping mapping, Event e) {
        RuleSet set = new RuleLoader().loadText("r.yml", rules);
        assertTrue(set.rejected().isEmpty(), set.rejected().toString());
        SigmaEngine engine = new SigmaEngine(set.rules(), set.filters(), mapping);
        List<String> out = new ArrayList<>();
        engine.match(e, (i, r) -> out.add(r.id()));
        return out;
    }

    @Test
    void processCreationRunsOnSysmon1AndSecurity4688WithAliases() {
        LogsourceMapping m = LogsourceMapping.builtin();
        Event sysmon = winEvent("Microsoft-Windows-Sysmon/Operational", "EventID", "1",
                "ParentImage", "C:\\w\\w3wp.exe", "Image", "C:\\Windows\\System32\\cmd.exe");
        Event security = winEvent("Security", "EventID", "4688",
                "ParentProcessName", "C:\\w\\w3wp.exe", "NewProcessName", "C:\\Windows\\System32\\cmd.exe");
        Event otherId = winEvent("Microsoft-Windows-Sysmon/Operational", "EventID", "3",
                "ParentImage", "C:\\w\\w3wp.exe", "Image", "C:\\Windows\\System32\\cmd.exe");
        assertEquals(List.of("proc-1"), hits(PROC, m, sysmon));
        assertEquals(List.of("proc-1"), hits(PROC, m, security));
        assertEquals(List.of(), hits(PROC, m, otherId));
    }

    @Test
    void exchangeManagementChannel() {
        String rule = """
                title: mailbox export
                id: ex-1
                logsource: {product: windows, service: msexchange-management}
                detection:
                    keywords:
                        '|all': ['New-MailboxExportRequest', ' -Mailbox ']
                    condition: keywords
                """;
        Event e = winEvent("MSExchange Management", "EventID", "1", "Data1", "New-MailboxExportRequest -Mailbox bob -FilePath \\\\x\\y.pst");
        assertEquals(List.of("ex-1"), hits(rule, LogsourceMapping.builtin(), e));
        assertEquals(List.of(), hits(rule, LogsourceMapping.builtin(), winEvent("Security", "Data1", "New-MailboxExportRequest -Mailbox bob")));
    }

    @Test
    void webserverRulesRunOnIisWithW3cNames() {
        String rule = """
                title: proxyshell
                id: web-1
                logsource: {category: webserver}
                detection:
                    sel:
                        cs-uri-stem|contains: '/autodiscover.json'
                        cs-uri-query|contains: '/powershell'
                        cs-user-agent|contains: 'python'
                    condition: sel
                """;
        Map<String, String> f = new LinkedHashMap<>();
        f.put("cs-uri-stem", "/autodiscover/autodiscover.json");
        f.put("cs-uri-query", "@evil.com/powershell/?X-Rps-CAT=x");
        f.put("cs(User-Agent)", "python-requests/2.25");
        Event iis = new MapEvent(null, IisW3cLog.ID, LogSource.webserver(), f, null, Provenance.line("u_ex210302.log", 5), "EX1");
        assertEquals(List.of("web-1"), hits(rule, LogsourceMapping.builtin(), iis));
    }

    @Test
    void unmappedRulesAreReportedNotRun() {
        String rule = "title: linux\nid: l1\nlogsource: {product: linux, service: auditd}\ndetection:\n    sel: {a: 1}\n    condition: sel\n";
        RuleSet set = new RuleLoader().loadText("r.yml", rule);
        SigmaEngine engine = new SigmaEngine(set.rules(), set.filters(), LogsourceMapping.builtin());
        assertEquals(1, engine.unmapped().size());
        assertTrue(engine.unmapped().get(0).reason().contains("service auditd"), engine.unmapped().get(0).reason());
    }

    @Test
    void userMappingFileAddsEventTypes(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("m.yml");
        Files.writeString(file, """
                sources:
                  - logsource: {product: windows, category: process_creation}
                    events:
                      - product: windows
                        service: security
                        EventID: [4688]
                        fields: {Image: MyImageField}
                """);
        LogsourceMapping m = LogsourceMapping.load(List.of(file));
        String rule = "title: t\nid: u1\nlogsource: {product: windows, category: process_creation}\n"
                + "detection:\n    sel: {Image|endswith: '\\evil.exe'}\n    condition: sel\n";
        assertEquals(List.of("u1"), hits(rule, m, winEvent("Security", "EventID", "4688", "MyImageField", "C:\\evil.exe")));
    }

    @Test
    void antivirusRulesRunOnDefenderDetectionsWithSignatureAndFilenameMapped() {
        String rule = """
                title: hacktool signature
                id: av-1
                logsource: {category: antivirus}
                detection:
                    sel:
                        Signature|contains: 'Mimikatz'
                        Filename|endswith: '.exe'
                    condition: sel
                """;
        String defender = "Microsoft-Windows-Windows Defender/Operational";
        Event detected = winEvent(defender, "EventID", "1116", "ThreatName", "HackTool:Win32/Mimikatz.D", "Path", "file:_C:\\m.exe");
        assertEquals(List.of("av-1"), hits(rule, LogsourceMapping.builtin(), detected));
        // a Defender event that is not a detection, and the same data in another channel
        assertEquals(List.of(), hits(rule, LogsourceMapping.builtin(),
                winEvent(defender, "EventID", "5007", "ThreatName", "HackTool:Win32/Mimikatz.D", "Path", "file:_C:\\m.exe")));
        assertEquals(List.of(), hits(rule, LogsourceMapping.builtin(),
                winEvent("Application", "EventID", "1116", "ThreatName", "HackTool:Win32/Mimikatz.D", "Path", "file:_C:\\m.exe")));
        LogsourceMapping.Target t = LogsourceMapping.builtin().targets(new LogSource(null, "antivirus", null)).get(0);
        assertEquals(List.of("ThreatName", "Signature"), List.of(t.names("Signature")));
        assertEquals(List.of("Path", "Filename"), List.of(t.names("Filename")));
    }

    @Test
    void windefendRulesRunOnTheDefenderChannel() {
        String rule = """
                title: amsi
                id: wd-1
                logsource: {product: windows, service: windefend}
                detection:
                    sel: {EventID: 1116, SourceName: 'AMSI'}
                    condition: sel
                """;
        assertEquals(List.of("wd-1"), hits(rule, LogsourceMapping.builtin(),
                winEvent("Microsoft-Windows-Windows Defender/Operational", "EventID", "1116", "SourceName", "AMSI")));
        assertEquals(List.of(), hits(rule, LogsourceMapping.builtin(), winEvent("System", "EventID", "1116", "SourceName", "AMSI")));
    }
}
