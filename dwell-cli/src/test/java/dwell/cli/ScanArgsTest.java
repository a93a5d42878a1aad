package dwell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The picocli-free reading of {@code scan} gives what picocli gives, and leaves every other line to picocli. */
class ScanArgsTest {
    /** What picocli makes of the same arguments, as the one-command model Main builds for them. */
    private static ScanCommand picocli(String... args) {
        CommandLine cl = new CommandLine(new Main()).addSubcommand(ScanCommand.class);
        return (ScanCommand) cl.parseArgs(args).subcommand().commandSpec().userObject();
    }

    /** Every option and parameter of the command and its mixins, by field name, and the command line it records. */
    private static Map<String, String> describe(ScanCommand scan) throws IllegalAccessException {
        Map<String, String> m = new TreeMap<>();
        fields(scan, "", m);
        m.put("(words)", String.valueOf(scan.words()));
        return m;
    }

    private static void fields(Object o, String prefix, Map<String, String> m) throws IllegalAccessException {
        for (Field f : o.getClass().getDeclaredFields()) {
            f.setAccessible(true);
            if (f.isAnnotationPresent(CommandLine.Mixin.class)) {
                fields(f.get(o), prefix + f.getName() + ".", m);
            } else if (f.isAnnotationPresent(CommandLine.Option.class) || f.isAnnotationPresent(CommandLine.Parameters.class)) {
                m.put(prefix + f.getName(), String.valueOf(f.get(o)));
            }
        }
    }

    private static void same(String... args) throws IllegalAccessException {
        ScanCommand ours = ScanArgs.parse(args);
        assertNotNull(ours, () -> "not taken: " + Arrays.toString(args));
        assertEquals(describe(picocli(args)), describe(ours), Arrays.toString(args));
    }

    @Test
    void plainLinesGiveWhatPicocliGives() throws IllegalAccessException {
        same("scan", "logs");
        same("scan", "logs/", "b.zip", "--rules", "rules/windows", "--no-builtin", "-o", "out dir", "--quiet");
        same("scan", "a.evtx", "-r", "r1.yml", "--rules=r2/", "-r", "r3", "-i", "feed.csv", "--iocs=misp.json",
                "-y", "a.yar", "--yara", "b.yara");
        same("scan", "--out=o", "--since", "2021-01-01", "-u", "2021-02-01T10:00:00Z", "-l", "high", "--fail-on", "critical", "x");
        same("scan", "x", "--min-level=medium", "-s", "2020", "--until=2022", "--threads", "1", "--format", "json");
        same("scan", "x", "-t", "3", "-f", "table", "--strict", "--no-color", "--no-case", "--no-pivot", "--no-rule-cache");
        same("scan", "x", "--threads", "0", "-l", "HIGH", "--fail-on", "nonsense");
    }

    @Test
    void everythingElseIsLeftToPicocli() {
        String[][] lines = {
            {"scan"},
            {"scan", "--rules", "r"},                                 // no path
            {"scan", "--help"},
            {"scan", "-h", "x"},
            {"scan", "-V", "x"},
            {"scan", "--debug", "x"},
            {"scan", "x", "--spark", "local[2]"},
            {"scan", "x", "--pivot-depth", "2"},
            {"scan", "x", "--max-depth", "2"},
            {"scan", "x", "--mapping", "m.yml"},
            {"scan", "x", "-ofolder"},                                // attached short option
            {"scan", "x", "-o=folder"},
            {"scan", "--", "x"},
            {"scan", "@args.txt"},
            {"scan", "x", "--rule", "r"},                             // unknown option
            {"scan", "x", "-o", "a", "--out", "b"},                   // one option named twice
            {"scan", "x", "--quiet", "--quiet"},
            {"scan", "x", "-l", "high", "--min-level", "low"},
            {"scan", "x", "--quiet=true"},
            {"scan", "x", "--threads", "0x10"},
            {"scan", "x", "--threads", "010"},
            {"scan", "x", "--threads", "-1"},
            {"scan", "x", "--format", "JSON"},
            {"scan", "x", "--format", "csv"},
            {"scan", "x", "--out"},
            {"scan", "x", "-"},
            {"scan", "", "x"},
            {"scan", "x", "--rules", "nul\0"},
            {"scan", "x", "-o", "nul\0"},
            {"yara", "scan", "x"},
            {"inventory", "x"},
        };
        for (String[] line : lines) assertNull(ScanArgs.parse(line), Arrays.toString(line));
    }
}
