package dwell.evidence;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Builds archives in memory for catalog tests. */
final class Fixtures {
    static final String W3C = "#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n"
            + "#Date: 2021-03-03 00:00:00\r\n#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port "
            + "cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\r\n"
            + "2021-03-03 01:02:03 10.0.0.5 GET /owa/ - 443 - 10.0.0.9 Mozilla/5.0 - 200 0 0 15\r\n";

    private Fixtures() {
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Members in insertion order: name to bytes. */
    static Map<String, byte[]> members(Object... nameThenBytes) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenBytes.length; i += 2) {
            Object v = nameThenBytes[i + 1];
            m.put((String) nameThenBytes[i], v instanceof String s ? utf8(s) : (byte[]) v);
        }
        return m;
    }

    static byte[] zip(Map<String, byte[]> members) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bo)) {
            for (Map.Entry<String, byte[]> e : members.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return bo.toByteArray();
    }

    static byte[] tar(Map<String, byte[]> members) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(bo)) {
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> e : members.entrySet()) {
                TarArchiveEntry te = new TarArchiveEntry(e.getKey(), true);
                te.setSize(e.getValue().length);
                t.putArchiveEntry(te);
                t.write(e.getValue());
                t.closeArchiveEntry();
            }
        }
        return bo.toByteArray();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(bo)) {
            g.write(data);
        }
        return bo.toByteArray();
    }

    /** A gzip stream of {@code n} zero bytes, written without holding them in memory. */
    static byte[] gzipZeros(long n) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        byte[] zeros = new byte[1 << 16];
        try (OutputStream g = new GZIPOutputStream(bo, 1 << 16)) {
            for (long done = 0; done < n; done += zeros.length) g.write(zeros, 0, (int) Math.min(zeros.length, n - done));
        }
        return bo.toByteArray();
    }

    static Path write(Path dir, String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.write(p, bytes);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
