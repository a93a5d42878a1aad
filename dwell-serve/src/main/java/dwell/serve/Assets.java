package dwell.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The pages' style sheets and scripts (assets.tsv names them), read once from the jars: nothing from a network. */
final class Assets {
    /** One file: its content type and bytes. */
    record Asset(String type, byte[] bytes) {
    }

    private final Map<String, Asset> byName = new HashMap<>();

    Assets() {
        for (String line : read("/dwell/serve/assets.tsv").split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("\t");
            byName.put(f[0], new Asset(f[1], bytes(f[2])));
        }
    }

    /** The asset of that name, or null. */
    Asset get(String name) {
        return byName.get(name);
    }

    private static String read(String resource) {
        return new String(bytes(resource), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String resource) {
        try (InputStream in = Assets.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + resource);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
