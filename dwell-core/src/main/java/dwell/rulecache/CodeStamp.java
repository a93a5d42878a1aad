package dwell.rulecache;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The code for a cheap cache key: its jar by the jar's {@link RuleFileStamps}, which change whenever the jar is
 * written (the {@link CodeFingerprint} reads the jar's directory: a tenth of a second in a fresh JVM); from a folder
 * of classes, the fingerprint of the packages.
 */
public final class CodeStamp {
    private CodeStamp() {
    }

    /** The stamp of the code {@code anchor} was loaded from; empty when it cannot be had. */
    public static Optional<byte[]> of(Class<?> anchor, List<String> packages) {
        try {
            Path jar = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(jar)) return CodeFingerprint.of(anchor, packages);
            // no lambda on a YARA cache hit's path (see RuleCache.NO_NOTES)
            Optional<RuleFileStamps> stamps = RuleFileStamps.of(List.of(jar));
            if (stamps.isEmpty()) return Optional.empty();
            return Optional.of(("jar " + jar + " " + stamps.get().stamps().get(0).facts()).getBytes(StandardCharsets.UTF_8));
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
