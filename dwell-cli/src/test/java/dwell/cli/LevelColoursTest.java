package dwell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.hunt.Level;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LevelColoursTest {
    /** Text and colour codes written to one sink, in order, the text through the terminal guard as in dwell. */
    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
    private final OutputStream raw = sink;
    private final PrintStream text = new PrintStream(new TerminalGuard(sink, StandardCharsets.UTF_8), false, StandardCharsets.UTF_8);

    private String written() {
        text.flush();
        return sink.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aLevelsLineIsWrappedInItsColourAndReset() {
        LevelColours.to(raw).println(text, Level.CRITICAL, "Incident 1");
        LevelColours.to(raw).println(text, Level.HIGH, "Incident 2");
        assertEquals("\u001b[1;97;41mIncident 1\u001b[0m\n\u001b[1;91mIncident 2\u001b[0m\n", written());
    }

    @Test
    void evidenceTextCarriesNoSequenceOfItsOwn() {
        LevelColours.to(raw).println(text, Level.MEDIUM, "path \u001b[2J\u009b31m");
        String w = written();
        assertTrue(w.startsWith("\u001b[33mpath \\x1b[2J\\x9b31m\u001b[0m"), w);
        assertEquals(2, w.chars().filter(c -> c == 0x1b).count(), "only dwell's own two codes: " + w);
    }

    @Test
    void noLevelOrColoursOffPrintPlain() {
        LevelColours.to(raw).println(text, null, "LEVEL  FINDINGS");
        LevelColours.NONE.println(text, Level.CRITICAL, "critical  22");
        assertEquals("LEVEL  FINDINGS\ncritical  22\n", written());
    }

    @Test
    void colourOnlyOnATerminalWithoutNoColorNorDumbTerm() {
        assertTrue(Terminal.of(true, true, Map.of("TERM", "xterm-256color")).colours());
        assertTrue(Terminal.of(true, false, Map.of("NO_COLOR", "")).colours(), "NO_COLOR empty does not count");
        assertFalse(Terminal.of(true, true, Map.of("NO_COLOR", "1")).colours());
        assertFalse(Terminal.of(true, true, Map.of("TERM", "dumb")).colours());
        assertFalse(Terminal.of(false, true, Map.of()).colours());
    }
}
