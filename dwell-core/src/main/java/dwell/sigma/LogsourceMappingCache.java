package dwell.sigma;

import dwell.rulecache.RuleCache;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Logsource mappings kept in the {@link RuleCache} ({@link LogsourceMappingCodec}), so that a repeated run with the
 * same mapping files parses no YAML. An entry's key holds dwell's version, the code with the built-in mapping and
 * channel table (dwell-core's jar by its {@link RuleFileStamps}, or a folder of classes by its fingerprint) and each
 * user mapping file's path and stamps; a file changed too recently to be stamped is read every time.
 */
final class LogsourceMappingCache {
    /** The packages whose classes and data make a mapping: the built-in tables are resources of the first two. */
    private static final List<String> CODE = List.of("dwell/", "dwell/sigma/", "dwell/event/", "dwell/formats/");

    private LogsourceMappingCache() {
    }

    /** The key for a mapping with these user files, or empty when it is not cached. */
    static Optional<RuleCache.Key> key(RuleCache cache, List<Path> userFiles) {
        if (!cache.enabled()) return Optional.empty();
        Optional<RuleFileStamps> stamps = RuleFileStamps.of(userFiles);
        Optional<byte[]> code = CodeStamp.of(LogsourceMappingCache.class, CODE);
        if (stamps.isEmpty() || code.isEmpty()) return Optional.empty();
        RuleCache.Key key = cache.key("sigmamapping").add(code.get());
        RuleSetCache.add(key, stamps.get());
        return Optional.of(key);
    }

    /** The entry's mapping, when there is a sound one; one that does not decode is noted (and then overwritten). */
    static Optional<LogsourceMapping> read(RuleCache cache, RuleCache.Key key) {
        Optional<byte[]> entry = cache.read(key);
        if (entry.isEmpty()) return Optional.empty();
        try {
            return Optional.of(LogsourceMappingCodec.decode(entry.get()));
        } catch (IllegalArgumentException e) {
            cache.note("rule cache entry for the logsource mapping " + key.name() + " does not decode (" + e.getMessage()
                    + "): loaded anew");
            return Optional.empty();
        }
    }

    static void write(RuleCache cache, RuleCache.Key key, LogsourceMapping m) {
        cache.write(key, LogsourceMappingCodec.encode(m));
    }
}
