package dwell.cli;

import dwell.text.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dwell.testkit.OasisStixSchemas;
import dwell.text.SafeText;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Evidence whose strings carry every malformed and hostile form - lone UTF-16 surrogates (JSON escapes, UTF-16 in
 * EVTX), NULs, invalid UTF-8, ANSI escape sequences, C1 controls, bidi overrides, zero-width and tag characters, in
 * values, host names, file names and archive member names - hunted end to end: every output is written and parses
 * with strict parsers (Jackson and Python's json on strictly decoded UTF-8, Python's csv, the OASIS STIX schemas,
 * DuckDB, XML, headless Chromium), values read back as logged (a lone surrogate as U+FFFD), and nothing reaches
 * the terminal raw.
 */
class HostileTextIT {
    /** A command line as a JSON export carries it, in JSON escapes. */
    static final String JSON_COMMAND = "cmd /c evil \\ud800 lone \\u0000 nul \\u001b[2J\\u001b]0;pwned\\u0007 esc "
            + "\\u009b31m c1 \\u202egnp.exe bidi \\u200b zw \\udb40\\udc41 tag";
    /** The same as every output must give it back: only the lone surrogate is lost, as U+FFFD. */
    static final String COMMAND = "cmd /c evil \ufffd lone \u0000 nul \u001b[2J\u001b]0;pwned\u0007 esc "
            + "\u009b31m c1 \u202egnp.exe bidi \u200b zw \udb40\udc41 tag";
    static final String HOST = "HOST\u001b[31mEVIL";
    static final String MEMBER = "inetpub/\u001b]0;pwned\u0007u_ex210304\u202egol.log";
    static final String FILE = "name-\u001b[31mred\u202e.log";

    @TempDir
    static Path tmp;
    static Path evidence;
    static Path out;
    static Dwell.Result scan;

    @BeforeAll
    static void scan() throws Exception {
        evidence = Files.createDirectories(tmp.resolve("evidence"));
        Path rules = Files.createDirectories(tmp.resolve("rules"));
        writeEvidence(evidence);
        Files.writeString(rules.resolve("evil.yml"), TestRules.EVIL_REQUEST + "---\n" + TestRules.EVIL_COMMAND);
        out = tmp.resolve("out");
        scan = Dwell.run("scan", evidence.toString(), "--rules", rules.toString(),
                "--rules", Dwell.corpus("sigma/rules/windows/builtin/windefend").toString(), "--out", out.toString());
    }

