package dwell.rulecache;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A digest of the class files of some packages, for a cache key: a development build keeps its version while the
 * code that prepares rules changes, and an entry made by other code must not be read. From a jar it takes each
 * class file's name, size and CRC-32 from the jar's directory (no class file is read); from a folder of classes,
 * each one's name and bytes.
 */
public final class CodeFingerprint {
    private CodeFingerprint() {
    }

    /** The fingerprint of {@code packages} ("dwell/sigma/") where {@code anchor} was loaded from; empty when unknown. */
    public static Optional<byte[]> of(Class<?> anchor, List<String> packages) {
        CodeSource source = anchor.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) return Optional.empty();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            Path where = Path.of(source.getLocation().toURI());
            if (Files.isDirectory(where)) {
                for (String pkg : packages) folder(where.resolve(pkg), pkg, out);
            } else {
                jar(where, packages, out);
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.of(RuleCache.sha256(bytes.toByteArray()));
    }

    private static void folder(Path dir, String pkg, DataOutputStream out) throws IOException {
        List<Path> classes;
        try (Stream<Path> s = Files.list(dir)) {
            classes = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path p : classes) {
            byte[] b = Files.readAllBytes(p);
            out.writeUTF(pkg + p.getFileName());
            out.writeInt(b.length);
            out.write(b);
        }
    }

    private static void jar(Path file, List<String> packages, DataOutputStream out) throws IOException {
        List<JarEntry> entries = new ArrayList<>();
        try (JarFile jar = new JarFile(file.toFile(), false)) {
            jar.stream().filter(e -> packages.stream().anyMatch(p -> inPackage(e.getName(), p))).forEach(entries::add);
        }
        entries.sort(Comparator.comparing(JarEntry::getName));
        for (JarEntry e : entries) {
            out.writeUTF(e.getName());
            out.writeLong(e.getSize());
            out.writeLong(e.getCrc());
        }
    }

    /** Directly in the package, not in a package below it (a folder's listing sees the same files). */
    private static boolean inPackage(String entry, String pkg) {
        return entry.startsWith(pkg) && entry.indexOf('/', pkg.length()) < 0 && !entry.endsWith("/");
    }
}
