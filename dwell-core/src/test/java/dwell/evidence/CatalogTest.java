package dwell.evidence;

import static dwell.evidence.Fixtures.W3C;
import static dwell.evidence.Fixtures.gzip;
import static dwell.evidence.Fixtures.members;
import static dwell.evidence.Fixtures.sha256;
import static dwell.evidence.Fixtures.tar;
import static dwell.evidence.Fixtures.utf8;
import static dwell.evidence.Fixtures.write;
import static dwell.evidence.Fixtures.zip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.event.FormatId;
import dwell.format.w3c.IisW3cLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class CatalogTest {
    @TempDir
    Path dir;

    private static Recorder walk(CatalogLimits limits, int threads, Path... roots) throws IOException {
        Recorder r = new Recorder();
        new Catalog(limits, threads).walk(List.of(roots), r);
        return r;
    }

    private static Recorder walk(Path... roots) throws IOException {
        return walk(CatalogLimits.DEFAULT, 1, roots);
    }

    @Test
    void anItemIsSniffedOnItsOwnBytesNotOnThoseOfTheItemBefore() throws Exception {
        // one thread sniffs both in one head array: the short item's fourth byte is the zip's, were its length ignored
        write(dir, "a.zip", zip(Map.of("u_ex210303.log", utf8(W3C))));
        write(dir, "b.bin", new byte[] {'P', 'K', 3});
        Recorder r = walk(dir);
        assertEquals(IisW3cLog.ID, r.get("a.zip!/u_ex210303.log").item().format());
        assertEquals(FormatId.UNKNOWN, r.get("b.bin").item().format());
    }

    @Test
    void plainFileIsHashedWhileStreamedAndMatchesSha256sum() throws Exception {
        Path log = write(dir, "W3SVC1/u_ex210303.log", utf8(W3C));
        Recorder r = walk(dir);
        Recorder.Seen s = r.get("u_ex210303.log");
        assertEquals(sha256sum(log), s.item().sha256());
        assertEquals(Files.size(log), s.item().size());
        assertEquals(Files.size(log), s.bytesRead(), "the visitor sees every byte");
        assertEquals(IisW3cLog.ID, s.item().format());
        assertEquals(Files.getLastModifiedTime(log).toInstant(), s.item().mtime());
        assertEquals(List.of(), s.problems());
    }

    @Test
    void hashIsCompleteEvenWhenTheVisitorStopsEarly() throws Exception {
        byte[] big = utf8(W3C.repeat(2000));
        Path log = write(dir, "u_ex210303.log", big);
        Recorder r = new Recorder(100);
        new Catalog(CatalogLimits.DEFAULT, 1).walk(List.of(log), r);
        Recorder.Seen s = r.get("u_ex210303.log");
        assertEquals(100, s.bytesRead());
        assertEquals(sha256sum(log), s.item().sha256());
        assertEquals(big.length, s.item().size());
    }

    @Test
    void evidenceLargeEnoughForNativeDigestsGetsTheSameHashes() throws Exception {
        byte[] a = utf8(W3C);
        byte[] big = utf8(W3C.repeat((int) (ItemDigests.NATIVE_FROM / W3C.length()) + 1));
        Path log = write(dir, "u_ex210303.log", big);
        Path z = write(dir, "old-logs.zip", zip(members("W3SVC1/u_ex190411.log", a)));
        Recorder r = walk(CatalogLimits.DEFAULT, 2, dir);
        assertEquals(sha256sum(log), r.get("u_ex210303.log").item().sha256());
        assertEquals(sha256sum(z), r.get("old-logs.zip").item().sha256());
        assertEquals(sha256(a), r.get("!/W3SVC1/u_ex190411.log").item().sha256());
    }

    @Test
    void zipMembersAreNamedUnderTheArchiveAndHashed() throws Exception {
        byte[] a = utf8(W3C);
        byte[] b = utf8("{\"EventID\":4688,\"Channel\":\"Security\"}\n");
        Path z = write(dir, "old-logs.zip", zip(members("W3SVC1/u_ex190411.log", a, "events/sec.json", b)));
        Recorder r = walk(z);
        assertEquals(List.of(z + "", z + "!/W3SVC1/u_ex190411.log", z + "!/events/sec.json"), r.paths());
        assertEquals(sha256(a), r.get("!/W3SVC1/u_ex190411.log").item().sha256());
        assertEquals(a.length, r.get("!/W3SVC1/u_ex190411.log").item().size());
        assertEquals(IisW3cLog.ID, r.get("!/W3SVC1/u_ex190411.log").item().format());
        assertEquals(sha256(b), r.get("!/events/sec.json").item().sha256());
        Recorder.Seen archive = r.get("old-logs.zip");
        assertEquals(Archive.ZIP.id(), archive.item().format());
        assertEquals(sha256sum(z), archive.item().sha256());
        assertEquals(Files.size(z), archive.item().size());
    }

    @Test
    void withoutDigestsTheSameItemsAndBytesArriveWithNoHash() throws Exception {
        byte[] a = utf8(W3C);
        Path z = write(dir, "old-logs.zip", zip(members("W3SVC1/u_ex190411.log", a)));
        Path log = write(dir, "u_ex210303.log", utf8(W3C.repeat(50)));
        Recorder hashed = walk(dir);
        Recorder plain = new Recorder();
        new Catalog(CatalogLimits.DEFAULT, 1).withoutDigests().walk(List.of(dir), plain);
        assertEquals(hashed.paths(), plain.paths());
        for (String p : List.of("!/W3SVC1/u_ex190411.log", "u_ex210303.log")) {
            assertNotNull(hashed.get(p).item().sha256());
            assertNull(plain.get(p).item().sha256(), p);
            assertEquals(hashed.get(p).bytesRead(), plain.get(p).bytesRead(), p);
            assertEquals(hashed.get(p).item().format(), plain.get(p).item().format(), p);
        }
        assertEquals(Files.size(log), plain.get("u_ex210303.log").bytesRead());
        assertEquals(sha256sum(z), walk(z).get("old-logs.zip").item().sha256(), "the ordinary catalog still hashes");
    }

    @Test
    void tarTarGzTgzAndGzAreOpened() throws Exception {
        byte[] a = utf8(W3C);
        Map<String, byte[]> m = members("logs/u_ex210303.log", a);
        Path t = write(dir, "a.tar", tar(m));
        Path tgz = write(dir, "b.tgz", gzip(tar(m)));
        Path targz = write(dir, "c.tar.gz", gzip(tar(m)));
        Path gz = write(dir, "u_ex210304.log.gz", gzip(a));
        Recorder r = walk(dir);
        assertEquals(List.of(t + "", t + "!/logs/u_ex210303.log", tgz + "", tgz + "!/logs/u_ex210303.log",
                targz + "", targz + "!/logs/u_ex210303.log", gz + "", gz + "!/u_ex210304.log"), r.paths());
        for (Recorder.Seen s : r.sorted()) {
            assertEquals(List.of(), s.problems(), s.item().path());
            if (s.item().path().contains("!/")) {
                assertEquals(sha256(a), s.item().sha256(), s.item().path());
                assertEquals(IisW3cLog.ID, s.item().format(), s.item().path());
            } else {
                assertEquals(sha256sum(Path.of(s.item().path())), s.item().sha256(), s.item().path());
            }
        }
        assertEquals(Archive.TAR.id(), r.get("a.tar").item().format());
        assertEquals(Archive.GZIP.id(), r.get("b.tgz").item().format());
    }

    @Test
    void gzMemberTakesTheNameInItsHeader() throws Exception {
        // gzip(1) stores the original name; Java's GZIPOutputStream does not, so write the header by hand
        byte[] body = gzip(utf8(W3C));
        byte[] name = "u_ex190411.log\0".getBytes(StandardCharsets.ISO_8859_1);
        byte[] named = new byte[body.length + name.length];
        System.arraycopy(body, 0, named, 0, 10);
        named[3] = 0x08; // FNAME
        System.arraycopy(name, 0, named, 10, name.length);
        System.arraycopy(body, 10, named, 10 + name.length, body.length - 10);
        Path gz = write(dir, "renamed.gz", named);
        Recorder r = walk(gz);
        assertEquals(List.of(gz + "", gz + "!/u_ex190411.log"), r.paths());
        assertEquals(sha256(utf8(W3C)), r.get("!/u_ex190411.log").item().sha256());
    }

    @Test
    void nestedZipInsideTarGzIsNamedLevelByLevel() throws Exception {
        byte[] a = utf8(W3C);
        byte[] inner = zip(members("W3SVC1/u_ex190411.log", a));
        Path outer = write(dir, "triage.tar.gz", gzip(tar(members("inetpub/old-logs.zip", inner, "note.txt", "hi\n"))));
        Recorder r = walk(outer);
        String innerPath = outer + "!/inetpub/old-logs.zip";
        assertEquals(List.of(outer + "", innerPath, innerPath + "!/W3SVC1/u_ex190411.log", outer + "!/note.txt"),
                r.paths());
        assertEquals(sha256(inner), r.get("!/inetpub/old-logs.zip").item().sha256());
        assertEquals(Archive.ZIP.id(), r.get("!/inetpub/old-logs.zip").item().format());
        assertEquals(sha256(a), r.get("old-logs.zip!/W3SVC1/u_ex190411.log").item().sha256());
        assertEquals(IisW3cLog.ID, r.get("old-logs.zip!/W3SVC1/u_ex190411.log").item().format());
    }

    @Test
    void formatComesFromContentNotName() throws Exception {
        write(dir, "renamed.txt", utf8(W3C));
        write(dir, "u_ex210303.log", new byte[] {0x00, 0x01, 0x02, (byte) 0xff, 0x00, 0x13, 0x37, 0x00});
        write(dir, "logs.bin", zip(members("x.log", W3C)));
        Recorder r = walk(dir);
        assertEquals(IisW3cLog.ID, r.get("renamed.txt").item().format());
        assertEquals(FormatId.UNKNOWN, r.get("u_ex210303.log").item().format());
        assertEquals(Archive.ZIP.id(), r.get("logs.bin").item().format());
        assertEquals(IisW3cLog.ID, r.get("logs.bin!/x.log").item().format());
    }

    @Test
    void walkNeverModifiesEvidence() throws Exception {
        write(dir, "W3SVC1/u_ex210303.log", utf8(W3C));
        write(dir, "a.zip", zip(members("x.log", W3C, "../evil", "pwned", "/etc/x", "pwned")));
        write(dir, "b.tar.gz", gzip(tar(members("y/u_ex210304.log", W3C))));
        write(dir, "c.log.gz", Arrays.copyOf(gzip(utf8(W3C.repeat(50))), 40));
        write(dir, "empty.log", new byte[0]);
        FileTime old = FileTime.fromMillis(1_600_000_000_000L);
        Map<Path, String> before = new TreeMap<>();
        try (var s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                if (Files.isRegularFile(p)) Files.setLastModifiedTime(p, old);
            }
        }
        try (var s = Files.walk(dir)) {
            for (Path p : s.toList()) before.put(p, state(p));
        }
        walk(CatalogLimits.DEFAULT, 2, dir);
        Map<Path, String> after = new TreeMap<>();
        try (var s = Files.walk(dir)) {
            for (Path p : s.toList()) after.put(p, state(p));
        }
        assertEquals(before, after, "same files, same bytes, same mtimes; nothing extracted");
        assertFalse(Files.exists(dir.resolve("evil")));
        assertFalse(Files.exists(dir.getParent().resolve("evil")));
    }

    private static String state(Path p) throws IOException {
        if (Files.isDirectory(p)) return "dir";
        return sha256(Files.readAllBytes(p)) + " " + Files.getLastModifiedTime(p).toMillis();
    }

    @Test
    void unsafeMemberNamesAreReportedAndNotRead() throws Exception {
        Path z = write(dir, "evil.zip", zip(members("../evil", "x", "/etc/x", "y", "C:\\Windows\\x.log", "z",
                "a/../../b", "w", "good.log", W3C)));
        Recorder r = walk(z);
        for (String bad : List.of("!/../evil", "!//etc/x", "!/C:/Windows/x.log", "!/a/../../b")) {
            Recorder.Seen s = r.get(bad);
            assertEquals(List.of("unsafe member name (absolute or with ..): reported, not read"), s.problems(), bad);
            assertEquals(-1, s.bytesRead(), "never handed to a reader: " + bad);
            assertNull(s.item().sha256());
        }
        Recorder.Seen good = r.get("!/good.log");
        assertEquals(List.of(), good.problems());
        assertEquals(sha256(utf8(W3C)), good.item().sha256());
        assertEquals(List.of(), r.get("evil.zip").problems());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void nestedZipBombIsStoppedByTheRatioLimitAndTheWalkGoesOn() throws Exception {
        // 512 MiB of zeros, gzipped, then zipped: a few KiB on disk; each layer alone looks modest
        byte[] layer = Fixtures.gzipZeros(512L << 20);
        byte[] bomb = zip(members("inner/zeros.gz", layer));
        assertTrue(bomb.length < 64 * 1024, "the bomb is small: " + bomb.length);
        Path b = write(dir, "a-bomb.zip", bomb);
        write(dir, "b-after.log", utf8(W3C));
        Recorder r = walk(dir);
        Recorder.Seen member = r.get("zeros.gz!/zeros");
        assertTrue(member.problems().get(0).startsWith("decompression limit: expansion ratio over 1000:1"),
                member.problems().toString());
        assertTrue(member.bytesRead() < (64L << 20), "stopped early, read " + member.bytesRead());
        Recorder.Seen archive = r.get("a-bomb.zip");
        assertTrue(archive.problems().stream().anyMatch(p -> p.contains("decompression limit")), archive.problems().toString());
        assertEquals(sha256sum(b), archive.item().sha256(), "the archive itself is still hashed");
        Recorder.Seen after = r.get("b-after.log");
        assertEquals(List.of(), after.problems());
        assertNotNull(after.item().sha256());
    }

    @Test
    void expandedBytesLimitStopsAnArchiveAndLaterArchivesStillOpen() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 40_000; i++) sb.append("line ").append(i * 7919L % 100_003).append(' ').append(i).append('\n');
        byte[] text = utf8(sb.toString());
        write(dir, "a.zip", zip(members("one.log", text, "two.log", text, "three.log", text)));
        write(dir, "b.zip", zip(members("small.log", W3C)));
        CatalogLimits limits = new CatalogLimits(text.length + text.length / 2, 1000, 8, 8L << 30);
        Recorder r = walk(limits, 1, dir);
        assertEquals(List.of(), r.get("a.zip!/one.log").problems());
        assertEquals(List.of("decompression limit: archive expands past " + limits.maxExpandedBytesPerArchive() + " bytes"),
                r.get("a.zip!/two.log").problems());
        assertFalse(r.paths().stream().anyMatch(p -> p.endsWith("three.log")), "the archive is abandoned");
        assertTrue(r.get("a.zip").problems().get(0).startsWith("stopped at "));
        assertEquals(List.of(), r.get("b.zip!/small.log").problems());
    }

    @Test
    void memberLimitStopsOneHugeMember() throws Exception {
        byte[] text = utf8(W3C.repeat(100));
        write(dir, "a.zip", zip(members("big.log", text)));
        Recorder r = walk(new CatalogLimits(1L << 40, 1000, 8, 1000), 1, dir);
        assertEquals(List.of("decompression limit: a member expands past 1000 bytes"), r.get("a.zip!/big.log").problems());
    }

    @Test
    void nestingDeeperThanTheLimitIsReportedNotOpened() throws Exception {
        byte[] level3 = zip(members("x.log", W3C));
        byte[] level2 = zip(members("l3.zip", level3));
        write(dir, "l1.zip", zip(members("l2.zip", level2)));
        Recorder r = walk(new CatalogLimits(1L << 30, 1000, 2, 1L << 30), 1, dir);
        assertEquals(List.of("archive nesting deeper than 2 levels: not opened"), r.get("l2.zip!/l3.zip").problems());
        assertEquals(sha256(level3), r.get("l2.zip!/l3.zip").item().sha256());
        assertFalse(r.paths().stream().anyMatch(p -> p.endsWith("x.log")));
        Recorder deep = walk(dir);
        assertEquals(sha256(utf8(W3C)), deep.get("l3.zip!/x.log").item().sha256());
    }

    @Test
    void truncatedGzIsReportedWithWhatWasReadAndTheWalkGoesOn() throws Exception {
        byte[] full = gzip(utf8(W3C.repeat(400)));
        write(dir, "a.log.gz", Arrays.copyOf(full, full.length / 2));
        write(dir, "b.log", utf8(W3C));
        Recorder r = walk(dir);
        Recorder.Seen member = r.get("a.log.gz!/a.log");
        assertEquals(List.of("truncated: unexpected end of data"), member.problems());
        assertTrue(member.bytesRead() > 0, "what could be read was read");
        assertNull(member.item().sha256());
        assertTrue(r.get("a.log.gz").problems().get(0).contains("truncated"));
        assertEquals(List.of(), r.get("b.log").problems());
    }

    @Test
    void corruptZipIsReportedAndTheWalkGoesOn() throws Exception {
        byte[] good = zip(members("x.log", W3C.repeat(50)));
        byte[] bad = good.clone();
        for (int i = 60; i < 200 && i < bad.length; i++) bad[i] ^= 0x5a;
        write(dir, "a.zip", bad);
        write(dir, "b.log", utf8(W3C));
        Recorder r = walk(dir);
        boolean reported = !r.get("a.zip").problems().isEmpty() || r.sorted().stream()
                .filter(s -> s.item().path().contains("a.zip!/")).anyMatch(s -> !s.problems().isEmpty());
        assertTrue(reported, "the damage is reported on the archive or its member: " + r.sorted());
        assertNotNull(r.get("a.zip").item().sha256(), "the archive's own bytes are still hashed");
        assertEquals(List.of(), r.get("b.log").problems());
    }

    @Test
    void emptyFilesAreReported() throws Exception {
        write(dir, "empty.log", new byte[0]);
        write(dir, "e.zip", zip(members("empty-member.log", new byte[0])));
        Recorder r = walk(dir);
        assertEquals(List.of("empty: no bytes"), r.get("empty.log").problems());
        assertEquals(sha256(new byte[0]), r.get("empty.log").item().sha256());
        assertEquals(List.of("empty: no bytes"), r.get("e.zip!/empty-member.log").problems());
    }

    @Test
    void brokenLinksAreReportedAndTheWalkGoesOn() throws Exception {
        Files.createSymbolicLink(dir.resolve("dangling.log"), dir.resolve("nowhere"));
        write(dir, "z.log", utf8(W3C));
        Recorder r = walk(dir);
        assertEquals(List.of("cannot read: broken symbolic link"), r.get("dangling.log").problems());
        assertEquals(List.of(), r.get("z.log").problems());
    }

    @Test
    void parallelWalkReportsExactlyWhatASerialWalkDoes() throws Exception {
        for (int i = 0; i < 30; i++) write(dir, String.format("W3SVC1/u_ex2103%02d.log", i), utf8(W3C.repeat(i + 1)));
        write(dir, "a.zip", zip(members("x.log", W3C, "../evil", "x")));
        write(dir, "b.tgz", gzip(tar(members("y.log", W3C))));
        write(dir, "c.gz", Arrays.copyOf(gzip(utf8(W3C.repeat(99))), 30));
        List<String> serial = describe(walk(CatalogLimits.DEFAULT, 1, dir));
        for (int round = 0; round < 3; round++) {
            assertEquals(serial, describe(walk(CatalogLimits.DEFAULT, 4, dir)));
        }
        assertEquals(37, serial.size());
    }

    private static List<String> describe(Recorder r) {
        return r.sorted().stream().map(s -> s.item() + " " + s.problems() + " " + s.bytesRead()).toList();
    }

    @Test
    void aFileReachedTwiceIsReadOnce() throws Exception {
        Path log = write(dir, "W3SVC1/u_ex210303.log", utf8(W3C));
        Recorder r = walk(CatalogLimits.DEFAULT, 2, dir, dir.resolve("W3SVC1"), log,
                dir.resolve("W3SVC1/../W3SVC1/u_ex210303.log"));
        assertEquals(List.of(log.toString()), r.paths());
    }

    @Test
    void memberNameRules() {
        assertTrue(MemberName.isSafe("inetpub/logs/u_ex190411.log"));
        assertTrue(MemberName.isSafe("a..b/c"));
        assertFalse(MemberName.isSafe("../evil"));
        assertFalse(MemberName.isSafe("a/../../evil"));
        assertFalse(MemberName.isSafe("a\\..\\evil"));
        assertFalse(MemberName.isSafe("/etc/x"));
        assertFalse(MemberName.isSafe("\\\\server\\share\\x"));
        assertFalse(MemberName.isSafe("C:\\x"));
        assertFalse(MemberName.isSafe("c:x"));
        assertFalse(MemberName.isSafe("x\0.log"));
        assertFalse(MemberName.isSafe(""));
        assertEquals("u_ex190411.log", MemberName.stripGz("dir/u_ex190411.log.gz"));
        assertEquals("logs.tar", MemberName.stripGz("a.zip!/logs.TGZ"));
        assertEquals("blob.out", MemberName.stripGz("blob"));
    }

    private static String sha256sum(Path p) throws IOException, InterruptedException {
        Process proc = new ProcessBuilder("sha256sum", p.toString()).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, proc.waitFor(), out);
        return out.substring(0, 64);
    }
}
