package dwell.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** One exit status of dwell and when it is given, as the man pages list them (exit-statuses.tsv). */
record ExitStatus(int code, String meaning) {
    private static final String RESOURCE = "exit-statuses.tsv";

    /** Every exit status, in order of code. */
    static List<ExitStatus> all() {
        try (InputStream in = ExitStatus.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank())
                    .map(ExitStatus::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ExitStatus parse(String line) {
        String[] f = line.split("\t", 2);
        if (f.length != 2) throw new IllegalStateException(RESOURCE + ": not STATUS<TAB>MEANING: " + line);
        return new ExitStatus(Integer.parseInt(f[0]), f[1]);
    }
}
