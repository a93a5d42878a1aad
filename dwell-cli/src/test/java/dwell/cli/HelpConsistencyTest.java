package dwell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Issue 18: every command documents itself the same way (format values, placeholders, short options, help). */
class HelpConsistencyTest {
    /** The short name each common option has wherever it exists. */
    private static final Map<String, String> SHORT = Map.of("--format", "-f", "--out", "-o", "--threads", "-t",
            "--rules", "-r", "--help", "-h", "--version", "-V");

    /** Every command of dwell, depth first as help lists them. */
    static List<CommandSpec> all() {
        List<CommandSpec> specs = new ArrayList<>();
        collect(Main.fullCommandLine().getCommandSpec(), specs);
        return specs;
    }

    private static void collect(CommandSpec spec, List<CommandSpec> into) {
        into.add(spec);
        for (CommandLine sub : spec.subcommands().values()) collect(sub.getCommandSpec(), into);
    }

    @Test
    void everyCommandIsThere() {
        List<String> names = all().stream().map(CommandSpec::qualifiedName).toList();
        assertEquals(List.of("dwell", "dwell inventory", "dwell scan", "dwell rules", "dwell rules check", "dwell evtx",
                "dwell evtx dump", "dwell yara", "dwell yara scan", "dwell exposure", "dwell query", "dwell report", "dwell serve", "dwell traffic"), names);
    }

    @Test
    void everyCommandWithWorkToDoListsItsFormatValues() {
        for (CommandSpec c : all()) {
            if (!c.subcommands().isEmpty()) continue;
            OptionSpec format = c.findOption("--format");
            assertNotNull(format, c.qualifiedName() + " has no --format");
            String help = new CommandLine(c).getUsageMessage(CommandLine.Help.Ansi.OFF);
            Object[] values = format.type().getEnumConstants();
            assertNotNull(values, c.qualifiedName() + ": --format is not a closed set of values");
            StringBuilder listed = new StringBuilder();
            for (Object v : values) listed.append(listed.length() == 0 ? "" : ", ").append(v);
            assertTrue(help.replaceAll("\\s+", " ").contains(listed.toString()),
                    c.qualifiedName() + " should list " + listed + " in its help:\n" + help);
        }
    }

    @Test
    void placeholdersAreUpperCaseWords() {
        for (CommandSpec c : all()) {
            for (OptionSpec o : c.options()) {
                if (o.arity().max() == 0) continue;
                assertTrue(o.paramLabel().matches("\\[?[A-Z]+(=\\]?[A-Z]+)?"), c.qualifiedName() + " " + o.longestName()
                        + " has the placeholder " + o.paramLabel());
            }
            c.positionalParameters().forEach(p -> assertTrue(p.paramLabel().matches("[A-Z]+"),
                    c.qualifiedName() + " parameter " + p.paramLabel()));
        }
    }

    @Test
    void commonOptionsHaveTheirShortNameEverywhere() {
        for (CommandSpec c : all()) {
            assertNotNull(c.findOption("--help"), c.qualifiedName() + " has no --help");
            assertNotNull(c.findOption("--debug"), c.qualifiedName() + " has no --debug");
            for (OptionSpec o : c.options()) {
                String shortName = SHORT.get(o.longestName());
                if (shortName != null) {
                    assertTrue(List.of(o.names()).contains(shortName), c.qualifiedName() + " " + o.longestName()
                            + " should also be " + shortName);
                }
            }
        }
    }

    @Test
    void noDescriptionIsLeftToPicocliDefaults() {
        for (CommandSpec c : all()) {
            assertFalse(c.usageMessage().description().length == 0, c.qualifiedName() + " has no description");
            for (OptionSpec o : c.options()) {
                assertFalse(o.description().length == 0, c.qualifiedName() + " " + o.longestName() + " has no description");
            }
        }
    }
}
