package dwell.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dwell.rulecache.RuleCache;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values of the {@code %name%} placeholders that the {@code expand} modifier replaces, from a YAML map of
 * name to value list (values are Sigma patterns, wildcards allowed). The built-in file defines none: a site
 * writes its own (dwell/sigma/placeholders.yaml shows the layout) and passes it with --placeholders.
 */
public final class Placeholders {
    /** As rule cache entries: each name and its values, by name. */
    private static final StampedCache<Placeholders> CACHED = new StampedCache<>("sigmaplaceholders", "the placeholders",
            Placeholders::encode, Placeholders::decode);

    private final Map<String, List<String>> values;

    private Placeholders(Map<String, List<String>> values) {
        this.values = values;
    }

    public static Placeholders none() {
        return new Placeholders(Map.of());
    }

    /** Built-in placeholders plus those of the given files (later files win), through the run's installed cache. */
    public static Placeholders load(List<Path> files) throws IOException {
        return load(files, RuleCache.installed());
    }

    /** Built-in placeholders plus those of the given files (later files win); a repeated run reads them from {@code cache}. */
    public static Placeholders load(List<Path> files, RuleCache cache) throws IOException {
        return CACHED.load(cache, files, () -> parse(files));
    }

    private static Placeholders parse(List<Path> files) throws IOException {
        Map<String, List<String>> all = new LinkedHashMap<>();
        try (InputStream in = Placeholders.class.getResourceAsStream("/dwell/sigma/placeholders.yaml")) {
            if (in != null) read(new ObjectMapper(new YAMLFactory()).readTree(in), all);
        }
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                read(new ObjectMapper(new YAMLFactory()).readTree(in), all);
            } catch (IOException e) {
                throw new IOException(f + ": " + e.getMessage(), e);
            }
        }
        return new Placeholders(all);
    }

    public static Placeholders of(Map<String, List<String>> values) {
        return new Placeholders(Map.copyOf(values));
    }

    private static void read(JsonNode root, Map<String, List<String>> into) {
        if (root == null || !root.isObject()) return;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<String> vs = new ArrayList<>();
            if (e.getValue().isArray()) e.getValue().forEach(v -> vs.add(v.asText()));
            else if (!e.getValue().isNull()) vs.add(e.getValue().asText());
            into.put(e.getKey(), vs);
        }
    }

    private static byte[] encode(Placeholders p) {
        EntryOut out = new EntryOut();
        out.map(p.values, out::texts);
        return out.bytes();
    }

    private static Placeholders decode(byte[] bytes) {
        EntryIn in = new EntryIn(bytes);
        try {
            Map<String, List<String>> values = in.map(in::texts);
            if (in.b.hasRemaining()) throw new IllegalArgumentException("bytes after the placeholders");
            return new Placeholders(values);
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated", e);
        } catch (IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("not placeholders: " + e.getMessage(), e);
        }
    }

    /** Every placeholder's values (the rule cache's key holds them). */
    Map<String, List<String>> values() {
        return values;
    }

    /** The values of a placeholder, or null when it has none. */
    public List<String> get(String name) {
        List<String> v = values.get(name);
        return v == null || v.isEmpty() ? null : v;
    }
}
