package dwell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code dwell --version}, which builds no command's model, says what the full command line says. */
class VersionTest {
    private static String run(String... args) {
        PrintStream out = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, Main.run(args));
        } finally {
            System.setOut(out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void bothFormsPrintTheVersionAsTheFullCommandLineDoes() {
        StringWriter full = new StringWriter();
        var cl = Main.fullCommandLine();
        cl.setOut(new PrintWriter(full, true));
        assertEquals(0, cl.execute("--version"));
        assertEquals("dwell " + Main.version() + System.lineSeparator(), full.toString());
        assertEquals(full.toString(), run("--version"));
        assertEquals(full.toString(), run("-V"));
    }
}
