package dwell.sigma;

import dwell.rulecache.CodeStamp;
import dwell.rulecache.RuleCache;
import dwell.rulecache.RuleFileStamps;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What dwell makes from small YAML data files (the logsource mapping, the placeholders) kept in the
 * {@link RuleCache}, so that a repeated run loads no YAML parser. An entry's key holds dwell's version, the code with
 * the built-in files (dwell-core's jar by its {@link RuleFileStamps}, or a folder of classes by its fingerprint) and
 * each user file's path and stamps; with a file changed too recently to be stamped, the value is made every time.
 */
final class StampedCache<T> {
    /** The packages whose classes and data make these values: the built-in files are resources of the first two. */
    private static final List<String> CODE = List.of("dwell/", "dwell/sigma/", "dwell/event/", "dwell/formats/");

    /** Makes the value from its files. */
    @FunctionalInterface
    interface Maker<T> {
        T make() throws IOException;
    }

    private final String kind;
    private final String what;
    private final Function<T, byte[]> encode;
    private final Function<byte[], T> decode;

    /** @param decode throws {@link IllegalArgumentException} on bytes it did not write */
    StampedCache(String kind, String what, Function<T, byte[]> encode, Function<byte[], T> decode) {
        this.kind = kind;
        this.what = what;
        this.encode = encode;
        this.decode = decode;
    }

    /** The value for these user files: the entry's, when there is a sound one, else made (and stored). */
    T load(RuleCache cache, List<Path> userFiles, Maker<T> maker) throws IOException {
        Optional<RuleCache.Key> key = key(cache, userFiles);
        Optional<T> cached = key.flatMap(k -> read(cache, k));
        if (cached.isPresent()) return cached.get();
        T made = maker.make();
        key.ifPresent(k -> cache.write(k, encode.apply(made)));
        return made;
    }

    private Optional<RuleCache.Key> key(RuleCache cache, List<Path> userFiles) {
        if (!cache.enabled()) return Optional.empty();
        Optional<RuleFileStamps> stamps = RuleFileStamps.of(userFiles);
        Optional<byte[]> code = CodeStamp.of(StampedCache.class, CODE);
        if (stamps.isEmpty() || code.isEmpty()) return Optional.empty();
        RuleCache.Key key = cache.key(kind).add(code.get());
        stamps.get().addTo(key);
        return Optional.of(key);
    }

    /** The entry's value; one that does not decode is noted (and then overwritten). */
    private Optional<T> read(RuleCache cache, RuleCache.Key key) {
        Optional<byte[]> entry = cache.read(key);
        if (entry.isEmpty()) return Optional.empty();
        try {
            return Optional.of(decode.apply(entry.get()));
        } catch (IllegalArgumentException e) {
            cache.note("rule cache entry for " + what + " " + key.name() + " does not decode (" + e.getMessage() + "): loaded anew");
            return Optional.empty();
        }
    }
}
