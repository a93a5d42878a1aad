package dwell.pivot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a refused authentication looks like in the index ({@code dwell/pivot/attempts.yaml}): its status values; and
 * the rules whose findings are runs of such attempts (a spray, a brute force).
 */
record Attempts(Set<Value> refused, Set<String> episodeRules) {
    private static final Attempts BUILT_IN = load();

    static Attempts builtin() {
        return BUILT_IN;
    }

    private static Attempts load() {
        try (InputStream in = Attempts.class.getResourceAsStream("/dwell/pivot/attempts.yaml")) {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            Set<Value> refused = new LinkedHashSet<>();
            root.path("refused-status").forEach(s -> refused.add(new Value(Kind.STATUS, s.asText())));
            if (refused.isEmpty()) throw new IOException("no refused-status");
            Set<String> episodes = new LinkedHashSet<>();
            root.path("episode-rules").forEach(r -> episodes.add(r.asText()));
            return new Attempts(Set.copyOf(refused), Set.copyOf(episodes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load dwell/pivot/attempts.yaml: " + e.getMessage(), e);
        }
    }
}
