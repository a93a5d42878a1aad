package dwell.sigma;

import dwell.rulecache.CodeFingerprint;
import dwell.rulecache.CodeStamp;
import dwell.rulecache.RuleCache;
import dwell.rulecache.RuleFileStamps;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Loaded Sigma rule sets kept in the {@link RuleCache} ({@link RuleSetCodec}): a repeated run with the same rule
 * files skips YAML parsing, detection parsing and value compilation. An entry's key holds dwell's version, the code
 * that loads and encodes rules (the class files of the packages below), the YAML parser's version, the placeholders'
 * values (expansion happens before the entry is written) and each rule file's path (origins and rejections name it)
 * and bytes. The encoding is deflated ({@link RuleSetCodec}): the cache's check of an entry reads a quarter of the bytes. A second, small
 * entry keyed by the files' {@link RuleFileStamps} instead of their bytes names the first, so a run whose rule files
 * have not changed finds its rules without reading them.
 */
final class RuleSetCache {
    private static final List<String> CODE = List.of("dwell/sigma/", "dwell/hunt/", "dwell/event/", "dwell/text/");
    /** The code's fingerprint, found once a run; empty when its class files cannot be found (nothing is cached). */
    private static volatile Optional<byte[]> code;

    private RuleSetCache() {
    }

    /** The key for these files' rule set, or empty when the code's fingerprint cannot be had. */
    static Optional<RuleCache.Key> key(RuleCache cache, Placeholders placeholders, List<String> names, List<byte[]> bytes) {
        return common(cache, "sigma", code(), placeholders).map(key -> {
            key.add(Integer.toString(names.size()));
            for (int i = 0; i < names.size(); i++) key.add(names.get(i)).add(bytes.get(i));
            return key;
        });
    }

    /**
     * The key of the small entry that names the rule set's entry ({@link #key}) for files with these stamps: a run
     * finding it needs neither the files' bytes nor their digest.
     */
    static Optional<RuleCache.Key> stampKey(RuleCache cache, Placeholders placeholders, RuleFileStamps stamps) {
        return stampKeyStart(cache, placeholders).map(key -> {
            stamps.addTo(key);
            return key;
        });
    }

    /** The {@link #stampKey} before the stamps: it needs no rule file, so it can be made while they are found. */
    static Optional<RuleCache.Key> stampKeyStart(RuleCache cache, Placeholders placeholders) {
        return common(cache, "sigmastamps", CodeStamp.of(RuleSetCache.class, CODE), placeholders);
    }

    /** What every key holds: the code, the YAML parser's version, RE2/J's jar, the placeholders' values. */
    private static Optional<RuleCache.Key> common(RuleCache cache, String kind, Optional<byte[]> fingerprint,
                                                  Placeholders placeholders) {
        if (fingerprint.isEmpty()) return Optional.empty();
        RuleCache.Key key = cache.key(kind).add(fingerprint.get())
                .add(com.fasterxml.jackson.dataformat.yaml.PackageVersion.VERSION.toString()).add(re2j());
        Map<String, List<String>> values = new TreeMap<>(placeholders.values());
        key.add(Integer.toString(values.size()));
        values.forEach((name, list) -> {
            key.add(name).add(Integer.toString(list.size()));
            list.forEach(key::add);
        });
        return Optional.of(key);
    }

    /** The key of the rule set's entry that the stamps' entry names, when it is sound. */
    static Optional<RuleCache.Key> named(RuleCache cache, RuleCache.Key stampKey) {
        return cache.read(stampKey).flatMap(name -> cache.named("sigma", new String(name, StandardCharsets.US_ASCII)));
    }

    /** Notes that files with the stamps of {@code stampKey} hold the rule set of {@code key}. */
    static void writeStamped(RuleCache cache, RuleCache.Key stampKey, RuleCache.Key key) {
        cache.write(stampKey, key.name().getBytes(StandardCharsets.US_ASCII));
    }

    /** The entry's rule set, when there is a sound one; one that does not decode is noted (and then overwritten). */
    static Optional<RuleSet> read(RuleCache cache, RuleCache.Key key) {
        Optional<byte[]> entry = cache.read(key);
        if (entry.isEmpty()) return Optional.empty();
        try {
            return Optional.of(RuleSetCodec.decode(entry.get()));
        } catch (IllegalArgumentException e) {
            cache.note("rule cache entry for Sigma rules " + key.name() + " does not decode (" + e.getMessage() + "): loaded anew");
            return Optional.empty();
        }
    }

    /**
     * Stores {@code set} as the entry; false when the format cannot hold it (it is then loaded from its files
     * every time).
     */
    static boolean write(RuleCache cache, RuleCache.Key key, RuleSet set) {
        byte[] bytes;
        try {
            bytes = RuleSetCodec.encode(set);
        } catch (RuleSetCodec.Unencodable e) {
            return false;
        }
        cache.write(key, bytes);
        return true;
    }

    /**
     * RE2/J's jar by its name, which holds its version (its manifest has none): a cached rule's pattern is compiled
     * when first used ({@link RegexTest#deferred}), so an entry made with another RE2/J, which might refuse it, is not read.
     */
    static String re2j() {
        java.security.CodeSource source = com.google.re2j.Pattern.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) return "";
        String where = source.getLocation().getPath();
        return where.substring(where.lastIndexOf('/', where.length() - 2) + 1);
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
