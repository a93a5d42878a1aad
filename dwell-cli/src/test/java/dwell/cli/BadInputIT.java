package dwell.cli;

import dwell.text.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bad inputs of issue 2, end to end: each problem reported on its item, every other item read. */
class BadInputIT {
    private static final String HEADER = "#Software: Microsoft Internet Information Services 10.0\n#Version: 1.0\n"
            + "#Date: 2021-03-03 00:00:00\n#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port "
            + "cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\n";

    @TempDir
    static Path dir;
    static Map<String, JsonNode> items;
    static JsonNode inventory;

    static String line(int i) {
        return String.format("2021-03-03 01:%02d:%02d 10.0.0.21 GET /owa/ - 443 - 10.0.1.%d Mozilla/5.0 - 200 0 0 15\n",
                i / 60 % 60, i % 60, i % 250);
    }

    static String lines(int from, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < from + n; i++) sb.append(line(i));
        return sb.toString();
    }

    static void write(String name, byte[] bytes) throws IOException {
        Files.write(dir.resolve(name), bytes);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @BeforeAll
    static void takeInventory() throws Exception {
        write("u_ex210301.log", utf8(HEADER + lines(0, 10)));                      // the good one
        write("empty.log", new byte[0]);
        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        garbage[0] = 0;
        write("u_ex210302.log", garbage);                                           // binary garbage named .log
        byte[] gz = gzip(utf8(HEADER + lines(0, 5000)));
        write("u_ex210303.log.gz", Arrays.copyOf(gz, gz.length / 2));               // truncated .gz
        write("evil.zip", zip("../evil", utf8("pwned"), "/etc/x", utf8("pwned"),
                "u_ex210304.log", utf8(HEADER + lines(0, 3))));                     // unsafe member names
        write("bomb.zip", zip("zeros.gz", gzipZeros(512L << 20)));                  // nested zip bomb
        try (OutputStream out = Files.newOutputStream(dir.resolve("u_ex210305.log"))) { // a 50 MB line
            out.write(utf8(HEADER + lines(0, 2)));
            byte[] chunk = new byte[1 << 20];
            Arrays.fill(chunk, (byte) 'A');
            for (int i = 0; i < 50; i++) out.write(chunk);
            out.write('\n');
            out.write(utf8(lines(2, 2)));
        }
        byte[] bad = utf8(HEADER + lines(0, 4));                                    // invalid UTF-8 in a field
        int at = HEADER.length() + line(0).indexOf("Mozilla");
        bad[at] = (byte) 0xff;
        bad[at + 1] = (byte) 0xfe;
        bad[at + 2] = (byte) 0xc3;
        write("u_ex210306.log", bad);
        write("u_ex210307.log", utf8((HEADER + lines(0, 6)).replace("\n", "\r\n")       // CRLF and LF mixed
                .replaceFirst("\r\n(2021-03-03 01:00:02)", "\n$1")));
        byte[] bom = utf8(HEADER + lines(0, 7));
        byte[] withBom = new byte[bom.length + 3];
        withBom[0] = (byte) 0xef;
        withBom[1] = (byte) 0xbb;
        withBom[2] = (byte) 0xbf;
        System.arraycopy(bom, 0, withBom, 3, bom.length);
        write("u_ex210308.log", withBom);                                           // UTF-8 BOM
        byte[] u16 = (HEADER + lines(0, 8)).getBytes(StandardCharsets.UTF_16LE);
        byte[] withU16Bom = new byte[u16.length + 2];
        withU16Bom[0] = (byte) 0xff;
        withU16Bom[1] = (byte) 0xfe;
        System.arraycopy(u16, 0, withU16Bom, 2, u16.length);
        write("u_ex210309.log", withU16Bom);                                        // UTF-16LE BOM
        write("u_ex210310.log", utf8(HEADER.substring(0, HEADER.indexOf("#Fields")) + lines(0, 3))); // no #Fields
        Dwell.Result r = Dwell.run("inventory", dir.toString(), "--format", "json");
        assertEquals(0, r.exit(), r.err());
        inventory = Json.MAPPER.readTree(r.out());
        items = InventoryIT.byPath(inventory.get("items"));
    }

    static JsonNode item(String name) {
        JsonNode i = items.get(dir + "/" + name);
        if (i == null) throw new AssertionError("no item " + name + " in " + items.keySet());
        return i;
    }

    @Test
    void everyItemIsListed() {
        assertEquals(18, items.size(), items.keySet().toString());
    }

    @Test
    void theGoodLogIsReadWhole() {
        JsonNode good = item("u_ex210301.log");
        assertEquals(10, good.get("events").asLong());
        assertEquals(0, good.get("errors").asLong());
        assertEquals("2021-03-03T01:00:00Z", good.get("first").asText());
    }

    @Test
    void emptyFile() {
        JsonNode e = item("empty.log");
        assertEquals(1, e.get("errors").asLong());
        assertEquals("empty: no bytes", e.get("error").asText());
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", e.get("sha256").asText());
    }

    @Test
    void binaryGarbageNamedLog() {
        JsonNode g = item("u_ex210302.log");
        assertEquals("unknown", g.get("format").asText());
        assertEquals(0, g.get("events").asLong());
        assertEquals("content matches no known log format: not read", g.get("error").asText());
    }

    @Test
    void truncatedGzKeepsWhatItHeldAndSaysWhy() {
        JsonNode m = item("u_ex210303.log.gz!/u_ex210303.log");
        assertEquals("iis-w3c", m.get("format").asText());
        assertTrue(m.get("events").asLong() > 100 && m.get("events").asLong() < 5000, m.toString());
        assertTrue(m.get("error").asText().contains("truncated: unexpected end of data"), m.toString());
        assertTrue(item("u_ex210303.log.gz").get("error").asText().contains("truncated"));
    }

    @Test
    void unsafeMemberNamesAreReportedNeverWritten() {
        for (String bad : new String[] {"evil.zip!/../evil", "evil.zip!//etc/x"}) {
            JsonNode m = item(bad);
            assertEquals("unsafe member name (absolute or with ..): reported, not read", m.get("error").asText());
            assertTrue(m.get("sha256").isNull());
        }
        assertEquals(3, item("evil.zip!/u_ex210304.log").get("events").asLong());
        assertTrue(Files.notExists(dir.resolveSibling("evil")));
        assertTrue(Files.notExists(Dwell.root().resolve("evil")));
    }

    @Test
    void zipBombIsStoppedAtTheLimitAndReported() {
        JsonNode member = item("bomb.zip!/zeros.gz!/zeros");
        assertTrue(member.get("error").asText().startsWith("decompression limit: expansion ratio over 1000:1"),
                member.toString());
        assertTrue(item("bomb.zip").get("error").asText().contains("decompression limit"));
    }

    @Test
    void fiftyMegabyteLineIsOneUnreadableLine() {
        JsonNode l = item("u_ex210305.log");
        assertEquals(4, l.get("events").asLong());
        assertEquals(1, l.get("errors").asLong());
        assertTrue(l.get("error").asText().startsWith("1 unreadable: line 7: "), l.toString());
    }

    @Test
    void invalidUtf8DoesNotLoseTheLine() {
        JsonNode l = item("u_ex210306.log");
        assertEquals(4, l.get("events").asLong());
        assertEquals(0, l.get("errors").asLong(), l.toString());
    }

    @Test
    void mixedLineEndings() {
        JsonNode l = item("u_ex210307.log");
        assertEquals(6, l.get("events").asLong());
        assertEquals(0, l.get("errors").asLong());
        assertEquals("2021-03-03T01:00:05Z", l.get("last").asText());
    }

    @Test
    void byteOrderMarks() {
        JsonNode u8 = item("u_ex210308.log");
        assertEquals("iis-w3c", u8.get("format").asText());
        assertEquals(7, u8.get("events").asLong());
        assertEquals(0, u8.get("errors").asLong());
        JsonNode u16 = item("u_ex210309.log");
        assertEquals("iis-w3c", u16.get("format").asText());
        assertEquals(8, u16.get("events").asLong());
        assertEquals(0, u16.get("errors").asLong());
        assertEquals("2021-03-03T01:00:07Z", u16.get("last").asText());
    }

    @Test
    void missingFieldsLineMakesEveryDataLineUnreadable() {
        JsonNode l = item("u_ex210310.log");
        assertEquals("iis-w3c", l.get("format").asText());
        assertEquals(0, l.get("events").asLong());
        assertEquals(3, l.get("errors").asLong());
        assertTrue(l.get("error").asText().startsWith("3 unreadable: line 4: data line before any #Fields"),
                l.toString());
    }

    @Test
    void totalsCountOnlyWhatWasRead() {
        assertEquals(10 + 3 + 4 + 4 + 6 + 7 + 8 + item("u_ex210303.log.gz!/u_ex210303.log").get("events").asLong(),
                inventory.get("total_events").asLong());
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(bo)) {
            g.write(data);
        }
        return bo.toByteArray();
    }

    static byte[] gzipZeros(long n) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        byte[] zeros = new byte[1 << 16];
        try (GZIPOutputStream g = new GZIPOutputStream(bo, 1 << 16)) {
            for (long done = 0; done < n; done += zeros.length) g.write(zeros, 0, (int) Math.min(zeros.length, n - done));
        }
        return bo.toByteArray();
    }

    static byte[] zip(Object... nameThenBytes) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bo)) {
            for (int i = 0; i < nameThenBytes.length; i += 2) {
                z.putNextEntry(new ZipEntry((String) nameThenBytes[i]));
                z.write((byte[]) nameThenBytes[i + 1]);
                z.closeEntry();
            }
        }
        return bo.toByteArray();
    }
}
