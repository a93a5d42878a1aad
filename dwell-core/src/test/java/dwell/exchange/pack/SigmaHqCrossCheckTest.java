package dwell.exchange.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dwell.Corpora;
import dwell.event.Event;
import dwell.event.LogSources;
import dwell.format.json.JsonLog;
import dwell.format.w3c.IisW3cLog;
import dwell.formats.Formats;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pack's rules on the strings of SigmaHQ's Exchange rules (../shared/corpora/sigma, test data only: the
 * product ships none of them). Where SigmaHQ and dwell look for the same thing, each of SigmaHQ's values, put
 * into the event it describes, must fire dwell's rule too; where dwell deliberately differs, the test says so.
 */
class SigmaHqCrossCheckTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static JsonNode detection(String rule) throws IOException {
        try (InputStream in = Files.newInputStream(Corpora.path("sigma").resolve(rule))) {
            return YAML.readTree(in).path("detection");
        }
    }

    private static List<String> values(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isArray()) n.forEach(v -> out.add(v.asText()));
        else if (!n.isMissingNode()) out.add(n.asText());
        assertFalse(out.isEmpty(), "SigmaHQ rule changed shape: " + n);
        return out;
    }

    private static Event iis(String method, String stem, String query, String ua, String status) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("cs-method", method);
        f.put("cs-uri-stem", stem);
        f.put("cs-uri-query", query);
        f.put("cs-user-agent", ua);
        f.put("sc-status", status);
        return PackSigmaRulesTest.event(IisW3cLog.ID, Formats.of(IisW3cLog.ID).logSource(), f);
    }

    private static Event win(String channel, String... kv) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("Channel", channel);
        for (int i = 0; i + 1 < kv.length; i += 2) f.put(kv[i], kv[i + 1]);
        return PackSigmaRulesTest.event(JsonLog.ID, LogSources.forChannel(channel), f);
    }

    private static Event sysmon1(String image, String parent, String commandLine) {
        return win("Microsoft-Windows-Sysmon/Operational", "EventID", "1", "Image", image, "ParentImage", parent,
                "CommandLine", commandLine);
    }

    private static void fires(String rule, Event e) {
        assertTrue(PackSigmaRulesTest.fired(e).contains(rule), rule + " on " + e.fields() + " fired " + PackSigmaRulesTest.fired(e));
    }

    @Test
    void hafniumWebUserAgentsAndPaths() throws IOException {
        JsonNode d = detection("rules-emerging-threats/2021/TA/HAFNIUM/web_exchange_exploitation_hafnium.yml");
        int checked = 0;
        for (String ua : values(d.path("selection_2").path("cs-user-agent"))) {
            // dwell leaves out one ordinary desktop Chrome agent that SigmaHQ lists
            if (ua.contains("Chrome/51")) continue;
            fires("web_hafnium_user_agents", iis("POST", "/owa/auth/Current/", "-", ua, "200"));
            checked++;
        }
        for (String ua : values(d.path("selection_3").path("cs-user-agent"))) {
            fires("web_hafnium_user_agents", iis("POST", "/ecp/default.aspx", "-", ua, "200"));
            checked++;
        }
        for (String ua : values(d.path("selection_4").path("cs-user-agent"))) {
            if (!ua.startsWith("antSword")) continue;
            fires("web_hafnium_user_agents", iis("POST", "/owa/auth/Current/x", "-", ua, "200"));
            checked++;
        }
        for (String path : values(d.path("selection_5").path("cs-uri-query|contains"))) {
            String rule = path.startsWith("/owa/") ? "web_hafnium_theme_resource_post" : "web_proxylogon_ssrf_static_file_post";
            fires(rule, iis("POST", path, "-", "Mozilla/5.0", "200"));
            checked++;
        }
        assertEquals(15, checked);
    }

    @Test
    void proxyShellUrlParts() throws IOException {
        JsonNode d = detection("rules-emerging-threats/2021/Exploits/ProxyShell-Exploit/web_exchange_proxyshell.yml");
        for (String part : values(d.path("selection_1_uri").path("cs-uri-query|contains"))) {
            fires("web_proxyshell_autodiscover_ssrf", iis("GET", "/autodiscover/autodiscover.json", "@foo.com" + part + "/?x=1", "python-requests/2.26.0", "401"));
        }
        List<String> poc = values(d.path("selection_poc").path("cs-uri-query|contains"));
        assertTrue(poc.contains("Email=autodiscover/autodiscover.json"));
        fires("web_proxyshell_autodiscover_ssrf", iis("GET", "/autodiscover/autodiscover.json", "@foo.com/mapi/nspi/?&Email=autodiscover/autodiscover.json%3f@foo.com", "x", "401"));
        JsonNode ok = detection("rules-emerging-threats/2021/Exploits/ProxyShell-Exploit/web_exchange_proxyshell_successful.yml");
        assertTrue(values(ok.path("selection_success").path("sc-status")).contains("200"));
        fires("web_proxynotshell_autodiscover_powershell", iis("GET", "/autodiscover/autodiscover.json", "@foo.com/powershell?X-Rps-CAT=x", "x", "200"));
    }

    @Test
    void owassrfAndItsExchangeClients() throws IOException {
        JsonNode d = detection("rules-emerging-threats/2022/Exploits/CVE-2022-41082/web_cve_2022_36804_exchange_owassrf_exploitation.yml");
        for (String at : values(d.path("selection").path("cs-uri-query|contains"))) {
            fires("web_owassrf_owa_powershell", iis("POST", "/owa/mastermailbox" + at + "outlook.com/powershell", "-", "Mozilla/5.0", "200"));
        }
        for (String ua : values(d.path("filter_main_ua").path("cs-user-agent"))) {
            assertFalse(PackSigmaRulesTest.fired(iis("POST", "/owa/mailbox@contoso.com/powershell", "-", ua, "200"))
                    .contains("web_owassrf_owa_powershell"), ua);
        }
    }

    @Test
    void exchangeManagementCmdlets() throws IOException {
        JsonNode oab = detection("rules/windows/builtin/msexchange/win_exchange_proxylogon_oabvirtualdir.yml");
        for (String param : values(oab.path("keywords_params"))) {
            fires("win_msexchange_oab_vdir_script_url", win("MSExchange Management", "EventID", "1",
                    "Data1", "Set-OabVirtualDirectory", "Data2", "-ExternalUrl '" + param + "' -Identity 'OAB (Default Web Site)'"));
        }
        JsonNode export = detection("rules/windows/builtin/msexchange/win_exchange_proxyshell_mailbox_export.yml");
        assertTrue(values(export.path("export_params")).contains(".aspx"));
        fires("win_msexchange_mailbox_export_server_page", win("MSExchange Management", "Data1", "New-MailboxExportRequest",
                "Data2", "-Mailbox \"a@b.c\" -FilePath \"\\\\127.0.0.1\\c$\\inetpub\\wwwroot\\aspnet_client\\x.aspx\""));
        // SigmaHQ flags every UNC export; exports to a file share are how administrators use the cmdlet, so dwell does not
        assertTrue(values(export.path("export_params")).stream().anyMatch(v -> v.startsWith("-FilePath \"\\\\")));
        assertFalse(PackSigmaRulesTest.fired(win("MSExchange Management", "Data1", "New-MailboxExportRequest",
                "Data2", "-Mailbox \"a@b.c\" -FilePath \"\\\\fs01\\pst$\\a.pst\"")).contains("win_msexchange_mailbox_export_to_web"));
        String[] role = values(export.path("role_assignment").path("|all")).toArray(String[]::new);
        fires("win_msexchange_import_export_role", win("MSExchange Management", "Data1", role[0].strip(), "Data2", role[1].strip() + " " + role[2].strip() + " x"));
        JsonNode cert = detection("rules/windows/builtin/msexchange/win_exchange_proxyshell_certificate_generation.yml");
        for (String target : values(cert.path("keywords_export_params"))) {
            String path = target.replace("\\\\", "\\");
            fires("win_msexchange_certificate_request_to_web", win("MSExchange Management", "Data1", "New-ExchangeCertificate",
                    "Data2", "-GenerateRequest -BinaryEncoded -RequestFile \"" + path + "\\x.aspx\""));
        }
        fires("win_msexchange_remove_mailbox_export", win("MSExchange Management", "Data1", "Remove-MailboxExportRequest",
                "Data2", String.join(" ", values(detection("rules/windows/builtin/msexchange/win_exchange_proxyshell_remove_mailbox_export.yml")
                        .path("keywords").path("|all")))));
    }

    @Test
    void processCreation() throws IOException {
        JsonNode chopper = detection("rules/windows/process_creation/proc_creation_win_webshell_chopper.yml");
        for (String marker : values(chopper.path("selection_cmdline").path("CommandLine|contains"))) {
            if (!marker.contains("[")) continue; // dwell keys on the output markers, not on each wrapped command
            fires("proc_china_chopper_command", sysmon1("C:\\Windows\\System32\\cmd.exe", "C:\\Windows\\System32\\inetsrv\\w3wp.exe",
                    "cmd /c cd /d \"C:\\inetpub\"&whoami" + marker));
        }
        JsonNode um = detection("rules-emerging-threats/2021/Exploits/CVE-2021-26857/proc_creation_win_exploit_cve_2021_26857_msexchange.yml");
        for (String wer : values(um.path("filter").path("Image|endswith"))) {
            assertFalse(PackSigmaRulesTest.fired(sysmon1("C:\\Windows\\System32\\" + wer, "C:\\Exchange\\Bin\\UMWorkerProcess.exe", "x"))
                    .contains("proc_exchange_um_worker_child"), wer);
        }
        fires("proc_exchange_um_worker_child", sysmon1("C:\\Windows\\System32\\cmd.exe", "C:\\Exchange\\Bin\\UMWorkerProcess.exe", "cmd"));
        JsonNode snap = detection("rules/windows/process_creation/proc_creation_win_powershell_snapins_hafnium.yml");
        for (String module : values(snap.path("selection_module").path("CommandLine|contains"))) {
            fires("proc_exchange_snapin_loaded", sysmon1("C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
                    "C:\\Windows\\System32\\cmd.exe", "powershell -c \"Add-PSSnapin " + module + "; Get-Mailbox\""));
        }
        JsonNode hafnium = detection("rules-emerging-threats/2021/TA/HAFNIUM/proc_creation_win_apt_hafnium.yml");
        fires("proc_attrib_hide_web_file", sysmon1("C:\\Windows\\System32\\attrib.exe", "C:\\Windows\\System32\\cmd.exe",
                String.join("", values(hafnium.path("selection_attrib").path("CommandLine|contains|all"))) + " log"));
        fires("proc_lsass_dump", sysmon1("C:\\Windows\\System32\\rundll32.exe", "C:\\Windows\\System32\\cmd.exe",
                String.join(" ", values(hafnium.path("selection_rundll32").path("CommandLine|contains|all")))));
        fires("proc_archive_into_programdata", sysmon1("C:\\Program Files\\7-Zip\\7z.exe", "C:\\Windows\\System32\\cmd.exe",
                "7z.exe a" + String.join(" ", values(hafnium.path("selection_7zip").path("CommandLine|contains|all")))));
    }

    @Test
    void webShellFileDrops() throws IOException {
        JsonNode drop = detection("rules/windows/file/file_event/file_event_win_exchange_webshell_drop.yml");
        for (String folder : values(drop.path("selection").path("TargetFilename|contains"))) {
            for (String ext : values(drop.path("selection_types").path("TargetFilename|endswith"))) {
                fires("file_aspx_created_in_exchange_web_folder", win("Microsoft-Windows-Sysmon/Operational", "EventID", "11",
                        "Image", "C:\\Windows\\System32\\inetsrv\\w3wp.exe", "TargetFilename",
                        "C:\\Program Files\\Microsoft\\Exchange Server\\V15\\" + folder + "x" + ext));
            }
        }
    }
}
