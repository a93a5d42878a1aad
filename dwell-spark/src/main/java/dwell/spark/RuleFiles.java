package dwell.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The item-local rule sources' bytes (IOC feeds, the field placement table, YARA rules and the files they include), read
 * once on the driver and broadcast, by the names they were given: executors compile them without reading any rule path.
 * Plain bytes travel, never rule objects; {@code digest} names the set (and the settings it compiles with) for the
 * executors' cache.
 */
record RuleFiles(Map<String, byte[]> files, String digest) implements Serializable {
    private static final Pattern INCLUDE = Pattern.compile("(?m)^\\s*include\\s+\"([^\"]+)\"");

    /** The files {@code spec}'s item-local rules read: folders walked, YARA includes followed. */
    static RuleFiles of(ShareSpec spec) {
        Map<String, byte[]> files = new TreeMap<>();
        try {
            for (String feed : spec.iocs()) addTree(Path.of(feed), files);
            if (spec.iocFields() != null) add(Path.of(spec.iocFields()), files);
            for (String rules : spec.yara()) {
                for (Path p : tree(Path.of(rules))) addYara(p, files);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rules to send to the executors: " + e.getMessage(), e);
        }
        return new RuleFiles(files, digest(files, spec.yaraTimeout()));
    }

    private static void addTree(Path root, Map<String, byte[]> files) throws IOException {
        for (Path p : tree(root)) add(p, files);
    }

    private static List<Path> tree(Path root) throws IOException {
        if (!Files.isDirectory(root)) return List.of(root);
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static void add(Path p, Map<String, byte[]> files) throws IOException {
        if (!files.containsKey(p.toString())) files.put(p.toString(), Files.readAllBytes(p));
    }

    /** A YARA file and, transitively, the files it includes (resolved against its folder, as the parser does). */
    private static void addYara(Path p, Map<String, byte[]> files) throws IOException {
        if (files.containsKey(p.toString()) || !Files.isRegularFile(p)) return;
        add(p, files);
        Matcher m = INCLUDE.matcher(new String(files.get(p.toString()), StandardCharsets.ISO_8859_1));
        List<Path> included = new ArrayList<>();
        while (m.find()) included.add(p.getParent() == null ? Path.of(m.group(1)) : p.getParent().resolve(m.group(1)));
        for (Path i : included) addYara(i, files);
    }

    private static String digest(Map<String, byte[]> files, long yaraTimeout) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(Long.toString(yaraTimeout).getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                md.update((byte) 0);
                md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(Long.toString(e.getValue().length).getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(e.getValue());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