    /** JSON lines, IIS logs (in a file with a hostile name and a zip member with one) and an EVTX with hostile UTF-16. */
    static void writeEvidence(Path dir) throws IOException {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        json.writeBytes(("{\"EventID\":4688,\"Channel\":\"Security\",\"Computer\":\"HOST\\u001b[31mEVIL\",\"TimeCreated\":"
                + "\"2021-03-03T07:00:00Z\",\"CommandLine\":\"" + JSON_COMMAND + "\",\"IpAddress\":\"203.0.113.9\"}\n")
                .getBytes(StandardCharsets.UTF_8));
        json.writeBytes("{\"EventID\":4688,\"Channel\":\"Security\",\"Computer\":\"HOST2\",\"TimeCreated\":\"2021-03-03T07:00:01Z\",\"CommandLine\":\"evil raw "
                .getBytes(StandardCharsets.UTF_8));
        json.writeBytes(new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc0, (byte) 0xaf, ' ', (byte) 0xc2, (byte) 0x9b, '3', '1', 'm', ' ',
                (byte) 0xe2, (byte) 0x80, (byte) 0xae, '"', '}', '\n'});
        // a raw ESC inside a JSON string is not JSON: the line is reported, never echoed raw
        json.writeBytes("{\"EventID\":4688,\"CommandLine\":\"raw \u001b[31m evil\"}\n".getBytes(StandardCharsets.UTF_8));
        Files.write(dir.resolve("events.jsonl"), json.toByteArray());
        Files.write(dir.resolve("u_ex210303.log"), w3c("2021-03-03"));
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(dir.resolve("triage.zip")))) {
            z.putNextEntry(new ZipEntry(MEMBER));
            z.write(w3c("2021-03-04"));
            z.closeEntry();
        }
        Files.write(dir.resolve(FILE), w3c("2021-03-05"));
        Files.write(dir.resolve("defender.evtx"), hostileEvtx());
    }

    /** An IIS log whose hostile lines come after 8 KB of plain ones (a NUL in the head makes a file binary). */
    static byte[] w3c(String day) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n#Date: " + day + " 06:00:00\r\n"
                + "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) "
                + "cs(Referer) sc-status sc-substatus sc-win32-status time-taken\r\n").getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 120; i++) {
            b.writeBytes(String.format("%s 06:%02d:%02d 10.0.0.5 GET /owa/ - 443 - 198.51.100.%d Mozilla/5.0 - 200 0 0 1\r\n",
                    day, i / 60, i % 60, i % 250).getBytes(StandardCharsets.US_ASCII));
        }
        b.writeBytes((day + " 07:01:00 10.0.0.5 GET /evil/\u001b[31mred\u001b[0m.aspx q=\u0000nul 443 - 203.0.113.9 "
                + "Mozilla/5.0+\u001b]0;pwned\u0007+").getBytes(StandardCharsets.UTF_8));
        b.writeBytes(new byte[] {(byte) 0xc2, (byte) 0x9b, '2', 'J'});
        b.writeBytes(" - 200 0 0 1\r\n".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes((day + " 07:01:01 10.0.0.5 GET /evil/").getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xe2, (byte) 0x80, (byte) 0xae});
        b.writeBytes("gnp.aspx - 443 - 203.0.113.9 curl/".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80});
        b.writeBytes(" - 200 0 0 1\r\n".getBytes(StandardCharsets.US_ASCII));
        return b.toByteArray();
    }

    /**
     * The public Defender sample with "po" and "we" of its first "powershell.exe" (UTF-16LE) replaced by ESC, a lone
     * high surrogate, a C1 CSI and a right-to-left override (the chunk checksum then mismatches: read anyway).
     */
    static byte[] hostileEvtx() throws IOException {
        byte[] b = Files.readAllBytes(Dwell.corpus("evtx-attack-samples/AutomatedTestingTools/WinDefender_Events_1117_1116_AtomicRedTeam.evtx"));
        byte[] pattern = "powershell.exe".getBytes(StandardCharsets.UTF_16LE);
        int at = indexOf(b, pattern);
        assertTrue(at > 0);
        byte[] hostile = {0x1b, 0, 0, (byte) 0xd8, (byte) 0x9b, 0, 0x2e, 0x20};
        System.arraycopy(hostile, 0, b, at, hostile.length);
        return b;
    }

    static final String EVTX_PROCESS = "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\\u001b\ufffd\u009b\u202ershell.exe";

    private static int indexOf(byte[] b, byte[] p) {
        outer:
        for (int i = 0; i + p.length <= b.length; i++) {
            for (int j = 0; j < p.length; j++) if (b[i + j] != p[j]) continue outer;
            return i;
        }
        return -1;
    }

    @Test
    void theScanWritesEveryOutputAndItsSummaryShowsTheTextInert() {
        assertEquals(0, scan.exit(), scan.err());
        for (String f : List.of("findings.jsonl", "inventory.json", "summary.json", "incidents.json", "case.duckdb", "report.html")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        assertInert(scan.out());
        assertInert(scan.err());
        assertTrue(scan.out().contains("HOST\\x1b[31mEVIL"), scan.out());
    }

    @Test
    void theUnreadableLineIsReportedNeverEchoedRaw() throws Exception {
        JsonNode inventory = strictJson(strictUtf8(out.resolve("inventory.json")));
        String error = null;
        for (JsonNode i : inventory.get("items")) {
            if (i.get("path").asText().endsWith("events.jsonl")) error = i.get("error").asText();
        }
        assertTrue(error != null && error.startsWith("1 unreadable: line 3: malformed JSON"), error);
        assertInert(error);
    }

    @Test
    void jsonOutputsAreStrictUtf8AndGiveTheValuesBack() throws Exception {
        List<JsonNode> findings = new ArrayList<>();
        for (String line : strictUtf8(out.resolve("findings.jsonl")).split("\n")) findings.add(strictJson(line));
        for (String f : List.of("inventory.json", "summary.json", "incidents.json")) strictJson(strictUtf8(out.resolve(f)));
        pythonJsonAccepts(out.resolve("findings.jsonl"), out.resolve("inventory.json"), out.resolve("summary.json"),
                out.resolve("incidents.json"));
        List<String> commands = new ArrayList<>();
        List<String> processes = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (JsonNode f : findings) {
            if (f.get("event").has("CommandLine")) commands.add(f.get("event").get("CommandLine").asText());
            if (f.get("event").has("Process Name")) processes.add(f.get("event").get("Process Name").asText());
            paths.add(f.get("evidence").get("path").asText());
        }
        assertTrue(commands.contains(COMMAND), commands.toString());
        assertTrue(commands.contains("evil raw \ufffd\ufffd\ufffd\ufffd \u009b31m \u202e"), commands.toString());
        assertTrue(processes.contains(EVTX_PROCESS), processes.toString());
        assertTrue(paths.contains(evidence.resolve("triage.zip") + "!/" + MEMBER), paths.toString());
        assertTrue(paths.contains(evidence.resolve(FILE).toString()), paths.toString());
        JsonNode summary = Json.MAPPER.readTree(out.resolve("summary.json").toFile());
        assertEquals(findings.size(), summary.get("findings").asInt());
        boolean hostileHost = false;
        for (JsonNode h : summary.get("hosts")) hostileHost |= h.get("host").asText().equals(HOST);
        assertTrue(hostileHost, summary.get("hosts").toString());
    }

    @Test
    void theCaseHoldsTheValuesAsLoggedAndItsTablesShowThemInert() throws Exception {
        Dwell.Result json = Dwell.run("query", out.resolve("case.duckdb").toString(), "SELECT json_extract_string(event, '$.CommandLine') AS c "
                + "FROM findings WHERE c LIKE 'cmd /c evil%'", "--format", "json");
        assertEquals(0, json.exit(), json.err());
        assertEquals(COMMAND, strictJson(json.out()).get(0).get("c").asText());
        Dwell.Result table = Dwell.run("query", out.resolve("case.duckdb").toString(), "SELECT host, path, event FROM findings ORDER BY id");
        assertEquals(0, table.exit(), table.err());
        assertInert(table.out());
        assertTrue(table.out().contains("HOST\\x1b[31mEVIL") && table.out().contains("\\x1b]0;pwned\\x07u_ex210304\\u202egol.log"), table.out());
        Dwell.Result inventory = Dwell.run("inventory", evidence.toString());
        assertEquals(0, inventory.exit(), inventory.err());
        assertInert(inventory.out());
        assertTrue(inventory.out().contains("triage.zip!/inetpub/\\x1b]0;pwned\\x07u_ex210304\\u202egol.log"), inventory.out());
        assertTrue(inventory.out().contains("name-\\x1b[31mred\\u202e.log"), inventory.out());
    }

    @Test
    void timesketchCsvParsesWithEveryRowWhole() throws Exception {
        Path csv = tmp.resolve("timeline.csv");
        Dwell.Result r = Dwell.run("report", out.resolve("case.duckdb").toString(), "--format", "csv", "--out", csv.toString());
        assertEquals(0, r.exit(), r.err());
        String text = strictUtf8(csv);
        assertInert(text);
        String py = python("""
                import csv, sys
                rows = list(csv.reader(open(sys.argv[1], encoding='utf-8', errors='strict', newline=''), strict=True))
                assert all(len(r) == 19 for r in rows), [len(r) for r in rows]
                print(len(rows) - 1)
                """, csv.toString());
        assertEquals(Files.readAllLines(out.resolve("findings.jsonl")).size(), Integer.parseInt(py.strip()));
        assertTrue(text.contains("HOST\\x1b[31mEVIL"), text);
    }

    @Test
    void stixBundleIsValidAgainstTheOasisSchemas() throws Exception {
        Path bundle = tmp.resolve("bundle.json");
        // user agents are weak indicators (confidence 30): asked for, so that the hostile ones are shared too
        Dwell.Result r = Dwell.run("report", out.resolve("case.duckdb").toString(), "--format", "stix", "--min-confidence", "30",
                "--out", bundle.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode b = strictJson(strictUtf8(bundle));
        assertEquals(List.of(), OasisStixSchemas.load().validateBundle(b));
        pythonJsonAccepts(bundle);
        boolean hostileAgent = false;
        for (JsonNode o : b.get("objects")) hostileAgent |= o.path("pattern").asText().contains("Mozilla/5.0 \u001b]0;pwned\u0007 \u009b2J");
        assertTrue(hostileAgent, "the user agent is shared as logged");
    }

    @Test
    void htmlReportShowsTheTextEscapedAndRunsNothing() throws Exception {
        String html = strictUtf8(out.resolve("report.html"));
        assertInert(html);
        ChromeDriver browser = Chromium.open(out.resolve("report.html"), tmp.resolve("profile"));
        try {
            JavascriptExecutor js = browser;
            assertNull(js.executeScript("return window.__pwned === undefined ? null : String(window.__pwned);"));
            String text = browser.findElement(By.tagName("body")).getText();
            assertInert(text);
            assertTrue(text.contains("HOST\\x1b[31mEVIL"), text);
            assertTrue(text.contains("name-\\x1b[31mred\\u202e.log"), text);
            assertTrue(browser.findElement(By.id("page-info")).getText()
                    .startsWith(Files.readAllLines(out.resolve("findings.jsonl")).size() + " findings"));
        } finally {
            browser.quit();
        }
    }

    @Test
    void evtxDumpOfHostileUtf16GivesStrictJsonAndXml() throws Exception {
        Path evtx = evidence.resolve("defender.evtx");
        byte[] jsonl = dump(evtx, "jsonl");
        String text = strictUtf8(jsonl);
        assertInert(text);
        List<String> processes = new ArrayList<>();
        for (String line : text.split("\n")) processes.add(strictJson(line).get("fields").get("Process Name").asText());
        assertEquals(11, processes.size());
        assertTrue(processes.contains(EVTX_PROCESS), processes.toString());
        String xml = strictUtf8(dump(evtx, "xml"));
        assertInert(xml);
        int parsed = 0;
        for (String line : xml.split("\n")) {
            // XML 1.1 takes the control characters as the references the dump writes
            byte[] doc = ("<?xml version=\"1.1\"?>" + line).getBytes(StandardCharsets.UTF_8);
            String all = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(doc))
                    .getDocumentElement().getTextContent();
            if (all.contains(EVTX_PROCESS)) parsed++;
        }
        assertEquals(1, parsed, "the hostile value reads back from the XML");
    }

    /** The raw stdout of evtx dump (written past the terminal guard, so its own escaping is what is tested). */
    private static byte[] dump(Path evtx, String format) throws Exception {
        Process p = new ProcessBuilder(Dwell.root().resolve("dwell").toString(), "evtx", "dump", evtx.toString(), "--format", format)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] bytes = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue());
        return bytes;
    }

    /** No raw hidden character but line feeds, tabs and the CR of a CR LF. */
    static void assertInert(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\t' || c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') continue;
            assertFalse(SafeText.isLoneSurrogate(s, i), "lone surrogate at " + i);
            int cp = s.codePointAt(i);
            assertFalse(SafeText.isHidden(cp), "raw U+" + Integer.toHexString(cp) + " at " + i + ": "
                    + SafeText.visible(s.substring(Math.max(0, i - 40), Math.min(s.length(), i + 40))));
        }
    }

    static String strictUtf8(Path p) throws IOException {
        return strictUtf8(Files.readAllBytes(p));
    }

    static String strictUtf8(byte[] b) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
    }

    /** Parses with Jackson and checks that no string or name in it holds a lone surrogate (a legal {@code \ud800}). */
    static JsonNode strictJson(String text) throws IOException {
        JsonNode n = Json.MAPPER.readTree(text);
        wellFormed(n);
        return n;
    }

    private static void wellFormed(JsonNode n) {
        if (n.isTextual()) assertEquals(SafeText.wellFormed(n.asText()), n.asText());
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            assertEquals(SafeText.wellFormed(e.getKey()), e.getKey());
            wellFormed(e.getValue());
        }
        if (n.isArray()) n.forEach(HostileTextIT::wellFormed);
    }

    /** Python's json on strictly decoded UTF-8, every string re-encoded strictly (a lone surrogate fails). */
    static void pythonJsonAccepts(Path... files) throws Exception {
        List<String> args = new ArrayList<>();
        for (Path f : files) args.add(f.toString());
        python("""
                import json, sys
                def walk(o):
                    if isinstance(o, dict):
                        for k, v in o.items(): walk(k); walk(v)
                    elif isinstance(o, list):
                        for v in o: walk(v)
                    elif isinstance(o, str):
                        o.encode('utf-8')
                for name in sys.argv[1:]:
                    text = open(name, 'rb').read().decode('utf-8')
                    docs = [l for l in text.split('\\n') if l] if name.endswith('.jsonl') else [text]
                    for d in docs: walk(json.loads(d))
                print('ok')
                """, args.toArray(String[]::new));
    }

    /** Runs a Python 3 script and returns its output; fails with its error output when it fails. */
    static String python(String script, String... args) throws Exception {
        Path f = Files.createTempFile(tmp, "check", ".py");
        Files.writeString(f, script);
        List<String> cmd = new ArrayList<>(List.of("python3", f.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String o = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), o);
        return o;
    }
}
