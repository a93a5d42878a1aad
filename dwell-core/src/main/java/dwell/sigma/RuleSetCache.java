package dwell.sigma;

import dwell.rulecache.CodeFingerprint;
import dwell.rulecache.Deflated;
import dwell.rulecache.RuleCache;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Loaded Sigma rule sets kept in the {@link RuleCache} ({@link RuleSetCodec}): a repeated run with the same rule
 * files skips YAML parsing, detection parsing and value compilation. An entry's key holds dwell's version, the code
 * that loads and encodes rules (the class files of the packages below), the YAML parser's version, the placeholders'
 * values (expansion happens before the entry is written) and each rule file's path (origins and rejections name it)
 * and bytes. The encoding is deflated: the cache's check of an entry reads a quarter of the bytes.
 */
final class RuleSetCache {
    private static final List<String> CODE = List.of("dwell/sigma/", "dwell/hunt/", "dwell/event/", "dwell/text/");
    /** The code's fingerprint, found once a run; empty when its class files cannot be found (nothing is cached). */
    private static volatile Optional<byte[]> code;

    private RuleSetCache() {
    }

    /** The key for these files' rule set, or empty when the code's fingerprint cannot be had. */
    static Optional<RuleCache.Key> key(RuleCache cache, Placeholders placeholders, List<String> names, List<byte[]> bytes) {
        Optional<byte[]> fingerprint = code();
        if (fingerprint.isEmpty()) return Optional.empty();
        RuleCache.Key key = cache.key("sigma").add(fingerprint.get())
                .add(com.fasterxml.jackson.dataformat.yaml.PackageVersion.VERSION.toString());
        Map<String, List<String>> values = new TreeMap<>(placeholders.values());
        key.add(Integer.toString(values.size()));
        values.forEach((name, list) -> {
            key.add(name).add(Integer.toString(list.size()));
            list.forEach(key::add);
        });
        key.add(Integer.toString(names.size()));
        for (int i = 0; i < names.size(); i++) key.add(names.get(i)).add(bytes.get(i));
        return Optional.of(key);
    }

    /** The entry's rule set, when there is a sound one; one that does not decode is noted (and then overwritten). */
    static Optional<RuleSet> read(RuleCache cache, RuleCache.Key key) {
        Optional<byte[]> entry = cache.read(key);
        if (entry.isEmpty()) return Optional.empty();
        try {
            return Optional.of(RuleSetCodec.decode(Deflated.inflate(entry.get())));
        } catch (IllegalArgumentException e) {
            cache.note("rule cache entry for Sigma rules " + key.name() + " does not decode (" + e.getMessage() + "): loaded anew");
            return Optional.empty();
        }
    }

    /** Stores {@code set} as the entry; a set the format cannot hold is loaded from its files every time. */
    static void write(RuleCache cache, RuleCache.Key key, RuleSet set) {
        byte[] bytes;
        try {
            bytes = RuleSetCodec.encode(set);
        } catch (RuleSetCodec.Unencodable e) {
            return;
        }
        cache.write(key, Deflated.deflate(bytes));
    }

    private static Optional<byte[]> code() {
        Optional<byte[]> c = code;
        if (c == null) {
            c = CodeFingerprint.of(RuleSetCache.class, CODE);
            code = c;
        }
        return c;
    }
}
