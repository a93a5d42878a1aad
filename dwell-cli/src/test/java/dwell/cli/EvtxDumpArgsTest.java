package dwell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The picocli-free reading of {@code evtx dump} gives what picocli gives, and leaves every other line to picocli. */
class EvtxDumpArgsTest {
    /** What picocli makes of the same arguments, as the one-command model Main builds for them. */
    private static EvtxDumpCommand picocli(String... args) {
        CommandLine cl = new CommandLine(new Main()).addSubcommand(EvtxCommand.class);
        CommandLine.ParseResult r = cl.parseArgs(args);
        return (EvtxDumpCommand) r.subcommand().subcommand().commandSpec().userObject();
    }

    private static String describe(EvtxDumpCommand d) {
        return "paths=" + d.paths + " format=" + d.format + " recovered=" + d.recovered + " threads=" + d.threads.threads
                + " limits=" + d.limits.limits() + " quiet=" + d.console.quiet + " noColor=" + d.console.noColor;
    }

    private static void same(String... args) {
        EvtxDumpCommand ours = EvtxDumpArgs.parse(args);
        assertNotNull(ours, () -> "not taken: " + Arrays.toString(args));
        assertEquals(describe(picocli(args)), describe(ours), Arrays.toString(args));
    }

    @Test
    void plainLinesGiveWhatPicocliGives() {
        same("evtx", "dump", "Security.evtx");
        same("evtx", "dump", "a.evtx", "logs/", "b.zip");
        same("evtx", "dump", "--format", "xml", "a.evtx");
        same("evtx", "dump", "a.evtx", "-f", "jsonl", "--threads", "2");
        same("evtx", "dump", "--format=xml", "--threads=1", "--recovered=all", "a.evtx");
        same("evtx", "dump", "-t", "3", "--recovered", "none", "a.evtx", "--quiet");
        same("evtx", "dump", "--recovered", "unique", "--no-color", "--quiet", "a.evtx");
        same("evtx", "dump", "--threads", "0", "a.evtx");
    }

    @Test
    void everythingElseIsLeftToPicocli() {
        String[][] lines = {
            {"evtx", "dump", "--help"},
            {"evtx", "dump", "-h", "a.evtx"},
            {"evtx", "dump", "-V", "a.evtx"},
            {"evtx", "dump"},                                          // no path
            {"evtx", "dump", "--format", "xml"},
            {"evtx", "dump", "-fxml", "a.evtx"},                       // attached short option
            {"evtx", "dump", "-f=xml", "a.evtx"},
            {"evtx", "dump", "--", "a.evtx"},
            {"evtx", "dump", "@args.txt"},
            {"evtx", "dump", "--thread", "2", "a.evtx"},               // unknown option
            {"evtx", "dump", "--max-depth", "2", "a.evtx"},            // archive limits: picocli's
            {"evtx", "dump", "--debug", "a.evtx"},
            {"evtx", "dump", "--threads", "0x10", "a.evtx"},
            {"evtx", "dump", "--threads", "010", "a.evtx"},
            {"evtx", "dump", "--threads", "-1", "a.evtx"},
            {"evtx", "dump", "-t", "1", "--threads", "2", "a.evtx"},  // one option named twice
            {"evtx", "dump", "--format", "XML", "a.evtx"},
            {"evtx", "dump", "--format", "json", "a.evtx"},
            {"evtx", "dump", "-f", "xml", "--format", "xml", "a.evtx"},
            {"evtx", "dump", "--recovered", "some", "a.evtx"},
            {"evtx", "dump", "--recovered", "all", "--recovered", "all", "a.evtx"},
            {"evtx", "dump", "--quiet", "--quiet", "a.evtx"},
            {"evtx", "dump", "--quiet=true", "a.evtx"},
            {"evtx", "dump", "a.evtx", "-"},
            {"evtx", "dump", "a.evtx", "--threads"},
            {"evtx", "dump", "", "a.evtx"},
            {"evtx", "dump", "nul\0.evtx"},
            {"evtx", "a.evtx", "dump"},
            {"yara", "dump", "a.evtx"},
        };
        for (String[] line : lines) assertNull(EvtxDumpArgs.parse(line), Arrays.toString(line));
    }
}
