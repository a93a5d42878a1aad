package dwell.exchange.pack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Reads the pack's one-value-a-line resource lists ({@code #} comments, blank lines ignored). */
final class ResourceLists {
    private ResourceLists() {
    }

    static List<String> lines(String resource) {
        try (InputStream in = ResourceLists.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + resource);
            List<String> out = new ArrayList<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                String v = line.strip();
                if (!v.isEmpty() && !v.startsWith("#")) out.add(v);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + resource, e);
        }
    }

    /** The list lower-cased, for Windows' case-insensitive file names. */
    static Set<String> lowerCaseSet(String resource) {
        Set<String> s = new TreeSet<>();
        for (String v : lines(resource)) s.add(v.toLowerCase(Locale.ROOT));
        return Set.copyOf(s);
    }
}
