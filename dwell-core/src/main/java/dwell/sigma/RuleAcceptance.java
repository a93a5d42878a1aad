package dwell.sigma;

import dwell.hunt.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Whether a load of Sigma rules named by a user is fit to hunt with: a file named explicitly must load whole, every
 * path named must give at least one rule, and when strict nothing at all may be rejected. A rejected rule inside a
 * named folder is otherwise reported and the rest used: rule collections always hold a few dwell cannot run.
 */
public final class RuleAcceptance {
    private RuleAcceptance() {
    }

    /**
     * Why the load is refused, or empty when it may be used.
     *
     * @param given    the rule files and folders as the user named them (diagnostics name files the same way)
     * @param rejected the documents not loaded and the correlations that cannot run
     */
    public static Optional<String> refusal(List<Path> given, RuleSet set, List<Diagnostic> rejected, boolean strict) {
        List<Diagnostic> refused = new ArrayList<>();
        for (Diagnostic d : rejected) {
            if (strict || given.stream().anyMatch(p -> !Files.isDirectory(p) && p.toString().equals(d.source()))) refused.add(d);
        }
        if (!refused.isEmpty()) {
            String more = refused.size() == 1 ? "" : " (and " + (refused.size() - 1) + " more rejected)";
            return Optional.of(refused.get(0) + more + (strict ? " (--strict refuses any rejected rule)" : ""));
        }
        for (Path p : given) {
            if (loadedFrom(p, set) == 0) {
                long bad = rejected.stream().filter(d -> under(p, d.source())).count();
                return Optional.of(p + ": no Sigma rule loaded" + (Files.isDirectory(p)
                        ? " (" + bad + " rejected; a folder's rule files end in .yml or .yaml)" : ""));
            }
        }
        return Optional.empty();
    }

    private static long loadedFrom(Path given, RuleSet set) {
        return Stream.of(set.rules().stream().map(r -> r.origin().path()), set.correlations().stream().map(c -> c.origin().path()),
                set.filters().stream().map(f -> f.origin().path())).flatMap(s -> s).filter(s -> under(given, s)).count();
    }

    /** Whether a file named as the loader names it is the given path or lies under it. */
    private static boolean under(Path given, String file) {
        return Path.of(file).startsWith(given);
    }
}
