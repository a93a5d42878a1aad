package dwell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The picocli-free reading of {@code yara scan} gives what picocli gives, and leaves every other line to picocli. */
class YaraScanArgsTest {
    /** What picocli makes of the same arguments, as the one-command model Main builds for them. */
    private static YaraCommand.Scan picocli(String... args) {
        CommandLine cl = new CommandLine(new Main()).addSubcommand(YaraCommand.class);
        CommandLine.ParseResult r = cl.parseArgs(args);
        return (YaraCommand.Scan) r.subcommand().subcommand().commandSpec().userObject();
    }

    private static String describe(YaraCommand.Scan s) {
        return "rules=" + s.rules + " paths=" + s.paths + " defines=" + s.defines + " format=" + s.format
                + " threads=" + s.threads + " maxInMemory=" + s.maxInMemory + " noRuleCache=" + s.noRuleCache;
    }

    private static void same(String... args) {
        YaraCommand.Scan ours = YaraScanArgs.parse(args);
        assertNotNull(ours, () -> "not taken: " + Arrays.toString(args));
        assertEquals(describe(picocli(args)), describe(ours), Arrays.toString(args));
    }

    @Test
    void plainLinesGiveWhatPicocliGives() {
        same("yara", "scan", "--rules", "a.yar", "dir");
        same("yara", "scan", "-r", "a.yar", "-r", "b.yar", "dir", "file.txt");
        same("yara", "scan", "--rules=a.yar,b.yar", "--threads", "2", "dir");
        same("yara", "scan", "dir", "--rules", "a.yar", "--format", "json", "--max-in-memory", "1048576");
        same("yara", "scan", "-d", "name=value", "--define", "n=1=2", "--define=x=", "-r", "a.yar", "d");
        same("yara", "scan", "-d", "k=a", "-d", "k=b", "--format=table", "--threads=0", "-r", "a.yar", "d");
        same("yara", "scan", "-f", "json", "-t", "3", "-r", "a.yar", "d");
        same("yara", "scan", "--no-rule-cache", "-r", "a.yar", "d");
        same("yara", "scan", "-r", "a.yar", "d", "--no-rule-cache");
    }

    @Test
    void everythingElseIsLeftToPicocli() {
        String[][] lines = {
            {"yara", "scan", "--help"},
            {"yara", "scan", "-h", "-r", "a.yar", "d"},
            {"yara", "scan", "-V", "-r", "a.yar", "d"},
            {"yara", "scan", "-r", "a.yar"},                           // no path
            {"yara", "scan", "dir", "other"},                          // no rules
            {"yara", "scan", "-ra.yar", "dir"},                        // attached short option
            {"yara", "scan", "-r=a.yar", "dir"},
            {"yara", "scan", "-r", "a.yar", "--", "dir"},
            {"yara", "scan", "-r", "a.yar", "@args.txt"},
            {"yara", "scan", "-r", "a.yar", "--thread", "2", "dir"},   // unknown option
            {"yara", "scan", "-r", "a.yar", "--threads", "0x10", "dir"},
            {"yara", "scan", "-r", "a.yar", "--threads", "010", "dir"},
            {"yara", "scan", "-r", "a.yar", "--threads", "-1", "dir"},
            {"yara", "scan", "-r", "a.yar", "--threads", "1", "--threads", "2", "dir"},
            {"yara", "scan", "-r", "a.yar", "--format", "JSON", "dir"},
            {"yara", "scan", "-r", "a.yar", "--format", "json", "--format", "json", "dir"},
            {"yara", "scan", "-r", "a.yar", "-f", "json", "--format", "json", "dir"},   // one option named twice
            {"yara", "scan", "-r", "a.yar", "-t", "1", "--threads", "2", "dir"},
            {"yara", "scan", "-r", "a.yar", "-fjson", "dir"},
            {"yara", "scan", "-r", "a.yar", "-d", "novalue", "dir"},
            {"yara", "scan", "-r", "a.yar", "-d", "=v", "dir"},
            {"yara", "scan", "-r", "a.yar,", "dir"},
            {"yara", "scan", "-r", "\"a,b.yar\"", "dir"},
            {"yara", "scan", "-r", "a.yar", "dir", "-"},
            {"yara", "scan", "-r", "a.yar", "dir", "--threads"},
            {"yara", "scan", "-r", "a.yar", "", "dir"},
            {"yara", "scan", "-r", "nul\0.yar", "dir"},
            {"yara", "scan", "-r", "a.yar", "--no-rule-cache", "--no-rule-cache", "dir"},
            {"yara", "scan", "-r", "a.yar", "--no-rule-cache=true", "dir"},
            {"yara", "-r", "a.yar", "dir"},
            {"scan", "--yara", "a.yar", "dir"},
        };
        for (String[] line : lines) assertNull(YaraScanArgs.parse(line), Arrays.toString(line));
    }
}
