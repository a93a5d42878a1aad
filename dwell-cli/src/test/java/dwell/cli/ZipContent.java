package dwell.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** The member names and bytes of a zip, for comparing two archives by what they hold. */
final class ZipContent {
    private ZipContent() {
    }

    static Map<String, String> of(Path zip) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                try (var in = z.getInputStream(e)) {
                    m.put(e.getName(), Arrays.toString(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(in.readAllBytes())));
                } catch (java.security.NoSuchAlgorithmException ex) {
                    throw new IllegalStateException(ex);
                }
            }
        }
        return m;
    }
}
