package dwell.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Progress, the final timing line and level colours, under a pseudo-terminal made by util-linux {@code script}
 * (standard output and error both on it, unless the command redirects one), and their absence when the streams are
 * files, with {@code --quiet}, {@code --no-color} or NO_COLOR.
 */
class ProgressIT {
    private static final Pattern SGR = Pattern.compile("\u001b\\[[0-9;]*m");
    private static final Pattern FINAL = Pattern.compile(
            "dwell scan: done in \\d+\\.\\d s, 500 files, 0\\.9 MB read in \\d+\\.\\d s \\(\\d+\\.\\d MB/s\\)\r?\n");

    @TempDir
    Path tmp;

    /** What the terminal showed: standard output and error of ./dwell as they reached the pseudo-terminal. */
    private static String onTerminal(Map<String, String> env, String shellCommand) throws IOException, InterruptedException {
        Path script = Path.of("/usr/bin/script");
        assertTrue(Files.isExecutable(script), "util-linux script is needed to test progress on a terminal");
        ProcessBuilder pb = new ProcessBuilder(script.toString(), "-qec", shellCommand, "/dev/null")
                .directory(Dwell.root().toFile()).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), new String(out, StandardCharsets.UTF_8));
        return new String(out, StandardCharsets.UTF_8);
    }

    private static String quoted(String... args) {
        List<String> q = new ArrayList<>();
        for (String a : args) q.add("'" + a.replace("'", "'\\''") + "'");
        return String.join(" ", q);
    }

    @Test
    void scanOnATerminalShowsProgressAFinalLineAndColoursAndWritesWhatAFileRunWrites() throws Exception {
        Path tty = tmp.resolve("tty");
        String screen = onTerminal(Map.of("TERM", "xterm"), quoted("./dwell", "scan", "examples/", "--no-case", "--threads", "1",
                "--out", tty.toString()));
        // the line is redrawn in place while the files are read: counts of the 500 files on disk, bytes, rate, time left
        assertTrue(Pattern.compile("\rscan: reading \\d+/500 files, \\d+\\.\\d/0\\.9 MB, \\d+\\.\\d MB/s(, ETA \\d+:\\d\\d)? \\[\\d+:\\d\\d\\]\u001b\\[K")
                .matcher(screen).find(), screen);
        assertTrue(screen.contains("\rscan: pivoting ["), "stages after reading");
        assertTrue(FINAL.matcher(screen).find(), screen);
        assertTrue(screen.indexOf("dwell scan: done in") < screen.indexOf("Incident 1 - "), "progress ends before the summary");
        // the incidents in their level's colour: both of examples/ most severe ones hold a critical finding
        assertTrue(screen.contains("\u001b[1;97;41mIncident 1 - first trace 2019-04-11"), screen);
        assertTrue(screen.contains("\u001b[1;91mIncident 3 - "), screen);

        Path file = tmp.resolve("file");
        Dwell.Result r = Dwell.run("scan", "examples/", "--no-case", "--threads", "3", "--out", file.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err(), "no progress, no final line when standard error is a file");
        assertFalse(SGR.matcher(r.out()).find(), "no colour when standard output is a file");
        for (String f : List.of("findings.jsonl", "incidents.json", "inventory.json")) {
            assertArrayEquals(Files.readAllBytes(file.resolve(f)), Files.readAllBytes(tty.resolve(f)), f);
        }
        assertEquals(r.out().replace(file.toString(), "OUT"),
                SGR.matcher(screen.substring(screen.indexOf("Incident 1 - "))).replaceAll("").replace("\r\n", "\n")
                        .replace(tty.toString(), "OUT"), "the same summary, colours aside");
    }

    @Test
    void quietAndNoColorLeaveOnlyTheSummary() throws Exception {
        String screen = onTerminal(Map.of("TERM", "xterm"), quoted("./dwell", "scan", "examples/", "--no-case", "--quiet",
                "--no-color", "--out", tmp.resolve("q").toString()));
        assertTrue(screen.startsWith("Incident 1 - first trace"), screen);
        assertFalse(screen.contains("\u001b"), "no progress, no colour: " + screen);
        assertFalse(screen.contains("done in"));
    }

    @Test
    void noColorInTheEnvironmentTurnsColoursOffAndProgressStays() throws Exception {
        String screen = onTerminal(Map.of("TERM", "xterm", "NO_COLOR", "1"), quoted("./dwell", "inventory", "examples/"));
        assertFalse(SGR.matcher(screen).find(), screen);
        assertTrue(Pattern.compile("\rinventory: reading \\d+/500 files").matcher(screen).find(), screen);
        assertTrue(screen.contains("dwell inventory: done in "), screen);
        String table = screen.substring(screen.indexOf("\n", screen.indexOf("dwell inventory: done in ")) + 1).replace("\r\n", "\n");
        assertEquals(Dwell.run("inventory", "examples/").out(), table, "the same inventory after the progress");
    }

    @Test
    void evtxDumpShowsProgressOnlyWhenItsRecordsGoElsewhere() throws Exception {
        Path samples = Dwell.corpus("evtx-attack-samples");
        long files;
        try (Stream<Path> s = Files.walk(samples)) {
            files = s.filter(Files::isRegularFile).count();
        }
        Path dump = tmp.resolve("dump.jsonl");
        String screen = onTerminal(Map.of("TERM", "xterm"), quoted("./dwell", "evtx", "dump", samples.toString()) + " > " + quoted(dump.toString()));
        assertTrue(Pattern.compile("dwell evtx dump: done in \\d+\\.\\d s, " + files + " files, ").matcher(screen).find(), screen);
        Dwell.Result plain = Dwell.run("evtx", "dump", samples.toString());
        assertEquals(plain.out(), Files.readString(dump), "records the same with progress shown");

        Path one = samples.resolve("Credential Access/sysmon_10_11_outlfank_dumpert_and_andrewspecial_memdump.evtx");
        String mixed = onTerminal(Map.of("TERM", "xterm"), quoted("./dwell", "evtx", "dump", one.toString()));
        assertTrue(mixed.startsWith("{\"file\":"), "records straight on the terminal: " + mixed.substring(0, 80));
        assertFalse(mixed.contains("\u001b") || mixed.contains("done in"), "no progress between the records");
    }
}
