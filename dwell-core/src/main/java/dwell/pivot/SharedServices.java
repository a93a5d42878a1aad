package dwell.pivot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Domains of services anyone can put content on, by {@code dwell/pivot/shared-services.yaml}: their names say nothing of an actor. */
final class SharedServices {
    private static final Set<String> DOMAINS = new HashSet<>();

    static {
        try (InputStream in = SharedServices.class.getResourceAsStream("/dwell/pivot/shared-services.yaml")) {
            new ObjectMapper(new YAMLFactory()).readTree(in).path("domains")
                    .forEach(n -> DOMAINS.add(n.asText().toLowerCase(Locale.ROOT)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SharedServices() {
    }

    /** True for a listed domain or any name under one ({@code raw.githubusercontent.com}, {@code www.dropbox.com}). */
    static boolean hosts(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        while (d.endsWith(".")) d = d.substring(0, d.length() - 1);
        for (int dot = -1; ; dot = d.indexOf('.', dot + 1)) {
            if (DOMAINS.contains(d.substring(dot + 1))) return true;
            if (d.indexOf('.', dot + 1) < 0) return false;
        }
    }
}
