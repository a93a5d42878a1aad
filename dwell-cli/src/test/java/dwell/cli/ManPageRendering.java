package dwell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** Renders man pages with the reference tools, groff and man-db, for the tests. */
final class ManPageRendering {
    private static final Pattern HEADER_FOOTER = Pattern.compile("(?m)^.*\\(1\\)\\s*$");

    private ManPageRendering() {
    }

    /** The warnings of {@code groff -man -Tutf8 -ww -z}: empty for a clean page. */
    static String groffWarnings(Path page) throws IOException, InterruptedException {
        return run(List.of("groff", "-man", "-Tutf8", "-ww", "-z", page.toString()), Map.of()).err();
    }

    /** What {@code man -l} shows of a page on a terminal of the given width, without formatting. */
    static String man(Path page, int width) throws IOException, InterruptedException {
        Output o = run(List.of("man", "-l", page.toString()), Map.of("MANWIDTH", Integer.toString(width), "LANG", "C.UTF-8"));
        assertEquals("", o.err(), "man -l " + page);
        return o.out();
    }

    /** The body text groff renders of a page (its one section TEXT: header, footer and heading removed). */
    static String groffText(String page) throws IOException, InterruptedException {
        Path file = Files.createTempFile("dwell-man", ".1");
        try {
            Files.writeString(file, page);
            assertEquals("", groffWarnings(file));
            String text = man(file, 200);
            return HEADER_FOOTER.matcher(text).replaceAll("").replaceFirst("(?m)^TEXT$", "");
        } finally {
            Files.delete(file);
        }
    }

    private record Output(String out, String err) {
    }

    private static Output run(List<String> cmd, Map<String, String> env) throws IOException, InterruptedException {
        Path err = Files.createTempFile("dwell-man-err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(1, TimeUnit.MINUTES)) throw new IllegalStateException("did not finish: " + cmd);
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), cmd + ": " + stderr);
            return new Output(out, stderr);
        } finally {
            Files.delete(err);
        }
    }
}
