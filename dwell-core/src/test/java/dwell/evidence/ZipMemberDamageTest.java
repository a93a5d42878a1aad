package dwell.evidence;

import static dwell.evidence.Fixtures.W3C;
import static dwell.evidence.Fixtures.members;
import static dwell.evidence.Fixtures.sha256;
import static dwell.evidence.Fixtures.tar;
import static dwell.evidence.Fixtures.utf8;
import static dwell.evidence.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.format.w3c.IisW3cLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zip members that cannot be decompressed are reported on the member and cost nothing else, both when the zip
 * is a file read through its central directory and when it is a member streamed from another archive.
 */
class ZipMemberDamageTest {
    private static final String A = W3C;
    private static final String B = W3C.replace("/owa/", "/ecp/");
    private static final String C = W3C.replace("/owa/", "/ews/");

    @TempDir
    Path dir;

    private static Recorder walk(Path root) throws IOException {
        Recorder r = new Recorder();
        new Catalog(CatalogLimits.DEFAULT, 1).walk(List.of(root), r);
        return r;
    }

    /** Three stored members (sizes in the local headers, as a streaming reader needs to skip one). */
    private static byte[] storedZip() throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (var z = new java.util.zip.ZipOutputStream(bo)) {
            for (var e : members("a/u_ex210303.log", A, "b/u_ex210303.log", B, "c/u_ex210303.log", C).entrySet()) {
                var entry = new java.util.zip.ZipEntry(e.getKey());
                entry.setMethod(java.util.zip.ZipEntry.STORED);
                entry.setSize(e.getValue().length);
                CRC32 crc = new CRC32();
                crc.update(e.getValue());
                entry.setCrc(crc.getValue());
                z.putNextEntry(entry);
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return bo.toByteArray();
    }

    /** Sets a 16-bit field of member {@code name}'s local header and central directory record. */
    private static byte[] patch(byte[] zip, String name, int localOffset, int centralOffset, int value) {
        ByteBuffer b = ByteBuffer.wrap(zip.clone()).order(ByteOrder.LITTLE_ENDIAN);
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        int patched = 0;
        for (int i = 0; i + 46 < zip.length; i++) {
            int sig = b.getInt(i);
            if (sig == 0x04034b50 && matches(zip, i + 30, n)) {
                b.putShort(i + localOffset, (short) value);
                patched++;
            } else if (sig == 0x02014b50 && matches(zip, i + 46, n)) {
                b.putShort(i + centralOffset, (short) value);
                patched++;
            }
        }
        assertEquals(2, patched, "local header and central record of " + name);
        return b.array();
    }

    private static boolean matches(byte[] data, int at, byte[] name) {
        if (at + name.length > data.length) return false;
        for (int i = 0; i < name.length; i++) if (data[at + i] != name[i]) return false;
        return true;
    }

    private static byte[] withMethod(byte[] zip, String name, int method) {
        return patch(zip, name, 8, 10, method);
    }

    private static void assertNeighboursRead(Recorder r) {
        for (var e : List.of(List.of("a/u_ex210303.log", A), List.of("c/u_ex210303.log", C))) {
            Recorder.Seen s = r.get("!/" + e.get(0));
            assertEquals(List.of(), s.problems(), e.get(0));
            assertEquals(sha256(utf8(e.get(1))), s.item().sha256(), e.get(0));
            assertEquals(IisW3cLog.ID, s.item().format(), e.get(0));
        }
    }

    @Test
    void memberWithMethod95IsReportedAndTheRestIsRead() throws Exception {
        Path z = write(dir, "x.zip", withMethod(storedZip(), "b/u_ex210303.log", 95));
        Recorder r = walk(z);
        Recorder.Seen bad = r.get("!/b/u_ex210303.log");
        assertEquals(List.of("unsupported compression method 95 (xz): not read"), bad.problems());
        assertNull(bad.item().sha256());
        assertEquals(-1, bad.bytesRead(), "never handed to a reader");
        assertNeighboursRead(r);
        assertEquals(List.of(), r.get("x.zip").problems());
    }

    @Test
    void unknownMethodInAStreamedZipIsSkippedByItsSize() throws Exception {
        byte[] zip = withMethod(storedZip(), "b/u_ex210303.log", 200);
        Path t = write(dir, "triage.tar", tar(members("logs.zip", zip)));
        Recorder r = walk(t);
        assertEquals(List.of("unsupported compression method 200 (unknown): not read"),
                r.get("!/b/u_ex210303.log").problems());
        assertNeighboursRead(r);
        assertEquals(List.of(), r.get("triage.tar!/logs.zip").problems());
    }

    @Test
    void encryptedMemberIsReportedAndTheRestIsRead() throws Exception {
        // general purpose flag bit 0: the member's data is encrypted
        byte[] zip = patch(storedZip(), "b/u_ex210303.log", 6, 8, 1);
        Recorder r = walk(write(dir, "x.zip", zip));
        assertEquals(List.of("member is encrypted: not read"), r.get("!/b/u_ex210303.log").problems());
        assertNeighboursRead(r);
    }

    @Test
    void corruptDeflateDataCostsOnlyItsMember() throws Exception {
        // deflate method on stored bytes: the inflater meets an invalid block at once
        Path z = write(dir, "x.zip", withMethod(storedZip(), "b/u_ex210303.log", 8));
        Recorder r = walk(z);
        List<String> problems = r.get("!/b/u_ex210303.log").problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("read error"), problems.toString());
        assertNeighboursRead(r);
        assertEquals(List.of(), r.get("x.zip").problems());
    }

    @Test
    void truncatedZipWithoutCentralDirectoryIsStillStreamed() throws Exception {
        byte[] zip = storedZip();
        byte[] cut = java.util.Arrays.copyOf(zip, zip.length - 60);
        Recorder r = walk(write(dir, "cut.zip", cut));
        assertNeighboursRead(r);
    }
}
