package dwell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dwell.text.Json;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The cases of issue 19 end to end: hostile rules and archives give a reason, never a crash or a hang. */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class HostileRulesIT {
    private static final String W3C = "#Software: Microsoft Internet Information Services 10.0\n#Version: 1.0\n"
            + "#Date: 2021-03-03 00:00:00\n#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port "
            + "cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\n"
            + "2021-03-03 01:02:03 10.0.0.5 GET /owa/ - 443 - 10.0.0.9 Mozilla/5.0 - 200 0 0 15\n";

    @TempDir
    Path dir;

    private static String nested(String open, String inner, String close, int depth) {
        return open.repeat(depth) + inner + close.repeat(depth);
    }

    /** A zip of three stored logs whose second member claims compression method 95 (xz). */
    private static byte[] zipWithMethod95() throws Exception {
        java.io.ByteArrayOutputStream bo = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bo)) {
            for (String name : new String[] {"a/u_ex210303.log", "b/u_ex210303.log", "c/u_ex210303.log"}) {
                byte[] data = W3C.getBytes(StandardCharsets.UTF_8);
                ZipEntry e = new ZipEntry(name);
                e.setMethod(ZipEntry.STORED);
                e.setSize(data.length);
                CRC32 crc = new CRC32();
                crc.update(data);
                e.setCrc(crc.getValue());
                z.putNextEntry(e);
                z.write(data);
                z.closeEntry();
            }
        }
        byte[] zip = bo.toByteArray();
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        byte[] name = "b/u_ex210303.log".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 46 < zip.length; i++) {
            if (b.getInt(i) == 0x04034b50 && regionMatches(zip, i + 30, name)) b.putShort(i + 8, (short) 95);
            if (b.getInt(i) == 0x02014b50 && regionMatches(zip, i + 46, name)) b.putShort(i + 10, (short) 95);
        }
        return zip;
    }

    private static boolean regionMatches(byte[] data, int at, byte[] what) {
        if (at + what.length > data.length) return false;
        for (int k = 0; k < what.length; k++) if (data[at + k] != what[k]) return false;
        return true;
    }

    @Test
    void inventoryReportsTheMethod95MemberAndReadsTheOthers() throws Exception {
        Path zip = Files.write(dir.resolve("x.zip"), zipWithMethod95());
        Dwell.Result r = Dwell.run("inventory", "--format", "json", zip.toString());
        assertEquals(0, r.exit(), r.err());
        assertFalse(r.err().contains("internal error"), r.err());
        JsonNode items = Json.MAPPER.readTree(r.out()).path("items");
        assertEquals(4, items.size(), r.out());
        for (JsonNode item : items) {
            String path = item.path("path").asText();
            if (path.endsWith("!/b/u_ex210303.log")) {
                assertEquals("unsupported compression method 95 (xz): not read", item.path("error").asText(), r.out());
            } else if (path.endsWith("u_ex210303.log")) {
                assertEquals("iis-w3c", item.path("format").asText(), path);
                assertEquals(1, item.path("events").asInt(), path);
            }
        }
    }

    @Test
    void scanWithASigmaConditionFiveThousandDeepRejectsThatRuleAndScans() throws Exception {
        Path log = Files.writeString(dir.resolve("u_ex210303.log"), W3C);
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Path rule = Files.writeString(rules.resolve("deep.yml"), "title: deep\nid: 0d9b7a3e-1d2f-4c3b-9a8e-000000000019\n"
                + "logsource:\n  product: windows\ndetection:\n  sel:\n    EventID: 1\n  condition: "
                + nested("(", "sel", ")", 5000) + "\nlevel: high\n");
        Files.writeString(rules.resolve("good.yml"), "title: good\nid: 0d9b7a3e-1d2f-4c3b-9a8e-000000000020\n"
                + "logsource:\n  category: webserver\ndetection:\n  sel:\n    cs-method: POST\n  condition: sel\nlevel: low\n");
        // a folder's rejected rule is reported and the scan goes on with the others (issue 18's rule for --rules)
        Path out = dir.resolve("out");
        Dwell.Result r = Dwell.run("scan", log.toString(), "--rules", rules.toString(), "--out", out.toString());
        assertFalse(r.err().contains("StackOverflowError"), r.err());
        assertTrue((r.out() + r.err()).contains(rule + ":8: nesting deeper than 100"), r.out() + r.err());
        assertTrue(Files.exists(out.resolve("findings.jsonl")), "the scan ran with the other rules");
        assertEquals(0, r.exit(), r.err());
        // named alone, the file that does not load is an input error: one line, no stack overflow, nothing scanned
        Path out2 = dir.resolve("out2");
        Dwell.Result alone = Dwell.run("scan", log.toString(), "--rules", rule.toString(), "--out", out2.toString());
        assertEquals(2, alone.exit(), alone.err());
        assertFalse(alone.err().contains("StackOverflowError"), alone.err());
        assertTrue(alone.err().contains(rule + ":8: nesting deeper than 100"), alone.err());
        assertFalse(Files.exists(out2.resolve("findings.jsonl")));
    }

    @Test
    void yaraConditionTwentyThousandDeepIsAnErrorFromBothCommands() throws Exception {
        Path log = Files.writeString(dir.resolve("u_ex210303.log"), W3C);
        Path rule = Files.writeString(dir.resolve("deep.yar"), "rule deep { condition: " + nested("(", "true", ")", 20_000) + " }\n");
        Dwell.Result yara = Dwell.run("yara", "scan", "--rules", rule.toString(), log.toString());
        assertEquals(2, yara.exit(), yara.err());
        assertTrue(yara.err().startsWith(rule + ":1:"), yara.err());
        assertTrue(yara.err().contains("nesting deeper than 100"), yara.err());
        Dwell.Result scan = Dwell.run("scan", log.toString(), "--yara", rule.toString(), "--out", dir.resolve("o").toString());
        assertEquals(2, scan.exit(), scan.err());
        assertTrue(scan.err().contains("nesting deeper than 100"), scan.err());
        assertFalse(scan.err().contains("StackOverflowError"), scan.err());
    }

    @Test
    void yaraRulesThatNeverFinishedFinishWithinSecondsAndWarn() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("a.txt"), "a".repeat(1 << 20));
        Files.writeString(data.resolve("events.json"), "{\"CommandLine\":\"" + "a".repeat(100_000) + "\"}\n");
        Path rules = Files.writeString(dir.resolve("slow.yar"),
                "rule hex60 { strings: $a = { " + "61 [0-200] ".repeat(60) + "62 } condition: $a }\n"
                        + "rule nested { strings: $a = /(a+)+b/ condition: $a }\n"
                        + "rule dotstar { strings: $a = /a.*b.*c.*d/s condition: $a }\n"
                        + "rule alt { strings: $a = /(a|aa){1,1000}c/ condition: $a }\n");
        long start = System.nanoTime();
        Dwell.Result r = Dwell.run("yara", "scan", "--timeout", "60", "--rules", rules.toString(), data.toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.out(), "nothing matches");
        assertTrue(seconds < 60, "took " + seconds + " s (yara itself needs minutes)");
        assertTrue(r.err().contains("rule \"hex60\": string $a may slow down scanning"), r.err());
        assertFalse(r.err().contains("timeout"), r.err());
    }

    @Test
    void aBackReferenceIsRejectedAsYaraRejectsIt() throws Exception {
        Path rule = Files.writeString(dir.resolve("backref.yar"), "rule backref { strings: $a = /(a*)*\\1c/ condition: $a }\n");
        Dwell.Result r = Dwell.run("yara", "scan", "--rules", rule.toString(), dir.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("backreferences are not allowed"), r.err());
    }

    @Test
    void aFilePastTheTimeoutIsAnErrorAndTheOthersAreScanned() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        // every offset truly starts a 3,000-byte match: real work, far more than a second of it
        Files.writeString(data.resolve("a-slow.txt"), ("a".repeat(3000) + "z").repeat(500));
        Files.writeString(data.resolve("b-quick.txt"), "az");
        Path rule = Files.writeString(dir.resolve("t.yar"), "rule t { strings: $a = /[a-y].{0,3000}z/s condition: $a }\n");
        Dwell.Result r = Dwell.run("yara", "scan", "--timeout", "1", "--threads", "1", "--rules", rule.toString(), data.toString());
        assertEquals("t " + data.resolve("b-quick.txt") + "\n", r.out(), r.err());
        assertTrue(r.err().contains("error: " + data.resolve("a-slow.txt") + ": timeout: scanning took longer than 1 s"), r.err());
    }

    @Test
    void scanListsTheFilesItsYaraRulesCouldNotFinish() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        // every offset truly starts a 3,000-byte match: real work, far more than a second of it
        Files.writeString(data.resolve("a-slow.txt"), ("a".repeat(3000) + "z").repeat(500));
        Files.writeString(data.resolve("b-quick.txt"), "az");
        Path rule = Files.writeString(dir.resolve("t.yar"), "rule t { strings: $a = /[a-y].{0,3000}z/s condition: $a }\n");
        Path out = dir.resolve("out");
        Dwell.Result r = Dwell.run("scan", data.toString(), "--yara", rule.toString(), "--yara-timeout", "1", "--threads", "1",
                "--no-builtin", "--no-case", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode notScanned = Json.MAPPER.readTree(out.resolve("summary.json").toFile()).path("yara").path("not_scanned");
        assertEquals(1, notScanned.size(), notScanned.toString());
        assertEquals(data.resolve("a-slow.txt").toString(), notScanned.get(0).path("path").asText());
        assertEquals("timeout: scanning took longer than 1 s", notScanned.get(0).path("reason").asText());
        assertTrue(r.out().contains("YARA did not scan 1 file"), r.out());
        assertTrue(Files.readString(out.resolve("findings.jsonl")).contains("b-quick.txt"), "the quick file was scanned and matched");
        assertEquals(2, Dwell.run("scan", data.toString(), "--yara", rule.toString(), "--yara-timeout", "-1", "--no-builtin",
                "--no-case", "--out", dir.resolve("out2").toString()).exit());
    }
}
