package dwell.cli;

import dwell.hunt.Level;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

/**
 * Paints console lines by finding level (dwell/cli/colours.properties). The colour codes go straight to the
 * descriptor, past {@link TerminalGuard}, which keeps escaping every ESC of the text itself: evidence text can
 * never carry a colour or any other sequence, only dwell's own codes reach the terminal.
 */
final class LevelColours {
    /** Paints nothing: the lines pass as they are. */
    static final LevelColours NONE = new LevelColours(null, Map.of());

    private final OutputStream raw;
    private final Map<Level, byte[]> start;

    private LevelColours(OutputStream raw, Map<Level, byte[]> start) {
        this.raw = raw;
        this.start = start;
    }

    /** Colours on standard output when the terminal takes them, else {@link #NONE}. */
    static LevelColours forStdout(boolean enabled) {
        return enabled ? new LevelColours(new FileOutputStream(FileDescriptor.out), codes()) : NONE;
    }

    /** Colours written to {@code raw}, for tests. */
    static LevelColours to(OutputStream raw) {
        return new LevelColours(raw, codes());
    }

    /** Prints one line, painted in the level's colour (no level, or colours off: plain). */
    void println(PrintStream o, Level level, String line) {
        byte[] sgr = level == null ? null : start.get(level);
        if (sgr == null) {
            o.println(line);
            return;
        }
        try {
            o.flush();
            raw.write(sgr);
            raw.flush();
            o.print(line);
            o.flush();
            raw.write("\u001b[0m".getBytes(StandardCharsets.US_ASCII));
            raw.flush();
            o.println();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<Level, byte[]> codes() {
        Properties p = new Properties();
        try (InputStream in = LevelColours.class.getResourceAsStream("/dwell/cli/colours.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Level, byte[]> m = new EnumMap<>(Level.class);
        for (String k : p.stringPropertyNames()) {
            String code = p.getProperty(k).trim();
            if (!code.matches("[0-9;]+")) throw new IllegalStateException("colours.properties: " + k + " is not an SGR code");
            m.put(Level.parse(k), ("\u001b[" + code + "m").getBytes(StandardCharsets.US_ASCII));
        }
        return m;
    }
}
