package dwell.cli;

import dwell.text.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SigmaHQ's Windows Defender rules (service windefend, category antivirus, RedSun's 1119 rule) over every public
 * EVTX sample plus Defender events exported as JSON (src/test/resources/defender): each fires on exactly the
 * events worked out by hand below from the rules' text and the events' data, and nowhere else.
 */
class DefenderRulesIT {
    private static final String AV = "WinDefender_Events_1117_1116_AtomicRedTeam.evtx";

    /**
     * Rule title, evidence file and EventRecordID. The Atomic Red Team sample holds eleven 1116/1117 detections
     * (EventRecordIDs 37..106) with "Threat Name" and "Path" as their data names; the antivirus rules read them as
     * Signature and Filename:
     * - Trojan:PowerShell/Powersploit.M (37, 101) holds "PowerSploit": exploitation framework and hacktool;
     * - HackTool:JS/Jsprat (75, 102, 105) holds "Hacktool";
     * - Backdoor:ASP/Ace.T (76, 103) holds "ASP/": web shell; its path ends in .aspx and 37/101's in .ps1: relevant
     *   file paths (the others end in .xsl, .dll or "->(SCRIPT0005)", and hold none of the rule's folders);
     * - all eleven are 1116 or 1117: Windows Defender Threat Detected.
     * JSON exports: redsun-1119.json holds two 1119 Real-Time Protection failures, one on a TieringEngineService.exe
     * with EICAR's threat name (9101), one raised by RedSun.exe (9102). defender-not-redsun.jsonl holds a plain
     * EICAR 1119 (9201), a RedSun-like 1116 (9202: a threat detection, not RedSun's 1119), a RedSun-like 1119 whose
     * source is not Real-Time Protection (9203), and two 3002 Real-Time Protection failures: 9204 is the Network
     * Inspection System case the rule filters out by Feature_Name (logged as "Feature Name"), 9205 is not.
     */
    private static final Set<String> EXPECTED = new TreeSet<>(List.of(
            "Antivirus - Exploitation Framework Signature|" + AV + "|37",
            "Antivirus - Exploitation Framework Signature|" + AV + "|101",
            "Antivirus - Hacktool Signature|" + AV + "|37",
            "Antivirus - Hacktool Signature|" + AV + "|75",
            "Antivirus - Hacktool Signature|" + AV + "|101",
            "Antivirus - Hacktool Signature|" + AV + "|102",
            "Antivirus - Hacktool Signature|" + AV + "|105",
            "Antivirus - Relevant File Paths Alerts Signature|" + AV + "|37",
            "Antivirus - Relevant File Paths Alerts Signature|" + AV + "|76",
            "Antivirus - Relevant File Paths Alerts Signature|" + AV + "|101",
            "Antivirus - Relevant File Paths Alerts Signature|" + AV + "|103",
            "Antivirus - Web Shell Detection Signature|" + AV + "|76",
            "Antivirus - Web Shell Detection Signature|" + AV + "|103",
            "Windows Defender Threat Detected|" + AV + "|37",
            "Windows Defender Threat Detected|" + AV + "|48",
            "Windows Defender Threat Detected|" + AV + "|75",
            "Windows Defender Threat Detected|" + AV + "|76",
            "Windows Defender Threat Detected|" + AV + "|95",
            "Windows Defender Threat Detected|" + AV + "|101",
            "Windows Defender Threat Detected|" + AV + "|102",
            "Windows Defender Threat Detected|" + AV + "|103",
            "Windows Defender Threat Detected|" + AV + "|104",
            "Windows Defender Threat Detected|" + AV + "|105",
            "Windows Defender Threat Detected|" + AV + "|106",
            "Windows Defender Threat Detected|defender-not-redsun.jsonl|9202",
            "Windows Defender Real-Time Protection Failure/Restart|defender-not-redsun.jsonl|9205",
            "RedSun - TieringEngineService.exe Detected as EICAR Test File|redsun-1119.json|9101",
            "RedSun - TieringEngineService.exe Detected as EICAR Test File|redsun-1119.json|9102"));

    @TempDir
    Path tmp;

    @Test
    void defenderRulesFireWhereTheyShouldAndNowhereElse() throws Exception {
        Path out = tmp.resolve("out");
        Path samples = Dwell.root().resolve("dwell-cli/src/test/resources/defender");
        Dwell.Result r = Dwell.run("scan", Dwell.corpus("evtx-attack-samples").toString(), samples.toString(),
                "--rules", Dwell.corpus("sigma/rules/category/antivirus").toString(),
                "--rules", Dwell.corpus("sigma/rules/windows/builtin/windefend").toString(),
                "--rules", Dwell.corpus("sigma/rules-emerging-threats/2026/Exploits/RedSun").toString(),
                "--no-builtin", "--no-pivot", "--no-case", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        Set<String> got = new TreeSet<>();
        List<String> lines = Files.readAllLines(out.resolve("findings.jsonl"));
        for (String line : lines) {
            JsonNode f = Json.MAPPER.readTree(line);
            JsonNode e = f.get("event");
            String record = e.has("EventRecordID") ? e.get("EventRecordID").asText()
                    : e.has("Event.System.EventRecordID") ? e.get("Event.System.EventRecordID").asText() : e.path("winlog.record_id").asText();
            String path = f.get("evidence").get("path").asText();
            got.add(f.get("rule").get("title").asText() + "|" + path.substring(path.lastIndexOf('/') + 1) + "|" + record);
        }
        assertEquals(EXPECTED, got);
        assertEquals(EXPECTED.size(), lines.size(), "one finding per rule and event");
        List<String> unmapped = new ArrayList<>();
        Json.MAPPER.readTree(out.resolve("summary.json").toFile()).get("unmapped_rules").forEach(u -> unmapped.add(u.toString()));
        assertEquals(List.of(), unmapped);
    }
}
