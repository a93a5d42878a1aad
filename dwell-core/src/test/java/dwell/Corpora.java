package dwell;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates ../shared/corpora beside the repository; tests fail (never skip) when it is missing. */
public final class Corpora {
    private Corpora() {
    }

    /** The repository root: the nearest folder upwards holding the ./dwell launcher. */
    public static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !(Files.isRegularFile(p.resolve("dwell")) && Files.isRegularFile(p.resolve("pom.xml")))) {
            p = p.getParent();
        }
        if (p == null) throw new IllegalStateException("not inside the dwell repository: " + Path.of("").toAbsolutePath());
        return p;
    }

    /** {@code ../shared/corpora/<sub>}, which must exist. */
    public static Path path(String sub) {
        Path c = repoRoot().resolveSibling("shared").resolve("corpora").resolve(sub);
        if (!Files.exists(c)) throw new IllegalStateException("test corpus missing: " + c);
        return c;
    }
}
